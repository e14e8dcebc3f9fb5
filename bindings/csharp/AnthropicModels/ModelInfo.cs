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
    // The native model stays readable while this object lives: RawJson is decoded from it on first
    // use (most callers never ask for it), and the handle keeps its page alive.
    private readonly SafeHandle _owner;
    private readonly IntPtr _model;
    private readonly CapabilityMap _capabilities;
    private string? _rawJson;

    internal ModelInfo(SafeHandle owner, IntPtr model, string id, string? displayName, string? type,
                       DateTimeOffset? createdAt, long? maxInputTokens, long? maxTokens,
                       string? lifecycle, string? line, DateTimeOffset? deprecatedAt,
                       DateTimeOffset? retiresAt, IReadOnlyList<string> effortLevels,
                       IReadOnlyList<string> thinkingTypes, CapabilityMap capabilities)
    {
        _owner = owner;
        _model = model;
        Id = id;
        DisplayName = displayName;
        Type = type;
        CreatedAt = createdAt;
        MaxInputTokens = maxInputTokens;
        MaxTokens = maxTokens;
        Lifecycle = lifecycle;
        Line = line;
        DeprecatedAt = deprecatedAt;
        RetiresAt = retiresAt;
        EffortLevels = effortLevels;
        ThinkingTypes = thinkingTypes;
        _capabilities = capabilities;
    }

    /// <summary>The canonical model id, e.g. <c>claude-sonnet-4-5-20250929</c> (also when retrieved by alias).</summary>
    public string Id { get; }

    /// <summary>A human-readable name, e.g. "Claude Sonnet 4.5".</summary>
    public string? DisplayName { get; }

    /// <summary>The object type, <c>model</c>.</summary>
    public string? Type { get; }

    /// <summary>When the model was released (to the second); null when unknown.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>The context window in tokens.</summary>
    public long? MaxInputTokens { get; }

    /// <summary>The most output tokens one response may have.</summary>
    public long? MaxTokens { get; }

    /// <summary><c>active</c>, <c>deprecated</c>, <c>retired</c>, or a value added to the API later.</summary>
    public string? Lifecycle { get; }

    /// <summary>The model line: <c>haiku</c>, <c>sonnet</c>, <c>opus</c>, ...</summary>
    public string? Line { get; }

    /// <summary>When the model was deprecated.</summary>
    public DateTimeOffset? DeprecatedAt { get; }

    /// <summary>When the model retires (or retired).</summary>
    public DateTimeOffset? RetiresAt { get; }

    /// <summary>Supported effort levels: <c>low</c>, <c>medium</c>, <c>high</c>, <c>max</c>, <c>xhigh</c>, then newer ones.</summary>
    public IReadOnlyList<string> EffortLevels { get; }

    /// <summary>Supported thinking types: <c>adaptive</c>, <c>enabled</c>, <c>disabled</c>, <c>between_tools</c>, then newer ones.</summary>
    public IReadOnlyList<string> ThinkingTypes { get; }

    /// <summary>
    /// Every capability the server reported, by dotted path (<c>thinking.types.adaptive</c>), in the
    /// server's order with groups before their members; empty when it reported none.
    /// </summary>
    public IReadOnlyDictionary<string, Support> Capabilities => _capabilities;

    /// <summary>The model object as JSON, with every field the server sent (unknown ones too).</summary>
    public string RawJson
    {
        get
        {
            string? json = Volatile.Read(ref _rawJson);
            if (json != null) return json;
            json = ModelReader.ReadJson(_owner, _model);
            Interlocked.CompareExchange(ref _rawJson, json, null);
            return json;
        }
    }

    /// <summary>Whether the model supports a capability known to this release.</summary>
    public Support Supports(Capability capability)
    {
        string? path = CapabilityPaths.Of(capability);
        return path == null ? Support.Unknown : _capabilities.Find(path);
    }

    /// <summary>
    /// Whether the model supports any capability, by dotted path below <c>capabilities</c>
    /// (<c>effort.xhigh</c>), including ones added to the API after this release.
    /// </summary>
    public Support Supports(string path)
    {
        Guard.NotNull(path, nameof(path));
        return _capabilities.Find(path);
    }

    /// <inheritdoc/>
    public override string ToString() => DisplayName == null ? Id : $"{Id} ({DisplayName})";
}
