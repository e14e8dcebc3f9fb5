// The three functions the C library calls back: request completed, userdata released, log line.
// They are static (nothing to keep alive per call); the object they act on comes from a GCHandle
// passed as userdata. No exception may unwind into native code, so each entry point catches all.
using System;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
#endif

namespace AnthropicModels.Interop;

internal static unsafe class NativeCallbacks
{
#if NET8_0_OR_GREATER
    internal static IntPtr RequestCompleted => (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)&OnRequestCompleted;
    internal static IntPtr UserdataFree => (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, void>)&OnUserdataFree;
    internal static IntPtr Log => (IntPtr)(delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void>)&OnLog;

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnRequestCompleted(IntPtr request, IntPtr userdata) => RequestCompletedCore(request, userdata);

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnUserdataFree(IntPtr userdata) => UserdataFreeCore(userdata);

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnLog(int level, byte* message, IntPtr userdata) => LogCore(level, message, userdata);
#else
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void RequestCallback(IntPtr request, IntPtr userdata);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void UserdataFreeCallback(IntPtr userdata);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogCallback(int level, byte* message, IntPtr userdata);

    // Static delegates live as long as the program, so their function pointers never dangle.
    private static readonly RequestCallback s_requestCompleted = OnRequestCompleted;
    private static readonly UserdataFreeCallback s_userdataFree = OnUserdataFree;
    private static readonly LogCallback s_log = OnLog;

    internal static readonly IntPtr RequestCompleted = Marshal.GetFunctionPointerForDelegate(s_requestCompleted);
    internal static readonly IntPtr UserdataFree = Marshal.GetFunctionPointerForDelegate(s_userdataFree);
    internal static readonly IntPtr Log = Marshal.GetFunctionPointerForDelegate(s_log);

    [MonoPInvokeCallback(typeof(RequestCallback))]
    private static void OnRequestCompleted(IntPtr request, IntPtr userdata) => RequestCompletedCore(request, userdata);

    [MonoPInvokeCallback(typeof(UserdataFreeCallback))]
    private static void OnUserdataFree(IntPtr userdata) => UserdataFreeCore(userdata);

    [MonoPInvokeCallback(typeof(LogCallback))]
    private static void OnLog(int level, byte* message, IntPtr userdata) => LogCore(level, message, userdata);
#endif

    private static void RequestCompletedCore(IntPtr request, IntPtr userdata)
    {
        try
        {
            ((PendingCall)GCHandle.FromIntPtr(userdata).Target!).OnCompleted(request);
        }
        catch (Exception e)
        {
            Unexpected(e);
        }
    }

    // Userdata is either a PendingCall (a request) or a LogSink (the log hook); this is the only
    // place their GCHandles are freed.
    private static void UserdataFreeCore(IntPtr userdata)
    {
        try
        {
            GCHandle handle = GCHandle.FromIntPtr(userdata);
            object? target = handle.Target;
            handle.Free();
            (target as PendingCall)?.OnReleased();
        }
        catch (Exception e)
        {
            Unexpected(e);
        }
    }

    private static void LogCore(int level, byte* message, IntPtr userdata)
    {
        try
        {
            ((LogSink)GCHandle.FromIntPtr(userdata).Target!).Write(level, message);
        }
        catch (Exception e)
        {
            Unexpected(e);
        }
    }

    // Only a bug in this binding gets here (the handlers complete their task with any exception
    // they meet): it must not unwind into C, which would end the process, and no caller is there
    // to receive it. Counted so that tests can assert it never happens.
    private static void Unexpected(Exception e)
    {
        _ = e;
        System.Threading.Interlocked.Increment(ref s_unexpected);
    }

    private static int s_unexpected;

    internal static int UnexpectedFailures => System.Threading.Volatile.Read(ref s_unexpected);
}
