// ModelsClientOptions to an am_options handle. The C setters validate every value; their errors
// become ArgumentExceptions naming the property.
using System;
using System.Collections.Generic;
using System.Threading;

namespace AnthropicModels.Interop;

internal static unsafe class NativeOptions
{
    internal static OptionsHandle Create(ModelsClientOptions options)
    {
        IntPtr p = NativeMethods.am_options_new();
        if (p == IntPtr.Zero) throw new InsufficientMemoryException("am_options_new failed.");
        var handle = new OptionsHandle(p);
        try
        {
            NativeSetters.SetString(p, options.ApiKey, &NativeMethods.am_options_set_api_key, nameof(options), nameof(ModelsClientOptions.ApiKey));
            NativeSetters.SetString(p, options.AuthToken, &NativeMethods.am_options_set_auth_token, nameof(options), nameof(ModelsClientOptions.AuthToken));
            NativeSetters.SetString(p, options.BaseUrl, &NativeMethods.am_options_set_base_url, nameof(options), nameof(ModelsClientOptions.BaseUrl));
            NativeSetters.SetString(p, options.ApiVersion, &NativeMethods.am_options_set_api_version, nameof(options), nameof(ModelsClientOptions.ApiVersion));
            NativeSetters.SetString(p, options.WorkspaceId, &NativeMethods.am_options_set_workspace_id, nameof(options), nameof(ModelsClientOptions.WorkspaceId));
            NativeSetters.SetString(p, options.Proxy, &NativeMethods.am_options_set_proxy, nameof(options), nameof(ModelsClientOptions.Proxy));
            NativeSetters.SetString(p, options.CaBundlePath, &NativeMethods.am_options_set_ca_bundle, nameof(options), nameof(ModelsClientOptions.CaBundlePath));
            NativeSetters.SetString(p, options.UserAgentSuffix, &NativeMethods.am_options_set_user_agent_suffix, nameof(options), nameof(ModelsClientOptions.UserAgentSuffix));
            NativeSetters.SetString(p, options.CacheDirectory, &NativeMethods.am_options_set_cache_dir, nameof(options), nameof(ModelsClientOptions.CacheDirectory));
            foreach (string beta in options.Betas)
                NativeSetters.SetString(p, beta ?? throw new ArgumentException("Betas: a beta name is null.", nameof(options)),
                                        &NativeMethods.am_options_add_beta, nameof(options), nameof(ModelsClientOptions.Betas));
            foreach (KeyValuePair<string, string> header in options.Headers) AddHeader(p, header.Key, header.Value);
            SetMilliseconds(p, options.Timeout, &NativeMethods.am_options_set_timeout_ms, nameof(ModelsClientOptions.Timeout));
            SetMilliseconds(p, options.ConnectTimeout, &NativeMethods.am_options_set_connect_timeout_ms, nameof(ModelsClientOptions.ConnectTimeout));
            SetMilliseconds(p, options.Deadline, &NativeMethods.am_options_set_deadline_ms, nameof(ModelsClientOptions.Deadline));
            SetMilliseconds(p, options.RetryAfterCap, &NativeMethods.am_options_set_retry_after_cap_ms, nameof(ModelsClientOptions.RetryAfterCap));
            SetMilliseconds(p, options.CacheTtl, &NativeMethods.am_options_set_cache_ttl_ms, nameof(ModelsClientOptions.CacheTtl));
            IntPtr err;
            if (options.MaxRetries is int retries)
                ErrorMapping.ThrowIfFailed(NativeMethods.am_options_set_max_retries(p, retries, &err), err, nameof(options), nameof(ModelsClientOptions.MaxRetries));
            if (options.MaxResponseBytes is long bytes)
                ErrorMapping.ThrowIfFailed(NativeMethods.am_options_set_max_response_bytes(p, bytes, &err), err, nameof(options), nameof(ModelsClientOptions.MaxResponseBytes));
            NativeMethods.am_options_set_ignore_env(p, options.IgnoreEnvironment ? 1 : 0);
            NativeMethods.am_options_set_beta_variant(p, options.BetaVariant ? 1 : 0);
            NativeMethods.am_options_set_curl_global_init(p, options.CurlGlobalInit ? 1 : 0);
            NativeMethods.am_options_set_cache_stale_while_revalidate(p, options.StaleWhileRevalidate ? 1 : 0);
            NativeMethods.am_options_set_offline(p, options.Offline ? 1 : 0);
            // Completions go straight to their TaskCompletionSource; nothing needs a dispatch loop.
            NativeMethods.am_options_set_callbacks_on_worker(p, 1);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    // Errors of the helpers below name the ModelsClient constructor's parameter.
    private const string OptionsParam = "options";

    private static void AddHeader(IntPtr p, string name, string value)
    {
        IntPtr err;
        int status;
        const string property = nameof(ModelsClientOptions.Headers);
        fixed (byte* n = Utf8.Encode(name, stackalloc byte[Utf8.StackBufferSize], OptionsParam, property))
        fixed (byte* v = Utf8.Encode(value ?? string.Empty, stackalloc byte[Utf8.StackBufferSize], OptionsParam, property))
            status = NativeMethods.am_options_add_header(p, n, v, &err);
        ErrorMapping.ThrowIfFailed(status, err, OptionsParam, property);
    }

    // Whole milliseconds, rounded up so a positive value never becomes 0 ("none"). InfiniteTimeSpan
    // is 0 for the settings where the library reads 0 as "no limit"; other negative values are
    // passed on for the library to refuse.
    private static void SetMilliseconds(IntPtr p, TimeSpan? value, delegate*<IntPtr, long, IntPtr*, int> setter, string name)
    {
        if (value is not TimeSpan span) return;
        long ms = span == Timeout.InfiniteTimeSpan && (name == nameof(ModelsClientOptions.Timeout) || name == nameof(ModelsClientOptions.Deadline))
            ? 0
            : (long)Math.Ceiling(span.TotalMilliseconds);
        IntPtr err;
        ErrorMapping.ThrowIfFailed(setter(p, ms, &err), err, OptionsParam, name);
    }
}
