// The C API without a network: status names, NULL handling, setter
// validation, and calls that must fail before anything is sent.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "amtest/env_guard.hpp"
#include "amtest/handles.hpp"
#include "amtest/secrets.hpp"
#include "anthropic_models.h"

namespace {

using amtest::ClientPtr;
using amtest::EnvGuard;
using amtest::FreeOfSecrets;
using amtest::kApiKey;
using amtest::OptionsPtr;
using amtest::ParamsPtr;

// A recognisable non-NULL value to pre-set out-parameters with; never dereferenced.
alignas(16) unsigned char g_dummy_storage[16];
am_error *dummy_err() { return reinterpret_cast<am_error *>(g_dummy_storage); }
template <typename T>
T *dummy_out() {
  return reinterpret_cast<T *>(g_dummy_storage + 8);
}

// What one fallible call reported.
struct Outcome {
  am_status status = -12345;
  am_status err_status = -12345;
  bool err_null = true;
  bool err_untouched = false;  // *err still holds the dummy
  std::string message;
  int32_t http_status = -1;
  int32_t attempts = -1;
};

// Runs `call(&err)` with err pre-set to the dummy, captures the error, frees it.
Outcome run(const std::function<am_status(am_error **)> &call) {
  Outcome o;
  am_error *err = dummy_err();
  o.status = call(&err);
  if (err == dummy_err()) {
    o.err_untouched = true;
    return o;
  }
  o.err_null = err == nullptr;
  if (err) {
    o.err_status = am_error_status(err);
    const char *m = am_error_message(err);
    o.message = m ? m : "(null message)";
    o.http_status = am_error_http_status(err);
    o.attempts = am_error_attempts(err);
    am_error_free(err);
  }
  return o;
}

// Checks: OK, and *err was set to NULL.
void expect_ok(const Outcome &o, const std::string &what) {
  EXPECT_EQ(o.status, AM_OK) << what << ": " << o.message;
  EXPECT_FALSE(o.err_untouched) << what << ": *err not set to NULL on success";
  EXPECT_TRUE(o.err_null) << what << ": " << o.message;
}

// Checks: the given failure status, an error object with the same status and a message.
void expect_fail(const Outcome &o, am_status want, const std::string &what) {
  EXPECT_EQ(o.status, want) << what << " (got " << am_status_name(o.status) << ": " << o.message << ")";
  EXPECT_FALSE(o.err_untouched) << what << ": *err not set";
  EXPECT_FALSE(o.err_null) << what << ": no error object";
  EXPECT_EQ(o.err_status, want) << what;
  EXPECT_FALSE(o.message.empty()) << what;
  EXPECT_TRUE(FreeOfSecrets(o.message)) << what;
}

void expect_invalid(const Outcome &o, const std::string &what) { expect_fail(o, AM_ERR_INVALID_ARGUMENT, what); }

// A client that never reaches a server in these tests: ignores the
// environment, points at the discard port of the loopback address.
am_client *offline_client(bool with_key, am_status *status_out = nullptr) {
  OptionsPtr o(am_options_new());
  EXPECT_NE(o.get(), nullptr);
  am_options_set_ignore_env(o.get(), 1);
  EXPECT_EQ(am_options_set_base_url(o.get(), "http://127.0.0.1:9", nullptr), AM_OK);
  EXPECT_EQ(am_options_set_max_retries(o.get(), 0, nullptr), AM_OK);
  EXPECT_EQ(am_options_set_timeout_ms(o.get(), 5000, nullptr), AM_OK);
  EXPECT_EQ(am_options_set_connect_timeout_ms(o.get(), 2000, nullptr), AM_OK);
  if (with_key) {
    EXPECT_EQ(am_options_set_api_key(o.get(), kApiKey, nullptr), AM_OK);
  }
  am_client *c = nullptr;
  am_status s = am_client_new(o.get(), &c, nullptr);
  if (status_out) *status_out = s;
  EXPECT_EQ(s, AM_OK);
  EXPECT_NE(c, nullptr);
  return c;
}

}  // namespace

// ---- status names -----------------------------------------------------------

TEST(CApiStatus, EveryKnownStatusHasADistinctName) {
  std::set<std::string> names;
  for (am_status s = AM_OK; s <= AM_ERR_PAGINATION; ++s) {
    const char *n = am_status_name(s);
    ASSERT_NE(n, nullptr) << s;
    EXPECT_STRNE(n, "unknown") << s;
    EXPECT_STRNE(n, "") << s;
    EXPECT_TRUE(names.insert(n).second) << "duplicate name " << n << " for " << s;
  }
  EXPECT_EQ(names.size(), 21u);
  EXPECT_STREQ(am_status_name(AM_ERR_RATE_LIMITED), "rate_limited");
}

TEST(CApiStatus, UnknownStatusesAreUnknown) {
  for (am_status s : {999, -1, INT32_MIN, INT32_MAX, 1000}) {
    const char *n = am_status_name(s);
    ASSERT_NE(n, nullptr) << s;
    EXPECT_STREQ(n, "unknown") << s;
  }
}

