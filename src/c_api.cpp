// The ABI boundary: the C handles (except the model values, see model.hpp),
// argument checks, handle casts, exceptions -> status. Nothing else lives
// here, and nothing thrown ever crosses it.
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <new>
#include <string_view>
#include <vector>

#include "anthropic_models.h"
#include "client.hpp"
#include "error.hpp"
#include "model.hpp"
#include "options.hpp"
#include "selection.hpp"
#include "text.hpp"
#include "timeparse.hpp"

using am::Error;

// ---- the C handles: boxes around core values -------------------------------
struct am_options {
  am::Options options;
};
struct am_error {
  am::Error error;
};
struct am_list_params {
  am::ListParams params;
};
struct am_client {
  std::unique_ptr<am::Client> client;
};
// The user's reference to a call, and to its engine through a link that
// stays valid after the client is freed.
struct am_request {
  std::shared_ptr<am::Call> call;
  std::shared_ptr<am::EngineLink> link;
};

namespace {

// The host's callback for an asynchronous call: runs it with the request
// handle, releases its userdata, and deletes the handle when the host freed
// it while the callback ran.
class RequestCompletion final : public am::Completion {
 public:
  RequestCompletion(am_request *handle, am_request_callback fn, void *userdata, am_userdata_free userdata_free)
      : handle_(handle), fn_(fn), userdata_(userdata), userdata_free_(userdata_free) {}
  bool has_callback() const override { return fn_ != nullptr; }
  void run() override {
    if (fn_) fn_(handle_, userdata_);
  }
  void release() override {
    if (userdata_free_) userdata_free_(userdata_);
  }
  void dispose() override { delete handle_; }

