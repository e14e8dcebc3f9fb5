// The fault catalogue: one test per way the API server or the network can
// misbehave. Each test makes one call through the public C API against the
// in-process mock server and asserts the exact outcome: the am_status, the
// HTTP status where there is one, the attempts the library reports, the
// requests the server logged, and that the call returned in bounded time.
// Every error is also checked for the client's credentials, which must never
// appear in its message, type or request id.
//
// Retry delays are kept short with `retry-after-ms`; faults that carry no
// delay (transport failures) use small retry budgets, because they wait for
// the built-in backoff (0.375-0.5 s before the first retry).
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <fstream>
#include <thread>

#include "amtest/mock_api_test.hpp"
#include "amtest/request_log.hpp"
#include "amtest/time_scale.hpp"

namespace amtest {
namespace {

constexpr char kModel[] = "claude-opus-4-6";

// ---------------------------------------------------------------- helpers

// A failure about a response: its HTTP status and request id are reported.
void ExpectResponse(const am_error *err, am_status status, int http, int attempts) {
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(am_error_status(err), status) << Describe(am_error_status(err), err);
  EXPECT_EQ(am_error_http_status(err), http) << Describe(am_error_status(err), err);
  ASSERT_NE(am_error_message(err), nullptr);
  EXPECT_STRNE(am_error_message(err), "");
  EXPECT_TRUE(IsMockRequestId(am_error_request_id(err))) << Describe(am_error_status(err), err);
  EXPECT_EQ(am_error_attempts(err), attempts) << Describe(am_error_status(err), err);
}

std::string Message(const am_error *err) { return err ? Str(am_error_message(err)) : std::string(); }

bool Contains(const std::string &s, const std::string &part) { return s.find(part) != std::string::npos; }

// A field of /proc/self/status in KiB ("VmHWM", "VmRSS"), or -1.
long ProcStatusKiB(const char *field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
  return -1;
}

// A one-model page in the API's list shape.
std::string Page(const std::string &id, bool has_more) {
  return "{\"data\":[{\"type\":\"model\",\"id\":\"" + id +
         "\",\"display_name\":\"Looping\",\"created_at\":\"2025-01-01T00:00:00Z\"}],\"has_more\":" +
         (has_more ? "true" : "false") + ",\"first_id\":\"" + id + "\",\"last_id\":\"" + id + "\"}";
}

class FaultTest : public MockApiTest {
 protected:
  // The requests the server logged (GET /v1/... only).
  size_t Logged() const { return server_->log().size(); }
};

// ---------------------------------------------------------------- 429 and retry-after

TEST_F(FaultTest, RateLimitedRetryAfterMsIsHonoured) {
  auto c = RetryClient(2);
  AddFault(Respond(429, {RetryAfterMs(150)}, "", 1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_OK(r);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Str(am_model_id(r.value.get())), kModel);
  EXPECT_EQ(Logged(), 2u);
  EXPECT_GE(r.seconds, 0.14) << "the 150 ms the server asked for were not waited";
  EXPECT_LT(r.seconds, BoundSeconds(2.0));
}

TEST_F(FaultTest, RateLimitedRetryAfterSecondsIsHonoured) {
  auto c = RetryClient(2);
  AddFault(Respond(429, {{"retry-after", "1"}}, "", 1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_OK(r);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_GE(r.seconds, 0.9) << "retry-after: 1 means one second";
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

TEST_F(FaultTest, RateLimitedRetryAfterFractionalSecondsIsHonoured) {
  auto c = RetryClient(2);
  AddFault(Respond(429, {{"retry-after", "0.05"}}, "", 1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_OK(r);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_GE(r.seconds, 0.045) << "retry-after: 0.05 means 50 ms";
  EXPECT_LT(r.seconds, BoundSeconds(2.0));
}

TEST_F(FaultTest, RateLimitedRetryAfterHttpDateIsHonoured) {
  auto c = RetryClient(2);
  // An HTTP date has whole seconds: start right after a second begins so
  // that "now + 2 s" is ~2 s away for the client too.
  const std::time_t start = std::time(nullptr);
  while (std::time(nullptr) == start) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  AddFault(Respond(429, {{"retry-after", HttpDate(std::time(nullptr) + 2)}}, "", 1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_OK(r);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_GE(r.seconds, 1.5) << "the date was ~2 s ahead";
  EXPECT_LT(r.seconds, BoundSeconds(3.5));
}

TEST_F(FaultTest, RateLimitedRetryAfterAboveTheCapIsNotRetried) {
  auto c = RetryClient(2);  // default cap: 60 s
  AddFault(Respond(429, {RetryAfterMs(120000)}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_RATE_LIMITED);
  ExpectResponse(r.e(), AM_ERR_RATE_LIMITED, 429, 1);
  EXPECT_EQ(Str(am_error_type(r.e())), "rate_limit_error");
  EXPECT_EQ(am_error_retry_after_ms(r.e()), 120000);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u);
  EXPECT_LT(r.seconds, BoundSeconds(1.0)) << "a delay above the cap stops retrying at once";
}

// ---------------------------------------------------------------- 5xx

// A 5xx answered every time: retried max_retries (2) times, then reported.
#define AM_SERVER_ERROR_TEST(Name, http, want, type)                             \
  TEST_F(FaultTest, Name) {                                                       \
    auto c = RetryClient(2);                                                      \
    AddFault(Respond(http, {RetryAfterMs(10)}, "", -1));                          \
    auto r = Get(c.get(), kModel);                                                \
    AM_ASSERT_STATUS(r, want);                                                    \
    ExpectResponse(r.e(), want, http, 3);                                         \
    EXPECT_EQ(Str(am_error_type(r.e())), type);                                   \
    EXPECT_EQ(am_error_retry_after_ms(r.e()), 10);                                \
    ExpectNoSecrets(r.e());                                                           \
    EXPECT_EQ(Logged(), 3u);                                                      \
    EXPECT_LT(r.seconds, BoundSeconds(2.0));                                            \
  }

AM_SERVER_ERROR_TEST(InternalServerError500IsRetriedThenReported, 500, AM_ERR_SERVER, "api_error")
AM_SERVER_ERROR_TEST(ServiceUnavailable503IsRetriedThenReported, 503, AM_ERR_SERVER, "api_error")
AM_SERVER_ERROR_TEST(GatewayTimeout504IsRetriedThenReported, 504, AM_ERR_SERVER, "api_error")
AM_SERVER_ERROR_TEST(Overloaded529IsRetriedThenReported, 529, AM_ERR_OVERLOADED, "overloaded_error")

// A proxy's HTML error page: summarised, never pasted into the message.
TEST_F(FaultTest, BadGateway502HtmlIsRetriedThenSummarised) {
  auto c = RetryClient(2);
  Fault f = Respond(502, {RetryAfterMs(10)},
                    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                    "</center><hr><center>nginx</center></body></html>\n",
                    -1);
  f.content_type = "text/html";
  AddFault(f);
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_SERVER);
  ExpectResponse(r.e(), AM_ERR_SERVER, 502, 3);
  EXPECT_EQ(am_error_type(r.e()), nullptr) << "an HTML page has no API error type";
  const std::string msg = Message(r.e());
  EXPECT_TRUE(Contains(msg, "502")) << msg;
  for (const char *html : {"<", ">", "html>", "<title", "<h1", "nginx", "Bad Gateway</"})
    EXPECT_FALSE(Contains(msg, html)) << "HTML in the message: " << msg;
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 3u);
  EXPECT_LT(r.seconds, BoundSeconds(2.0));
}

// ---------------------------------------------------------------- x-should-retry

TEST_F(FaultTest, ShouldRetryTrueOn4xxIsRetried) {
  auto c = RetryClient(2);
  AddFault(Respond(400, {{"x-should-retry", "true"}, RetryAfterMs(10)}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_BAD_REQUEST);
  ExpectResponse(r.e(), AM_ERR_BAD_REQUEST, 400, 3);
  EXPECT_EQ(Str(am_error_type(r.e())), "invalid_request_error");
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 3u);
  EXPECT_LT(r.seconds, BoundSeconds(2.0));
}

TEST_F(FaultTest, ShouldRetryFalseOn5xxIsNotRetried) {
  auto c = RetryClient(2);
  AddFault(Respond(503, {kNoRetry, RetryAfterMs(10)}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_SERVER);
  ExpectResponse(r.e(), AM_ERR_SERVER, 503, 1);
  EXPECT_EQ(Str(am_error_type(r.e())), "api_error");
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u);
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
}

// ---------------------------------------------------------------- connections

TEST_F(FaultTest, ConnectionRefusedIsRetriedThenReported) {
  const std::string url = RefusedUrl(ServerOpts());
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 2, nullptr)); }, url);
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_CONNECTION);
  ExpectTransportError(r.e(), AM_ERR_CONNECTION, 3);
  EXPECT_EQ(am_error_request_id(r.e()), nullptr);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 0u);
  EXPECT_GE(r.seconds, 0.375 + 0.75) << "two backoff sleeps";
  EXPECT_LT(r.seconds, BoundSeconds(4.0));
}

TEST_F(FaultTest, ResetBeforeHeadersIsRetriedThenReported) {
  auto c = RetryClient(1);
  AddFault(Act(Fault::Action::ResetBeforeHeaders, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_CONNECTION);
  ExpectTransportError(r.e(), AM_ERR_CONNECTION, 2);
  EXPECT_EQ(am_error_request_id(r.e()), nullptr);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

TEST_F(FaultTest, ResetBeforeHeadersOnceThenSuccess) {
  auto c = RetryClient(2);
  AddFault(Act(Fault::Action::ResetBeforeHeaders, 1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_OK(r);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Str(am_model_id(r.value.get())), kModel);
  EXPECT_EQ(Logged(), 2u);
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

TEST_F(FaultTest, ResetMidBodyIsRetriedThenReported) {
  auto c = RetryClient(1);
  AddFault(Act(Fault::Action::ResetMidBody, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_CONNECTION);
  ExpectTransportError(r.e(), AM_ERR_CONNECTION, 2);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

TEST_F(FaultTest, ResetMidBodyOnceThenSuccess) {
  auto c = RetryClient(2);
  AddFault(Act(Fault::Action::ResetMidBody, 1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_OK(r);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Str(am_model_id(r.value.get())), kModel);
  EXPECT_EQ(Logged(), 2u);
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

// ---------------------------------------------------------------- timeouts

TEST_F(FaultTest, NeverAnswerPerAttemptTimeout) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_timeout_ms(o, 200, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 1, nullptr));
  });
  AddFault(Act(Fault::Action::NeverAnswer, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_TIMEOUT);
  ExpectTransportError(r.e(), AM_ERR_TIMEOUT, 2);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_GE(r.seconds, 0.4) << "two attempts of 200 ms";
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

TEST_F(FaultTest, NeverAnswerOverallDeadline) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_timeout_ms(o, 10000, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_deadline_ms(o, 300, nullptr));
  });
  AddFault(Act(Fault::Action::NeverAnswer, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_TIMEOUT);
  ExpectTransportError(r.e(), AM_ERR_TIMEOUT, 1);
  EXPECT_TRUE(Contains(Message(r.e()), "deadline")) << Message(r.e());
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u) << "no retry fits in what is left of the deadline";
  EXPECT_GE(r.seconds, 0.28);
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
}

// One byte per second of a normal-sized body: only the per-attempt timeout ends it.
TEST_F(FaultTest, TricklingBodyTimesOut) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_timeout_ms(o, 500, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 1, nullptr));
  });
  Fault f = Act(Fault::Action::Trickle, -1);
  f.interval_ms = 1000;
  f.size = 0;  // the length of the normal body
  AddFault(f);
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_TIMEOUT);
  ExpectTransportError(r.e(), AM_ERR_TIMEOUT, 2);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_GE(r.seconds, 1.0) << "two attempts of 500 ms";
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

// ---------------------------------------------------------------- bodies

TEST_F(FaultTest, TruncatedBodyIsAConnectionError) {
  auto c = RetryClient(1);
  AddFault(Act(Fault::Action::Truncate, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_CONNECTION);
  ExpectTransportError(r.e(), AM_ERR_CONNECTION, 2);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 2u);
  EXPECT_LT(r.seconds, BoundSeconds(3.0));
}

TEST_F(FaultTest, MalformedJsonIsADecodeErrorNotRetried) {
  auto c = RetryClient(2);
  AddFault(Act(Fault::Action::Malformed, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_DECODE);
  EXPECT_EQ(r.value, nullptr);
  ExpectResponse(r.e(), AM_ERR_DECODE, 200, 1);
  EXPECT_EQ(am_error_type(r.e()), nullptr);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u);
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
}

// Valid JSON of the wrong shape, over HTTP: the message names the field.
void ExpectWrongShape(const ListResult &r, const char *field) {
  AM_ASSERT_STATUS(r, AM_ERR_DECODE);
  EXPECT_EQ(r.value, nullptr);
  ExpectResponse(r.e(), AM_ERR_DECODE, 200, 1);
  EXPECT_TRUE(Contains(Message(r.e()), field)) << "the message should name " << field << ": " << Message(r.e());
  ExpectNoSecrets(r.e());
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
}

TEST_F(FaultTest, WrongShapeDataIsAnObject) {
  auto c = RetryClient(2);
  AddFault(Respond(200, {},
                   "{\"data\":{\"id\":\"claude-opus-4-6\",\"type\":\"model\"},\"has_more\":false,"
                   "\"first_id\":\"claude-opus-4-6\",\"last_id\":\"claude-opus-4-6\"}",
                   -1));
  auto r = List(c.get());
  ExpectWrongShape(r, "data");
  EXPECT_TRUE(Contains(Message(r.e()), "array")) << Message(r.e());
  EXPECT_EQ(Logged(), 1u);
}

TEST_F(FaultTest, WrongShapeIdsAreNumbers) {
  auto c = RetryClient(2);
  AddFault(Respond(200, {},
                   "{\"data\":[{\"id\":42,\"type\":\"model\",\"display_name\":\"Forty-two\","
                   "\"created_at\":\"2025-01-01T00:00:00Z\"},{\"id\":43,\"type\":\"model\"}],"
                   "\"has_more\":false,\"first_id\":\"a\",\"last_id\":\"b\"}",
                   -1));
  auto r = List(c.get());
  ExpectWrongShape(r, "data[0].id");
  EXPECT_EQ(Logged(), 1u);
}

TEST_F(FaultTest, WrongShapeHasMoreIsAString) {
  auto c = RetryClient(2);
  AddFault(Respond(200, {},
                   "{\"data\":[{\"id\":\"claude-opus-4-6\",\"type\":\"model\"}],\"has_more\":\"false\","
                   "\"first_id\":\"claude-opus-4-6\",\"last_id\":\"claude-opus-4-6\"}",
                   -1));
  auto r = List(c.get());
  ExpectWrongShape(r, "has_more");
  EXPECT_EQ(Logged(), 1u);
}

// 100 000 levels of '[': refused at the depth limit, without recursing that deep.
TEST_F(FaultTest, DeeplyNestedJsonIsRefused) {
  auto c = RetryClient(2);
  AddFault(Respond(200, {}, std::string(100000, '['), -1));
  for (Op op : {Op::kGet, Op::kList}) {
    SCOPED_TRACE(OpName(op));
    server().clear_log();
    auto r = Call(c.get(), op);
    AM_ASSERT_STATUS(r, AM_ERR_DECODE);
    EXPECT_FALSE(r.has_value);
    ExpectResponse(r.e(), AM_ERR_DECODE, 200, 1);
    ExpectNoSecrets(r.e());
    EXPECT_EQ(Logged(), 1u);
    EXPECT_LT(r.seconds, BoundSeconds(1.0));
  }
}

// A 200 MB body against the default 32 MiB cap: refused, and never buffered.
TEST_F(FaultTest, OversizedBodyIsRefusedWithBoundedMemory) {
  auto c = RetryClient(2);  // default max response size: 32 MiB
  Fault f = Act(Fault::Action::Oversize, -1);
  f.size = size_t(200) * 1024 * 1024;
  AddFault(f);
  const long hwm_before = ProcStatusKiB("VmHWM"), rss_before = ProcStatusKiB("VmRSS");
  auto r = Get(c.get(), kModel);
  const long hwm_after = ProcStatusKiB("VmHWM"), rss_after = ProcStatusKiB("VmRSS");
  AM_ASSERT_STATUS(r, AM_ERR_RESPONSE_TOO_LARGE);
  EXPECT_EQ(r.value, nullptr);
  ASSERT_NE(r.e(), nullptr);
  EXPECT_EQ(am_error_attempts(r.e()), 1) << Describe(r.status, r.e());
  EXPECT_EQ(am_error_type(r.e()), nullptr);
  EXPECT_STRNE(Message(r.e()).c_str(), "");
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u) << "a size error is not retried";
  EXPECT_LT(r.seconds, BoundSeconds(5.0));
  // Under AddressSanitizer RSS is meaningless (shadow memory, quarantine of
  // freed blocks): only the status is checked there.
  if (kAddressSanitizer) return;
  if (UnderValgrind()) GTEST_SKIP() << "RSS is meaningless under valgrind";
  ASSERT_GT(hwm_before, 0) << "no VmHWM in /proc/self/status";
  ASSERT_GT(rss_before, 0) << "no VmRSS in /proc/self/status";
  constexpr long kLimitKiB = 64 * 1024;
  EXPECT_LT(hwm_after - hwm_before, kLimitKiB) << "peak RSS grew from " << hwm_before << " KiB to " << hwm_after;
  EXPECT_LT(rss_after - rss_before, kLimitKiB) << "RSS grew from " << rss_before << " KiB to " << rss_after;
}

