namespace AnthropicModels;

/// <summary>
/// The capabilities this release knows by name (the C library's <c>am_capability</c>). Any other,
/// including ones the API adds later, can be asked for by dotted path with
/// <see cref="ModelInfo.Supports(string)"/> and is listed in <see cref="ModelInfo.Capabilities"/>.
/// </summary>
public enum Capability
{
    /// <summary><c>batch</c></summary>
    Batch = 1,

    /// <summary><c>citations</c></summary>
    Citations = 2,

    /// <summary><c>code_execution</c></summary>
    CodeExecution = 3,

    /// <summary><c>context_management</c></summary>
    ContextManagement = 4,

    /// <summary><c>context_management.clear_thinking_20251015</c></summary>
    ContextManagementClearThinking20251015 = 5,

    /// <summary><c>context_management.clear_tool_uses_20250919</c></summary>
    ContextManagementClearToolUses20250919 = 6,

    /// <summary><c>context_management.compact_20260112</c></summary>
    ContextManagementCompact20260112 = 7,

    /// <summary><c>effort</c></summary>
    Effort = 8,

    /// <summary><c>effort.low</c></summary>
    EffortLow = 9,

    /// <summary><c>effort.medium</c></summary>
    EffortMedium = 10,

    /// <summary><c>effort.high</c></summary>
    EffortHigh = 11,

    /// <summary><c>effort.max</c></summary>
    EffortMax = 12,

    /// <summary><c>effort.xhigh</c></summary>
    EffortXhigh = 13,

    /// <summary><c>image_input</c></summary>
    ImageInput = 14,

    /// <summary><c>pdf_input</c></summary>
    PdfInput = 15,

    /// <summary><c>structured_outputs</c></summary>
    StructuredOutputs = 16,

    /// <summary><c>thinking</c></summary>
    Thinking = 17,

    /// <summary><c>thinking.types.adaptive</c></summary>
    ThinkingTypesAdaptive = 18,

    /// <summary><c>thinking.types.enabled</c></summary>
    ThinkingTypesEnabled = 19,

    /// <summary><c>thinking.types.disabled</c></summary>
    ThinkingTypesDisabled = 20,

    /// <summary><c>thinking.types.between_tools</c></summary>
    ThinkingTypesBetweenTools = 21,

    /// <summary><c>server_tools</c></summary>
    ServerTools = 22,

    /// <summary><c>server_tools.code_execution</c></summary>
    ServerToolsCodeExecution = 23,

    /// <summary><c>server_tools.web_search</c></summary>
    ServerToolsWebSearch = 24,
}
