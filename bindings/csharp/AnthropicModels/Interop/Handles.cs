// One SafeHandle subclass per C handle. Dispose frees deterministically; the finalizer is the
// safety net (the C library allows every handle to be freed on any thread, in any order, after its
// client). Each live handle is counted, so tests can prove that nothing is left behind.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace AnthropicModels.Interop;

internal enum HandleKind
{
    Options,
    Client,
    ListParams,
    Request,
    ModelList,
    Model,
    Error,
}

internal abstract class NativeHandle : SafeHandle
{
    private static readonly int[] s_live = new int[(int)HandleKind.Error + 1];

    private readonly HandleKind _kind;

    protected NativeHandle(IntPtr pointer, HandleKind kind)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _kind = kind;
        if (pointer != IntPtr.Zero)
        {
            Interlocked.Increment(ref s_live[(int)kind]);
            SetHandle(pointer);
        }
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Handles of this kind allocated and not yet freed, in this process.</summary>
    internal static int LiveCount(HandleKind kind) => Volatile.Read(ref s_live[(int)kind]);

    /// <summary>Every handle allocated and not yet freed, in this process.</summary>
    internal static int LiveCount()
    {
        int total = 0;
        for (int i = 0; i < s_live.Length; i++) total += Volatile.Read(ref s_live[i]);
        return total;
    }

    protected sealed override bool ReleaseHandle()
    {
        Free(handle);
        Interlocked.Decrement(ref s_live[(int)_kind]);
        return true;
    }

    protected abstract void Free(IntPtr pointer);

    /// <summary>
    /// Keeps the handle from being freed while native code uses its pointer (a concurrent Dispose
    /// then waits for the lease to end). Throws ObjectDisposedException when already disposed.
    /// </summary>
    internal Lease Borrow() => new Lease(this);

    internal readonly ref struct Lease
    {
        private readonly SafeHandle _owner;

        internal Lease(SafeHandle owner)
        {
            bool added = false;
            owner.DangerousAddRef(ref added);
            _owner = owner;
            Pointer = owner.DangerousGetHandle();
        }

        internal IntPtr Pointer { get; }

        public void Dispose() => _owner.DangerousRelease();
    }
}

internal sealed class OptionsHandle : NativeHandle
{
    internal OptionsHandle(IntPtr pointer) : base(pointer, HandleKind.Options) { }

    protected override void Free(IntPtr pointer) => NativeMethods.am_options_free(pointer);
}

internal sealed class ClientHandle : NativeHandle
{
    internal ClientHandle(IntPtr pointer) : base(pointer, HandleKind.Client) { }

    // Cancels what is in flight and joins the client's worker thread.
    protected override void Free(IntPtr pointer) => NativeMethods.am_client_free(pointer);
}

internal sealed class ListParamsHandle : NativeHandle
{
    internal ListParamsHandle(IntPtr pointer) : base(pointer, HandleKind.ListParams) { }

    protected override void Free(IntPtr pointer) => NativeMethods.am_list_params_free(pointer);
}

internal sealed class RequestHandle : NativeHandle
{
    internal RequestHandle(IntPtr pointer) : base(pointer, HandleKind.Request) { }

    /// <summary>Asks the request to stop; harmless once it finished or was freed.</summary>
    internal void Cancel()
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            NativeMethods.am_request_cancel(handle);
        }
        catch (ObjectDisposedException)
        {
            // Freed meanwhile: it has finished, nothing left to cancel.
        }
        finally
        {
            if (added) DangerousRelease();
        }
    }

    // A request still in flight is cancelled; its callback will not run afterwards.
    protected override void Free(IntPtr pointer) => NativeMethods.am_request_free(pointer);
}

// Models and lists are released by their finalizers once no ModelInfo (or ModelList) refers to
// them, and their native memory (the response body and its parsed form) outweighs the managed
// objects many times: the GC is told about it, so that a process listing models in a loop collects
// them in time. The estimate per model is the order of a real one: about 1.5 KB of JSON and its DOM.
// A selection's list shares the models of the list it was made from, whose pressure counts them.
internal sealed class ModelListHandle : NativeHandle
{
    private const long NativeBytesPerModel = 4096;
    private readonly long _pressure;

    internal ModelListHandle(IntPtr pointer, bool sharesModels = false) : base(pointer, HandleKind.ModelList)
    {
        _pressure = sharesModels ? 0 : (long)NativeMethods.am_model_list_count(pointer) * NativeBytesPerModel;
        if (_pressure > 0) GC.AddMemoryPressure(_pressure);
    }

    /// <summary>Arrays its models share when equal (see SharedArrays).</summary>
    internal SharedArrays Shared { get; } = new SharedArrays();

    protected override void Free(IntPtr pointer)
    {
        NativeMethods.am_model_list_free(pointer);
        if (_pressure > 0) GC.RemoveMemoryPressure(_pressure);
    }
}

internal sealed class ModelHandle : NativeHandle
{
    private const long NativeBytes = 4096;

    internal ModelHandle(IntPtr pointer) : base(pointer, HandleKind.Model)
    {
        if (pointer != IntPtr.Zero) GC.AddMemoryPressure(NativeBytes);
    }

    protected override void Free(IntPtr pointer)
    {
        NativeMethods.am_model_free(pointer);
        GC.RemoveMemoryPressure(NativeBytes);
    }
}

internal sealed class ErrorHandle : NativeHandle
{
    internal ErrorHandle(IntPtr pointer) : base(pointer, HandleKind.Error) { }

    protected override void Free(IntPtr pointer) => NativeMethods.am_error_free(pointer);
}
