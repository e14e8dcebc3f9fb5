// The client: checks a request's arguments, builds its call, and hands it to
// its engine. Blocking calls are the same calls, driven on the calling thread
// when the engine is idle (Engine::run_here) and waited for otherwise, so
// there is one code path for both.
#pragma once

#include <memory>
#include <string>

#include "api.hpp"
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

  // Checks the arguments and builds the call; nothing is sent when this
  // fails. `completion` may be null (the caller waits instead).
  bool prepare(Call::Kind kind, const ListParams &params, const std::string *model_id,
               std::unique_ptr<Completion> completion, std::shared_ptr<Call> &out, Error &err) const;
  // Hands a prepared call to the worker. Fails only while the client is
  // being freed (or out of memory); the call then never runs.
  bool start(std::shared_ptr<Call> call, Error &err);

  // Prepare + (run here, or start + wait) + take.
  bool list(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool list_all(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool get(const std::string &id, std::unique_ptr<am_model> &out, Error &err);

  Engine &engine() { return *engine_; }

 private:
  Client() = default;
  bool check_ready(Error &err) const;
  bool check_params(const ListParams &p, Error &err) const;
  bool blocking(Call::Kind kind, const ListParams &p, const std::string *id, std::unique_ptr<am_model_list> *list,
                std::unique_ptr<am_model> *model, Error &err);

  // Shared with every call, which may outlive the client through its handle.
  std::shared_ptr<const Config> cfg_;
  std::unique_ptr<Engine> engine_;
  bool curl_inited_ = false;
};

}  // namespace am