 private:
  am_request *const handle_;
  const am_request_callback fn_;
  void *const userdata_;
  const am_userdata_free userdata_free_;
};


am_status fail(am_error **err, Error e) noexcept {
  am_status s = e.status;
  if (err) {
    try {
      *err = new am_error{std::move(e)};
    } catch (...) {
      *err = nullptr;  // the status still says what happened
    }
  }
  return s;
}

// Runs `f(Error&) -> bool` and turns its outcome, or anything it throws, into a status.
template <typename F>
am_status guarded(am_error **err, F &&f) noexcept {
  if (err) *err = nullptr;
  Error e;
  try {
    if (f(e)) return AM_OK;
  } catch (const std::bad_alloc &) {
    e = Error::make(AM_ERR_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception &x) {
    e = Error::make(AM_ERR_INTERNAL, std::string("internal error: ") + x.what());
  } catch (...) {
    e = Error::make(AM_ERR_INTERNAL, "internal error");
  }
  return fail(err, std::move(e));
}

bool invalid(Error &e, const std::string &msg) {
  e = Error::make(AM_ERR_INVALID_ARGUMENT, msg);
  return false;
}

// Stores a checked optional string setting; NULL resets it.
template <typename Check>
am_status set_string(am_options *opts, std::optional<std::string> am::Options::*slot, const char *value,
                     const char *what, am_error **err, Check check) {
  return guarded(err, [&](Error &e) {
    if (!opts) return invalid(e, "options is NULL");
    if (!value) {
      (opts->options.*slot).reset();
      return true;
    }
    std::string v(value);
    std::string why = check(v);
    if (!why.empty()) return invalid(e, std::string(what) + " " + why);
    opts->options.*slot = std::move(v);
    return true;
  });
}

std::string check_plain(const std::string &v) {
  if (!am::is_valid_utf8(v)) return "is not valid UTF-8";
  return am::check_header_value(v);
}

std::string check_nonempty_plain(const std::string &v) {
  if (v.empty()) return "must not be empty";
  return check_plain(v);
}

// Stores a number setting after checking its range.
template <typename T>
am_status set_number(am_options *opts, T am::Options::*slot, int64_t value, int64_t min, int64_t max,
                     const char *what, am_error **err) {
  return guarded(err, [&](Error &e) {
    if (!opts) return invalid(e, "options is NULL");
    if (value < min || value > max)
      return invalid(e, std::string(what) + " must be between " + std::to_string(min) + " and " +
                            std::to_string(max) + ", got " + std::to_string(value));
    opts->options.*slot = static_cast<T>(value);
    return true;
  });
}

constexpr int64_t kMaxMs = INT32_MAX;  // ~24.8 days; libcurl takes a long

}  // namespace

extern "C" {

/* ---- version, status --------------------------------------------------- */
const char *am_version(void) noexcept { return AM_VERSION_STRING; }
uint32_t am_version_number(void) noexcept { return AM_VERSION_NUMBER; }
int32_t am_abi_version(void) noexcept { return AM_ABI_VERSION; }
const char *am_status_name(am_status status) noexcept { return am::status_name(status); }

/* ---- errors ------------------------------------------------------------ */
void am_error_free(am_error *err) noexcept { delete err; }
am_status am_error_status(const am_error *err) noexcept { return err ? err->error.status : AM_ERR_INVALID_ARGUMENT; }
int32_t am_error_http_status(const am_error *err) noexcept { return err ? err->error.http_status : 0; }
const char *am_error_type(const am_error *err) noexcept { return err && err->error.type ? err->error.type->c_str() : nullptr; }
const char *am_error_message(const am_error *err) noexcept { return err ? err->error.message.c_str() : nullptr; }
const char *am_error_request_id(const am_error *err) noexcept {
  return err && err->error.request_id ? err->error.request_id->c_str() : nullptr;
}
int32_t am_error_attempts(const am_error *err) noexcept { return err ? err->error.attempts : 0; }
int64_t am_error_retry_after_ms(const am_error *err) noexcept { return err ? err->error.retry_after_ms : -1; }

/* ---- options ----------------------------------------------------------- */
am_options *am_options_new(void) noexcept { return new (std::nothrow) am_options(); }
void am_options_free(am_options *opts) noexcept { delete opts; }

am_status am_options_set_api_key(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::api_key, v, "API key", err, check_nonempty_plain);
}
am_status am_options_set_auth_token(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::auth_token, v, "auth token", err, check_nonempty_plain);
}
am_status am_options_set_base_url(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::base_url, v, "base URL", err, am::check_base_url);
}
am_status am_options_set_api_version(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::api_version, v, "API version", err, check_nonempty_plain);
}
am_status am_options_set_workspace_id(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::workspace_id, v, "workspace id", err, check_nonempty_plain);
}
am_status am_options_set_proxy(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::proxy, v, "proxy", err, check_plain);
}
am_status am_options_set_ca_bundle(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::ca_bundle, v, "CA bundle path", err, check_nonempty_plain);
}
am_status am_options_set_user_agent_suffix(am_options *opts, const char *v, am_error **err) noexcept {
  return set_string(opts, &am::Options::user_agent_suffix, v, "user-agent suffix", err, check_plain);
}

am_status am_options_add_beta(am_options *opts, const char *beta, am_error **err) noexcept {
  return guarded(err, [&](Error &e) {
    if (!opts) return invalid(e, "options is NULL");
    if (!beta) return invalid(e, "beta is NULL");
    std::string b(beta);
    std::string why = am::check_beta(b);
    if (why.empty() && !am::is_valid_utf8(b)) why = "is not valid UTF-8";
    if (!why.empty()) return invalid(e, "beta " + why);
    opts->options.betas.push_back(std::move(b));
    return true;
  });
}
void am_options_clear_betas(am_options *opts) noexcept {
  if (opts) opts->options.betas.clear();
}

am_status am_options_add_header(am_options *opts, const char *name, const char *value, am_error **err) noexcept {
  return guarded(err, [&](Error &e) {
    if (!opts) return invalid(e, "options is NULL");
    if (!name || !value) return invalid(e, "header name and value must not be NULL");
    std::string why = am::check_extra_header(name, value);
    if (why.empty() && !am::is_valid_utf8(value)) why = "header value is not valid UTF-8";
    if (!why.empty()) return invalid(e, why);
    opts->options.headers.emplace_back(name, value);
    return true;
  });
}

