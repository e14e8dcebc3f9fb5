/**
 * @file anthropic_models.hpp
 * @brief Header-only C++17 wrapper over the stable C ABI of libanthropic_models.
 *
 * It uses only the public C API (anthropic_models.h), so C++ code built with
 * it keeps the C library's ABI guarantees.
 *
 * @code
 * #include "anthropic_models.hpp"
 * namespace amc = anthropic_models;
 *
 * amc::Client client(amc::Options().ignore_env().api_key(key).base_url(url));
 * for (amc::ModelView m : client.list_all())
 *   std::cout << m.id() << " " << m.display_name().value_or("?") << "\n";
 *
 * amc::Model sonnet = client.get("claude-sonnet-4-5");      // alias -> canonical id
 * if (sonnet.supports(AM_CAP_EFFORT_HIGH) == amc::Support::Yes) { ... }
 * if (auto n = sonnet.max_input_tokens()) use(*n);
 *
 * // A catalogue cached for an hour, on disk too (a failed refresh answers the
 * // last good listing, marked stale), and selections that send no request.
 * amc::Client cached(amc::Options().cache_ttl(std::chrono::hours(1)).cache_dir(dir));
 * amc::ModelList all = cached.list_all();
 * if (all.is_stale()) warn(all.age());
 * amc::ModelList vision = all.select_supported({"image_input", "thinking.types.adaptive"});
 * if (auto opus = all.newest("opus")) use(opus->id());
 *
 * try { client.get("no-such-model"); }
 * catch (const amc::Error& e) { e.status(); e.http_status(); e.request_id(); }
 *
 * // Asynchronous, without a callback: wait for the Request (or poll done())
 * // and take its result.
 * amc::Request r = client.get_async("claude-opus-4-6");
 * r.wait();
 * amc::Model opus = r.take_model();          // throws amc::Error on failure
 *
 * // With a callback, which dispatch() runs on this thread. Keep the Request:
 * // destroying it cancels the call (Request is [[nodiscard]]). And dispatch
 * // until the callback has run, not merely until r2.done(): a request is done
 * // BEFORE its callback is dispatched, and destroying a done Request drops a
 * // callback that was not dispatched yet.
 * bool shown = false;
 * amc::Request r2 = client.get_async("claude-haiku-4-5", [&](amc::RequestRef done) {
 *   show(done.take_model());                 // throws amc::Error on failure
 *   shown = true;
 * });
 * while (!shown) client.dispatch();          // a host dispatches once per frame,
 *                                            // or when wakeup_fd() is readable
 * @endcode
 *
 * @par Errors
 * Every failing C call throws anthropic_models::Error (carrying the
 * am_error's details, its status() the C status unchanged: e.g.
 * AM_ERR_NOT_CACHED when an offline client has nothing cached to answer
 * with); allocation failures throw std::bad_alloc; at() throws
 * std::out_of_range. There is no non-throwing variant: use the C API directly
 * (handle() exposes every underlying handle) when exceptions are unwanted.
 *
 * @par Ownership
 * Options, ListParams, Client, ModelList, Model and Request own one C handle
 * each and free it in their destructor; all are movable (a moved-from object
 * is empty: destroy it or assign to it). Model is also copyable (copies share
 * the same immutable model). ModelView and RequestRef borrow; every
 * std::string_view returned borrows from the handle it came from (a view from
 * a ModelView lives as long as its ModelList). Threads: see the C header;
 * Model, ModelView and ModelList may be read from any number of threads, and
 * a Request may be used or destroyed on any thread, also after its Client.
 *
 * @par Callbacks
 * Callbacks are UniqueFunction objects, so they may be move-only (a lambda
 * capturing a std::promise or a std::unique_ptr). A callback is boxed on the
 * heap and released by the library exactly once (after it ran, or when it
 * never will). It gets a RequestRef to the finished request: it may take the
 * result through it, and may destroy the owning Request. The callback (and
 * what it captured) is destroyed on whichever thread releases it: the
 * dispatching thread, the worker thread, or the one destroying the Request or
 * Client. A request destroyed while it is in flight, or after it finished but
 * before dispatch() ran its callback, never runs the callback (it is only
 * destroyed). Exceptions never cross into C: one thrown by a callback, a
 * completion notifier or a log callback is caught, and the first one is kept
 * in the client and rethrown by the next Client::dispatch() after that call
 * ran its callbacks (or fetched with Client::take_callback_exception());
 * later ones are dropped while one is pending.
 *
 * This header defines nothing outside namespace anthropic_models.
 */
#ifndef ANTHROPIC_MODELS_HPP
#define ANTHROPIC_MODELS_HPP

#include "anthropic_models.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

/// The C++17 wrapper of libanthropic_models (see anthropic_models.hpp).
namespace anthropic_models {

// ---------------------------------------------------------------- basics

/// Tri-state capability support, mapped from AM_SUPPORT_*.
enum class Support {
  No,      ///< the server said it is not supported
  Yes,     ///< the server said it is supported
  Unknown  ///< the server did not say
};

/// The name of a support value.
/// @param s the value
/// @return "no", "yes" or "unknown"
inline std::string_view to_string(Support s) noexcept {
  switch (s) {
    case Support::No: return "no";
    case Support::Yes: return "yes";
    case Support::Unknown: break;
  }
  return "unknown";
}

/// Level of a log line (AM_LOG_*); newer values pass through unchanged.
enum class LogLevel : std::int32_t {
  Debug = AM_LOG_DEBUG,  ///< detail for debugging the library
  Info = AM_LOG_INFO,    ///< a successful attempt
  Warn = AM_LOG_WARN,    ///< an attempt that will be retried, or cut short by cancellation
  Error = AM_LOG_ERROR   ///< a failed attempt that ends the call
};

/// The loaded library's version string.
/// @return e.g. "0.1.0"
inline std::string_view version() noexcept { return am_version(); }
/// The loaded library's version as one number.
/// @return the version as AM_VERSION_NUMBER computes it
inline std::uint32_t version_number() noexcept { return am_version_number(); }
/// The loaded library's ABI version.
/// @return compare it with AM_ABI_VERSION to detect a mismatched shared library
inline std::int32_t abi_version() noexcept { return am_abi_version(); }
/// A short name for a status.
/// @param status any status
/// @return e.g. "not_found"; "unknown" for values this version does not know
inline std::string_view status_name(am_status status) noexcept { return am_status_name(status); }
/// The dotted path of a known capability.
/// @param cap the capability
/// @return e.g. "effort.xhigh", or nullopt for values this version does not know
inline std::optional<std::string_view> capability_path(am_capability cap) noexcept {
  const char *p = am_capability_path(cap);
  return p ? std::optional<std::string_view>(p) : std::nullopt;
}

/// @cond AM_INTERNAL
namespace detail {

template <auto Fn>
struct Deleter {
  template <typename T>
  void operator()(T *p) const noexcept {
    Fn(p);
  }
};

template <typename T, auto Fn>
using Handle = std::unique_ptr<T, Deleter<Fn>>;

using ErrorHandle = Handle<am_error, am_error_free>;

inline std::optional<std::string_view> opt_view(const char *s) noexcept {
  return s ? std::optional<std::string_view>(s) : std::nullopt;
}
inline std::optional<std::string> opt_string(const char *s) {
  return s ? std::optional<std::string>(s) : std::nullopt;
}
inline Support to_support(am_support s) noexcept {
  return s == AM_SUPPORT_YES ? Support::Yes : s == AM_SUPPORT_NO ? Support::No : Support::Unknown;
}

template <typename T>
struct is_std_function : std::false_type {};
template <typename Sig>
struct is_std_function<std::function<Sig>> : std::true_type {};

// True for the callables that can be empty: null function and member
// pointers and empty std::functions (they make an empty UniqueFunction, so
// passing one removes a hook, as an empty std::function always did).
template <typename F>
bool is_empty_callable(const F &f) noexcept {
  if constexpr (std::is_pointer_v<F> || std::is_member_pointer_v<F>) {
    return f == nullptr;
  } else if constexpr (is_std_function<F>::value) {
    return !f;
  } else {
    return false;
  }
}

}  // namespace detail
/// @endcond

/// A move-only, type-erased callable: what the wrapper stores for callbacks.
///
/// Unlike std::function it accepts callables that cannot be copied, such as a
/// lambda capturing a std::promise or a std::unique_ptr (pass an lvalue one
/// with std::move). It is built implicitly from any callable with a matching
/// signature. It is empty when default-constructed or made from nullptr, a
/// null function pointer or an empty std::function; an empty callback means
/// "none" (and removes a hook).
template <typename Signature>
class UniqueFunction;

/// The specialisation for a function type `R(Args...)`.
/// @tparam R the return type
/// @tparam Args the parameter types
template <typename R, typename... Args>
class UniqueFunction<R(Args...)> {
 public:
  /// An empty function.
  UniqueFunction() noexcept = default;
  /// An empty function.
  UniqueFunction(std::nullptr_t) noexcept {}  // NOLINT: implicit on purpose
  /// Stores a callable, moved or copied in.
  /// @tparam F a callable invocable as `R(Args...)`
  /// @param f the callable; an empty std::function or null pointer gives an
  ///        empty UniqueFunction
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, UniqueFunction> &&
                                                    std::is_invocable_r_v<R, std::decay_t<F> &, Args...>>>
  UniqueFunction(F &&f) {  // NOLINT: implicit on purpose, like std::function
    if (!detail::is_empty_callable<std::decay_t<F>>(f))
      impl_ = std::make_unique<Holder<std::decay_t<F>>>(std::forward<F>(f));
  }
  UniqueFunction(const UniqueFunction &) = delete;
  UniqueFunction &operator=(const UniqueFunction &) = delete;
  /// Takes the other's callable, leaving it empty.
  /// @param other the function to move from
  UniqueFunction(UniqueFunction &&other) noexcept = default;
  /// Takes the other's callable (destroying this one's), leaving it empty.
  /// @param other the function to move from
  /// @return *this
  UniqueFunction &operator=(UniqueFunction &&other) noexcept = default;
  /// Destroys the stored callable.
  ~UniqueFunction() = default;

