// Checking what a C API call returned: the status, and that the error object
// agrees with it and carries what it should.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "amtest/handles.hpp"
#include "anthropic_models.h"

namespace amtest {

// A status and everything its error carries, for failure messages.
inline std::string Describe(am_status st, const am_error *err) {
  std::ostringstream os;
  os << am_status_name(st) << " (" << st << ")";
  if (err) {
    os << ": message=\"" << Str(am_error_message(err)) << "\" http=" << am_error_http_status(err)
       << " type=" << Str(am_error_type(err)) << " request_id=" << Str(am_error_request_id(err))
       << " attempts=" << am_error_attempts(err) << " retry_after_ms=" << am_error_retry_after_ms(err);
  }
  return os.str();
}

// Checks the returned status, and that the error object agrees with it
// (present with the same status on failure, absent on success).
inline ::testing::AssertionResult StatusIs(am_status got, const am_error *err, am_status want) {
  if (got != want)
    return ::testing::AssertionFailure() << "expected " << am_status_name(want) << ", got " << Describe(got, err);
  if (got == AM_OK && err)
    return ::testing::AssertionFailure() << "AM_OK but *err was set: " << Describe(got, err);
  if (got != AM_OK && !err) return ::testing::AssertionFailure() << "failed without an error object";
  if (got != AM_OK && am_error_status(err) != got)
    return ::testing::AssertionFailure() << "returned " << got << " but the error says " << Describe(got, err);
  return ::testing::AssertionSuccess();
}

// For anything with .status and .err (an ErrorPtr).
#define AM_ASSERT_OK(r) ASSERT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), AM_OK))
#define AM_EXPECT_OK(r) EXPECT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), AM_OK))
#define AM_ASSERT_STATUS(r, want) ASSERT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), (want)))
#define AM_EXPECT_STATUS(r, want) EXPECT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), (want)))

// The mock server's own id format for request ids.
inline bool IsMockRequestId(const char *rid) { return rid && std::string(rid).rfind("req_mock_", 0) == 0; }

// Checks an API error: status, HTTP status, error type, a non-empty message,
// the request id (by default: one the mock server made up) and the attempts made.
inline void ExpectApiError(const am_error *err, am_status status, int http, const char *type, int attempts,
                           const char *request_id = nullptr) {
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(am_error_status(err), status) << Describe(am_error_status(err), err);
  EXPECT_EQ(am_error_http_status(err), http) << Describe(am_error_status(err), err);
  if (type)
    EXPECT_EQ(Str(am_error_type(err)), type) << Describe(am_error_status(err), err);
  else
    EXPECT_EQ(am_error_type(err), nullptr) << Describe(am_error_status(err), err);
  ASSERT_NE(am_error_message(err), nullptr);
  EXPECT_STRNE(am_error_message(err), "");
  if (request_id)
    EXPECT_EQ(Str(am_error_request_id(err)), request_id);
  else
    EXPECT_TRUE(IsMockRequestId(am_error_request_id(err))) << Str(am_error_request_id(err));
  EXPECT_EQ(am_error_attempts(err), attempts) << Describe(am_error_status(err), err);
}

// Checks a failure without an HTTP response (connection, timeout, reset...):
// no HTTP status, no API error type, no retry hint, a non-empty message and
// the attempts made.
inline void ExpectTransportError(const am_error *err, am_status status, int attempts) {
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(am_error_status(err), status) << Describe(am_error_status(err), err);
  EXPECT_EQ(am_error_http_status(err), 0) << Describe(am_error_status(err), err);
  EXPECT_EQ(am_error_type(err), nullptr) << Describe(am_error_status(err), err);
  ASSERT_NE(am_error_message(err), nullptr);
  EXPECT_STRNE(am_error_message(err), "");
  EXPECT_EQ(am_error_attempts(err), attempts) << Describe(am_error_status(err), err);
  EXPECT_EQ(am_error_retry_after_ms(err), -1) << Describe(am_error_status(err), err);
}

}  // namespace amtest
