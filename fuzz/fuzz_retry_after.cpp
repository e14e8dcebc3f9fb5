// libFuzzer target: the retry-after headers (src/retry.hpp) and the date
// parsers behind them (src/timeparse.hpp).
//
// Besides crashes it checks the parsers against timegm, both ways: what they
// accept means what timegm says, and a valid date made from the input's hash
// is accepted in both forms.
//
// Input: "<retry-after-ms>\n<retry-after>\n<now>" — `now` is a decimal
// integer (any 64-bit value, wrapping); missing parts are empty / 0.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

#include "fuzz_common.hpp"
#include "retry.hpp"
#include "timeparse.hpp"

namespace {

std::string_view next_line(std::string_view &rest) {
  size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

std::time_t parse_now(std::string_view s) {
  bool neg = !s.empty() && s[0] == '-';
  uint64_t v = 0;
  for (size_t i = neg ? 1 : 0; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i)
    v = v * 10 + static_cast<uint64_t>(s[i] - '0');  // wraps: any int64 is reachable
  if (neg) v = ~v + 1;
  return static_cast<std::time_t>(static_cast<int64_t>(v));
}

constexpr int64_t kMaxDelayMs = 1000000000000000;  // retry.cpp's clamp (1e15)
// unix_from_civil(0, 1, 1, 0, 0, 0) and (9999, 12, 31, 23, 59, 60), one day of offset either way.
constexpr int64_t kMinTime = -62167219200 - 86400;
constexpr int64_t kMaxTime = 253402300800 + 86400;

void check_delay(const std::optional<int64_t> &d) {
  if (d) FUZZ_CHECK(*d >= 0 && *d <= kMaxDelayMs);
}

// timegm from the fields: an independent oracle for the date parsers
// (glibc's timegm is proleptic Gregorian for every year).
int64_t oracle(int y, int mon, int d, int h, int mi, int sec) {
  struct tm t {};
  t.tm_year = y - 1900;
  t.tm_mon = mon - 1;
  t.tm_mday = d;
  t.tm_hour = h;
  t.tm_min = mi;
  t.tm_sec = sec;
  return static_cast<int64_t>(timegm(&t));
}

int num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

int month_of(std::string_view name) {
  static const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int m = 0; m < 12; ++m)
    if (name == kMonths[m]) return m + 1;
  return 0;
}

// What the parsers accepted must mean what the oracle says it means.
void check_dates(std::string_view v) {
  if (auto t = am::parse_http_date(v)) {
    int mon = month_of(v.substr(8, 3));
    FUZZ_CHECK(mon != 0);
    FUZZ_CHECK(*t == oracle(num(v, 12, 4), mon, num(v, 5, 2), num(v, 17, 2), num(v, 20, 2), num(v, 23, 2)));
  }
  if (auto t = am::parse_rfc3339(v)) {
    size_t z = v.find_first_of("Zz+-", 19);
    FUZZ_CHECK(z != std::string_view::npos);
    int64_t offset = 0;
    if (v[z] == '+' || v[z] == '-') {
      FUZZ_CHECK(v.size() == z + 6);
      offset = (num(v, z + 1, 2) * 3600 + num(v, z + 4, 2) * 60) * (v[z] == '+' ? 1 : -1);
    } else {
      FUZZ_CHECK(v.size() == z + 1);
    }
    FUZZ_CHECK(*t == oracle(num(v, 0, 4), num(v, 5, 2), num(v, 8, 2), num(v, 11, 2), num(v, 14, 2),
                            num(v, 17, 2)) - offset);
  }
}

// The other direction: a valid date built from the input must be accepted,
// in both forms, with the oracle's value.
void check_valid_date(std::string_view in) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a of the input
  for (unsigned char c : in) h = (h ^ c) * 1099511628211ULL;
  auto take = [&h](uint64_t n) {
    uint64_t v = h % n;
    h /= n;
    return static_cast<int>(v);
  };
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = take(10000), mon = take(12) + 1;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int d = take(static_cast<uint64_t>(kDays[mon - 1] + (mon == 2 && leap))) + 1;
  int hh = take(24), mi = take(60), sec = take(61);
  int oh = take(24), om = take(60), sign = take(3);  // 0: Z, 1: +, 2: -
  int frac = take(4);                                 // digits of fraction
  static const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "Sun, %02d %s %04d %02d:%02d:%02d GMT", d, kMonths[mon - 1], y, hh, mi, sec);
  auto t = am::parse_http_date(buf);
  FUZZ_CHECK(t && *t == oracle(y, mon, d, hh, mi, sec));
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, mon, d, hh, mi, sec,
                        frac ? std::string(".123456789").substr(0, static_cast<size_t>(frac) * 3).c_str() : "");
  if (sign == 0)
    std::snprintf(buf + n, sizeof buf - static_cast<size_t>(n), "Z");
  else
    std::snprintf(buf + n, sizeof buf - static_cast<size_t>(n), "%c%02d:%02d", sign == 1 ? '+' : '-', oh, om);
  int64_t offset = sign == 0 ? 0 : (oh * 3600 + om * 60) * (sign == 1 ? 1 : -1);
  auto r = am::parse_rfc3339(buf);
  FUZZ_CHECK(r && *r == oracle(y, mon, d, hh, mi, sec) - offset);
}

void check_one(std::string_view v, std::time_t now) {
  check_dates(v);
  auto ms = am::retry::parse_retry_after_ms(v);
  auto ra = am::retry::parse_retry_after(v, now);
  check_delay(ms);
  check_delay(ra);
  if (auto sr = am::retry::parse_should_retry(v)) FUZZ_CHECK(v.size() >= 4);
  if (auto t = am::parse_http_date(v)) {
    FUZZ_CHECK(v.size() == 29);
    FUZZ_CHECK(*t >= kMinTime && *t <= kMaxTime);
  }
  if (auto t = am::parse_rfc3339(v)) FUZZ_CHECK(*t >= kMinTime && *t <= kMaxTime);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  std::string_view rest = input;
  std::string_view ms = next_line(rest);
  std::string_view ra = next_line(rest);
  std::time_t now = parse_now(next_line(rest));

  auto d = am::retry::server_delay_ms(ms, ra, now);
  check_delay(d);
  // retry-after-ms wins over retry-after.
  auto want = am::retry::parse_retry_after_ms(ms);
  if (!want) want = am::retry::parse_retry_after(ra, now);
  FUZZ_CHECK(d == want);

  check_one(ms, now);
  check_one(ra, now);
  check_one(input, now);
  // The parsers must not depend on what lies past the view.
  if (size > 1) check_one(input.substr(1, size - 2), now);
  check_valid_date(input);
  return 0;
}
