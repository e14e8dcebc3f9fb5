using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace AnthropicModels;

/// <summary>
/// <see cref="ModelInfo.Capabilities"/>: the capability paths of one model in the server's order,
/// with their support. Small (a few dozen entries), so a scan beats hashing.
/// </summary>
internal sealed class CapabilityMap : IReadOnlyDictionary<string, Support>
{
    internal static readonly CapabilityMap Empty = new CapabilityMap(Array.Empty<string>(), Array.Empty<sbyte>());

    // Both arrays may be shared with other models (see Interop.SharedArrays): never written.
    private readonly string[] _paths;
    private readonly sbyte[] _support;

    internal CapabilityMap(string[] paths, sbyte[] support)
    {
        _paths = paths;
        _support = support;
    }

    public int Count => _paths.Length;

    internal bool Uses(string[] paths, sbyte[] support) => ReferenceEquals(paths, _paths) && ReferenceEquals(support, _support);

    public IEnumerable<string> Keys => _paths;

    public IEnumerable<Support> Values
    {
        get
        {
            foreach (sbyte s in _support) yield return (Support)s;
        }
    }

    public Support this[string key] =>
        TryGetValue(key, out Support value) ? value : throw new KeyNotFoundException($"The model reported no capability '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Support value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? (Support)_support[i] : Support.Unknown;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, Support>> GetEnumerator()
    {
        for (int i = 0; i < _paths.Length; i++)
            yield return new KeyValuePair<string, Support>(_paths[i], (Support)_support[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        Interop.Guard.NotNull(key, nameof(key));
        for (int i = 0; i < _paths.Length; i++)
            if (string.Equals(_paths[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }
}