am_status am_options_set_timeout_ms(am_options *opts, int64_t ms, am_error **err) noexcept {
  return set_number(opts, &am::Options::timeout_ms, ms, 0, kMaxMs, "timeout_ms", err);
}
am_status am_options_set_connect_timeout_ms(am_options *opts, int64_t ms, am_error **err) noexcept {
  return set_number(opts, &am::Options::connect_timeout_ms, ms, 0, kMaxMs, "connect_timeout_ms", err);
}
am_status am_options_set_deadline_ms(am_options *opts, int64_t ms, am_error **err) noexcept {
  return set_number(opts, &am::Options::deadline_ms, ms, 0, kMaxMs, "deadline_ms", err);
}
am_status am_options_set_max_retries(am_options *opts, int32_t retries, am_error **err) noexcept {
  return set_number(opts, &am::Options::max_retries, retries, 0, 100, "max_retries", err);
}
am_status am_options_set_retry_after_cap_ms(am_options *opts, int64_t ms, am_error **err) noexcept {
  return set_number(opts, &am::Options::retry_after_cap_ms, ms, 0, kMaxMs, "retry_after_cap_ms", err);
}
am_status am_options_set_max_response_bytes(am_options *opts, int64_t bytes, am_error **err) noexcept {
  return set_number(opts, &am::Options::max_response_bytes, bytes, 1024, INT64_C(1) << 40, "max_response_bytes",
                    err);
}
void am_options_set_ignore_env(am_options *opts, int32_t ignore) noexcept {
  if (opts) opts->options.ignore_env = ignore != 0;
}
void am_options_set_beta_variant(am_options *opts, int32_t beta) noexcept {
  if (opts) opts->options.beta_variant = beta != 0;
}
void am_options_set_curl_global_init(am_options *opts, int32_t enabled) noexcept {
  if (opts) opts->options.curl_global_init = enabled != 0;
}
void am_options_set_callbacks_on_worker(am_options *opts, int32_t on_worker) noexcept {
  if (opts) opts->options.callbacks_on_worker = on_worker != 0;
}
am_status am_options_set_cache_ttl_ms(am_options *opts, int64_t ttl_ms, am_error **err) noexcept {
  constexpr int64_t kThirtyDaysMs = INT64_C(30) * 24 * 3600 * 1000;
  return set_number(opts, &am::Options::cache_ttl_ms, ttl_ms, 0, kThirtyDaysMs, "cache_ttl_ms", err);
}
am_status am_options_set_cache_dir(am_options *opts, const char *dir, am_error **err) noexcept {
  return set_string(opts, &am::Options::cache_dir, dir, "cache directory", err, [](const std::string &v) {
    if (v.size() > 4096) return std::string("is longer than 4096 bytes");
    return check_nonempty_plain(v);
  });
}
void am_options_set_cache_stale_while_revalidate(am_options *opts, int32_t enabled) noexcept {
  if (opts) opts->options.cache_swr = enabled != 0;
}
void am_options_set_offline(am_options *opts, int32_t offline) noexcept {
  if (opts) opts->options.offline = offline != 0;
}

/* ---- client ------------------------------------------------------------ */
am_status am_client_new(const am_options *opts, am_client **out, am_error **err) noexcept {
  if (out) *out = nullptr;
  return guarded(err, [&](Error &e) {
    if (!out) return invalid(e, "out is NULL");
    am::Options defaults;
    std::unique_ptr<am::Client> c;
    if (!am::Client::create(opts ? opts->options : defaults, c, e)) return false;
    *out = new am_client{std::move(c)};
    return true;
  });
}
void am_client_free(am_client *client) noexcept {
  if (!client) return;
  am::Engine &engine = client->client->engine();
  if (engine.on_worker()) {
    // From a callback on the client's own worker, which cannot join itself:
    // the worker finishes the free once the callback returns.
    try {
      engine.stop_from_worker([client] { delete client; });
      return;
    } catch (...) {
      return;  // out of memory: the client stays alive (leaked), never a crash
    }
  }
  delete client;
}

