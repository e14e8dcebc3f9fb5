// Shared fixture for the C++ wrapper tests: a fresh in-process mock API server
// per test and wrapper Options pointed at it. Talks to the library only
// through include/anthropic_models.hpp (and so the C header).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "amtest/faults.hpp"
#include "amtest/mock_server_test.hpp"
#include "amtest/secrets.hpp"
#include "amtest/time_scale.hpp"
#include "anthropic_models.hpp"

namespace cpptest {

// `am` is the library's internal namespace (and the mock server's), so the
// tests use their own short alias.
namespace amc = anthropic_models;

using amtest::Fault;
using amtest::kApiKey;
using amtest::NeverAnswer;
using amtest::Respond;
using amtest::ServerOptions;
using amtest::TimeScale;
using amtest::WaitUntil;

class CppWrapperTest : public amtest::MockServerTest {
 protected:
  ServerOptions ServerOpts() const override {
    ServerOptions o = MockServerTest::ServerOpts();
    o.api_key = kApiKey;  // the server refuses any other credential
    o.threads = 8;
    return o;
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
};

}  // namespace cpptest
