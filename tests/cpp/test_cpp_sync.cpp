// The C++ wrapper's blocking surface: options, list parameters, lists and
// iteration, models and views, capabilities (and their enumeration), dates,
// errors and handle moves.
#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "amtest/env_guard.hpp"
#include "cpp_fixture.hpp"

namespace cpptest {
namespace {

using namespace std::string_view_literals;

// ---------------------------------------------------------------- type properties

static_assert(!std::is_copy_constructible_v<amc::Options>);
static_assert(!std::is_copy_constructible_v<amc::ListParams>);
static_assert(!std::is_copy_constructible_v<amc::Client>);
static_assert(!std::is_copy_constructible_v<amc::ModelList>);
static_assert(!std::is_copy_constructible_v<amc::Request>);
static_assert(std::is_copy_constructible_v<amc::Model>);  // shares the immutable model
static_assert(std::is_nothrow_move_constructible_v<amc::Options>);
static_assert(std::is_nothrow_move_constructible_v<amc::ListParams>);
static_assert(std::is_nothrow_move_constructible_v<amc::Client>);
static_assert(std::is_nothrow_move_constructible_v<amc::ModelList>);
static_assert(std::is_nothrow_move_constructible_v<amc::Model>);
static_assert(std::is_nothrow_move_constructible_v<amc::Request>);
static_assert(std::is_nothrow_move_assignable_v<amc::Client>);
static_assert(std::is_trivially_copyable_v<amc::ModelView>);
static_assert(std::is_convertible_v<const amc::Model &, amc::ModelView>);
static_assert(!std::is_constructible_v<amc::ModelView, amc::Model &&>);  // would dangle
static_assert(std::is_trivially_copyable_v<amc::RequestRef>);
static_assert(std::is_nothrow_copy_constructible_v<amc::Error>);
static_assert(std::is_base_of_v<std::runtime_error, amc::Error>);
static_assert(std::is_same_v<std::iterator_traits<amc::ModelList::iterator>::iterator_category,
                             std::random_access_iterator_tag>);
static_assert(std::is_same_v<decltype(std::declval<const amc::Model &>().display_name()),
                             std::optional<std::string_view>>);
static_assert(std::is_same_v<decltype(std::declval<amc::ModelView>().max_tokens()), std::optional<std::int64_t>>);
static_assert(noexcept(std::declval<amc::ModelView>().id()));
static_assert(noexcept(std::declval<amc::ModelView>().supports(AM_CAP_BATCH)));

TEST(CppBasics, VersionAndNames) {
  EXPECT_EQ(amc::version(), AM_VERSION_STRING);
  EXPECT_EQ(amc::version_number(), static_cast<std::uint32_t>(AM_VERSION_NUMBER));
  EXPECT_EQ(amc::abi_version(), AM_ABI_VERSION);
  EXPECT_EQ(amc::status_name(AM_ERR_NOT_FOUND), "not_found");
  EXPECT_EQ(amc::capability_path(AM_CAP_EFFORT_XHIGH), std::optional<std::string_view>("effort.xhigh"));
  EXPECT_EQ(amc::capability_path(999), std::nullopt);
  EXPECT_EQ(amc::to_string(amc::Support::Unknown), "unknown");
}

// ---------------------------------------------------------------- options / params

TEST_F(CppWrapperTest, OptionsSettersThrowOnBadValues) {
  amc::Options o;
  try {
    o.base_url("ftp://example.com");
    FAIL() << "a non-http(s) base URL was accepted";
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(e.status_name(), "invalid_argument");
    EXPECT_EQ(e.http_status(), 0);
    EXPECT_EQ(e.attempts(), 0);
    EXPECT_FALSE(e.request_id());
    EXPECT_STRNE(e.what(), "");
  }
  EXPECT_THROW(o.base_url("not a url"), amc::Error);
  EXPECT_THROW(o.max_retries(101), amc::Error);
  EXPECT_THROW(o.max_response_bytes(10), amc::Error);
  EXPECT_THROW(o.add_header("x-api-key", "sneaky"), amc::Error);      // managed header
  EXPECT_THROW(o.add_header("bad name", "v"), amc::Error);             // not an HTTP token
  EXPECT_THROW(o.api_key(std::string_view("sk\0x", 4)), amc::Error);   // NUL would truncate
  // The failed setters left the options usable; good values chain.
  o.ignore_env().base_url(server_->base_url()).api_key(kApiKey).max_retries(0).timeout(std::chrono::seconds(5));
  o.add_header("x-custom", "1").add_beta("beta-a").clear_betas().user_agent_suffix("cpp-test");
  amc::Client c(o);
  EXPECT_EQ(c.list().size(), 13u);
  auto log = server_->log();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back().header("x-custom"), "1");
  EXPECT_EQ(log.back().header("anthropic-beta"), "");
  EXPECT_NE(log.back().header("user-agent").find("cpp-test"), std::string::npos);
}

TEST_F(CppWrapperTest, OptionsResetWithNullopt) {
  // An unset key (ignore_env: nothing from the environment) gives an
  // authentication error without sending anything.
  amc::Client c(BaseOptions().api_key(std::nullopt));
  try {
    c.list();
    FAIL() << "listing without a credential succeeded";
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_AUTHENTICATION);
    EXPECT_EQ(e.http_status(), 0);
  }
  EXPECT_EQ(server_->request_count(), 0u);
}

