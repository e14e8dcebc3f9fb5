// Native models to ModelInfo: every field is copied at once except the raw JSON, which ModelInfo
// decodes on first use from the native model it keeps alive.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace AnthropicModels.Interop;

internal sealed unsafe class ModelReader
{
    // Seconds of 0001-01-01 and 9999-12-31T23:59:59 since the Unix epoch: DateTimeOffset's range.
    private const long MinUnixSeconds = -62135596800;
    private const long MaxUnixSeconds = 253402300799;

    private string[] _pathScratch = new string[32];
    private string[]? _lastPaths;  // the previous model's capability paths, shared when equal

    /// <summary>Takes ownership of a model list and reads it as a page.</summary>
    internal static ModelListPage ReadPage(IntPtr list)
    {
        var owner = new ModelListHandle(list);
        ModelInfo[] data = ReadModels(owner, list);
        var page = new ModelListPage(data, Utf8.Decode(NativeMethods.am_model_list_first_id(list)),
                                     Utf8.Decode(NativeMethods.am_model_list_last_id(list)),
                                     NativeMethods.am_model_list_has_more(list) != 0);
        if (data.Length == 0) owner.Dispose();  // nothing refers to it
        return page;
    }

    /// <summary>Takes ownership of a model list and reads its models.</summary>
    internal static IReadOnlyList<ModelInfo> ReadList(IntPtr list)
    {
        var owner = new ModelListHandle(list);
        ModelInfo[] data = ReadModels(owner, list);
        if (data.Length == 0) owner.Dispose();
        return data;
    }

    /// <summary>Takes ownership of a model from a get request and reads it.</summary>
    internal static ModelInfo ReadModel(IntPtr model) => new ModelReader().Read(new ModelHandle(model), model);

    internal static ModelInfo[] ReadModels(SafeHandle owner, IntPtr list)
    {
        int count = checked((int)NativeMethods.am_model_list_count(list));
        if (count == 0) return Array.Empty<ModelInfo>();
        var reader = new ModelReader();
        var data = new ModelInfo[count];
        for (int i = 0; i < count; i++) data[i] = reader.Read(owner, NativeMethods.am_model_list_at(list, (nuint)i));
        return data;
    }

    /// <summary>The raw JSON of a model that <paramref name="owner"/> keeps alive.</summary>
    internal static string ReadJson(SafeHandle owner, IntPtr model)
    {
        bool added = false;
        owner.DangerousAddRef(ref added);
        try
        {
            byte* json = NativeMethods.am_model_json(model);
            return Utf8.Decode(json) ?? throw new InsufficientMemoryException("The native library ran out of memory serialising the model.");
        }
        finally
        {
            if (added) owner.DangerousRelease();
        }
    }

    internal ModelInfo Read(SafeHandle owner, IntPtr m)
    {
        long value;
        return new ModelInfo(
            owner, m,
            id: Utf8.Decode(NativeMethods.am_model_id(m)) ?? string.Empty,  // the decoder refuses a model without one
            displayName: Utf8.Decode(NativeMethods.am_model_display_name(m)),
            type: Utf8Vocabulary.Decode(NativeMethods.am_model_type(m)),
            createdAt: NativeMethods.am_model_created_at_unix(m, &value) != 0 ? FromUnix(value) : null,
            maxInputTokens: NativeMethods.am_model_max_input_tokens(m, &value) != 0 ? value : null,
            maxTokens: NativeMethods.am_model_max_tokens(m, &value) != 0 ? value : null,
            lifecycle: Utf8Vocabulary.Decode(NativeMethods.am_model_lifecycle(m)),
            line: Utf8Vocabulary.Decode(NativeMethods.am_model_line(m)),
            deprecatedAt: NativeMethods.am_model_deprecated_at_unix(m, &value) != 0 ? FromUnix(value) : null,
            retiresAt: NativeMethods.am_model_retires_at_unix(m, &value) != 0 ? FromUnix(value) : null,
            effortLevels: ReadNames(m, NativeMethods.am_model_effort_level_count(m), &NativeMethods.am_model_effort_level_at),
            thinkingTypes: ReadNames(m, NativeMethods.am_model_thinking_type_count(m), &NativeMethods.am_model_thinking_type_at),
            capabilities: ReadCapabilities(m));
    }

    private static DateTimeOffset? FromUnix(long seconds) =>
        seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string[] ReadNames(IntPtr m, nuint count, delegate*<IntPtr, nuint, byte*> at)
    {
        if (count == 0) return Array.Empty<string>();
        var names = new string[checked((int)count)];
        for (int i = 0; i < names.Length; i++) names[i] = Utf8Vocabulary.Decode(at(m, (nuint)i)) ?? string.Empty;
        return names;
    }

    private CapabilityMap ReadCapabilities(IntPtr m)
    {
        int count = checked((int)NativeMethods.am_model_capability_count(m));
        if (count == 0) return CapabilityMap.Empty;
        if (_pathScratch.Length < count) _pathScratch = new string[count];
        var support = new Support[count];
        for (int i = 0; i < count; i++)
        {
            _pathScratch[i] = Utf8Vocabulary.Decode(NativeMethods.am_model_capability_path_at(m, (nuint)i)) ?? string.Empty;
            support[i] = (Support)NativeMethods.am_model_capability_support_at(m, (nuint)i);
        }
        return new CapabilityMap(SharedPaths(count), support);
    }

    // Models of one page mostly report the same capability paths; the interned strings make equal
    // paths the same object, so a reference comparison finds them.
    private string[] SharedPaths(int count)
    {
        string[]? last = _lastPaths;
        if (last != null && last.Length == count)
        {
            int i = 0;
            while (i < count && ReferenceEquals(last[i], _pathScratch[i])) i++;
            if (i == count) return last;
        }
        var paths = new string[count];
        Array.Copy(_pathScratch, paths, count);
        _lastPaths = paths;
        return paths;
    }
}
