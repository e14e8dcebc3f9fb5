using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AnthropicModels.Interop;

namespace AnthropicModels;

/// <summary>
/// A client of Anthropic's Models API over the native anthropic-models library. Thread-safe: one
/// client serves any number of concurrent calls, all driven by one native worker thread over
/// kept-alive connections; asynchronous calls never block a thread while they wait. Dispose it
/// when done: requests still in flight are cancelled.
/// </summary>
public sealed unsafe class ModelsClient : IDisposable
{
    private readonly ClientHandle _handle;
    private int _disposed;

    /// <summary>A client configured from the environment, like the C library's defaults.</summary>
    public ModelsClient() : this(new ModelsClientOptions()) { }

    /// <summary>A client with the given options (copied: later changes to them have no effect).</summary>
    /// <exception cref="DllNotFoundException">No usable native library was found; the message lists the paths tried.</exception>
    /// <exception cref="ArgumentException">An option was refused; the message says why.</exception>
    public ModelsClient(ModelsClientOptions options)
    {
        Guard.NotNull(options, nameof(options));
        NativeLibraryLoader.EnsureLoaded();
        IntPtr client, err;
        int status;
        using (OptionsHandle opts = NativeOptions.Create(options))
        using (NativeHandle.Lease lease = opts.Borrow())
            status = NativeMethods.am_client_new(lease.Pointer, &client, &err);
        // Refusals here are about the options as a whole, e.g. a CacheDirectory that is a file.
        ErrorMapping.ThrowIfFailed(status, err, nameof(options));
        _handle = new ClientHandle(client);
        if (options.Log != null)
        {
            try
            {
                SetLog(options.Log);
            }
            catch
            {
                _handle.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// The native library to load, overriding the search (also settable with the
    /// <c>ANTHROPIC_MODELS_NATIVE_LIBRARY</c> environment variable). Set it before the first client
    /// is created. Otherwise the package's <c>runtimes/&lt;rid&gt;/native/</c> folder, the
    /// application folder and then the system's search are tried, in that order.
    /// </summary>
    public static string? NativeLibraryPath
    {
        get => NativeLibraryLoader.ExplicitPath;
        set => NativeLibraryLoader.ExplicitPath = value;
    }

    /// <summary>The version of the native library, e.g. <c>0.1.0</c> (loads it if needed).</summary>
    public static string NativeVersion
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            return Utf8.Decode(NativeMethods.am_version()) ?? string.Empty;
        }
    }

    /// <summary>Gets a model by id or alias; the result carries the canonical id.</summary>
    public Task<ModelInfo> RetrieveAsync(string modelId, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(modelId, nameof(modelId));
        fixed (byte* id = Utf8.Encode(modelId, stackalloc byte[Utf8.StackBufferSize], nameof(modelId)))
            return StartAsync(ResultKinds.Model, IntPtr.Zero, id, cancellationToken);
    }

    /// <summary>Gets one page of models, newest first.</summary>
    public Task<ModelListPage> ListAsync(ModelListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        using ListParamsHandle? p = NativeListParams.CreateOrNull(parameters);
        return StartAsync(ResultKinds.Page, NativeListParams.Pointer(p), null, cancellationToken);
    }

    /// <summary>
    /// Every model, fetching pages lazily as the enumeration goes (1000 models per page unless
    /// <see cref="ModelListParams.Limit"/> says otherwise): stopping early sends no further request.
    /// Forwards (the default, or from <see cref="ModelListParams.AfterId"/>) models come newest
    /// first; backwards (from <see cref="ModelListParams.BeforeId"/>) they come nearest the cursor
    /// first, i.e. oldest first. Pages are never cached: <see cref="GetModelListAsync"/> is the
    /// whole listing that the client's cache answers.
    /// </summary>
    public IAsyncEnumerable<ModelInfo> ListAllAsync(ModelListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return WalkPages(parameters ?? new ModelListParams(), cancellationToken);
    }

    /// <summary>Gets a model by id or alias, blocking the calling thread.</summary>
    public ModelInfo Retrieve(string modelId, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(modelId, nameof(modelId));
        fixed (byte* id = Utf8.Encode(modelId, stackalloc byte[Utf8.StackBufferSize], nameof(modelId)))
            return RunBlocking(ResultKinds.Model, IntPtr.Zero, id, cancellationToken);
    }

    /// <summary>Gets one page of models, blocking the calling thread.</summary>
    public ModelListPage List(ModelListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        using ListParamsHandle? p = NativeListParams.CreateOrNull(parameters);
        return RunBlocking(ResultKinds.Page, NativeListParams.Pointer(p), null, cancellationToken);
    }

    /// <summary>
    /// Every model, all pages fetched before it returns (newest first in both directions),
    /// blocking the calling thread. The client's cache answers when it holds the listing (see
    /// <see cref="ModelsClientOptions.CacheTtl"/>); <see cref="GetModelListAsync"/> is the
    /// asynchronous form.
    /// </summary>
    public ModelList ListAll(ModelListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        using ListParamsHandle? p = NativeListParams.CreateOrNull(parameters);
        return RunBlocking(ResultKinds.All, NativeListParams.Pointer(p), null, cancellationToken);
    }

    /// <summary>
    /// Every model in one <see cref="ModelList"/>, all pages fetched before the task completes
    /// (newest first in both directions): the asynchronous form of <see cref="ListAll"/>. Unlike
    /// the lazy <see cref="ListAllAsync"/>, the client's cache answers it when it holds the listing
    /// (a fresh hit completes without a request), identical concurrent calls share one request when
    /// a cache is on, and a failed refresh falls back to the disk cache.
    /// </summary>
    public Task<ModelList> GetModelListAsync(ModelListParams? parameters = null, CancellationToken cancellationToken = default)
    {
        using ListParamsHandle? p = NativeListParams.CreateOrNull(parameters);
        return StartAsync(ResultKinds.All, NativeListParams.Pointer(p), null, cancellationToken);
    }

    /// <summary>
    /// Forgets every answer the client's cache holds, so the next listing and retrieval send a
    /// request. Listings in <see cref="ModelsClientOptions.CacheDirectory"/> stay, as the fallback
    /// of a failed refresh and for offline use, but are no longer served as fresh. Any thread.
    /// </summary>
    public void InvalidateCache()
    {
        ThrowIfDisposed();
        using NativeHandle.Lease client = BorrowClient();
        NativeMethods.am_client_cache_invalidate(client.Pointer);
    }

    /// <summary>
    /// Cancels the requests in flight (their tasks end with <see cref="OperationCanceledException"/>)
    /// and stops the client's worker thread. Calling it again does nothing.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // am_client_free joins the worker thread, so it cannot run on it: from the log callback,
        // the client is freed on the thread pool instead.
        if (LogSink.IsWritingOnThisThread)
            ThreadPool.QueueUserWorkItem(static h => ((ClientHandle)h!).Dispose(), _handle);
        else
            _handle.Dispose();
    }