TEST_F(CppWrapperTest, ListParamsSettersThrowOnBadValues) {
  amc::ListParams p;
  EXPECT_THROW(p.limit(0), amc::Error);
  EXPECT_THROW(p.limit(1001), amc::Error);
  EXPECT_THROW(p.max_pages(0), amc::Error);
  EXPECT_NO_THROW(p.limit(1000).max_pages(3).after_id("x").after_id(std::nullopt).beta(false));
}

TEST_F(CppWrapperTest, DefaultClientReadsEnvironment) {
  amtest::EnvGuard env;
  env.Set("ANTHROPIC_BASE_URL", server_->base_url());
  env.Set("ANTHROPIC_API_KEY", kApiKey);
  env.Set("ANTHROPIC_AUTH_TOKEN", nullptr);
  amc::Client c;  // environment
  amc::Model m = c.get("claude-haiku-4-5");
  EXPECT_EQ(m.id(), "claude-haiku-4-5-20251001");
}

// ---------------------------------------------------------------- lists

TEST_F(CppWrapperTest, ListAndRangeFor) {
  amc::Client c = MakeClient();
  amc::ModelList list = c.list();
  ASSERT_EQ(list.size(), 13u);  // 15 in the catalog, the 2 retired ones not listed by default
  EXPECT_FALSE(list.empty());
  EXPECT_FALSE(list.has_more());
  std::vector<std::string> ids;
  for (amc::ModelView m : list) ids.emplace_back(m.id());
  ASSERT_EQ(ids.size(), 13u);
  EXPECT_EQ(ids.front(), "claude-opus-4-6");
  EXPECT_EQ(list.first_id(), std::optional<std::string_view>(ids.front()));
  EXPECT_EQ(list.last_id(), std::optional<std::string_view>(ids.back()));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 13u);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "claude-3-5-sonnet-20241022"), 0);  // retired
  // Indexing, at(), and the iterator as a random-access iterator.
  EXPECT_EQ(list[2].id(), ids[2]);
  EXPECT_EQ(list.at(12).id(), ids[12]);
  EXPECT_EQ(list.front().id(), ids.front());
  EXPECT_EQ(list.back().id(), ids.back());
  EXPECT_THROW(list.at(13), std::out_of_range);
  EXPECT_EQ(std::distance(list.begin(), list.end()), 13);
  EXPECT_EQ((list.begin() + 3)->id(), ids[3]);
  EXPECT_EQ(list.begin()[4].id(), ids[4]);
  EXPECT_EQ((list.end() - 1)->id(), ids.back());
  EXPECT_LT(list.begin(), list.end());
  auto it = std::find_if(list.begin(), list.end(), [](amc::ModelView m) { return m.line() == "haiku"sv; });
  ASSERT_NE(it, list.end());
  EXPECT_EQ(it->id(), "claude-haiku-4-5-20251001");
  std::vector<std::string_view> names;
  std::transform(list.begin(), list.end(), std::back_inserter(names),
                 [](amc::ModelView m) { return m.display_name().value_or(""); });
  EXPECT_EQ(names.front(), "Claude Opus 4.6");
}

