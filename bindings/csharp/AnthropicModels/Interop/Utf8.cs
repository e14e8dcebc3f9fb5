// UTF-8 strings across the boundary: C strings in (borrowed, NUL-terminated) and .NET strings out.
using System;
using System.Buffers.Binary;
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

    /// <summary>
    /// Whether the C string <paramref name="p"/> holds exactly <paramref name="expected"/>. Reads
    /// no further than the first difference, so never past the string's NUL; for the short names
    /// compared here this beats measuring the string first.
    /// </summary>
    internal static bool Equals(byte* p, byte[] expected)
    {
        if (p == null) return false;
        for (int i = 0; i < expected.Length; i++)
            if (p[i] != expected[i]) return false;
        return p[expected.Length] == 0;
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
/// capability paths) decoded once and shared: an open-addressing table from UTF-8 bytes to the
/// string. Reads take no lock (entries are immutable and published with a volatile write);
/// inserts take one. The table only grows to half its slots: past that, values are decoded
/// without being kept, so hostile data cannot make it grow without bound.
/// </summary>
internal static unsafe class Utf8Vocabulary
{
    private const int Slots = 1024;  // a power of two
    private const int MaxEntries = Slots / 2;
    private const int MaxInternedBytes = 64;

    private sealed class Entry
    {
        internal Entry(uint hash, byte[] utf8, string value)
        {
            Hash = hash;
            Utf8 = utf8;
            Value = value;
        }

        internal uint Hash { get; }

        internal byte[] Utf8 { get; }

        internal string Value { get; }
    }

    private static readonly Entry?[] s_slots = new Entry?[Slots];
    private static readonly object s_insertGate = new object();
    private static int s_entries;

    /// <summary>Like <see cref="Utf8.Decode"/>, sharing one string per distinct short value.</summary>
    internal static string? Decode(byte* p) => p == null ? null : Decode(new ReadOnlySpan<byte>(p, Utf8.Length(p)), out _);

    /// <summary>
    /// The shared string for <paramref name="bytes"/>, and bytes equal to them that the caller may
    /// keep (the table's own copy when the value is interned).
    /// </summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, out byte[] utf8)
    {
        if (bytes.Length > MaxInternedBytes)
        {
            utf8 = bytes.ToArray();
            return Encoding.UTF8.GetString(utf8);
        }
        uint hash = Hash(bytes);
        Entry? entry = Find(bytes, hash) ?? Insert(bytes, hash);
        utf8 = entry.Utf8;
        return entry.Value;
    }

    // FNV-1a over 8-byte words, then the remaining bytes: names are short, and this runs for every
    // name of every model read.
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong prime = 1099511628211;
        ulong hash = 14695981039346656037;
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8) hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i))) * prime;
        for (; i < bytes.Length; i++) hash = (hash ^ bytes[i]) * prime;
        return (uint)(hash ^ (hash >> 32));
    }

    private static Entry? Find(ReadOnlySpan<byte> bytes, uint hash)
    {
        for (uint i = hash; ; i++)
        {
            Entry? entry = Volatile.Read(ref s_slots[i & (Slots - 1)]);
            if (entry == null) return null;
            if (entry.Hash == hash && bytes.SequenceEqual(entry.Utf8)) return entry;
        }
    }

    // The new entry is kept in the table unless it is full (then it is only returned).
    private static Entry Insert(ReadOnlySpan<byte> bytes, uint hash)
    {
        byte[] utf8 = bytes.ToArray();
        var created = new Entry(hash, utf8, utf8.Length == 0 ? string.Empty : Encoding.UTF8.GetString(utf8));
        lock (s_insertGate)
        {
            if (s_entries >= MaxEntries) return created;
            for (uint i = hash; ; i++)
            {
                ref Entry? slot = ref s_slots[i & (Slots - 1)];
                if (slot == null)
                {
                    Volatile.Write(ref slot, created);
                    s_entries++;
                    return created;
                }
                if (slot.Hash == hash && bytes.SequenceEqual(slot.Utf8)) return slot;  // another thread was first
            }
        }
    }
}
