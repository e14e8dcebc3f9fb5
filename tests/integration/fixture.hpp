// Shared helpers for the integration tests: RAII handles for every C API
// object, status assertions that print the error, a fixture that runs an
// in-process mock API server per test, fault builders, query/log helpers and
// an oracle built from the catalog file the server serves.
//
// Everything here talks to the library only through include/anthropic_models.h.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "anthropic_models.h"
#include "mock_server.hpp"

#ifndef AM_TEST_CATALOG
#error "AM_TEST_CATALOG must name the catalog file the mock server serves"
#endif

namespace amtest {

using am::mock::Fault;
using am::mock::LogEntry;
using am::mock::MockServer;
using am::mock::ServerOptions;
using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr char kApiKey[] = "sk-ant-test-SECRET-123";
inline constexpr char kAuthToken[] = "sk-ant-oat-test-TOKEN-456";

// ---------------------------------------------------------------- handles

template <auto Fn>
struct Free {
  template <typename T>
  void operator()(T *p) const noexcept {
    Fn(p);
  }
};

using OptionsPtr = std::unique_ptr<am_options, Free<am_options_free>>;
using ClientPtr = std::unique_ptr<am_client, Free<am_client_free>>;
using ParamsPtr = std::unique_ptr<am_list_params, Free<am_list_params_free>>;
using ListPtr = std::unique_ptr<am_model_list, Free<am_model_list_free>>;
using ModelPtr = std::unique_ptr<am_model, Free<am_model_free>>;
using ErrorPtr = std::unique_ptr<am_error, Free<am_error_free>>;

inline std::string Str(const char *s) { return s ? std::string(s) : std::string("(null)"); }

// ---------------------------------------------------------------- statuses

inline std::string Describe(am_status st, const am_error *err) {
  std::ostringstream os;
  os << am_status_name(st) << " (" << st << ")";
  if (err) {
    os << ": message=\"" << Str(am_error_message(err)) << "\" http=" << am_error_http_status(err)
       << " type=" << Str(am_error_type(err)) << " request_id=" << Str(am_error_request_id(err))
       << " attempts=" << am_error_attempts(err) << " retry_after_ms=" << am_error_retry_after_ms(err);
  }
  return os.str();
}

// Checks the returned status, and that the error object agrees with it
// (present with the same status on failure, absent on success).
inline ::testing::AssertionResult StatusIs(am_status got, const am_error *err, am_status want) {
  if (got != want)
    return ::testing::AssertionFailure() << "expected " << am_status_name(want) << ", got " << Describe(got, err);
  if (got == AM_OK && err)
    return ::testing::AssertionFailure() << "AM_OK but *err was set: " << Describe(got, err);
  if (got != AM_OK && !err) return ::testing::AssertionFailure() << "failed without an error object";
  if (got != AM_OK && am_error_status(err) != got)
    return ::testing::AssertionFailure() << "returned " << got << " but the error says " << Describe(got, err);
  return ::testing::AssertionSuccess();
}

// A call's outcome: status, result handle, error and wall time.
template <typename T>
struct Result {
  am_status status = AM_ERR_INTERNAL;
  T value;
  ErrorPtr err;
  double seconds = 0;
  const am_error *e() const { return err.get(); }
};
using ListResult = Result<ListPtr>;
using GetResult = Result<ModelPtr>;

#define AM_ASSERT_OK(r) ASSERT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), AM_OK))
#define AM_EXPECT_OK(r) EXPECT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), AM_OK))
#define AM_ASSERT_STATUS(r, want) ASSERT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), (want)))
#define AM_EXPECT_STATUS(r, want) EXPECT_TRUE(::amtest::StatusIs((r).status, (r).err.get(), (want)))

template <typename T, typename F>
Result<T> Timed(F &&call) {
  Result<T> r;
  typename T::pointer out = nullptr;
  am_error *err = nullptr;
  auto t0 = std::chrono::steady_clock::now();
  r.status = call(&out, &err);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.value.reset(out);
  r.err.reset(err);
  return r;
}

inline ListResult List(am_client *c, const am_list_params *p = nullptr) {
  return Timed<ListPtr>([&](am_model_list **o, am_error **e) { return am_models_list(c, p, o, e); });
}
inline ListResult ListAll(am_client *c, const am_list_params *p = nullptr) {
  return Timed<ListPtr>([&](am_model_list **o, am_error **e) { return am_models_list_all(c, p, o, e); });
}
inline GetResult Get(am_client *c, const char *id) {
  return Timed<ModelPtr>([&](am_model **o, am_error **e) { return am_model_get(c, id, o, e); });
}

// The outcome of any of the three network calls, without its result handle.
enum class Op { kGet, kList, kListAll };

inline const char *OpName(Op op) { return op == Op::kGet ? "get" : op == Op::kList ? "list" : "list_all"; }

struct Outcome {
  am_status status = AM_ERR_INTERNAL;
  ErrorPtr err;
  double seconds = 0;
  bool has_value = false;
  const am_error *e() const { return err.get(); }
};

template <typename T>
Outcome Drop(Result<T> r) {
  return Outcome{r.status, std::move(r.err), r.seconds, r.value != nullptr};
}

inline Outcome Call(am_client *c, Op op, const char *id = "claude-opus-4-6") {
  switch (op) {
    case Op::kGet: return Drop(Get(c, id));
    case Op::kList: return Drop(List(c));
    case Op::kListAll: return Drop(ListAll(c));
  }
  return Outcome{};
}

inline std::vector<std::string> Ids(const am_model_list *l) {
  std::vector<std::string> out;
  for (size_t i = 0; i < am_model_list_count(l); ++i) out.push_back(Str(am_model_id(am_model_list_at(l, i))));
  return out;
}

// ---------------------------------------------------------------- list params

class Params {
 public:
  Params() : p_(am_list_params_new()) { EXPECT_NE(p_, nullptr); }
  Params &limit(int32_t n) { return check(am_list_params_set_limit(p_.get(), n, nullptr)); }
  Params &after(const char *id) { return check(am_list_params_set_after_id(p_.get(), id, nullptr)); }
  Params &before(const char *id) { return check(am_list_params_set_before_id(p_.get(), id, nullptr)); }
  Params &lifecycle(const char *s) { return check(am_list_params_add_lifecycle(p_.get(), s, nullptr)); }
  Params &max_pages(int32_t n) { return check(am_list_params_set_max_pages(p_.get(), n, nullptr)); }
  Params &beta(bool on = true) {
    am_list_params_set_beta(p_.get(), on ? 1 : 0);
    return *this;
  }
  const am_list_params *get() const { return p_.get(); }

