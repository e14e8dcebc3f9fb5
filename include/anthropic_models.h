/**
 * @file anthropic_models.h
 * @brief A native client for Anthropic's Models API: the only public surface
 *        of libanthropic_models.
 *
 * C99, opaque handles, no public struct layouts. Everything the library
 * allocates, the library frees.
 *
 * @section am_conventions Conventions
 * They hold for every function unless its documentation says otherwise.
 *  - Fallible calls return am_status (AM_OK == 0 on success) and take an
 *    optional `am_error **err` as their LAST parameter. When `err` is not NULL,
 *    *err is set to NULL on success and to a new error object on failure; the
 *    caller owns it and frees it with am_error_free(). Pass NULL to ignore
 *    details.
 *  - Results come back through out-parameters placed after the inputs and
 *    before `err`. On failure they are set to NULL. A handle returned through
 *    an out-parameter is owned by the caller, who frees it with the matching
 *    `*_free` function (each function says which).
 *  - Strings are UTF-8, NUL-terminated, and BORROWED: they stay valid until the
 *    handle that returned them is freed. Absent values are NULL (strings) or
 *    reported by an int32_t "has" return value (numbers) - never a made-up default.
 *  - Booleans are int32_t (0 = false, non-zero = true).
 *  - Every `*_free(NULL)` is a no-op. A NULL handle never crashes any function:
 *    accessors return NULL, 0 or AM_SUPPORT_UNKNOWN, fallible calls fail with
 *    AM_ERR_INVALID_ARGUMENT.
 *  - Enumerations are int32_t typedefs with named constants. Values are never
 *    renumbered; new ones may be appended, so treat unknown values gracefully.
 *  - No function throws, aborts or prints; nothing is written to stdout/stderr.
 *
 * @section am_threads Threads
 *  - Options and list-params handles must not be used from two threads at
 *    once; distinct handles are independent.
 *  - A client may be used from any number of threads at once, except
 *    am_client_free(), which no other call on that client may overlap.
 *  - Every `am_request_*` function may be called from any thread at any time,
 *    before, during or after am_client_free() of the request's client.
 *  - Model, list and error handles are immutable: readable from any number of
 *    threads at once, freeable in any order on any thread, and they outlive
 *    the client that produced them.
 *  - Each client has one worker thread. Log callbacks and completion
 *    notifiers run on it; completion callbacks run on the thread that calls
 *    am_client_dispatch(), or on the worker with
 *    am_options_set_callbacks_on_worker(). A callback on the worker must be
 *    quick, must not block (blocking calls on its own client fail with
 *    AM_ERR_INVALID_ARGUMENT, am_request_wait() does not wait there) and must
 *    not free its client.
 *
 * @section am_blocking What blocks
 *  - am_models_list(), am_models_list_all() and am_model_get() block the
 *    calling thread until the request finishes: network, retries and backoff,
 *    bounded by the timeouts and deadline of the client's options.
 *  - am_request_wait() blocks up to its timeout.
 *  - am_client_free() cancels what is in flight and waits for the worker to
 *    stop (that is, for a callback running on the worker to return).
 *  - Every other function returns without waiting for the network.
 */
#ifndef ANTHROPIC_MODELS_H
#define ANTHROPIC_MODELS_H

#include <stddef.h>
#include <stdint.h>

/**
 * @defgroup am_macros Export and portability macros
 * @brief Macros the declarations use; a consumer only ever defines AM_STATIC.
 * @{
 */

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
/**
 * @def AM_API
 * Marks a function of the library's ABI: exported from the shared library
 * (imported on Windows), empty when the consumer defines AM_STATIC to link
 * the static archive (the CMake target and pkg-config file for the static
 * library define it for you).
 */

/* Marks a function that a later release will remove; unused so far. */
#if defined(__GNUC__) || defined(__clang__)
#  define AM_DEPRECATED(msg) __attribute__((deprecated(msg)))
#elif defined(_MSC_VER)
#  define AM_DEPRECATED(msg) __declspec(deprecated(msg))
#else
#  define AM_DEPRECATED(msg)
#endif
/**
 * @def AM_DEPRECATED
 * Marks a function that a later release will remove, with a message saying
 * what to use instead; the compiler then warns at each use. Unused so far.
 * @param msg the compiler's message (a string literal)
 */

/* Seen from C++, every function is declared noexcept: nothing thrown crosses the ABI. */
#if defined(__cplusplus)
#  define AM_NOEXCEPT noexcept
#else
#  define AM_NOEXCEPT
#endif
/**
 * @def AM_NOEXCEPT
 * Seen from C++, every function is declared `noexcept`: nothing thrown
 * crosses the ABI. Empty in C.
 */

/** @} */

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version ----------------------------------------------------------- */
/**
 * @defgroup am_version Version
 * @brief The version this header describes and the one the loaded library has.
 *
 * A program (or binding) built against this header checks am_abi_version()
 * against AM_ABI_VERSION when it starts, to detect a mismatched shared library.
 * Every function here may be called from any thread and never blocks.
 * @{
 */
/** Major version of this header. */
#define AM_VERSION_MAJOR 0
/** Minor version of this header. */
#define AM_VERSION_MINOR 1
/** Patch version of this header. */
#define AM_VERSION_PATCH 0
/** The version of this header as a string. */
#define AM_VERSION_STRING "0.1.0"
/** The version of this header as one number: (major << 16) | (minor << 8) | patch. */
#define AM_VERSION_NUMBER \
  ((AM_VERSION_MAJOR << 16) | (AM_VERSION_MINOR << 8) | AM_VERSION_PATCH)
/** Bumped on every incompatible ABI change; equals the shared library's SOVERSION. */
#define AM_ABI_VERSION 1

/**
 * The loaded library's version string.
 * @return e.g. "0.1.0"; static storage, never NULL, never to be freed
 */
AM_API const char *am_version(void) AM_NOEXCEPT;
/**
 * The loaded library's version as one number.
 * @return the version as AM_VERSION_NUMBER computes it
 */
AM_API uint32_t am_version_number(void) AM_NOEXCEPT;
/**
 * The ABI version the loaded library was built with.
 * @return the library's AM_ABI_VERSION; a program compares it with the
 *         AM_ABI_VERSION it was compiled against and refuses to run on a mismatch
 */
AM_API int32_t am_abi_version(void) AM_NOEXCEPT;
/** @} */

/* ---- status codes ------------------------------------------------------ */
/**
 * @defgroup am_status Status codes
 * @brief What every fallible function returns.
 * @{
 */
/**
 * The outcome of a fallible call: AM_OK (0) or one of the codes of
 * am_status_code. Functions take and return this int32_t typedef, so an
 * unknown value (from a newer library) never meets an enum type.
 */
typedef int32_t am_status;
/**
 * The values of am_status. The enum names the constants for binding
 * generators (bindgen, ClangSharp, c-for-go). Append-only: values are never
 * renumbered.
 */
enum am_status_code {
  AM_OK = 0,                     /**< success */
  AM_ERR_INVALID_ARGUMENT = 1,   /**< bad input from the caller; nothing was sent */
  AM_ERR_BAD_REQUEST = 2,        /**< HTTP 400 or 422 */
  AM_ERR_AUTHENTICATION = 3,     /**< HTTP 401, or no credential configured (http_status 0) */
  AM_ERR_PERMISSION = 4,         /**< HTTP 403 */
  AM_ERR_NOT_FOUND = 5,          /**< HTTP 404 */
  AM_ERR_CONFLICT = 6,           /**< HTTP 409 */
  AM_ERR_REQUEST_TOO_LARGE = 7,  /**< HTTP 413 */
  AM_ERR_RATE_LIMITED = 8,       /**< HTTP 429 */
  AM_ERR_OVERLOADED = 9,         /**< HTTP 529 */
  AM_ERR_SERVER = 10,            /**< any other HTTP 5xx */
  AM_ERR_HTTP = 11,              /**< any other HTTP status (3xx, 408, other 4xx, ...) */
  AM_ERR_TIMEOUT = 12,           /**< per-attempt timeout or overall deadline */
  AM_ERR_CONNECTION = 13,        /**< connect, reset, truncated or failed transfer */
  AM_ERR_TLS = 14,               /**< TLS handshake or certificate verification */
  AM_ERR_DECODE = 15,            /**< malformed JSON or a field of the wrong type */
  AM_ERR_RESPONSE_TOO_LARGE = 16,/**< body exceeded the max response size */
  AM_ERR_CANCELLED = 17,         /**< cancelled by the caller */
  AM_ERR_OUT_OF_MEMORY = 18,     /**< an allocation failed */
  AM_ERR_INTERNAL = 19,          /**< a bug in this library; please report it */
  AM_ERR_PAGINATION = 20,        /**< list_all: repeated cursor, has_more without a
                                    cursor, or the page cap was reached */
  AM_ERR_NOT_CACHED = 21         /**< offline (am_options_set_offline()) and nothing
                                    cached answers this request; nothing was sent */
};