int32_t am_client_dispatch(am_client *client, int32_t max) noexcept {
  if (!client) return 0;
  return client->client->engine().dispatch(max);
}

am_status am_client_set_log_callback(am_client *client, am_log_fn fn, void *userdata,
                                     am_userdata_free userdata_free, am_error **err) noexcept {
  return guarded(err, [&](Error &e) {
    if (!client) return invalid(e, "client is NULL");
    client->client->engine().set_logger(fn, userdata, userdata_free);
    return true;
  });
}

int32_t am_client_wakeup_fd(const am_client *client) noexcept {
  return client ? client->client->engine().wakeup_fd() : -1;
}

am_status am_client_set_completion_notify(am_client *client, am_notify_fn fn, void *userdata,
                                          am_userdata_free userdata_free, am_error **err) noexcept {
  return guarded(err, [&](Error &e) {
    if (!client) return invalid(e, "client is NULL");
    client->client->engine().set_notify(fn, userdata, userdata_free);
    return true;
  });
}

/* ---- list params ------------------------------------------------------- */
am_list_params *am_list_params_new(void) noexcept { return new (std::nothrow) am_list_params(); }
void am_list_params_free(am_list_params *params) noexcept { delete params; }

am_status am_list_params_set_limit(am_list_params *params, int32_t limit, am_error **err) noexcept {
  return guarded(err, [&](Error &e) {
    if (!params) return invalid(e, "params is NULL");
    if (limit < 1 || limit > 1000) return invalid(e, "limit must be between 1 and 1000, got " + std::to_string(limit));
    params->params.limit = limit;
    return true;
  });
}

extern "C++" {
namespace {
am_status set_cursor(am_list_params *params, std::optional<std::string> am::ListParams::*slot, const char *id,
                     const char *what, am_error **err) {
  return guarded(err, [&](Error &e) {
    if (!params) return invalid(e, "params is NULL");
    if (!id) {
      (params->params.*slot).reset();
      return true;
    }
    std::string why = am::check_id(id, true);
    if (!why.empty()) return invalid(e, std::string(what) + " " + why);
    params->params.*slot = std::string(id);
    return true;
  });
}
}  // namespace
}  // extern "C++"

am_status am_list_params_set_after_id(am_list_params *params, const char *id, am_error **err) noexcept {
  return set_cursor(params, &am::ListParams::after_id, id, "after_id", err);
}
am_status am_list_params_set_before_id(am_list_params *params, const char *id, am_error **err) noexcept {
  return set_cursor(params, &am::ListParams::before_id, id, "before_id", err);
}
am_status am_list_params_add_lifecycle(am_list_params *params, const char *stage, am_error **err) noexcept {
  return guarded(err, [&](Error &e) {
    if (!params) return invalid(e, "params is NULL");
    if (!stage) return invalid(e, "lifecycle stage is NULL");
    std::string why = am::check_id(stage, true);
    if (!why.empty()) return invalid(e, "lifecycle stage " + why);
    if (params->params.lifecycle.size() >= am::kMaxLifecycleFilters) return invalid(e, "too many lifecycle filters");
    params->params.lifecycle.emplace_back(stage);
    return true;
  });
}
void am_list_params_set_beta(am_list_params *params, int32_t beta) noexcept {
  if (params) params->params.beta = beta != 0;
}
void am_list_params_set_refresh(am_list_params *params, int32_t refresh) noexcept {
  if (params) params->params.refresh = refresh != 0;
}
am_status am_list_params_set_max_pages(am_list_params *params, int32_t max_pages, am_error **err) noexcept {
  return guarded(err, [&](Error &e) {
    if (!params) return invalid(e, "params is NULL");
    if (max_pages < 1 || max_pages > 1000000) return invalid(e, "max_pages must be between 1 and 1000000");
    params->params.max_pages = max_pages;
    return true;
  });
}

