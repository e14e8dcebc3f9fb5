// The per-client engine: one loop drives every request in flight through
// libcurl's multi interface (never a thread per call), runs backoff timers,
// honours cancellation, and hands completions to the host: queued for
// am_client_dispatch (the default), or run on the worker when the host opts in.
//
// The loop runs on the client's worker thread, except that a blocking call
// made while the loop is idle runs it on the calling thread (run_here), the
// way curl_easy_perform drives a private multi handle: no thread hand-off,
// and the same multi handle, so the same connections. Whoever drives the
// loop owns the multi handle, the transport and every "loop only" member;
// ownership passes under mu_ (see Owner), which orders their accesses.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <cstdint>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "error.hpp"
#include "options.hpp"
#include "transport.hpp"
#include "wakeup.hpp"

namespace am {

class Engine;

// What the engine drives: one call's state machine (implemented by Call, one
// layer up). The engine owns no request logic; it only moves jobs between
// the network, timers and the host.
class Job {
 public:
  virtual ~Job() = default;
  // The thread driving the loop (the worker, or a blocking caller): progress.
  virtual void start(Engine &e) = 0;
  virtual void on_transfer_done(Engine &e, CURLcode code) = 0;
  virtual void on_timer(Engine &e, uint64_t generation) = 0;
  virtual void abort(Engine &e, am_status status, const std::string &why) = 0;
  // Something the job waited for outside the engine happened (Engine::resume).
  virtual void on_resume(Engine &) {}
  // Delivery to the host: does the host want a callback; run it (false when
  // it did not run); release what the host pinned when it never will.
  virtual bool has_callback() const = 0;
  virtual bool run_callback() = 0;
  virtual void release_userdata() = 0;
};

// What a request handle keeps of its engine. It outlives the engine: the
// engine detaches itself when it stops, after which cancelling is a no-op
// (the stop cancelled everything already). So every am_request_* function is
// safe before, during and after am_client_free.
class EngineLink {
 public:
  explicit EngineLink(Engine *e) : engine_(e) {}
  // Asks the engine, if it still runs, to cancel the call.
  void cancel(const std::shared_ptr<Job> &job);
  // Asks the engine, if it still runs, to resume the call (Engine::resume).
  void resume(const std::shared_ptr<Job> &job);
  // A line for the host's log callback, if the engine still runs.
  void log(am_log_level level, const std::string &line);
  // Is the calling thread this engine's worker? (Waiting there would block
  // the very thread that finishes requests.)
  bool on_worker() const;
  void detach();

 private:
  // Recursive: a log line runs the host's callback under it, and that
  // callback may cancel a request through this same link.
  std::recursive_mutex mu_;
  Engine *engine_;  // guarded by mu_; null once the engine stopped
};

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
  // The same, asked from a callback running on the worker itself (which
  // cannot join itself): no further callback runs, and once the callback
  // returns the worker cancels everything, detaches, and calls `then`, which
  // frees the owner of this engine (and so the engine).
  void stop_from_worker(std::function<void()> then);

  // Any thread.
  bool submit(std::shared_ptr<Job> job, Error &err);
  void cancel(const std::shared_ptr<Job> &job);
  // The worker runs job->on_resume() soon, if the job is still active.
  void resume(const std::shared_ptr<Job> &job);
  bool on_worker() const { return std::this_thread::get_id() == worker_id_.load(); }
  const std::shared_ptr<EngineLink> &link() const { return link_; }
  // A submission made inside a dispatch callback defers its wake-up until
  // dispatch returns (one wake-up per burst). Anyone about to wait for a
  // request on this thread calls this first, so the worker is not left
  // asleep until its poll timeout.
  static void flush_deferred_wakeup();
  int dispatch(int max);
  int wakeup_fd() const { return host_wakeup_.fd(); }
  void set_notify(am_notify_fn fn, void *userdata, am_userdata_free userdata_free);
  void set_logger(am_log_fn fn, void *userdata, am_userdata_free userdata_free);
  // A blocking call without the hand-off: when the loop is idle (the worker
  // parked with nothing in flight, nothing queued) and no log callback is set
  // (its lines belong on the worker), takes the loop and drives `job` on the
  // calling thread until it finishes. Should work for the worker arrive
  // meanwhile (a submission, a cancellation, a stop), gives the loop back,
  // `job` included, to the worker, which finishes it. True when it drove the
  // loop (wait for `job`, which may already be done); false when the loop was
  // busy and nothing happened: submit instead.
  bool run_here(const std::shared_ptr<Job> &job);

  // The loop's thread: is anyone listening, and tell them (on the worker; a
  // line produced on a caller's thread is queued for the worker).
  bool logging() const { return logger_.set(); }
  void log(am_log_level level, const std::string &line);