TEST_F(CppWrapperTest, ListPagesWithCursors) {
  amc::Client c = MakeClient();
  amc::ModelList page1 = c.list(amc::ListParams().limit(5));
  ASSERT_EQ(page1.size(), 5u);
  EXPECT_TRUE(page1.has_more());
  ASSERT_TRUE(page1.last_id());
  amc::ModelList page2 = c.list(amc::ListParams().limit(5).after_id(*page1.last_id()));
  ASSERT_EQ(page2.size(), 5u);
  auto q = server_->log().back().query;
  EXPECT_NE(q.find("after_id=" + std::string(*page1.last_id())), std::string::npos) << q;
  EXPECT_NE(q.find("limit=5"), std::string::npos) << q;
  EXPECT_EQ(page2[0].id(), c.list().at(5).id());
}

TEST_F(CppWrapperTest, ListAllFollowsEveryPage) {
  amc::Client c = MakeClient();
  amc::ModelList all = c.list_all(amc::ListParams().limit(4));
  EXPECT_EQ(all.size(), 13u);
  EXPECT_FALSE(all.has_more());
  EXPECT_EQ(server_->request_count(), 4u);  // 4 + 4 + 4 + 1
  EXPECT_EQ(c.list_all().size(), 13u);
  amc::ModelList retired = c.list_all(amc::ListParams().lifecycle("retired"));
  ASSERT_EQ(retired.size(), 2u);
  for (amc::ModelView m : retired) EXPECT_EQ(m.lifecycle(), std::optional<std::string_view>("retired"));
  // The page cap is an error, never a partial list.
  try {
    c.list_all(amc::ListParams().limit(2).max_pages(2));
    FAIL() << "the page cap was not enforced";
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_PAGINATION);
  }
}

// ---------------------------------------------------------------- models

TEST_F(CppWrapperTest, GetByAliasGivesCanonicalModel) {
  amc::Client c = MakeClient();
  amc::Model m = c.get("claude-sonnet-4-5");
  ASSERT_TRUE(m);
  EXPECT_EQ(m.id(), "claude-sonnet-4-5-20250929");
  EXPECT_EQ(m.type(), std::optional<std::string_view>("model"));
  EXPECT_TRUE(m.display_name().has_value());
  EXPECT_EQ(m.lifecycle(), std::optional<std::string_view>("active"));
  EXPECT_EQ(m.line(), std::optional<std::string_view>("sonnet"));
  EXPECT_EQ(m.created_at(), std::optional<std::string_view>("2025-09-29T00:00:00Z"));
  EXPECT_EQ(m.created_at_unix(), std::optional<std::int64_t>(1759104000));
  EXPECT_EQ(m.max_input_tokens(), std::optional<std::int64_t>(1000000));
  EXPECT_TRUE(m.max_tokens().has_value());
  EXPECT_EQ(m.deprecated_at(), std::nullopt);
  EXPECT_EQ(m.retires_at(), std::nullopt);
  EXPECT_NE(m.json().find("\"future_field\""), std::string_view::npos);  // unknown fields kept
  EXPECT_EQ(server_->log().back().path, "/v1/models/claude-sonnet-4-5");
  // A deprecated model carries its dates.
  amc::Model old = c.get("claude-opus-4-0");
  EXPECT_EQ(old.lifecycle(), std::optional<std::string_view>("deprecated"));
  EXPECT_EQ(old.deprecated_at(), std::optional<std::string_view>("2025-10-28T00:00:00Z"));
  EXPECT_EQ(old.retires_at(), std::optional<std::string_view>("2026-05-14T00:00:00Z"));
}

