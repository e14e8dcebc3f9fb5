#include "retry.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "timeparse.hpp"

namespace am::retry {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A plain non-negative decimal number ("12", "1.5", ".5"); no exponent, sign,
// hex, inf or nan, so strtod's extras cannot sneak in.
std::optional<double> parse_plain_number(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 32) return std::nullopt;
  bool digit = false, dot = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c == '.' && !dot) dot = true;
    else return std::nullopt;
  }
  if (!digit) return std::nullopt;
  std::string tmp(s);
  return std::strtod(tmp.c_str(), nullptr);
}

constexpr double kMaxDelayMs = 1e15;  // far beyond any cap; keeps int64 safe

int64_t clamp_ms(double ms) {
  if (!(ms >= 0)) return 0;
  if (ms > kMaxDelayMs) ms = kMaxDelayMs;
  return static_cast<int64_t>(std::ceil(ms));
}

}  // namespace

bool status_is_retryable(int http) {
  return http == 408 || http == 409 || http == 429 || http >= 500;
}

std::optional<bool> parse_should_retry(std::string_view v) {
  v = trim(v);
  auto eq = [](std::string_view a, const char *b) {
    std::string_view bv(b);
    if (a.size() != bv.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != bv[i]) return false;
    return true;
  };
  if (eq(v, "true")) return true;
  if (eq(v, "false")) return false;
  return std::nullopt;
}

std::optional<int64_t> parse_retry_after_ms(std::string_view v) {
  auto n = parse_plain_number(v);
  if (!n) return std::nullopt;
  return clamp_ms(*n);
}

std::optional<int64_t> parse_retry_after(std::string_view v, std::time_t now) {
  if (auto n = parse_plain_number(v)) return clamp_ms(*n * 1000.0);
  if (auto t = parse_http_date(trim(v))) {
    double diff = std::difftime(*t, now);
    return clamp_ms(diff * 1000.0);
  }
  return std::nullopt;
}

std::optional<int64_t> server_delay_ms(std::string_view ms, std::string_view ra, std::time_t now) {
  if (auto d = parse_retry_after_ms(ms)) return d;
  return parse_retry_after(ra, now);
}

int64_t backoff_ms(int retry_index, double unit) {
  if (retry_index < 0) retry_index = 0;
  double base = retry_index >= 5 ? 8000.0 : 500.0 * static_cast<double>(1 << retry_index);
  if (base > 8000.0) base = 8000.0;
  if (!(unit >= 0.0) || unit >= 1.0) unit = 0.0;
  double jitter = 1.0 - 0.25 * unit;  // (0.75, 1]
  return static_cast<int64_t>(std::ceil(base * jitter));  // ceil keeps it above 0.75 * base
}

Decision decide(const Attempt &a, int retries_done, int max_retries, int64_t cap_ms, double unit,
                std::optional<int64_t> remaining_ms) {
  Decision d;
  bool retryable;
  if (a.transport_failed) {
    retryable = a.transport_status == AM_ERR_CONNECTION || a.transport_status == AM_ERR_TIMEOUT;
  } else if (a.should_retry) {
    retryable = *a.should_retry;
  } else {
    retryable = status_is_retryable(a.http_status);
  }
  if (!retryable || retries_done >= max_retries) return d;
  if (a.server_delay_ms) {
    if (*a.server_delay_ms > cap_ms) {
      d.delay_over_cap = true;
      return d;
    }
    d.delay_ms = *a.server_delay_ms;
  } else {
    d.delay_ms = backoff_ms(retries_done, unit);
  }
  if (remaining_ms && d.delay_ms >= *remaining_ms) return d;  // would overshoot the deadline
  d.retry = true;
  return d;
}

}  // namespace am::retry
