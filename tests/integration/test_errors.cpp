// HTTP errors: status mapping, the API's error body, request ids, and that
// no credential ever shows up in an error.
#include "amtest/mock_api_test.hpp"

namespace amtest {
namespace {

struct StatusCase {
  int http;
  am_status status;
  const char *type;  // the error type the server's body carries
};

const StatusCase kStatusCases[] = {
    {400, AM_ERR_BAD_REQUEST, "invalid_request_error"},
    {401, AM_ERR_AUTHENTICATION, "authentication_error"},
    {403, AM_ERR_PERMISSION, "permission_error"},
    {404, AM_ERR_NOT_FOUND, "not_found_error"},
    {409, AM_ERR_CONFLICT, "conflict_error"},
    {413, AM_ERR_REQUEST_TOO_LARGE, "request_too_large"},
    {418, AM_ERR_HTTP, "teapot_error"},
    {422, AM_ERR_BAD_REQUEST, "invalid_request_error"},
    {429, AM_ERR_RATE_LIMITED, "rate_limit_error"},
    {500, AM_ERR_SERVER, "api_error"},
    {502, AM_ERR_SERVER, "api_error"},
    {503, AM_ERR_SERVER, "api_error"},
    {504, AM_ERR_SERVER, "api_error"},
    {529, AM_ERR_OVERLOADED, "overloaded_error"},
};

void PrintTo(const StatusCase &c, std::ostream *os) { *os << "HTTP " << c.http; }

class HttpStatusTest : public MockApiTest, public ::testing::WithParamInterface<StatusCase> {};

// The server's body names the type and message; x-should-retry: false stops retries.
TEST_P(HttpStatusTest, MapsStatusTypeMessageAndRequestId) {
  const StatusCase &c = GetParam();
  const std::string rid = "req_mock_status_" + std::to_string(c.http);
  const std::string message = "mock failure " + std::to_string(c.http);
  AddFault(Respond(c.http, {kNoRetry, {"request-id", rid}}, ErrorBody(c.type, message), -1));
  for (Op op : {Op::kGet, Op::kList}) {
    SCOPED_TRACE(OpName(op));
    auto r = Call(client_.get(), op);
    AM_ASSERT_STATUS(r, c.status);
    EXPECT_FALSE(r.has_value);
    ExpectApiError(r.e(), c.status, c.http, c.type, 1, rid.c_str());
    EXPECT_NE(Str(am_error_message(r.e())).find(message), std::string::npos) << am_error_message(r.e());
    EXPECT_EQ(am_error_retry_after_ms(r.e()), -1);
  }
  EXPECT_EQ(Requests(), 2u);
}

// Without a crafted body the server sends its standard error body for the status.
TEST_P(HttpStatusTest, StandardErrorBody) {
  const StatusCase &c = GetParam();
  AddFault(Respond(c.http, {kNoRetry}, "", 1));
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_STATUS(r, c.status);
  ASSERT_NE(am_error_type(r.e()), nullptr);
  EXPECT_STRNE(am_error_type(r.e()), "");
  EXPECT_EQ(am_error_http_status(r.e()), c.http);
  EXPECT_TRUE(IsMockRequestId(am_error_request_id(r.e()))) << Str(am_error_request_id(r.e()));
  EXPECT_EQ(am_error_attempts(r.e()), 1);
  EXPECT_EQ(Requests(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Statuses, HttpStatusTest, ::testing::ValuesIn(kStatusCases),
                         [](const ::testing::TestParamInfo<StatusCase> &i) {
                           return "http" + std::to_string(i.param.http);
                         });

using ErrorTest = MockApiTest;

TEST_F(ErrorTest, HtmlErrorPageIsSummarised) {
  Fault f = Respond(502, {kNoRetry, {"request-id", "req_mock_html"}},
                    "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>", 1);
  f.content_type = "text/html";
  AddFault(f);
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_STATUS(r, AM_ERR_SERVER);
  ExpectApiError(r.e(), AM_ERR_SERVER, 502, nullptr, 1, "req_mock_html");
  std::string msg = Str(am_error_message(r.e()));
  EXPECT_NE(msg.find("502"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("<html"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("Bad Gateway</"), std::string::npos) << msg;
}

TEST_F(ErrorTest, NoCredentialIsRefusedBeforeSending) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_api_key(o, nullptr, nullptr)); });
  ASSERT_NE(c, nullptr);
  for (Op op : {Op::kGet, Op::kList, Op::kListAll}) {
    SCOPED_TRACE(OpName(op));
    auto r = Call(c.get(), op);
    AM_EXPECT_STATUS(r, AM_ERR_AUTHENTICATION);
    EXPECT_EQ(am_error_attempts(r.e()), 0);
    EXPECT_EQ(am_error_http_status(r.e()), 0);
    EXPECT_EQ(am_error_request_id(r.e()), nullptr);
    EXPECT_STRNE(Str(am_error_message(r.e())).c_str(), "");
  }
  EXPECT_EQ(Requests(), 0u);
}

class WrongKeyTest : public MockApiTest {
 protected:
  ServerOptions ServerOpts() const override {
    ServerOptions o = MockApiTest::ServerOpts();
    o.api_key = "other";
    return o;
  }
};

TEST_F(WrongKeyTest, ServerRejectsTheKey) {
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_STATUS(r, AM_ERR_AUTHENTICATION);
  ExpectApiError(r.e(), AM_ERR_AUTHENTICATION, 401, "authentication_error", 1);
  ExpectNoSecrets(r.e());
  EXPECT_EQ(Requests(), 1u) << "401 is not retried";
}

TEST_F(WrongKeyTest, RightKeyIsAccepted) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_api_key(o, "other", nullptr)); });
  auto r = Get(c.get(), "claude-opus-4-6");
  AM_EXPECT_OK(r);
}