TEST_F(FaultTest, InvalidUtf8InAStringIsRefused) {
  auto c = RetryClient(2);
  std::string body =
      "{\"type\":\"model\",\"id\":\"claude-opus-4-6\",\"display_name\":\"Claude \xC3\x28 Opus\","
      "\"created_at\":\"2025-01-01T00:00:00Z\"}";
  ASSERT_NE(body.find("\xC3\x28"), std::string::npos);
  AddFault(Respond(200, {}, body, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_DECODE);
  EXPECT_EQ(r.value, nullptr);
  ExpectResponse(r.e(), AM_ERR_DECODE, 200, 1);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u);
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
}

TEST_F(FaultTest, RedirectToAnotherPortIsNotFollowed) {
  MockServer other(ServerOpts());
  ASSERT_TRUE(Started(other));
  auto c = RetryClient(2);
  Fault f = Act(Fault::Action::Redirect, -1);
  f.location = other.base_url() + "/v1/models/" + kModel;
  AddFault(f);
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_HTTP);
  EXPECT_EQ(r.value, nullptr);
  ExpectResponse(r.e(), AM_ERR_HTTP, 302, 1);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u);
  EXPECT_TRUE(other.log().empty()) << "the redirect was followed to " << f.location;
  EXPECT_EQ(other.request_count(""), 0u);
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
  other.stop();
}

