// Configuration resolution (src/options.hpp) and the HTTP status mapping
// (src/error.hpp): pure functions apart from reading the environment.
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "amtest/env_guard.hpp"
#include "error.hpp"
#include "options.hpp"

namespace {

using amtest::EnvGuard;

// Clears the three variables for a test, restoring them afterwards.
struct CleanEnv {
  EnvGuard k{"ANTHROPIC_API_KEY", nullptr};
  EnvGuard t{"ANTHROPIC_AUTH_TOKEN", nullptr};
  EnvGuard u{"ANTHROPIC_BASE_URL", nullptr};
};

bool has_secret(const am::Config &c, const std::string &s) {
  for (const std::string &x : c.secrets)
    if (x == s) return true;
  return false;
}

}  // namespace

TEST(Config, Defaults) {
  CleanEnv env;
  am::Options o;
  am::Config c;
  am::Error e;
  ASSERT_TRUE(am::resolve_config(o, c, e)) << e.message;
  EXPECT_EQ(c.base_url, "https://api.anthropic.com");
  EXPECT_EQ(c.api_version, "2023-06-01");
  EXPECT_FALSE(c.options.api_key.has_value());
  EXPECT_FALSE(c.options.auth_token.has_value());
  EXPECT_TRUE(c.secrets.empty());
}

TEST(Config, TrailingSlashesIgnored) {
  CleanEnv env;
  am::Options o;
  o.base_url = "http://127.0.0.1:8080/prefix//";
  am::Config c;
  am::Error e;
  ASSERT_TRUE(am::resolve_config(o, c, e)) << e.message;
  EXPECT_EQ(c.base_url, "http://127.0.0.1:8080/prefix");
}

TEST(Config, EnvironmentFillsUnsetSettings) {
  CleanEnv env;
  EnvGuard k("ANTHROPIC_API_KEY", "sk-env-key");
  EnvGuard u("ANTHROPIC_BASE_URL", "http://env.example:1234/");
  am::Options o;
  am::Config c;
  am::Error e;
  ASSERT_TRUE(am::resolve_config(o, c, e)) << e.message;
  EXPECT_EQ(c.options.api_key.value_or(""), "sk-env-key");
  EXPECT_EQ(c.base_url, "http://env.example:1234");
  EXPECT_TRUE(has_secret(c, "sk-env-key"));
}

TEST(Config, AuthTokenFromEnvironmentIsASecret) {
  CleanEnv env;
  EnvGuard t("ANTHROPIC_AUTH_TOKEN", "tok-env");
  am::Options o;
  am::Config c;
  am::Error e;
  ASSERT_TRUE(am::resolve_config(o, c, e)) << e.message;
  EXPECT_EQ(c.options.auth_token.value_or(""), "tok-env");
  EXPECT_TRUE(has_secret(c, "tok-env"));
}

TEST(Config, ExplicitSettingsWinOverEnvironment) {
  CleanEnv env;
  EnvGuard k("ANTHROPIC_API_KEY", "sk-env-key");
  EnvGuard u("ANTHROPIC_BASE_URL", "not a url");
  am::Options o;
  o.api_key = "sk-explicit";
  o.base_url = "https://explicit.example";
  am::Config c;
  am::Error e;
  ASSERT_TRUE(am::resolve_config(o, c, e)) << e.message;
  EXPECT_EQ(c.options.api_key.value_or(""), "sk-explicit");
  EXPECT_EQ(c.base_url, "https://explicit.example");
  EXPECT_TRUE(has_secret(c, "sk-explicit"));
}

TEST(Config, IgnoreEnv) {
  CleanEnv env;
  EnvGuard k("ANTHROPIC_API_KEY", "sk-env-key");
  EnvGuard t("ANTHROPIC_AUTH_TOKEN", "tok-env");
  EnvGuard u("ANTHROPIC_BASE_URL", "not a url");
  am::Options o;
  o.ignore_env = true;
  am::Config c;
  am::Error e;
  ASSERT_TRUE(am::resolve_config(o, c, e)) << e.message;
  EXPECT_FALSE(c.options.api_key.has_value());
  EXPECT_FALSE(c.options.auth_token.has_value());
  EXPECT_EQ(c.base_url, "https://api.anthropic.com");
  EXPECT_TRUE(c.secrets.empty());
}

