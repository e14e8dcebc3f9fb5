#include "client.hpp"

#include "text.hpp"

namespace am {

bool Client::create(const Options &opts, std::unique_ptr<Client> &out, Error &err) {
  std::unique_ptr<Client> c(new Client());
  auto cfg = std::make_shared<Config>();
  if (!resolve_config(opts, *cfg, err)) return false;
  c->cfg_ = std::move(cfg);
  if (c->cfg_->options.curl_global_init) {
    // Reference counted and thread-safe in libcurl >= 7.84.
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      err = Error::make(AM_ERR_INTERNAL, "curl_global_init failed");
      return false;
    }
    c->curl_inited_ = true;
  }
  c->engine_ = std::make_unique<Engine>(*c->cfg_);
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
  if (!cfg_->options.api_key && !cfg_->options.auth_token) {
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

bool Client::prepare(Call::Kind kind, const ListParams &params, const std::string *model_id,
                     std::unique_ptr<Completion> completion, std::shared_ptr<Call> &out, Error &err) const {
  std::string url;
  ListParams p = params;
  if (kind == Call::Kind::Get) {
    std::string why = check_id(*model_id, false);
    if (!why.empty()) {
      err = Error::make(AM_ERR_INVALID_ARGUMENT, "model id " + why);
      return false;
    }
    if (!check_ready(err)) return false;
    url = get_url(*cfg_, *model_id);
  } else {
    if (kind == Call::Kind::ListAll && !p.limit) p.limit = 1000;
    if (!check_params(p, err)) return false;
  }
  out = std::make_shared<Call>(cfg_, kind, std::move(p), std::move(url), std::move(completion));
  return true;
}

bool Client::start(std::shared_ptr<Call> call, Error &err) { return engine_->submit(std::move(call), err); }

bool Client::blocking(Call::Kind kind, const ListParams &p, const std::string *id,
                      std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, Error &err) {
  if (engine_->on_worker()) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT,
                      "a blocking call from a callback on the client's worker thread would never finish");
    return false;
  }
  std::shared_ptr<Call> call;
  if (!prepare(kind, p, id, nullptr, call, err)) return false;
  // When the engine is idle the call runs right here, on this thread: no
  // hand-off to the worker and back. Otherwise it is started like an
  // asynchronous call and waited for.
  if (!engine_->run_here(call)) {
    if (!start(call, err)) return false;
    Engine::flush_deferred_wakeup();  // inside a dispatch callback, the submission's wake-up waits for nobody
  }
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
