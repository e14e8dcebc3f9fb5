// Time in tests: one rule for how much slower an instrumented run is, bounded
// waiting, and pauses.
//
// Instrumented runs are slower: valgrind runs all threads of the process one
// at a time under one lock, so a thread that was just woken can wait a whole
// scheduling slice (100+ ms) before it runs; sanitizers slow everything a few
// times. Upper bounds on wall time and the pauses that let another thread
// catch up are multiplied by TimeScale() (1 in a plain build, 2 with a
// sanitizer, 10 under valgrind; AM_TEST_TIME_SCALE=N overrides it). Lower
// bounds, which prove that a delay was honoured, are never scaled.
#pragma once

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

namespace amtest {

// Which sanitizer this test binary was built with (GCC says so with
// __SANITIZE_*__, clang with __has_feature).
#ifdef __has_feature
#define AMTEST_HAS_FEATURE(x) __has_feature(x)
#else
#define AMTEST_HAS_FEATURE(x) 0
#endif
#if defined(__SANITIZE_ADDRESS__) || AMTEST_HAS_FEATURE(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#if defined(__SANITIZE_THREAD__) || AMTEST_HAS_FEATURE(thread_sanitizer)
inline constexpr bool kThreadSanitizer = true;
#else
inline constexpr bool kThreadSanitizer = false;
#endif

// Valgrind's preloaded core shows up in the process's own mappings.
inline bool UnderValgrind() {
  static const bool under = [] {
    std::ifstream in("/proc/self/maps");
    std::string line;
    while (std::getline(in, line))
      if (line.find("vgpreload") != std::string::npos) return true;
    return false;
  }();
  return under;
}

inline int TimeScale() {
  static const int scale = [] {
    if (const char *v = std::getenv("AM_TEST_TIME_SCALE")) {
      int n = std::atoi(v);
      if (n >= 1) return n;
    }
    if (UnderValgrind()) return 10;
    return kAddressSanitizer || kThreadSanitizer ? 2 : 1;
  }();
  return scale;
}

// An upper bound on wall time for this build and runner.
inline double BoundMs(double ms) { return ms * TimeScale(); }
inline double BoundSeconds(double seconds) { return seconds * TimeScale(); }

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

inline double MsSince(SteadyClock::time_point t0) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

inline void SleepMs(int ms) { std::this_thread::sleep_for(milliseconds(ms)); }

// A pause that lets another thread (the worker, the server) catch up.
inline void SettleMs(int ms) { SleepMs(ms * TimeScale()); }

// Polls `pred` every `step_ms` until it holds or the (scaled) `timeout_ms`
// passed; returns its last value. Never spins without sleeping.
template <typename Pred>
bool WaitUntil(Pred pred, int timeout_ms = 10000, int step_ms = 2) {
  auto deadline = SteadyClock::now() + milliseconds(timeout_ms * TimeScale());
  for (;;) {
    if (pred()) return true;
    if (SteadyClock::now() >= deadline) return pred();
    SleepMs(step_ms);
  }
}

}  // namespace amtest
