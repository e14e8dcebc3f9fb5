// The per-client engine: one worker thread drives every request in flight
// through libcurl's multi interface (never a thread per call), runs backoff
// timers, honours cancellation, and hands completions to the host: queued for
// am_client_dispatch (the default), or run on the worker when the host opts in.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

#include "error.hpp"
#include "options.hpp"
#include "transport.hpp"

namespace am {

class Call;

class Engine {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Engine(const Config &cfg);
  ~Engine();
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  // Creates the multi handle, the wake-up descriptor and the worker thread.
  bool start(Error &err);
  // Cancels everything in flight and joins the worker. No callback runs once
  // this has begun; the userdata of callbacks that never ran is released.
  void stop();

  // Any thread.
  bool submit(std::shared_ptr<Call> call, Error &err);
  void cancel(const std::shared_ptr<Call> &call);
  bool on_worker() const { return std::this_thread::get_id() == worker_id_.load(); }
  int dispatch(int max);
  int wakeup_fd() const { return event_fd_; }
  void set_notify(am_notify_fn fn, void *userdata, am_userdata_free userdata_free);
  void set_logger(am_log_fn fn, void *userdata, am_userdata_free userdata_free);
  // Worker thread: is anyone listening, and tell them.
  bool logging() const { return logger_.set.load(std::memory_order_acquire); }
  void log(am_log_level level, const std::string &line);

  // Worker thread only: what a call uses to make progress.
  Transport &transport() { return transport_; }
  bool add_transfer(Transfer &t);
  void remove_transfer(Transfer &t);
  void set_timer(const std::shared_ptr<Call> &call, uint64_t generation, int64_t delay_ms);
  // The call has its result: deliver it (queue or run its callback).
  void finished(Call &call);

 private:
  struct Timer {
    Clock::time_point due;
    uint64_t generation;
    std::shared_ptr<Call> call;
    bool operator>(const Timer &o) const { return due > o.due; }
  };

  void run();
  void signal_ready();

  const Config &cfg_;
  Transport transport_;
  CURLM *multi_ = nullptr;
  std::thread worker_;
  std::atomic<std::thread::id> worker_id_{};
  int event_fd_ = -1;

  // Shared with submitters (guarded by mu_).
  std::mutex mu_;
  std::vector<std::shared_ptr<Call>> incoming_, cancels_;
  bool stopping_ = false;

  // Worker only.
  std::unordered_map<Call *, std::shared_ptr<Call>> active_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  bool quiet_ = false;                              // shutting down: deliver nothing
  bool ready_pending_ = false;                      // completions queued this iteration
  std::vector<std::shared_ptr<Call>> undelivered_;  // finished during shutdown

  // A function the host registered with its userdata: replaced and called
  // under one lock, so the old userdata is released only when no call runs.
  template <typename Fn>
  struct HostHook {
    std::mutex mu;
    std::atomic<bool> set{false};
    Fn fn = nullptr;
    void *userdata = nullptr;
    am_userdata_free release = nullptr;

    void replace(Fn f, void *ud, am_userdata_free rel) {
      void *old_userdata;
      am_userdata_free old_release;
      {
        std::lock_guard<std::mutex> lock(mu);
        old_userdata = userdata;
        old_release = release;
        fn = f;
        userdata = f ? ud : nullptr;
        release = f ? rel : nullptr;
        set.store(f != nullptr, std::memory_order_release);
      }
      if (old_release) old_release(old_userdata);
    }
    template <typename... Args>
    void call(Args... args) {
      std::lock_guard<std::mutex> lock(mu);
      if (fn) fn(args..., userdata);
    }
  };
  HostHook<am_notify_fn> notify_;
  HostHook<am_log_fn> logger_;

  // Completions waiting for am_client_dispatch (guarded by done_mu_).
  std::mutex done_mu_;
  std::deque<std::shared_ptr<Call>> done_;
};

}  // namespace am