  // The loop's thread only: what a call uses to make progress.
  Transport &transport() { return transport_; }
  bool add_transfer(Transfer &t);
  void remove_transfer(Transfer &t);
  void set_timer(const std::shared_ptr<Job> &job, uint64_t generation, int64_t delay_ms);
  // The job has its result: deliver it (queue or run its callback).
  void finished(Job &job);

 private:
  struct Timer {
    Clock::time_point due;
    uint64_t generation;
    std::shared_ptr<Job> job;
    bool operator>(const Timer &o) const { return due > o.due; }
  };

  // Who drives the loop (guarded by mu_). The worker parks (Idle) whenever
  // nothing is in flight; a blocking caller may then take it (Caller) and
  // gives it back (Idle) when its call is done, or earlier with work for the
  // worker (has_work_locked), which then takes it (Worker).
  enum class Owner { Worker, Idle, Caller };

  void run();
  // Worker: nothing in flight; waits, not owning the loop, for work.
  void park();
  // Caller: gives the loop back; anything left in it goes to the worker.
  void release_loop();
  // The loop's body: drives transfers, delivers finished ones, fires due timers.
  void progress();
  // How long the loop may sleep in curl_multi_poll.
  long poll_timeout_ms();
  void signal_ready();
  // mu_ held: work the worker must take (queues, a stop, a handed-back loop).
  bool has_work_locked() const;
  // Queues a job for the worker's next turn (cancel, resume) and wakes it.
  void post(std::vector<std::shared_ptr<Job>> Engine::*queue, const std::shared_ptr<Job> &job);
  // mu_ held: makes the loop's owner look at the queues unless a wake-up is
  // already on its way. A parked worker is notified here; true means a
  // thread may be inside the loop: send curl_multi_wakeup after unlocking.
  bool need_wakeup_locked();
  void wake_worker();

  const Config &cfg_;  // the client's, which outlives its engine and transport
  Transport transport_;
  CURLM *multi_ = nullptr;
  std::thread worker_;
  std::atomic<std::thread::id> worker_id_{};
  HostWakeup host_wakeup_;
  std::shared_ptr<EngineLink> link_;

  // Shared with submitters (guarded by mu_).
  std::mutex mu_;
  std::vector<std::shared_ptr<Job>> incoming_, cancels_, resumes_;
  bool stopping_ = false;
  Owner owner_ = Owner::Idle;  // the worker starts parked
  std::condition_variable idle_cv_;  // the parked worker waits here
  bool adopt_ = false;  // a caller left a job in the loop: the worker drives it
  // Log lines produced while a caller drove the loop (its log callback was
  // set meanwhile): the worker delivers them.
  std::vector<std::pair<am_log_level, std::string>> caller_lines_;
  // A curl_multi_wakeup was sent since the worker last took the queues:
  // later submitters need not send another.
  bool wakeup_sent_ = false;

  // The loop's owner only.
  std::unordered_map<Job *, std::shared_ptr<Job>> active_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  bool quiet_ = false;                              // shutting down: deliver nothing
  std::function<void()> after_worker_exit_;         // set by stop_from_worker
  bool ready_pending_ = false;                      // completions queued this iteration
  std::vector<std::shared_ptr<Job>> undelivered_;  // finished during shutdown

  // A function the host registered with its userdata. A call takes a
  // reference to the registration and runs without any lock held, so the
  // function may replace or remove itself (or another hook); a replaced
  // registration releases its userdata when its last running call returns.
  template <typename Fn>
  class HostHook {
   public:
    void replace(Fn fn, void *userdata, am_userdata_free release) {
      std::shared_ptr<Registration> next;
      if (fn) next = std::make_shared<Registration>(fn, userdata, release);
      std::shared_ptr<Registration> old;
      {
        std::lock_guard<std::mutex> lock(mu_);
        old = std::move(current_);
        current_ = std::move(next);
        set_.store(fn != nullptr, std::memory_order_release);
      }
      // `old` is released here, or by the call still running it.
    }
    template <typename... Args>
    void call(Args... args) {
      std::shared_ptr<Registration> r;
      {
        std::lock_guard<std::mutex> lock(mu_);
        r = current_;
      }
      if (r) r->fn(args..., r->userdata);
    }
    bool set() const { return set_.load(std::memory_order_acquire); }

   private:
    struct Registration {
      Registration(Fn f, void *ud, am_userdata_free rel) : fn(f), userdata(ud), release(rel) {}
      ~Registration() {
        if (release) release(userdata);
      }
      Registration(const Registration &) = delete;
      Registration &operator=(const Registration &) = delete;
      Fn fn;
      void *userdata;
      am_userdata_free release;
    };
    std::mutex mu_;
    std::shared_ptr<Registration> current_;
    std::atomic<bool> set_{false};
  };
  HostHook<am_notify_fn> notify_;
  HostHook<am_log_fn> logger_;

  // Completions waiting for am_client_dispatch (guarded by done_mu_).
  std::mutex done_mu_;
  std::deque<std::shared_ptr<Job>> done_;
};

}  // namespace am
