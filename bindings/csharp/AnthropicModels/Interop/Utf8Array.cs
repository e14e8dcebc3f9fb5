// A list of .NET strings as a C array of NUL-terminated UTF-8 strings (const char *const *), for
// the duration of one call: one pinned buffer holds every string, a second the pointers into it.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace AnthropicModels.Interop;

internal unsafe struct Utf8Array : IDisposable
{
    private GCHandle _bytes;
    private GCHandle _pointers;

    /// <summary>
    /// Encodes <paramref name="values"/>; a null element, or one holding NUL (C would cut it short),
    /// is an ArgumentException naming <paramref name="paramName"/>.
    /// </summary>
    internal Utf8Array(IEnumerable<string> values, string paramName)
    {
        var strings = new List<string>(values);
        int total = 0;
        for (int i = 0; i < strings.Count; i++)
        {
            string? s = strings[i];
            if (s == null) throw new ArgumentException($"{paramName}[{i}] is null.", paramName);
            if (s.Contains('\0')) throw new ArgumentException($"{paramName}[{i}] must not contain a NUL character.", paramName);
            total = checked(total + Encoding.UTF8.GetByteCount(s) + 1);
        }
        var bytes = new byte[Math.Max(total, 1)];
        var pointers = new IntPtr[Math.Max(strings.Count, 1)];
        _bytes = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        _pointers = GCHandle.Alloc(pointers, GCHandleType.Pinned);
        byte* start = (byte*)_bytes.AddrOfPinnedObject();
        int offset = 0;
        for (int i = 0; i < strings.Count; i++)
        {
            pointers[i] = (IntPtr)(start + offset);
            offset += Encoding.UTF8.GetBytes(strings[i], 0, strings[i].Length, bytes, offset);
            bytes[offset++] = 0;
        }
        Count = strings.Count;
    }

    internal int Count { get; }

    /// <summary>The array, valid until Dispose.</summary>
    internal byte** Pointers => (byte**)_pointers.AddrOfPinnedObject();

    public void Dispose()
    {
        if (_bytes.IsAllocated) _bytes.Free();
        if (_pointers.IsAllocated) _pointers.Free();
    }
}