/**
 * A short name for a status, for logs and messages.
 * @param status any value, known or not
 * @return e.g. "rate_limited"; "unknown" for values this version does not
 *         know. Static storage, never NULL. Any thread.
 */
AM_API const char *am_status_name(am_status status) AM_NOEXCEPT;
/** @} */

/* ---- errors ------------------------------------------------------------ */
/**
 * @defgroup am_errors Errors
 * @brief The details of a failed call.
 *
 * An error is created by a failing call that was given a non-NULL `err`, and
 * is owned by the caller, who frees it with am_error_free(). It is immutable:
 * every accessor may be called from any thread, and the error may be freed on
 * any thread, also after the client that produced it was freed. Its strings
 * are borrowed from it. Nothing in an error ever holds a credential.
 * @{
 */
/** Opaque error details; see the group's description for ownership. */
typedef struct am_error am_error;

/**
 * Frees an error.
 * @param err the error to free, or NULL (no-op)
 */
AM_API void am_error_free(am_error *err) AM_NOEXCEPT;
/**
 * The error's category.
 * @param err the error
 * @return its status (never AM_OK); AM_ERR_INVALID_ARGUMENT when err is NULL
 */
AM_API am_status am_error_status(const am_error *err) AM_NOEXCEPT;
/**
 * The HTTP status of the failing response.
 * @param err the error
 * @return e.g. 429, or 0 when there was no response (connection failure,
 *         cancellation, a check before sending) or err is NULL
 */
AM_API int32_t am_error_http_status(const am_error *err) AM_NOEXCEPT;
/**
 * The API's error type from the response body.
 * @param err the error
 * @return e.g. "rate_limit_error" (borrowed from err), or NULL when the
 *         response had none
 */
AM_API const char *am_error_type(const am_error *err) AM_NOEXCEPT;
/**
 * A human-readable message. Never holds a secret.
 * @param err the error
 * @return the message (borrowed from err); never NULL for a non-NULL err
 */
AM_API const char *am_error_message(const am_error *err) AM_NOEXCEPT;
/**
 * The `request-id` response header of the failing response, to quote when
 * reporting a problem to the API's operators.
 * @param err the error
 * @return the id (borrowed from err), or NULL when there was none
 */
AM_API const char *am_error_request_id(const am_error *err) AM_NOEXCEPT;
/**
 * The number of HTTP attempts made, retries included.
 * @param err the error
 * @return attempts made (am_models_list_all: over every page); 0 when
 *         nothing was sent
 */
AM_API int32_t am_error_attempts(const am_error *err) AM_NOEXCEPT;
/**
 * The delay the server asked for (`retry-after-ms` / `retry-after`). When it
 * exceeds the client's retry-after cap, the call stopped retrying at once.
 * @param err the error
 * @return the delay in milliseconds, or -1 when the server asked for none
 */
AM_API int64_t am_error_retry_after_ms(const am_error *err) AM_NOEXCEPT;
/** @} */

/* ---- options ----------------------------------------------------------- */
/**
 * @defgroup am_options Options
 * @brief Client configuration.
 *
 * Every setting is optional; unset settings fall back to the environment
 * (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL; an empty
 * variable counts as unset) and then to built-in defaults. String setters
 * copy their argument; passing NULL resets the setting to "unset". A setter
 * that refuses a value returns AM_ERR_INVALID_ARGUMENT and leaves the setting
 * as it was.
 *
 * am_client_new() copies the options, so they may be changed or freed right
 * after. An options handle must not be used from two threads at once. No
 * function here blocks.
 * @{
 */
/** Opaque client configuration; created by am_options_new(), freed by am_options_free(). */
typedef struct am_options am_options;

/**
 * Creates an options handle with every setting unset.
 * @return a new handle owned by the caller (free with am_options_free());
 *         NULL only when out of memory
 */
AM_API am_options *am_options_new(void) AM_NOEXCEPT;
/**
 * Frees an options handle. Clients created from it are not affected.
 * @param opts the handle, or NULL (no-op)
 */
AM_API void am_options_free(am_options *opts) AM_NOEXCEPT;

/**
 * Sets the API key, sent as `x-api-key`.
 * @param opts the options
 * @param api_key non-empty UTF-8 without CR, LF or control characters; NULL unsets
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_api_key(am_options *opts, const char *api_key, am_error **err) AM_NOEXCEPT;
/**
 * Sets an OAuth token, sent as `Authorization: Bearer <token>`.
 * @param opts the options
 * @param token non-empty UTF-8 without CR, LF or control characters; NULL unsets
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_auth_token(am_options *opts, const char *token, am_error **err) AM_NOEXCEPT;
/**
 * Sets the API's base URL (default https://api.anthropic.com).
 * @param opts the options
 * @param url an http:// or https:// URL; a trailing '/' is ignored; NULL unsets
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_base_url(am_options *opts, const char *url, am_error **err) AM_NOEXCEPT;
/**
 * Sets the `anthropic-version` header (default "2023-06-01").
 * @param opts the options
 * @param version a non-empty header value; NULL unsets
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_api_version(am_options *opts, const char *version, am_error **err) AM_NOEXCEPT;
/**
 * Appends a beta name; all betas go out as one `anthropic-beta: a,b` header.
 * @param opts the options
 * @param beta the beta's name (not NULL)
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_add_beta(am_options *opts, const char *beta, am_error **err) AM_NOEXCEPT;
/**
 * Removes every beta added with am_options_add_beta().
 * @param opts the options
 */
AM_API void am_options_clear_betas(am_options *opts) AM_NOEXCEPT;
/**
 * Sets the `anthropic-workspace-id` header.
 * @param opts the options
 * @param workspace_id a non-empty header value; NULL unsets
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_workspace_id(am_options *opts, const char *workspace_id, am_error **err) AM_NOEXCEPT;
/**
 * Adds an extra request header. Credentials and headers the library manages
 * (x-api-key, authorization, anthropic-version, anthropic-beta, host,
 * content-length, transfer-encoding, connection) are refused: use the setters.
 * @param opts the options
 * @param name an HTTP token (not NULL)
 * @param value UTF-8 without CR, LF or other control characters (not NULL)
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused header
 */
