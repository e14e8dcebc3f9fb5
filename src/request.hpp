// One API call (list, list-all or get) as a state machine that the engine's
// worker drives: attempts, retries with backoff, pages, decoding. Its result
// is read from any thread; its callback runs at most once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "anthropic_models.h"
#include "error.hpp"
#include "model.hpp"
#include "transport.hpp"

namespace am {

class Client;
class Engine;
class EngineLink;

struct ListParams {
  std::optional<int> limit;
  std::optional<std::string> after_id, before_id;
  std::vector<std::string> lifecycle;
  bool beta = false;
  int max_pages = 1000;
};

struct Callback {
  am_request_callback fn = nullptr;
  void *userdata = nullptr;
  am_userdata_free userdata_free = nullptr;
};

class Call : public std::enable_shared_from_this<Call> {
 public:
  enum class Kind { List, ListAll, Get };
  using Clock = std::chrono::steady_clock;

  Call(Client &client, Kind kind, ListParams params, std::string get_url, Callback cb);
  ~Call();

  Kind kind() const { return kind_; }
  bool has_callback() const { return cb_.fn != nullptr; }

  // ---- worker thread ----
  void start(Engine &e);
  void on_transfer_done(Engine &e, CURLcode code);
  void on_timer(Engine &e, uint64_t generation);
  void abort(Engine &e, am_status status, const std::string &why);

  // ---- any thread ----
  bool done() const { return done_.load(std::memory_order_acquire); }
  bool wait_for(int64_t timeout_ms);
  // Moves the result out once. Exactly one of list / model is non-null.
  am_status take(std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, Error &err);

  // Runs the callback (once) on the calling thread, then releases userdata.
  // False when it did not run (the handle was freed first). No lock is held
  // while the host's callback runs, so it may free any request, its own too.
  bool run_callback();
  // The callback will never run: release the userdata now (once), unless
  // the callback is running, which releases it when it returns.
  void release_userdata();
  // am_request_free: no callback starts after this. True when the caller may
  // delete the handle now; false when the callback is running (on this
  // thread or another): the handle is deleted when it returns. Never waits.
  bool detach_handle();

  am_request *handle = nullptr;  // the C handle the callback receives

 private:
  void start_attempt(Engine &e);
  // One line for the host's log callback about the attempt that just ended.
  void log_attempt(Engine &e, am_log_level level, const std::string &outcome, const HttpResponse *r) const;
  void on_success(Engine &e, HttpResponse &r);
  void fail(Engine &e, Error err);
  void complete(Engine &e, am_status status, Error err);

  Client &client_;
  const Kind kind_;
  const ListParams params_;
  const std::string get_url_;
  const Callback cb_;
  const std::optional<Clock::time_point> deadline_;

  // Worker state.
  std::unique_ptr<Transfer> transfer_;
  std::string url_;  // of the current attempt
  Clock::time_point attempt_started_{};
  int64_t attempt_timeout_ms_ = 0;
  bool deadline_limited_ = false;
  int retries_ = 0;   // of the current page
  int attempts_ = 0;  // over the whole call
  uint64_t timer_generation_ = 0;
  bool backwards_ = false;
  std::optional<std::string> cursor_;
  std::set<std::string> seen_;
  std::shared_ptr<ListData> data_;
  std::vector<PageInfo> pages_;
  bool finished_ = false;

  // Result (written once by the worker, then read under mu_).
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> done_{false};
  am_status status_ = AM_OK;
  Error error_;
  std::unique_ptr<am_model_list> list_;
  std::unique_ptr<am_model> model_;
  bool taken_ = false;

  // Callback bookkeeping (guarded by cb_mu_, which is never held while the
  // host's code runs).
  std::mutex cb_mu_;
  bool callback_running_ = false;
  bool userdata_released_ = false;
  bool detached_ = false;
  bool delete_handle_after_callback_ = false;
};

}  // namespace am

// The C handle: the user's reference to a call, and to its engine through a
// link that stays valid after the client is freed.
struct am_request {
  std::shared_ptr<am::Call> call;
  std::shared_ptr<am::EngineLink> link;
};
