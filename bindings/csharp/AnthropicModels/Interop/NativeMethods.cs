// The C functions this binding calls, declared once. On netstandard2.1 the project file rewrites
// this file into DllImport declarations (see GenerateDllImportDeclarations), so keep every
// declaration on the pattern `[LibraryImport(Lib)] internal static partial T name(...);` and every
// type blittable: handles are IntPtr, strings are byte* (UTF-8, NUL-terminated), size_t is nuint,
// booleans are int. Functions marked [SuppressGCTransition] only read memory the caller keeps
// alive: they never block, call back or take a lock held across a call.
using System;
using System.Runtime.InteropServices;

namespace AnthropicModels.Interop;

internal static unsafe partial class NativeMethods
{
    internal const string Lib = "anthropic_models";

    // The ABI this binding was written against (AM_ABI_VERSION).
    internal const int AbiVersion = 1;

    // One past the largest capability this binding knows (AM_CAP_COUNT).
    internal const int CapabilityCount = 25;

    // ---- version ----
    [LibraryImport(Lib)] internal static partial byte* am_version();
    [LibraryImport(Lib)] internal static partial int am_abi_version();
    [LibraryImport(Lib)] internal static partial byte* am_status_name(int status);

    // ---- errors ----
    [LibraryImport(Lib)] internal static partial void am_error_free(IntPtr err);
    [LibraryImport(Lib)] internal static partial int am_error_status(IntPtr err);
    [LibraryImport(Lib)] internal static partial int am_error_http_status(IntPtr err);
    [LibraryImport(Lib)] internal static partial byte* am_error_type(IntPtr err);
    [LibraryImport(Lib)] internal static partial byte* am_error_message(IntPtr err);
    [LibraryImport(Lib)] internal static partial byte* am_error_request_id(IntPtr err);
    [LibraryImport(Lib)] internal static partial int am_error_attempts(IntPtr err);
    [LibraryImport(Lib)] internal static partial long am_error_retry_after_ms(IntPtr err);

