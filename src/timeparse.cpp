#include "timeparse.hpp"

#include <cstring>

namespace am {

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int &out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : d[m - 1];
}

bool valid(int y, int mon, int day, int h, int mi, int s) {
  return mon >= 1 && mon <= 12 && day >= 1 && day <= days_in_month(y, mon) && h <= 23 && mi <= 59 &&
         s <= 60;
}

}  // namespace

int64_t unix_from_civil(int64_t y, int mon, int day, int h, int m, int s) {
  // Howard Hinnant's days_from_civil.
  y -= mon <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  return days * 86400 + h * 3600 + m * 60 + s;
}

std::optional<int64_t> parse_rfc3339(std::string_view s) {
  int y, mon, d, h, mi, sec;
  if (s.size() < 20 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mon) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
    return std::nullopt;
  if (!valid(y, mon, d, h, mi, sec)) return std::nullopt;
  size_t i = 19;
  if (s[i] == '.') {
    ++i;
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return std::nullopt;
  }
  if (i >= s.size()) return std::nullopt;
  int64_t offset = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    int oh, om;
    if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om) ||
        oh > 23 || om > 59)
      return std::nullopt;
    offset = (oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return unix_from_civil(y, mon, d, h, mi, sec) - offset;
}

std::optional<std::time_t> parse_http_date(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": 29 characters exactly.
  static const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT")
    return std::nullopt;
  int d, y, h, mi, sec, mon = 0;
  if (!digits(s, 5, 2, d) || !digits(s, 12, 4, y) || !digits(s, 17, 2, h) || !digits(s, 20, 2, mi) ||
      !digits(s, 23, 2, sec))
    return std::nullopt;
  for (int m = 0; m < 12; ++m)
    if (s.substr(8, 3) == kMonths[m]) mon = m + 1;
  if (mon == 0 || !valid(y, mon, d, h, mi, sec)) return std::nullopt;
  return static_cast<std::time_t>(unix_from_civil(y, mon, d, h, mi, sec));
}

std::optional<int64_t> known_date(const char *rfc3339) {
  if (!rfc3339) return std::nullopt;
  auto t = parse_rfc3339(rfc3339);
  if (!t || *t == 0) return std::nullopt;
  return t;
}

}  // namespace am
