// Transport-level failures: refused connections, resets, truncation, bad
// bodies, timeouts and deadlines, oversized bodies and redirects.
// Transport failures carry no retry-after, so retries here use the built-in
// backoff; the budgets are kept small (0 or 1 retry) to stay fast.
#include "amtest/mock_api_test.hpp"

namespace amtest {
namespace {

using TransportTest = MockApiTest;

constexpr char kModel[] = "claude-opus-4-6";

TEST_F(TransportTest, ConnectionRefused) {
  for (int32_t retries : {0, 1}) {
    auto c = MakeClient([&](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_max_retries(o, retries, nullptr)); },
                        RefusedUrl(ServerOpts()));
    auto r = Get(c.get(), kModel);
    AM_ASSERT_STATUS(r, AM_ERR_CONNECTION);
    ExpectTransportError(r.e(), AM_ERR_CONNECTION, retries + 1);
    EXPECT_EQ(am_error_request_id(r.e()), nullptr);
  }
}

TEST_F(TransportTest, ResetBeforeHeadersOnceIsRetried) {
  AddFault(Act(Fault::Action::ResetBeforeHeaders, 1));
  auto r = Get(client_.get(), kModel);
  AM_ASSERT_OK(r);
  EXPECT_EQ(Str(am_model_id(r.value.get())), kModel);
  EXPECT_EQ(Requests(), 2u);
}

TEST_F(TransportTest, ResetMidBodyForever) {
  auto c = RetryClient(1);
  AddFault(Act(Fault::Action::ResetMidBody, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_CONNECTION);
  ExpectTransportError(r.e(), AM_ERR_CONNECTION, 2);
  EXPECT_EQ(Requests(), 2u);
}

TEST_F(TransportTest, TruncatedBody) {
  auto c = RetryClient(0);
  AddFault(Act(Fault::Action::Truncate, -1));
  for (Op op : {Op::kGet, Op::kList}) {
    SCOPED_TRACE(OpName(op));
    auto r = Call(c.get(), op);
    AM_ASSERT_STATUS(r, AM_ERR_CONNECTION);
    ExpectTransportError(r.e(), AM_ERR_CONNECTION, 1);
  }
  EXPECT_EQ(Requests(), 2u);
}

// A 200 whose body is not what it should be: a decode error, never retried.
// The response existed, so the error names its HTTP status and request id.
struct DecodeCase {
  const char *name;
  Fault fault;
};

Fault WithRequestId(Fault f) {
  f.headers.emplace_back("request-id", "req_mock_bad_body");
  return f;
}

const DecodeCase kDecodeCases[] = {
    {"malformed", WithRequestId(Act(Fault::Action::Malformed, -1))},
    {"empty_body", WithRequestId(Respond(200, {}, "", -1))},
    {"not_an_object", WithRequestId(Respond(200, {}, "[1,2,3]", -1))},
    {"wrong_field_type", WithRequestId(Respond(200, {}, "{\"id\": 42, \"data\": 7}", -1))},
};

void PrintTo(const DecodeCase &c, std::ostream *os) { *os << c.name; }

class DecodeTest : public MockApiTest, public ::testing::WithParamInterface<DecodeCase> {};

TEST_P(DecodeTest, DecodeErrorNotRetried) {
  AddFault(GetParam().fault);
  for (Op op : {Op::kGet, Op::kList}) {
    SCOPED_TRACE(OpName(op));
    server().clear_log();
    auto r = Call(client_.get(), op);
    AM_ASSERT_STATUS(r, AM_ERR_DECODE);
    EXPECT_FALSE(r.has_value);
    ExpectApiError(r.e(), AM_ERR_DECODE, 200, nullptr, 1, "req_mock_bad_body");
    EXPECT_EQ(Requests(), 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(Bodies, DecodeTest, ::testing::ValuesIn(kDecodeCases),
                         [](const ::testing::TestParamInfo<DecodeCase> &i) { return std::string(i.param.name); });

TEST_F(TransportTest, PerAttemptTimeout) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_timeout_ms(o, 200, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 1, nullptr));
  });
  AddFault(Act(Fault::Action::NeverAnswer, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_TIMEOUT);
  ExpectTransportError(r.e(), AM_ERR_TIMEOUT, 2);
  EXPECT_EQ(Requests(), 2u);
  EXPECT_GE(r.seconds, 0.4);
  EXPECT_LT(r.seconds, 5.0);
}

// The per-attempt timeout also bounds a body that arrives too slowly.
TEST_F(TransportTest, TricklingBodyTimesOut) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_timeout_ms(o, 300, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 0, nullptr));
  });
  Fault f = Act(Fault::Action::Trickle, -1);
  f.interval_ms = 50;
  f.size = 200;  // ~10 s at one byte per 50 ms
  AddFault(f);
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_TIMEOUT);
  ExpectTransportError(r.e(), AM_ERR_TIMEOUT, 1);
  EXPECT_LT(r.seconds, 2.0);
}

TEST_F(TransportTest, OverallDeadline) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_timeout_ms(o, 10000, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_deadline_ms(o, 300, nullptr));
  });
  AddFault(Act(Fault::Action::NeverAnswer, -1));
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_TIMEOUT);
  EXPECT_GE(r.seconds, 0.25);
  EXPECT_LT(r.seconds, 2.0);
  EXPECT_NE(Str(am_error_message(r.e())).find("deadline"), std::string::npos) << am_error_message(r.e());
  EXPECT_GE(am_error_attempts(r.e()), 1);
}

TEST_F(TransportTest, DeadlineCoversRetriesAndBackoff) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_deadline_ms(o, 300, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 10, nullptr));
  });
  AddFault(Respond(503, {RetryAfterMs(40)}, "", -1));
  auto r = Get(c.get(), kModel);
  EXPECT_TRUE(r.status == AM_ERR_SERVER || r.status == AM_ERR_TIMEOUT) << Describe(r.status, r.e());
  EXPECT_LT(r.seconds, 1.5);
  EXPECT_LT(Requests(), 11u);
}

TEST_F(TransportTest, OversizedBodyIsRefused) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_max_response_bytes(o, 1 << 20, nullptr)); });
  Fault f = Act(Fault::Action::Oversize, -1);
  f.size = size_t(64) << 20;
  AddFault(f);
  auto r = Get(c.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_RESPONSE_TOO_LARGE);
  EXPECT_EQ(am_error_attempts(r.e()), 1);
  EXPECT_STRNE(Str(am_error_message(r.e())).c_str(), "");
  EXPECT_EQ(Requests(), 1u);
  EXPECT_LT(r.seconds, 3.0);
}

TEST_F(TransportTest, RedirectIsNotFollowed) {
  MockServer target(ServerOpts());
  ASSERT_TRUE(Started(target));
  Fault f = Act(Fault::Action::Redirect, -1);
  f.location = target.base_url() + "/v1/models/" + kModel;
  f.headers.emplace_back("request-id", "req_mock_redirect");
  AddFault(f);
  auto r = Get(client_.get(), kModel);
  AM_ASSERT_STATUS(r, AM_ERR_HTTP);
  ExpectApiError(r.e(), AM_ERR_HTTP, 302, nullptr, 1, "req_mock_redirect");
  EXPECT_EQ(Requests(), 1u);
  EXPECT_EQ(target.request_count(""), 0u);
  target.stop();
}

}  // namespace
}  // namespace amtest
