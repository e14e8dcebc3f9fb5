// Collecting what a client's log callback receives.
#pragma once

#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "anthropic_models.h"

namespace amtest {

struct Captured {
  std::mutex mu;
  std::vector<std::pair<am_log_level, std::string>> lines;
  std::thread::id thread;  // of the last line

  // Does any line contain `needle`?
  bool Contains(const std::string &needle) {
    std::lock_guard<std::mutex> lock(mu);
    for (auto &l : lines)
      if (l.second.find(needle) != std::string::npos) return true;
    return false;
  }
};

// An am_log_fn appending to the Captured its userdata points at.
inline void capture(am_log_level level, const char *message, void *userdata) {
  auto *c = static_cast<Captured *>(userdata);
  std::lock_guard<std::mutex> lock(c->mu);
  c->lines.emplace_back(level, message);
  c->thread = std::this_thread::get_id();
}

}  // namespace amtest
