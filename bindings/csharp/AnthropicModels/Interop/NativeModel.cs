// A model in native memory, kept alive by its owner (the handle of the list it came from, or of
// the model a get returned): what ModelInfo reads on demand rather than when a call completes.
// Owners are released only by their finalizer, once no ModelInfo refers to them, so keeping the
// owner reachable until each read returns (GC.KeepAlive) is all the protection a read needs.
using System;
using System.Runtime.InteropServices;

namespace AnthropicModels.Interop;

internal readonly unsafe struct NativeModel
{
    private readonly SafeHandle _owner;
    private readonly IntPtr _model;

    internal NativeModel(SafeHandle owner, IntPtr model)
    {
        _owner = owner;
        _model = model;
    }

    internal string Json()
    {
        string? json = Utf8.Decode(NativeMethods.am_model_json(_model));
        GC.KeepAlive(_owner);
        return json ?? throw new InsufficientMemoryException("The native library ran out of memory serialising the model.");
    }

    internal string[] EffortLevels()
    {
        string[] levels = Shared.EffortLevels(_model, checked((int)NativeMethods.am_model_effort_level_count(_model)));
        GC.KeepAlive(_owner);
        return levels;
    }

    internal string[] ThinkingTypes()
    {
        string[] types = Shared.ThinkingTypes(_model, checked((int)NativeMethods.am_model_thinking_type_count(_model)));
        GC.KeepAlive(_owner);
        return types;
    }

    internal CapabilityMap Capabilities()
    {
        CapabilityMap map = Shared.Capabilities(_model, checked((int)NativeMethods.am_model_capability_count(_model)));
        GC.KeepAlive(_owner);
        return map;
    }

    internal Support Supports(Capability capability)
    {
        var support = (Support)NativeMethods.am_model_supports(_model, (int)capability);
        GC.KeepAlive(_owner);
        return support;
    }

    internal Support Supports(string path)
    {
        Support support;
        fixed (byte* p = Utf8.Encode(path, stackalloc byte[Utf8.StackBufferSize], nameof(path)))
            support = (Support)NativeMethods.am_model_supports_path(_model, p);
        GC.KeepAlive(_owner);
        return support;
    }

    // A list's models share equal arrays; a model from a get has nothing to share with.
    private SharedArrays Shared => _owner is ModelListHandle list ? list.Shared : new SharedArrays();
}
