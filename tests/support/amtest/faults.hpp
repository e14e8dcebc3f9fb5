// Builders for the mock server's faults and for what faulty responses carry
// (error bodies, retry hints).
#pragma once

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "mock_server.hpp"

namespace amtest {

using am::mock::Fault;
using Headers = std::vector<std::pair<std::string, std::string>>;

inline const std::pair<std::string, std::string> kNoRetry{"x-should-retry", "false"};
inline std::pair<std::string, std::string> RetryAfterMs(long ms) { return {"retry-after-ms", std::to_string(ms)}; }

// An HTTP date (IMF-fixdate), as in a Retry-After header.
inline std::string HttpDate(std::time_t t) {
  char buf[64];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// The API's error body.
inline std::string ErrorBody(const std::string &type, const std::string &message) {
  return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
}

// Answers `times` requests (-1: all) with this status, headers and body (an
// empty body: the server's standard error body for the status).
inline Fault Respond(int status, Headers headers = {}, std::string body = "", int times = 1) {
  Fault f;
  f.action = Fault::Action::Respond;
  f.status = status;
  f.headers = std::move(headers);
  f.body = std::move(body);
  f.times = times;
  return f;
}

// Any other action, with its defaults.
inline Fault Act(Fault::Action action, int times = 1) {
  Fault f;
  f.action = action;
  f.times = times;
  return f;
}

// Holds requests without answering until the server stops.
inline Fault NeverAnswer(int times = 1) { return Act(Fault::Action::NeverAnswer, times); }

// A server-side delay before the normal answer.
inline Fault Delay(int ms, int times = -1) {
  Fault f;
  f.delay_ms = ms;
  f.pass_through = true;
  f.times = times;
  return f;
}

}  // namespace amtest