// ---------------------------------------------------------------- secrets

// Each scenario makes one call with a client that holds both the key and the
// token, and expects the given status; none may leak either credential.
struct SecretCase {
  const char *name;
  am_status status;
  std::function<void(MockServer &)> arrange;
  bool refused_port = false;
};

std::string EchoingSecrets() {
  return ErrorBody(std::string("bad_") + kApiKey, std::string("bad key ") + kApiKey + " and token " + kAuthToken);
}

const SecretCase kSecretCases[] = {
    {"http401_echoing_key", AM_ERR_AUTHENTICATION,
     [](MockServer &s) { s.add_fault(Respond(401, {}, EchoingSecrets(), -1)); }},
    {"http500_echoing_key", AM_ERR_SERVER,
     [](MockServer &s) { s.add_fault(Respond(500, {kNoRetry}, EchoingSecrets(), -1)); }},
    {"http500_standard", AM_ERR_SERVER, [](MockServer &s) { s.add_fault(Respond(500, {kNoRetry}, "", -1)); }},
    {"decode", AM_ERR_DECODE,
     [](MockServer &s) { s.add_fault(Respond(200, {}, std::string("{\"id\": \"") + kApiKey + "\" " + kAuthToken, -1)); }},
    {"malformed", AM_ERR_DECODE, [](MockServer &s) { s.add_fault(Act(Fault::Action::Malformed, -1)); }},
    {"connection_refused", AM_ERR_CONNECTION, [](MockServer &) {}, true},
};

void PrintTo(const SecretCase &c, std::ostream *os) { *os << c.name; }

class SecretsTest : public MockApiTest, public ::testing::WithParamInterface<SecretCase> {};

TEST_P(SecretsTest, NoCredentialInTheError) {
  const SecretCase &c = GetParam();
  std::string url = server().base_url();
  if (c.refused_port) url = RefusedUrl(ServerOpts());
  c.arrange(server());
  auto cl = MakeClient(
      [](am_options *o) {
        EXPECT_EQ(AM_OK, am_options_set_auth_token(o, kAuthToken, nullptr));
        EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 0, nullptr));
      },
      url);
  for (Op op : {Op::kGet, Op::kList}) {
    SCOPED_TRACE(OpName(op));
    auto r = Call(cl.get(), op);
    AM_ASSERT_STATUS(r, c.status);
    ExpectNoSecrets(r.e());
  }
}

INSTANTIATE_TEST_SUITE_P(Failures, SecretsTest, ::testing::ValuesIn(kSecretCases),
                         [](const ::testing::TestParamInfo<SecretCase> &i) { return std::string(i.param.name); });

}  // namespace
}  // namespace amtest
