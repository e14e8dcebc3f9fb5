/*
 * anthropic_models.h - a native client for Anthropic's Models API.
 *
 * The only public surface of libanthropic_models: C99, opaque handles, no
 * public struct layouts. Everything the library allocates, the library frees.
 *
 * Conventions (they hold for every function unless its comment says otherwise):
 *  - Fallible calls return am_status (AM_OK == 0 on success) and take an
 *    optional `am_error **err` as their LAST parameter. When `err` is not NULL,
 *    *err is set to NULL on success and to a new error object on failure; the
 *    caller frees it with am_error_free(). Pass NULL to ignore details.
 *  - Results come back through out-parameters placed after the inputs and
 *    before `err`. On failure they are set to NULL.
 *  - Strings are UTF-8, NUL-terminated, and BORROWED: they stay valid until the
 *    handle that returned them is freed. Absent values are NULL (strings) or
 *    reported by an int32_t "has" return value (numbers) - never a made-up default.
 *  - Booleans are int32_t (0 = false, non-zero = true).
 *  - Every *_free(NULL) is a no-op.
 *  - Enumerations are int32_t typedefs with named constants. Values are never
 *    renumbered; new ones may be appended, so treat unknown values gracefully.
 *  - No function throws, aborts or prints; nothing is written to stdout/stderr.
 *
 * Thread safety: options and list-params handles must not be mutated from two
 * threads at once. A client may be used from any number of threads at once.
 * Model, list and error handles are immutable and may be read from any thread.
 */
#ifndef ANTHROPIC_MODELS_H
#define ANTHROPIC_MODELS_H

#include <stddef.h>
#include <stdint.h>

/* ---- export macro ------------------------------------------------------ */
#if defined(AM_STATIC)
#  define AM_API
#elif defined(_WIN32) || defined(__CYGWIN__)
#  if defined(AM_BUILDING_LIBRARY)
#    define AM_API __declspec(dllexport)
#  else
#    define AM_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define AM_API __attribute__((visibility("default")))
#else
#  define AM_API
#endif

/* Marks a function that a later release will remove; unused so far. */
#if defined(__GNUC__) || defined(__clang__)
#  define AM_DEPRECATED(msg) __attribute__((deprecated(msg)))
#elif defined(_MSC_VER)
#  define AM_DEPRECATED(msg) __declspec(deprecated(msg))
#else
#  define AM_DEPRECATED(msg)
#endif

/* Seen from C++, every function is declared noexcept: nothing thrown crosses the ABI. */
#if defined(__cplusplus)
#  define AM_NOEXCEPT noexcept
#else
#  define AM_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version ----------------------------------------------------------- */
#define AM_VERSION_MAJOR 0
#define AM_VERSION_MINOR 1
#define AM_VERSION_PATCH 0
#define AM_VERSION_STRING "0.1.0"
/* (major << 16) | (minor << 8) | patch */
#define AM_VERSION_NUMBER \
  ((AM_VERSION_MAJOR << 16) | (AM_VERSION_MINOR << 8) | AM_VERSION_PATCH)
/* Bumped on every incompatible ABI change; equals the shared library's SOVERSION. */
#define AM_ABI_VERSION 1

/* The library's version string, e.g. "0.1.0" (static storage). */
AM_API const char *am_version(void) AM_NOEXCEPT;
/* The library's version as AM_VERSION_NUMBER computes it. */
AM_API uint32_t am_version_number(void) AM_NOEXCEPT;
/* The ABI version the library was built with; compare with AM_ABI_VERSION. */
AM_API int32_t am_abi_version(void) AM_NOEXCEPT;

/* ---- status codes ------------------------------------------------------ */
/* The values of am_status. The enum names the constants for binding
 * generators (bindgen, ClangSharp, c-for-go); every function takes and returns
 * the int32_t typedef, so an unknown value never meets an enum type. */