    // ---- options ----
    [LibraryImport(Lib)] internal static partial IntPtr am_options_new();
    [LibraryImport(Lib)] internal static partial void am_options_free(IntPtr opts);
    [LibraryImport(Lib)] internal static partial int am_options_set_api_key(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_auth_token(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_base_url(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_api_version(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_add_beta(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_workspace_id(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_add_header(IntPtr opts, byte* name, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_timeout_ms(IntPtr opts, long ms, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_connect_timeout_ms(IntPtr opts, long ms, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_deadline_ms(IntPtr opts, long ms, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_max_retries(IntPtr opts, int retries, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_retry_after_cap_ms(IntPtr opts, long ms, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_proxy(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_ca_bundle(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_max_response_bytes(IntPtr opts, long bytes, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_user_agent_suffix(IntPtr opts, byte* value, IntPtr* err);
    [LibraryImport(Lib)] internal static partial void am_options_set_ignore_env(IntPtr opts, int ignore);
    [LibraryImport(Lib)] internal static partial void am_options_set_beta_variant(IntPtr opts, int beta);
    [LibraryImport(Lib)] internal static partial void am_options_set_curl_global_init(IntPtr opts, int enabled);
    [LibraryImport(Lib)] internal static partial void am_options_set_callbacks_on_worker(IntPtr opts, int onWorker);
    [LibraryImport(Lib)] internal static partial int am_options_set_cache_ttl_ms(IntPtr opts, long ms, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_options_set_cache_dir(IntPtr opts, byte* dir, IntPtr* err);
    [LibraryImport(Lib)] internal static partial void am_options_set_cache_stale_while_revalidate(IntPtr opts, int enabled);
    [LibraryImport(Lib)] internal static partial void am_options_set_offline(IntPtr opts, int offline);

    // ---- client ----
    [LibraryImport(Lib)] internal static partial int am_client_new(IntPtr opts, IntPtr* client, IntPtr* err);
    [LibraryImport(Lib)] internal static partial void am_client_free(IntPtr client);
    // fn: void (*)(int32_t level, const char *message, void *userdata); userdataFree: void (*)(void *)
    [LibraryImport(Lib)] internal static partial int am_client_set_log_callback(IntPtr client, IntPtr fn, IntPtr userdata, IntPtr userdataFree, IntPtr* err);
    // Takes the cache's lock: a normal transition.
    [LibraryImport(Lib)] internal static partial void am_client_cache_invalidate(IntPtr client);

    // ---- list parameters ----
    [LibraryImport(Lib)] internal static partial IntPtr am_list_params_new();
    [LibraryImport(Lib)] internal static partial void am_list_params_free(IntPtr p);
    [LibraryImport(Lib)] internal static partial int am_list_params_set_limit(IntPtr p, int limit, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_list_params_set_after_id(IntPtr p, byte* id, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_list_params_set_before_id(IntPtr p, byte* id, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_list_params_add_lifecycle(IntPtr p, byte* stage, IntPtr* err);
    [LibraryImport(Lib)] internal static partial void am_list_params_set_beta(IntPtr p, int beta);
    [LibraryImport(Lib)] internal static partial int am_list_params_set_max_pages(IntPtr p, int maxPages, IntPtr* err);
    [LibraryImport(Lib)] internal static partial void am_list_params_set_refresh(IntPtr p, int refresh);

    // ---- asynchronous calls (callback: void (*)(am_request *, void *userdata)) ----
    [LibraryImport(Lib)] internal static partial int am_models_list_async(IntPtr client, IntPtr p, IntPtr callback, IntPtr userdata, IntPtr userdataFree, IntPtr* request, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_models_list_all_async(IntPtr client, IntPtr p, IntPtr callback, IntPtr userdata, IntPtr userdataFree, IntPtr* request, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_model_get_async(IntPtr client, byte* id, IntPtr callback, IntPtr userdata, IntPtr userdataFree, IntPtr* request, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_request_wait(IntPtr request, long timeoutMs);
    [LibraryImport(Lib)] internal static partial void am_request_cancel(IntPtr request);
    [LibraryImport(Lib)] internal static partial int am_request_take_list(IntPtr request, IntPtr* list, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_request_take_model(IntPtr request, IntPtr* model, IntPtr* err);
    [LibraryImport(Lib)] internal static partial void am_request_free(IntPtr request);

    // ---- lists ----
    [LibraryImport(Lib)] internal static partial void am_model_list_free(IntPtr list);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial nuint am_model_list_count(IntPtr list);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial IntPtr am_model_list_at(IntPtr list, nuint i);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_list_first_id(IntPtr list);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_list_last_id(IntPtr list);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_list_has_more(IntPtr list);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_list_from_cache(IntPtr list);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_list_is_stale(IntPtr list);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial long am_model_list_age_ms(IntPtr list);

    // ---- selection (no request; filters allocate a new list, lookups return a model borrowed from the input) ----
    [LibraryImport(Lib)] internal static partial int am_model_list_select_supported(IntPtr list, byte** paths, nuint count, IntPtr* result, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_model_list_select_lifecycle(IntPtr list, byte* stage, IntPtr* result, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_model_list_select_line(IntPtr list, byte* line, IntPtr* result, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_model_list_select_retiring_before(IntPtr list, long unixSeconds, IntPtr* result, IntPtr* err);
    [LibraryImport(Lib)] internal static partial int am_model_list_sort_by_created(IntPtr list, int newestFirst, IntPtr* result, IntPtr* err);
    [LibraryImport(Lib)] internal static partial IntPtr am_model_list_find(IntPtr list, byte* idOrPrefix);
    [LibraryImport(Lib)] internal static partial IntPtr am_model_list_newest(IntPtr list, byte* line);

    // ---- models ----
    [LibraryImport(Lib)] internal static partial void am_model_free(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_id(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_display_name(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_type(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_created_at_unix(IntPtr model, long* value);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_max_input_tokens(IntPtr model, long* value);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_max_tokens(IntPtr model, long* value);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_lifecycle(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_line(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_deprecated_at_unix(IntPtr model, long* value);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_retires_at_unix(IntPtr model, long* value);
    // Serialises the model on first use (allocates, takes a once-lock): a normal transition.
    [LibraryImport(Lib)] internal static partial byte* am_model_json(IntPtr model);

    // ---- capabilities ----
    [LibraryImport(Lib)] internal static partial byte* am_capability_path(int capability);
    [LibraryImport(Lib)] internal static partial int am_model_supports(IntPtr model, int capability);
    [LibraryImport(Lib)] internal static partial int am_model_supports_path(IntPtr model, byte* path);
    // The lists below are derived on first use under a once-lock: normal transitions for the counts
    // (which build them), none for the element reads that follow.
    [LibraryImport(Lib)] internal static partial nuint am_model_effort_level_count(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_effort_level_at(IntPtr model, nuint i);
    [LibraryImport(Lib)] internal static partial nuint am_model_thinking_type_count(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_thinking_type_at(IntPtr model, nuint i);
    [LibraryImport(Lib)] internal static partial nuint am_model_capability_count(IntPtr model);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial byte* am_model_capability_path_at(IntPtr model, nuint i);
    [SuppressGCTransition]
    [LibraryImport(Lib)] internal static partial int am_model_capability_support_at(IntPtr model, nuint i);
}