TEST_F(CppWrapperTest, OldShapeModelHasNoOptionalFields) {
  amc::Client c = MakeClient();
  amc::Model m = c.get("claude-3-haiku-20240307");
  EXPECT_EQ(m.id(), "claude-3-haiku-20240307");
  EXPECT_TRUE(m.display_name());
  EXPECT_TRUE(m.created_at_unix());
  EXPECT_EQ(m.lifecycle(), std::nullopt);
  EXPECT_EQ(m.line(), std::nullopt);
  EXPECT_EQ(m.max_input_tokens(), std::nullopt);
  EXPECT_EQ(m.max_tokens(), std::nullopt);
  EXPECT_EQ(m.deprecated_at(), std::nullopt);
  EXPECT_EQ(m.retires_at(), std::nullopt);
  EXPECT_EQ(m.supports(AM_CAP_BATCH), amc::Support::Unknown);
  EXPECT_EQ(m.supports("thinking"), amc::Support::Unknown);
  EXPECT_TRUE(m.effort_levels().empty());
  EXPECT_TRUE(m.thinking_types().empty());
  // The epoch marks an unknown date: the string is there, the number is not.
  amc::Model legacy = c.get("claude-2.1");
  EXPECT_EQ(legacy.created_at(), std::optional<std::string_view>("1970-01-01T00:00:00Z"));
  EXPECT_EQ(legacy.created_at_unix(), std::nullopt);
}

TEST_F(CppWrapperTest, SupportsIsTriStateByEnumAndPath) {
  amc::Client c = MakeClient();
  amc::Model opus46 = c.get("claude-opus-4-6");
  EXPECT_EQ(opus46.supports(AM_CAP_EFFORT_XHIGH), amc::Support::Yes);
  EXPECT_EQ(opus46.supports("effort.xhigh"), amc::Support::Yes);
  EXPECT_EQ(opus46.supports(std::string("thinking.types.adaptive")), amc::Support::Yes);
  EXPECT_EQ(opus46.supports("future_capability"), amc::Support::Yes);  // newer than this release
  EXPECT_EQ(opus46.supports("no_such_capability"), amc::Support::Unknown);
  EXPECT_EQ(opus46.supports(""), amc::Support::Unknown);
  EXPECT_EQ(opus46.supports(std::string_view("batch\0x", 7)), amc::Support::Unknown);
  EXPECT_EQ(opus46.supports(static_cast<am_capability>(999)), amc::Support::Unknown);
  EXPECT_EQ(opus46.effort_levels(), (std::vector<std::string_view>{"low", "medium", "high", "max", "xhigh"}));
  EXPECT_EQ(opus46.thinking_types(),
            (std::vector<std::string_view>{"adaptive", "enabled", "disabled", "between_tools"}));

  amc::Model opus45 = c.get("claude-opus-4-5");
  EXPECT_EQ(opus45.supports(AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112), amc::Support::No);
  EXPECT_EQ(opus45.supports("context_management.compact_20260112"), amc::Support::No);
  EXPECT_EQ(opus45.supports(AM_CAP_BATCH), amc::Support::Yes);
  auto levels = opus45.effort_levels();
  EXPECT_EQ(std::count(levels.begin(), levels.end(), "xhigh"), 0);
}

TEST_F(CppWrapperTest, CapabilitiesEnumerateEveryReportedPath) {
  amc::Client c = MakeClient();
  amc::Model opus46 = c.get("claude-opus-4-6");
  const auto caps = opus46.capabilities();
  std::vector<std::string_view> paths;
  for (const auto &[path, support] : caps) {
    paths.push_back(path);
    EXPECT_EQ(support, opus46.supports(path)) << path;  // the same answer by path
  }
  // Depth first in the server's order: groups before their members, nodes
  // without a support value of their own ("thinking.types") left out, and a
  // capability newer than this release ("future_capability") included.
  EXPECT_EQ(paths, (std::vector<std::string_view>{
                       "batch", "citations", "code_execution", "context_management",
                       "context_management.clear_thinking_20251015", "context_management.clear_tool_uses_20250919",
                       "context_management.compact_20260112", "effort", "effort.high", "effort.low", "effort.max",
                       "effort.medium", "effort.xhigh", "future_capability", "image_input", "pdf_input",
                       "server_tools", "server_tools.code_execution", "server_tools.web_search",
                       "structured_outputs", "thinking", "thinking.types.adaptive", "thinking.types.between_tools",
                       "thinking.types.disabled", "thinking.types.enabled"}));
  for (const auto &entry : caps) EXPECT_EQ(entry.second, amc::Support::Yes) << entry.first;

  // "No" is reported as such.
  amc::Model opus45 = c.get("claude-opus-4-5");
  const auto caps45 = opus45.capabilities();
  auto compact = std::find_if(caps45.begin(), caps45.end(),
                              [](const auto &e) { return e.first == "context_management.compact_20260112"; });
  ASSERT_NE(compact, caps45.end());
  EXPECT_EQ(compact->second, amc::Support::No);

  // A view from a list answers the same; old-shape models and empty handles have none.
  amc::ModelList all = c.list_all();
  auto it = std::find_if(all.begin(), all.end(), [&](amc::ModelView v) { return v.id() == opus46.id(); });
  ASSERT_NE(it, all.end());
  EXPECT_EQ((*it).capabilities(), caps);
  EXPECT_TRUE(c.get("claude-3-haiku-20240307").capabilities().empty());
  EXPECT_TRUE(amc::ModelView().capabilities().empty());
}