/* ---- calls ------------------------------------------------------------- */
extern "C++" {
namespace {

// Blocking calls: submit + wait + take on the client's engine.
template <typename Result>
am_status blocking(am_client *client, Result **out, am_error **err,
                   const std::function<bool(am::Client &, std::unique_ptr<Result> &, Error &)> &call) {
  if (out) *out = nullptr;
  return guarded(err, [&](Error &e) {
    if (!client || !out) return invalid(e, client ? "out is NULL" : "client is NULL");
    std::unique_ptr<Result> result;
    if (!call(*client->client, result, e)) return false;
    *out = result.release();
    return true;
  });
}

am_status submit(am_client *client, am::Call::Kind kind, const am_list_params *params, const char *id,
                 am_request_callback cb, void *userdata, am_userdata_free userdata_free, am_request **out,
                 am_error **err) {
  if (out) *out = nullptr;
  return guarded(err, [&](Error &e) {
    if (!client || !out) return invalid(e, client ? "out is NULL" : "client is NULL");
    if (kind == am::Call::Kind::Get && !id) return invalid(e, "model id is NULL");
    std::string model_id = id ? id : "";
    am::ListParams defaults;
    auto handle = std::make_unique<am_request>();
    auto completion = std::make_unique<RequestCompletion>(handle.get(), cb, userdata, userdata_free);
    std::shared_ptr<am::Call> call;
    // On failure neither the callback nor userdata_free ever runs.
    if (!client->client->prepare(kind, params ? params->params : defaults, id ? &model_id : nullptr,
                                 std::move(completion), call, e))
      return false;
    handle->call = call;
    handle->link = client->client->engine().link();
    // The callback may run, and free the handle, before start returns: the
    // handle is published through *out before the call can start.
    am_request *raw = handle.release();
    *out = raw;
    if (!client->client->start(std::move(call), e)) {
      *out = nullptr;
      delete raw;
      return false;
    }
    return true;
  });
}

}  // namespace
}  // extern "C++"

am_status am_models_list(am_client *client, const am_list_params *params, am_model_list **out,
                         am_error **err) noexcept {
  am::ListParams defaults;
  const am::ListParams &p = params ? params->params : defaults;
  return blocking<am_model_list>(client, out, err, [&](am::Client &c, auto &r, Error &e) { return c.list(p, r, e); });
}
am_status am_models_list_all(am_client *client, const am_list_params *params, am_model_list **out,
                             am_error **err) noexcept {
  am::ListParams defaults;
  const am::ListParams &p = params ? params->params : defaults;
  return blocking<am_model_list>(client, out, err,
                                 [&](am::Client &c, auto &r, Error &e) { return c.list_all(p, r, e); });
}
am_status am_model_get(am_client *client, const char *id, am_model **out, am_error **err) noexcept {
  if (!id) {
    if (out) *out = nullptr;
    return fail(err, Error::make(AM_ERR_INVALID_ARGUMENT, "model id is NULL"));
  }
  return blocking<am_model>(client, out, err, [&](am::Client &c, auto &r, Error &e) { return c.get(id, r, e); });
}

am_status am_models_list_async(am_client *client, const am_list_params *params, am_request_callback cb,
                               void *userdata, am_userdata_free userdata_free, am_request **out,
                               am_error **err) noexcept {
  return submit(client, am::Call::Kind::List, params, nullptr, cb, userdata, userdata_free, out, err);
}
am_status am_models_list_all_async(am_client *client, const am_list_params *params, am_request_callback cb,
                                   void *userdata, am_userdata_free userdata_free, am_request **out,
                                   am_error **err) noexcept {
  return submit(client, am::Call::Kind::ListAll, params, nullptr, cb, userdata, userdata_free, out, err);
}
am_status am_model_get_async(am_client *client, const char *id, am_request_callback cb, void *userdata,
                             am_userdata_free userdata_free, am_request **out, am_error **err) noexcept {
  return submit(client, am::Call::Kind::Get, nullptr, id, cb, userdata, userdata_free, out, err);
}