AM_API am_status am_options_add_header(am_options *opts, const char *name, const char *value, am_error **err) AM_NOEXCEPT;
/**
 * Sets the timeout of each HTTP attempt (default 60000 ms). A call with
 * retries may take several times this long; am_options_set_deadline_ms()
 * bounds the whole call.
 * @param opts the options
 * @param ms milliseconds, 0 (none) up to INT32_MAX
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_options_set_timeout_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/**
 * Sets the connect timeout (default 10000 ms).
 * @param opts the options
 * @param ms milliseconds, 0 (libcurl's default) up to INT32_MAX
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_options_set_connect_timeout_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/**
 * Sets the overall deadline of one call, retries and backoff included
 * (default 0 = none). A call past it fails with AM_ERR_TIMEOUT.
 * @param opts the options
 * @param ms milliseconds, 0 (none) up to INT32_MAX
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_options_set_deadline_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/**
 * Sets how many retries follow a failed first attempt (default 2). Only
 * transient failures are retried (connection failures, timeouts, HTTP 408,
 * 409, 429 and 5xx, unless the server's `x-should-retry` header says otherwise).
 * @param opts the options
 * @param retries 0..100
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_options_set_max_retries(am_options *opts, int32_t retries, am_error **err) AM_NOEXCEPT;
/**
 * Sets the longest server-requested delay that is honoured (default 60000
 * ms). A longer request stops retrying at once; the error carries the
 * requested delay (am_error_retry_after_ms()).
 * @param opts the options
 * @param ms milliseconds, 0 up to INT32_MAX
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_options_set_retry_after_cap_ms(am_options *opts, int64_t ms, am_error **err) AM_NOEXCEPT;
/**
 * Sets the proxy. Unset: the usual http_proxy / https_proxy / no_proxy
 * variables apply.
 * @param opts the options
 * @param proxy a proxy URL; "" disables proxies even when proxy variables
 *        are set; NULL unsets
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_proxy(am_options *opts, const char *proxy, am_error **err) AM_NOEXCEPT;
/**
 * Sets a CA bundle to verify servers with (verification is always on).
 * @param opts the options
 * @param path path of a PEM file; NULL unsets (the system's CAs)
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_ca_bundle(am_options *opts, const char *path, am_error **err) AM_NOEXCEPT;
/**
 * Sets the largest response body accepted (default 32 MiB); a larger one
 * fails the call with AM_ERR_RESPONSE_TOO_LARGE.
 * @param opts the options
 * @param bytes 1024 up to 2^40
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_options_set_max_response_bytes(am_options *opts, int64_t bytes, am_error **err) AM_NOEXCEPT;
/**
 * Sets a suffix appended to the User-Agent header.
 * @param opts the options
 * @param suffix a header value; NULL unsets
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused value
 */
AM_API am_status am_options_set_user_agent_suffix(am_options *opts, const char *suffix, am_error **err) AM_NOEXCEPT;
/**
 * Makes the client ignore the ANTHROPIC_* environment variables.
 * @param opts the options
 * @param ignore non-zero: ignore them (default 0)
 */
AM_API void am_options_set_ignore_env(am_options *opts, int32_t ignore) AM_NOEXCEPT;
/**
 * Makes every request of the client use the beta variant (`?beta=true`).
 * @param opts the options
 * @param beta non-zero: use it (default 0)
 */
AM_API void am_options_set_beta_variant(am_options *opts, int32_t beta) AM_NOEXCEPT;
/**
 * Chooses whether the client calls curl_global_init / curl_global_cleanup,
 * for hosts that manage libcurl's global state themselves.
 * @param opts the options
 * @param enabled zero: leave it to the host (default non-zero)
 */
AM_API void am_options_set_curl_global_init(am_options *opts, int32_t enabled) AM_NOEXCEPT;

/**
 * Chooses where completion callbacks run. By default they run only inside
 * am_client_dispatch(), on the thread that calls it. With this set they run
 * on the client's worker thread as soon as a request finishes; such a
 * callback must be quick, must not make blocking calls on its client (they
 * fail with AM_ERR_INVALID_ARGUMENT) and must not free it. Bindings use this
 * to complete a waiter (channel, TaskCompletionSource, waker) directly.
 * @param opts the options
 * @param on_worker non-zero: run callbacks on the worker thread (default 0)
 */
AM_API void am_options_set_callbacks_on_worker(am_options *opts, int32_t on_worker) AM_NOEXCEPT;

/**
 * Turns on the client's in-memory cache of am_models_list_all() and
 * am_model_get() results: while an answer is younger than the TTL it is
 * served without a request (a get may be answered from a fresh full
 * listing). The cache key holds everything that changes an answer: base URL,
 * a SHA-256 digest of the credential (never the credential), API version,
 * betas, workspace, extra headers, lifecycle filter and beta variant. Calls
 * with an after_id / before_id cursor, and am_models_list(), are never
 * cached. With any cache setting on (this, a directory, or offline),
 * concurrent identical list_all / get calls, blocking or asynchronous, share
 * one HTTP request (single-flight).
 * @param opts the options
 * @param ttl_ms 0 (the default: no memory cache) to 30 days; the API's guide
 *        suggests an hour (3600000)
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_options_set_cache_ttl_ms(am_options *opts, int64_t ttl_ms, am_error **err) AM_NOEXCEPT;
/**
 * Turns on the disk cache: the last good full listing of each cache key is
 * written to this directory (created with mode 0700 when missing) as
 * `models-<digest>.json`, atomically (temporary file, fsync, rename), with no
 * secret in it. A listing on disk younger than the TTL is served like a
 * memory hit, also by a new process. When a refresh fails (connection,
 * timeout, HTTP 5xx / 529, 429), the last good listing is returned marked
 * stale (am_model_list_is_stale(), am_model_list_age_ms()) instead of the
 * error; an empty answer never replaces a non-empty listing. A corrupt,
 * truncated, foreign or newer-format file is ignored with a log line. Failing
 * to write is logged, never an error of the call.
 * @param opts the options
 * @param dir a directory path (at most 4096 bytes); NULL turns the disk cache off
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for an empty or too long path
 */
AM_API am_status am_options_set_cache_dir(am_options *opts, const char *dir, am_error **err) AM_NOEXCEPT;
/**
 * Stale-while-revalidate: once the TTL has passed, a cached listing or model
 * is still answered at once (marked stale) while one background request
 * refreshes it; an asynchronous call then completes immediately. Needs a TTL.
 * @param opts the options
 * @param enabled non-zero: serve expired entries while refreshing (default 0)
 */
AM_API void am_options_set_cache_stale_while_revalidate(am_options *opts, int32_t enabled) AM_NOEXCEPT;
/**
 * Offline mode: list_all and get are answered from the cache only (memory,
 * then disk, however old; an answer past its TTL is marked stale) and no
 * request is ever sent; when nothing cached answers, the call fails with
 * AM_ERR_NOT_CACHED. am_models_list() is not cached and fails the same way.
 * @param opts the options
 * @param offline non-zero: never touch the network (default 0)
 */
AM_API void am_options_set_offline(am_options *opts, int32_t offline) AM_NOEXCEPT;
/** @} */

/**
 * @ingroup am_async
 * Releases the userdata the caller handed to the library with a callback.
 * The library calls it exactly once, on whichever thread releases the
 * callback (see each function that takes one).
 * @param userdata the pointer given with the callback
 */
typedef void (*am_userdata_free)(void *userdata);

/* ---- client ------------------------------------------------------------ */
/**
 * @defgroup am_client Client
 * @brief A connection pool, one worker thread, and the delivery of completions.
 *
 * Each client has one worker thread that drives its requests over
 * kept-alive connections. A blocking call made while the client has nothing
 * else in flight drives its own request on the calling thread instead (no
 * thread hand-off), over the same connections. A client may be used from any
 * number of threads at once; only am_client_free() must not overlap any
 * other call on it.
 * @{
 */
/** Opaque client; created by am_client_new(), freed by am_client_free(). */
typedef struct am_client am_client;

/**
 * Creates a client and starts its worker thread. Sends nothing: a missing
 * credential is reported by the first call.
 * @param opts the configuration, or NULL for the environment and built-in
 *        defaults. Copied: it may be changed or freed right after.
 * @param out receives the new client, owned by the caller (free with
 *        am_client_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK; AM_ERR_INVALID_ARGUMENT for a NULL out or an invalid setting
 *         (such as a bad ANTHROPIC_BASE_URL); AM_ERR_OUT_OF_MEMORY;
 *         AM_ERR_INTERNAL when libcurl, the wake-up descriptor or the worker
 *         thread cannot be set up.
 *         Any thread; never blocks on the network.
 */
