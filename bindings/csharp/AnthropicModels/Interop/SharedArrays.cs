// The models of one list mostly report the same effort levels, thinking types and capability
// paths: each ModelInfo reads them on first use, and gets the array of the model read before it
// when the contents are equal, so a page of a thousand models holds a handful of arrays, not
// thousands, and an unchanged name costs a byte comparison rather than a decode.
using System;
using System.Threading;

namespace AnthropicModels.Interop;

internal sealed unsafe class SharedArrays
{
    private LastNames? _effortLevels;
    private LastNames? _thinkingTypes;
    private LastNames? _capabilityPaths;
    private sbyte[]? _capabilitySupport;
    private CapabilityMap? _capabilities;

    internal string[] EffortLevels(IntPtr m, int count) => Names(ref _effortLevels, m, count, &NativeMethods.am_model_effort_level_at);

    internal string[] ThinkingTypes(IntPtr m, int count) => Names(ref _thinkingTypes, m, count, &NativeMethods.am_model_thinking_type_at);

    /// <summary>The capabilities of a model: the previous model's map when both arrays are the same.</summary>
    internal CapabilityMap Capabilities(IntPtr m, int count)
    {
        if (count == 0) return CapabilityMap.Empty;
        string[] paths = Names(ref _capabilityPaths, m, count, &NativeMethods.am_model_capability_path_at);
        sbyte[] support = CapabilitySupport(m, count);
        CapabilityMap? last = Volatile.Read(ref _capabilities);
        if (last != null && last.Uses(paths, support)) return last;
        var map = new CapabilityMap(paths, support);
        Volatile.Write(ref _capabilities, map);
        return map;
    }

    private sbyte[] CapabilitySupport(IntPtr m, int count)
    {
        if (count == 0) return Array.Empty<sbyte>();
        sbyte[]? last = Volatile.Read(ref _capabilitySupport);
        sbyte[]? fresh = null;
        for (int i = 0; i < count; i++)
        {
            sbyte support = (sbyte)NativeMethods.am_model_capability_support_at(m, (nuint)i);
            if (fresh == null)
            {
                if (last != null && last.Length == count && last[i] == support) continue;
                fresh = Start(last, count, i);
            }
            fresh[i] = support;
        }
        return Keep(ref _capabilitySupport, last, fresh);
    }

    // The previous model's names, with their UTF-8 bytes: an equal name is recognised by comparing
    // bytes, without decoding or looking it up.
    private sealed class LastNames
    {
        internal LastNames(string[] strings, byte[][] utf8)
        {
            Strings = strings;
            Utf8 = utf8;
        }

        internal string[] Strings { get; }

        internal byte[][] Utf8 { get; }
    }

    private static string[] Names(ref LastNames? shared, IntPtr m, int count, delegate*<IntPtr, nuint, byte*> at)
    {
        if (count == 0) return Array.Empty<string>();
        LastNames? last = Volatile.Read(ref shared);
        if (last != null && last.Strings.Length != count) last = null;
        string[]? fresh = null;
        byte[][]? freshUtf8 = null;
        for (int i = 0; i < count; i++)
        {
            byte* p = at(m, (nuint)i);
            if (fresh == null)
            {
                if (last != null && Utf8.Equals(p, last.Utf8[i])) continue;
                fresh = Start(last?.Strings, count, i);
                freshUtf8 = Start(last?.Utf8, count, i);
            }
            var bytes = p == null ? default : new ReadOnlySpan<byte>(p, Utf8.Length(p));
            fresh[i] = Utf8Vocabulary.Decode(bytes, out freshUtf8![i]);
        }
        if (fresh == null) return last!.Strings;
        Volatile.Write(ref shared, new LastNames(fresh, freshUtf8!));
        return fresh;
    }

    // A new array holding the first `equal` items, which matched the last array's.
    private static T[] Start<T>(T[]? last, int count, int equal)
    {
        var fresh = new T[count];
        if (equal > 0) Array.Copy(last!, fresh, equal);
        return fresh;
    }

    // The last array when every item matched, else the new one, which later models compare with.
    private static T[] Keep<T>(ref T[]? shared, T[]? last, T[]? fresh)
    {
        if (fresh == null) return last!;
        Volatile.Write(ref shared, fresh);
        return fresh;
    }
}