/* ---- requests ---------------------------------------------------------- */
int32_t am_request_done(const am_request *req) noexcept { return req && req->call->done() ? 1 : 0; }

int32_t am_request_wait(am_request *req, int64_t timeout_ms) noexcept {
  if (!req) return 0;
  // On its own worker the request could never finish while we wait.
  if (req->link->on_worker()) return req->call->done() ? 1 : 0;
  try {
    if (timeout_ms != 0) am::Engine::flush_deferred_wakeup();
    return req->call->wait_for(timeout_ms) ? 1 : 0;
  } catch (...) {
    return req->call->done() ? 1 : 0;
  }
}

void am_request_cancel(am_request *req) noexcept {
  if (!req || req->call->done()) return;
  try {
    req->link->cancel(req->call);
  } catch (...) {
    // Out of memory queueing the cancellation: the request runs to its end.
  }
}

am_status am_request_take_list(am_request *req, am_model_list **out, am_error **err) noexcept {
  if (out) *out = nullptr;
  return guarded(err, [&](Error &e) {
    if (!req || !out) return invalid(e, req ? "out is NULL" : "request is NULL");
    std::unique_ptr<am_model_list> list;
    if (req->call->take(&list, nullptr, e) != AM_OK) return false;
    *out = list.release();
    return true;
  });
}

am_status am_request_take_model(am_request *req, am_model **out, am_error **err) noexcept {
  if (out) *out = nullptr;
  return guarded(err, [&](Error &e) {
    if (!req || !out) return invalid(e, req ? "out is NULL" : "request is NULL");
    std::unique_ptr<am_model> model;
    if (req->call->take(nullptr, &model, e) != AM_OK) return false;
    *out = model.release();
    return true;
  });
}

void am_request_free(am_request *req) noexcept {
  if (!req) return;
  am_request_cancel(req);
  if (req->call->detach()) delete req;  // else its running callback deletes it
}

/* ---- lists ------------------------------------------------------------- */
void am_model_list_free(am_model_list *list) noexcept { delete list; }
size_t am_model_list_count(const am_model_list *list) noexcept { return list ? list->items.size() : 0; }
const am_model *am_model_list_at(const am_model_list *list, size_t i) noexcept {
  return list && i < list->items.size() ? &list->items[i] : nullptr;
}
const char *am_model_list_first_id(const am_model_list *list) noexcept { return list ? list->first_id : nullptr; }
const char *am_model_list_last_id(const am_model_list *list) noexcept { return list ? list->last_id : nullptr; }
int32_t am_model_list_has_more(const am_model_list *list) noexcept { return list && list->has_more ? 1 : 0; }
int32_t am_model_list_from_cache(const am_model_list *list) noexcept { return list && list->from_cache ? 1 : 0; }
int32_t am_model_list_is_stale(const am_model_list *list) noexcept { return list && list->stale ? 1 : 0; }
int64_t am_model_list_age_ms(const am_model_list *list) noexcept { return list ? list->age_ms : 0; }
void am_client_cache_invalidate(am_client *client) noexcept {
  if (client) client->client->invalidate_cache();
}

/* ---- selection --------------------------------------------------------- */
extern "C++" {
namespace {
// Runs a selection over a list into a new list handle for the caller.
template <typename Select>
am_status select_into(const am_model_list *list, am_model_list **out, am_error **err, Select select) {
  if (out) *out = nullptr;
  return guarded(err, [&](Error &e) {
    if (!list || !out) return invalid(e, list ? "out is NULL" : "list is NULL");
    std::unique_ptr<am_model_list> result;
    if (!select(*list, result, e)) return false;
    *out = result.release();
    return true;
  });
}
}  // namespace
}  // extern "C++"

