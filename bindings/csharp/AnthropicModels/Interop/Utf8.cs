// UTF-8 strings across the boundary: C strings in (borrowed, NUL-terminated) and .NET strings out.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace AnthropicModels.Interop;

internal static unsafe class Utf8
{
    /// <summary>Size of the stack buffer callers pass to <see cref="Encode"/>.</summary>
    internal const int StackBufferSize = 256;

    /// <summary>A copy of a borrowed C string; null for NULL.</summary>
    internal static string? Decode(byte* p)
    {
        if (p == null) return null;
        int length = Length(p);
        return length == 0 ? string.Empty : Encoding.UTF8.GetString(p, length);
    }

    /// <summary>
    /// <paramref name="value"/> as a NUL-terminated UTF-8 string, in <paramref name="buffer"/> when it
    /// fits. Empty for null (so <c>fixed</c> gives a NULL pointer). A string holding NUL is refused:
    /// C would silently cut it there. <paramref name="property"/> names the refused value in the
    /// message when it is a property of the argument <paramref name="paramName"/>.
    /// </summary>
    internal static Span<byte> Encode(string? value, Span<byte> buffer, string paramName, string? property = null)
    {
        if (value == null) return default;
        if (value.Contains('\0'))
            throw new ArgumentException($"{property ?? paramName} must not contain a NUL character.", paramName);
        int max = Encoding.UTF8.GetMaxByteCount(value.Length) + 1;
        Span<byte> target = max <= buffer.Length ? buffer : new byte[max];
        int written = Encoding.UTF8.GetBytes(value.AsSpan(), target);
        target[written] = 0;
        return target.Slice(0, written + 1);
    }

    internal static int Length(byte* p)
    {
#if NET8_0_OR_GREATER
        return MemoryMarshal.CreateReadOnlySpanFromNullTerminated(p).Length;
#else
        int n = 0;
        while (p[n] != 0) n++;
        return n;
#endif
    }
}

/// <summary>
/// Strings that repeat across models (type, lifecycle, line, effort levels, thinking types,
/// capability paths) decoded once: a bounded, lock-free, direct-mapped cache from UTF-8 bytes to
/// the string. A collision only costs a decode; entries are immutable, so racing writers are harmless.
/// </summary>
internal static unsafe class Utf8Vocabulary
{
    private const int Slots = 512;          // a power of two
    private const int MaxInternedBytes = 64;

    private sealed class Entry
    {
        internal Entry(byte[] utf8, string value)
        {
            Utf8 = utf8;
            Value = value;
        }

        internal byte[] Utf8 { get; }

        internal string Value { get; }
    }

    private static readonly Entry?[] s_slots = new Entry?[Slots];

    /// <summary>Like <see cref="Utf8.Decode"/>, sharing one string per distinct short value.</summary>
    internal static string? Decode(byte* p)
    {
        if (p == null) return null;
        int length = Utf8.Length(p);
        if (length > MaxInternedBytes) return Encoding.UTF8.GetString(p, length);
        var bytes = new ReadOnlySpan<byte>(p, length);
        uint hash = 2166136261;  // FNV-1a
        foreach (byte b in bytes) hash = (hash ^ b) * 16777619;
        ref Entry? slot = ref s_slots[hash & (Slots - 1)];
        Entry? entry = Volatile.Read(ref slot);
        if (entry != null && bytes.SequenceEqual(entry.Utf8)) return entry.Value;
        string value = length == 0 ? string.Empty : Encoding.UTF8.GetString(p, length);
        Volatile.Write(ref slot, new Entry(bytes.ToArray(), value));
        return value;
    }
}