  /// Calls the stored callable.
  /// @param args forwarded to it
  /// @return what it returned
  /// @throws std::bad_function_call when empty
  R operator()(Args... args) {
    if (!impl_) throw std::bad_function_call();
    return impl_->call(std::forward<Args>(args)...);
  }
  /// Tells whether a callable is stored.
  /// @return false when empty
  explicit operator bool() const noexcept { return impl_ != nullptr; }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual R call(Args &&...args) = 0;
  };
  template <typename F>
  struct Holder final : Base {
    template <typename G>
    explicit Holder(G &&g) : fn(std::forward<G>(g)) {}
    R call(Args &&...args) override {
      if constexpr (std::is_void_v<R>)
        std::invoke(fn, std::forward<Args>(args)...);  // a result is discarded, as std::function does
      else
        return std::invoke(fn, std::forward<Args>(args)...);
    }
    F fn;
  };
  std::unique_ptr<Base> impl_;
};

// ---------------------------------------------------------------- errors

/// A failed call: the status and the details of the C library's am_error.
/// what() is the library's human-readable message. Copies are cheap and never
/// throw (the details are shared).
class Error : public std::runtime_error {
 public:
  /// Adopts `err` (which may be NULL): copies its details, then frees it.
  /// @param status the failing call's status (err's own status wins when err is not NULL)
  /// @param err the error to adopt, or NULL
  Error(am_status status, am_error *err) : Error(status, detail::ErrorHandle(err)) {}
  /// An error raised by this wrapper itself (no HTTP details).
  /// @param status the status
  /// @param message what() returns
  Error(am_status status, const std::string &message)
      : std::runtime_error(message), d_(std::make_shared<Details>()) {
    d_->status = status;
  }

  /// The error's category.
  /// @return the status (never AM_OK)
  am_status status() const noexcept { return d_->status; }
  /// A short name for status().
  /// @return e.g. "not_found"
  std::string_view status_name() const noexcept { return am_status_name(d_->status); }
  /// The HTTP status of the failing response.
  /// @return e.g. 404; 0 when there was none
  std::int32_t http_status() const noexcept { return d_->http_status; }
  /// The API's error type.
  /// @return e.g. "not_found_error", or nullopt
  const std::optional<std::string> &type() const noexcept { return d_->type; }
  /// The failing response's `request-id` header.
  /// @return the id, or nullopt
  const std::optional<std::string> &request_id() const noexcept { return d_->request_id; }
  /// HTTP attempts made, retries included.
  /// @return the count; 0 when nothing was sent
  std::int32_t attempts() const noexcept { return d_->attempts; }
  /// The delay the server asked for.
  /// @return milliseconds, or nullopt when it asked for none
  std::optional<std::int64_t> retry_after_ms() const noexcept {
    return d_->retry_after_ms >= 0 ? std::optional<std::int64_t>(d_->retry_after_ms) : std::nullopt;
  }

 private:
  struct Details {
    am_status status = AM_OK;
    std::int32_t http_status = 0;
    std::optional<std::string> type;
    std::optional<std::string> request_id;
    std::int32_t attempts = 0;
    std::int64_t retry_after_ms = -1;
  };

  static std::string message_of(am_status status, const am_error *err) {
    const char *m = err ? am_error_message(err) : nullptr;
    return m ? std::string(m) : std::string(am_status_name(status));
  }

  Error(am_status status, detail::ErrorHandle err)
      : std::runtime_error(message_of(status, err.get())), d_(std::make_shared<Details>()) {
    d_->status = status;
    if (const am_error *e = err.get()) {
      d_->status = am_error_status(e);
      d_->http_status = am_error_http_status(e);
      d_->type = detail::opt_string(am_error_type(e));
      d_->request_id = detail::opt_string(am_error_request_id(e));
      d_->attempts = am_error_attempts(e);
      d_->retry_after_ms = am_error_retry_after_ms(e);
    }
  }

  std::shared_ptr<Details> d_;
};

/// @cond AM_INTERNAL
namespace detail {

// Calls fn(args..., &err) and throws Error unless it returned AM_OK.
template <typename Fn, typename... Args>
void call(Fn fn, Args... args) {
  am_error *err = nullptr;
  am_status st = fn(args..., &err);
  if (st != AM_OK) throw Error(st, err);
  am_error_free(err);
}

// A NUL-terminated copy; a NUL inside would silently truncate the value in C.
inline std::string c_string(std::string_view v, const char *what) {
  if (v.find('\0') != std::string_view::npos)
    throw Error(AM_ERR_INVALID_ARGUMENT, std::string(what) + " contains a NUL byte");
  return std::string(v);
}

// Calls a string setter: nullopt passes NULL (resets the setting).
template <typename Fn, typename H>
void set_string(Fn fn, H *h, const std::optional<std::string_view> &v, const char *what) {
  if (!v) return call(fn, h, static_cast<const char *>(nullptr));
  std::string s = c_string(*v, what);
  call(fn, h, s.c_str());
}

inline std::int64_t to_ms(std::chrono::milliseconds d) noexcept {
  return std::chrono::duration_cast<std::chrono::duration<std::int64_t, std::milli>>(d).count();
}

}  // namespace detail
/// @endcond

// ---------------------------------------------------------------- options

/// Client configuration.
///
/// Unset settings fall back to the environment (ANTHROPIC_API_KEY,
/// ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL; see ignore_env()) and then to
/// built-in defaults. String setters copy; passing std::nullopt resets a
/// setting to "unset". Every setter throws Error when the library refuses the
/// value. Setters chain on lvalues and on temporaries (each has an rvalue
/// overload returning `Options&&`):
/// @code
/// auto opts = Options().ignore_env().api_key(key);
/// @endcode
/// Not for use from two threads at once; a Client copies its options.
class Options {
 public:
  /// Options with every setting unset.
  /// @throws std::bad_alloc when out of memory
  Options() : h_(am_options_new()) {
    if (!h_) throw std::bad_alloc();
  }