am_status am_model_list_select_supported(const am_model_list *list, const char *const *paths, size_t count,
                                         am_model_list **out, am_error **err) noexcept {
  return select_into(list, out, err, [&](const am_model_list &in, std::unique_ptr<am_model_list> &r, Error &e) {
    if (count && !paths) return invalid(e, "paths is NULL");
    std::vector<std::string_view> wanted;
    for (size_t i = 0; i < count; ++i) {
      if (!paths[i]) return invalid(e, "paths[" + std::to_string(i) + "] is NULL");
      wanted.emplace_back(paths[i]);
    }
    return am::select_supported(in, wanted, r, e);
  });
}
am_status am_model_list_select_lifecycle(const am_model_list *list, const char *stage, am_model_list **out,
                                         am_error **err) noexcept {
  return select_into(list, out, err, [&](const am_model_list &in, std::unique_ptr<am_model_list> &r, Error &e) {
    if (!stage) return invalid(e, "stage is NULL");
    r = am::select_models(in, [&](const am::ModelData &m) { return m.lifecycle && std::strcmp(m.lifecycle, stage) == 0; });
    return true;
  });
}
am_status am_model_list_select_line(const am_model_list *list, const char *line, am_model_list **out,
                                    am_error **err) noexcept {
  return select_into(list, out, err, [&](const am_model_list &in, std::unique_ptr<am_model_list> &r, Error &e) {
    if (!line) return invalid(e, "line is NULL");
    r = am::select_models(in, [&](const am::ModelData &m) { return m.line && std::strcmp(m.line, line) == 0; });
    return true;
  });
}
am_status am_model_list_select_retiring_before(const am_model_list *list, int64_t unix_seconds, am_model_list **out,
                                               am_error **err) noexcept {
  return select_into(list, out, err, [&](const am_model_list &in, std::unique_ptr<am_model_list> &r, Error &) {
    r = am::select_retiring_before(in, unix_seconds);
    return true;
  });
}
am_status am_model_list_sort_by_created(const am_model_list *list, int32_t newest_first, am_model_list **out,
                                        am_error **err) noexcept {
  return select_into(list, out, err, [&](const am_model_list &in, std::unique_ptr<am_model_list> &r, Error &) {
    r = am::sort_by_created(in, newest_first != 0);
    return true;
  });
}
const am_model *am_model_list_find(const am_model_list *list, const char *id_or_prefix) noexcept {
  if (!list || !id_or_prefix) return nullptr;
  return am::find_model(*list, id_or_prefix);
}
const am_model *am_model_list_newest(const am_model_list *list, const char *line) noexcept {
  return list ? am::newest_model(*list, line) : nullptr;
}

/* ---- models ------------------------------------------------------------ */
am_model *am_model_clone(const am_model *model) noexcept {
  if (!model) return nullptr;
  return new (std::nothrow) am_model{model->data};
}
void am_model_free(am_model *model) noexcept { delete model; }

const char *am_model_id(const am_model *m) noexcept { return m ? m->data->id : nullptr; }
const char *am_model_display_name(const am_model *m) noexcept { return m ? m->data->display_name : nullptr; }
const char *am_model_type(const am_model *m) noexcept { return m ? m->data->type : nullptr; }
const char *am_model_created_at(const am_model *m) noexcept { return m ? m->data->created_at : nullptr; }
const char *am_model_lifecycle(const am_model *m) noexcept { return m ? m->data->lifecycle : nullptr; }
const char *am_model_line(const am_model *m) noexcept { return m ? m->data->line : nullptr; }
const char *am_model_deprecated_at(const am_model *m) noexcept { return m ? m->data->deprecated_at : nullptr; }
const char *am_model_retires_at(const am_model *m) noexcept { return m ? m->data->retires_at : nullptr; }

extern "C++" {
namespace {
int32_t unix_time_of(const char *rfc3339, int64_t *out) {
  auto t = am::known_date(rfc3339);
  if (!t) return 0;
  if (out) *out = *t;
  return 1;
}
}  // namespace
}  // extern "C++"