 private:
  Params &check(am_status st) {
    EXPECT_EQ(st, AM_OK) << am_status_name(st);
    return *this;
  }
  ParamsPtr p_;
};

// ---------------------------------------------------------------- faults

inline const std::pair<std::string, std::string> kNoRetry{"x-should-retry", "false"};
inline std::pair<std::string, std::string> RetryAfterMs(long ms) { return {"retry-after-ms", std::to_string(ms)}; }

inline Fault Respond(int status, Headers headers = {}, std::string body = "", int times = 1) {
  Fault f;
  f.action = Fault::Action::Respond;
  f.status = status;
  f.headers = std::move(headers);
  f.body = std::move(body);
  f.times = times;
  return f;
}

inline Fault Act(Fault::Action action, int times = 1) {
  Fault f;
  f.action = action;
  f.times = times;
  return f;
}

inline std::string ErrorBody(const std::string &type, const std::string &message) {
  return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
}

// ---------------------------------------------------------------- queries

inline std::string PercentDecode(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

// Decoded (key, value) pairs of a raw query string, in order.
inline std::vector<std::pair<std::string, std::string>> QueryPairs(const std::string &raw) {
  std::vector<std::pair<std::string, std::string>> out;
  std::stringstream ss(raw);
  std::string part;
  while (std::getline(ss, part, '&')) {
    if (part.empty()) continue;
    size_t eq = part.find('=');
    out.emplace_back(PercentDecode(part.substr(0, eq)),
                     eq == std::string::npos ? std::string() : PercentDecode(part.substr(eq + 1)));
  }
  return out;
}

inline std::vector<std::string> QueryValues(const std::string &raw, const std::string &key) {
  std::vector<std::string> out;
  for (auto &kv : QueryPairs(raw))
    if (kv.first == key) out.push_back(kv.second);
  return out;
}

// The single value of `key`, or nullopt when absent (fails the test when repeated).
inline std::optional<std::string> QueryValue(const std::string &raw, const std::string &key) {
  auto v = QueryValues(raw, key);
  EXPECT_LE(v.size(), 1u) << "query parameter " << key << " repeated in " << raw;
  if (v.empty()) return std::nullopt;
  return v.front();
}

inline bool HasHeader(const LogEntry &e, const std::string &lower_name) {
  for (auto &h : e.headers)
    if (h.first == lower_name) return true;
  return false;
}

// ---------------------------------------------------------------- catalog oracle

inline const rapidjson::Document &CatalogDoc() {
  static const rapidjson::Document doc = [] {
    std::ifstream in(AM_TEST_CATALOG, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    rapidjson::Document d;
    d.Parse(ss.str().c_str());
    if (d.HasParseError() || !d.IsObject()) std::abort();
    return d;
  }();
  return doc;
}

inline const rapidjson::Value &CatalogModels() { return CatalogDoc()["models"]; }

inline const rapidjson::Value *CatalogModel(const std::string &id) {
  for (auto &m : CatalogModels().GetArray())
    if (id == m["id"].GetString()) return &m;
  return nullptr;
}

inline std::map<std::string, std::string> CatalogAliases() {
  std::map<std::string, std::string> out;
  for (auto &kv : CatalogDoc()["aliases"].GetObject()) out[kv.name.GetString()] = kv.value.GetString();
  return out;
}

inline std::string CatalogLifecycle(const rapidjson::Value &m) {
  auto it = m.FindMember("lifecycle");
  // The server counts a model without a lifecycle as active.
  return it == m.MemberEnd() || !it->value.IsString() ? "active" : it->value.GetString();
}

inline std::string SyntheticId(int i) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "synthetic-model-%05d", i);
  return buf;
}

// The ids the server lists, newest first: catalog models ordered by
// created_at (ties keep catalog order), then the synthetic ones (created at the
// epoch, active), filtered by lifecycle stage.
inline std::vector<std::string> ExpectedIds(int synthetic,
                                            std::vector<std::string> stages = {"active", "deprecated"}) {
  auto wanted = [&](const std::string &s) { return std::find(stages.begin(), stages.end(), s) != stages.end(); };
  std::vector<const rapidjson::Value *> ms;
  for (auto &m : CatalogModels().GetArray()) ms.push_back(&m);
  std::stable_sort(ms.begin(), ms.end(), [](const rapidjson::Value *a, const rapidjson::Value *b) {
    return std::string((*a)["created_at"].GetString()) > std::string((*b)["created_at"].GetString());
  });
  std::vector<std::string> out;
  for (auto *m : ms)
    if (wanted(CatalogLifecycle(*m))) out.push_back((*m)["id"].GetString());
  if (wanted("active"))
    for (int i = 1; i <= synthetic; ++i) out.push_back(SyntheticId(i));
  return out;
}

// Tri-state support of a dotted capability path in a catalog model.
inline am_support CatalogSupport(const rapidjson::Value &m, const std::string &dotted) {
  auto caps = m.FindMember("capabilities");
  if (caps == m.MemberEnd() || !caps->value.IsObject()) return AM_SUPPORT_UNKNOWN;
  const rapidjson::Value *node = &caps->value;
  std::stringstream ss(dotted);
  std::string part;
  while (std::getline(ss, part, '.')) {
    if (!node->IsObject()) return AM_SUPPORT_UNKNOWN;
    auto it = node->FindMember(part.c_str());
    if (it == node->MemberEnd()) return AM_SUPPORT_UNKNOWN;
    node = &it->value;
  }
  auto s = node->IsObject() ? node->FindMember("supported") : node->MemberEnd();
  if (!node->IsObject() || s == node->MemberEnd() || !s->value.IsBool()) return AM_SUPPORT_UNKNOWN;
  return s->value.GetBool() ? AM_SUPPORT_YES : AM_SUPPORT_NO;
}

inline rapidjson::Document ParseJson(const char *text) {
  rapidjson::Document d;
  d.Parse(text ? text : "");
  EXPECT_FALSE(d.HasParseError()) << "not JSON: " << Str(text);
  return d;
}

// ---------------------------------------------------------------- fixture

// Starts a fresh mock server per test and builds clients pointed at it.
class MockApiTest : public ::testing::Test {
 protected:
  // Suites adjust the server (synthetic models, a required key, ...).
  virtual ServerOptions ServerOpts() const {
    ServerOptions o;
    o.catalog_path = AM_TEST_CATALOG;
    o.host = "127.0.0.1";
    o.threads = 16;
    return o;
  }

