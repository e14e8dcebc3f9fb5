/*
 * anthropic_models.hpp - header-only C++17 wrapper over the stable C ABI of
 * libanthropic_models (anthropic_models.h). It uses only the public C API, so
 * C++ code built with it keeps the C library's ABI guarantees.
 *
 *   #include "anthropic_models.hpp"
 *   namespace amc = anthropic_models;
 *
 *   amc::Client client(amc::Options().ignore_env().api_key(key).base_url(url));
 *   for (amc::ModelView m : client.list_all())
 *     std::cout << m.id() << " " << m.display_name().value_or("?") << "\n";
 *
 *   amc::Model sonnet = client.get("claude-sonnet-4-5");      // alias -> canonical id
 *   if (sonnet.supports(AM_CAP_EFFORT_HIGH) == amc::Support::Yes) { ... }
 *   if (auto n = sonnet.max_input_tokens()) use(*n);
 *
 *   try { client.get("no-such-model"); }
 *   catch (const amc::Error& e) { e.status(); e.http_status(); e.request_id(); }
 *
 *   // Asynchronous: poll/wait on the Request, or pass a callback run by dispatch().
 *   amc::Request r = client.get_async("claude-opus-4-6", [](amc::RequestRef done) {
 *     amc::Model m = done.take_model();   // throws amc::Error on failure
 *   });
 *   while (!r.done()) client.dispatch();   // or poll client.wakeup_fd()
 *
 * Errors: every failing C call throws anthropic_models::Error (carrying the
 * am_error's details); allocation failures throw std::bad_alloc; at() throws
 * std::out_of_range. There is no non-throwing variant: use the C API directly
 * (handle() exposes every underlying handle) when exceptions are unwanted.
 *
 * Ownership: Options, ListParams, Client, ModelList, Model and Request own one
 * C handle each and free it in their destructor; all are movable (a moved-from
 * object is empty: destroy it or assign to it). Model is also copyable (copies
 * share the same immutable model). ModelView and RequestRef borrow; every
 * std::string_view returned borrows from the handle it came from (a view from
 * a ModelView lives as long as its ModelList).
 *
 * Callbacks: a callback is boxed on the heap and released by the library
 * exactly once (after it ran, or when it never will). It gets a RequestRef to
 * the finished request: it may take the result through it, and may destroy the
 * owning Request. The callback (and what it captured) is destroyed on whichever
 * thread releases it: the dispatching thread, the worker thread, or the one
 * destroying the Request or Client. Exceptions never cross into C: one thrown
 * by a callback, a completion notifier or a log callback is caught, and the
 * first one is kept in the client and rethrown by the next Client::dispatch()
 * after that call ran its callbacks (or fetched with
 * Client::take_callback_exception()); later ones are dropped while one is
 * pending.
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
#include <iterator>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace anthropic_models {

// ---------------------------------------------------------------- basics

// Tri-state capability support, mapped from AM_SUPPORT_*.
enum class Support { No, Yes, Unknown };

inline std::string_view to_string(Support s) noexcept {
  switch (s) {
    case Support::No: return "no";
    case Support::Yes: return "yes";
    case Support::Unknown: break;
  }
  return "unknown";
}

// Level of a log line (AM_LOG_*); newer values pass through unchanged.
enum class LogLevel : std::int32_t { Debug = AM_LOG_DEBUG, Info = AM_LOG_INFO, Warn = AM_LOG_WARN, Error = AM_LOG_ERROR };

// The library's version string, e.g. "0.1.0".
inline std::string_view version() noexcept { return am_version(); }
inline std::uint32_t version_number() noexcept { return am_version_number(); }
// Compare with AM_ABI_VERSION to detect a mismatched shared library.
inline std::int32_t abi_version() noexcept { return am_abi_version(); }
// Short static name of a status, e.g. "not_found".
inline std::string_view status_name(am_status status) noexcept { return am_status_name(status); }
// Dotted path of a capability ("effort.xhigh"), or nullopt for unknown values.
inline std::optional<std::string_view> capability_path(am_capability cap) noexcept {
  const char *p = am_capability_path(cap);
  return p ? std::optional<std::string_view>(p) : std::nullopt;
}

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

}  // namespace detail

// ---------------------------------------------------------------- errors

// A failed call: the status and the details of the C library's am_error.
// what() is the library's human-readable message. Copies are cheap and never
// throw (the details are shared).
class Error : public std::runtime_error {
 public:
  // Adopts `err` (which may be NULL): copies its details, then frees it.
  Error(am_status status, am_error *err) : Error(status, detail::ErrorHandle(err)) {}
  // An error raised by this wrapper itself (no HTTP details).
  Error(am_status status, const std::string &message)
      : std::runtime_error(message), d_(std::make_shared<Details>()) {
    d_->status = status;
  }

  am_status status() const noexcept { return d_->status; }
  std::string_view status_name() const noexcept { return am_status_name(d_->status); }
  // HTTP status of the failing response, 0 when there was none.
  std::int32_t http_status() const noexcept { return d_->http_status; }
  // The API's error type, e.g. "not_found_error".
  const std::optional<std::string> &type() const noexcept { return d_->type; }
  // The failing response's `request-id` header.
  const std::optional<std::string> &request_id() const noexcept { return d_->request_id; }
  // HTTP attempts made, retries included (0 when nothing was sent).
  std::int32_t attempts() const noexcept { return d_->attempts; }
  // The delay the server asked for, when it asked for one.
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

// ---------------------------------------------------------------- options

// Client configuration. Unset settings fall back to the environment
// (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL; see
// ignore_env()) and then to built-in defaults. String setters copy; passing
// std::nullopt resets a setting to "unset". Every setter throws Error when the
// library refuses the value. Setters chain on lvalues and on temporaries:
//   auto opts = Options().ignore_env().api_key(key);
class Options {
 public:
  Options() : h_(am_options_new()) {
    if (!h_) throw std::bad_alloc();
  }

  Options &api_key(std::optional<std::string_view> key) & {
    detail::set_string(am_options_set_api_key, h_.get(), key, "api key");
    return *this;
  }
  Options &auth_token(std::optional<std::string_view> token) & {
    detail::set_string(am_options_set_auth_token, h_.get(), token, "auth token");
    return *this;
  }
  Options &base_url(std::optional<std::string_view> url) & {
    detail::set_string(am_options_set_base_url, h_.get(), url, "base url");
    return *this;
  }
  Options &api_version(std::optional<std::string_view> v) & {
    detail::set_string(am_options_set_api_version, h_.get(), v, "api version");
    return *this;
  }
  Options &add_beta(std::string_view beta) & {
    detail::set_string(am_options_add_beta, h_.get(), beta, "beta");
    return *this;
  }
  Options &clear_betas() & noexcept {
    am_options_clear_betas(h_.get());
    return *this;
  }
  Options &workspace_id(std::optional<std::string_view> id) & {
    detail::set_string(am_options_set_workspace_id, h_.get(), id, "workspace id");
    return *this;
  }
  Options &add_header(std::string_view name, std::string_view value) & {
    std::string n = detail::c_string(name, "header name"), v = detail::c_string(value, "header value");
    detail::call(am_options_add_header, h_.get(), n.c_str(), v.c_str());
    return *this;
  }
  // Per-attempt timeout (default 60 s); 0 = none.
  Options &timeout(std::chrono::milliseconds t) & {
    detail::call(am_options_set_timeout_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  // Connect timeout (default 10 s); 0 = libcurl's default.
  Options &connect_timeout(std::chrono::milliseconds t) & {
    detail::call(am_options_set_connect_timeout_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  // Overall deadline of one call, retries included (default 0 = none).
  Options &deadline(std::chrono::milliseconds t) & {
    detail::call(am_options_set_deadline_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  // Retries after the first attempt (default 2, range 0..100).
  Options &max_retries(std::int32_t retries) & {
    detail::call(am_options_set_max_retries, h_.get(), retries);
    return *this;
  }
  // Longest server-requested delay that is honoured (default 60 s).
  Options &retry_after_cap(std::chrono::milliseconds t) & {
    detail::call(am_options_set_retry_after_cap_ms, h_.get(), detail::to_ms(t));
    return *this;
  }
  // "" disables proxies; nullopt: the usual proxy variables apply.
  Options &proxy(std::optional<std::string_view> url) & {
    detail::set_string(am_options_set_proxy, h_.get(), url, "proxy");
    return *this;
  }
  Options &ca_bundle(std::optional<std::string_view> path) & {
    detail::set_string(am_options_set_ca_bundle, h_.get(), path, "ca bundle path");
    return *this;
  }
  // Largest response body accepted (default 32 MiB, minimum 1024).
  Options &max_response_bytes(std::int64_t bytes) & {
    detail::call(am_options_set_max_response_bytes, h_.get(), bytes);
    return *this;
  }
  Options &user_agent_suffix(std::optional<std::string_view> suffix) & {
    detail::set_string(am_options_set_user_agent_suffix, h_.get(), suffix, "user agent suffix");
    return *this;
  }
  // Ignore the ANTHROPIC_* environment variables.
  Options &ignore_env(bool ignore = true) & noexcept {
    am_options_set_ignore_env(h_.get(), ignore ? 1 : 0);
    return *this;
  }
  // Every request of the client uses the beta variant (?beta=true).
  Options &beta_variant(bool beta = true) & noexcept {
    am_options_set_beta_variant(h_.get(), beta ? 1 : 0);
    return *this;
  }
  // false: the client leaves curl_global_init/cleanup to the host.
  Options &curl_global_init(bool enabled) & noexcept {
    am_options_set_curl_global_init(h_.get(), enabled ? 1 : 0);
    return *this;
  }
  // Callbacks run on the client's worker thread instead of in dispatch(): they
  // must be quick and must not block on the client or destroy it.
  Options &callbacks_on_worker(bool on_worker = true) & noexcept {
    am_options_set_callbacks_on_worker(h_.get(), on_worker ? 1 : 0);
    return *this;
  }

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

  const am_options *handle() const noexcept { return h_.get(); }
  am_options *handle() noexcept { return h_.get(); }
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_options, am_options_free> h_;
};

// ---------------------------------------------------------------- list params

// Parameters of Client::list / list_all. Setters throw Error on bad values.
class ListParams {
 public:
  ListParams() : h_(am_list_params_new()) {
    if (!h_) throw std::bad_alloc();
  }

  // 1..1000.
  ListParams &limit(std::int32_t n) & {
    detail::call(am_list_params_set_limit, h_.get(), n);
    return *this;
  }
  // Exclusive cursors (setting both fails at call time); nullopt clears.
  ListParams &after_id(std::optional<std::string_view> id) & {
    detail::set_string(am_list_params_set_after_id, h_.get(), id, "after_id");
    return *this;
  }
  ListParams &before_id(std::optional<std::string_view> id) & {
    detail::set_string(am_list_params_set_before_id, h_.get(), id, "before_id");
    return *this;
  }
  // Adds a lifecycle filter ("active", "deprecated", "retired").
  ListParams &lifecycle(std::string_view stage) & {
    detail::set_string(am_list_params_add_lifecycle, h_.get(), stage, "lifecycle");
    return *this;
  }
  ListParams &beta(bool b = true) & noexcept {
    am_list_params_set_beta(h_.get(), b ? 1 : 0);
    return *this;
  }
  // list_all fails with AM_ERR_PAGINATION after this many pages.
  ListParams &max_pages(std::int32_t n) & {
    detail::call(am_list_params_set_max_pages, h_.get(), n);
    return *this;
  }

  ListParams &&limit(std::int32_t n) && { return std::move(limit(n)); }
  ListParams &&after_id(std::optional<std::string_view> id) && { return std::move(after_id(id)); }
  ListParams &&before_id(std::optional<std::string_view> id) && { return std::move(before_id(id)); }
  ListParams &&lifecycle(std::string_view s) && { return std::move(lifecycle(s)); }
  ListParams &&beta(bool b = true) && noexcept { return std::move(beta(b)); }
  ListParams &&max_pages(std::int32_t n) && { return std::move(max_pages(n)); }

  const am_list_params *handle() const noexcept { return h_.get(); }
  am_list_params *handle() noexcept { return h_.get(); }
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_list_params, am_list_params_free> h_;
};

// ---------------------------------------------------------------- models

class Model;

namespace detail {

// Accessors shared by Model and ModelView (CRTP over `const am_model *handle()`).
// Strings are borrowed from the model; absent values are std::nullopt.
template <typename Derived>
class ModelAccessors {
 public:
  std::string_view id() const noexcept {
    const char *s = am_model_id(m());
    return s ? std::string_view(s) : std::string_view();
  }
  std::optional<std::string_view> display_name() const noexcept { return opt_view(am_model_display_name(m())); }
  std::optional<std::string_view> type() const noexcept { return opt_view(am_model_type(m())); }
  // RFC 3339 as sent.
  std::optional<std::string_view> created_at() const noexcept { return opt_view(am_model_created_at(m())); }
  // Unix seconds; nullopt when absent, unparsable or the epoch ("unknown").
  std::optional<std::int64_t> created_at_unix() const noexcept {
    std::int64_t v = 0;
    return am_model_created_at_unix(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  std::optional<std::int64_t> max_input_tokens() const noexcept {
    std::int64_t v = 0;
    return am_model_max_input_tokens(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  std::optional<std::int64_t> max_tokens() const noexcept {
    std::int64_t v = 0;
    return am_model_max_tokens(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  std::optional<std::string_view> lifecycle() const noexcept { return opt_view(am_model_lifecycle(m())); }
  std::optional<std::string_view> line() const noexcept { return opt_view(am_model_line(m())); }
  std::optional<std::string_view> deprecated_at() const noexcept { return opt_view(am_model_deprecated_at(m())); }
  std::optional<std::string_view> retires_at() const noexcept { return opt_view(am_model_retires_at(m())); }
  // Unix seconds of deprecated_at / retires_at; nullopt when absent, unparsable or the epoch.
  std::optional<std::int64_t> deprecated_at_unix() const noexcept {
    std::int64_t v = 0;
    return am_model_deprecated_at_unix(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  std::optional<std::int64_t> retires_at_unix() const noexcept {
    std::int64_t v = 0;
    return am_model_retires_at_unix(m(), &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  // The model object as JSON, with every field the server sent.
  std::string_view json() const {
    const char *s = am_model_json(m());
    if (!s && m()) throw std::bad_alloc();
    return s ? std::string_view(s) : std::string_view();
  }

  Support supports(am_capability cap) const noexcept { return to_support(am_model_supports(m(), cap)); }
  // Any capability by dotted path below `capabilities` ("effort.xhigh").
  Support supports(std::string_view dotted_path) const {
    if (dotted_path.find('\0') != std::string_view::npos) return Support::Unknown;
    return to_support(am_model_supports_path(m(), std::string(dotted_path).c_str()));
  }
  // "low", "medium", "high", "max", "xhigh", then newer ones.
  std::vector<std::string_view> effort_levels() const {
    return names(am_model_effort_level_count, am_model_effort_level_at);
  }
  // "adaptive", "enabled", "disabled", "between_tools", then newer ones.
  std::vector<std::string_view> thinking_types() const {
    return names(am_model_thinking_type_count, am_model_thinking_type_at);
  }

  // Every capability the server reported (newer ones too), groups before
  // their members, in the server's order: (dotted path, support).
  std::vector<std::pair<std::string_view, Support>> capabilities() const {
    std::vector<std::pair<std::string_view, Support>> out;
    const std::size_t n = am_model_capability_count(m());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (const char *p = am_model_capability_path_at(m(), i))
        out.emplace_back(p, to_support(am_model_capability_support_at(m(), i)));
    return out;
  }

  // An owned handle to the same immutable model, outliving its list.
  inline Model clone() const;

 protected:
  ModelAccessors() noexcept = default;
  ModelAccessors(const ModelAccessors &) noexcept = default;
  ModelAccessors(ModelAccessors &&) noexcept = default;
  ModelAccessors &operator=(const ModelAccessors &) noexcept = default;
  ModelAccessors &operator=(ModelAccessors &&) noexcept = default;
  ~ModelAccessors() = default;

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

// An owned model (from Client::get, take_model or clone). Copies share the
// same immutable model (am_model_clone); a moved-from Model is empty.
class Model : public detail::ModelAccessors<Model> {
 public:
  Model() noexcept = default;
  // Adopts a handle from am_model_get / am_model_clone / am_request_take_model.
  explicit Model(am_model *adopt) noexcept : h_(adopt) {}
  Model(const Model &o) : detail::ModelAccessors<Model>(o), h_(o.h_ ? am_model_clone(o.h_.get()) : nullptr) {
    if (o.h_ && !h_) throw std::bad_alloc();
  }
  Model &operator=(const Model &o) {
    if (this != &o) *this = Model(o);
    return *this;
  }
  Model(Model &&) noexcept = default;
  Model &operator=(Model &&) noexcept = default;
  ~Model() = default;

  const am_model *handle() const noexcept { return h_.get(); }
  am_model *release() noexcept { return h_.release(); }
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_model, am_model_free> h_;
};

// A borrowed model: valid while the ModelList (or Model) it came from lives.
class ModelView : public detail::ModelAccessors<ModelView> {
 public:
  ModelView() noexcept = default;
  explicit ModelView(const am_model *m) noexcept : m_(m) {}
  ModelView(const Model &m) noexcept : m_(m.handle()) {}  // NOLINT: implicit on purpose
  ModelView(Model &&) = delete;  // would dangle: the temporary frees the model

  const am_model *handle() const noexcept { return m_; }
  explicit operator bool() const noexcept { return m_ != nullptr; }

 private:
  const am_model *m_ = nullptr;
};

template <typename Derived>
Model detail::ModelAccessors<Derived>::clone() const {
  if (!m()) return Model();
  am_model *c = am_model_clone(m());
  if (!c) throw std::bad_alloc();
  return Model(c);
}

// One page (list) or every page (list_all) of models, newest first.
class ModelList {
 public:
  // Random-access iterator over ModelView values (a proxy iterator:
  // dereferencing yields a ModelView by value).
  class iterator {
   public:
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

   private:
    const am_model_list *l_ = nullptr;
    std::size_t i_ = 0;
  };
  using const_iterator = iterator;
  using value_type = ModelView;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;

  ModelList() noexcept = default;
  // Adopts a handle from am_models_list / am_models_list_all / am_request_take_list.
  explicit ModelList(am_model_list *adopt) noexcept : h_(adopt) {}

  std::size_t size() const noexcept { return am_model_list_count(h_.get()); }
  bool empty() const noexcept { return size() == 0; }
  // Unchecked: i < size() is the caller's duty (out of range gives an empty view).
  ModelView operator[](std::size_t i) const noexcept { return ModelView(am_model_list_at(h_.get(), i)); }
  ModelView at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("anthropic_models::ModelList::at: index out of range");
    return (*this)[i];
  }
  ModelView front() const noexcept { return (*this)[0]; }
  ModelView back() const noexcept { return (*this)[size() - 1]; }
  iterator begin() const noexcept { return iterator(h_.get(), 0); }
  iterator end() const noexcept { return iterator(h_.get(), size()); }

  std::optional<std::string_view> first_id() const noexcept { return detail::opt_view(am_model_list_first_id(h_.get())); }
  std::optional<std::string_view> last_id() const noexcept { return detail::opt_view(am_model_list_last_id(h_.get())); }
  bool has_more() const noexcept { return am_model_list_has_more(h_.get()) != 0; }

  const am_model_list *handle() const noexcept { return h_.get(); }
  am_model_list *release() noexcept { return h_.release(); }
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_model_list, am_model_list_free> h_;
};

// ---------------------------------------------------------------- requests

// A borrowed request handle: what a completion callback receives. It does not
// free the request (the owning Request does). Inside a callback the request
// has finished; take the result with take_list() / take_model().
class RequestRef {
 public:
  RequestRef() noexcept = default;
  explicit RequestRef(am_request *r) noexcept : r_(r) {}

  bool done() const noexcept { return am_request_done(r_) != 0; }
  // Finishes it promptly with AM_ERR_CANCELLED; no effect once finished.
  void cancel() const noexcept { am_request_cancel(r_); }
  // The result of a finished list / list_all request, once. Throws Error with
  // the request's own error, or AM_ERR_INVALID_ARGUMENT when it has not
  // finished, is a get, or its result was already taken.
  ModelList take_list() const {
    am_model_list *out = nullptr;
    detail::call(am_request_take_list, r_, &out);
    return ModelList(out);
  }
  // The result of a finished get request, once (see take_list).
  Model take_model() const {
    am_model *out = nullptr;
    detail::call(am_request_take_model, r_, &out);
    return Model(out);
  }

  am_request *handle() const noexcept { return r_; }
  explicit operator bool() const noexcept { return r_ != nullptr; }

 private:
  am_request *r_ = nullptr;
};

// An asynchronous call in flight or finished. Destroying it frees the handle:
// a request still in flight is cancelled and its callback will not run. It
// may outlive its Client (it then reads as finished or cancelled).
class Request {
 public:
  Request() noexcept = default;
  explicit Request(am_request *adopt) noexcept : h_(adopt) {}

  bool done() const noexcept { return ref().done(); }
  // Waits up to `timeout` (negative: without limit; 0: just polls); true when
  // finished. Never call it from a callback running on the worker thread.
  bool wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(-1)) const noexcept {
    return am_request_wait(h_.get(), detail::to_ms(timeout)) != 0;
  }
  void cancel() const noexcept { ref().cancel(); }
  ModelList take_list() const { return ref().take_list(); }
  Model take_model() const { return ref().take_model(); }

  RequestRef ref() const noexcept { return RequestRef(h_.get()); }
  am_request *handle() const noexcept { return h_.get(); }
  am_request *release() noexcept { return h_.release(); }
  explicit operator bool() const noexcept { return h_ != nullptr; }

 private:
  detail::Handle<am_request, am_request_free> h_;
};

// A completion callback: runs at most once, with the finished request.
using Callback = std::function<void(RequestRef)>;

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

struct CallbackBox {
  Callback fn;
  std::shared_ptr<ClientState> state;
};

inline void request_trampoline(am_request *req, void *userdata) noexcept {
  auto *box = static_cast<CallbackBox *>(userdata);
  try {
    box->fn(RequestRef(req));
  } catch (...) {
    if (box->state) box->state->keep(std::current_exception());
  }
}
inline void free_callback_box(void *userdata) noexcept { delete static_cast<CallbackBox *>(userdata); }

template <typename Fn>
struct HookBox {
  Fn fn;
  std::shared_ptr<ClientState> state;
};
template <typename Box>
void free_box(void *userdata) noexcept {
  delete static_cast<Box *>(userdata);
}

using NotifyBox = HookBox<std::function<void()>>;
inline void notify_trampoline(void *userdata) noexcept {
  auto *box = static_cast<NotifyBox *>(userdata);
  try {
    box->fn();
  } catch (...) {
    if (box->state) box->state->keep(std::current_exception());
  }
}

using LogBox = HookBox<std::function<void(LogLevel, std::string_view)>>;
inline void log_trampoline(am_log_level level, const char *message, void *userdata) noexcept {
  auto *box = static_cast<LogBox *>(userdata);
  try {
    box->fn(static_cast<LogLevel>(level), message ? std::string_view(message) : std::string_view());
  } catch (...) {
    if (box->state) box->state->keep(std::current_exception());
  }
}

}  // namespace detail

// ---------------------------------------------------------------- client

// A client: one worker thread and kept-alive connections. The const members
// may be called from any number of threads at once. Destroying it cancels
// the requests in flight (their Request objects stay valid and finished) and
// releases callbacks that never ran; it must not happen inside a callback
// running on the worker thread, nor while another call on it is in progress.
class Client {
 public:
  // Configured from the environment and built-in defaults.
  Client() : Client(nullptr) {}
  // The options are copied: they may be destroyed right after.
  explicit Client(const Options &opts) : Client(opts.handle()) {}

  // One page of GET /v1/models.
  ModelList list() const { return list_impl(am_models_list, nullptr); }
  ModelList list(const ListParams &params) const { return list_impl(am_models_list, params.handle()); }
  // Every page, newest first; never a silently partial list.
  ModelList list_all() const { return list_impl(am_models_list_all, nullptr); }
  ModelList list_all(const ListParams &params) const { return list_impl(am_models_list_all, params.handle()); }
  // GET /v1/models/{id}; id or alias (the result carries the canonical id).
  Model get(std::string_view model_id_or_alias) const {
    std::string id = detail::c_string(model_id_or_alias, "model id");
    am_model *out = nullptr;
    detail::call(am_model_get, h_.get(), id.c_str(), &out);
    return Model(out);
  }

  // Asynchronous forms: return at once. The optional callback runs once the
  // request finished - inside dispatch() by default, on the worker thread with
  // Options::callbacks_on_worker() - unless the Request is destroyed first.
  Request list_async(Callback cb = {}) const { return list_async_impl(am_models_list_async, nullptr, std::move(cb)); }
  Request list_async(const ListParams &params, Callback cb = {}) const {
    return list_async_impl(am_models_list_async, params.handle(), std::move(cb));
  }
  Request list_all_async(Callback cb = {}) const {
    return list_async_impl(am_models_list_all_async, nullptr, std::move(cb));
  }
  Request list_all_async(const ListParams &params, Callback cb = {}) const {
    return list_async_impl(am_models_list_all_async, params.handle(), std::move(cb));
  }
  Request get_async(std::string_view model_id_or_alias, Callback cb = {}) const {
    std::string id = detail::c_string(model_id_or_alias, "model id");
    return submit(
        [&](am_request_callback c, void *ud, am_userdata_free f, am_request **out, am_error **err) {
          return am_model_get_async(h_.get(), id.c_str(), c, ud, f, out, err);
        },
        std::move(cb));
  }

  // Runs up to `max` queued callbacks (max <= 0: all queued now) on this
  // thread; returns how many ran. Then rethrows the first exception a callback
  // threw (also one caught on the worker thread), if any.
  int dispatch(int max = 0) {
    int n = am_client_dispatch(h_.get(), max);
    if (state_)
      if (std::exception_ptr e = state_->take()) std::rethrow_exception(e);
    return n;
  }
  // Readable when callbacks are queued for dispatch(); -1 where unsupported.
  int wakeup_fd() const noexcept { return am_client_wakeup_fd(h_.get()); }
  // Runs on the worker thread when completions become ready for dispatch();
  // keep it short. An empty function removes the notifier. The previous
  // function is destroyed when replaced, the last one with the client.
  void set_completion_notify(std::function<void()> fn) {
    install_hook<detail::NotifyBox>(am_client_set_completion_notify, detail::notify_trampoline, std::move(fn));
  }
  // Receives one line per HTTP attempt (never with credentials), on the
  // worker thread; keep it quick. The message is valid during the call only.
  // An empty function removes it; a replaced one is destroyed.
  void set_log_callback(std::function<void(LogLevel, std::string_view)> fn) {
    install_hook<detail::LogBox>(am_client_set_log_callback, detail::log_trampoline, std::move(fn));
  }
  // The pending callback exception (cleared), or null.
  std::exception_ptr take_callback_exception() noexcept { return state_ ? state_->take() : nullptr; }

  am_client *handle() const noexcept { return h_.get(); }
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
  template <typename Box, typename Setter, typename Trampoline, typename Fn>
  void install_hook(Setter setter, Trampoline trampoline, Fn fn) {
    std::unique_ptr<Box> box;
    if (fn) box.reset(new Box{std::move(fn), state_});
    am_error *err = nullptr;
    am_status st = box ? setter(h_.get(), trampoline, box.get(), detail::free_box<Box>, &err)
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
    am_status st = box ? s(detail::request_trampoline, box.get(), detail::free_callback_box, &out, &err)
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
