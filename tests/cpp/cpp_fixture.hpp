// Shared fixture for the C++ wrapper tests: a fresh in-process mock API server
// per test and wrapper Options pointed at it. Talks to the library only
// through include/anthropic_models.hpp (and so the C header).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "anthropic_models.hpp"
#include "mock_server.hpp"

#ifndef AM_TEST_CATALOG
#error "AM_TEST_CATALOG must name the catalog file the mock server serves"
#endif

namespace cpptest {

// `am` is the library's internal namespace (and the mock server's), so the
// tests use their own short alias.
namespace amc = anthropic_models;

using am::mock::Fault;
using am::mock::MockServer;
using am::mock::ServerOptions;

inline constexpr char kApiKey[] = "sk-ant-test-cpp-wrapper-789";

// Under valgrind everything is many times slower; bounds scale with it.
inline int TimeScale() {
  const char *preload = std::getenv("LD_PRELOAD");
  if (preload && (std::strstr(preload, "vgpreload") || std::strstr(preload, "/valgrind/"))) return 10;
  return 1;
}

template <typename Pred>
bool WaitUntil(Pred pred, int timeout_ms = 10000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms * TimeScale());
  for (;;) {
    if (pred()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return pred();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

class CppWrapperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.catalog_path = AM_TEST_CATALOG;
    o.api_key = kApiKey;  // the server refuses any other credential
    o.threads = 8;
    server_ = std::make_unique<MockServer>(o);
    std::string err;
    ASSERT_TRUE(server_->start(&err)) << err;
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  // No environment, the mock server, the test key, no proxy.
  amc::Options BaseOptions() const {
    return amc::Options().ignore_env().base_url(server_->base_url()).api_key(kApiKey).proxy("");
  }
  amc::Client MakeClient() const { return amc::Client(BaseOptions()); }

  // Runs dispatch() until pred holds (or the bound passes).
  template <typename Pred>
  static bool DispatchUntil(amc::Client &c, Pred pred, int timeout_ms = 10000) {
    return WaitUntil(
        [&] {
          c.dispatch();
          return pred();
        },
        timeout_ms);
  }

  // Runs dispatch() until it rethrows an E (or the bound passes): its what().
  template <typename E>
  static std::optional<std::string> DispatchUntilThrown(amc::Client &c, int timeout_ms = 10000) {
    std::optional<std::string> what;
    WaitUntil(
        [&] {
          try {
            c.dispatch();
          } catch (const E &e) {
            what = e.what();
          }
          return what.has_value();
        },
        timeout_ms);
    return what;
  }

  static Fault Respond(int status, std::vector<std::pair<std::string, std::string>> headers, int times = 1) {
    Fault f;
    f.action = Fault::Action::Respond;
    f.status = status;
    f.headers = std::move(headers);
    f.times = times;
    return f;
  }
  static Fault NeverAnswer() {
    Fault f;
    f.action = Fault::Action::NeverAnswer;
    f.times = -1;
    return f;
  }

  std::unique_ptr<MockServer> server_;
};

}  // namespace cpptest
