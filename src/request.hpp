// One API call (list, list-all or get) as a state machine that the engine's
// loop drives (on the worker, or on a blocking caller's thread): attempts,
// retries with backoff, pages, decoding. Its result is read from any thread;
// its completion runs at most once. It holds its configuration by shared
// ownership and knows nothing of C handles, so it stays valid whatever the
// host frees first.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "anthropic_models.h"
#include "api.hpp"
#include "cache.hpp"
#include "engine.hpp"
#include "error.hpp"
#include "model.hpp"
#include "options.hpp"
#include "transport.hpp"

namespace am {

// What the host asked to happen when a call finishes, supplied by the ABI
// layer. run() at most once, release() exactly once (after run, or instead of
// it), dispose() when the host let go of the call while run() was running.
class Completion {
 public:
  virtual ~Completion() = default;
  virtual bool has_callback() const = 0;
  virtual void run() = 0;
  virtual void release() = 0;
  virtual void dispose() = 0;
};

class Call final : public Job, public std::enable_shared_from_this<Call> {
 public:
  enum class Kind { List, ListAll, Get };
  using Clock = std::chrono::steady_clock;

  // `completion` may be null (a blocking call, which is waited for).
  Call(std::shared_ptr<const Config> cfg, Kind kind, ListParams params, std::string get_url,
       std::unique_ptr<Completion> completion);
  ~Call() override;

  Kind kind() const { return kind_; }

  // ---- before the call is started: the cache (cache.hpp) ----
  // Answered by the cache: the result is ready now; starting only delivers it.
  void preset(const CacheAnswer &answer);
  // Plans with the cache on the worker when started (asynchronous calls).
  void use_cache(std::shared_ptr<Cache> cache, CacheQuery query);
  // Sends the request and lands `flight` with its outcome.
  void lead(std::shared_ptr<Cache> cache, CacheQuery query, std::shared_ptr<Flight> flight);
  // Stale-while-revalidate: starts `refresh` on the worker as the leader of
  // `flight`, which nobody waits for; abandons the flight when it cannot start.
  static void revalidate(Engine &e, std::shared_ptr<Call> refresh, std::shared_ptr<Cache> cache, CacheQuery query,
                         std::shared_ptr<Flight> flight);

  // ---- the loop's thread (Job) ----
  void start(Engine &e) override;
  void on_transfer_done(Engine &e, CURLcode code) override;
  void on_timer(Engine &e, uint64_t generation) override;
  void abort(Engine &e, am_status status, const std::string &why) override;
  // The flight this call followed landed (or was abandoned).
  void on_resume(Engine &e) override;

  // ---- any thread ----
  bool done() const { return done_.load(std::memory_order_acquire); }
  bool wait_for(int64_t timeout_ms);
  // Moves the result out once. Exactly one of list / model is non-null.
  am_status take(std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, Error &err);

  bool has_callback() const override { return completion_ && completion_->has_callback(); }
  // Runs the completion (once) on the calling thread, then releases it.
  // False when it did not run (the host let go first). No lock is held while
  // the host's code runs, so it may let go of any call, this one too.
  bool run_callback() override;
  // The completion will never run: release it now (once), unless it is
  // running, which releases it when it returns.
  void release_userdata() override;
  // The host lets go (am_request_free): no completion starts after this.
  // True when the caller may dispose of its handle now; false when the
  // completion is running (on this thread or another): it is disposed of
  // when that returns. Never waits.
  bool detach();

 private:
  void plan_with_cache(Engine &e);
  void serve(Engine &e, const CacheAnswer &answer);
  void start_attempt(Engine &e);
  // One line for the host's log callback about the attempt that just ended.
  void log_attempt(Engine &e, am_log_level level, const std::string &outcome, const HttpResponse *r) const;
  void on_success(Engine &e, HttpResponse &r);
  void fail(Engine &e, Error err);
  void complete(Engine &e, am_status status, Error err);

  const std::shared_ptr<const Config> cfg_;
  const Kind kind_;
  const ListParams params_;
  const std::string get_url_;
  const std::unique_ptr<Completion> completion_;
  const std::optional<Clock::time_point> deadline_;

  // The cache, when the call may be answered by it (set before the start).
  std::shared_ptr<Cache> cache_;
  CacheQuery query_;
  std::shared_ptr<Flight> lead_;    // this call's request answers these followers
  std::shared_ptr<Flight> follow_;  // this call waits for another's request
  bool preset_ = false;             // answered before it started

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

  // Result (written once by the loop, then read under mu_).
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> done_{false};
  am_status status_ = AM_OK;
  Error error_;
  std::unique_ptr<am_model_list> list_;
  std::unique_ptr<am_model> model_;
  bool taken_ = false;

  // Completion bookkeeping (guarded by cb_mu_, which is never held while the
  // host's code runs).
  std::mutex cb_mu_;
  bool completion_running_ = false;
  bool released_ = false;
  bool detached_ = false;
  bool dispose_after_run_ = false;
};

}  // namespace am