typedef int32_t am_status;
enum am_status_code {
  AM_OK = 0,
  AM_ERR_INVALID_ARGUMENT = 1,   /* bad input from the caller; nothing was sent */
  AM_ERR_BAD_REQUEST = 2,        /* HTTP 400 or 422 */
  AM_ERR_AUTHENTICATION = 3,     /* HTTP 401, or no credential configured (http_status 0) */
  AM_ERR_PERMISSION = 4,         /* HTTP 403 */
  AM_ERR_NOT_FOUND = 5,          /* HTTP 404 */
  AM_ERR_CONFLICT = 6,           /* HTTP 409 */
  AM_ERR_REQUEST_TOO_LARGE = 7,  /* HTTP 413 */
  AM_ERR_RATE_LIMITED = 8,       /* HTTP 429 */
  AM_ERR_OVERLOADED = 9,         /* HTTP 529 */
  AM_ERR_SERVER = 10,            /* any other HTTP 5xx */
  AM_ERR_HTTP = 11,              /* any other HTTP status (3xx, 408, other 4xx, ...) */
  AM_ERR_TIMEOUT = 12,           /* per-attempt timeout or overall deadline */
  AM_ERR_CONNECTION = 13,        /* connect, reset, truncated or failed transfer */
  AM_ERR_TLS = 14,               /* TLS handshake or certificate verification */
  AM_ERR_DECODE = 15,            /* malformed JSON or a field of the wrong type */
  AM_ERR_RESPONSE_TOO_LARGE = 16,/* body exceeded the max response size */
  AM_ERR_CANCELLED = 17,         /* cancelled by the caller */
  AM_ERR_OUT_OF_MEMORY = 18,
  AM_ERR_INTERNAL = 19,          /* a bug in this library; please report it */
  AM_ERR_PAGINATION = 20         /* list_all: repeated cursor, has_more without a
                                    cursor, or the page cap was reached */
};

/* A short static name for a status, e.g. "rate_limited"; "unknown" for values
 * this version does not know. Never NULL. */
AM_API const char *am_status_name(am_status status) AM_NOEXCEPT;

/* ---- errors ------------------------------------------------------------ */
typedef struct am_error am_error;

AM_API void am_error_free(am_error *err) AM_NOEXCEPT;
AM_API am_status am_error_status(const am_error *err) AM_NOEXCEPT;
/* HTTP status of the failing response, or 0 when there was none. */
AM_API int32_t am_error_http_status(const am_error *err) AM_NOEXCEPT;
/* The API's error type (e.g. "rate_limit_error"), or NULL. */
AM_API const char *am_error_type(const am_error *err) AM_NOEXCEPT;
/* A human-readable message; never NULL for a non-NULL err. Never holds a secret. */
AM_API const char *am_error_message(const am_error *err) AM_NOEXCEPT;
/* The `request-id` response header of the failing response, or NULL. */
AM_API const char *am_error_request_id(const am_error *err) AM_NOEXCEPT;
/* HTTP attempts made, retries included (am_models_list_all: over every page;
 * 0 when nothing was sent). */
AM_API int32_t am_error_attempts(const am_error *err) AM_NOEXCEPT;
/* The delay the server asked for (retry-after-ms / retry-after) in
 * milliseconds, or -1 when it asked for none. */
AM_API int64_t am_error_retry_after_ms(const am_error *err) AM_NOEXCEPT;

/* ---- options ----------------------------------------------------------- */
/* Client configuration. Every setting is optional; unset settings fall back to
 * the environment (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL;
 * an empty variable counts as unset) and then to built-in defaults. String
 * setters copy their argument; passing NULL resets the setting to "unset". */
typedef struct am_options am_options;

/* Returns NULL only when out of memory. */
AM_API am_options *am_options_new(void) AM_NOEXCEPT;
AM_API void am_options_free(am_options *opts) AM_NOEXCEPT;

