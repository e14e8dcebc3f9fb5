// The credentials the tests hand the library, and the checks that they never
// come back out: not in an error, a log line, or a program's output.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "anthropic_models.h"

namespace amtest {

inline constexpr char kApiKey[] = "sk-ant-test-SECRET-123";
inline constexpr char kAuthToken[] = "sk-ant-oat-test-TOKEN-456";

// Success when `text` contains neither credential; the failure names the one
// that leaked and shows the text.
inline ::testing::AssertionResult FreeOfSecrets(const std::string &text) {
  if (text.find(kApiKey) != std::string::npos) return ::testing::AssertionFailure() << "API key leaked: " << text;
  if (text.find(kAuthToken) != std::string::npos)
    return ::testing::AssertionFailure() << "auth token leaked: " << text;
  return ::testing::AssertionSuccess();
}

// Every text of an error: message, type and request id (a null error has none).
inline void ExpectNoSecrets(const am_error *err) {
  if (!err) return;
  EXPECT_TRUE(FreeOfSecrets(am_error_message(err) ? am_error_message(err) : "")) << "in am_error_message";
  EXPECT_TRUE(FreeOfSecrets(am_error_type(err) ? am_error_type(err) : "")) << "in am_error_type";
  EXPECT_TRUE(FreeOfSecrets(am_error_request_id(err) ? am_error_request_id(err) : "")) << "in am_error_request_id";
}

}  // namespace amtest
