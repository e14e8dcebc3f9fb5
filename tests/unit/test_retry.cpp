// Retry policy: pure functions in src/retry.hpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "retry.hpp"

using namespace am::retry;

namespace {

// "Sun, 06 Nov 1994 08:49:37 GMT" in Unix seconds.
constexpr std::time_t kRfcExampleTime = 784111777;

int64_t base_for(int n) {
  if (n < 0) n = 0;
  if (n >= 5) return 8000;
  return std::min<int64_t>(500LL << n, 8000);
}

Attempt http(int status) {
  Attempt a;
  a.http_status = status;
  return a;
}

Attempt transport(am_status s) {
  Attempt a;
  a.transport_failed = true;
  a.transport_status = s;
  return a;
}

}  // namespace

TEST(RetryStatus, RetryableStatuses) {
  for (int s : {408, 409, 429, 500, 502, 503, 504, 529, 599})
    EXPECT_TRUE(status_is_retryable(s)) << s;
}

TEST(RetryStatus, NonRetryableStatuses) {
  for (int s : {400, 401, 403, 404, 413, 422, 302, 200})
    EXPECT_FALSE(status_is_retryable(s)) << s;
}

TEST(RetryHeaders, ParseShouldRetry) {
  EXPECT_EQ(parse_should_retry("true"), std::optional<bool>(true));
  EXPECT_EQ(parse_should_retry("FALSE"), std::optional<bool>(false));
  EXPECT_EQ(parse_should_retry("True"), std::optional<bool>(true));
  EXPECT_EQ(parse_should_retry(" true "), std::optional<bool>(true));
  EXPECT_EQ(parse_should_retry("\tfalse\t"), std::optional<bool>(false));
  EXPECT_EQ(parse_should_retry("yes"), std::nullopt);
  EXPECT_EQ(parse_should_retry("1"), std::nullopt);
  EXPECT_EQ(parse_should_retry("truee"), std::nullopt);
  EXPECT_EQ(parse_should_retry(""), std::nullopt);
}

TEST(RetryHeaders, ParseRetryAfterMs) {
  EXPECT_EQ(parse_retry_after_ms("20"), std::optional<int64_t>(20));
  EXPECT_EQ(parse_retry_after_ms("0"), std::optional<int64_t>(0));
  EXPECT_EQ(parse_retry_after_ms("1.5"), std::optional<int64_t>(2));  // rounded up
  EXPECT_EQ(parse_retry_after_ms(" 20 "), std::optional<int64_t>(20));
  for (const char *bad : {"-1", "abc", "1e3", "inf", "nan", "", " ", ".", "0x10", "+5", "1.2.3", "20ms"})
    EXPECT_EQ(parse_retry_after_ms(bad), std::nullopt) << "'" << bad << "'";
}

TEST(RetryHeaders, ParseRetryAfterSeconds) {
  EXPECT_EQ(parse_retry_after("2", kRfcExampleTime), std::optional<int64_t>(2000));
  EXPECT_EQ(parse_retry_after("0.5", kRfcExampleTime), std::optional<int64_t>(500));
  EXPECT_EQ(parse_retry_after("0", kRfcExampleTime), std::optional<int64_t>(0));
  for (const char *bad : {"-2", "abc", "1e3", "inf", "nan", "", "soon"})
    EXPECT_EQ(parse_retry_after(bad, kRfcExampleTime), std::nullopt) << "'" << bad << "'";
}

TEST(RetryHeaders, ParseRetryAfterHttpDate) {
  // 30 s after `now`.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", kRfcExampleTime), std::optional<int64_t>(30000));
  // Exactly `now`.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kRfcExampleTime), std::optional<int64_t>(0));
  // In the past: 0, never negative.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", kRfcExampleTime), std::optional<int64_t>(0));
  // A day later.
  EXPECT_EQ(parse_retry_after("Mon, 07 Nov 1994 08:49:37 GMT", kRfcExampleTime),
            std::optional<int64_t>(86400000));
  // Garbage and near-misses.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:50:07 UTC", kRfcExampleTime), std::nullopt);
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", kRfcExampleTime), std::nullopt);
  EXPECT_EQ(parse_retry_after("not a date at all, really!!!!", kRfcExampleTime), std::nullopt);
}