AM_API am_status am_client_new(const am_options *opts, am_client **out, am_error **err) AM_NOEXCEPT;
/**
 * Frees a client. Cancels its requests in flight and returns once its worker
 * has stopped (it waits for a callback running on the worker to return); no
 * callback of the client runs after it returns. Requests that were cancelled
 * run no callback, only their userdata_free. Request, model, list and error
 * handles stay valid (requests read as finished, with AM_ERR_CANCELLED when
 * they were in flight) and must still be freed.
 *
 * No other call on this client may be in progress from another thread, and it
 * must not be called from a callback running on the worker thread. A call
 * that a worker callback makes on this client while it is being freed is
 * refused cleanly (submissions fail with AM_ERR_INVALID_ARGUMENT, "the client
 * is being freed"). `am_request_*` calls on the client's requests remain
 * allowed from any thread, during and after this call.
 * @param client the client, or NULL (no-op)
 */
AM_API void am_client_free(am_client *client) AM_NOEXCEPT;
/**
 * Runs queued completion callbacks on the calling thread. Never waits for the
 * network: a game or editor calls it once per frame from its main thread.
 * Any thread may call it, also several at once (each callback runs once).
 *
 * A request's completion is queued when the request finishes, so
 * am_request_done() turns 1 BEFORE its callback has been dispatched: keep
 * dispatching until the callback itself has run. A request freed while its
 * completion is still queued never gets its callback (only its
 * userdata_free).
 * @param client the client
 * @param max the most callbacks to run; <= 0: all that are queued now
 * @return how many callbacks ran; 0 when client is NULL
 */
AM_API int32_t am_client_dispatch(am_client *client, int32_t max) AM_NOEXCEPT;
/**
 * A file descriptor that becomes readable when completions are queued for
 * am_client_dispatch() (which drains it; a dispatch that leaves completions
 * queued leaves it readable): add it to a poll/epoll/select loop and
 * dispatch when it is readable. Only requests with a callback are queued.
 * The library uses an eventfd on Linux and a self-pipe on other POSIX systems.
 * @param client the client
 * @return the descriptor, owned by the client: only poll it (never read or
 *         close it); valid until am_client_free(). -1 where the platform has
 *         neither eventfd nor pipes, or when client is NULL. Any thread.
 */
AM_API int32_t am_client_wakeup_fd(const am_client *client) AM_NOEXCEPT;
/**
 * A completion notifier: see am_client_set_completion_notify().
 * @param userdata the pointer given with it
 */
typedef void (*am_notify_fn)(void *userdata);
/**
 * Sets the completion notifier, so an event-loop host can wake up and call
 * am_client_dispatch(). It is called when completions become ready for
 * dispatch (the queue goes from empty to non-empty), on the worker thread,
 * and again whenever an am_client_dispatch() call returns leaving completions
 * queued, then on the thread that called am_client_dispatch(); so a host that
 * dispatches only a few completions per signal loses nothing. Keep it short
 * (post a message, signal a condition), and make it safe to run on either
 * thread. It is not called for callbacks that run on the worker
 * (am_options_set_callbacks_on_worker()), which are never queued.
 *
 * The notifier (and a log callback) may replace or remove itself or the
 * other hook from inside its call. The replaced notifier's userdata_free runs
 * once no call of it is in progress: at once, or, when it is running, after
 * that call returns (then possibly on the worker thread). The last
 * notifier's userdata_free runs when the client is freed.
 *
 * Any thread; never blocks.
 * @param client the client
 * @param fn the notifier, or NULL to remove the current one
 * @param userdata passed to fn
 * @param userdata_free run once on userdata when the notifier is replaced,
 *        removed or the client freed (may be NULL); not run when this call fails
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when client is NULL
 */
AM_API am_status am_client_set_completion_notify(am_client *client, am_notify_fn fn, void *userdata,
                                                 am_userdata_free userdata_free, am_error **err) AM_NOEXCEPT;
/** @} */

/* ---- log hook ------------------------------------------------------------ */
/**
 * @defgroup am_log Log hook
 * @brief A trace of every HTTP attempt, for hosts that want one.
 *
 * The library never writes to stdout or stderr. A host that wants a trace
 * registers a log callback: one line per HTTP attempt, e.g.
 * @code
 * GET https://api.anthropic.com/v1/models?limit=20 -> 200 in 41.2 ms (attempt 1, request-id req_...)
 * @endcode
 * at AM_LOG_INFO for a 2xx response, AM_LOG_WARN for a failed attempt that
 * will be retried (with the delay), AM_LOG_ERROR for a failed attempt that
 * ends the call, and AM_LOG_WARN for an attempt cut short by cancellation.
 * Credentials never appear in a line.
 * @{
 */
/** The level of a log line: one of am_log_level_code (or a newer value). */
typedef int32_t am_log_level;
/** The values of am_log_level, least severe first. */
enum am_log_level_code {
  AM_LOG_DEBUG = 0, /**< detail for debugging the library */
  AM_LOG_INFO = 1,  /**< a successful attempt */
  AM_LOG_WARN = 2,  /**< a failed attempt that will be retried, or one cut short by cancellation */
  AM_LOG_ERROR = 3  /**< a failed attempt that ends the call */
};
/**
 * A log callback: see am_client_set_log_callback().
 * @param level the line's level
 * @param message the line, UTF-8, without a trailing newline; valid during
 *        the call only
 * @param userdata the pointer given with it
 */
typedef void (*am_log_fn)(am_log_level level, const char *message, void *userdata);
/**
 * Sets the client's log callback. It runs on the client's worker thread and
 * must be quick (it delays every request of the client). While one is set,
 * blocking calls run on the worker too, so their lines are logged there,
 * before the call returns. (A blocking call already running on its caller's
 * thread when the callback is set hands its lines to the worker, which may
 * log them just after the call returns; so are the cache's lines about a file
 * a blocking call read.)
 *
 * The log callback (and a completion notifier) may replace or remove itself
 * or the other hook from inside its call. The replaced callback's
 * userdata_free runs once no call of it is in progress: at once, or, when it
 * is running, after that call returns (then possibly on the worker thread).
 * The last one's userdata_free runs when the client is freed.
 *
 * Any thread; never blocks.
 * @param client the client
 * @param fn the callback, or NULL to remove the current one
 * @param userdata passed to fn
 * @param userdata_free run once on userdata when the callback is replaced,
 *        removed or the client freed (may be NULL); not run when this call fails
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when client is NULL
 */
AM_API am_status am_client_set_log_callback(am_client *client, am_log_fn fn, void *userdata,
                                            am_userdata_free userdata_free, am_error **err) AM_NOEXCEPT;
/** @} */

/* ---- list parameters ---------------------------------------------------- */
/**
 * @defgroup am_list_params List parameters
 * @brief Optional parameters of the list calls.
 *
 * The list calls read the parameters during the call (the asynchronous ones
 * copy them), so a handle may be reused or freed right after. A handle must
 * not be used from two threads at once. No function here blocks.
 * @{
 */
/** Opaque list parameters; created by am_list_params_new(), freed by am_list_params_free(). */
typedef struct am_list_params am_list_params;

/**
 * Creates list parameters with every setting unset.
 * @return a new handle owned by the caller (free with am_list_params_free());
 *         NULL only when out of memory
 */
AM_API am_list_params *am_list_params_new(void) AM_NOEXCEPT;
/**
 * Frees list parameters.
 * @param params the handle, or NULL (no-op)
 */
AM_API void am_list_params_free(am_list_params *params) AM_NOEXCEPT;
/**
 * Sets the page size. Default: the server's (20) for am_models_list(), 1000
 * for am_models_list_all().
 * @param params the parameters
 * @param limit 1..1000
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_list_params_set_limit(am_list_params *params, int32_t limit, am_error **err) AM_NOEXCEPT;
/**
 * Sets the `after_id` cursor: list the models after (older than) this id.
 * Setting both cursors is an error at call time.
 * @param params the parameters
 * @param id a model id; NULL clears
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused id
 */
AM_API am_status am_list_params_set_after_id(am_list_params *params, const char *id, am_error **err) AM_NOEXCEPT;
/**
 * Sets the `before_id` cursor: list the models before (newer than) this id.
 * Setting both cursors is an error at call time.
 * @param params the parameters
 * @param id a model id; NULL clears
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused id
 */