// The mock only substitutes its standard error body for statuses >= 400, so
// this 200 goes out with Content-Length: 0 (checked with curl against
// am-mock-server).
TEST_F(FaultTest, EmptyBodyOn200IsADecodeError) {
  auto c = RetryClient(2);
  AddFault(Respond(200, {}, "", -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_DECODE);
  EXPECT_EQ(r.value, nullptr);
  ExpectResponse(r.e(), AM_ERR_DECODE, 200, 1);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Logged(), 1u);
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
}

// ---------------------------------------------------------------- pagination

TEST_F(FaultTest, HasMoreForeverWithTheSameCursorIsAPaginationError) {
  auto c = RetryClient(2);
  AddFault(Respond(200, {}, Page("loop-model", true), -1));
  auto r = ListAll(c.get());
  AM_ASSERT_STATUS(r, AM_ERR_PAGINATION);
  EXPECT_EQ(r.value, nullptr) << "never a silently partial list";
  ASSERT_NE(r.e(), nullptr);
  EXPECT_EQ(am_error_attempts(r.e()), 2) << Describe(r.status, r.e());
  EXPECT_TRUE(Contains(Message(r.e()), "loop-model")) << Message(r.e());
  ExpectNoSecrets(r.e());
  auto log = server().log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(QueryValue(log[0].query, "after_id"), std::nullopt);
  EXPECT_EQ(QueryValue(log[1].query, "after_id"), std::optional<std::string>("loop-model"));
  EXPECT_LT(r.seconds, BoundSeconds(1.0));
}