TEST(RetryHeaders, ServerDelayPrecedence) {
  // retry-after-ms wins when both are valid.
  EXPECT_EQ(server_delay_ms("250", "10", kRfcExampleTime), std::optional<int64_t>(250));
  // Invalid retry-after-ms falls back to retry-after.
  EXPECT_EQ(server_delay_ms("junk", "3", kRfcExampleTime), std::optional<int64_t>(3000));
  EXPECT_EQ(server_delay_ms("", "3", kRfcExampleTime), std::optional<int64_t>(3000));
  EXPECT_EQ(server_delay_ms("", "Sun, 06 Nov 1994 08:49:47 GMT", kRfcExampleTime), std::optional<int64_t>(10000));
  EXPECT_EQ(server_delay_ms("7", "", kRfcExampleTime), std::optional<int64_t>(7));
  EXPECT_EQ(server_delay_ms("", "", kRfcExampleTime), std::nullopt);
  EXPECT_EQ(server_delay_ms("x", "y", kRfcExampleTime), std::nullopt);
}

TEST(RetryBackoff, WithinJitterWindow) {
  for (int n = 0; n <= 6; ++n) {
    const int64_t base = base_for(n);
    for (double unit : {0.0, 0.5, 0.999999}) {
      int64_t ms = backoff_ms(n, unit);
      // Jitter factor in (0.75, 1]: strictly above three quarters of the base.
      EXPECT_GT(static_cast<double>(ms), 0.75 * static_cast<double>(base)) << "n=" << n << " unit=" << unit;
      EXPECT_LE(ms, base) << "n=" << n << " unit=" << unit;
    }
    EXPECT_EQ(backoff_ms(n, 0.0), base) << "n=" << n;
  }
}

TEST(RetryBackoff, ExactBases) {
  EXPECT_EQ(backoff_ms(0, 0.0), 500);
  EXPECT_EQ(backoff_ms(1, 0.0), 1000);
  EXPECT_EQ(backoff_ms(2, 0.0), 2000);
  EXPECT_EQ(backoff_ms(3, 0.0), 4000);
  EXPECT_EQ(backoff_ms(4, 0.0), 8000);
  EXPECT_EQ(backoff_ms(5, 0.0), 8000);
  EXPECT_EQ(backoff_ms(6, 0.0), 8000);
  EXPECT_EQ(backoff_ms(2, 0.5), 1750);  // 2000 * 0.875
}

TEST(RetryBackoff, LargeIndexIsCapped) {
  for (int n : {30, 31, 63, 64, 1000, 2147483647}) {
    for (double unit : {0.0, 0.5, 0.999999}) {
      int64_t ms = backoff_ms(n, unit);
      EXPECT_LE(ms, 8000) << n;
      EXPECT_GE(ms, 6000) << n;
    }
    EXPECT_EQ(backoff_ms(n, 0.0), 8000) << n;
  }
}

TEST(RetryBackoff, OutOfRangeUnitStaysBounded) {
  for (double unit : {1.0, -0.5, 7.0, std::numeric_limits<double>::quiet_NaN(),
                      std::numeric_limits<double>::infinity()}) {
    int64_t ms = backoff_ms(2, unit);
    EXPECT_GE(ms, 1500) << unit;
    EXPECT_LE(ms, 2000) << unit;
  }
}

TEST(RetryBackoff, NegativeIndexIsZero) {
  EXPECT_EQ(backoff_ms(-1, 0.0), 500);
  EXPECT_EQ(backoff_ms(-1000, 0.0), 500);
  EXPECT_EQ(backoff_ms(-1, 0.5), backoff_ms(0, 0.5));
}

TEST(RetryDecide, NonRetryableStatus) {
  for (int s : {400, 401, 403, 404, 413, 422}) {
    Decision d = decide(http(s), 0, 2, 60000, 0.0, std::nullopt);
    EXPECT_FALSE(d.retry) << s;
    EXPECT_FALSE(d.delay_over_cap) << s;
  }
}

