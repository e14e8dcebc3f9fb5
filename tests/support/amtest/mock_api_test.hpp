// The fixture of the C API suites: a fresh mock server per test and clients
// pointed at it, talking to the library only through anthropic_models.h.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "amtest/calls.hpp"
#include "amtest/faults.hpp"
#include "amtest/handles.hpp"
#include "amtest/mock_server_test.hpp"
#include "amtest/secrets.hpp"
#include "amtest/status.hpp"
#include "anthropic_models.h"

namespace amtest {

class MockApiTest : public MockServerTest {
 protected:
  ServerOptions ServerOpts() const override {
    ServerOptions o = MockServerTest::ServerOpts();
    o.threads = 16;
    return o;
  }

  void SetUp() override {
    MockServerTest::SetUp();
    if (HasFatalFailure()) return;
    client_ = MakeClient();
    ASSERT_NE(client_, nullptr);
  }

  void TearDown() override {
    client_.reset();
    MockServerTest::TearDown();
  }

  // Options every test client starts from: no environment, the mock server,
  // the test key, no proxy. `tweak` adjusts them before the client is built.
  OptionsPtr BaseOptions(const std::string &base_url = "") const {
    OptionsPtr o(am_options_new());
    EXPECT_NE(o, nullptr);
    am_options_set_ignore_env(o.get(), 1);
    EXPECT_EQ(AM_OK, am_options_set_base_url(o.get(), (base_url.empty() ? server_->base_url() : base_url).c_str(),
                                             nullptr));
    EXPECT_EQ(AM_OK, am_options_set_api_key(o.get(), kApiKey, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_proxy(o.get(), "", nullptr));
    return o;
  }

  static ClientPtr ClientFrom(const am_options *o) {
    am_client *c = nullptr;
    am_error *e = nullptr;
    am_status st = am_client_new(o, &c, &e);
    ErrorPtr guard(e);
    EXPECT_TRUE(StatusIs(st, e, AM_OK));
    return ClientPtr(c);
  }

  ClientPtr MakeClient(const std::function<void(am_options *)> &tweak = {}, const std::string &base_url = "") const {
    OptionsPtr o = BaseOptions(base_url);
    if (tweak) tweak(o.get());
    return ClientFrom(o.get());
  }

  // A client with a given retry budget.
  ClientPtr RetryClient(int32_t max_retries) const {
    return MakeClient([&](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_max_retries(o, max_retries, nullptr)); });
  }

  MockServer &server() { return *server_; }
  void AddFault(Fault f) { server_->add_fault(std::move(f)); }
  std::vector<LogEntry> Log() const { return server_->log(); }
  size_t Requests() const { return server_->request_count(); }

  ClientPtr client_;
};

}  // namespace amtest
