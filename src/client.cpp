#include "client.hpp"

#include "retry.hpp"
#include "text.hpp"

namespace am {

bool Client::create(const Options &opts, std::unique_ptr<Client> &out, Error &err) {
  std::unique_ptr<Client> c(new Client());
  if (!resolve_config(opts, c->cfg_, err)) return false;
  if (c->cfg_.o.curl_global_init) {
    // Reference counted and thread-safe in libcurl >= 7.84.
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      err = Error::make(AM_ERR_INTERNAL, "curl_global_init failed");
      return false;
    }
    c->curl_inited_ = true;
  }
  c->engine_ = std::make_unique<Engine>(c->cfg_);
  if (!c->engine_->start(err)) return false;
  out = std::move(c);
  return true;
}

Client::~Client() {
  // Stop first, while engine_ still points at the engine: a worker callback
  // running meanwhile may still call into this client, and must be refused
  // cleanly by the stopping engine rather than meet a null pointer.
  if (engine_) engine_->stop();
  engine_.reset();
  if (curl_inited_) curl_global_cleanup();
}

bool Client::check_ready(Error &err) const {
  if (!cfg_.o.api_key && !cfg_.o.auth_token) {
    err = Error::make(AM_ERR_AUTHENTICATION,
                      "no credential: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN, or call "
                      "am_options_set_api_key / am_options_set_auth_token");
    return false;
  }
  return true;
}

bool Client::check_params(const ListParams &p, Error &err) const {
  if (p.limit && (*p.limit < 1 || *p.limit > 1000)) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, "limit must be between 1 and 1000, got " + std::to_string(*p.limit));
    return false;
  }
  if (p.after_id && p.before_id) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, "after_id and before_id cannot both be set");
    return false;
  }
  return check_ready(err);
}

std::string Client::list_url(const ListParams &p, const std::string *after, const std::string *before) const {
  std::string url = cfg_.base_url + "/v1/models";
  char sep = '?';
  auto add = [&](const char *key, const std::string &value) {
    url += sep;
    url += key;
    url += '=';
    url += value;
    sep = '&';
  };
  if (p.beta || cfg_.o.beta_variant) add("beta", "true");
  if (p.limit) add("limit", std::to_string(*p.limit));
  if (after) add("after_id", escape_query_value(*after));
  if (before) add("before_id", escape_query_value(*before));
  for (const std::string &stage : p.lifecycle) add("lifecycle[]", escape_query_value(stage));
  return url;
}

Error Client::error_from(const HttpResponse &r, int64_t attempt_timeout_ms, bool deadline_limited) const {
  Error e;
  if (r.transport_failed) {
    e.status = r.transport_status;
    if (r.timed_out) {
      e.message = deadline_limited ? "overall deadline of " + std::to_string(cfg_.o.deadline_ms) + " ms exceeded"
                                   : "request timed out after " + std::to_string(attempt_timeout_ms) + " ms";
    } else {
      e.message = r.transport_message;
    }
  } else {
    e.status = status_for_http(r.http_status);
    e.http_status = r.http_status;
    ApiErrorBody body = decode_error_body(r.body);
    e.type = body.type;
    if (body.message) {
      e.message = *body.message;
    } else if (r.http_status >= 300 && r.http_status < 400) {
      e.message = "HTTP " + std::to_string(r.http_status) + ": the server redirected; redirects are never followed";
    } else if (r.body.empty()) {
      e.message = "HTTP " + std::to_string(r.http_status) + " with an empty body";
    } else {
      std::string ct = r.content_type.empty() ? "no content-type" : r.content_type;
      if (!is_valid_utf8(ct) || has_control_char(ct)) ct = "unprintable content-type";
      e.message = "HTTP " + std::to_string(r.http_status) + " with a non-JSON error body (" + ct + ", " +
                  std::to_string(r.body.size()) + " bytes)";
    }
  }
  e.request_id = request_id_of(r);
  redact(e.message, cfg_.secrets);
  if (e.type) redact(*e.type, cfg_.secrets);
  return e;
}

std::optional<std::string> Client::request_id_of(const HttpResponse &r) const {
  if (!r.has_request_id || !is_valid_utf8(r.request_id) || has_control_char(r.request_id)) return std::nullopt;
  std::string id = r.request_id;
  redact(id, cfg_.secrets);  // a server may echo anything, credentials included
  return id;
}

bool Client::submit(Call::Kind kind, const ListParams &params, const std::string *model_id, Callback cb,
                    std::shared_ptr<Call> &out, Error &err, std::unique_ptr<am_request> *handle,
                    am_request **published) {
  std::string get_url;
  ListParams p = params;
  if (kind == Call::Kind::Get) {
    std::string why = check_id(*model_id, false);
    if (!why.empty()) {
      err = Error::make(AM_ERR_INVALID_ARGUMENT, "model id " + why);
      return false;
    }
    if (!check_ready(err)) return false;
    get_url = cfg_.base_url + "/v1/models/" + escape_path_segment(*model_id);
    if (cfg_.o.beta_variant) get_url += "?beta=true";
  } else {
    if (kind == Call::Kind::ListAll && !p.limit) p.limit = 1000;
    if (!check_params(p, err)) return false;
  }
  auto call = std::make_shared<Call>(*this, kind, std::move(p), std::move(get_url), cb);
  am_request *raw = nullptr;
  if (handle) {
    raw = handle->get();
    raw->call = call;
    raw->link = engine_->link();
    call->handle = raw;
    handle->release();  // from here on the call's callback may free it
    *published = raw;
  }
  out = call;
  if (!engine_->submit(std::move(call), err)) {
    if (raw) {
      *published = nullptr;
      delete raw;
    }
    out.reset();
    return false;
  }
  return true;
}

bool Client::blocking(Call::Kind kind, const ListParams &p, const std::string *id,
                      std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, Error &err) {
  if (engine_->on_worker()) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT,
                      "a blocking call from a callback on the client's worker thread would never finish");
    return false;
  }
  std::shared_ptr<Call> call;
  if (!submit(kind, p, id, Callback{}, call, err)) return false;
  Engine::flush_deferred_wakeup();  // inside a dispatch callback, the submission's wake-up waits for nobody
  call->wait_for(-1);
  return call->take(list, model, err) == AM_OK;
}

bool Client::list(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err) {
  return blocking(Call::Kind::List, p, nullptr, &out, nullptr, err);
}

bool Client::list_all(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err) {
  return blocking(Call::Kind::ListAll, p, nullptr, &out, nullptr, err);
}

bool Client::get(const std::string &id, std::unique_ptr<am_model> &out, Error &err) {
  return blocking(Call::Kind::Get, ListParams{}, &id, nullptr, &out, err);
}

}  // namespace am