TEST(CApiCapability, Paths) {
  for (am_capability c = AM_CAP_BATCH; c < AM_CAP_COUNT_; ++c) {
    const char *p = am_capability_path(c);
    ASSERT_NE(p, nullptr) << c;
    EXPECT_GT(std::strlen(p), 0u);
  }
  EXPECT_STREQ(am_capability_path(AM_CAP_EFFORT_XHIGH), "effort.xhigh");
  EXPECT_STREQ(am_capability_path(AM_CAP_SERVER_TOOLS_CODE_EXECUTION), "server_tools.code_execution");
  EXPECT_EQ(am_capability_path(0), nullptr);
  EXPECT_EQ(am_capability_path(AM_CAP_COUNT_), nullptr);
  EXPECT_EQ(am_capability_path(-1), nullptr);
  EXPECT_EQ(am_model_supports(nullptr, AM_CAP_BATCH), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(nullptr, "batch"), AM_SUPPORT_UNKNOWN);
}

// ---- free(NULL) and NULL getters ---------------------------------------------

TEST(CApiNull, FreeNullIsNoOp) {
  am_error_free(nullptr);
  am_options_free(nullptr);
  am_client_free(nullptr);
  am_list_params_free(nullptr);
  am_model_list_free(nullptr);
  am_model_free(nullptr);
  SUCCEED();
}

TEST(CApiNull, VoidSettersAcceptNull) {
  am_options_clear_betas(nullptr);
  am_options_set_ignore_env(nullptr, 1);
  am_options_set_beta_variant(nullptr, 1);
  am_options_set_curl_global_init(nullptr, 0);
  am_list_params_set_beta(nullptr, 1);
  SUCCEED();
}

TEST(CApiNull, GettersOnNullHandles) {
  EXPECT_EQ(am_model_list_count(nullptr), 0u);
  EXPECT_EQ(am_model_list_at(nullptr, 0), nullptr);
  EXPECT_EQ(am_model_list_first_id(nullptr), nullptr);
  EXPECT_EQ(am_model_list_last_id(nullptr), nullptr);
  EXPECT_EQ(am_model_list_has_more(nullptr), 0);
  EXPECT_EQ(am_model_clone(nullptr), nullptr);
  EXPECT_EQ(am_model_id(nullptr), nullptr);
  EXPECT_EQ(am_model_json(nullptr), nullptr);
  int64_t v = 77;
  EXPECT_EQ(am_model_max_tokens(nullptr, &v), 0);
  EXPECT_EQ(am_model_max_input_tokens(nullptr, &v), 0);
  EXPECT_EQ(am_model_created_at_unix(nullptr, &v), 0);
  EXPECT_EQ(v, 77);
  EXPECT_EQ(am_model_effort_level_count(nullptr), 0u);
  EXPECT_EQ(am_model_effort_level_at(nullptr, 0), nullptr);
  EXPECT_EQ(am_model_thinking_type_count(nullptr), 0u);
  EXPECT_EQ(am_model_thinking_type_at(nullptr, 0), nullptr);
}

TEST(CApiNull, NullOptionsHandle) {
  const std::vector<std::pair<const char *, std::function<am_status(am_error **)>>> calls = {
      {"set_api_key", [](am_error **e) { return am_options_set_api_key(nullptr, "k", e); }},
      {"set_auth_token", [](am_error **e) { return am_options_set_auth_token(nullptr, "t", e); }},
      {"set_base_url", [](am_error **e) { return am_options_set_base_url(nullptr, "https://x", e); }},
      {"set_api_version", [](am_error **e) { return am_options_set_api_version(nullptr, "2023-06-01", e); }},
      {"add_beta", [](am_error **e) { return am_options_add_beta(nullptr, "b", e); }},
      {"set_workspace_id", [](am_error **e) { return am_options_set_workspace_id(nullptr, "w", e); }},
      {"add_header", [](am_error **e) { return am_options_add_header(nullptr, "x-a", "b", e); }},
      {"set_timeout_ms", [](am_error **e) { return am_options_set_timeout_ms(nullptr, 1, e); }},
      {"set_connect_timeout_ms", [](am_error **e) { return am_options_set_connect_timeout_ms(nullptr, 1, e); }},
      {"set_deadline_ms", [](am_error **e) { return am_options_set_deadline_ms(nullptr, 1, e); }},
      {"set_max_retries", [](am_error **e) { return am_options_set_max_retries(nullptr, 1, e); }},
      {"set_retry_after_cap_ms", [](am_error **e) { return am_options_set_retry_after_cap_ms(nullptr, 1, e); }},
      {"set_proxy", [](am_error **e) { return am_options_set_proxy(nullptr, "", e); }},
      {"set_ca_bundle", [](am_error **e) { return am_options_set_ca_bundle(nullptr, "/x.pem", e); }},
      {"set_max_response_bytes", [](am_error **e) { return am_options_set_max_response_bytes(nullptr, 4096, e); }},
      {"set_user_agent_suffix", [](am_error **e) { return am_options_set_user_agent_suffix(nullptr, "s", e); }},
      // NULL string values too: the handle check comes first.
      {"set_api_key(NULL,NULL)", [](am_error **e) { return am_options_set_api_key(nullptr, nullptr, e); }},
  };
  for (const auto &c : calls) {
    expect_invalid(run(c.second), c.first);
    EXPECT_EQ(c.second(nullptr), AM_ERR_INVALID_ARGUMENT) << c.first << " with err == NULL";
  }
}

