// Request headers the library sends, and defaults taken from the environment.
#include <cstdlib>

#include "amtest/env_guard.hpp"
#include "amtest/mock_api_test.hpp"
#include "amtest/request_log.hpp"

namespace amtest {
namespace {

class HeadersTest : public MockApiTest {
 protected:
  // Makes one get with `c` and returns what the server received.
  LogEntry SentBy(am_client *c) {
    server().clear_log();
    auto r = Get(c, "claude-opus-4-6");
    EXPECT_TRUE(StatusIs(r.status, r.e(), AM_OK));
    auto log = Log();
    EXPECT_EQ(log.size(), 1u);
    return log.empty() ? LogEntry{} : log[0];
  }
};

TEST_F(HeadersTest, DefaultsWithApiKey) {
  LogEntry e = SentBy(client_.get());
  EXPECT_EQ(e.header("x-api-key"), kApiKey);
  EXPECT_FALSE(HasHeader(e, "authorization"));
  EXPECT_EQ(e.header("anthropic-version"), "2023-06-01");
  EXPECT_FALSE(HasHeader(e, "anthropic-beta"));
  EXPECT_FALSE(HasHeader(e, "anthropic-workspace-id"));
  EXPECT_EQ(e.header("user-agent"), std::string("anthropic-models-c/") + am_version());
}

TEST_F(HeadersTest, BearerTokenInsteadOfKey) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_api_key(o, nullptr, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_auth_token(o, kAuthToken, nullptr));
  });
  LogEntry e = SentBy(c.get());
  EXPECT_EQ(e.header("authorization"), std::string("Bearer ") + kAuthToken);
  EXPECT_FALSE(HasHeader(e, "x-api-key"));
}

TEST_F(HeadersTest, CustomApiVersion) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_api_version(o, "2026-10-21", nullptr)); });
  EXPECT_EQ(SentBy(c.get()).header("anthropic-version"), "2026-10-21");
}

TEST_F(HeadersTest, BetasJoinedIntoOneHeader) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_add_beta(o, "a", nullptr));
    EXPECT_EQ(AM_OK, am_options_add_beta(o, "b", nullptr));
  });
  LogEntry e = SentBy(c.get());
  EXPECT_EQ(e.header("anthropic-beta"), "a,b");
  size_t n = 0;
  for (auto &h : e.headers) n += h.first == "anthropic-beta";
  EXPECT_EQ(n, 1u);
}

TEST_F(HeadersTest, ClearedBetasSendNoHeader) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_add_beta(o, "a", nullptr));
    am_options_clear_betas(o);
  });
  EXPECT_FALSE(HasHeader(SentBy(c.get()), "anthropic-beta"));
}

TEST_F(HeadersTest, WorkspaceExtraHeaderAndUserAgentSuffix) {
  auto c = MakeClient([](am_options *o) {
    EXPECT_EQ(AM_OK, am_options_set_workspace_id(o, "wrkspc_test_01", nullptr));
    EXPECT_EQ(AM_OK, am_options_add_header(o, "x-test-extra", "extra value", nullptr));
    EXPECT_EQ(AM_OK, am_options_set_user_agent_suffix(o, "my-engine/2.3", nullptr));
  });
  LogEntry e = SentBy(c.get());
  EXPECT_EQ(e.header("anthropic-workspace-id"), "wrkspc_test_01");
  EXPECT_EQ(e.header("x-test-extra"), "extra value");
  std::string ua = e.header("user-agent");
  EXPECT_EQ(ua.rfind("anthropic-models-c/", 0), 0u) << ua;
  EXPECT_EQ(ua, std::string("anthropic-models-c/") + am_version() + " my-engine/2.3");
}

TEST_F(HeadersTest, EveryPageOfListAllCarriesTheHeaders) {
  auto c = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_add_beta(o, "x", nullptr)); });
  Params p;
  p.limit(4);
  auto r = ListAll(c.get(), p.get());
  AM_ASSERT_OK(r);
  auto log = Log();
  ASSERT_GT(log.size(), 1u);
  for (auto &e : log) {
    EXPECT_EQ(e.header("x-api-key"), kApiKey);
    EXPECT_EQ(e.header("anthropic-version"), "2023-06-01");
    EXPECT_EQ(e.header("anthropic-beta"), "x");
  }
}

// ---------------------------------------------------------------- environment