int32_t am_model_created_at_unix(const am_model *m, int64_t *out) noexcept {
  return m ? unix_time_of(m->data->created_at, out) : 0;
}
int32_t am_model_deprecated_at_unix(const am_model *m, int64_t *out) noexcept {
  return m ? unix_time_of(m->data->deprecated_at, out) : 0;
}
int32_t am_model_retires_at_unix(const am_model *m, int64_t *out) noexcept {
  return m ? unix_time_of(m->data->retires_at, out) : 0;
}
int32_t am_model_max_input_tokens(const am_model *m, int64_t *out) noexcept {
  if (!m || !m->data->has_max_input_tokens) return 0;
  if (out) *out = m->data->max_input_tokens;
  return 1;
}
int32_t am_model_max_tokens(const am_model *m, int64_t *out) noexcept {
  if (!m || !m->data->has_max_tokens) return 0;
  if (out) *out = m->data->max_tokens;
  return 1;
}

const char *am_model_json(const am_model *m) noexcept {
  if (!m) return nullptr;
  try {
    return m->data->json().c_str();
  } catch (...) {
    return nullptr;  // out of memory
  }
}

/* ---- capabilities ------------------------------------------------------ */
const char *am_capability_path(am_capability cap) noexcept { return am::capability_path(cap); }

am_support am_model_supports(const am_model *m, am_capability cap) noexcept {
  const char *path = am::capability_path(cap);
  if (!m || !path) return AM_SUPPORT_UNKNOWN;
  return am::supports_path(*m->data, path);
}
am_support am_model_supports_path(const am_model *m, const char *path) noexcept {
  if (!m || !path) return AM_SUPPORT_UNKNOWN;
  return am::supports_path(*m->data, path);
}

extern "C++" {
namespace {
template <typename Get>
const std::vector<const char *> *names(const am_model *m, Get get) {
  if (!m) return nullptr;
  try {
    return &get(*m->data);
  } catch (...) {
    return nullptr;
  }
}
}  // namespace
}  // extern "C++"

extern "C++" {
namespace {
const std::vector<am::ModelData::CapabilityEntry> *capability_entries(const am_model *m) {
  if (!m) return nullptr;
  try {
    return &m->data->capabilities();
  } catch (...) {
    return nullptr;  // out of memory: reported as no entries
  }
}
}  // namespace
}  // extern "C++"

size_t am_model_capability_count(const am_model *m) noexcept {
  auto v = capability_entries(m);
  return v ? v->size() : 0;
}
const char *am_model_capability_path_at(const am_model *m, size_t i) noexcept {
  auto v = capability_entries(m);
  return v && i < v->size() ? (*v)[i].path.c_str() : nullptr;
}
am_support am_model_capability_support_at(const am_model *m, size_t i) noexcept {
  auto v = capability_entries(m);
  return v && i < v->size() ? (*v)[i].support : AM_SUPPORT_UNKNOWN;
}

size_t am_model_effort_level_count(const am_model *m) noexcept {
  auto v = names(m, [](const am::ModelData &d) -> const auto & { return d.effort_levels(); });
  return v ? v->size() : 0;
}
const char *am_model_effort_level_at(const am_model *m, size_t i) noexcept {
  auto v = names(m, [](const am::ModelData &d) -> const auto & { return d.effort_levels(); });
  return v && i < v->size() ? (*v)[i] : nullptr;
}
size_t am_model_thinking_type_count(const am_model *m) noexcept {
  auto v = names(m, [](const am::ModelData &d) -> const auto & { return d.thinking_types(); });
  return v ? v->size() : 0;
}
const char *am_model_thinking_type_at(const am_model *m, size_t i) noexcept {
  auto v = names(m, [](const am::ModelData &d) -> const auto & { return d.thinking_types(); });
  return v && i < v->size() ? (*v)[i] : nullptr;
}

}  // extern "C"