    private async IAsyncEnumerable<ModelInfo> WalkPages(ModelListParams parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var walk = new PageWalk(parameters);
        while (true)
        {
            ModelListPage page = await StartPage(parameters, walk, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ModelInfo> data = page.Data;
            if (walk.Backwards)
            {
                for (int i = data.Count - 1; i >= 0; i--) yield return data[i];
            }
            else
            {
                for (int i = 0; i < data.Count; i++) yield return data[i];
            }
            if (!page.HasMore) yield break;
            walk.Advance(page);
        }
    }

    private Task<ModelListPage> StartPage(ModelListParams parameters, PageWalk walk, CancellationToken cancellationToken)
    {
        using ListParamsHandle p = NativeListParams.Create(parameters, walk.AfterId, walk.BeforeId, PageWalk.DefaultLimit);
        return StartAsync(ResultKinds.Page, NativeListParams.Pointer(p), null, cancellationToken);
    }

    // Submits the request with the static completion callback; the Task completes on the thread pool.
    private Task<T> StartAsync<T>(ResultKind<T> kind, IntPtr listParams, byte* id, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);  // nothing is sent
        var call = new PendingCall<T>(_handle, kind, cancellationToken);
        IntPtr userdata = call.Pin();
        IntPtr request, err;
        int status;
        try
        {
            status = Submit(kind.Call, listParams, id, NativeCallbacks.RequestCompleted, userdata, NativeCallbacks.UserdataFree, &request, &err);
        }
        catch
        {
            call.Unpin();
            throw;
        }
        return call.Started(status, request, err);
    }

    // Submits the request without a callback and waits for it on this thread.
    private T RunBlocking<T>(ResultKind<T> kind, IntPtr listParams, byte* id, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (LogSink.IsWritingOnThisThread)
            throw new InvalidOperationException("A synchronous call cannot be made from the client's log callback, which runs on the client's worker thread.");
        cancellationToken.ThrowIfCancellationRequested();
        IntPtr req, err;
        int status = Submit(kind.Call, listParams, id, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, &req, &err);
        if (status != 0) throw ErrorMapping.FromNative(status, err, cancellationToken);
        using var request = new RequestHandle(req);
        using (cancellationToken.Register(static r => ((RequestHandle)r!).Cancel(), request))
        using (NativeHandle.Lease lease = request.Borrow())
        {
            if (NativeMethods.am_request_wait(lease.Pointer, -1) == 0)
                throw new InvalidOperationException("am_request_wait returned before the request finished.");
            if (kind.TryTake(lease.Pointer, cancellationToken, out T value, out Exception? error)) return value;
            throw error!;
        }
    }

    private int Submit(NativeCall call, IntPtr listParams, byte* id, IntPtr callback, IntPtr userdata, IntPtr userdataFree,
                       IntPtr* request, IntPtr* err)
    {
        using NativeHandle.Lease client = BorrowClient();
        switch (call)
        {
            case NativeCall.Get:
                return NativeMethods.am_model_get_async(client.Pointer, id, callback, userdata, userdataFree, request, err);
            case NativeCall.List:
                return NativeMethods.am_models_list_async(client.Pointer, listParams, callback, userdata, userdataFree, request, err);
            default:
                return NativeMethods.am_models_list_all_async(client.Pointer, listParams, callback, userdata, userdataFree, request, err);
        }
    }

    private void SetLog(Action<ModelsLogLevel, string> log)
    {
        GCHandle sink = GCHandle.Alloc(new LogSink(log));  // freed by the library through UserdataFree
        IntPtr err;
        int status;
        using (NativeHandle.Lease client = BorrowClient())
            status = NativeMethods.am_client_set_log_callback(client.Pointer, NativeCallbacks.Log, GCHandle.ToIntPtr(sink),
                                                              NativeCallbacks.UserdataFree, &err);
        if (status != 0) sink.Free();
        ErrorMapping.ThrowIfFailed(status, err, "options", nameof(ModelsClientOptions.Log));
    }

    private NativeHandle.Lease BorrowClient()
    {
        try
        {
            return _handle.Borrow();
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(ModelsClient));  // disposed by another thread just now
        }
    }

    private void ThrowIfDisposed()
    {
        Guard.NotDisposed(Volatile.Read(ref _disposed) != 0, this);
    }
}
