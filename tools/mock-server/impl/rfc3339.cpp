#include "impl/rfc3339.hpp"

namespace am {
namespace mock {
namespace detail {

namespace {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = m > 2 ? m - 3 : m + 9;
  const unsigned doy = (153 * mp + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

bool parse_rfc3339(const std::string& s, int64_t* secs, int32_t* nanos) {
  auto digits = [&](size_t pos, size_t n, int* v) {
    if (pos + n > s.size()) return false;
    int x = 0;
    for (size_t i = 0; i < n; ++i) {
      char c = s[pos + i];
      if (c < '0' || c > '9') return false;
      x = x * 10 + (c - '0');
    }
    *v = x;
    return true;
  };
  int Y, M, D, h, m, sec;
  if (!digits(0, 4, &Y) || s.size() < 20 || s[4] != '-' || !digits(5, 2, &M) || s[7] != '-' ||
      !digits(8, 2, &D) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, &h) ||
      s[13] != ':' || !digits(14, 2, &m) || s[16] != ':' || !digits(17, 2, &sec))
    return false;
  if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60) return false;
  size_t p = 19;
  int32_t ns = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    size_t start = p;
    int32_t scale = 100000000;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      ns += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
    if (p == start) return false;
  }
  if (p >= s.size()) return false;
  int64_t offset = 0;
  if (s[p] == 'Z' || s[p] == 'z') {
    ++p;
  } else if (s[p] == '+' || s[p] == '-') {
    int oh, om;
    if (!digits(p + 1, 2, &oh) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(p + 4, 2, &om))
      return false;
    offset = (oh * 60 + om) * 60;
    if (s[p] == '-') offset = -offset;
    p += 6;
  } else {
    return false;
  }
  if (p != s.size()) return false;
  *secs = days_from_civil(Y, static_cast<unsigned>(M), static_cast<unsigned>(D)) * 86400 +
          h * 3600 + m * 60 + sec - offset;
  *nanos = ns;
  return true;
}

}  // namespace detail
}  // namespace mock
}  // namespace am
