// The client: builds requests, runs them under the retry policy, paginates,
// and hands decoded values to the C layer.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "options.hpp"
#include "transport.hpp"

namespace am {

struct ListParams {
  std::optional<int> limit;
  std::optional<std::string> after_id, before_id;
  std::vector<std::string> lifecycle;
  bool beta = false;
  int max_pages = 1000;
};

constexpr size_t kMaxLifecycleFilters = 8;

class Client {
 public:
  static bool create(const Options &opts, std::unique_ptr<Client> &out, Error &err);
  ~Client();

  bool list(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool list_all(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err);
  bool get(const std::string &id, std::unique_ptr<am_model> &out, Error &err);

  const Config &config() const { return cfg_; }

 private:
  using Clock = std::chrono::steady_clock;
  using Deadline = std::optional<Clock::time_point>;

  Client() = default;
  Deadline start_deadline() const;
  bool check_ready(Error &err) const;
  bool check_params(const ListParams &p, Error &err) const;
  std::string list_url(const ListParams &p, const std::string *after, const std::string *before) const;
  // What a successful fetch brought back, so that errors found later (decoding,
  // pagination) still tell which response and how many attempts.
  struct Exchange {
    std::string body;
    int attempts = 0;
    int http_status = 0;
    std::optional<std::string> request_id;
    // Marks `err` as being about this response.
    void annotate(Error &err, int total_attempts) const;
  };
  // GET with retries; the 2xx response on success.
  bool fetch(const std::string &url, const Deadline &deadline, Exchange &ex, Error &err);
  Error error_from(const HttpResponse &r, int64_t attempt_timeout_ms, bool deadline_limited) const;

  Config cfg_;
  std::unique_ptr<Transport> transport_;
  bool curl_inited_ = false;
};

}  // namespace am

struct am_client {
  std::unique_ptr<am::Client> c;
};

struct am_list_params {
  am::ListParams p;
};