// ---------------------------------------------------------------- echoed credentials

// A server (or a proxy) that reflects the credential into everything it can:
// the error body's type and message, and the request-id header. Both ways an
// error gets its request id are covered: an HTTP error status, and a 200
// whose body does not decode.
TEST_F(FaultTest, ServerEchoingTheKeyDoesNotLeakIt) {
  auto c = RetryClient(2);
  const std::pair<std::string, std::string> echoed_id{"request-id", std::string("req_mock_") + kApiKey};
  AddFault(Respond(401, {echoed_id}, ErrorBody(std::string("bad_") + kApiKey, std::string("invalid x-api-key ") + kApiKey),
                   1));
  Fault malformed = Act(Fault::Action::Malformed, 1);
  malformed.headers.push_back(echoed_id);
  AddFault(malformed);
  {
    SCOPED_TRACE("HTTP 401 echoing the key");
    auto r = Get(c.get(), kModel);
    AM_ASSERT_STATUS(r, AM_ERR_AUTHENTICATION);
    ASSERT_NE(r.e(), nullptr);
    EXPECT_EQ(am_error_http_status(r.e()), 401);
    EXPECT_EQ(am_error_attempts(r.e()), 1);
    ExpectNoSecrets(r.e());
    EXPECT_EQ(Logged(), 1u);
    EXPECT_LT(r.seconds, BoundSeconds(1.0));
  }
  {
    SCOPED_TRACE("HTTP 200 with a malformed body, echoing the key");
    auto r = Get(c.get(), kModel);
    AM_ASSERT_STATUS(r, AM_ERR_DECODE);
    ASSERT_NE(r.e(), nullptr);
    EXPECT_EQ(am_error_http_status(r.e()), 200);
    EXPECT_EQ(am_error_attempts(r.e()), 1);
    ExpectNoSecrets(r.e());
    EXPECT_EQ(Logged(), 2u);
    EXPECT_LT(r.seconds, BoundSeconds(1.0));
  }
}

}  // namespace
}  // namespace amtest