AM_API am_status am_list_params_set_before_id(am_list_params *params, const char *id, am_error **err) AM_NOEXCEPT;
/**
 * Adds a lifecycle stage filter, sent as `lifecycle[]=...`; when none is
 * given the API lists active and deprecated models.
 * @param params the parameters
 * @param stage "active", "deprecated", "retired" (or a newer stage); not NULL
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a refused stage or too many filters
 */
AM_API am_status am_list_params_add_lifecycle(am_list_params *params, const char *stage, am_error **err) AM_NOEXCEPT;
/**
 * Makes this call use the beta variant (`?beta=true`).
 * @param params the parameters
 * @param beta non-zero: use it (default 0)
 */
AM_API void am_list_params_set_beta(am_list_params *params, int32_t beta) AM_NOEXCEPT;
/**
 * Sets the page cap of am_models_list_all(), which fails with
 * AM_ERR_PAGINATION after this many pages rather than return part of the list.
 * @param params the parameters
 * @param max_pages 1..1000000 (default 1000)
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT when out of range
 */
AM_API am_status am_list_params_set_max_pages(am_list_params *params, int32_t max_pages, am_error **err) AM_NOEXCEPT;
/**
 * Makes am_models_list_all() bypass the client's cache for this call: the
 * listing is fetched (sharing a request already in flight) and replaces the
 * cached one. Without a cache it changes nothing. Ignored in offline mode.
 * @param params the parameters
 * @param refresh non-zero: fetch and repopulate (default 0)
 */
AM_API void am_list_params_set_refresh(am_list_params *params, int32_t refresh) AM_NOEXCEPT;
/** @} */

/* ---- models ------------------------------------------------------------ */
/**
 * @defgroup am_calls Blocking calls
 * @brief GET /v1/models and GET /v1/models/{id}, waiting for the result.
 *
 * Each call blocks the calling thread until its request finishes: network,
 * retries and backoff, bounded by the client's timeouts and deadline, with
 * the retry policy and errors of an asynchronous request and the client's
 * connections. When the client has nothing else in flight and no log
 * callback is set, the call runs on the calling thread itself (no thread
 * hand-off); otherwise, or when other work arrives meanwhile, the client's
 * worker runs it and the caller waits. Any thread may call them, several at once, except the client's
 * own worker thread: from a callback running there they fail at once with
 * AM_ERR_INVALID_ARGUMENT instead of deadlocking. A missing credential fails
 * with AM_ERR_AUTHENTICATION (http_status 0) before anything is sent.
 * @{
 */
/** Opaque, immutable model; see @ref am_models. */
typedef struct am_model am_model;
/** Opaque, immutable list of models; see @ref am_models. */
typedef struct am_model_list am_model_list;

/**
 * Fetches one page of GET /v1/models, newest first.
 * @param client the client
 * @param params the page's parameters, or NULL for the defaults
 * @param out receives the page, owned by the caller (free with
 *        am_model_list_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or the status of the failure (see am_status_code)
 */
AM_API am_status am_models_list(am_client *client, const am_list_params *params,
                                am_model_list **out, am_error **err) AM_NOEXCEPT;
/**
 * Fetches every page: follows after_id = last_id, or, when params gave
 * before_id, walks backwards with before_id = first_id. The result is newest
 * first and has has_more == 0. A repeated cursor, has_more without a cursor,
 * or the page cap gives AM_ERR_PAGINATION - never a silently partial list.
 * @param client the client
 * @param params the parameters (limit is the page size, default 1000), or NULL
 * @param out receives the whole list, owned by the caller (free with
 *        am_model_list_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions);
 *        am_error_attempts() counts the attempts over every page
 * @return AM_OK, or the status of the failure (see am_status_code)
 */
AM_API am_status am_models_list_all(am_client *client, const am_list_params *params,
                                    am_model_list **out, am_error **err) AM_NOEXCEPT;
/**
 * Fetches one model: GET /v1/models/{model_id}.
 * @param client the client
 * @param model_id_or_alias a model id or an alias such as "claude-sonnet-4-5"
 *        (the result carries the canonical id); not NULL
 * @param out receives the model, owned by the caller (free with
 *        am_model_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK; AM_ERR_NOT_FOUND for an unknown model; or the status of
 *         another failure (see am_status_code)
 */
AM_API am_status am_model_get(am_client *client, const char *model_id_or_alias,
                              am_model **out, am_error **err) AM_NOEXCEPT;
/** @} */

/* ---- asynchronous calls -------------------------------------------------- */
/**
 * @defgroup am_async Asynchronous requests
 * @brief The same calls, returning a request handle at once.
 *
 * Each blocking call has a form that returns a request handle at once and
 * never blocks. The request runs on the client's worker thread with the same
 * retry policy, deadlines and errors. Collect its result by polling
 * (am_request_done()), waiting (am_request_wait()), or a completion callback:
 * by default callbacks run only inside am_client_dispatch(), on the thread that
 * calls it; with am_options_set_callbacks_on_worker() they run on the worker.
 *
 * The request handle is owned by the caller, who frees it with
 * am_request_free(). Every `am_request_*` function may be called from any
 * thread at any time, before, during or after am_client_free() of its client
 * (after it, the request reads as finished).
 *
 * The callback (may be NULL) runs at most once, after the request finished,
 * with the request handle; it may take the result and may free the request.
 * userdata_free (may be NULL) runs exactly once: after the callback ran, or
 * when it is certain the callback never will: the request was freed first
 * (in flight, or finished with its completion still queued for
 * am_client_dispatch()), or am_client_free() cancelled it in flight; for a
 * request without a callback, when it is freed. It runs on the thread that
 * releases it: the dispatching thread, the worker, or the one calling
 * am_request_free() or am_client_free(). When the submission itself fails,
 * neither runs and *out is NULL.
 *
 * A request finishes before its completion is dispatched. A loop such as
 * @code
 * while (!am_request_done(req)) am_client_dispatch(client, 0);
 * am_request_free(req);   // drops the completion: the callback never runs
 * @endcode
 * exits as soon as the request finishes, before its callback was
 * dispatched. A host keeps dispatching until the callback has run (the
 * callback records that it did), or does without a callback: am_request_wait()
 * then am_request_take_list() / am_request_take_model().
 * @{
 */
/** Opaque request handle; created by the asynchronous calls, freed by am_request_free(). */
typedef struct am_request am_request;
/**
 * A completion callback: runs at most once, after the request finished. It
 * may call am_request_take_list() / am_request_take_model() and
 * am_request_free() on req.
 * @param req the finished request
 * @param userdata the pointer given at submission
 */
typedef void (*am_request_callback)(am_request *req, void *userdata);

/**
 * Submits am_models_list() asynchronously. Any thread; never blocks.
 * @param client the client
 * @param params the page's parameters (copied), or NULL for the defaults
 * @param callback run once the request finished (see @ref am_async), or NULL
 * @param userdata passed to callback
 * @param userdata_free run exactly once on userdata (see @ref am_async), or NULL
 * @param out receives the request, owned by the caller (free with
 *        am_request_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK; AM_ERR_INVALID_ARGUMENT for bad arguments or while the client
 *         is being freed; AM_ERR_AUTHENTICATION without a credential;
 *         AM_ERR_OUT_OF_MEMORY. Failures of the request itself are reported
 *         by am_request_take_list().
 */
AM_API am_status am_models_list_async(am_client *client, const am_list_params *params,
                                      am_request_callback callback, void *userdata,
                                      am_userdata_free userdata_free, am_request **out,
                                      am_error **err) AM_NOEXCEPT;