TEST(RetryDecide, RetryableStatusUsesBackoff) {
  for (int s : {408, 409, 429, 500, 503, 529}) {
    Decision d = decide(http(s), 0, 2, 60000, 0.0, std::nullopt);
    EXPECT_TRUE(d.retry) << s;
    EXPECT_EQ(d.delay_ms, 500) << s;
  }
  Decision d = decide(http(503), 1, 2, 60000, 0.5, std::nullopt);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, backoff_ms(1, 0.5));
}

TEST(RetryDecide, RetriesExhausted) {
  EXPECT_FALSE(decide(http(503), 2, 2, 60000, 0.0, std::nullopt).retry);
  EXPECT_FALSE(decide(http(503), 3, 2, 60000, 0.0, std::nullopt).retry);
  EXPECT_TRUE(decide(http(503), 1, 2, 60000, 0.0, std::nullopt).retry);
}

TEST(RetryDecide, MaxRetriesZeroNeverRetries) {
  EXPECT_FALSE(decide(http(503), 0, 0, 60000, 0.0, std::nullopt).retry);
  EXPECT_FALSE(decide(transport(AM_ERR_CONNECTION), 0, 0, 60000, 0.0, std::nullopt).retry);
  Attempt a = http(400);
  a.should_retry = true;
  EXPECT_FALSE(decide(a, 0, 0, 60000, 0.0, std::nullopt).retry);
}

TEST(RetryDecide, ShouldRetryHeaderOverridesStatus) {
  Attempt a = http(400);
  a.should_retry = true;
  EXPECT_TRUE(decide(a, 0, 2, 60000, 0.0, std::nullopt).retry);

  Attempt b = http(503);
  b.should_retry = false;
  EXPECT_FALSE(decide(b, 0, 2, 60000, 0.0, std::nullopt).retry);
}

TEST(RetryDecide, TransportFailures) {
  EXPECT_TRUE(decide(transport(AM_ERR_CONNECTION), 0, 2, 60000, 0.0, std::nullopt).retry);
  EXPECT_TRUE(decide(transport(AM_ERR_TIMEOUT), 0, 2, 60000, 0.0, std::nullopt).retry);
  EXPECT_FALSE(decide(transport(AM_ERR_TLS), 0, 2, 60000, 0.0, std::nullopt).retry);
  EXPECT_FALSE(decide(transport(AM_ERR_DECODE), 0, 2, 60000, 0.0, std::nullopt).retry);
  EXPECT_FALSE(decide(transport(AM_ERR_RESPONSE_TOO_LARGE), 0, 2, 60000, 0.0, std::nullopt).retry);
  EXPECT_FALSE(decide(transport(AM_ERR_CANCELLED), 0, 2, 60000, 0.0, std::nullopt).retry);
}

TEST(RetryDecide, ServerDelayUnderCap) {
  Attempt a = http(429);
  a.server_delay_ms = 1234;
  Decision d = decide(a, 0, 2, 60000, 0.5, std::nullopt);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 1234);
  EXPECT_FALSE(d.delay_over_cap);

  a.server_delay_ms = 60000;  // equal to the cap is honoured
  d = decide(a, 0, 2, 60000, 0.5, std::nullopt);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 60000);

  a.server_delay_ms = 0;
  d = decide(a, 0, 2, 60000, 0.5, std::nullopt);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 0);
}

TEST(RetryDecide, ServerDelayOverCap) {
  Attempt a = http(429);
  a.server_delay_ms = 60001;
  Decision d = decide(a, 0, 2, 60000, 0.0, std::nullopt);
  EXPECT_FALSE(d.retry);
  EXPECT_TRUE(d.delay_over_cap);
}

TEST(RetryDecide, DeadlineShorterThanDelay) {
  // Backoff 500 ms, 100 ms left.
  EXPECT_FALSE(decide(http(503), 0, 2, 60000, 0.0, std::optional<int64_t>(100)).retry);
  // Server delay 5000 ms, 1000 ms left.
  Attempt a = http(429);
  a.server_delay_ms = 5000;
  EXPECT_FALSE(decide(a, 0, 2, 60000, 0.0, std::optional<int64_t>(1000)).retry);
  // Plenty of time left: retried.
  EXPECT_TRUE(decide(a, 0, 2, 60000, 0.0, std::optional<int64_t>(100000)).retry);
  EXPECT_TRUE(decide(http(503), 0, 2, 60000, 0.0, std::optional<int64_t>(10000)).retry);
}