/* Sent as `x-api-key`. */
AM_API am_status am_options_set_api_key(am_options *opts, const char *api_key, am_error **err) AM_NOEXCEPT;
/* Sent as `Authorization: Bearer <token>`. */
AM_API am_status am_options_set_auth_token(am_options *opts, const char *token, am_error **err) AM_NOEXCEPT;
/* http:// or https:// URL; default https://api.anthropic.com. A trailing '/' is ignored. */
AM_API am_status am_options_set_base_url(am_options *opts, const char *url, am_error **err) AM_NOEXCEPT;
/* `anthropic-version`; default "2023-06-01". */
AM_API am_status am_options_set_api_version(am_options *opts, const char *version, am_error **err) AM_NOEXCEPT;
/* Appends a beta name; all betas go out as one `anthropic-beta: a,b` header. */
AM_API am_status am_options_add_beta(am_options *opts, const char *beta, am_error **err) AM_NOEXCEPT;
AM_API void am_options_clear_betas(am_options *opts) AM_NOEXCEPT;
/* `anthropic-workspace-id`. */
AM_API am_status am_options_set_workspace_id(am_options *opts, const char *workspace_id, am_error **err) AM_NOEXCEPT;
/* An extra request header. Names must be HTTP tokens; names and values must not
 * contain CR, LF or NUL. Credentials and headers the library manages
 * (x-api-key, authorization, anthropic-version, anthropic-beta, host,
 * content-length, transfer-encoding, connection) are refused: use the setters. */
AM_API am_status am_options_add_header(am_options *opts, const char *name, const char *value, am_error **err) AM_NOEXCEPT;
/* Per-attempt timeout (default 60000 ms); 0 = none. */
AM_API am_status am_options_set_timeout_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/* Connect timeout (default 10000 ms); 0 = libcurl's default. */
AM_API am_status am_options_set_connect_timeout_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/* Overall deadline of one call, retries and backoff included (default 0 = none). */
AM_API am_status am_options_set_deadline_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/* Retries after the first attempt (default 2, range 0..100). */
AM_API am_status am_options_set_max_retries(am_options *opts, int32_t retries, am_error **err) AM_NOEXCEPT;
/* Longest server-requested delay that is honoured (default 60000 ms). A longer
 * request stops retrying at once; the error carries the requested delay. */
AM_API am_status am_options_set_retry_after_cap_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/* Proxy URL; "" disables proxies even when proxy variables are set. Unset: the
 * usual http_proxy / https_proxy / no_proxy variables apply. */
AM_API am_status am_options_set_proxy(am_options *opts, const char *proxy, am_error **err) AM_NOEXCEPT;
/* Path of a PEM CA bundle used to verify servers (verification is always on). */
AM_API am_status am_options_set_ca_bundle(am_options *opts, const char *path, am_error **err) AM_NOEXCEPT;
/* Largest response body accepted (default 32 MiB, minimum 1024). */
AM_API am_status am_options_set_max_response_bytes(am_options *opts, int64_t bytes, am_error **err) AM_NOEXCEPT;
/* Appended to the User-Agent header. */
AM_API am_status am_options_set_user_agent_suffix(am_options *opts, const char *suffix, am_error **err) AM_NOEXCEPT;
/* Non-zero: ignore ANTHROPIC_* environment variables. */
AM_API void am_options_set_ignore_env(am_options *opts, int32_t ignore) AM_NOEXCEPT;
/* Non-zero: every request of the client uses the beta variant (`?beta=true`). */
AM_API void am_options_set_beta_variant(am_options *opts, int32_t beta) AM_NOEXCEPT;
/* Zero: the client does not call curl_global_init/curl_global_cleanup, for
 * hosts that manage libcurl's global state themselves (default non-zero). */
AM_API void am_options_set_curl_global_init(am_options *opts, int32_t enabled) AM_NOEXCEPT;

/* Non-zero: completion callbacks run on the client's worker thread as soon as
 * a request finishes, instead of on the thread that calls am_client_dispatch
 * (the default). Such a callback must be quick and must not make blocking
 * calls on the same client or free it. */
AM_API void am_options_set_callbacks_on_worker(am_options *opts, int32_t on_worker) AM_NOEXCEPT;

/* Frees the userdata handed to the library with a callback. */
typedef void (*am_userdata_free)(void *userdata);

/* ---- client ------------------------------------------------------------ */
typedef struct am_client am_client;