/**
 * Submits am_models_list_all() asynchronously. Any thread; never blocks.
 * @param client the client
 * @param params the parameters (copied), or NULL for the defaults
 * @param callback run once the request finished (see @ref am_async), or NULL
 * @param userdata passed to callback
 * @param userdata_free run exactly once on userdata (see @ref am_async), or NULL
 * @param out receives the request, owned by the caller (free with
 *        am_request_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK; AM_ERR_INVALID_ARGUMENT for bad arguments or while the client
 *         is being freed; AM_ERR_AUTHENTICATION without a credential;
 *         AM_ERR_OUT_OF_MEMORY. Failures of the request itself are reported
 *         by am_request_take_list().
 */
AM_API am_status am_models_list_all_async(am_client *client, const am_list_params *params,
                                          am_request_callback callback, void *userdata,
                                          am_userdata_free userdata_free, am_request **out,
                                          am_error **err) AM_NOEXCEPT;
/**
 * Submits am_model_get() asynchronously. Any thread; never blocks.
 * @param client the client
 * @param model_id_or_alias a model id or alias (copied); not NULL
 * @param callback run once the request finished (see @ref am_async), or NULL
 * @param userdata passed to callback
 * @param userdata_free run exactly once on userdata (see @ref am_async), or NULL
 * @param out receives the request, owned by the caller (free with
 *        am_request_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK; AM_ERR_INVALID_ARGUMENT for bad arguments or while the client
 *         is being freed; AM_ERR_AUTHENTICATION without a credential;
 *         AM_ERR_OUT_OF_MEMORY. Failures of the request itself are reported
 *         by am_request_take_model().
 */
AM_API am_status am_model_get_async(am_client *client, const char *model_id_or_alias,
                                    am_request_callback callback, void *userdata,
                                    am_userdata_free userdata_free, am_request **out,
                                    am_error **err) AM_NOEXCEPT;

/**
 * Tells whether the request has finished (successfully or not). A finished
 * request's callback may not have been dispatched yet (see @ref am_async).
 * Any thread; never blocks.
 * @param req the request
 * @return 1 once the request has finished, else 0 (also for NULL)
 */
AM_API int32_t am_request_done(const am_request *req) AM_NOEXCEPT;
/**
 * Waits for the request to finish. Does not run its callback: a callback
 * still needs am_client_dispatch() (unless it runs on the worker).
 *
 * Any thread. Called on the request's own client's worker thread (from a
 * worker callback) it does not wait: it returns at once with the current
 * state.
 * @param req the request
 * @param timeout_ms the longest wait: < 0 without limit, 0 just polls
 * @return 1 when the request has finished, else 0 (timed out, or NULL req)
 */
AM_API int32_t am_request_wait(am_request *req, int64_t timeout_ms) AM_NOEXCEPT;
/**
 * Asks the request to stop: it finishes promptly with AM_ERR_CANCELLED, also
 * mid-transfer and mid-backoff, and its callback still runs (with that
 * status). Idempotent; no effect on a finished request. Any thread, at any
 * time (also during or after am_client_free()); never blocks.
 * @param req the request, or NULL (no-op)
 */
AM_API void am_request_cancel(am_request *req) AM_NOEXCEPT;
/**
 * Takes the result of a finished list or list_all request, once. Any thread
 * (also from inside the request's callback); never blocks.
 * @param req the request
 * @param out receives the list, owned by the caller (free with
 *        am_model_list_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions): on the
 *        request's own failure, a new error owned by the caller
 * @return AM_OK; the request's own status when it failed (AM_ERR_CANCELLED
 *         when cancelled); AM_ERR_INVALID_ARGUMENT when it has not finished,
 *         is a get request, or its result was already taken
 */
AM_API am_status am_request_take_list(am_request *req, am_model_list **out, am_error **err) AM_NOEXCEPT;
/**
 * Takes the result of a finished get request, once. Any thread (also from
 * inside the request's callback); never blocks.
 * @param req the request
 * @param out receives the model, owned by the caller (free with
 *        am_model_free()); NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions): on the
 *        request's own failure, a new error owned by the caller
 * @return AM_OK; the request's own status when it failed (AM_ERR_CANCELLED
 *         when cancelled); AM_ERR_INVALID_ARGUMENT when it has not finished,
 *         is a list request, or its result was already taken
 */
AM_API am_status am_request_take_model(am_request *req, am_model **out, am_error **err) AM_NOEXCEPT;
/**
 * Frees the request handle. Any thread, at any time, also from inside the
 * request's own callback and during or after am_client_free().
 *  - In flight: the request is cancelled and its callback does not run
 *    afterwards; userdata_free runs.
 *  - Finished, with its completion still queued for am_client_dispatch():
 *    the completion is dropped (the callback never runs); userdata_free runs.
 *  - Its callback running on another thread at that moment: it returns at
 *    once, never waiting for that callback; the handle is released (and
 *    userdata_free runs) when the callback returns.
 *
 * A result not taken is freed with the request.
 * @param req the request, or NULL (no-op); not to be used afterwards
 */
AM_API void am_request_free(am_request *req) AM_NOEXCEPT;
/** @} */

/* ---- lists and models ---------------------------------------------------- */
/**
 * @defgroup am_models Lists and models
 * @brief The immutable results.
 *
 * Model and list handles are immutable: every function here may be called
 * from any number of threads at once and never blocks. They may be freed in
 * any order, on any thread, also after their client. Their strings are
 * borrowed: valid as long as the handle they came from.
 * @{
 */
/**
 * Frees a list (and every model borrowed from it).
 * @param list the list, or NULL (no-op)
 */
AM_API void am_model_list_free(am_model_list *list) AM_NOEXCEPT;
/**
 * The number of models in a list.
 * @param list the list
 * @return the count; 0 for NULL
 */
AM_API size_t am_model_list_count(const am_model_list *list) AM_NOEXCEPT;
/**
 * A model of a list, newest first.
 * @param list the list
 * @param i the index, 0 <= i < am_model_list_count()
 * @return the model, BORROWED: valid until the list is freed, never to be
 *         passed to am_model_free() (am_model_clone() gives an owned one);
 *         NULL when i >= count
 */
AM_API const am_model *am_model_list_at(const am_model_list *list, size_t i) AM_NOEXCEPT;
/**
 * The id of the list's first (newest) model: the page's `first_id`, the
 * cursor for the previous page.
 * @param list the list
 * @return the id (borrowed from the list), or NULL when empty or not sent
 */
AM_API const char *am_model_list_first_id(const am_model_list *list) AM_NOEXCEPT;
/**
 * The id of the list's last (oldest) model: the page's `last_id`, the
 * cursor for the next page.
 * @param list the list
 * @return the id (borrowed from the list), or NULL when empty or not sent
 */
AM_API const char *am_model_list_last_id(const am_model_list *list) AM_NOEXCEPT;
/**
 * Tells whether more pages follow (am_models_list() only).
 * @param list the list
 * @return 1 when the server said more pages follow, else 0 (always 0 for
 *         am_models_list_all())
 */
AM_API int32_t am_model_list_has_more(const am_model_list *list) AM_NOEXCEPT;
/**
 * Tells whether a list was answered from the client's cache (memory or
 * disk) rather than by a request made for this call.
 * @param list the list
 * @return 1 when from the cache, else 0
 */
AM_API int32_t am_model_list_from_cache(const am_model_list *list) AM_NOEXCEPT;
/**
 * Tells whether a cached list is past its TTL: served because a refresh
 * failed, while revalidating, or offline.
 * @param list the list
 * @return 1 when stale, else 0
 */
AM_API int32_t am_model_list_is_stale(const am_model_list *list) AM_NOEXCEPT;
/**
 * The age of a list's data: milliseconds since the server sent it.
 * @param list the list
 * @return 0 for an answer fetched for this call; the age of a cached one
 *         (as it was when the call was answered); 0 for NULL
 */
AM_API int64_t am_model_list_age_ms(const am_model_list *list) AM_NOEXCEPT;
/**
 * Forgets every cached answer of the client, so the next list_all and get
 * send a request. Listings on disk stay, as the fallback of a failed refresh
 * and for offline mode, but are no longer served as fresh. Any thread.
 * @param client the client, or NULL (no-op)
 */
AM_API void am_client_cache_invalidate(am_client *client) AM_NOEXCEPT;

