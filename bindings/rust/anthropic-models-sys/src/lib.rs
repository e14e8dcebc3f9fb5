//! Raw declarations of `anthropic_models.h` (ABI version 1), written by hand.
//!
//! Every function, constant and typedef of the header has its counterpart
//! here, with the same name; `tests/declarations.rs` compiles a C program
//! against the installed header and fails when a value, a size or a signature
//! disagrees. The safe API is the `anthropic-models` crate; this one only
//! finds (or, with the `bundled` feature, builds) the library and links it.
//!
//! The header's conventions apply unchanged: statuses are `am_status`
//! (`AM_OK == 0`), strings are borrowed NUL-terminated UTF-8 valid while their
//! handle lives, every `*_free(NULL)` is a no-op, and enumerations are `i32`
//! typedefs whose values are only ever appended to.
//!
//! The include directory of the library found or built is exported to the
//! build scripts of dependents as `DEP_ANTHROPIC_MODELS_INCLUDE`.
#![no_std]
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_void};
use core::marker::{PhantomData, PhantomPinned};

// ---- version -----------------------------------------------------------
pub const AM_VERSION_MAJOR: u32 = 0;
pub const AM_VERSION_MINOR: u32 = 1;
pub const AM_VERSION_PATCH: u32 = 0;
pub const AM_VERSION_STRING: &str = "0.1.0";
/// `(major << 16) | (minor << 8) | patch`
pub const AM_VERSION_NUMBER: u32 = (AM_VERSION_MAJOR << 16) | (AM_VERSION_MINOR << 8) | AM_VERSION_PATCH;
/// The ABI these declarations describe; compare with `am_abi_version()`.
pub const AM_ABI_VERSION: i32 = 1;

// ---- enumerations (int32_t typedefs; values never change) ----------------
pub type am_status = i32;
pub const AM_OK: am_status = 0;
pub const AM_ERR_INVALID_ARGUMENT: am_status = 1;
pub const AM_ERR_BAD_REQUEST: am_status = 2;
pub const AM_ERR_AUTHENTICATION: am_status = 3;
pub const AM_ERR_PERMISSION: am_status = 4;
pub const AM_ERR_NOT_FOUND: am_status = 5;
pub const AM_ERR_CONFLICT: am_status = 6;
pub const AM_ERR_REQUEST_TOO_LARGE: am_status = 7;
pub const AM_ERR_RATE_LIMITED: am_status = 8;
pub const AM_ERR_OVERLOADED: am_status = 9;
pub const AM_ERR_SERVER: am_status = 10;
pub const AM_ERR_HTTP: am_status = 11;
pub const AM_ERR_TIMEOUT: am_status = 12;
pub const AM_ERR_CONNECTION: am_status = 13;
pub const AM_ERR_TLS: am_status = 14;
pub const AM_ERR_DECODE: am_status = 15;
pub const AM_ERR_RESPONSE_TOO_LARGE: am_status = 16;
pub const AM_ERR_CANCELLED: am_status = 17;
pub const AM_ERR_OUT_OF_MEMORY: am_status = 18;
pub const AM_ERR_INTERNAL: am_status = 19;
pub const AM_ERR_PAGINATION: am_status = 20;
pub const AM_ERR_NOT_CACHED: am_status = 21;

pub type am_log_level = i32;
pub const AM_LOG_DEBUG: am_log_level = 0;
pub const AM_LOG_INFO: am_log_level = 1;
pub const AM_LOG_WARN: am_log_level = 2;
pub const AM_LOG_ERROR: am_log_level = 3;

pub type am_support = i32;
pub const AM_SUPPORT_NO: am_support = 0;
pub const AM_SUPPORT_YES: am_support = 1;
pub const AM_SUPPORT_UNKNOWN: am_support = -1;