TEST(CApiNull, NullParamsHandle) {
  const std::vector<std::pair<const char *, std::function<am_status(am_error **)>>> calls = {
      {"set_limit", [](am_error **e) { return am_list_params_set_limit(nullptr, 10, e); }},
      {"set_after_id", [](am_error **e) { return am_list_params_set_after_id(nullptr, "m", e); }},
      {"set_before_id", [](am_error **e) { return am_list_params_set_before_id(nullptr, "m", e); }},
      {"add_lifecycle", [](am_error **e) { return am_list_params_add_lifecycle(nullptr, "active", e); }},
      {"set_max_pages", [](am_error **e) { return am_list_params_set_max_pages(nullptr, 5, e); }},
  };
  for (const auto &c : calls) {
    expect_invalid(run(c.second), c.first);
    EXPECT_EQ(c.second(nullptr), AM_ERR_INVALID_ARGUMENT) << c.first << " with err == NULL";
  }
}

TEST(CApiNull, NullClientAndOut) {
  am_model_list *list = dummy_out<am_model_list>();
  expect_invalid(run([&](am_error **e) { return am_models_list(nullptr, nullptr, &list, e); }), "list(NULL client)");
  EXPECT_EQ(list, nullptr);
  list = dummy_out<am_model_list>();
  expect_invalid(run([&](am_error **e) { return am_models_list_all(nullptr, nullptr, &list, e); }),
                 "list_all(NULL client)");
  EXPECT_EQ(list, nullptr);
  am_model *model = dummy_out<am_model>();
  expect_invalid(run([&](am_error **e) { return am_model_get(nullptr, "claude-opus-4-6", &model, e); }),
                 "get(NULL client)");
  EXPECT_EQ(model, nullptr);
  EXPECT_EQ(am_model_get(nullptr, "m", nullptr, nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_models_list(nullptr, nullptr, nullptr, nullptr), AM_ERR_INVALID_ARGUMENT);

  expect_invalid(run([](am_error **e) { return am_client_new(nullptr, nullptr, e); }), "client_new(out NULL)");

  ClientPtr c(offline_client(true));
  ASSERT_NE(c.get(), nullptr);
  expect_invalid(run([&](am_error **e) { return am_models_list(c.get(), nullptr, nullptr, e); }), "list(out NULL)");
  expect_invalid(run([&](am_error **e) { return am_models_list_all(c.get(), nullptr, nullptr, e); }),
                 "list_all(out NULL)");
  expect_invalid(run([&](am_error **e) { return am_model_get(c.get(), "m", nullptr, e); }), "get(out NULL)");
  model = dummy_out<am_model>();
  expect_invalid(run([&](am_error **e) { return am_model_get(c.get(), nullptr, &model, e); }), "get(id NULL)");
  EXPECT_EQ(model, nullptr);
}

// ---- setters -----------------------------------------------------------------

TEST(CApiOptions, NewAndFree) {
  am_options *o = am_options_new();
  ASSERT_NE(o, nullptr);
  am_options_free(o);
  am_list_params *p = am_list_params_new();
  ASSERT_NE(p, nullptr);
  am_list_params_free(p);
}

TEST(CApiOptions, BaseUrlRejected) {
  OptionsPtr o(am_options_new());
  const std::string long_url = "https://example.com/" + std::string(2980, 'a');
  ASSERT_EQ(long_url.size(), 3000u);
  for (const std::string &url : {std::string("ftp://x"), std::string("http://"), std::string("https://"),
                                 std::string("http://user:pw@host"), std::string("https://api.anthropic.com\r\n"),
                                 std::string("https://api.anthropic.com\r\nX-Injected: 1"),
                                 std::string("http://a\nb"), long_url, std::string(""), std::string("api.anthropic.com"),
                                 std::string("file:///etc/passwd"), std::string("http://host/p?q=1"),
                                 std::string("http://host/#frag"), std::string("http://ho st/")}) {
    expect_invalid(run([&](am_error **e) { return am_options_set_base_url(o.get(), url.c_str(), e); }),
                   "base URL '" + url.substr(0, 40) + "'");
    EXPECT_EQ(am_options_set_base_url(o.get(), url.c_str(), nullptr), AM_ERR_INVALID_ARGUMENT);
  }
}

TEST(CApiOptions, BaseUrlAccepted) {
  OptionsPtr o(am_options_new());
  for (const char *url : {"https://api.anthropic.com", "http://127.0.0.1:8080", "http://localhost:1234/",
                          "https://proxy.example.com/anthropic/", "HTTPS://API.ANTHROPIC.COM"})
    expect_ok(run([&](am_error **e) { return am_options_set_base_url(o.get(), url, e); }), url);
  expect_ok(run([&](am_error **e) { return am_options_set_base_url(o.get(), nullptr, e); }), "base URL NULL resets");
}

TEST(CApiOptions, HeadersRejected) {
  OptionsPtr o(am_options_new());
  struct H {
    std::string name, value;
  };
  for (const H &h : std::vector<H>{
           {"X-Custom\r\nX-Evil", "v"},
           {"X-Custom\n", "v"},
           {"X-Custom", "v\r\nX-Evil: 1"},
           {"X-Custom", "v\n"},
           {"X-Custom", "v\r"},
           {"X Custom", "v"},
           {"X-Custom:", "v"},
           {"X:Custom", "v"},
           {"", "v"},
           {"x-api-key", "k"},
           {"X-API-KEY", "k"},
           {"Authorization", "Bearer t"},
           {"authorization", "Bearer t"},
           {"AUTHORIZATION", "Bearer t"},
           {"aUtHoRiZaTiOn", "Bearer t"},
           {"anthropic-version", "2023-06-01"},
           {"Anthropic-Version", "2023-06-01"},
           {"anthropic-beta", "x"},
           {"host", "example.com"},
           {"Host", "example.com"},
           {"content-length", "0"},
           {"Transfer-Encoding", "chunked"},
           {"connection", "close"},
       }) {
    expect_invalid(run([&](am_error **e) { return am_options_add_header(o.get(), h.name.c_str(), h.value.c_str(), e); }),
                   "header '" + h.name + "': '" + h.value + "'");
  }
  expect_invalid(run([&](am_error **e) { return am_options_add_header(o.get(), nullptr, "v", e); }), "name NULL");
  expect_invalid(run([&](am_error **e) { return am_options_add_header(o.get(), "X-A", nullptr, e); }), "value NULL");
}

TEST(CApiOptions, HeadersAccepted) {
  OptionsPtr o(am_options_new());
  expect_ok(run([&](am_error **e) { return am_options_add_header(o.get(), "X-Custom", "value 1", e); }), "X-Custom");
  expect_ok(run([&](am_error **e) { return am_options_add_header(o.get(), "anthropic-workspace-id-ish", "w", e); }), "x");
  expect_ok(run([&](am_error **e) { return am_options_add_header(o.get(), "X-Empty", "", e); }), "empty value");
}

TEST(CApiOptions, BetasRejectedAndAccepted) {
  OptionsPtr o(am_options_new());
  expect_invalid(run([&](am_error **e) { return am_options_add_beta(o.get(), "", e); }), "beta ''");
  expect_invalid(run([&](am_error **e) { return am_options_add_beta(o.get(), "a,b", e); }), "beta 'a,b'");
  expect_invalid(run([&](am_error **e) { return am_options_add_beta(o.get(), "a\r\nb", e); }), "beta CRLF");
  expect_ok(run([&](am_error **e) { return am_options_add_beta(o.get(), "message-batches-2024-09-24", e); }), "beta");
  expect_ok(run([&](am_error **e) { return am_options_add_beta(o.get(), "fast-mode-2026-02-01", e); }), "beta 2");
  am_options_clear_betas(o.get());
}

TEST(CApiOptions, StringSettersRejectControlChars) {
  OptionsPtr o(am_options_new());
  const std::vector<std::pair<const char *, std::function<am_status(const char *, am_error **)>>> setters = {
      {"api_key", [&](const char *v, am_error **e) { return am_options_set_api_key(o.get(), v, e); }},
      {"auth_token", [&](const char *v, am_error **e) { return am_options_set_auth_token(o.get(), v, e); }},
      {"api_version", [&](const char *v, am_error **e) { return am_options_set_api_version(o.get(), v, e); }},
      {"workspace_id", [&](const char *v, am_error **e) { return am_options_set_workspace_id(o.get(), v, e); }},
      {"user_agent_suffix", [&](const char *v, am_error **e) { return am_options_set_user_agent_suffix(o.get(), v, e); }},
  };
  for (const auto &s : setters) {
    expect_invalid(run([&](am_error **e) { return s.second("a\r\nX-Evil: 1", e); }), std::string(s.first) + " CRLF");
    expect_invalid(run([&](am_error **e) { return s.second("a\nb", e); }), std::string(s.first) + " LF");
    expect_invalid(run([&](am_error **e) { return s.second("\xC3\x28", e); }), std::string(s.first) + " bad UTF-8");
    expect_ok(run([&](am_error **e) { return s.second("plain-value", e); }), std::string(s.first) + " ok");
    expect_ok(run([&](am_error **e) { return s.second(nullptr, e); }), std::string(s.first) + " NULL resets");
  }
  // An empty proxy disables proxies; an empty CA bundle path is meaningless.
  expect_ok(run([&](am_error **e) { return am_options_set_proxy(o.get(), "", e); }), "proxy ''");
  expect_ok(run([&](am_error **e) { return am_options_set_proxy(o.get(), "http://proxy:3128", e); }), "proxy");
  expect_invalid(run([&](am_error **e) { return am_options_set_proxy(o.get(), "http://p\r\n", e); }), "proxy CRLF");
  expect_invalid(run([&](am_error **e) { return am_options_set_ca_bundle(o.get(), "", e); }), "ca_bundle ''");
  expect_ok(run([&](am_error **e) { return am_options_set_ca_bundle(o.get(), "/etc/ssl/certs/ca.pem", e); }), "ca");
  // Credentials and names must not be empty.
  expect_invalid(run([&](am_error **e) { return am_options_set_api_key(o.get(), "", e); }), "api_key ''");
  expect_invalid(run([&](am_error **e) { return am_options_set_auth_token(o.get(), "", e); }), "auth_token ''");
}

TEST(CApiOptions, NumberRanges) {
  OptionsPtr o(am_options_new());
  expect_invalid(run([&](am_error **e) { return am_options_set_max_retries(o.get(), -1, e); }), "max_retries -1");
  expect_invalid(run([&](am_error **e) { return am_options_set_max_retries(o.get(), 101, e); }), "max_retries 101");
  expect_ok(run([&](am_error **e) { return am_options_set_max_retries(o.get(), 0, e); }), "max_retries 0");
  expect_ok(run([&](am_error **e) { return am_options_set_max_retries(o.get(), 100, e); }), "max_retries 100");

  expect_invalid(run([&](am_error **e) { return am_options_set_timeout_ms(o.get(), -1, e); }), "timeout -1");
  expect_ok(run([&](am_error **e) { return am_options_set_timeout_ms(o.get(), 0, e); }), "timeout 0");
  expect_ok(run([&](am_error **e) { return am_options_set_timeout_ms(o.get(), 60000, e); }), "timeout 60000");
  expect_invalid(run([&](am_error **e) { return am_options_set_connect_timeout_ms(o.get(), -1, e); }), "connect -1");
  expect_invalid(run([&](am_error **e) { return am_options_set_deadline_ms(o.get(), -5, e); }), "deadline -5");
  expect_invalid(run([&](am_error **e) { return am_options_set_retry_after_cap_ms(o.get(), -1, e); }), "cap -1");
  expect_ok(run([&](am_error **e) { return am_options_set_deadline_ms(o.get(), 0, e); }), "deadline 0");

  expect_invalid(run([&](am_error **e) { return am_options_set_max_response_bytes(o.get(), 100, e); }), "max bytes 100");
  expect_invalid(run([&](am_error **e) { return am_options_set_max_response_bytes(o.get(), 1023, e); }), "max bytes 1023");
  expect_invalid(run([&](am_error **e) { return am_options_set_max_response_bytes(o.get(), -1, e); }), "max bytes -1");
  expect_ok(run([&](am_error **e) { return am_options_set_max_response_bytes(o.get(), 1024, e); }), "max bytes 1024");
}

TEST(CApiParams, Limit) {
  ParamsPtr p(am_list_params_new());
  expect_invalid(run([&](am_error **e) { return am_list_params_set_limit(p.get(), 0, e); }), "limit 0");
  expect_invalid(run([&](am_error **e) { return am_list_params_set_limit(p.get(), 1001, e); }), "limit 1001");
  expect_invalid(run([&](am_error **e) { return am_list_params_set_limit(p.get(), -1, e); }), "limit -1");
  expect_ok(run([&](am_error **e) { return am_list_params_set_limit(p.get(), 1, e); }), "limit 1");
  expect_ok(run([&](am_error **e) { return am_list_params_set_limit(p.get(), 1000, e); }), "limit 1000");
}

TEST(CApiParams, MaxPages) {
  ParamsPtr p(am_list_params_new());
  expect_invalid(run([&](am_error **e) { return am_list_params_set_max_pages(p.get(), 0, e); }), "max_pages 0");
  expect_invalid(run([&](am_error **e) { return am_list_params_set_max_pages(p.get(), 1000001, e); }), "max_pages big");
  expect_ok(run([&](am_error **e) { return am_list_params_set_max_pages(p.get(), 1, e); }), "max_pages 1");
  expect_ok(run([&](am_error **e) { return am_list_params_set_max_pages(p.get(), 1000000, e); }), "max_pages 1e6");
}

TEST(CApiParams, CursorsRejected) {
  ParamsPtr p(am_list_params_new());
  const std::string long_id(513, 'a');
  for (const std::string &id : {std::string(""), long_id, std::string("\xC3\x28"), std::string("\xED\xA0\x80"),
                                std::string("a\nb"), std::string("a\rb"), std::string("a\x01"),
                                std::string("a\x7f")}) {
    expect_invalid(run([&](am_error **e) { return am_list_params_set_after_id(p.get(), id.c_str(), e); }),
                   "after_id '" + id.substr(0, 20) + "'");
    expect_invalid(run([&](am_error **e) { return am_list_params_set_before_id(p.get(), id.c_str(), e); }),
                   "before_id '" + id.substr(0, 20) + "'");
  }
}

TEST(CApiParams, CursorsAccepted) {
  ParamsPtr p(am_list_params_new());
  const std::string id512(512, 'a');
  expect_ok(run([&](am_error **e) { return am_list_params_set_after_id(p.get(), "claude-opus-4-6", e); }), "after");
  expect_ok(run([&](am_error **e) { return am_list_params_set_after_id(p.get(), id512.c_str(), e); }), "after 512");
  expect_ok(run([&](am_error **e) { return am_list_params_set_after_id(p.get(), nullptr, e); }), "after NULL");
  expect_ok(run([&](am_error **e) { return am_list_params_set_before_id(p.get(), "a&b=c", e); }), "before");
  expect_ok(run([&](am_error **e) { return am_list_params_set_before_id(p.get(), nullptr, e); }), "before NULL");
}

TEST(CApiParams, Lifecycle) {
  ParamsPtr p(am_list_params_new());
  expect_ok(run([&](am_error **e) { return am_list_params_add_lifecycle(p.get(), "active", e); }), "active");
  expect_ok(run([&](am_error **e) { return am_list_params_add_lifecycle(p.get(), "retired", e); }), "retired");
  expect_invalid(run([&](am_error **e) { return am_list_params_add_lifecycle(p.get(), "", e); }), "empty");
  expect_invalid(run([&](am_error **e) { return am_list_params_add_lifecycle(p.get(), nullptr, e); }), "NULL");
  expect_invalid(run([&](am_error **e) { return am_list_params_add_lifecycle(p.get(), "a\nb", e); }), "LF");
}

TEST(CApiErrors, ErrNullAcceptedEverywhere) {
  OptionsPtr o(am_options_new());
  ParamsPtr p(am_list_params_new());
  EXPECT_EQ(am_options_set_base_url(o.get(), "ftp://x", nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_options_set_base_url(o.get(), "https://x", nullptr), AM_OK);
  EXPECT_EQ(am_options_add_header(o.get(), "host", "x", nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_options_add_beta(o.get(), "a,b", nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_options_set_max_retries(o.get(), 101, nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_options_set_timeout_ms(o.get(), -1, nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_options_set_max_response_bytes(o.get(), 100, nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_list_params_set_limit(p.get(), 0, nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_list_params_set_after_id(p.get(), "", nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_list_params_set_max_pages(p.get(), 0, nullptr), AM_ERR_INVALID_ARGUMENT);

  ClientPtr c(offline_client(false));
  am_model_list *list = dummy_out<am_model_list>();
  EXPECT_EQ(am_models_list(c.get(), nullptr, &list, nullptr), AM_ERR_AUTHENTICATION);
  EXPECT_EQ(list, nullptr);
  am_model *m = dummy_out<am_model>();
  EXPECT_EQ(am_model_get(c.get(), "claude-opus-4-6", &m, nullptr), AM_ERR_AUTHENTICATION);
  EXPECT_EQ(m, nullptr);
}

TEST(CApiErrors, NullErrorHandleAccessors) {
  // Not required by the contract beyond "no crash"; the status of a NULL
  // error must not claim success.
  EXPECT_NE(am_error_status(nullptr), AM_OK);
  EXPECT_EQ(am_error_http_status(nullptr), 0);
  EXPECT_EQ(am_error_type(nullptr), nullptr);
  EXPECT_EQ(am_error_request_id(nullptr), nullptr);
  EXPECT_EQ(am_error_attempts(nullptr), 0);
  EXPECT_EQ(am_error_retry_after_ms(nullptr), -1);
}

TEST(CApiErrors, LocalErrorFields) {
  OptionsPtr o(am_options_new());
  am_error *err = nullptr;
  ASSERT_EQ(am_options_set_base_url(o.get(), "ftp://x", &err), AM_ERR_INVALID_ARGUMENT);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(am_error_http_status(err), 0);
  EXPECT_EQ(am_error_type(err), nullptr);
  EXPECT_EQ(am_error_request_id(err), nullptr);
  EXPECT_EQ(am_error_attempts(err), 0);
  EXPECT_EQ(am_error_retry_after_ms(err), -1);
  am_error_free(err);
}

// ---- calls that fail before sending ------------------------------------------

TEST(CApiOffline, NoCredentialIsAuthenticationError) {
  ClientPtr c(offline_client(false));
  ASSERT_NE(c.get(), nullptr);
  am_model_list *list = dummy_out<am_model_list>();
  Outcome o = run([&](am_error **e) { return am_models_list(c.get(), nullptr, &list, e); });
  expect_fail(o, AM_ERR_AUTHENTICATION, "list without credential");
  EXPECT_EQ(o.attempts, 0);
  EXPECT_EQ(o.http_status, 0);
  EXPECT_EQ(list, nullptr);

  list = dummy_out<am_model_list>();
  o = run([&](am_error **e) { return am_models_list_all(c.get(), nullptr, &list, e); });
  expect_fail(o, AM_ERR_AUTHENTICATION, "list_all without credential");
  EXPECT_EQ(o.attempts, 0);
  EXPECT_EQ(o.http_status, 0);
  EXPECT_EQ(list, nullptr);

  am_model *m = dummy_out<am_model>();
  o = run([&](am_error **e) { return am_model_get(c.get(), "claude-opus-4-6", &m, e); });
  expect_fail(o, AM_ERR_AUTHENTICATION, "get without credential");
  EXPECT_EQ(o.attempts, 0);
  EXPECT_EQ(o.http_status, 0);
  EXPECT_EQ(m, nullptr);
}

TEST(CApiOffline, EmptyEnvCredentialCountsAsUnset) {
  EnvGuard k("ANTHROPIC_API_KEY", "");
  EnvGuard t("ANTHROPIC_AUTH_TOKEN", "");
  EnvGuard u("ANTHROPIC_BASE_URL", "");
  OptionsPtr opts(am_options_new());
  ASSERT_EQ(am_options_set_base_url(opts.get(), "http://127.0.0.1:9", nullptr), AM_OK);
  am_client *c = nullptr;
  ASSERT_EQ(am_client_new(opts.get(), &c, nullptr), AM_OK);
  am_model_list *list = nullptr;
  Outcome o = run([&](am_error **e) { return am_models_list(c, nullptr, &list, e); });
  expect_fail(o, AM_ERR_AUTHENTICATION, "empty ANTHROPIC_API_KEY");
  EXPECT_EQ(o.attempts, 0);
  am_client_free(c);
}

TEST(CApiOffline, DotSegmentIdsRejectedBeforeSending) {
  ClientPtr c(offline_client(true));
  ASSERT_NE(c.get(), nullptr);
  const std::string long_id(513, 'm');
  for (const std::string &id : {std::string(""), std::string("."), std::string(".."), std::string("%2e%2e"),
                                std::string("%2E"), std::string(".%2e"), std::string("%252e%252e"), long_id,
                                std::string("a\nb"), std::string("\xC0\xAF")}) {
    am_model *m = dummy_out<am_model>();
    Outcome o = run([&](am_error **e) { return am_model_get(c.get(), id.c_str(), &m, e); });
    expect_invalid(o, "get '" + id.substr(0, 20) + "'");
    EXPECT_EQ(o.attempts, 0) << id;
    EXPECT_EQ(o.http_status, 0) << id;
    EXPECT_EQ(m, nullptr) << id;
  }
}

TEST(CApiOffline, BothCursorsRejectedBeforeSending) {
  ClientPtr c(offline_client(true));
  ASSERT_NE(c.get(), nullptr);
  ParamsPtr p(am_list_params_new());
  ASSERT_EQ(am_list_params_set_after_id(p.get(), "claude-a", nullptr), AM_OK);
  ASSERT_EQ(am_list_params_set_before_id(p.get(), "claude-b", nullptr), AM_OK);
  am_model_list *list = dummy_out<am_model_list>();
  Outcome o = run([&](am_error **e) { return am_models_list(c.get(), p.get(), &list, e); });
  expect_invalid(o, "list with both cursors");
  EXPECT_EQ(o.attempts, 0);
  EXPECT_EQ(list, nullptr);
  list = dummy_out<am_model_list>();
  o = run([&](am_error **e) { return am_models_list_all(c.get(), p.get(), &list, e); });
  expect_invalid(o, "list_all with both cursors");
  EXPECT_EQ(o.attempts, 0);
  EXPECT_EQ(list, nullptr);
  // Clearing one makes the parameters acceptable again (the call then fails
  // for another reason, or succeeds; it must not be the cursor check).
  ASSERT_EQ(am_list_params_set_before_id(p.get(), nullptr, nullptr), AM_OK);
  ClientPtr nokey(offline_client(false));
  o = run([&](am_error **e) { return am_models_list(nokey.get(), p.get(), &list, e); });
  expect_fail(o, AM_ERR_AUTHENTICATION, "one cursor, no key");
}

TEST(CApiOffline, BadBaseUrlFromEnvironment) {
  EnvGuard g("ANTHROPIC_BASE_URL", "not a url");
  am_client *c = dummy_out<am_client>();
  Outcome o = run([&](am_error **e) { return am_client_new(nullptr, &c, e); });
  expect_invalid(o, "ANTHROPIC_BASE_URL='not a url', NULL options");
  EXPECT_EQ(c, nullptr);

  OptionsPtr opts(am_options_new());
  c = dummy_out<am_client>();
  o = run([&](am_error **e) { return am_client_new(opts.get(), &c, e); });
  expect_invalid(o, "ANTHROPIC_BASE_URL='not a url'");
  EXPECT_EQ(c, nullptr);

  // An explicit base URL wins over the environment.
  ASSERT_EQ(am_options_set_base_url(opts.get(), "http://127.0.0.1:9", nullptr), AM_OK);
  c = nullptr;
  expect_ok(run([&](am_error **e) { return am_client_new(opts.get(), &c, e); }), "explicit base URL");
  am_client_free(c);

  // So does ignore_env.
  OptionsPtr ignoring(am_options_new());
  am_options_set_ignore_env(ignoring.get(), 1);
  c = nullptr;
  expect_ok(run([&](am_error **e) { return am_client_new(ignoring.get(), &c, e); }), "ignore_env");
  am_client_free(c);
}

TEST(CApiOffline, BadCredentialFromEnvironment) {
  const std::string bad = std::string(kApiKey) + "\r\nX-Evil: 1";
  EnvGuard g("ANTHROPIC_API_KEY", bad.c_str());
  EnvGuard u("ANTHROPIC_BASE_URL", nullptr);
  am_client *c = dummy_out<am_client>();
  Outcome o = run([&](am_error **e) { return am_client_new(nullptr, &c, e); });
  expect_invalid(o, "ANTHROPIC_API_KEY with CRLF");
  EXPECT_EQ(c, nullptr);
}

TEST(CApiOffline, ClientNewSucceedsAndSetsErrNull) {
  OptionsPtr opts(am_options_new());
  am_options_set_ignore_env(opts.get(), 1);
  am_client *c = dummy_out<am_client>();
  expect_ok(run([&](am_error **e) { return am_client_new(opts.get(), &c, e); }), "client_new");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c, dummy_out<am_client>());
  am_client_free(c);
  // The options may be freed before the client.
  am_options *tmp = am_options_new();
  ASSERT_NE(tmp, nullptr);
  am_options_set_ignore_env(tmp, 1);
  ASSERT_EQ(am_options_set_api_key(tmp, kApiKey, nullptr), AM_OK);
  c = nullptr;
  ASSERT_EQ(am_client_new(tmp, &c, nullptr), AM_OK);
  am_options_free(tmp);
  am_model *m = nullptr;
  EXPECT_EQ(am_model_get(c, "..", &m, nullptr), AM_ERR_INVALID_ARGUMENT);
  am_client_free(c);
}

TEST(CApiOffline, MessagesNeverContainTheKey) {
  std::vector<Outcome> outcomes;
  OptionsPtr o(am_options_new());
  const std::string key_crlf = std::string(kApiKey) + "\r\n";
  const std::string key_long = std::string(kApiKey) + std::string(9000, 'x');
  outcomes.push_back(run([&](am_error **e) { return am_options_set_api_key(o.get(), key_crlf.c_str(), e); }));
  outcomes.push_back(run([&](am_error **e) { return am_options_set_api_key(o.get(), key_long.c_str(), e); }));
  outcomes.push_back(run([&](am_error **e) { return am_options_set_auth_token(o.get(), key_crlf.c_str(), e); }));
  outcomes.push_back(run([&](am_error **e) { return am_options_add_header(o.get(), "x-api-key", kApiKey, e); }));
  outcomes.push_back(run([&](am_error **e) { return am_options_add_header(o.get(), "X-Custom", key_crlf.c_str(), e); }));
  const std::string hdr_name = std::string("Authorization: Bearer ") + kApiKey;
  outcomes.push_back(run([&](am_error **e) { return am_options_add_header(o.get(), hdr_name.c_str(), "v", e); }));
  const std::string url_cred = std::string("https://") + kApiKey + "@api.anthropic.com";
  outcomes.push_back(run([&](am_error **e) { return am_options_set_base_url(o.get(), url_cred.c_str(), e); }));
  const std::string url_space = std::string("https://api.anthropic.com/") + kApiKey + " x";
  outcomes.push_back(run([&](am_error **e) { return am_options_set_base_url(o.get(), url_space.c_str(), e); }));
  outcomes.push_back(run([&](am_error **e) { return am_options_add_beta(o.get(), key_crlf.c_str(), e); }));

  {
    ClientPtr c(offline_client(true));
    const std::string id = std::string(kApiKey) + "\n";
    am_model *m = nullptr;
    outcomes.push_back(run([&](am_error **e) { return am_model_get(c.get(), id.c_str(), &m, e); }));
    ParamsPtr p(am_list_params_new());
    outcomes.push_back(run([&](am_error **e) { return am_list_params_set_after_id(p.get(), id.c_str(), e); }));
  }
  {
    const std::string env_url = std::string("ftp://") + kApiKey;
    EnvGuard g("ANTHROPIC_BASE_URL", env_url.c_str());
    am_client *c = nullptr;
    outcomes.push_back(run([&](am_error **e) { return am_client_new(nullptr, &c, e); }));
  }
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome &out = outcomes[i];
    EXPECT_EQ(out.status, AM_ERR_INVALID_ARGUMENT) << "case " << i << ": " << out.message;
    EXPECT_FALSE(out.message.empty()) << "case " << i;
    EXPECT_TRUE(FreeOfSecrets(out.message)) << "case " << i;
  }
}

// Loopback only: nothing listens on the discard port, so the connection is
// refused. One attempt (max_retries 0), no HTTP status, the key not echoed.
TEST(CApiOffline, RefusedConnectionIsConnectionError) {
  OptionsPtr o(am_options_new());
  am_options_set_ignore_env(o.get(), 1);
  const std::string url = std::string("http://127.0.0.1:9/") + kApiKey;
  ASSERT_EQ(am_options_set_base_url(o.get(), url.c_str(), nullptr), AM_OK);
  ASSERT_EQ(am_options_set_api_key(o.get(), kApiKey, nullptr), AM_OK);
  ASSERT_EQ(am_options_set_max_retries(o.get(), 0, nullptr), AM_OK);
  ASSERT_EQ(am_options_set_connect_timeout_ms(o.get(), 2000, nullptr), AM_OK);
  ASSERT_EQ(am_options_set_timeout_ms(o.get(), 5000, nullptr), AM_OK);
  am_client *c = nullptr;
  ASSERT_EQ(am_client_new(o.get(), &c, nullptr), AM_OK);
  am_model *m = dummy_out<am_model>();
  Outcome out = run([&](am_error **e) { return am_model_get(c, kApiKey, &m, e); });
  expect_fail(out, AM_ERR_CONNECTION, "refused connection");
  EXPECT_EQ(out.attempts, 1);
  EXPECT_EQ(out.http_status, 0);
  EXPECT_EQ(m, nullptr);
  am_client_free(c);
}