// Each test starts without the credentials and URL under test, and without
// proxies that would divert loopback traffic; the old values come back after.
class EnvTest : public HeadersTest {
 protected:
  EnvTest() {
    for (const char *name : {"ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "http_proxy",
                             "HTTP_PROXY", "all_proxy", "ALL_PROXY"})
      env_.Set(name, nullptr);
  }
  EnvGuard env_;
};

TEST_F(EnvTest, NullOptionsUseApiKeyAndBaseUrlFromEnv) {
  env_.Set("ANTHROPIC_API_KEY", "sk-ant-env-KEY-789");
  env_.Set("ANTHROPIC_BASE_URL", server().base_url() + "/");
  ClientPtr c = ClientFrom(nullptr);
  ASSERT_NE(c, nullptr);
  LogEntry e = SentBy(c.get());
  EXPECT_EQ(e.header("x-api-key"), "sk-ant-env-KEY-789");
  EXPECT_FALSE(HasHeader(e, "authorization"));
  EXPECT_EQ(e.path, "/v1/models/claude-opus-4-6");
}

TEST_F(EnvTest, AuthTokenAloneGivesBearer) {
  env_.Set("ANTHROPIC_AUTH_TOKEN", kAuthToken);
  env_.Set("ANTHROPIC_BASE_URL", server().base_url());
  ClientPtr c = ClientFrom(nullptr);
  ASSERT_NE(c, nullptr);
  LogEntry e = SentBy(c.get());
  EXPECT_EQ(e.header("authorization"), std::string("Bearer ") + kAuthToken);
  EXPECT_FALSE(HasHeader(e, "x-api-key"));
}

TEST_F(EnvTest, EmptyApiKeyCountsAsUnset) {
  env_.Set("ANTHROPIC_API_KEY", "");
  env_.Set("ANTHROPIC_AUTH_TOKEN", kAuthToken);
  env_.Set("ANTHROPIC_BASE_URL", server().base_url());
  ClientPtr c = ClientFrom(nullptr);
  ASSERT_NE(c, nullptr);
  LogEntry e = SentBy(c.get());
  EXPECT_EQ(e.header("authorization"), std::string("Bearer ") + kAuthToken);
  EXPECT_FALSE(HasHeader(e, "x-api-key"));
}

TEST_F(EnvTest, AllEmptyMeansNoCredential) {
  env_.Set("ANTHROPIC_API_KEY", "");
  env_.Set("ANTHROPIC_AUTH_TOKEN", "");
  env_.Set("ANTHROPIC_BASE_URL", server().base_url());
  ClientPtr c = ClientFrom(nullptr);
  ASSERT_NE(c, nullptr);
  auto r = Get(c.get(), "claude-opus-4-6");
  AM_ASSERT_STATUS(r, AM_ERR_AUTHENTICATION);
  EXPECT_EQ(am_error_attempts(r.e()), 0);
  EXPECT_EQ(am_error_http_status(r.e()), 0);
  EXPECT_EQ(Requests(), 0u);
}

TEST_F(EnvTest, OptionsWinOverEnv) {
  env_.Set("ANTHROPIC_AUTH_TOKEN", "sk-ant-env-TOKEN-should-not-be-sent");
  env_.Set("ANTHROPIC_BASE_URL", "http://127.0.0.1:9");
  OptionsPtr o(am_options_new());
  ASSERT_EQ(AM_OK, am_options_set_api_key(o.get(), kApiKey, nullptr));
  ASSERT_EQ(AM_OK, am_options_set_base_url(o.get(), server().base_url().c_str(), nullptr));
  ClientPtr c = ClientFrom(o.get());
  ASSERT_NE(c, nullptr);
  LogEntry e = SentBy(c.get());
  EXPECT_EQ(e.header("x-api-key"), kApiKey);
  EXPECT_FALSE(HasHeader(e, "authorization"));
}

TEST_F(EnvTest, IgnoreEnvIgnoresCredentials) {
  env_.Set("ANTHROPIC_API_KEY", kApiKey);
  OptionsPtr o(am_options_new());
  am_options_set_ignore_env(o.get(), 1);
  ASSERT_EQ(AM_OK, am_options_set_base_url(o.get(), server().base_url().c_str(), nullptr));
  ClientPtr c = ClientFrom(o.get());
  ASSERT_NE(c, nullptr);
  auto r = Get(c.get(), "claude-opus-4-6");
  AM_ASSERT_STATUS(r, AM_ERR_AUTHENTICATION);
  EXPECT_EQ(am_error_attempts(r.e()), 0);
  EXPECT_EQ(Requests(), 0u);
}

}  // namespace
}  // namespace amtest