/* opts may be NULL (environment defaults). The options are copied: they may be
 * freed right after. Each client has one worker thread that drives all of its
 * requests (blocking and asynchronous) over kept-alive connections. */
AM_API am_status am_client_new(const am_options *opts, am_client **out, am_error **err) AM_NOEXCEPT;
/* Cancels the client's requests in flight and returns once its worker has
 * stopped; no callback runs after it returns (the userdata of callbacks that
 * never ran is released). Request handles stay valid (finished, cancelled)
 * and must still be freed. No other call on this client may be in progress,
 * and it must not be called from a callback running on the worker thread. */
AM_API void am_client_free(am_client *client) AM_NOEXCEPT;
/* Runs up to `max` queued completion callbacks (max <= 0: all queued now) on
 * the calling thread and returns how many ran. Never waits for the network:
 * a game or editor calls it once per frame from its main thread. */
AM_API int32_t am_client_dispatch(am_client *client, int32_t max) AM_NOEXCEPT;
/* A file descriptor that becomes readable when completions are queued for
 * am_client_dispatch (which drains it): add it to a poll/epoll/select loop.
 * Owned by the client; -1 where the platform has none. */
AM_API int32_t am_client_wakeup_fd(const am_client *client) AM_NOEXCEPT;
/* Called on the worker thread when completions become ready for
 * am_client_dispatch (the queue goes from empty to non-empty), so an
 * event-loop host can wake up and dispatch; keep it short (post a message,
 * signal a condition). fn NULL removes it. The previous
 * notifier's userdata_free (may be NULL) runs when it is replaced, and the
 * last one's when the client is freed. Thread-safe. */
typedef void (*am_notify_fn)(void *userdata);
AM_API am_status am_client_set_completion_notify(am_client *client, am_notify_fn fn, void *userdata,
                                                 am_userdata_free userdata_free, am_error **err) AM_NOEXCEPT;

/* ---- log hook ------------------------------------------------------------ */
/* The library never writes to stdout or stderr. A host that wants a trace
 * registers a log callback: one line per HTTP attempt, e.g.
 *   GET https://api.anthropic.com/v1/models?limit=20 -> 200 in 41.2 ms (attempt 1, request-id req_...)
 * at AM_LOG_INFO for a 2xx response, AM_LOG_WARN for a failed attempt that
 * will be retried (with the delay), AM_LOG_ERROR for a failed attempt that
 * ends the call, and AM_LOG_WARN for an attempt cut short by cancellation.
 * Credentials never appear in a line. */
typedef int32_t am_log_level;
enum am_log_level_code { AM_LOG_DEBUG = 0, AM_LOG_INFO = 1, AM_LOG_WARN = 2, AM_LOG_ERROR = 3 };
typedef void (*am_log_fn)(am_log_level level, const char *message, void *userdata);
/* Sets the client's log callback (fn NULL removes it). It runs on the client's
 * worker thread and must be quick; `message` is valid during the call only.
 * The previous callback's userdata_free (may be NULL) runs when it is replaced,
 * and the last one's when the client is freed. Thread-safe. */
AM_API am_status am_client_set_log_callback(am_client *client, am_log_fn fn, void *userdata,
                                            am_userdata_free userdata_free, am_error **err) AM_NOEXCEPT;

/* ---- list parameters ---------------------------------------------------- */
typedef struct am_list_params am_list_params;

/* Returns NULL only when out of memory. */
AM_API am_list_params *am_list_params_new(void) AM_NOEXCEPT;
AM_API void am_list_params_free(am_list_params *params) AM_NOEXCEPT;
/* 1..1000. Default: the server's (20) for am_models_list, 1000 for am_models_list_all. */
AM_API am_status am_list_params_set_limit(am_list_params *params, int32_t limit, am_error **err) AM_NOEXCEPT;
/* Exclusive cursors; setting both is an error at call time. NULL clears. */
AM_API am_status am_list_params_set_after_id(am_list_params *params, const char *id, am_error **err) AM_NOEXCEPT;
AM_API am_status am_list_params_set_before_id(am_list_params *params, const char *id, am_error **err) AM_NOEXCEPT;
/* Adds a lifecycle stage filter ("active", "deprecated", "retired"); sent as
 * lifecycle[]=...; when none is given the API lists active and deprecated. */