TEST_F(CppWrapperTest, DeprecationAndRetirementAsUnixTime) {
  amc::Client c = MakeClient();
  amc::Model old = c.get("claude-opus-4-0");
  EXPECT_EQ(old.deprecated_at_unix(), std::optional<std::int64_t>(1761609600));  // 2025-10-28T00:00:00Z
  EXPECT_EQ(old.retires_at_unix(), std::optional<std::int64_t>(1778716800));     // 2026-05-14T00:00:00Z
  amc::Model active = c.get("claude-opus-4-6");                                   // both null in the body
  EXPECT_EQ(active.deprecated_at_unix(), std::nullopt);
  EXPECT_EQ(active.retires_at_unix(), std::nullopt);
  amc::Model legacy = c.get("claude-2.1");  // deprecated, no retirement date
  EXPECT_EQ(legacy.deprecated_at_unix(), std::optional<std::int64_t>(1721520000));  // 2024-07-21T00:00:00Z
  EXPECT_EQ(legacy.retires_at(), std::nullopt);
  EXPECT_EQ(legacy.retires_at_unix(), std::nullopt);
  EXPECT_EQ(amc::ModelView().deprecated_at_unix(), std::nullopt);
  EXPECT_EQ(amc::ModelView().retires_at_unix(), std::nullopt);
}

TEST_F(CppWrapperTest, ViewsAndClonesAgree) {
  amc::Client c = MakeClient();
  amc::Model owned;
  amc::Model copy;
  std::string id;
  {
    amc::ModelList list = c.list();
    amc::ModelView v = list[0];
    id = std::string(v.id());
    owned = v.clone();  // outlives the list
    copy = owned;       // copy shares the model
    EXPECT_NE(owned.handle(), v.handle());
    EXPECT_EQ(owned.json(), v.json());
    EXPECT_EQ(owned.effort_levels(), v.effort_levels());
  }
  EXPECT_EQ(owned.id(), id);
  EXPECT_EQ(copy.id(), id);
  EXPECT_EQ(owned.supports(AM_CAP_EFFORT_XHIGH), amc::Support::Yes);
  amc::ModelView view_of_owned = owned;  // a Model converts to a view
  EXPECT_EQ(view_of_owned.handle(), owned.handle());
  EXPECT_EQ(view_of_owned.clone().id(), id);
  // Empty handles answer "absent" instead of crashing.
  amc::ModelView empty;
  EXPECT_FALSE(empty);
  EXPECT_EQ(empty.id(), "");
  EXPECT_EQ(empty.display_name(), std::nullopt);
  EXPECT_EQ(empty.supports(AM_CAP_BATCH), amc::Support::Unknown);
  EXPECT_FALSE(empty.clone());
}

// ---------------------------------------------------------------- errors

