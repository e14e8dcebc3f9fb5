// ModelListParams to an am_list_params handle (the C library copies it when a call starts).
using System;

namespace AnthropicModels.Interop;

internal static unsafe class NativeListParams
{
    /// <summary>
    /// The parameters of one call. <paramref name="afterId"/> and <paramref name="beforeId"/>
    /// replace the caller's cursors (a page of a lazy walk); <paramref name="limit"/> applies when
    /// the caller gave none.
    /// </summary>
    internal static ListParamsHandle Create(ModelListParams? parameters, string? afterId, string? beforeId, int? limit)
    {
        IntPtr h = NativeMethods.am_list_params_new();
        if (h == IntPtr.Zero) throw new InsufficientMemoryException("am_list_params_new failed.");
        var handle = new ListParamsHandle(h);
        try
        {
            IntPtr err;
            if ((parameters?.Limit ?? limit) is int n)
                ErrorMapping.ThrowIfFailed(NativeMethods.am_list_params_set_limit(h, n, &err), err, nameof(parameters), nameof(ModelListParams.Limit));
            NativeSetters.SetString(h, afterId, &NativeMethods.am_list_params_set_after_id, nameof(parameters), nameof(ModelListParams.AfterId));
            NativeSetters.SetString(h, beforeId, &NativeMethods.am_list_params_set_before_id, nameof(parameters), nameof(ModelListParams.BeforeId));
            if (parameters != null)
            {
                foreach (string stage in parameters.Lifecycle)
                    NativeSetters.SetString(h, stage ?? throw new ArgumentException("Lifecycle: a stage is null.", nameof(parameters)),
                                            &NativeMethods.am_list_params_add_lifecycle, nameof(parameters), nameof(ModelListParams.Lifecycle));
                NativeMethods.am_list_params_set_beta(h, parameters.Beta ? 1 : 0);
                NativeMethods.am_list_params_set_refresh(h, parameters.Refresh ? 1 : 0);
                if (parameters.MaxPages is int pages)
                    ErrorMapping.ThrowIfFailed(NativeMethods.am_list_params_set_max_pages(h, pages, &err), err, nameof(parameters), nameof(ModelListParams.MaxPages));
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The caller's own parameters, unchanged; null (the library's defaults) for none.</summary>
    internal static ListParamsHandle? CreateOrNull(ModelListParams? p) => p == null ? null : Create(p, p.AfterId, p.BeforeId, limit: null);

    /// <summary>
    /// The pointer to pass to a call (NULL for none). Only for a handle the caller created and
    /// disposes after the call, which no other thread can release meanwhile.
    /// </summary>
    internal static IntPtr Pointer(ListParamsHandle? handle) => handle?.DangerousGetHandle() ?? IntPtr.Zero;
}