pub type am_capability = i32;
pub const AM_CAP_BATCH: am_capability = 1;
pub const AM_CAP_CITATIONS: am_capability = 2;
pub const AM_CAP_CODE_EXECUTION: am_capability = 3;
pub const AM_CAP_CONTEXT_MANAGEMENT: am_capability = 4;
pub const AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015: am_capability = 5;
pub const AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919: am_capability = 6;
pub const AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112: am_capability = 7;
pub const AM_CAP_EFFORT: am_capability = 8;
pub const AM_CAP_EFFORT_LOW: am_capability = 9;
pub const AM_CAP_EFFORT_MEDIUM: am_capability = 10;
pub const AM_CAP_EFFORT_HIGH: am_capability = 11;
pub const AM_CAP_EFFORT_MAX: am_capability = 12;
pub const AM_CAP_EFFORT_XHIGH: am_capability = 13;
pub const AM_CAP_IMAGE_INPUT: am_capability = 14;
pub const AM_CAP_PDF_INPUT: am_capability = 15;
pub const AM_CAP_STRUCTURED_OUTPUTS: am_capability = 16;
pub const AM_CAP_THINKING: am_capability = 17;
pub const AM_CAP_THINKING_TYPES_ADAPTIVE: am_capability = 18;
pub const AM_CAP_THINKING_TYPES_ENABLED: am_capability = 19;
pub const AM_CAP_THINKING_TYPES_DISABLED: am_capability = 20;
pub const AM_CAP_THINKING_TYPES_BETWEEN_TOOLS: am_capability = 21;
pub const AM_CAP_SERVER_TOOLS: am_capability = 22;
pub const AM_CAP_SERVER_TOOLS_CODE_EXECUTION: am_capability = 23;
pub const AM_CAP_SERVER_TOOLS_WEB_SEARCH: am_capability = 24;
/// One past the largest `am_capability` this header knows.
pub const AM_CAP_COUNT: am_capability = 25;
/// The name of `AM_CAP_COUNT` in release 0.1.0.
pub const AM_CAP_COUNT_: am_capability = AM_CAP_COUNT;

// ---- opaque handles ------------------------------------------------------
// Zero-sized, unconstructible, and neither Send, Sync nor Unpin: only ever
// used behind pointers the library hands out (the Rustonomicon's pattern).
macro_rules! opaque {
    ($($name:ident),* $(,)?) => {$(
        #[repr(C)]
        pub struct $name {
            _data: [u8; 0],
            _marker: PhantomData<(*mut u8, PhantomPinned)>,
        }
    )*};
}
opaque!(am_error, am_options, am_client, am_list_params, am_model, am_model_list, am_request);

// ---- callbacks (NULL is allowed wherever the header takes one) ----------
pub type am_userdata_free = Option<unsafe extern "C" fn(userdata: *mut c_void)>;
pub type am_notify_fn = Option<unsafe extern "C" fn(userdata: *mut c_void)>;
pub type am_log_fn = Option<unsafe extern "C" fn(level: am_log_level, message: *const c_char, userdata: *mut c_void)>;
pub type am_request_callback = Option<unsafe extern "C" fn(req: *mut am_request, userdata: *mut c_void)>;

