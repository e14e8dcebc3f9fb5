// The retry policy: pure functions of their inputs, so they can be tested
// without a network. See README "Retries" for the rules in prose.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>

#include "anthropic_models.h"

namespace am::retry {

// Statuses retried by default: 408, 409, 429 and every status >= 500.
bool status_is_retryable(int http_status);

// `x-should-retry`: "true" / "false" (case-insensitive, surrounding blanks
// ignored); anything else is no opinion.
std::optional<bool> parse_should_retry(std::string_view value);

// `retry-after-ms`: a non-negative float of milliseconds.
std::optional<int64_t> parse_retry_after_ms(std::string_view value);
// `retry-after`: a non-negative float of seconds, or an HTTP-date (IMF-fixdate,
// "Sun, 06 Nov 1994 08:49:37 GMT") taken relative to `now`; past dates give 0.
std::optional<int64_t> parse_retry_after(std::string_view value, std::time_t now);
// The server's requested delay: retry-after-ms wins over retry-after.
std::optional<int64_t> server_delay_ms(std::string_view retry_after_ms, std::string_view retry_after,
                                       std::time_t now);

// min(500 ms * 2^retry_index, 8 s) times a jitter factor in (0.75, 1];
// `unit` is a uniform random number in [0, 1).
int64_t backoff_ms(int retry_index, double unit);

// What one attempt produced, as far as the policy cares.
struct Attempt {
  bool transport_failed = false;       // no HTTP response at all
  am_status transport_status = AM_OK;  // when transport_failed
  int http_status = 0;                 // otherwise
  std::optional<bool> should_retry;    // x-should-retry
  std::optional<int64_t> server_delay_ms;
};

struct Decision {
  bool retry = false;
  int64_t delay_ms = 0;
  bool delay_over_cap = false;  // the server asked for longer than the cap
};

// retries_done: retries already made (0 after the first attempt).
// remaining_ms: time left before the overall deadline, or nullopt for none.
Decision decide(const Attempt &a, int retries_done, int max_retries, int64_t cap_ms, double unit,
                std::optional<int64_t> remaining_ms);

}  // namespace am::retry
