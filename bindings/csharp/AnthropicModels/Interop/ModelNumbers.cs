using System;

namespace AnthropicModels.Interop;

/// <summary>
/// The numeric fields of a model, stored as the C library reports them (Unix seconds, token
/// counts, and which of them the server sent): smaller than five nullable fields, and
/// ModelInfo builds the DateTimeOffset values when asked.
/// </summary>
internal readonly unsafe struct ModelNumbers
{
    // Seconds of 0001-01-01 and 9999-12-31T23:59:59 since the Unix epoch: DateTimeOffset's range.
    private const long MinUnixSeconds = -62135596800;
    private const long MaxUnixSeconds = 253402300799;

    [Flags]
    private enum Present : byte
    {
        CreatedAt = 1,
        DeprecatedAt = 2,
        RetiresAt = 4,
        MaxInputTokens = 8,
        MaxTokens = 16,
    }

    private readonly long _createdAt, _deprecatedAt, _retiresAt, _maxInputTokens, _maxTokens;
    private readonly Present _present;

    internal ModelNumbers(IntPtr m)
    {
        long created, deprecated, retires, maxInput, maxOutput;
        Present present = 0;
        if (NativeMethods.am_model_created_at_unix(m, &created) != 0 && InRange(created)) present |= Present.CreatedAt;
        if (NativeMethods.am_model_deprecated_at_unix(m, &deprecated) != 0 && InRange(deprecated)) present |= Present.DeprecatedAt;
        if (NativeMethods.am_model_retires_at_unix(m, &retires) != 0 && InRange(retires)) present |= Present.RetiresAt;
        if (NativeMethods.am_model_max_input_tokens(m, &maxInput) != 0) present |= Present.MaxInputTokens;
        if (NativeMethods.am_model_max_tokens(m, &maxOutput) != 0) present |= Present.MaxTokens;
        _createdAt = created;
        _deprecatedAt = deprecated;
        _retiresAt = retires;
        _maxInputTokens = maxInput;
        _maxTokens = maxOutput;
        _present = present;
    }

    internal DateTimeOffset? CreatedAt => Time(Present.CreatedAt, _createdAt);

    internal DateTimeOffset? DeprecatedAt => Time(Present.DeprecatedAt, _deprecatedAt);

    internal DateTimeOffset? RetiresAt => Time(Present.RetiresAt, _retiresAt);

    internal long? MaxInputTokens => (_present & Present.MaxInputTokens) != 0 ? _maxInputTokens : null;

    internal long? MaxTokens => (_present & Present.MaxTokens) != 0 ? _maxTokens : null;

    private static bool InRange(long seconds) => seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds;

    private DateTimeOffset? Time(Present field, long seconds) =>
        (_present & field) != 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
