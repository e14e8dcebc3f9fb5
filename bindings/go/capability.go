package anthropicmodels

import "strconv"

// Capability names a capability of the API reference, the C library's
// am_capability; its String is the dotted path below "capabilities" that
// Model.SupportsPath and Model.Capabilities use. Capabilities the API adds
// after this release have no constant: ask for them by path.
type Capability int32

// One constant per C am_capability_code value.
const (
	CapBatch                                  Capability = 1
	CapCitations                              Capability = 2
	CapCodeExecution                          Capability = 3
	CapContextManagement                      Capability = 4
	CapContextManagementClearThinking20251015 Capability = 5
	CapContextManagementClearToolUses20250919 Capability = 6
	CapContextManagementCompact20260112       Capability = 7
	CapEffort                                 Capability = 8
	CapEffortLow                              Capability = 9
	CapEffortMedium                           Capability = 10
	CapEffortHigh                             Capability = 11
	CapEffortMax                              Capability = 12
	CapEffortXHigh                            Capability = 13
	CapImageInput                             Capability = 14
	CapPDFInput                               Capability = 15
	CapStructuredOutputs                      Capability = 16
	CapThinking                               Capability = 17
	CapThinkingTypesAdaptive                  Capability = 18
	CapThinkingTypesEnabled                   Capability = 19
	CapThinkingTypesDisabled                  Capability = 20
	CapThinkingTypesBetweenTools              Capability = 21
	CapServerTools                            Capability = 22
	CapServerToolsCodeExecution               Capability = 23
	CapServerToolsWebSearch                   Capability = 24
)

// capabilityPaths are the C library's am_capability_path values, indexed by
// Capability (0 is no capability).
var capabilityPaths = [...]string{
	CapBatch:             "batch",
	CapCitations:         "citations",
	CapCodeExecution:     "code_execution",
	CapContextManagement: "context_management",
	CapContextManagementClearThinking20251015: "context_management.clear_thinking_20251015",
	CapContextManagementClearToolUses20250919: "context_management.clear_tool_uses_20250919",
	CapContextManagementCompact20260112:       "context_management.compact_20260112",
	CapEffort:                                 "effort",
	CapEffortLow:                              "effort.low",
	CapEffortMedium:                           "effort.medium",
	CapEffortHigh:                             "effort.high",
	CapEffortMax:                              "effort.max",
	CapEffortXHigh:                            "effort.xhigh",
	CapImageInput:                             "image_input",
	CapPDFInput:                               "pdf_input",
	CapStructuredOutputs:                      "structured_outputs",
	CapThinking:                               "thinking",
	CapThinkingTypesAdaptive:                  "thinking.types.adaptive",
	CapThinkingTypesEnabled:                   "thinking.types.enabled",
	CapThinkingTypesDisabled:                  "thinking.types.disabled",
	CapThinkingTypesBetweenTools:              "thinking.types.between_tools",
	CapServerTools:                            "server_tools",
	CapServerToolsCodeExecution:               "server_tools.code_execution",
	CapServerToolsWebSearch:                   "server_tools.web_search",
}

// String gives the capability's dotted path ("effort.xhigh"), or
// "capability(N)" for a value this release does not know.
func (c Capability) String() string {
	if c > 0 && int(c) < len(capabilityPaths) {
		return capabilityPaths[c]
	}
	return "capability(" + strconv.Itoa(int(c)) + ")"
}

// KnownCapabilities gives every Capability constant of this release, in
// ascending order.
func KnownCapabilities() []Capability {
	caps := make([]Capability, 0, len(capabilityPaths)-1)
	for c := Capability(1); int(c) < len(capabilityPaths); c++ {
		caps = append(caps, c)
	}
	return caps
}