  /// Sets the API key, sent as `x-api-key`.
  /// @param key the key; nullopt unsets
  /// @return *this
  Options &api_key(std::optional<std::string_view> key) & {
    detail::set_string(am_options_set_api_key, h_.get(), key, "api key");
    return *this;
  }
  /// Sets an OAuth token, sent as `Authorization: Bearer <token>`.
  /// @param token the token; nullopt unsets
  /// @return *this
  Options &auth_token(std::optional<std::string_view> token) & {
    detail::set_string(am_options_set_auth_token, h_.get(), token, "auth token");
    return *this;
  }
  /// Sets the API's base URL (default https://api.anthropic.com).
  /// @param url an http:// or https:// URL; nullopt unsets
  /// @return *this
  Options &base_url(std::optional<std::string_view> url) & {
    detail::set_string(am_options_set_base_url, h_.get(), url, "base url");
    return *this;
  }
  /// Sets the `anthropic-version` header (default "2023-06-01").
  /// @param v the version; nullopt unsets
  /// @return *this
  Options &api_version(std::optional<std::string_view> v) & {
    detail::set_string(am_options_set_api_version, h_.get(), v, "api version");
    return *this;
  }
  /// Appends a beta name (all go out as one `anthropic-beta` header).
  /// @param beta the beta's name
  /// @return *this
  Options &add_beta(std::string_view beta) & {
    detail::set_string(am_options_add_beta, h_.get(), beta, "beta");
    return *this;
  }
  /// Removes every beta added so far.
  /// @return *this
  Options &clear_betas() & noexcept {
    am_options_clear_betas(h_.get());
    return *this;
  }
  /// Sets the `anthropic-workspace-id` header.
  /// @param id the workspace id; nullopt unsets
  /// @return *this
  Options &workspace_id(std::optional<std::string_view> id) & {
    detail::set_string(am_options_set_workspace_id, h_.get(), id, "workspace id");
    return *this;
  }
  /// Adds an extra request header (credentials and managed headers are refused).
  /// @param name an HTTP token
  /// @param value the value, without CR, LF or NUL
  /// @return *this
  Options &add_header(std::string_view name, std::string_view value) & {
    std::string n = detail::c_string(name, "header name"), v = detail::c_string(value, "header value");
    detail::call(am_options_add_header, h_.get(), n.c_str(), v.c_str());
    return *this;
  }
  /// Sets the timeout of each attempt (default 60 s).
  /// @param t the timeout; 0 = none
  /// @return *this
  Options &timeout(std::chrono::milliseconds t) & {
    detail::call(am_options_set_timeout_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  /// Sets the connect timeout (default 10 s).
  /// @param t the timeout; 0 = libcurl's default
  /// @return *this
  Options &connect_timeout(std::chrono::milliseconds t) & {
    detail::call(am_options_set_connect_timeout_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  /// Sets the overall deadline of one call, retries included (default none).
  /// @param t the deadline; 0 = none
  /// @return *this
  Options &deadline(std::chrono::milliseconds t) & {
    detail::call(am_options_set_deadline_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  /// Sets the retries after the first attempt (default 2).
  /// @param retries 0..100
  /// @return *this
  Options &max_retries(std::int32_t retries) & {
    detail::call(am_options_set_max_retries, h_.get(), retries);
    return *this;
  }
  /// Sets the longest server-requested delay that is honoured (default 60 s).
  /// @param t the cap
  /// @return *this
  Options &retry_after_cap(std::chrono::milliseconds t) & {
    detail::call(am_options_set_retry_after_cap_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  /// Sets the proxy.
  /// @param url a proxy URL; "" disables proxies; nullopt: the usual proxy
  ///        variables apply
  /// @return *this
  Options &proxy(std::optional<std::string_view> url) & {
    detail::set_string(am_options_set_proxy, h_.get(), url, "proxy");
    return *this;
  }
  /// Sets a PEM CA bundle to verify servers with.
  /// @param path the file; nullopt: the system's CAs
  /// @return *this
  Options &ca_bundle(std::optional<std::string_view> path) & {
    detail::set_string(am_options_set_ca_bundle, h_.get(), path, "ca bundle path");
    return *this;
  }
  /// Sets the largest response body accepted (default 32 MiB).
  /// @param bytes at least 1024
  /// @return *this
  Options &max_response_bytes(std::int64_t bytes) & {
    detail::call(am_options_set_max_response_bytes, h_.get(), bytes);
    return *this;
  }
  /// Sets a suffix appended to the User-Agent header.
  /// @param suffix the suffix; nullopt unsets
  /// @return *this
  Options &user_agent_suffix(std::optional<std::string_view> suffix) & {
    detail::set_string(am_options_set_user_agent_suffix, h_.get(), suffix, "user agent suffix");
    return *this;
  }
  /// Ignores the ANTHROPIC_* environment variables.
  /// @param ignore true: ignore them
  /// @return *this
  Options &ignore_env(bool ignore = true) & noexcept {
    am_options_set_ignore_env(h_.get(), ignore ? 1 : 0);
    return *this;
  }
  /// Makes every request of the client use the beta variant (`?beta=true`).
  /// @param beta true: use it
  /// @return *this
  Options &beta_variant(bool beta = true) & noexcept {
    am_options_set_beta_variant(h_.get(), beta ? 1 : 0);
    return *this;
  }
  /// Chooses whether the client calls curl_global_init / curl_global_cleanup.
  /// @param enabled false: leave them to the host
  /// @return *this
  Options &curl_global_init(bool enabled) & noexcept {
    am_options_set_curl_global_init(h_.get(), enabled ? 1 : 0);
    return *this;
  }
  /// Runs callbacks on the client's worker thread instead of in
  /// Client::dispatch(): they must be quick and must not block on the client
  /// or destroy it.
  /// @param on_worker true: on the worker thread
  /// @return *this
  Options &callbacks_on_worker(bool on_worker = true) & noexcept {
    am_options_set_callbacks_on_worker(h_.get(), on_worker ? 1 : 0);
    return *this;
  }
  /// Turns on the in-memory cache of list_all() and get(): an answer younger
  /// than the TTL is served without a request. With any cache setting on,
  /// identical concurrent list_all / get calls share one request.
  /// @param ttl 0 (the default: no memory cache) to 30 days; the API's guide
  ///        suggests an hour
  /// @return *this
  /// @throws Error (AM_ERR_INVALID_ARGUMENT) when out of range
  Options &cache_ttl(std::chrono::milliseconds ttl) & {
    detail::call(am_options_set_cache_ttl_ms, h_.get(), detail::to_ms(ttl));
    return *this;
  }
  /// Turns on the disk cache: the last good full listing per cache key is
  /// kept in this directory (created 0700 by the Client), served while
  /// younger than the TTL, and returned marked stale when a refresh fails.
  /// @param dir a directory path; nullopt turns the disk cache off
  /// @return *this
  /// @throws Error (AM_ERR_INVALID_ARGUMENT) for an empty or too long path;
  ///         a path that cannot be used as a directory fails in the Client
  Options &cache_dir(std::optional<std::string_view> dir) & {
    detail::set_string(am_options_set_cache_dir, h_.get(), dir, "cache dir");
    return *this;
  }
  /// Serves an expired cached answer at once (marked stale) while one
  /// background request refreshes it. Needs a cache_ttl().
  /// @param enabled true: serve while revalidating
  /// @return *this
  Options &cache_stale_while_revalidate(bool enabled = true) & noexcept {
    am_options_set_cache_stale_while_revalidate(h_.get(), enabled ? 1 : 0);
    return *this;
  }
  /// Offline mode: list_all() and get() answer from the cache only (an answer
  /// past its TTL is marked stale) and nothing is ever sent; when nothing
  /// cached answers, calls throw Error with AM_ERR_NOT_CACHED (list() always does).
  /// @param enabled true: never touch the network
  /// @return *this
  Options &offline(bool enabled = true) & noexcept {
    am_options_set_offline(h_.get(), enabled ? 1 : 0);
    return *this;
  }

  /// @cond AM_INTERNAL
  // The same setters on temporaries, so a chain can initialise a variable.
  Options &&api_key(std::optional<std::string_view> v) && { return std::move(api_key(v)); }
  Options &&auth_token(std::optional<std::string_view> v) && { return std::move(auth_token(v)); }
  Options &&base_url(std::optional<std::string_view> v) && { return std::move(base_url(v)); }
  Options &&api_version(std::optional<std::string_view> v) && { return std::move(api_version(v)); }
  Options &&add_beta(std::string_view v) && { return std::move(add_beta(v)); }
  Options &&clear_betas() && noexcept { return std::move(clear_betas()); }
  Options &&workspace_id(std::optional<std::string_view> v) && { return std::move(workspace_id(v)); }
  Options &&add_header(std::string_view n, std::string_view v) && { return std::move(add_header(n, v)); }
  Options &&timeout(std::chrono::milliseconds t) && { return std::move(timeout(t)); }
  Options &&connect_timeout(std::chrono::milliseconds t) && { return std::move(connect_timeout(t)); }
  Options &&deadline(std::chrono::milliseconds t) && { return std::move(deadline(t)); }
  Options &&max_retries(std::int32_t r) && { return std::move(max_retries(r)); }
  Options &&retry_after_cap(std::chrono::milliseconds t) && { return std::move(retry_after_cap(t)); }
  Options &&proxy(std::optional<std::string_view> v) && { return std::move(proxy(v)); }
  Options &&ca_bundle(std::optional<std::string_view> v) && { return std::move(ca_bundle(v)); }
  Options &&max_response_bytes(std::int64_t b) && { return std::move(max_response_bytes(b)); }
  Options &&user_agent_suffix(std::optional<std::string_view> v) && { return std::move(user_agent_suffix(v)); }
  Options &&ignore_env(bool b = true) && noexcept { return std::move(ignore_env(b)); }
  Options &&beta_variant(bool b = true) && noexcept { return std::move(beta_variant(b)); }
  Options &&curl_global_init(bool b) && noexcept { return std::move(curl_global_init(b)); }
  Options &&callbacks_on_worker(bool b = true) && noexcept { return std::move(callbacks_on_worker(b)); }
  Options &&cache_ttl(std::chrono::milliseconds t) && { return std::move(cache_ttl(t)); }
  Options &&cache_dir(std::optional<std::string_view> v) && { return std::move(cache_dir(v)); }
  Options &&cache_stale_while_revalidate(bool b = true) && noexcept {
    return std::move(cache_stale_while_revalidate(b));
  }
  Options &&offline(bool b = true) && noexcept { return std::move(offline(b)); }
  /// @endcond

  /// The underlying C handle (still owned by this object).
  /// @return the handle; NULL for a moved-from object
  const am_options *handle() const noexcept { return h_.get(); }
  /// The underlying C handle (still owned by this object), for C setters.
  /// @return the handle; NULL for a moved-from object
  am_options *handle() noexcept { return h_.get(); }
  /// Tells whether this object holds a handle.
  /// @return false for a moved-from object
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_options, am_options_free> h_;
};

// ---------------------------------------------------------------- list params

/// Parameters of Client::list and Client::list_all.
///
/// Setters throw Error on bad values and chain on lvalues and temporaries
/// (each has an rvalue overload returning `ListParams&&`). Not for use from
/// two threads at once; a call copies what it needs.
class ListParams {
 public:
  /// Parameters with every setting unset.
  /// @throws std::bad_alloc when out of memory
  ListParams() : h_(am_list_params_new()) {
    if (!h_) throw std::bad_alloc();
  }

  /// Sets the page size (default: the server's 20 for list, 1000 for list_all).
  /// @param n 1..1000
  /// @return *this
  ListParams &limit(std::int32_t n) & {
    detail::call(am_list_params_set_limit, h_.get(), n);
    return *this;
  }
  /// Sets the `after_id` cursor (exclusive with before_id: setting both fails
  /// at call time).
  /// @param id a model id; nullopt clears
  /// @return *this
  ListParams &after_id(std::optional<std::string_view> id) & {
    detail::set_string(am_list_params_set_after_id, h_.get(), id, "after_id");
    return *this;
  }
  /// Sets the `before_id` cursor (exclusive with after_id).
  /// @param id a model id; nullopt clears
  /// @return *this
  ListParams &before_id(std::optional<std::string_view> id) & {
    detail::set_string(am_list_params_set_before_id, h_.get(), id, "before_id");
    return *this;
  }
  /// Adds a lifecycle filter.
  /// @param stage "active", "deprecated", "retired" (or a newer stage)
  /// @return *this
  ListParams &lifecycle(std::string_view stage) & {
    detail::set_string(am_list_params_add_lifecycle, h_.get(), stage, "lifecycle");
    return *this;
  }
  /// Uses the beta variant (`?beta=true`) for this call.
  /// @param b true: use it
  /// @return *this
  ListParams &beta(bool b = true) & noexcept {
    am_list_params_set_beta(h_.get(), b ? 1 : 0);
    return *this;
  }
  /// Sets the page cap: list_all fails with AM_ERR_PAGINATION after this many pages.
  /// @param n 1..1000000 (default 1000)
  /// @return *this
  ListParams &max_pages(std::int32_t n) & {
    detail::call(am_list_params_set_max_pages, h_.get(), n);
    return *this;
  }
  /// Makes list_all() bypass the client's cache for this call: it fetches and
  /// repopulates the cache. No effect without a cache, nor offline.
  /// @param r true: fetch and repopulate
  /// @return *this
  ListParams &refresh(bool r = true) & noexcept {
    am_list_params_set_refresh(h_.get(), r ? 1 : 0);
    return *this;
  }

  /// @cond AM_INTERNAL
  ListParams &&limit(std::int32_t n) && { return std::move(limit(n)); }
  ListParams &&after_id(std::optional<std::string_view> id) && { return std::move(after_id(id)); }
  ListParams &&before_id(std::optional<std::string_view> id) && { return std::move(before_id(id)); }
  ListParams &&lifecycle(std::string_view s) && { return std::move(lifecycle(s)); }
  ListParams &&beta(bool b = true) && noexcept { return std::move(beta(b)); }
  ListParams &&max_pages(std::int32_t n) && { return std::move(max_pages(n)); }
  ListParams &&refresh(bool r = true) && noexcept { return std::move(refresh(r)); }
  /// @endcond

  /// The underlying C handle (still owned by this object).
  /// @return the handle; NULL for a moved-from object
  const am_list_params *handle() const noexcept { return h_.get(); }
  /// The underlying C handle (still owned by this object), for C setters.
  /// @return the handle; NULL for a moved-from object
  am_list_params *handle() noexcept { return h_.get(); }
  /// Tells whether this object holds a handle.
  /// @return false for a moved-from object
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_list_params, am_list_params_free> h_;
};

// ---------------------------------------------------------------- models

class Model;

/// Implementation details; only ModelAccessors appears in the interface (as
/// the base class of Model and ModelView).
namespace detail {

/// The accessors shared by Model and ModelView (CRTP over
/// `const am_model *handle()`). Strings are borrowed from the model; absent
/// values are std::nullopt. All may be called from any number of threads.
/// @tparam Derived Model or ModelView
template <typename Derived>
class ModelAccessors {
 public:
  /// The canonical id.
  /// @return e.g. "claude-sonnet-4-5-20250929"; empty for an empty handle
  std::string_view id() const noexcept {
    const char *s = am_model_id(m());
    return s ? std::string_view(s) : std::string_view();
  }
  /// The human-readable name.
  /// @return e.g. "Claude Sonnet 4.5", or nullopt
  std::optional<std::string_view> display_name() const noexcept { return opt_view(am_model_display_name(m())); }
  /// The object type.
  /// @return "model", or nullopt
  std::optional<std::string_view> type() const noexcept { return opt_view(am_model_type(m())); }
  /// When the model was released.
  /// @return the RFC 3339 string as sent, or nullopt
  std::optional<std::string_view> created_at() const noexcept { return opt_view(am_model_created_at(m())); }
  /// When the model was released, as Unix time.
  /// @return Unix seconds; nullopt when absent, unparsable or the epoch ("unknown")
  std::optional<std::int64_t> created_at_unix() const noexcept {
    std::int64_t v = 0;
    return am_model_created_at_unix(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  /// The maximum input tokens.
  /// @return the number, or nullopt when the server did not send it
  std::optional<std::int64_t> max_input_tokens() const noexcept {
    std::int64_t v = 0;
    return am_model_max_input_tokens(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  /// The maximum output tokens.
  /// @return the number, or nullopt when the server did not send it
  std::optional<std::int64_t> max_tokens() const noexcept {
    std::int64_t v = 0;
    return am_model_max_tokens(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  /// The lifecycle stage.
  /// @return "active", "deprecated", "retired" (or newer), or nullopt
  std::optional<std::string_view> lifecycle() const noexcept { return opt_view(am_model_lifecycle(m())); }
  /// The model's line.
  /// @return "haiku", "sonnet", "opus", ..., or nullopt
  std::optional<std::string_view> line() const noexcept { return opt_view(am_model_line(m())); }
  /// When the model was deprecated.
  /// @return the RFC 3339 string as sent, or nullopt
  std::optional<std::string_view> deprecated_at() const noexcept { return opt_view(am_model_deprecated_at(m())); }
  /// When the model retires.
  /// @return the RFC 3339 string as sent, or nullopt
  std::optional<std::string_view> retires_at() const noexcept { return opt_view(am_model_retires_at(m())); }
  /// When the model was deprecated, as Unix time.
  /// @return Unix seconds; nullopt when absent, unparsable or the epoch
  std::optional<std::int64_t> deprecated_at_unix() const noexcept {
    std::int64_t v = 0;
    return am_model_deprecated_at_unix(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  /// When the model retires, as Unix time.
  /// @return Unix seconds; nullopt when absent, unparsable or the epoch
  std::optional<std::int64_t> retires_at_unix() const noexcept {
    std::int64_t v = 0;
    return am_model_retires_at_unix(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  /// The model object as JSON, with every field the server sent.
  /// @return the JSON; empty for an empty handle
  /// @throws std::bad_alloc when out of memory
  std::string_view json() const {
    const char *s = am_model_json(m());
    if (!s && m()) throw std::bad_alloc();
    return s ? std::string_view(s) : std::string_view();
  }

  /// Whether the model supports a known capability.
  /// @param cap the capability
  /// @return Yes, No, or Unknown when the server did not say
  Support supports(am_capability cap) const noexcept { return to_support(am_model_supports(m(), cap)); }
  /// Whether the model supports any capability, by dotted path below
  /// `capabilities` ("effort.xhigh"), including ones newer than this release.
  /// @param dotted_path the path
  /// @return Yes, No, or Unknown when the server did not say
  Support supports(std::string_view dotted_path) const {
    if (dotted_path.find('\0') != std::string_view::npos) return Support::Unknown;
    return to_support(am_model_supports_path(m(), std::string(dotted_path).c_str()));
  }
  /// The supported effort levels.
  /// @return "low", "medium", "high", "max", "xhigh", then newer ones
  std::vector<std::string_view> effort_levels() const {
    return names(am_model_effort_level_count, am_model_effort_level_at);
  }
  /// The supported thinking types.
  /// @return "adaptive", "enabled", "disabled", "between_tools", then newer ones
  std::vector<std::string_view> thinking_types() const {
    return names(am_model_thinking_type_count, am_model_thinking_type_at);
  }

  /// Every capability the server reported (newer ones too), groups before
  /// their members, in the server's order.
  /// @return (dotted path, support) pairs; empty when the server sent none
  std::vector<std::pair<std::string_view, Support>> capabilities() const {
    std::vector<std::pair<std::string_view, Support>> out;
    const std::size_t n = am_model_capability_count(m());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (const char *p = am_model_capability_path_at(m(), i))
        out.emplace_back(p, to_support(am_model_capability_support_at(m(), i)));
    return out;
  }

  /// An owned handle to the same immutable model, outliving its list.
  /// @return the model; empty for an empty handle
  /// @throws std::bad_alloc when out of memory
  inline Model clone() const;

  /// @cond AM_INTERNAL
 protected:
  ModelAccessors() noexcept = default;
  ModelAccessors(const ModelAccessors &) noexcept = default;
  ModelAccessors(ModelAccessors &&) noexcept = default;
  ModelAccessors &operator=(const ModelAccessors &) noexcept = default;
  ModelAccessors &operator=(ModelAccessors &&) noexcept = default;
  ~ModelAccessors() = default;
  /// @endcond

 private:
  const am_model *m() const noexcept { return static_cast<const Derived &>(*this).handle(); }

  template <typename Count, typename At>
  std::vector<std::string_view> names(Count count, At at) const {
    std::vector<std::string_view> out;
    const std::size_t n = count(m());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (const char *s = at(m(), i)) out.emplace_back(s);
    return out;
  }
};

}  // namespace detail

/// An owned model (from Client::get, take_model or clone). Copies share the
/// same immutable model (am_model_clone); a moved-from Model is empty.
class Model : public detail::ModelAccessors<Model> {
 public:
  /// An empty model.
  Model() noexcept = default;
  /// Adopts a handle from am_model_get / am_model_clone / am_request_take_model.
  /// @param adopt the handle, freed by this object
  explicit Model(am_model *adopt) noexcept : h_(adopt) {}
  /// Shares o's model.
  /// @param o the model to copy
  /// @throws std::bad_alloc when out of memory
  Model(const Model &o) : detail::ModelAccessors<Model>(o), h_(o.h_ ? am_model_clone(o.h_.get()) : nullptr) {
    if (o.h_ && !h_) throw std::bad_alloc();
  }
  /// Shares o's model (releasing this one's).
  /// @param o the model to copy
  /// @return *this
  /// @throws std::bad_alloc when out of memory
  Model &operator=(const Model &o) {
    if (this != &o) *this = Model(o);
    return *this;
  }
  /// Takes o's model, leaving it empty.
  /// @param o the model to move from
  Model(Model &&o) noexcept = default;
  /// Takes o's model (releasing this one's), leaving it empty.
  /// @param o the model to move from
  /// @return *this
  Model &operator=(Model &&o) noexcept = default;
  /// Releases the model.
  ~Model() = default;

  /// The underlying C handle (still owned by this object).
  /// @return the handle; NULL when empty
  const am_model *handle() const noexcept { return h_.get(); }
  /// Gives up ownership: the caller frees the handle with am_model_free().
  /// @return the handle; NULL when empty
  [[nodiscard]] am_model *release() noexcept { return h_.release(); }
  /// Tells whether this object holds a model.
  /// @return false when empty
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_model, am_model_free> h_;
};

/// A borrowed model: valid while the ModelList (or Model) it came from lives.
class ModelView : public detail::ModelAccessors<ModelView> {
 public:
  /// An empty view.
  ModelView() noexcept = default;
  /// Borrows a C model.
  /// @param m the model (may be NULL), which must outlive the view
  explicit ModelView(const am_model *m) noexcept : m_(m) {}
  /// Borrows an owned model, which must outlive the view.
  /// @param m the model
  ModelView(const Model &m) noexcept : m_(m.handle()) {}  // NOLINT: implicit on purpose
  /// Deleted: the view would dangle once the temporary freed its model.
  ModelView(Model &&) = delete;

  /// The borrowed C handle.
  /// @return the handle; NULL when empty
  const am_model *handle() const noexcept { return m_; }
  /// Tells whether this view refers to a model.
  /// @return false when empty
  explicit operator bool() const noexcept { return m_ != nullptr; }

 private:
  const am_model *m_ = nullptr;
};

/// @cond AM_INTERNAL
template <typename Derived>
Model detail::ModelAccessors<Derived>::clone() const {
  if (!m()) return Model();
  am_model *c = am_model_clone(m());
  if (!c) throw std::bad_alloc();
  return Model(c);
}
/// @endcond

/// One page (Client::list) or every page (Client::list_all) of models,
/// newest first. Immutable: readable from any number of threads.
class ModelList {
 public:
  /// Random-access iterator over ModelView values (a proxy iterator:
  /// dereferencing yields a ModelView by value).
  class iterator {
   public:
    /// @cond AM_INTERNAL
    using iterator_category = std::random_access_iterator_tag;
    using value_type = ModelView;
    using difference_type = std::ptrdiff_t;
    using reference = ModelView;
    struct pointer {
      ModelView v;
      const ModelView *operator->() const noexcept { return &v; }
    };

    iterator() noexcept = default;
    iterator(const am_model_list *l, std::size_t i) noexcept : l_(l), i_(i) {}

    ModelView operator*() const noexcept { return ModelView(am_model_list_at(l_, i_)); }
    pointer operator->() const noexcept { return pointer{**this}; }
    ModelView operator[](difference_type n) const noexcept { return *(*this + n); }

    iterator &operator++() noexcept { ++i_; return *this; }
    iterator operator++(int) noexcept { iterator t = *this; ++i_; return t; }
    iterator &operator--() noexcept { --i_; return *this; }
    iterator operator--(int) noexcept { iterator t = *this; --i_; return t; }
    iterator &operator+=(difference_type n) noexcept {
      i_ = static_cast<std::size_t>(static_cast<difference_type>(i_) + n);
      return *this;
    }
    iterator &operator-=(difference_type n) noexcept { return *this += -n; }
    friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
    friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
    friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
    friend difference_type operator-(const iterator &a, const iterator &b) noexcept {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const iterator &a, const iterator &b) noexcept { return a.l_ == b.l_ && a.i_ == b.i_; }
    friend bool operator!=(const iterator &a, const iterator &b) noexcept { return !(a == b); }
    friend bool operator<(const iterator &a, const iterator &b) noexcept { return a.i_ < b.i_; }
    friend bool operator>(const iterator &a, const iterator &b) noexcept { return b < a; }
    friend bool operator<=(const iterator &a, const iterator &b) noexcept { return !(b < a); }
    friend bool operator>=(const iterator &a, const iterator &b) noexcept { return !(a < b); }
    /// @endcond

   private:
    const am_model_list *l_ = nullptr;
    std::size_t i_ = 0;
  };
  using const_iterator = iterator;  ///< the list is immutable: the same iterator
  using value_type = ModelView;     ///< what the iterators yield
  using size_type = std::size_t;    ///< the type of size()
  using difference_type = std::ptrdiff_t;  ///< the iterators' difference type

  /// An empty list (no handle).
  ModelList() noexcept = default;
  /// Adopts a handle from am_models_list / am_models_list_all / am_request_take_list.
  /// @param adopt the handle, freed by this object
  explicit ModelList(am_model_list *adopt) noexcept : h_(adopt) {}

  /// The number of models.
  /// @return the count; 0 when empty
  std::size_t size() const noexcept { return am_model_list_count(h_.get()); }
  /// Tells whether there are no models.
  /// @return size() == 0
  bool empty() const noexcept { return size() == 0; }
  /// A model, unchecked: i < size() is the caller's duty (out of range gives
  /// an empty view).
  /// @param i the index
  /// @return a view valid while the list lives
  ModelView operator[](std::size_t i) const noexcept { return ModelView(am_model_list_at(h_.get(), i)); }
  /// A model, checked.
  /// @param i the index
  /// @return a view valid while the list lives
  /// @throws std::out_of_range when i >= size()
  ModelView at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("anthropic_models::ModelList::at: index out of range");
    return (*this)[i];
  }
  /// The first (newest) model; an empty view when the list is empty.
  /// @return a view valid while the list lives
  ModelView front() const noexcept { return (*this)[0]; }
  /// The last (oldest) model; the list must not be empty.
  /// @return a view valid while the list lives
  ModelView back() const noexcept { return (*this)[size() - 1]; }
  /// The first position.
  /// @return an iterator to the newest model
  iterator begin() const noexcept { return iterator(h_.get(), 0); }
  /// The position past the last model.
  /// @return the end iterator
  iterator end() const noexcept { return iterator(h_.get(), size()); }

  /// The page's `first_id` (list_all: the first model's id).
  /// @return the id, or nullopt
  std::optional<std::string_view> first_id() const noexcept { return detail::opt_view(am_model_list_first_id(h_.get())); }
  /// The page's `last_id` (list_all: the last model's id).
  /// @return the id, or nullopt
  std::optional<std::string_view> last_id() const noexcept { return detail::opt_view(am_model_list_last_id(h_.get())); }
  /// Tells whether more pages follow.
  /// @return the page's `has_more`; always false for list_all
  bool has_more() const noexcept { return am_model_list_has_more(h_.get()) != 0; }

  /// Tells whether the list was answered from the client's cache (memory or
  /// disk) rather than by a request made for this call.
  /// @return true when from the cache
  bool from_cache() const noexcept { return am_model_list_from_cache(h_.get()) != 0; }
  /// Tells whether a cached list is past its TTL: served because a refresh
  /// failed, while revalidating, or offline.
  /// @return true when stale
  bool is_stale() const noexcept { return am_model_list_is_stale(h_.get()) != 0; }
  /// The age of the list's data: the time since the server sent it, as it
  /// was when the call was answered.
  /// @return 0 for an answer fetched for this call
  std::chrono::milliseconds age() const noexcept { return std::chrono::milliseconds(am_model_list_age_ms(h_.get())); }

  /// @name Selection
  /// Filters, ordering and lookups that send no request and leave this list
  /// unchanged. A filter returns a new list sharing these models (their order
  /// kept unless it sorts), with has_more() false, first_id() / last_id() of
  /// its own models, and this list's from_cache(), is_stale() and age(). On
  /// an empty (moved-from) ModelList they throw Error (AM_ERR_INVALID_ARGUMENT).
  /// Lookups return a view borrowed from this list.
  /// @{

  /// Keeps the models that support every capability path: only Support::Yes
  /// counts (models listed without capabilities are Unknown, so dropped).
  /// @param paths dotted paths, e.g. {"image_input", "thinking.types.adaptive"};
  ///        none keeps every model
  /// @return the new list
  /// @throws Error (AM_ERR_INVALID_ARGUMENT) for an empty or malformed path
  ///         ("", ".a", "a..b", blanks, commas, a NUL byte)
  ModelList select_supported(std::initializer_list<std::string_view> paths) const {
    return select_supported_in(paths.begin(), paths.end());
  }
  /// Keeps the models that support every capability path (see above).
  /// @param paths dotted paths
  /// @return the new list
  /// @throws Error (AM_ERR_INVALID_ARGUMENT) for an empty or malformed path
  ModelList select_supported(const std::vector<std::string_view> &paths) const {
    return select_supported_in(paths.begin(), paths.end());
  }
  /// Keeps the models that support every capability path (see above).
  /// @param paths dotted paths
  /// @return the new list
  /// @throws Error (AM_ERR_INVALID_ARGUMENT) for an empty or malformed path
  ModelList select_supported(const std::vector<std::string> &paths) const {
    return select_supported_in(paths.begin(), paths.end());
  }
  /// Keeps the models in one lifecycle stage.
  /// @param stage e.g. "active", "deprecated", "retired"
  /// @return the new list
  /// @throws Error (AM_ERR_INVALID_ARGUMENT) for a NUL byte in stage
  ModelList select_lifecycle(std::string_view stage) const {
    return select_by(am_model_list_select_lifecycle, stage, "lifecycle stage");
  }
  /// Keeps the models of one line.
  /// @param line e.g. "opus", "sonnet", "haiku"
  /// @return the new list
  /// @throws Error (AM_ERR_INVALID_ARGUMENT) for a NUL byte in line
  ModelList select_line(std::string_view line) const { return select_by(am_model_list_select_line, line, "line"); }
  /// Keeps the models with a known retirement date strictly before a time:
  /// the deprecation watch the API's guide asks for.
  /// @param t the time
  /// @return the new list
  ModelList select_retiring_before(std::chrono::system_clock::time_point t) const {
    // Retirement dates are whole seconds: r < t exactly when r < ceil(t).
    const auto secs = std::chrono::ceil<std::chrono::seconds>(t.time_since_epoch()).count();
    am_model_list *out = nullptr;
    detail::call(am_model_list_select_retiring_before, h_.get(), static_cast<std::int64_t>(secs), &out);
    return ModelList(out);
  }
  /// Orders the models by created_at (stable; models without a readable date
  /// last, in both directions).
  /// @param newest_first true: newest first, else oldest first
  /// @return the new list
  ModelList sort_by_created(bool newest_first = true) const {
    am_model_list *out = nullptr;
    detail::call(am_model_list_sort_by_created, h_.get(), static_cast<std::int32_t>(newest_first ? 1 : 0), &out);
    return ModelList(out);
  }
  /// Finds a model by id, else by an alias-like prefix: the newest model
  /// whose id starts with the prefix followed by '-' ("claude-sonnet-4-5"
  /// finds "claude-sonnet-4-5-20250929", never "claude-sonnet-4-50").
  /// @param id_or_prefix the id or prefix
  /// @return a view valid while the list lives; nullopt when none matches
  ///         (always for "" or a string with a NUL byte)
  std::optional<ModelView> find(std::string_view id_or_prefix) const {
    if (id_or_prefix.empty() || id_or_prefix.find('\0') != std::string_view::npos) return std::nullopt;
    return view_or_none(am_model_list_find(h_.get(), std::string(id_or_prefix).c_str()));
  }
  /// The newest model (latest created_at; ties keep list order), of one line
  /// or of any.
  /// @param line e.g. "opus"; nullopt for any line
  /// @return a view valid while the list lives; nullopt when none matches
  std::optional<ModelView> newest(std::optional<std::string_view> line = std::nullopt) const {
    if (!line) return view_or_none(am_model_list_newest(h_.get(), nullptr));
    if (line->find('\0') != std::string_view::npos) return std::nullopt;
    return view_or_none(am_model_list_newest(h_.get(), std::string(*line).c_str()));
  }
  /// @}

  /// The underlying C handle (still owned by this object).
  /// @return the handle; NULL when empty
  const am_model_list *handle() const noexcept { return h_.get(); }
  /// Gives up ownership: the caller frees the handle with am_model_list_free().
  /// @return the handle; NULL when empty
  [[nodiscard]] am_model_list *release() noexcept { return h_.release(); }
  /// Tells whether this object holds a list.
  /// @return false for a default-constructed or moved-from list
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  static std::optional<ModelView> view_or_none(const am_model *m) noexcept {
    return m ? std::optional<ModelView>(ModelView(m)) : std::nullopt;
  }

  // The C selections taking one string argument.
  template <typename Fn>
  ModelList select_by(Fn fn, std::string_view arg, const char *what) const {
    std::string a = detail::c_string(arg, what);
    am_model_list *out = nullptr;
    detail::call(fn, h_.get(), a.c_str(), &out);
    return ModelList(out);
  }

  // Copies the paths NUL-terminated (refusing embedded NULs), then selects.
  template <typename It>
  ModelList select_supported_in(It first, It last) const {
    std::vector<std::string> owned;
    for (; first != last; ++first) owned.push_back(detail::c_string(*first, "capability path"));
    std::vector<const char *> ptrs;
    ptrs.reserve(owned.size());
    for (const std::string &p : owned) ptrs.push_back(p.c_str());
    am_model_list *out = nullptr;
    detail::call(am_model_list_select_supported, h_.get(), static_cast<const char *const *>(ptrs.data()),
                 ptrs.size(), &out);
    return ModelList(out);
  }

  detail::Handle<am_model_list, am_model_list_free> h_;
};

// ---------------------------------------------------------------- requests

/// A borrowed request handle: what a completion callback receives. It does not
/// free the request (the owning Request does). Inside a callback the request
/// has finished; take the result with take_list() / take_model().
class RequestRef {
 public:
  /// An empty reference.
  RequestRef() noexcept = default;
  /// Borrows a C request.
  /// @param r the request (may be NULL)
  explicit RequestRef(am_request *r) noexcept : r_(r) {}

  /// Tells whether the request has finished (its callback may not have been
  /// dispatched yet).
  /// @return true once finished
  bool done() const noexcept { return am_request_done(r_) != 0; }
  /// Finishes it promptly with AM_ERR_CANCELLED; no effect once finished.
  void cancel() const noexcept { am_request_cancel(r_); }
  /// The result of a finished list / list_all request, once.
  /// @return the list
  /// @throws Error with the request's own error, or AM_ERR_INVALID_ARGUMENT
  ///         when it has not finished, is a get, or its result was already taken
  ModelList take_list() const {
    am_model_list *out = nullptr;
    detail::call(am_request_take_list, r_, &out);
    return ModelList(out);
  }
  /// The result of a finished get request, once.
  /// @return the model
  /// @throws Error with the request's own error, or AM_ERR_INVALID_ARGUMENT
  ///         when it has not finished, is a list, or its result was already taken
  Model take_model() const {
    am_model *out = nullptr;
    detail::call(am_request_take_model, r_, &out);
    return Model(out);
  }

  /// The borrowed C handle.
  /// @return the handle; NULL when empty
  am_request *handle() const noexcept { return r_; }
  /// Tells whether this refers to a request.
  /// @return false when empty
  explicit operator bool() const noexcept { return r_ != nullptr; }

 private:
  am_request *r_ = nullptr;
};

/// An asynchronous call in flight or finished; owns its C handle.
///
/// It is `[[nodiscard]]`, like every function returning it, because
/// destroying it frees the handle: a request still in flight is cancelled
/// and its callback never runs, so a discarded result
/// (`client.get_async(id, cb);`) would cancel the call at once. A finished
/// request whose callback has not been dispatched yet drops that callback
/// too: keep the Request until the callback has run.
///
/// A Request may be used and destroyed on any thread, also after its Client
/// was destroyed (it then reads as finished, cancelled if it was in flight).
class [[nodiscard]] Request {
 public:
  /// An empty request.
  Request() noexcept = default;
  /// Adopts a handle from am_models_list_async, am_models_list_all_async or
  /// am_model_get_async.
  /// @param adopt the handle, freed by this object
  explicit Request(am_request *adopt) noexcept : h_(adopt) {}

  /// Tells whether the request has finished. Its callback may not have been
  /// dispatched yet: a loop dispatching until done() stops too early.
  /// @return true once finished
  bool done() const noexcept { return ref().done(); }
  /// Waits for the request to finish (it does not run the callback). On the
  /// client's worker thread (in a worker callback) it does not wait and
  /// returns the current state.
  /// @param timeout the longest wait: negative without limit, 0 just polls
  /// @return true when finished
  bool wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(-1)) const noexcept {
    return am_request_wait(h_.get(), detail::to_ms(timeout)) != 0;
  }
  /// Finishes it promptly with AM_ERR_CANCELLED (its callback still runs);
  /// no effect once finished.
  void cancel() const noexcept { ref().cancel(); }
  /// The result of a finished list / list_all request, once (see RequestRef::take_list).
  /// @return the list
  /// @throws Error as RequestRef::take_list does
  ModelList take_list() const { return ref().take_list(); }
  /// The result of a finished get request, once (see RequestRef::take_model).
  /// @return the model
  /// @throws Error as RequestRef::take_model does
  Model take_model() const { return ref().take_model(); }

  /// A borrowed reference to the same request.
  /// @return the reference
  RequestRef ref() const noexcept { return RequestRef(h_.get()); }
  /// The underlying C handle (still owned by this object).
  /// @return the handle; NULL when empty
  am_request *handle() const noexcept { return h_.get(); }
  /// Gives up ownership: the caller frees the handle with am_request_free().
  /// @return the handle; NULL when empty
  [[nodiscard]] am_request *release() noexcept { return h_.release(); }
  /// Tells whether this object holds a request.
  /// @return false for a default-constructed or moved-from request
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_request, am_request_free> h_;
};

/// A completion callback: runs at most once, with the finished request.
using Callback = UniqueFunction<void(RequestRef)>;
/// A completion notifier (see Client::set_completion_notify).
using NotifyFunction = UniqueFunction<void()>;
/// A log callback (see Client::set_log_callback).
using LogFunction = UniqueFunction<void(LogLevel, std::string_view)>;

/// @cond AM_INTERNAL
namespace detail {

// Shared by a Client and the callbacks it boxed: the first exception thrown by
// a callback or notifier, kept for Client::dispatch().
struct ClientState {
  std::mutex mu;
  std::exception_ptr pending;

  void keep(std::exception_ptr e) noexcept {
    std::lock_guard<std::mutex> lock(mu);
    if (!pending) pending = std::move(e);
  }
  std::exception_ptr take() noexcept {
    std::lock_guard<std::mutex> lock(mu);
    return std::exchange(pending, nullptr);
  }
};

// What the library holds as userdata for one callback or hook.
template <typename Fn>
struct Box {
  Fn fn;
  std::shared_ptr<ClientState> state;
};
template <typename B>
void free_box(void *userdata) noexcept {
  delete static_cast<B *>(userdata);
}

// Calls the boxed function; what it throws is kept for Client::dispatch().
template <typename B, typename... Args>
void invoke_box(void *userdata, Args... args) noexcept {
  auto *box = static_cast<B *>(userdata);
  try {
    box->fn(args...);
  } catch (...) {
    if (box->state) box->state->keep(std::current_exception());
  }
}

using CallbackBox = Box<Callback>;
inline void request_trampoline(am_request *req, void *userdata) noexcept {
  invoke_box<CallbackBox>(userdata, RequestRef(req));
}

using NotifyBox = Box<NotifyFunction>;
inline void notify_trampoline(void *userdata) noexcept { invoke_box<NotifyBox>(userdata); }

using LogBox = Box<LogFunction>;
inline void log_trampoline(am_log_level level, const char *message, void *userdata) noexcept {
  invoke_box<LogBox>(userdata, static_cast<LogLevel>(level),
                     message ? std::string_view(message) : std::string_view());
}

}  // namespace detail
/// @endcond

// ---------------------------------------------------------------- client

/// A client: one worker thread and kept-alive connections.
///
/// The const members may be called from any number of threads at once.
/// Destroying it cancels the requests in flight (their Request objects stay
/// valid and finished) and releases callbacks that never ran; it must not
/// happen inside a callback running on the worker thread, nor while another
/// call on it is in progress.
class Client {
 public:
  /// A client configured from the environment and built-in defaults.
  /// @throws Error when the library refuses the configuration
  Client() : Client(nullptr) {}
  /// A client configured by `opts`.
  /// @param opts the options; copied: they may be destroyed right after
  /// @throws Error when the library refuses the configuration
  explicit Client(const Options &opts) : Client(opts.handle()) {}

  /// One page of GET /v1/models, with the default parameters. Blocks until
  /// the request finished; refused on the worker thread.
  /// @return the page
  /// @throws Error on failure
  ModelList list() const { return list_impl(am_models_list, nullptr); }
  /// One page of GET /v1/models. Blocks until the request finished.
  /// @param params the parameters
  /// @return the page
  /// @throws Error on failure
  ModelList list(const ListParams &params) const { return list_impl(am_models_list, params.handle()); }
  /// Every page, newest first; never a silently partial list. Blocks until
  /// the request finished; refused on the worker thread.
  /// With a cache (Options::cache_ttl, cache_dir) a fresh cached listing is
  /// answered without a request, and a failed refresh may answer the last
  /// good listing marked stale (ModelList::is_stale()).
  /// @return every model
  /// @throws Error on failure (AM_ERR_PAGINATION when the pages break the
  ///         rules; AM_ERR_NOT_CACHED offline with nothing cached)
  ModelList list_all() const { return list_impl(am_models_list_all, nullptr); }
  /// Every page, newest first (see list_all()). Blocks until the request finished.
  /// @param params the parameters (limit is the page size)
  /// @return every model
  /// @throws Error on failure
  ModelList list_all(const ListParams &params) const { return list_impl(am_models_list_all, params.handle()); }
  /// GET /v1/models/{id}. Blocks until the request finished; refused on the
  /// worker thread.
  /// @param model_id_or_alias an id or alias (the result carries the canonical id)
  /// @return the model
  /// @throws Error on failure (AM_ERR_NOT_FOUND for an unknown model)
  Model get(std::string_view model_id_or_alias) const {
    std::string id = detail::c_string(model_id_or_alias, "model id");
    am_model *out = nullptr;
    detail::call(am_model_get, h_.get(), id.c_str(), &out);
    return Model(out);
  }

  /// list() without blocking. The optional callback runs once the request
  /// finished - inside dispatch() by default, on the worker thread with
  /// Options::callbacks_on_worker() - unless the Request is destroyed first.
  /// @param cb the callback (may be move-only), or none
  /// @return the request: keep it, destroying it cancels the call
  /// @throws Error when the submission fails
  [[nodiscard]] Request list_async(Callback cb = {}) const {
    return list_async_impl(am_models_list_async, nullptr, std::move(cb));
  }
  /// list(params) without blocking (see list_async(Callback)).
  /// @param params the parameters (copied)
  /// @param cb the callback (may be move-only), or none
  /// @return the request: keep it, destroying it cancels the call
  /// @throws Error when the submission fails
  [[nodiscard]] Request list_async(const ListParams &params, Callback cb = {}) const {
    return list_async_impl(am_models_list_async, params.handle(), std::move(cb));
  }
  /// list_all() without blocking (see list_async(Callback)).
  /// @param cb the callback (may be move-only), or none
  /// @return the request: keep it, destroying it cancels the call
  /// @throws Error when the submission fails
  [[nodiscard]] Request list_all_async(Callback cb = {}) const {
    return list_async_impl(am_models_list_all_async, nullptr, std::move(cb));
  }
  /// list_all(params) without blocking (see list_async(Callback)).
  /// @param params the parameters (copied)
  /// @param cb the callback (may be move-only), or none
  /// @return the request: keep it, destroying it cancels the call
  /// @throws Error when the submission fails
  [[nodiscard]] Request list_all_async(const ListParams &params, Callback cb = {}) const {
    return list_async_impl(am_models_list_all_async, params.handle(), std::move(cb));
  }
  /// get() without blocking (see list_async(Callback)).
  /// @param model_id_or_alias an id or alias
  /// @param cb the callback (may be move-only), or none
  /// @return the request: keep it, destroying it cancels the call
  /// @throws Error when the submission fails
  [[nodiscard]] Request get_async(std::string_view model_id_or_alias, Callback cb = {}) const {
    std::string id = detail::c_string(model_id_or_alias, "model id");
    return submit(
        [&](am_request_callback c, void *ud, am_userdata_free f, am_request **out, am_error **err) {
          return am_model_get_async(h_.get(), id.c_str(), c, ud, f, out, err);
        },
        std::move(cb));
  }

  /// Runs queued callbacks on this thread, then rethrows the first exception
  /// a callback, notifier or log callback threw (also one caught on the
  /// worker thread), if any. Never waits for the network. A request is done()
  /// before its callback is dispatched: dispatch until the callback has run.
  /// @param max the most callbacks to run; <= 0: all queued now
  /// @return how many ran
  int dispatch(int max = 0) {
    int n = am_client_dispatch(h_.get(), max);
    if (state_)
      if (std::exception_ptr e = state_->take()) std::rethrow_exception(e);
    return n;
  }
  /// A descriptor to poll: readable when callbacks are queued for dispatch().
  /// Owned by the client: never read or close it.
  /// @return the descriptor; -1 where the platform has none
  int wakeup_fd() const noexcept { return am_client_wakeup_fd(h_.get()); }
  /// Sets the completion notifier: called when callbacks become ready for
  /// dispatch(), on the worker thread, and again when a dispatch() leaves
  /// callbacks queued (then on the dispatching thread); keep it short. The
  /// previous function is destroyed when replaced, the last one with the
  /// client. It may replace or remove itself or the log callback.
  /// @param fn the notifier (may be move-only); an empty one removes it
  /// @throws Error when the library refuses it
  void set_completion_notify(NotifyFunction fn) {
    install_hook<detail::NotifyBox>(am_client_set_completion_notify, detail::notify_trampoline, std::move(fn));
  }
  /// Sets the log callback: one line per HTTP attempt (never with
  /// credentials), on the worker thread; keep it quick. The message is valid
  /// during the call only. A replaced one is destroyed; it may replace or
  /// remove itself or the notifier.
  /// @param fn the callback (may be move-only); an empty one removes it
  /// @throws Error when the library refuses it
  void set_log_callback(LogFunction fn) {
    install_hook<detail::LogBox>(am_client_set_log_callback, detail::log_trampoline, std::move(fn));
  }
  /// Forgets every cached answer, so the next list_all() and get() send a
  /// request. Listings on disk stay, as the fallback of a failed refresh and
  /// for offline mode, but are no longer served as fresh. Any thread.
  void invalidate_cache() const noexcept { am_client_cache_invalidate(h_.get()); }
  /// Takes the pending callback exception, which dispatch() would rethrow.
  /// @return the exception (now cleared), or null
  std::exception_ptr take_callback_exception() noexcept { return state_ ? state_->take() : nullptr; }

  /// The underlying C handle (still owned by this object).
  /// @return the handle; NULL for a moved-from client
  am_client *handle() const noexcept { return h_.get(); }
  /// Tells whether this object holds a client.
  /// @return false for a moved-from client
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  explicit Client(const am_options *opts) : state_(std::make_shared<detail::ClientState>()) {
    am_client *out = nullptr;
    detail::call(am_client_new, opts, &out);
    h_.reset(out);
  }

  template <typename Fn>
  ModelList list_impl(Fn fn, const am_list_params *params) const {
    am_model_list *out = nullptr;
    detail::call(fn, h_.get(), params, &out);
    return ModelList(out);
  }

  template <typename Fn>
  Request list_async_impl(Fn fn, const am_list_params *params, Callback cb) const {
    return submit(
        [&](am_request_callback c, void *ud, am_userdata_free f, am_request **out, am_error **err) {
          return fn(h_.get(), params, c, ud, f, out, err);
        },
        std::move(cb));
  }

  // Installs (or, for an empty function, removes) a notifier / log hook. The
  // library takes the box only on success; on failure it is freed here.
  template <typename B, typename Setter, typename Trampoline, typename Fn>
  void install_hook(Setter setter, Trampoline trampoline, Fn fn) {
    std::unique_ptr<B> box;
    if (fn) box.reset(new B{std::move(fn), state_});
    am_error *err = nullptr;
    am_status st = box ? setter(h_.get(), trampoline, box.get(), detail::free_box<B>, &err)
                       : setter(h_.get(), nullptr, nullptr, nullptr, &err);
    if (st != AM_OK) throw Error(st, err);
    (void)box.release();
  }

  // The box goes to the library only when submission succeeds (on failure the
  // library runs neither the callback nor userdata_free).
  template <typename Submit>
  Request submit(Submit &&s, Callback cb) const {
    std::unique_ptr<detail::CallbackBox> box;
    if (cb) box.reset(new detail::CallbackBox{std::move(cb), state_});
    am_request *out = nullptr;
    am_error *err = nullptr;
    am_status st = box ? s(detail::request_trampoline, box.get(), detail::free_box<detail::CallbackBox>, &out, &err)
                       : s(nullptr, nullptr, nullptr, &out, &err);
    if (st != AM_OK) throw Error(st, err);
    (void)box.release();
    return Request(out);
  }

  // Declared before the handle: destroyed after am_client_free has stopped
  // every callback (boxes also hold a reference of their own).
  std::shared_ptr<detail::ClientState> state_;
  detail::Handle<am_client, am_client_free> h_;
};

}  // namespace anthropic_models

#endif /* ANTHROPIC_MODELS_HPP */
