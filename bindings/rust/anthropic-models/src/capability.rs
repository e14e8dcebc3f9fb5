//! `Capability` (the capabilities this release knows by name) and `Support`
//! (the tri-state answer for any capability).

use crate::raw;
use anthropic_models_sys as sys;
use std::fmt;

/// Whether a model supports a capability.
///
/// Deliberately exhaustive: "the server did not say" is the only state
/// besides yes and no, and a value the C library adds later reads as `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Support {
    Yes,
    No,
    /// The server did not say (older servers omit `capabilities`).
    Unknown,
}

impl Support {
    pub(crate) fn from_raw(value: sys::am_support) -> Support {
        match value {
            sys::AM_SUPPORT_YES => Support::Yes,
            sys::AM_SUPPORT_NO => Support::No,
            _ => Support::Unknown,
        }
    }

    /// `true` only for `Yes`.
    pub fn is_supported(self) -> bool {
        self == Support::Yes
    }
}

impl fmt::Display for Support {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Support::Yes => "yes",
            Support::No => "no",
            Support::Unknown => "unknown",
        })
    }
}

/// A capability of the API reference, by name. Any capability, including ones
/// added to the API after this release, can also be asked for by its dotted
/// path with [`Model::supports_path`](crate::Model::supports_path).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum Capability {
    Batch = sys::AM_CAP_BATCH,
    Citations = sys::AM_CAP_CITATIONS,
    CodeExecution = sys::AM_CAP_CODE_EXECUTION,
    ContextManagement = sys::AM_CAP_CONTEXT_MANAGEMENT,
    ContextManagementClearThinking20251015 = sys::AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015,
    ContextManagementClearToolUses20250919 = sys::AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919,
    ContextManagementCompact20260112 = sys::AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112,
    Effort = sys::AM_CAP_EFFORT,
    EffortLow = sys::AM_CAP_EFFORT_LOW,
    EffortMedium = sys::AM_CAP_EFFORT_MEDIUM,
    EffortHigh = sys::AM_CAP_EFFORT_HIGH,
    EffortMax = sys::AM_CAP_EFFORT_MAX,
    EffortXhigh = sys::AM_CAP_EFFORT_XHIGH,
    ImageInput = sys::AM_CAP_IMAGE_INPUT,
    PdfInput = sys::AM_CAP_PDF_INPUT,
    StructuredOutputs = sys::AM_CAP_STRUCTURED_OUTPUTS,
    Thinking = sys::AM_CAP_THINKING,
    ThinkingTypesAdaptive = sys::AM_CAP_THINKING_TYPES_ADAPTIVE,
    ThinkingTypesEnabled = sys::AM_CAP_THINKING_TYPES_ENABLED,
    ThinkingTypesDisabled = sys::AM_CAP_THINKING_TYPES_DISABLED,
    ThinkingTypesBetweenTools = sys::AM_CAP_THINKING_TYPES_BETWEEN_TOOLS,
    ServerTools = sys::AM_CAP_SERVER_TOOLS,
    ServerToolsCodeExecution = sys::AM_CAP_SERVER_TOOLS_CODE_EXECUTION,
    ServerToolsWebSearch = sys::AM_CAP_SERVER_TOOLS_WEB_SEARCH,
}

impl Capability {
    /// Every capability this release knows, in the C library's order.
    pub const ALL: [Capability; 24] = [
        Capability::Batch,
        Capability::Citations,
        Capability::CodeExecution,
        Capability::ContextManagement,
        Capability::ContextManagementClearThinking20251015,
        Capability::ContextManagementClearToolUses20250919,
        Capability::ContextManagementCompact20260112,
        Capability::Effort,
        Capability::EffortLow,
        Capability::EffortMedium,
        Capability::EffortHigh,
        Capability::EffortMax,
        Capability::EffortXhigh,
        Capability::ImageInput,
        Capability::PdfInput,
        Capability::StructuredOutputs,
        Capability::Thinking,
        Capability::ThinkingTypesAdaptive,
        Capability::ThinkingTypesEnabled,
        Capability::ThinkingTypesDisabled,
        Capability::ThinkingTypesBetweenTools,
        Capability::ServerTools,
        Capability::ServerToolsCodeExecution,
        Capability::ServerToolsWebSearch,
    ];

    pub(crate) fn code(self) -> sys::am_capability {
        self as sys::am_capability
    }

    /// The dotted path below `capabilities`, e.g. `"effort.xhigh"`.
    pub fn path(self) -> &'static str {
        raw::capability_path(self.code()).unwrap_or("")
    }

    /// The capability with this dotted path, if this release knows it by name.
    pub fn from_path(path: &str) -> Option<Capability> {
        Capability::ALL.into_iter().find(|c| c.path() == path)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.path())
    }
}
