namespace AnthropicModels;

/// <summary>Whether a model supports a capability (the C library's <c>am_support</c>).</summary>
public enum Support
{
    /// <summary>The server did not say (older models and servers omit capabilities).</summary>
    Unknown = -1,

    /// <summary>Not supported.</summary>
    No = 0,

    /// <summary>Supported.</summary>
    Yes = 1,
}
