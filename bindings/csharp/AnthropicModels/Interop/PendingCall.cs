// One asynchronous C request and the Task waiting for it. The C library calls back on the client's
// worker thread when the request finishes (OnCompleted), and releases the userdata exactly once
// afterwards, or instead when the callback will never run because the client was freed first
// (OnReleased). Both complete the Task; continuations run on the thread pool, never on the worker.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AnthropicModels.Interop;

internal abstract class PendingCall
{
    /// <summary>The request finished; runs on the client's worker thread.</summary>
    internal abstract void OnCompleted(IntPtr request);

    /// <summary>The library released the userdata (after OnCompleted, or instead of it).</summary>
    internal abstract void OnReleased();
}

internal sealed class PendingCall<T> : PendingCall
{
    private readonly TaskCompletionSource<T> _completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ResultKind<T> _kind;
    private readonly CancellationToken _token;
    // Keeps the client reachable while the request is in flight: a client dropped without Dispose
    // must not be finalized (which cancels its requests) under an awaited call.
    private readonly ClientHandle _client;
    private GCHandle _self;

    // Guarded by _gate: the request handle is attached by the submitting thread, possibly after
    // the worker has already finished the request; whoever comes second frees it.
    private readonly object _gate = new object();
    private RequestHandle? _request;
    private CancellationTokenRegistration _registration;
    private bool _finished;

    internal PendingCall(ClientHandle client, ResultKind<T> kind, CancellationToken token)
    {
        _client = client;
        _kind = kind;
        _token = token;
    }

    /// <summary>The userdata to hand to the C call: a GCHandle to this object.</summary>
    internal IntPtr Pin()
    {
        _self = GCHandle.Alloc(this);
        return GCHandle.ToIntPtr(_self);
    }

    /// <summary>The submission failed before the library took the userdata: release it here.</summary>
    internal void Unpin() => _self.Free();

    /// <summary>Called by the submitting thread with the outcome of the C call.</summary>
    internal Task<T> Started(int status, IntPtr request, IntPtr err)
    {
        if (status != 0)
        {
            Unpin();  // neither the callback nor userdata_free will run
            return Task.FromException<T>(ErrorMapping.FromNative(status, err, _token));
        }
        var handle = new RequestHandle(request);
        bool attached;
        lock (_gate)
        {
            attached = !_finished;
            if (attached) _request = handle;
        }
        if (!attached)
        {
            handle.Dispose();  // finished already
            return _completion.Task;
        }
        if (_token.CanBeCanceled)
        {
            // Fires at once when the token is cancelled already.
#if NET8_0_OR_GREATER
            CancellationTokenRegistration registration = _token.UnsafeRegister(static s => ((PendingCall<T>)s!).CancelNative(), this);
#else
            CancellationTokenRegistration registration = _token.Register(static s => ((PendingCall<T>)s!).CancelNative(), this);
#endif
            lock (_gate)
            {
                if (!_finished)
                {
                    _registration = registration;
                    registration = default;
                }
            }
            registration.Dispose();  // no-op unless the request finished meanwhile
        }
        return _completion.Task;
    }

    internal override void OnCompleted(IntPtr request)
    {
        try
        {
            if (_kind.TryTake(request, _token, out T value, out Exception? error))
                _completion.TrySetResult(value);
            else
                Fail(error!);
        }
#pragma warning disable CA1031 // Whatever happens here belongs to the awaiting caller, not to the C library.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _completion.TrySetException(e);
        }
        Finish(freeRequestNow: true);  // am_request_free inside the request's own callback is allowed
    }

    internal override void OnReleased()
    {
        if (_completion.Task.IsCompleted) return;  // the usual case: OnCompleted ran
        // The callback will never run: the client was disposed (or finalized) with the request in flight.
        Fail(new OperationCanceledException("The ModelsClient was disposed before the request finished."));
        Finish(freeRequestNow: false);
    }

    private void Fail(Exception error)
    {
        if (error is OperationCanceledException && _token.IsCancellationRequested)
            _completion.TrySetCanceled(_token);
        else
            _completion.TrySetException(error);
    }

    private void Finish(bool freeRequestNow)
    {
        RequestHandle? request;
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            _finished = true;
            request = _request;
            registration = _registration;
            _request = null;
            _registration = default;
        }
#if NET8_0_OR_GREATER
        registration.Unregister();  // never waits for a cancellation callback running elsewhere
#else
        registration.Dispose();  // may wait for a running cancellation callback, which never waits on the worker
#endif
        GC.KeepAlive(_client);
        if (request == null) return;
        if (freeRequestNow)
            request.Dispose();
        else
            ThreadPool.QueueUserWorkItem(static r => ((RequestHandle)r!).Dispose(), request);  // not from inside the library's release path
    }

    private void CancelNative()
    {
        RequestHandle? request;
        lock (_gate) request = _request;
        request?.Cancel();
    }
}
