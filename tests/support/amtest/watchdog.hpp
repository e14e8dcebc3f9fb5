// Turns a deadlock into a failure with a message instead of a stalled run.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "amtest/time_scale.hpp"

namespace amtest {

// Aborts the process when not disarmed (destroyed) within `seconds` (scaled
// by TimeScale()): a deadlock must fail the test run, not stall it until CI's
// limit.
class Watchdog {
 public:
  Watchdog(const char *what, int seconds) : what_(what) {
    thread_ = std::thread([this, seconds] {
      std::unique_lock<std::mutex> lock(mu_);
      if (!cv_.wait_for(lock, std::chrono::seconds(seconds * TimeScale()), [this] { return done_; })) {
        std::fprintf(stderr, "watchdog: '%s' still running after %d s: deadlock\n", what_, seconds * TimeScale());
        std::abort();
      }
    });
  }
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Watchdog(const Watchdog &) = delete;
  Watchdog &operator=(const Watchdog &) = delete;

 private:
  const char *what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace amtest
