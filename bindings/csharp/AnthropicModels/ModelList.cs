using System;
using System.Collections;
using System.Collections.Generic;
using AnthropicModels.Interop;

namespace AnthropicModels;

/// <summary>
/// Every model of a listing (<see cref="ModelsClient.ListAll"/>, <see cref="ModelsClient.GetModelListAsync"/>),
/// newest first, with where it came from (<see cref="FromCache"/>, <see cref="IsStale"/>,
/// <see cref="Age"/>), and the selections the C library makes over it without a request. Immutable
/// and safe to share between threads; every selection returns a new list and leaves this one as it
/// is.
/// </summary>
public sealed unsafe class ModelList : IReadOnlyList<ModelInfo>
{
    // The native list stays alive as long as this object or any of its models does: selections
    // and lookups read it, and its models read from it on demand (NativeModel).
    private readonly ModelListHandle _handle;
    private readonly ModelInfo[] _models;

    internal ModelList(ModelListHandle handle)
    {
        _handle = handle;
        IntPtr list = handle.DangerousGetHandle();  // just created here: nothing else can free it yet
        _models = ModelReader.ReadModels(handle, list);
        FromCache = NativeMethods.am_model_list_from_cache(list) != 0;
        IsStale = NativeMethods.am_model_list_is_stale(list) != 0;
        Age = TimeSpan.FromTicks(checked(NativeMethods.am_model_list_age_ms(list) * TimeSpan.TicksPerMillisecond));
    }

    /// <summary>The number of models.</summary>
    public int Count => _models.Length;

    /// <summary>The model at <paramref name="index"/>.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="Count"/>.</exception>
    public ModelInfo this[int index] => _models[index];

    /// <summary>
    /// Whether the client's cache (memory or <see cref="ModelsClientOptions.CacheDirectory"/>)
    /// answered, rather than a request made for this call. A selection keeps its input's value.
    /// </summary>
    public bool FromCache { get; }

    /// <summary>
    /// Whether the listing is past <see cref="ModelsClientOptions.CacheTtl"/>: served because a
    /// refresh failed, while revalidating (<see cref="ModelsClientOptions.StaleWhileRevalidate"/>), or
    /// offline. A selection keeps its input's value.
    /// </summary>
    public bool IsStale { get; }

    /// <summary>
    /// How old the data was when the call was answered (since the server sent it):
    /// <see cref="TimeSpan.Zero"/> for a listing fetched for this call. A selection keeps its
    /// input's value.
    /// </summary>
    public TimeSpan Age { get; }

    /// <summary>
    /// The models that support every given capability path (<c>image_input</c>,
    /// <c>thinking.types.adaptive</c>; paths newer than this release work too), in this list's order.
    /// Only <see cref="Support.Yes"/> counts: a model listed without capabilities answers
    /// <see cref="Support.Unknown"/> and is left out. No path keeps every model.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentException">A path is null, empty or malformed (<c>.a</c>, <c>a..b</c>, spaces, commas).</exception>
    public ModelList SelectSupported(params string[] paths) => SelectSupported((IEnumerable<string>)paths);

    /// <inheritdoc cref="SelectSupported(string[])"/>
    public ModelList SelectSupported(IEnumerable<string> paths)
    {
        Guard.NotNull(paths, nameof(paths));
        using var encoded = new Utf8Array(paths, nameof(paths));
        IntPtr result, err;
        int status;
        using (NativeHandle.Lease list = _handle.Borrow())
            status = NativeMethods.am_model_list_select_supported(list.Pointer, encoded.Pointers, (nuint)encoded.Count, &result, &err);
        return Selected(status, result, err, nameof(paths));
    }

    /// <summary>The models in one lifecycle stage (<c>active</c>, <c>deprecated</c>, <c>retired</c>), in this list's order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stage"/> is null.</exception>
    public ModelList SelectLifecycle(string stage) => SelectByName(stage, &NativeMethods.am_model_list_select_lifecycle, nameof(stage));

    /// <summary>The models of one line (<c>opus</c>, <c>sonnet</c>, <c>haiku</c>), in this list's order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    public ModelList SelectLine(string line) => SelectByName(line, &NativeMethods.am_model_list_select_line, nameof(line));

