// The client: checks a request's arguments, asks its cache (when one is
// configured) whether the call needs a request, builds the call, and hands it
// to its engine. Blocking calls are the same calls, driven on the calling
// thread when the engine is idle (Engine::run_here) and waited for otherwise,
// so there is one code path for both.
#pragma once

#include <memory>
#include <string>

#include "api.hpp"
#include "cache.hpp"
#include "engine.hpp"
#include "model.hpp"
#include "options.hpp"
#include "request.hpp"

namespace am {

constexpr size_t kMaxLifecycleFilters = 8;

class Client {
 public:
  static bool create(const Options &opts, std::unique_ptr<Client> &out, Error &err);
  ~Client();

  // Checks the arguments and builds an asynchronous call, answered at once
  // when the cache's memory has the answer (with stale-while-revalidate, an
  // expired one, whose refresh this then starts); nothing is sent when this
  // fails.
  bool prepare(Call::Kind kind, const ListParams &params, const std::string *model_id,
               std::unique_ptr<Completion> completion, std::shared_ptr<Call> &out, Error &err);
  // Hands a prepared call to the worker. Fails only while the client is
  // being freed (or out of memory); the call then never runs.
  bool start(std::shared_ptr<Call> call, Error &err);

  // Prepare + (run here, or start + wait) + take.
  bool list(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool list_all(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool get(const std::string &id, std::unique_ptr<am_model> &out, Error &err);

  Engine &engine() { return *engine_; }
  void invalidate_cache() {
    if (cache_) cache_->invalidate();
  }

 private:
  Client() = default;
  bool check_ready(Error &err) const;
  bool check_params(const ListParams &p, Error &err) const;
  // Checks the arguments and builds the call, without the cache. `completion`
  // may be null (the caller waits instead).
  bool build(Call::Kind kind, const ListParams &params, const std::string *model_id,
             std::unique_ptr<Completion> completion, std::shared_ptr<Call> &out, Error &err) const;
  // Whether the cache takes a call (and its query), or refuses it (offline).
  enum class CacheUse { None, Cached, Refused };
  CacheUse cache_query(Call::Kind kind, const ListParams &p, const std::string *id, CacheQuery &q, Error &err) const;
  // A blocking call the cache takes: served, shared, or sent and landed.
  bool cached_blocking(Call::Kind kind, const ListParams &p, const std::string *id, const CacheQuery &q,
                       std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, Error &err);
  // Runs a built call: on this thread when the engine is idle, else on the
  // worker. False only when it could not start.
  bool run(const std::shared_ptr<Call> &call, Error &err);
  bool wait_and_take(const std::shared_ptr<Call> &call, std::unique_ptr<am_model_list> *list,
                     std::unique_ptr<am_model> *model, Error &err);
  bool blocking(Call::Kind kind, const ListParams &p, const std::string *id, std::unique_ptr<am_model_list> *list,
                std::unique_ptr<am_model> *model, Error &err);

  // Shared with every call, which may outlive the client through its handle.
  std::shared_ptr<const Config> cfg_;
  std::unique_ptr<Engine> engine_;
  std::shared_ptr<Cache> cache_;  // null unless a cache setting is on; shared with calls
  bool curl_inited_ = false;
};

}  // namespace am
