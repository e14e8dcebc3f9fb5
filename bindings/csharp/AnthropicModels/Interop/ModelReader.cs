// Native results to .NET values. A ModelInfo gets its scalar fields here, when the call completes;
// its lists, capabilities and raw JSON are read on first use (NativeModel), so a caller who never
// asks for them pays neither for the copies nor for the native library deriving them.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace AnthropicModels.Interop;

internal static unsafe class ModelReader
{
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

    /// <summary>Takes ownership of a model list (the result of listing all) and reads it.</summary>
    internal static ModelList ReadList(IntPtr list) => new ModelList(new ModelListHandle(list));

    /// <summary>Takes ownership of a model from a get request and reads it.</summary>
    internal static ModelInfo ReadModel(IntPtr model) => Read(new ModelHandle(model), model);

    /// <summary>The models of a list that <paramref name="owner"/> keeps alive.</summary>
    internal static ModelInfo[] ReadModels(SafeHandle owner, IntPtr list)
    {
        int count = checked((int)NativeMethods.am_model_list_count(list));
        if (count == 0) return Array.Empty<ModelInfo>();
        var data = new ModelInfo[count];
        for (int i = 0; i < count; i++) data[i] = Read(owner, NativeMethods.am_model_list_at(list, (nuint)i));
        return data;
    }

    private static ModelInfo Read(SafeHandle owner, IntPtr m) =>
        new ModelInfo(
            new NativeModel(owner, m),
            id: Utf8.Decode(NativeMethods.am_model_id(m)) ?? string.Empty,  // the decoder refuses a model without one
            displayName: Utf8.Decode(NativeMethods.am_model_display_name(m)),
            type: Utf8Vocabulary.Decode(NativeMethods.am_model_type(m)),
            lifecycle: Utf8Vocabulary.Decode(NativeMethods.am_model_lifecycle(m)),
            line: Utf8Vocabulary.Decode(NativeMethods.am_model_line(m)),
            numbers: new ModelNumbers(m));
}