/**
 * A new handle to the same immutable model, which outlives the list it came
 * from.
 * @param model the model (borrowed from a list, or owned)
 * @return a new handle owned by the caller (free with am_model_free());
 *         NULL only when out of memory (or model is NULL)
 */
AM_API am_model *am_model_clone(const am_model *model) AM_NOEXCEPT;
/**
 * Frees a model from am_model_get(), am_request_take_model() or
 * am_model_clone() (never one borrowed from a list).
 * @param model the model, or NULL (no-op)
 */
AM_API void am_model_free(am_model *model) AM_NOEXCEPT;

/**
 * The model's canonical id.
 * @param model the model
 * @return e.g. "claude-sonnet-4-5-20250929" (borrowed from the model)
 */
AM_API const char *am_model_id(const am_model *model) AM_NOEXCEPT;
/**
 * The model's human-readable name.
 * @param model the model
 * @return e.g. "Claude Sonnet 4.5" (borrowed), or NULL when not sent
 */
AM_API const char *am_model_display_name(const am_model *model) AM_NOEXCEPT;
/**
 * The object type.
 * @param model the model
 * @return "model" (borrowed), or NULL when not sent
 */
AM_API const char *am_model_type(const am_model *model) AM_NOEXCEPT;
/**
 * When the model was released.
 * @param model the model
 * @return the RFC 3339 string as sent (borrowed), or NULL
 */
AM_API const char *am_model_created_at(const am_model *model) AM_NOEXCEPT;
/**
 * When the model was released, as Unix time.
 * @param model the model
 * @param out receives the Unix seconds of created_at; untouched when the
 *        function returns 0 (may be NULL to just test)
 * @return 1, or 0 ("unknown") when created_at is absent, unparsable or the
 *         epoch (the API's marker for an unknown date)
 */
AM_API int32_t am_model_created_at_unix(const am_model *model, int64_t *out) AM_NOEXCEPT;
/**
 * The model's maximum input tokens.
 * @param model the model
 * @param out receives the number; untouched when the function returns 0
 *        (may be NULL to just test)
 * @return 1 when the server sent the number, else 0
 */
AM_API int32_t am_model_max_input_tokens(const am_model *model, int64_t *out) AM_NOEXCEPT;
/**
 * The model's maximum output tokens.
 * @param model the model
 * @param out receives the number; untouched when the function returns 0
 *        (may be NULL to just test)
 * @return 1 when the server sent the number, else 0
 */
AM_API int32_t am_model_max_tokens(const am_model *model, int64_t *out) AM_NOEXCEPT;
/**
 * The model's lifecycle stage.
 * @param model the model
 * @return "active", "deprecated", "retired" (or a newer value) (borrowed), or NULL
 */
AM_API const char *am_model_lifecycle(const am_model *model) AM_NOEXCEPT;
/**
 * The model's line.
 * @param model the model
 * @return "haiku", "sonnet", "opus", ... (borrowed), or NULL
 */
AM_API const char *am_model_line(const am_model *model) AM_NOEXCEPT;
/**
 * When the model was deprecated.
 * @param model the model
 * @return the RFC 3339 string as sent (borrowed), or NULL
 */
AM_API const char *am_model_deprecated_at(const am_model *model) AM_NOEXCEPT;
/**
 * When the model retires (or retired).
 * @param model the model
 * @return the RFC 3339 string as sent (borrowed), or NULL
 */
AM_API const char *am_model_retires_at(const am_model *model) AM_NOEXCEPT;
/**
 * When the model was deprecated, as Unix time (like am_model_created_at_unix()).
 * @param model the model
 * @param out receives the Unix seconds of deprecated_at; untouched when the
 *        function returns 0 (may be NULL to just test)
 * @return 1, or 0 when deprecated_at is absent, unparsable or the epoch
 */
AM_API int32_t am_model_deprecated_at_unix(const am_model *model, int64_t *out) AM_NOEXCEPT;
/**
 * When the model retires, as Unix time (like am_model_created_at_unix()).
 * @param model the model
 * @param out receives the Unix seconds of retires_at; untouched when the
 *        function returns 0 (may be NULL to just test)
 * @return 1, or 0 when retires_at is absent, unparsable or the epoch
 */
AM_API int32_t am_model_retires_at_unix(const am_model *model, int64_t *out) AM_NOEXCEPT;
/**
 * The model object as JSON, with every field the server sent (unknown ones
 * too).
 * @param model the model
 * @return the JSON (borrowed from the model); NULL only when out of memory
 *         (or model is NULL)
 */
AM_API const char *am_model_json(const am_model *model) AM_NOEXCEPT;
/** @} */

/* ---- capabilities ------------------------------------------------------- */
/**
 * @defgroup am_capabilities Capabilities
 * @brief What a model supports: yes, no, or unknown.
 *
 * Known capabilities have an am_capability constant; any capability,
 * including ones added to the API after this release, can be asked for by
 * dotted path below `capabilities` or enumerated. Every function here may be
 * called from any thread and never blocks; strings are borrowed from the
 * model (or static, for am_capability_path()).
 * @{
 */
/** Tri-state support: one of am_support_code. */
typedef int32_t am_support;
/** The values of am_support. */
enum am_support_code {
  AM_SUPPORT_NO = 0,      /**< the server said it is not supported */
  AM_SUPPORT_YES = 1,     /**< the server said it is supported */
  AM_SUPPORT_UNKNOWN = -1 /**< the server did not say (older servers omit capabilities) */
};

/** A capability this release knows: one of am_capability_code. */
typedef int32_t am_capability;
/** The values of am_capability, each named after its dotted path. Append-only. */
enum am_capability_code {
  AM_CAP_BATCH = 1,                                     /**< "batch" */
  AM_CAP_CITATIONS = 2,                                 /**< "citations" */
  AM_CAP_CODE_EXECUTION = 3,                            /**< "code_execution" */
  AM_CAP_CONTEXT_MANAGEMENT = 4,                        /**< "context_management" */
  AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015 = 5,/**< "context_management.clear_thinking_20251015" */
  AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919 = 6,/**< "context_management.clear_tool_uses_20250919" */
  AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112 = 7,       /**< "context_management.compact_20260112" */
  AM_CAP_EFFORT = 8,                                    /**< "effort" */
  AM_CAP_EFFORT_LOW = 9,                                /**< "effort.low" */
  AM_CAP_EFFORT_MEDIUM = 10,                            /**< "effort.medium" */
  AM_CAP_EFFORT_HIGH = 11,                              /**< "effort.high" */
  AM_CAP_EFFORT_MAX = 12,                               /**< "effort.max" */
  AM_CAP_EFFORT_XHIGH = 13,                             /**< "effort.xhigh" */
  AM_CAP_IMAGE_INPUT = 14,                              /**< "image_input" */
  AM_CAP_PDF_INPUT = 15,                                /**< "pdf_input" */
  AM_CAP_STRUCTURED_OUTPUTS = 16,                       /**< "structured_outputs" */
  AM_CAP_THINKING = 17,                                 /**< "thinking" */
  AM_CAP_THINKING_TYPES_ADAPTIVE = 18,                  /**< "thinking.types.adaptive" */
  AM_CAP_THINKING_TYPES_ENABLED = 19,                   /**< "thinking.types.enabled" */
  AM_CAP_THINKING_TYPES_DISABLED = 20,                  /**< "thinking.types.disabled" */
  AM_CAP_THINKING_TYPES_BETWEEN_TOOLS = 21,             /**< "thinking.types.between_tools" */
  AM_CAP_SERVER_TOOLS = 22,                             /**< "server_tools" */
  AM_CAP_SERVER_TOOLS_CODE_EXECUTION = 23,              /**< "server_tools.code_execution" */
  AM_CAP_SERVER_TOOLS_WEB_SEARCH = 24                   /**< "server_tools.web_search" */
};
/** One past the largest am_capability this header knows. */
#define AM_CAP_COUNT 25
/** The name of AM_CAP_COUNT in release 0.1.0, kept for source compatibility. */
#define AM_CAP_COUNT_ AM_CAP_COUNT

