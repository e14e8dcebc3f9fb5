// Starting the in-process mock API server: a fixture that runs one per test,
// and helpers for the extra servers some tests need.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "mock_server.hpp"

#ifndef AM_TEST_CATALOG
#error "AM_TEST_CATALOG must name the catalog file the mock server serves"
#endif

namespace amtest {

using am::mock::LogEntry;
using am::mock::MockServer;
using am::mock::ServerOptions;

// The options every test server starts from: the test catalog on 127.0.0.1.
inline ServerOptions TestServerOptions() {
  ServerOptions o;
  o.catalog_path = AM_TEST_CATALOG;
  o.host = "127.0.0.1";
  return o;
}

// Starts `server`; the failure carries the server's reason.
inline ::testing::AssertionResult Started(MockServer &server) {
  std::string err;
  if (server.start(&err)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "mock server did not start: " << err;
}

// A loopback URL where nothing listens: a server's port, after it stopped.
inline std::string RefusedUrl(const ServerOptions &o = TestServerOptions()) {
  MockServer gone(o);
  EXPECT_TRUE(Started(gone));
  std::string url = gone.base_url();
  gone.stop();
  return url;
}

// Starts a fresh mock server for each test and stops it afterwards.
class MockServerTest : public ::testing::Test {
 protected:
  // Suites adjust the server (synthetic models, a required key, threads...).
  virtual ServerOptions ServerOpts() const { return TestServerOptions(); }

  void SetUp() override {
    server_ = std::make_unique<MockServer>(ServerOpts());
    ASSERT_TRUE(Started(*server_));
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  std::unique_ptr<MockServer> server_;
};

}  // namespace amtest