AM_API am_status am_list_params_add_lifecycle(am_list_params *params, const char *stage, am_error **err) AM_NOEXCEPT;
/* Non-zero: use the beta variant (`?beta=true`) for this call. */
AM_API void am_list_params_set_beta(am_list_params *params, int32_t beta) AM_NOEXCEPT;
/* am_models_list_all fails with AM_ERR_PAGINATION after this many pages
 * (default 1000, range 1..1000000). */
AM_API am_status am_list_params_set_max_pages(am_list_params *params, int32_t max_pages, am_error **err) AM_NOEXCEPT;

/* ---- models ------------------------------------------------------------ */
typedef struct am_model am_model;
typedef struct am_model_list am_model_list;

/* One page of GET /v1/models. params may be NULL. */
AM_API am_status am_models_list(am_client *client, const am_list_params *params,
                                am_model_list **out, am_error **err) AM_NOEXCEPT;
/* Every page: follows after_id = last_id, or, when params gave before_id, walks
 * backwards with before_id = first_id. The result is newest first and has
 * has_more == 0. A repeated cursor, has_more without a cursor, or the page cap
 * gives AM_ERR_PAGINATION - never a silently partial list. */
AM_API am_status am_models_list_all(am_client *client, const am_list_params *params,
                                    am_model_list **out, am_error **err) AM_NOEXCEPT;
/* GET /v1/models/{model_id}; id or alias (the result carries the canonical id).
 * Free the result with am_model_free. */
AM_API am_status am_model_get(am_client *client, const char *model_id_or_alias,
                              am_model **out, am_error **err) AM_NOEXCEPT;

/* ---- asynchronous calls -------------------------------------------------- */
/* Each blocking call above has a form that returns a request handle at once.
 * The request runs on the client's worker thread with the same retry policy,
 * deadlines and errors. Collect its result by polling (am_request_done),
 * waiting (am_request_wait), or a completion callback: by default callbacks
 * run only inside am_client_dispatch, on the thread that calls it.
 *
 * callback (may be NULL) runs at most once, after the request finished, with
 * the request handle; it may take the result and may free the request.
 * userdata_free (may be NULL) runs exactly once: after the callback ran, or
 * when it is certain the callback never will (the request or the client was
 * freed first; a request without a callback: when it is freed). When the
 * submission itself fails, neither runs and *out is NULL. */
typedef struct am_request am_request;
typedef void (*am_request_callback)(am_request *req, void *userdata);

AM_API am_status am_models_list_async(am_client *client, const am_list_params *params,
                                      am_request_callback callback, void *userdata,
                                      am_userdata_free userdata_free, am_request **out,
                                      am_error **err) AM_NOEXCEPT;
AM_API am_status am_models_list_all_async(am_client *client, const am_list_params *params,
                                          am_request_callback callback, void *userdata,
                                          am_userdata_free userdata_free, am_request **out,
                                          am_error **err) AM_NOEXCEPT;
AM_API am_status am_model_get_async(am_client *client, const char *model_id_or_alias,
                                    am_request_callback callback, void *userdata,
                                    am_userdata_free userdata_free, am_request **out,
                                    am_error **err) AM_NOEXCEPT;

/* 1 once the request has finished (successfully or not), else 0. Never blocks. */
AM_API int32_t am_request_done(const am_request *req) AM_NOEXCEPT;
/* Waits up to timeout_ms (< 0: without limit; 0: just polls) for the request
 * to finish; 1 when it has, else 0. Do not wait from the worker thread. */
AM_API int32_t am_request_wait(am_request *req, int64_t timeout_ms) AM_NOEXCEPT;
/* Asks the request to stop: it finishes promptly with AM_ERR_CANCELLED, also
 * mid-transfer and mid-backoff. Thread-safe and idempotent; no effect on a
 * finished request. */