  void SetUp() override {
    server_ = std::make_unique<MockServer>(ServerOpts());
    std::string err;
    ASSERT_TRUE(server_->start(&err)) << err;
    client_ = MakeClient();
    ASSERT_NE(client_, nullptr);
  }

  void TearDown() override {
    client_.reset();
    if (server_) server_->stop();
  }

  // Options every test client starts from: no environment, the mock server,
  // the test key, no proxy. `tweak` adjusts them before the client is built.
  OptionsPtr BaseOptions(const std::string &base_url = "") const {
    OptionsPtr o(am_options_new());
    EXPECT_NE(o, nullptr);
    am_options_set_ignore_env(o.get(), 1);
    EXPECT_EQ(AM_OK, am_options_set_base_url(o.get(), (base_url.empty() ? server_->base_url() : base_url).c_str(),
                                             nullptr));
    EXPECT_EQ(AM_OK, am_options_set_api_key(o.get(), kApiKey, nullptr));
    EXPECT_EQ(AM_OK, am_options_set_proxy(o.get(), "", nullptr));
    return o;
  }

  static ClientPtr ClientFrom(const am_options *o) {
    am_client *c = nullptr;
    am_error *e = nullptr;
    am_status st = am_client_new(o, &c, &e);
    ErrorPtr guard(e);
    EXPECT_TRUE(StatusIs(st, e, AM_OK));
    return ClientPtr(c);
  }

