// Date parsing: src/timeparse.hpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "timeparse.hpp"

using am::parse_http_date;
using am::parse_rfc3339;

namespace {
constexpr int64_t k20250929 = 1759104000;  // 2025-09-29T00:00:00Z
}

TEST(TimeCivil, KnownValues) {
  EXPECT_EQ(am::unix_from_civil(1970, 1, 1, 0, 0, 0), 0);
  EXPECT_EQ(am::unix_from_civil(2025, 9, 29, 0, 0, 0), k20250929);
  EXPECT_EQ(am::unix_from_civil(2000, 3, 1, 0, 0, 0), 951868800);
  EXPECT_EQ(am::unix_from_civil(1969, 12, 31, 23, 59, 59), -1);
  EXPECT_EQ(am::unix_from_civil(2038, 1, 19, 3, 14, 8), INT64_C(2147483648));
}

TEST(TimeRfc3339, Basic) {
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00Z"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), std::optional<int64_t>(0));
  EXPECT_EQ(parse_rfc3339("2026-02-04T00:00:00Z"), std::optional<int64_t>(1770163200));
  EXPECT_EQ(parse_rfc3339("2025-02-19T12:34:56Z"), std::optional<int64_t>(1739968496));
}

TEST(TimeRfc3339, FractionalSeconds) {
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00.5Z"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00.999999999Z"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:01.000+00:00"), std::optional<int64_t>(k20250929 + 1));
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00.Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00.5"), std::nullopt);
}

TEST(TimeRfc3339, Offsets) {
  EXPECT_EQ(parse_rfc3339("2025-09-29T02:00:00+02:00"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("2025-09-28T18:30:00-05:30"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00+00:00"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00-00:00"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("2025-09-29T00:00:00.25+01:00"), std::optional<int64_t>(k20250929 - 3600));
}

TEST(TimeRfc3339, LowercaseSeparators) {
  EXPECT_EQ(parse_rfc3339("2025-09-29t00:00:00z"), std::optional<int64_t>(k20250929));
  EXPECT_EQ(parse_rfc3339("2025-09-29t00:00:00Z"), std::optional<int64_t>(k20250929));
}

TEST(TimeRfc3339, LeapYears) {
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), std::optional<int64_t>(1709164800));
  EXPECT_EQ(parse_rfc3339("2000-02-29T00:00:00Z"), std::optional<int64_t>(951782400));
  EXPECT_EQ(parse_rfc3339("2023-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("1900-02-29T00:00:00Z"), std::nullopt);
}

TEST(TimeRfc3339, InvalidDates) {
  for (const char *bad : {
           "2025-02-30T00:00:00Z",   // Feb 30
           "2025-04-31T00:00:00Z",   // Apr 31
           "2025-13-01T00:00:00Z",   // month 13
           "2025-00-10T00:00:00Z",   // month 0
           "2025-01-00T00:00:00Z",   // day 0
           "2025-01-32T00:00:00Z",   // day 32
           "2025-09-29T24:00:00Z",   // hour 24
           "2025-09-29T23:60:00Z",   // minute 60
           "2025-09-29T23:59:61Z",   // second 61
       })
    EXPECT_EQ(parse_rfc3339(bad), std::nullopt) << bad;
}

TEST(TimeRfc3339, InvalidSyntax) {
  for (const char *bad : {
           "2025-09-29T00:00:00",     // missing zone
           "2025-09-29T00:00:00ZZ",   // trailing junk
           "2025-09-29T00:00:00Z ",   // trailing blank
           "2025-09-29T00:00:00+02:00x",
           "2025-09-29T00:00:00+02",  // short offset
           "2025-09-29T00:00:00+0200",
           "2025-09-29T00:00:00+24:00",
           "2025-09-29T00:00:00+02:60",
           "2025-09-29T00:00:00UTC",
           "2025-09-29",              // short strings
           "2025-09-29T00:00Z",
           "",
           "Z",
           "2025/09/29T00:00:00Z",
           "2025-09-29X00:00:00Z",
           "25-09-29T00:00:00Z",
           "2025-9-29T00:00:00Z",
           "+025-09-29T00:00:00Z",
           "2025-09-29T00:00:0aZ",
           " 2025-09-29T00:00:00Z",
       })
    EXPECT_EQ(parse_rfc3339(bad), std::nullopt) << "'" << bad << "'";
}

TEST(TimeHttpDate, Valid) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), std::optional<std::time_t>(784111777));
  EXPECT_EQ(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), std::optional<std::time_t>(0));
  EXPECT_EQ(parse_http_date("Mon, 29 Sep 2025 00:00:00 GMT"), std::optional<std::time_t>(k20250929));
  EXPECT_EQ(parse_http_date("Thu, 29 Feb 2024 23:59:59 GMT"), std::optional<std::time_t>(1709251199));
}

TEST(TimeHttpDate, Invalid) {
  for (const char *bad : {
           "06 Nov 1994 08:49:37 GMT Sun,",   // weekday in the wrong place
           "06 Nov 1994, Sun 08:49:37 GMT",
           "Sun, 06 Foo 1994 08:49:37 GMT",   // bad month
           "Sun, 06 nov 1994 08:49:37 GMT",
           "Sun, 06 Nov 1994 08:49:37 UTC",   // not GMT
           "Sun, 06 Nov 1994 08:49:37 +0000",
           "Sun, 06 Nov 1994 08:49:37 GMT ",  // trailing blank
           "Sun, 6 Nov 1994 08:49:37 GMT",    // one-digit day
           "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850
           "Sun Nov  6 08:49:37 1994",        // asctime
           "Sun, 31 Feb 1994 08:49:37 GMT",   // no such day
           "Sun, 06 Nov 1994 24:49:37 GMT",
           "Sun, 06 Nov 1994 08:60:37 GMT",
           "Sun, 06 Nov 1994 08:49:3x GMT",
           "Sun, 06 Nov 94 08:49:37 GMT",
           "",
           "GMT",
       })
    EXPECT_EQ(parse_http_date(bad), std::nullopt) << "'" << bad << "'";
}