AM_API void am_request_cancel(am_request *req) AM_NOEXCEPT;
/* Takes the result of a finished list / list_all (or get) request, once: the
 * request's own status and error, or AM_ERR_INVALID_ARGUMENT when it has not
 * finished, is of the other kind, or its result was already taken. */
AM_API am_status am_request_take_list(am_request *req, am_model_list **out, am_error **err) AM_NOEXCEPT;
AM_API am_status am_request_take_model(am_request *req, am_model **out, am_error **err) AM_NOEXCEPT;
/* Frees the handle; a request still in flight is cancelled and its callback
 * will not run. Any thread, also from inside the request's own callback. */
AM_API void am_request_free(am_request *req) AM_NOEXCEPT;

/* ---- lists and models ---------------------------------------------------- */
AM_API void am_model_list_free(am_model_list *list) AM_NOEXCEPT;
AM_API size_t am_model_list_count(const am_model_list *list) AM_NOEXCEPT;
/* Borrowed: valid until the list is freed; NULL when i >= count. */
AM_API const am_model *am_model_list_at(const am_model_list *list, size_t i) AM_NOEXCEPT;
AM_API const char *am_model_list_first_id(const am_model_list *list) AM_NOEXCEPT;
AM_API const char *am_model_list_last_id(const am_model_list *list) AM_NOEXCEPT;
AM_API int32_t am_model_list_has_more(const am_model_list *list) AM_NOEXCEPT;

/* A new handle to the same immutable model, which outlives the list it came
 * from; free it with am_model_free. NULL only when out of memory. */
AM_API am_model *am_model_clone(const am_model *model) AM_NOEXCEPT;
/* Frees a model from am_model_get or am_model_clone (never one borrowed from a list). */
AM_API void am_model_free(am_model *model) AM_NOEXCEPT;

AM_API const char *am_model_id(const am_model *model) AM_NOEXCEPT;
AM_API const char *am_model_display_name(const am_model *model) AM_NOEXCEPT;
AM_API const char *am_model_type(const am_model *model) AM_NOEXCEPT;
/* RFC 3339 string as sent, or NULL. */
AM_API const char *am_model_created_at(const am_model *model) AM_NOEXCEPT;
/* Unix seconds of created_at. Returns 0 ("unknown") when absent, unparsable or
 * the epoch (the API's marker for an unknown date); then *out is untouched. */
AM_API int32_t am_model_created_at_unix(const am_model *model, int64_t *out) AM_NOEXCEPT;
/* Return 1 and set *out when the server sent the number, else return 0. */
AM_API int32_t am_model_max_input_tokens(const am_model *model, int64_t *out) AM_NOEXCEPT;
AM_API int32_t am_model_max_tokens(const am_model *model, int64_t *out) AM_NOEXCEPT;
/* "active", "deprecated", "retired" (or a newer value), or NULL. */
AM_API const char *am_model_lifecycle(const am_model *model) AM_NOEXCEPT;
/* "haiku", "sonnet", "opus", ... or NULL. */
AM_API const char *am_model_line(const am_model *model) AM_NOEXCEPT;
/* RFC 3339 strings, or NULL. */
AM_API const char *am_model_deprecated_at(const am_model *model) AM_NOEXCEPT;
AM_API const char *am_model_retires_at(const am_model *model) AM_NOEXCEPT;
/* Unix seconds of deprecated_at / retires_at, like am_model_created_at_unix:
 * 0 when absent, unparsable or the epoch (then *out is untouched), else 1. */
AM_API int32_t am_model_deprecated_at_unix(const am_model *model, int64_t *out) AM_NOEXCEPT;
AM_API int32_t am_model_retires_at_unix(const am_model *model, int64_t *out) AM_NOEXCEPT;
/* The model object as JSON, with every field the server sent (unknown ones too). */
AM_API const char *am_model_json(const am_model *model) AM_NOEXCEPT;

/* ---- capabilities ------------------------------------------------------- */
typedef int32_t am_support;
enum am_support_code {
  AM_SUPPORT_NO = 0,
  AM_SUPPORT_YES = 1,
  AM_SUPPORT_UNKNOWN = -1 /* the server did not say (older servers omit capabilities) */
};