TEST(Config, EmptyVariablesCountAsUnset) {
  CleanEnv env;
  EnvGuard k("ANTHROPIC_API_KEY", "");
  EnvGuard t("ANTHROPIC_AUTH_TOKEN", "");
  EnvGuard u("ANTHROPIC_BASE_URL", "");
  am::Options o;
  am::Config c;
  am::Error e;
  ASSERT_TRUE(am::resolve_config(o, c, e)) << e.message;
  EXPECT_FALSE(c.options.api_key.has_value());
  EXPECT_FALSE(c.options.auth_token.has_value());
  EXPECT_EQ(c.base_url, "https://api.anthropic.com");
}

TEST(Config, BadEnvironmentValuesRejected) {
  {
    CleanEnv env;
    EnvGuard u("ANTHROPIC_BASE_URL", "not a url");
    am::Options o;
    am::Config c;
    am::Error e;
    EXPECT_FALSE(am::resolve_config(o, c, e));
    EXPECT_EQ(e.status, AM_ERR_INVALID_ARGUMENT);
    EXPECT_NE(e.message.find("ANTHROPIC_BASE_URL"), std::string::npos) << e.message;
  }
  {
    CleanEnv env;
    EnvGuard k("ANTHROPIC_API_KEY", "sk-SECRET-env\r\nX-Evil: 1");
    am::Options o;
    am::Config c;
    am::Error e;
    EXPECT_FALSE(am::resolve_config(o, c, e));
    EXPECT_EQ(e.status, AM_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(e.message.find("sk-SECRET-env"), std::string::npos) << e.message;
  }
}

TEST(ConfigChecks, BaseUrl) {
  EXPECT_EQ(am::check_base_url("https://api.anthropic.com"), "");
  EXPECT_EQ(am::check_base_url("http://[::1]:8080/x"), "");
  EXPECT_NE(am::check_base_url("ftp://x"), "");
  EXPECT_NE(am::check_base_url("http://"), "");
  EXPECT_NE(am::check_base_url("https:///path"), "");
  EXPECT_NE(am::check_base_url("http://user:pw@host"), "");
  EXPECT_NE(am::check_base_url("http://user@host/"), "");
  EXPECT_NE(am::check_base_url("http://host\r\n"), "");
  EXPECT_NE(am::check_base_url("http://host/" + std::string(3000, 'a')), "");
  EXPECT_NE(am::check_base_url("httpx://host"), "");
  EXPECT_NE(am::check_base_url("//host"), "");
}

TEST(ConfigChecks, HeaderValuesAndBetas) {
  EXPECT_EQ(am::check_header_value("plain value\twith tab"), "");
  EXPECT_NE(am::check_header_value("a\rb"), "");
  EXPECT_NE(am::check_header_value("a\nb"), "");
  EXPECT_NE(am::check_header_value(std::string("a\0b", 3)), "");
  EXPECT_NE(am::check_header_value(std::string(8193, 'v')), "");
  EXPECT_EQ(am::check_header_value(std::string(8192, 'v')), "");
  EXPECT_EQ(am::check_beta("message-batches-2024-09-24"), "");
  EXPECT_NE(am::check_beta(""), "");
  EXPECT_NE(am::check_beta("a,b"), "");
  EXPECT_NE(am::check_beta("a\nb"), "");
}

TEST(StatusMap, HttpStatuses) {
  EXPECT_EQ(am::status_for_http(400), AM_ERR_BAD_REQUEST);
  EXPECT_EQ(am::status_for_http(422), AM_ERR_BAD_REQUEST);
  EXPECT_EQ(am::status_for_http(401), AM_ERR_AUTHENTICATION);
  EXPECT_EQ(am::status_for_http(403), AM_ERR_PERMISSION);
  EXPECT_EQ(am::status_for_http(404), AM_ERR_NOT_FOUND);
  EXPECT_EQ(am::status_for_http(409), AM_ERR_CONFLICT);
  EXPECT_EQ(am::status_for_http(413), AM_ERR_REQUEST_TOO_LARGE);
  EXPECT_EQ(am::status_for_http(429), AM_ERR_RATE_LIMITED);
  EXPECT_EQ(am::status_for_http(529), AM_ERR_OVERLOADED);
  for (int s : {500, 502, 503, 504, 599}) EXPECT_EQ(am::status_for_http(s), AM_ERR_SERVER) << s;
  for (int s : {301, 302, 307, 308, 408, 405, 418, 451, 499}) EXPECT_EQ(am::status_for_http(s), AM_ERR_HTTP) << s;
}
