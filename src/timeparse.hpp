// Date parsing without locales or the C library's global state.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>

namespace am {

// Seconds since the Unix epoch of a proleptic Gregorian UTC date and time.
int64_t unix_from_civil(int64_t y, int mon, int day, int h, int m, int s);

// RFC 3339 ("2025-09-29T00:00:00Z", "2025-09-29T00:00:00.5+02:00").
std::optional<int64_t> parse_rfc3339(std::string_view s);

// A model's date field (created_at, deprecated_at, retires_at) as Unix
// seconds: none when absent or unreadable, and the epoch itself marks an
// unknown date (servers send it for "not set").
std::optional<int64_t> known_date(const char *rfc3339);

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form HTTP requires senders to use.
std::optional<std::time_t> parse_http_date(std::string_view s);

}  // namespace am
