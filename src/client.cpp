#include "client.hpp"

#include "cache_file.hpp"
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
  if (const auto &dir = c->cfg_->options.cache_dir) {
    std::string why = prepare_cache_dir(*dir);
    if (!why.empty()) {
      err = Error::make(AM_ERR_INVALID_ARGUMENT, why);
      return false;
    }
  }
  c->engine_ = std::make_unique<Engine>(*c->cfg_);
  if (!c->engine_->start(err)) return false;
  if (Cache::wanted(c->cfg_->options)) c->cache_ = std::make_shared<Cache>(c->cfg_, c->engine_->link());
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
                     std::unique_ptr<Completion> completion, std::shared_ptr<Call> &out, Error &err) {
  CacheQuery q;
  CacheUse use = cache_query(kind, params, model_id, q, err);
  if (use == CacheUse::Refused) return false;
  const bool cached = use == CacheUse::Cached;
  if (!build(kind, params, model_id, std::move(completion), out, err)) return false;
  if (!cached) return true;
  CacheAnswer answer;
  std::shared_ptr<Flight> revalidate;
  if (!cache_->quick_answer(q, answer, revalidate)) {
    out->use_cache(cache_, std::move(q));  // planned on the worker, where reading the disk blocks no host thread
    return true;
  }
  out->preset(answer);  // done now; the engine only delivers the completion
  if (revalidate) {  // stale-while-revalidate: refresh behind the answer
    std::shared_ptr<Call> refresh;
    Error ignored;
    if (build(kind, params, model_id, nullptr, refresh, ignored))
      Call::revalidate(*engine_, std::move(refresh), cache_, std::move(q), std::move(revalidate));
    else
      cache_->abandon(*revalidate);
  }
  return true;
}

Client::CacheUse Client::cache_query(Call::Kind kind, const ListParams &p, const std::string *id, CacheQuery &q,
                                     Error &err) const {
  if (!cache_) return CacheUse::None;
  if (kind != Call::Kind::List && cache_->query_for(kind == Call::Kind::ListAll, p, id, q)) return CacheUse::Cached;
  if (!cfg_->options.offline) return CacheUse::None;
  err = Error::make(AM_ERR_NOT_CACHED, kind == Call::Kind::List ? "offline: single pages are never cached (use list_all)"
                                                                : "offline: a list_all with a cursor is never cached");
  return CacheUse::Refused;
}

bool Client::build(Call::Kind kind, const ListParams &params, const std::string *model_id,
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
  CacheQuery q;
  switch (cache_query(kind, p, id, q, err)) {
    case CacheUse::Cached: return cached_blocking(kind, p, id, q, list, model, err);
    case CacheUse::Refused: return false;
    case CacheUse::None: break;
  }
  std::shared_ptr<Call> call;
  if (!build(kind, p, id, nullptr, call, err) || !run(call, err)) return false;
  return wait_and_take(call, list, model, err);
}

bool Client::run(const std::shared_ptr<Call> &call, Error &err) {
  // When the engine is idle the call runs right here, on this thread: no
  // hand-off to the worker and back. Otherwise it is started like an
  // asynchronous call and waited for.
  if (engine_->run_here(call)) return true;
  if (!start(call, err)) return false;
  Engine::flush_deferred_wakeup();  // inside a dispatch callback, the submission's wake-up waits for nobody
  return true;
}

bool Client::wait_and_take(const std::shared_ptr<Call> &call, std::unique_ptr<am_model_list> *list,
                           std::unique_ptr<am_model> *model, Error &err) {
  call->wait_for(-1);
  return call->take(list, model, err) == AM_OK;
}

bool Client::cached_blocking(Call::Kind kind, const ListParams &p, const std::string *id, const CacheQuery &q,
                             std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, Error &err) {
  std::shared_ptr<Call> call;
  if (!build(kind, p, id, nullptr, call, err)) return false;  // checks the arguments before anything is served
  for (;;) {
    CachePlan plan = cache_->plan(q);
    switch (plan.kind) {
      case CachePlan::Network:
        return run(call, err) && wait_and_take(call, list, model, err);
      case CachePlan::Serve:
        plan.answer.copy_to(list, model, now_unix_ms());
        return true;
      case CachePlan::Fail:
        err = std::move(plan.error);
        return false;
      case CachePlan::ServeAndRevalidate: {
        // On the worker, never on this thread: nobody waits for it.
        Call::revalidate(*engine_, call, cache_, q, plan.flight);
        plan.answer.copy_to(list, model, now_unix_ms());
        return true;
      }
      case CachePlan::Follow: {
        cache_->wait(*plan.flight);
        am_status status = AM_OK;
        CacheAnswer answer;
        if (!cache_->outcome(*plan.flight, status, err, answer)) continue;  // its leader gave up: plan again
        if (status != AM_OK) return false;
        answer.copy_to(list, model, now_unix_ms());
        return true;
      }
      case CachePlan::Lead:
        call->lead(cache_, q, plan.flight);
        if (!run(call, err)) {
          cache_->abandon(*plan.flight);
          return false;
        }
        return wait_and_take(call, list, model, err);
    }
  }
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