/**
 * The dotted path of a known capability.
 * @param cap the capability
 * @return e.g. "effort.xhigh" (static storage), or NULL for values this
 *         release does not know
 */
AM_API const char *am_capability_path(am_capability cap) AM_NOEXCEPT;
/**
 * Whether the model supports a known capability.
 * @param model the model
 * @param cap the capability
 * @return AM_SUPPORT_YES, AM_SUPPORT_NO, or AM_SUPPORT_UNKNOWN when the
 *         server did not say (or cap is not a value this release knows)
 */
AM_API am_support am_model_supports(const am_model *model, am_capability cap) AM_NOEXCEPT;
/**
 * Whether the model supports any capability, by its dotted path below
 * `capabilities`, including ones added to the API after this release:
 * "batch", "effort.xhigh", "thinking.types.adaptive". Reads
 * `<path>.supported` (or a bare boolean at the path).
 * @param model the model
 * @param dotted_path the capability's path
 * @return AM_SUPPORT_YES, AM_SUPPORT_NO, or AM_SUPPORT_UNKNOWN when the
 *         server did not say (or dotted_path is NULL or empty)
 */
AM_API am_support am_model_supports_path(const am_model *model, const char *dotted_path) AM_NOEXCEPT;
/**
 * The number of supported effort levels.
 * @param model the model
 * @return the count; 0 when none is supported or the server did not say
 */
AM_API size_t am_model_effort_level_count(const am_model *model) AM_NOEXCEPT;
/**
 * A supported effort level: "low", "medium", "high", "max", "xhigh", then
 * any newer ones, in that order.
 * @param model the model
 * @param i the index, 0 <= i < am_model_effort_level_count()
 * @return the level (borrowed from the model), or NULL when i >= count
 */
AM_API const char *am_model_effort_level_at(const am_model *model, size_t i) AM_NOEXCEPT;
/**
 * The number of supported thinking types.
 * @param model the model
 * @return the count; 0 when none is supported or the server did not say
 */
AM_API size_t am_model_thinking_type_count(const am_model *model) AM_NOEXCEPT;
/**
 * A supported thinking type: "adaptive", "enabled", "disabled",
 * "between_tools", then any newer ones, in that order.
 * @param model the model
 * @param i the index, 0 <= i < am_model_thinking_type_count()
 * @return the type (borrowed from the model), or NULL when i >= count
 */
AM_API const char *am_model_thinking_type_at(const am_model *model, size_t i) AM_NOEXCEPT;
/**
 * The number of capabilities the server reported for the model, including
 * ones added to the API after this release: one entry per node below
 * `capabilities` that carries a support value (`{"supported": ...}` or a bare
 * boolean), walked depth first in the server's order, so a group ("thinking")
 * comes before its members ("thinking.types.adaptive"). Nodes without a
 * support value of their own ("thinking.types") are not entries, but their
 * members are.
 * @param model the model
 * @return the count; 0 when the server sent no capabilities
 */
AM_API size_t am_model_capability_count(const am_model *model) AM_NOEXCEPT;
/**
 * The dotted path of a reported capability, as am_model_supports_path()
 * takes it.
 * @param model the model
 * @param i the entry, 0 <= i < am_model_capability_count()
 * @return the path (borrowed from the model), or NULL when i >= count
 */
AM_API const char *am_model_capability_path_at(const am_model *model, size_t i) AM_NOEXCEPT;
/**
 * The support of a reported capability (the same as am_model_supports_path()
 * with its path).
 * @param model the model
 * @param i the entry, 0 <= i < am_model_capability_count()
 * @return AM_SUPPORT_YES or AM_SUPPORT_NO; AM_SUPPORT_UNKNOWN when the
 *         server's value is not a boolean (`"supported": null`) or i >= count
 */
AM_API am_support am_model_capability_support_at(const am_model *model, size_t i) AM_NOEXCEPT;
/** @} */

/* ---- selection ----------------------------------------------------------- */
/**
 * @defgroup am_selection Selecting models from a list
 * @brief Filters, ordering and lookups over a list you hold. They send no
 * request and never change their input: each filter returns a NEW list
 * (owned by the caller, free with am_model_list_free()) that shares the
 * models of the input, keeps its order unless it sorts, has has_more 0,
 * first_id / last_id of its own models, and the input's from_cache, stale
 * and age. Lookups return a model BORROWED from the input list. Any thread;
 * lists are immutable.
 * @{
 */
/**
 * Keeps the models that support every given capability path: a path counts
 * only when am_model_supports_path() answers AM_SUPPORT_YES (AM_SUPPORT_UNKNOWN
 * never counts, so models listed without capabilities are dropped).
 * @param list the list
 * @param paths dotted capability paths, e.g. "image_input",
 *        "thinking.types.adaptive" (paths newer than this library work too)
 * @param count the number of paths; 0 keeps every model
 * @param out receives the new list; NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a NULL argument or an
 *         empty or malformed path
 */
AM_API am_status am_model_list_select_supported(const am_model_list *list, const char *const *paths, size_t count,
                                                am_model_list **out, am_error **err) AM_NOEXCEPT;
/**
 * Keeps the models in one lifecycle stage, as each model's own `lifecycle`
 * field says: a model the server sent without one never matches (even when
 * the server listed it under a lifecycle filter).
 * @param list the list
 * @param stage e.g. "active", "deprecated", "retired"; not NULL
 * @param out receives the new list; NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a NULL argument
 */
AM_API am_status am_model_list_select_lifecycle(const am_model_list *list, const char *stage, am_model_list **out,
                                                am_error **err) AM_NOEXCEPT;
/**
 * Keeps the models of one line.
 * @param list the list
 * @param line e.g. "opus", "sonnet", "haiku"; not NULL
 * @param out receives the new list; NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a NULL argument
 */
AM_API am_status am_model_list_select_line(const am_model_list *list, const char *line, am_model_list **out,
                                           am_error **err) AM_NOEXCEPT;
/**
 * Keeps the models with a known retirement date strictly before a time:
 * the deprecation watch the API's guide asks for.
 * @param list the list
 * @param unix_seconds the time, seconds since 1970-01-01T00:00:00Z
 * @param out receives the new list; NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a NULL argument
 */
AM_API am_status am_model_list_select_retiring_before(const am_model_list *list, int64_t unix_seconds,
                                                      am_model_list **out, am_error **err) AM_NOEXCEPT;
/**
 * Orders the models by created_at (stable; models without a readable date
 * last).
 * @param list the list
 * @param newest_first non-zero: newest first, else oldest first
 * @param out receives the new list; NULL on failure
 * @param err optional error out-parameter (see @ref am_conventions)
 * @return AM_OK, or AM_ERR_INVALID_ARGUMENT for a NULL argument
 */
AM_API am_status am_model_list_sort_by_created(const am_model_list *list, int32_t newest_first, am_model_list **out,
                                               am_error **err) AM_NOEXCEPT;
/**
 * Finds a model by id, or by an alias-like prefix: the model whose id is
 * exactly `id_or_prefix`, else the newest (created_at) model whose id starts
 * with `id_or_prefix` followed by '-' ("claude-sonnet-4-5" finds
 * "claude-sonnet-4-5-20250929", never "claude-sonnet-4-50").
 * @param list the list
 * @param id_or_prefix not NULL, not empty
 * @return the model, BORROWED from the list; NULL when none matches
 */
AM_API const am_model *am_model_list_find(const am_model_list *list, const char *id_or_prefix) AM_NOEXCEPT;
/**
 * The newest model (latest created_at; ties keep list order) of a line.
 * @param list the list
 * @param line e.g. "opus", "sonnet", "haiku"; NULL for any line
 * @return the model, BORROWED from the list; NULL when none matches
 */
AM_API const am_model *am_model_list_newest(const am_model_list *list, const char *line) AM_NOEXCEPT;
/** @} */

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ANTHROPIC_MODELS_H */