  ClientPtr MakeClient(const std::function<void(am_options *)> &tweak = {}, const std::string &base_url = "") const {
    OptionsPtr o = BaseOptions(base_url);
    if (tweak) tweak(o.get());
    return ClientFrom(o.get());
  }

  // A client with a given retry budget.
  ClientPtr RetryClient(int32_t max_retries) const {
    return MakeClient([&](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_max_retries(o, max_retries, nullptr)); });
  }

  MockServer &server() { return *server_; }
  void AddFault(Fault f) { server_->add_fault(std::move(f)); }
  std::vector<LogEntry> Log() const { return server_->log(); }
  size_t Requests() const { return server_->request_count(); }

  std::unique_ptr<MockServer> server_;
  ClientPtr client_;
};

// The server's own id format for request ids.
inline bool IsMockRequestId(const char *rid) { return rid && std::string(rid).rfind("req_mock_", 0) == 0; }

// Checks an API error: status, HTTP status, error type, a non-empty message,
// the request id and the attempts made.
inline void ExpectApiError(const am_error *err, am_status status, int http, const char *type, int attempts,
                           const char *request_id = nullptr) {
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(am_error_status(err), status) << Describe(am_error_status(err), err);
  EXPECT_EQ(am_error_http_status(err), http) << Describe(am_error_status(err), err);
  if (type)
    EXPECT_EQ(Str(am_error_type(err)), type) << Describe(am_error_status(err), err);
  else
    EXPECT_EQ(am_error_type(err), nullptr) << Describe(am_error_status(err), err);
  ASSERT_NE(am_error_message(err), nullptr);
  EXPECT_STRNE(am_error_message(err), "");
  if (request_id)
    EXPECT_EQ(Str(am_error_request_id(err)), request_id);
  else
    EXPECT_TRUE(IsMockRequestId(am_error_request_id(err))) << Str(am_error_request_id(err));
  EXPECT_EQ(am_error_attempts(err), attempts) << Describe(am_error_status(err), err);
}

// Checks that no credential leaks into the error's text.
inline void ExpectNoSecrets(const am_error *err) {
  ASSERT_NE(err, nullptr);
  for (const char *field : {am_error_message(err), am_error_type(err), am_error_request_id(err)}) {
    std::string s = field ? field : "";
    EXPECT_EQ(s.find(kApiKey), std::string::npos) << "API key leaked: " << s;
    EXPECT_EQ(s.find(kAuthToken), std::string::npos) << "auth token leaked: " << s;
  }
}

}  // namespace amtest