TEST_F(CppWrapperTest, NotFoundThrowsErrorWithDetails) {
  amc::Client c = MakeClient();
  try {
    c.get("no-such-model");
    FAIL() << "an unknown model was found";
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_NOT_FOUND);
    EXPECT_EQ(e.status_name(), "not_found");
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_EQ(e.type(), std::optional<std::string>("not_found_error"));
    ASSERT_TRUE(e.request_id());
    EXPECT_EQ(e.request_id()->rfind("req_mock_", 0), 0u) << *e.request_id();
    EXPECT_EQ(e.attempts(), 1);
    EXPECT_EQ(e.retry_after_ms(), std::nullopt);
    EXPECT_NE(std::string(e.what()).find("no-such-model"), std::string::npos) << e.what();
    // Copies share the details (exceptions are copied around by the runtime).
    amc::Error copy = e;
    EXPECT_EQ(copy.request_id(), e.request_id());
    EXPECT_STREQ(copy.what(), e.what());
  }
  EXPECT_EQ(server_->request_count(), 1u);
}

TEST_F(CppWrapperTest, ServerErrorWithoutRetryAndRetryAfter) {
  amc::Client c = MakeClient();
  server_->add_fault(Respond(500, {{"x-should-retry", "false"}, {"request-id", "req_mock_cpp_500"}}));
  try {
    c.list();
    FAIL();
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_SERVER);
    EXPECT_EQ(e.http_status(), 500);
    EXPECT_EQ(e.request_id(), std::optional<std::string>("req_mock_cpp_500"));
    EXPECT_EQ(e.attempts(), 1);
  }
  EXPECT_EQ(server_->request_count(), 1u);

  amc::Client no_retries(BaseOptions().max_retries(0));
  server_->add_fault(Respond(429, {{"retry-after", "3"}}));
  try {
    no_retries.get("claude-opus-4-6");
    FAIL();
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_RATE_LIMITED);
    EXPECT_EQ(e.type(), std::optional<std::string>("rate_limit_error"));
    EXPECT_EQ(e.retry_after_ms(), std::optional<std::int64_t>(3000));
  }
  // Catchable as std::runtime_error too.
  server_->add_fault(Respond(404, {{"x-should-retry", "false"}}));
  EXPECT_THROW(c.get("claude-opus-4-6"), std::runtime_error);
}

TEST_F(CppWrapperTest, ArgumentsWithNulThrowBeforeSending) {
  amc::Client c = MakeClient();
  try {
    c.get(std::string_view("claude-opus-4-6\0x", 17));
    FAIL();
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_INVALID_ARGUMENT);
  }
  EXPECT_THROW(c.get(""), amc::Error);
  EXPECT_EQ(server_->request_count(), 0u);
}

// ---------------------------------------------------------------- moves

TEST_F(CppWrapperTest, HandlesMove) {
  amc::Client a = MakeClient();
  amc::Client b = std::move(a);
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is empty
  ASSERT_TRUE(b);
  EXPECT_THROW(a.list(), amc::Error);  // an empty client fails cleanly
  EXPECT_EQ(a.dispatch(), 0);
  EXPECT_EQ(a.wakeup_fd(), -1);

  amc::ModelList l1 = b.list();
  const am_model_list *raw = l1.handle();
  amc::ModelList l2 = std::move(l1);
  EXPECT_FALSE(l1);
  EXPECT_EQ(l1.size(), 0u);
  EXPECT_EQ(l1.begin(), l1.end());
  EXPECT_EQ(l2.handle(), raw);
  EXPECT_EQ(l2.size(), 13u);

  amc::Model m1 = b.get("claude-opus-4-6");
  amc::Model m2;
  m2 = std::move(m1);
  EXPECT_FALSE(m1);
  EXPECT_EQ(m2.id(), "claude-opus-4-6");

  amc::Options o = BaseOptions();
  amc::Options o2 = std::move(o);
  EXPECT_FALSE(o);
  EXPECT_THROW(o.api_key("x"), amc::Error);  // an empty options handle is refused
  amc::Client c(o2);
  std::vector<amc::Client> clients;
  clients.push_back(std::move(c));
  clients.push_back(std::move(b));
  for (auto &cl : clients) EXPECT_EQ(cl.get("claude-opus-4-1").id(), "claude-opus-4-1-20250805");

  // Releasing hands the C handle over to the caller.
  amc::Model m3 = clients[0].get("claude-opus-4-6");
  am_model *raw_model = m3.release();
  EXPECT_FALSE(m3);
  am_model_free(raw_model);
}

}  // namespace
}  // namespace cpptest