extern "C" {
    // version
    pub fn am_version() -> *const c_char;
    pub fn am_version_number() -> u32;
    pub fn am_abi_version() -> i32;
    pub fn am_status_name(status: am_status) -> *const c_char;

    // errors
    pub fn am_error_free(err: *mut am_error);
    pub fn am_error_status(err: *const am_error) -> am_status;
    pub fn am_error_http_status(err: *const am_error) -> i32;
    pub fn am_error_type(err: *const am_error) -> *const c_char;
    pub fn am_error_message(err: *const am_error) -> *const c_char;
    pub fn am_error_request_id(err: *const am_error) -> *const c_char;
    pub fn am_error_attempts(err: *const am_error) -> i32;
    pub fn am_error_retry_after_ms(err: *const am_error) -> i64;

    // options
    pub fn am_options_new() -> *mut am_options;
    pub fn am_options_free(opts: *mut am_options);
    pub fn am_options_set_api_key(opts: *mut am_options, api_key: *const c_char, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_auth_token(opts: *mut am_options, token: *const c_char, err: *mut *mut am_error)
        -> am_status;
    pub fn am_options_set_base_url(opts: *mut am_options, url: *const c_char, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_api_version(
        opts: *mut am_options,
        version: *const c_char,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_options_add_beta(opts: *mut am_options, beta: *const c_char, err: *mut *mut am_error) -> am_status;
    pub fn am_options_clear_betas(opts: *mut am_options);
    pub fn am_options_set_workspace_id(
        opts: *mut am_options,
        workspace_id: *const c_char,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_options_add_header(
        opts: *mut am_options,
        name: *const c_char,
        value: *const c_char,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_options_set_timeout_ms(opts: *mut am_options, ms: i64, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_connect_timeout_ms(opts: *mut am_options, ms: i64, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_deadline_ms(opts: *mut am_options, ms: i64, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_max_retries(opts: *mut am_options, retries: i32, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_retry_after_cap_ms(opts: *mut am_options, ms: i64, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_proxy(opts: *mut am_options, proxy: *const c_char, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_ca_bundle(opts: *mut am_options, path: *const c_char, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_max_response_bytes(opts: *mut am_options, bytes: i64, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_user_agent_suffix(
        opts: *mut am_options,
        suffix: *const c_char,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_options_set_ignore_env(opts: *mut am_options, ignore: i32);
    pub fn am_options_set_beta_variant(opts: *mut am_options, beta: i32);
    pub fn am_options_set_curl_global_init(opts: *mut am_options, enabled: i32);
    pub fn am_options_set_callbacks_on_worker(opts: *mut am_options, on_worker: i32);
    pub fn am_options_set_cache_ttl_ms(opts: *mut am_options, ttl_ms: i64, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_cache_dir(opts: *mut am_options, dir: *const c_char, err: *mut *mut am_error) -> am_status;
    pub fn am_options_set_cache_stale_while_revalidate(opts: *mut am_options, enabled: i32);
    pub fn am_options_set_offline(opts: *mut am_options, offline: i32);

    // client
    pub fn am_client_new(opts: *const am_options, out: *mut *mut am_client, err: *mut *mut am_error) -> am_status;
    pub fn am_client_free(client: *mut am_client);
    pub fn am_client_dispatch(client: *mut am_client, max: i32) -> i32;
    pub fn am_client_wakeup_fd(client: *const am_client) -> i32;
    pub fn am_client_set_completion_notify(
        client: *mut am_client,
        fn_: am_notify_fn,
        userdata: *mut c_void,
        userdata_free: am_userdata_free,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_client_set_log_callback(
        client: *mut am_client,
        fn_: am_log_fn,
        userdata: *mut c_void,
        userdata_free: am_userdata_free,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_client_cache_invalidate(client: *mut am_client);

    // list parameters
    pub fn am_list_params_new() -> *mut am_list_params;
    pub fn am_list_params_free(params: *mut am_list_params);
    pub fn am_list_params_set_limit(params: *mut am_list_params, limit: i32, err: *mut *mut am_error) -> am_status;
    pub fn am_list_params_set_after_id(
        params: *mut am_list_params,
        id: *const c_char,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_list_params_set_before_id(
        params: *mut am_list_params,
        id: *const c_char,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_list_params_add_lifecycle(
        params: *mut am_list_params,
        stage: *const c_char,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_list_params_set_beta(params: *mut am_list_params, beta: i32);
    pub fn am_list_params_set_max_pages(
        params: *mut am_list_params,
        max_pages: i32,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_list_params_set_refresh(params: *mut am_list_params, refresh: i32);

    // blocking calls
    pub fn am_models_list(
        client: *mut am_client,
        params: *const am_list_params,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_models_list_all(
        client: *mut am_client,
        params: *const am_list_params,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_model_get(
        client: *mut am_client,
        model_id_or_alias: *const c_char,
        out: *mut *mut am_model,
        err: *mut *mut am_error,
    ) -> am_status;

    // asynchronous calls
    pub fn am_models_list_async(
        client: *mut am_client,
        params: *const am_list_params,
        callback: am_request_callback,
        userdata: *mut c_void,
        userdata_free: am_userdata_free,
        out: *mut *mut am_request,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_models_list_all_async(
        client: *mut am_client,
        params: *const am_list_params,
        callback: am_request_callback,
        userdata: *mut c_void,
        userdata_free: am_userdata_free,
        out: *mut *mut am_request,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_model_get_async(
        client: *mut am_client,
        model_id_or_alias: *const c_char,
        callback: am_request_callback,
        userdata: *mut c_void,
        userdata_free: am_userdata_free,
        out: *mut *mut am_request,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_request_done(req: *const am_request) -> i32;
    pub fn am_request_wait(req: *mut am_request, timeout_ms: i64) -> i32;
    pub fn am_request_cancel(req: *mut am_request);
    pub fn am_request_take_list(
        req: *mut am_request,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_request_take_model(req: *mut am_request, out: *mut *mut am_model, err: *mut *mut am_error) -> am_status;
    pub fn am_request_free(req: *mut am_request);

    // lists
    pub fn am_model_list_free(list: *mut am_model_list);
    pub fn am_model_list_count(list: *const am_model_list) -> usize;
    pub fn am_model_list_at(list: *const am_model_list, i: usize) -> *const am_model;
    pub fn am_model_list_first_id(list: *const am_model_list) -> *const c_char;
    pub fn am_model_list_last_id(list: *const am_model_list) -> *const c_char;
    pub fn am_model_list_has_more(list: *const am_model_list) -> i32;
    pub fn am_model_list_from_cache(list: *const am_model_list) -> i32;
    pub fn am_model_list_is_stale(list: *const am_model_list) -> i32;
    pub fn am_model_list_age_ms(list: *const am_model_list) -> i64;

    // models
    pub fn am_model_clone(model: *const am_model) -> *mut am_model;
    pub fn am_model_free(model: *mut am_model);
    pub fn am_model_id(model: *const am_model) -> *const c_char;
    pub fn am_model_display_name(model: *const am_model) -> *const c_char;
    pub fn am_model_type(model: *const am_model) -> *const c_char;
    pub fn am_model_created_at(model: *const am_model) -> *const c_char;
    pub fn am_model_created_at_unix(model: *const am_model, out: *mut i64) -> i32;
    pub fn am_model_max_input_tokens(model: *const am_model, out: *mut i64) -> i32;
    pub fn am_model_max_tokens(model: *const am_model, out: *mut i64) -> i32;
    pub fn am_model_lifecycle(model: *const am_model) -> *const c_char;
    pub fn am_model_line(model: *const am_model) -> *const c_char;
    pub fn am_model_deprecated_at(model: *const am_model) -> *const c_char;
    pub fn am_model_retires_at(model: *const am_model) -> *const c_char;
    pub fn am_model_deprecated_at_unix(model: *const am_model, out: *mut i64) -> i32;
    pub fn am_model_retires_at_unix(model: *const am_model, out: *mut i64) -> i32;
    pub fn am_model_json(model: *const am_model) -> *const c_char;

    // capabilities
    pub fn am_capability_path(cap: am_capability) -> *const c_char;
    pub fn am_model_supports(model: *const am_model, cap: am_capability) -> am_support;
    pub fn am_model_supports_path(model: *const am_model, dotted_path: *const c_char) -> am_support;
    pub fn am_model_effort_level_count(model: *const am_model) -> usize;
    pub fn am_model_effort_level_at(model: *const am_model, i: usize) -> *const c_char;
    pub fn am_model_thinking_type_count(model: *const am_model) -> usize;
    pub fn am_model_thinking_type_at(model: *const am_model, i: usize) -> *const c_char;
    pub fn am_model_capability_count(model: *const am_model) -> usize;
    pub fn am_model_capability_path_at(model: *const am_model, i: usize) -> *const c_char;
    pub fn am_model_capability_support_at(model: *const am_model, i: usize) -> am_support;

    // selection (new lists share the input's models; lookups borrow from it)
    pub fn am_model_list_select_supported(
        list: *const am_model_list,
        paths: *const *const c_char,
        count: usize,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_model_list_select_lifecycle(
        list: *const am_model_list,
        stage: *const c_char,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_model_list_select_line(
        list: *const am_model_list,
        line: *const c_char,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_model_list_select_retiring_before(
        list: *const am_model_list,
        unix_seconds: i64,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_model_list_sort_by_created(
        list: *const am_model_list,
        newest_first: i32,
        out: *mut *mut am_model_list,
        err: *mut *mut am_error,
    ) -> am_status;
    pub fn am_model_list_find(list: *const am_model_list, id_or_prefix: *const c_char) -> *const am_model;
    pub fn am_model_list_newest(list: *const am_model_list, line: *const c_char) -> *const am_model;
}
