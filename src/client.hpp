// The client: checks requests, builds their URLs and errors, and hands them to
// its engine. Blocking calls are submit + wait on the same engine, so there is
// one code path for both.
#pragma once

#include <memory>
#include <string>

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

  // Checks the arguments and starts the call; nothing is sent when this fails.
  // For an asynchronous call, `handle` is the C handle its callback receives:
  // it is wired to the call and published through *published before the
  // worker can see the call (after which the callback may free it).
  bool submit(Call::Kind kind, const ListParams &params, const std::string *model_id, Callback cb,
              std::shared_ptr<Call> &out, Error &err, std::unique_ptr<am_request> *handle = nullptr,
              am_request **published = nullptr);
  // Submit + wait + take.
  bool list(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool list_all(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool get(const std::string &id, std::unique_ptr<am_model> &out, Error &err);

  Engine &engine() { return *engine_; }
  const Config &config() const { return cfg_; }
  std::string list_url(const ListParams &p, const std::string *after, const std::string *before) const;
  Error error_from(const HttpResponse &r, int64_t attempt_timeout_ms, bool deadline_limited) const;
  // The response's request-id, when printable, with credentials scrubbed.
  std::optional<std::string> request_id_of(const HttpResponse &r) const;

 private:
  Client() = default;
  bool check_ready(Error &err) const;
  bool check_params(const ListParams &p, Error &err) const;
  bool blocking(Call::Kind kind, const ListParams &p, const std::string *id, std::unique_ptr<am_model_list> *list,
                std::unique_ptr<am_model> *model, Error &err);

  Config cfg_;
  std::unique_ptr<Engine> engine_;
  bool curl_inited_ = false;
};

}  // namespace am

struct am_client {
  std::unique_ptr<am::Client> c;
};

struct am_list_params {
  am::ListParams p;
};
