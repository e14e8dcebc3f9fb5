using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using AnthropicModels.Interop;

namespace AnthropicModels;

/// <summary>
/// One model as the API described it. Immutable and safe to share between threads; values the
/// server did not send are null, never a made-up default.
/// </summary>
public sealed class ModelInfo
{
    // The scalar fields are copied when the call completes. The lists, the capabilities and the raw
    // JSON are read from the native model on first use (most callers never ask for all of them);
    // it stays readable as long as this object lives.
    private readonly NativeModel _native;
    private IReadOnlyList<string>? _effortLevels;
    private IReadOnlyList<string>? _thinkingTypes;
    private CapabilityMap? _capabilities;
    private string? _rawJson;

    private readonly ModelNumbers _numbers;

    internal ModelInfo(NativeModel native, string id, string? displayName, string? type, string? lifecycle, string? line,
                       ModelNumbers numbers)
    {
        _native = native;
        Id = id;
        DisplayName = displayName;
        Type = type;
        Lifecycle = lifecycle;
        Line = line;
        _numbers = numbers;
    }

    /// <summary>The canonical model id, e.g. <c>claude-sonnet-4-5-20250929</c> (also when retrieved by alias).</summary>
    public string Id { get; }

    /// <summary>A human-readable name, e.g. "Claude Sonnet 4.5".</summary>
    public string? DisplayName { get; }

    /// <summary>The object type, <c>model</c>.</summary>
    public string? Type { get; }

    /// <summary>When the model was released (to the second); null when unknown.</summary>
    public DateTimeOffset? CreatedAt => _numbers.CreatedAt;

    /// <summary>The context window in tokens.</summary>
    public long? MaxInputTokens => _numbers.MaxInputTokens;

    /// <summary>The most output tokens one response may have.</summary>
    public long? MaxTokens => _numbers.MaxTokens;

    /// <summary><c>active</c>, <c>deprecated</c>, <c>retired</c>, or a value added to the API later.</summary>
    public string? Lifecycle { get; }

    /// <summary>The model line: <c>haiku</c>, <c>sonnet</c>, <c>opus</c>, ...</summary>
    public string? Line { get; }

    /// <summary>When the model was deprecated.</summary>
    public DateTimeOffset? DeprecatedAt => _numbers.DeprecatedAt;

    /// <summary>When the model retires (or retired).</summary>
    public DateTimeOffset? RetiresAt => _numbers.RetiresAt;

    /// <summary>Supported effort levels: <c>low</c>, <c>medium</c>, <c>high</c>, <c>max</c>, <c>xhigh</c>, then newer ones.</summary>
    public IReadOnlyList<string> EffortLevels => Once(ref _effortLevels, static n => n.EffortLevels());

    /// <summary>Supported thinking types: <c>adaptive</c>, <c>enabled</c>, <c>disabled</c>, <c>between_tools</c>, then newer ones.</summary>
    public IReadOnlyList<string> ThinkingTypes => Once(ref _thinkingTypes, static n => n.ThinkingTypes());

    /// <summary>
    /// Every capability the server reported, by dotted path (<c>thinking.types.adaptive</c>), in the
    /// server's order with groups before their members; empty when it reported none.
    /// </summary>
    public IReadOnlyDictionary<string, Support> Capabilities => Once(ref _capabilities, static n => n.Capabilities());

    /// <summary>The model object as JSON, with every field the server sent (unknown ones too).</summary>
    public string RawJson => Once(ref _rawJson, static n => n.Json());

    /// <summary>Whether the model supports a capability known to this release.</summary>
    public Support Supports(Capability capability) => _native.Supports(capability);

    /// <summary>
    /// Whether the model supports any capability, by dotted path below <c>capabilities</c>
    /// (<c>effort.xhigh</c>), including ones added to the API after this release.
    /// </summary>
    public Support Supports(string path)
    {
        Guard.NotNull(path, nameof(path));
        return _native.Supports(path);
    }

    /// <inheritdoc/>
    public override string ToString() => DisplayName == null ? Id : $"{Id} ({DisplayName})";

    // Reads a value on first use; racing readers may both read it, and one result is kept.
    private T Once<T>(ref T? field, Func<NativeModel, T> read) where T : class
    {
        T? value = Volatile.Read(ref field);
        if (value != null) return value;
        value = read(_native);
        return Interlocked.CompareExchange(ref field, value, null) ?? value;
    }
}
