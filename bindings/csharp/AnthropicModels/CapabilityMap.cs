using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace AnthropicModels;

/// <summary>
/// <see cref="ModelInfo.Capabilities"/>: the capability paths of one model in the server's order,
/// with their support. Small (a few dozen entries), so a scan beats hashing; models of one page
/// usually share the same path array.
/// </summary>
internal sealed class CapabilityMap : IReadOnlyDictionary<string, Support>
{
    internal static readonly CapabilityMap Empty = new CapabilityMap(Array.Empty<string>(), Array.Empty<Support>());

    private readonly string[] _paths;
    private readonly Support[] _support;

    internal CapabilityMap(string[] paths, Support[] support)
    {
        _paths = paths;
        _support = support;
    }

    internal string[] Paths => _paths;

    public int Count => _paths.Length;

    public IEnumerable<string> Keys => _paths;

    public IEnumerable<Support> Values => _support;

    public Support this[string key] =>
        TryGetValue(key, out Support value) ? value : throw new KeyNotFoundException($"The model reported no capability '{key}'.");

    /// <summary>The support of <paramref name="path"/>; Unknown when the server did not report it.</summary>
    internal Support Find(string path) => TryGetValue(path, out Support value) ? value : Support.Unknown;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Support value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? _support[i] : Support.Unknown;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, Support>> GetEnumerator()
    {
        for (int i = 0; i < _paths.Length; i++)
            yield return new KeyValuePair<string, Support>(_paths[i], _support[i]);
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