    /// <summary>
    /// The models with a known retirement date (<see cref="ModelInfo.RetiresAt"/>) strictly before
    /// <paramref name="time"/>, in this list's order: the deprecation watch the API's guide asks for.
    /// </summary>
    public ModelList SelectRetiringBefore(DateTimeOffset time)
    {
        // Retirement dates are whole seconds: "before 10.5 s" keeps 10 s, so round up.
        long seconds = time.ToUnixTimeSeconds() + (time.UtcTicks % TimeSpan.TicksPerSecond != 0 ? 1 : 0);
        IntPtr result, err;
        int status;
        using (NativeHandle.Lease list = _handle.Borrow())
            status = NativeMethods.am_model_list_select_retiring_before(list.Pointer, seconds, &result, &err);
        return Selected(status, result, err, nameof(time));
    }

    /// <summary>
    /// The models ordered by <see cref="ModelInfo.CreatedAt"/>, newest or oldest first; the order is
    /// stable, and models without a date come last either way.
    /// </summary>
    public ModelList SortByCreated(bool newestFirst = true)
    {
        IntPtr result, err;
        int status;
        using (NativeHandle.Lease list = _handle.Borrow())
            status = NativeMethods.am_model_list_sort_by_created(list.Pointer, newestFirst ? 1 : 0, &result, &err);
        return Selected(status, result, err, nameof(newestFirst));
    }

    /// <summary>
    /// The model whose id is <paramref name="idOrPrefix"/>, else the newest one whose id starts with
    /// it followed by <c>-</c> (<c>claude-sonnet-4-5</c> finds <c>claude-sonnet-4-5-20250929</c>, never
    /// <c>claude-sonnet-4-50</c>); null when none does. The result is the same object as in this list.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="idOrPrefix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="idOrPrefix"/> is empty.</exception>
    public ModelInfo? Find(string idOrPrefix)
    {
        Guard.NotNull(idOrPrefix, nameof(idOrPrefix));
        if (idOrPrefix.Length == 0) throw new ArgumentException("An id or prefix must not be empty.", nameof(idOrPrefix));
        return Lookup(idOrPrefix, &NativeMethods.am_model_list_find, nameof(idOrPrefix));
    }

    /// <summary>
    /// The newest model (latest <see cref="ModelInfo.CreatedAt"/>; ties keep this list's order) of a
    /// line (<c>opus</c>, <c>sonnet</c>, <c>haiku</c>), or of any line when <paramref name="line"/> is
    /// null; null when there is none. The result is the same object as in this list.
    /// </summary>
    public ModelInfo? Newest(string? line = null) => Lookup(line, &NativeMethods.am_model_list_newest, nameof(line));

    /// <summary>Enumerates the models in order.</summary>
    public IEnumerator<ModelInfo> GetEnumerator() => ((IEnumerable<ModelInfo>)_models).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Count} models" + (FromCache ? $" from the cache, {(IsStale ? "stale" : "fresh")}, {Age.TotalSeconds:0.###} s old" : "");

    private ModelList SelectByName(string name, delegate*<IntPtr, byte*, IntPtr*, IntPtr*, int> select, string paramName)
    {
        Guard.NotNull(name, paramName);
        IntPtr result, err;
        int status;
        fixed (byte* n = Utf8.Encode(name, stackalloc byte[Utf8.StackBufferSize], paramName))
        using (NativeHandle.Lease list = _handle.Borrow())
            status = select(list.Pointer, n, &result, &err);
        return Selected(status, result, err, paramName);
    }

    private static ModelList Selected(int status, IntPtr result, IntPtr err, string paramName)
    {
        ErrorMapping.ThrowIfFailed(status, err, paramName);
        return new ModelList(new ModelListHandle(result, sharesModels: true));
    }

    // A model the C library returns BORROWED from this list is one of the models read from it:
    // give back that object, which keeps the list alive as long as it is used.
    private ModelInfo? Lookup(string? name, delegate*<IntPtr, byte*, IntPtr> lookup, string paramName)
    {
        fixed (byte* n = Utf8.Encode(name, stackalloc byte[Utf8.StackBufferSize], paramName))
        using (NativeHandle.Lease list = _handle.Borrow())
        {
            IntPtr found = lookup(list.Pointer, n);
            if (found == IntPtr.Zero) return null;
            for (int i = 0; i < _models.Length; i++)
                if (NativeMethods.am_model_list_at(list.Pointer, (nuint)i) == found) return _models[i];
        }
        throw new InvalidOperationException("The native library returned a model that is not in the list.");
    }
}
