namespace AnthropicModels;

/// <summary>The level of a log line (the C library's <c>am_log_level</c>).</summary>
public enum ModelsLogLevel
{
    /// <summary>Detail for debugging.</summary>
    Debug = 0,

    /// <summary>An HTTP attempt that succeeded.</summary>
    Info = 1,

    /// <summary>A failed attempt that will be retried, or one cut short by cancellation.</summary>
    Warning = 2,

    /// <summary>A failed attempt that ends the call.</summary>
    Error = 3,
}