typedef int32_t am_capability;
enum am_capability_code {
  AM_CAP_BATCH = 1,
  AM_CAP_CITATIONS = 2,
  AM_CAP_CODE_EXECUTION = 3,
  AM_CAP_CONTEXT_MANAGEMENT = 4,
  AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015 = 5,
  AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919 = 6,
  AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112 = 7,
  AM_CAP_EFFORT = 8,
  AM_CAP_EFFORT_LOW = 9,
  AM_CAP_EFFORT_MEDIUM = 10,
  AM_CAP_EFFORT_HIGH = 11,
  AM_CAP_EFFORT_MAX = 12,
  AM_CAP_EFFORT_XHIGH = 13,
  AM_CAP_IMAGE_INPUT = 14,
  AM_CAP_PDF_INPUT = 15,
  AM_CAP_STRUCTURED_OUTPUTS = 16,
  AM_CAP_THINKING = 17,
  AM_CAP_THINKING_TYPES_ADAPTIVE = 18,
  AM_CAP_THINKING_TYPES_ENABLED = 19,
  AM_CAP_THINKING_TYPES_DISABLED = 20,
  AM_CAP_THINKING_TYPES_BETWEEN_TOOLS = 21,
  AM_CAP_SERVER_TOOLS = 22,
  AM_CAP_SERVER_TOOLS_CODE_EXECUTION = 23,
  AM_CAP_SERVER_TOOLS_WEB_SEARCH = 24
};
/* One past the largest am_capability this header knows. */
#define AM_CAP_COUNT 25
/* The name of AM_CAP_COUNT in release 0.1.0, kept for source compatibility. */
#define AM_CAP_COUNT_ AM_CAP_COUNT

/* The dotted path of a capability ("effort.xhigh"), or NULL for unknown values. */
AM_API const char *am_capability_path(am_capability cap) AM_NOEXCEPT;
/* Tri-state support; AM_SUPPORT_UNKNOWN for unknown enum values. */
AM_API am_support am_model_supports(const am_model *model, am_capability cap) AM_NOEXCEPT;
/* Any capability by dotted path below `capabilities`, including ones added to
 * the API after this release: "batch", "effort.xhigh", "thinking.types.adaptive".
 * Reads <path>.supported. AM_SUPPORT_UNKNOWN when the server did not say (or
 * path is NULL or empty). */
AM_API am_support am_model_supports_path(const am_model *model, const char *dotted_path) AM_NOEXCEPT;
/* Supported effort levels as strings ("low", "medium", "high", "max", "xhigh",
 * then any newer ones), in that order. */
AM_API size_t am_model_effort_level_count(const am_model *model) AM_NOEXCEPT;
AM_API const char *am_model_effort_level_at(const am_model *model, size_t i) AM_NOEXCEPT;
/* Supported thinking types ("adaptive", "enabled", "disabled", "between_tools",
 * then any newer ones). */
AM_API size_t am_model_thinking_type_count(const am_model *model) AM_NOEXCEPT;
AM_API const char *am_model_thinking_type_at(const am_model *model, size_t i) AM_NOEXCEPT;
/* Every capability the server reported for the model, including ones added
 * to the API after this release: one entry per node below `capabilities`
 * that carries a support value (`{"supported": ...}` or a bare boolean),
 * walked depth first in the server's order, so a group ("thinking") comes
 * before its members ("thinking.types.adaptive"). Nodes without a support
 * value of their own ("thinking.types") are not entries, but their members
 * are. 0 when the server sent no capabilities. */
AM_API size_t am_model_capability_count(const am_model *model) AM_NOEXCEPT;
/* The dotted path of entry i, as am_model_supports_path takes it; NULL when
 * i >= count. Borrowed from the model. */
AM_API const char *am_model_capability_path_at(const am_model *model, size_t i) AM_NOEXCEPT;
/* The support of entry i (the same as am_model_supports_path with its path);
 * AM_SUPPORT_UNKNOWN when i >= count. */
AM_API am_support am_model_capability_support_at(const am_model *model, size_t i) AM_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ANTHROPIC_MODELS_H */
