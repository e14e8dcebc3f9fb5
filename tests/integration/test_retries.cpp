// The retry policy as seen over HTTP: which responses are retried, how many
// times, and how server-requested delays are honoured.
#include <ctime>

#include "amtest/catalog_oracle.hpp"
#include "amtest/mock_api_test.hpp"

namespace amtest {
namespace {

using RetryTest = MockApiTest;

constexpr char kModel[] = "claude-opus-4-6";

TEST_F(RetryTest, ServerErrorTwiceThenSuccess) {
  AddFault(Respond(500, {RetryAfterMs(5)}, "", 2));
  auto r = Get(client_.get(), kModel);
  AM_ASSERT_OK(r);
  EXPECT_EQ(Str(am_model_id(r.value.get())), kModel);
  EXPECT_EQ(Requests(), 3u);
  EXPECT_LT(r.seconds, 2.0);
}

TEST_F(RetryTest, GivesUpAfterMaxRetries) {
  auto c = RetryClient(2);
  AddFault(Respond(500, {RetryAfterMs(5), {"request-id", "req_mock_last"}}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_SERVER);
  ExpectApiError(r.e(), AM_ERR_SERVER, 500, "api_error", 3, "req_mock_last");
  EXPECT_EQ(am_error_retry_after_ms(r.e()), 5);
  EXPECT_EQ(Requests(), 3u);
}

TEST_F(RetryTest, ListAllRetriesEachPage) {
  AddFault(Respond(503, {RetryAfterMs(5)}, "", 1));
  auto r = ListAll(client_.get());
  AM_ASSERT_OK(r);
  EXPECT_EQ(Ids(r.value.get()), ExpectedIds(0));
  EXPECT_EQ(Requests(), 2u);
}

TEST_F(RetryTest, ZeroRetriesMeansOneRequest) {
  auto c = RetryClient(0);
  AddFault(Respond(500, {RetryAfterMs(5)}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_SERVER);
  ExpectApiError(r.e(), AM_ERR_SERVER, 500, "api_error", 1);
  EXPECT_EQ(Requests(), 1u);
}

// Responses retried after a short server-requested delay, then success.
struct RetriedCase {
  const char *name;
  int http;
  Headers headers;
};

const RetriedCase kRetried[] = {
    {"rate_limited_retry_after_ms", 429, {RetryAfterMs(10)}},
    {"rate_limited_retry_after_seconds", 429, {{"retry-after", "0.01"}}},
    {"overloaded", 529, {RetryAfterMs(5)}},
    {"conflict", 409, {RetryAfterMs(5)}},
    {"should_retry_true_on_400", 400, {{"x-should-retry", "true"}, RetryAfterMs(5)}},
};

void PrintTo(const RetriedCase &c, std::ostream *os) { *os << c.name; }

class RetriedTest : public MockApiTest, public ::testing::WithParamInterface<RetriedCase> {};

TEST_P(RetriedTest, RetriedThenOk) {
  const RetriedCase &c = GetParam();
  AddFault(Respond(c.http, c.headers, "", 1));
  auto r = Get(client_.get(), kModel);
  AM_ASSERT_OK(r);
  EXPECT_EQ(Requests(), 2u);
  EXPECT_LT(r.seconds, 2.0);
}

INSTANTIATE_TEST_SUITE_P(Retried, RetriedTest, ::testing::ValuesIn(kRetried),
                         [](const ::testing::TestParamInfo<RetriedCase> &i) { return std::string(i.param.name); });

// Responses that must not be retried at all.
struct NotRetriedCase {
  const char *name;
  int http;
  Headers headers;
  am_status status;
};

const NotRetriedCase kNotRetried[] = {
    {"should_retry_false_on_503", 503, {kNoRetry, RetryAfterMs(5)}, AM_ERR_SERVER},
    {"not_found_with_retry_after", 404, {RetryAfterMs(5)}, AM_ERR_NOT_FOUND},
    {"not_found", 404, {}, AM_ERR_NOT_FOUND},
    {"bad_request", 400, {}, AM_ERR_BAD_REQUEST},
    {"unauthorized", 401, {}, AM_ERR_AUTHENTICATION},
    {"forbidden", 403, {}, AM_ERR_PERMISSION},
};

void PrintTo(const NotRetriedCase &c, std::ostream *os) { *os << c.name; }

class NotRetriedTest : public MockApiTest, public ::testing::WithParamInterface<NotRetriedCase> {};

TEST_P(NotRetriedTest, OneRequestOnly) {
  const NotRetriedCase &c = GetParam();
  AddFault(Respond(c.http, c.headers, "", -1));
  auto r = Get(client_.get(), kModel);
  AM_ASSERT_STATUS(r, c.status);
  EXPECT_EQ(am_error_http_status(r.e()), c.http);
  EXPECT_EQ(am_error_attempts(r.e()), 1);
  EXPECT_EQ(Requests(), 1u);
}

INSTANTIATE_TEST_SUITE_P(NotRetried, NotRetriedTest, ::testing::ValuesIn(kNotRetried),
                         [](const ::testing::TestParamInfo<NotRetriedCase> &i) { return std::string(i.param.name); });

TEST_F(RetryTest, DelayAboveTheDefaultCapStopsAtOnce) {
  AddFault(Respond(429, {RetryAfterMs(120000), {"request-id", "req_mock_slow_down"}}, "", -1));
  auto r = Get(client_.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_RATE_LIMITED);
  ExpectApiError(r.e(), AM_ERR_RATE_LIMITED, 429, "rate_limit_error", 1, "req_mock_slow_down");
  EXPECT_EQ(am_error_retry_after_ms(r.e()), 120000);
  EXPECT_EQ(Requests(), 1u);
  EXPECT_LT(r.seconds, 2.0);
}

TEST_F(RetryTest, DelayAboveACustomCapStopsAtOnce) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_retry_after_cap_ms(o, 50, nullptr)); });
  AddFault(Respond(429, {RetryAfterMs(100)}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_RATE_LIMITED);
  EXPECT_EQ(am_error_retry_after_ms(r.e()), 100);
  EXPECT_EQ(am_error_attempts(r.e()), 1);
  EXPECT_EQ(Requests(), 1u);
}

TEST_F(RetryTest, RetryAfterSecondsAboveTheCap) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_retry_after_cap_ms(o, 50, nullptr)); });
  AddFault(Respond(503, {{"retry-after", "3"}}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_SERVER);
  EXPECT_EQ(am_error_retry_after_ms(r.e()), 3000);
  EXPECT_EQ(Requests(), 1u);
}

TEST_F(RetryTest, RetryAfterHttpDateIsHonoured) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_retry_after_cap_ms(o, 60000, nullptr)); });
  AddFault(Respond(503, {{"retry-after", HttpDate(std::time(nullptr) + 2)}}, "", 1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_OK(r);
  EXPECT_EQ(Requests(), 2u);
  EXPECT_GE(r.seconds, 0.5);
  EXPECT_LT(r.seconds, 5.0);
}

// The only test that sleeps through the built-in backoff (~0.375-0.5 s first).
TEST_F(RetryTest, DefaultBackoff) {
  AddFault(Respond(500, {}, "", 1));
  auto r = Get(client_.get(), kModel);
  AM_ASSERT_OK(r);
  EXPECT_EQ(Requests(), 2u);
  EXPECT_GE(r.seconds, 0.3);
  EXPECT_LE(r.seconds, 2.5);
}

}  // namespace
}  // namespace amtest
