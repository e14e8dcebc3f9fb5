// The C++ wrapper's cache and selection surface: the cache options and their
// refusals, TTL hits, refresh and invalidate, the disk cache answering stale
// with the server gone, offline mode's AM_ERR_NOT_CACHED, and the selection
// helpers against the catalog (both shapes: with and without capabilities).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "amtest/catalog_oracle.hpp"
#include "amtest/temp_dir.hpp"
#include "cpp_fixture.hpp"

namespace cpptest {
namespace {

using namespace std::chrono_literals;
using namespace std::string_view_literals;
using amtest::BoundMs;
using amtest::CatalogModel;
using amtest::CatalogSupport;
using amtest::ExpectedIds;
using amtest::TempDir;
using amtest::SleepMs;

std::vector<std::string> Ids(const amc::ModelList &l) {
  std::vector<std::string> out;
  for (amc::ModelView m : l) out.emplace_back(m.id());
  return out;
}

// The catalog's ids (every lifecycle stage, list order) that satisfy keep.
template <typename Keep>
std::vector<std::string> CatalogIds(Keep keep) {
  std::vector<std::string> out;
  for (const std::string &id : ExpectedIds(0, {"active", "deprecated", "retired"}))
    if (keep(*CatalogModel(id))) out.push_back(id);
  return out;
}

std::string Field(const rapidjson::Value &m, const char *name) {
  auto it = m.FindMember(name);
  return it != m.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

class CppCacheTest : public CppWrapperTest {
 protected:
  // The fixture's options with a cache and no retries: a failed refresh
  // fails at once.
  amc::Options CacheOptions(std::chrono::milliseconds ttl, const std::string &dir = "") const {
    amc::Options o = BaseOptions().max_retries(0).cache_ttl(ttl);
    if (!dir.empty()) o.cache_dir(dir);
    return o;
  }
  size_t Requests() const { return server_->request_count(); }
};

// ---------------------------------------------------------------- options

TEST_F(CppCacheTest, CacheOptionsRefuseBadValuesWithInvalidArgument) {
  auto expect_invalid = [](auto &&set, const char *what) {
    try {
      set();
      ADD_FAILURE() << what << " was accepted";
    } catch (const amc::Error &e) {
      EXPECT_EQ(e.status(), AM_ERR_INVALID_ARGUMENT) << what;
      EXPECT_STRNE(e.what(), "") << what;
    }
  };
  amc::Options o;
  expect_invalid([&] { o.cache_ttl(-1ms); }, "a negative TTL");
  expect_invalid([&] { o.cache_ttl(std::chrono::hours(24 * 30) + 1ms); }, "a TTL above 30 days");
  expect_invalid([&] { o.cache_dir(""); }, "an empty cache dir");
  expect_invalid([&] { o.cache_dir(std::string_view("/tmp/a\0b", 8)); }, "a cache dir with a NUL");
  // The limits themselves, and unsetting, are fine; the options stay usable.
  EXPECT_NO_THROW(o.cache_ttl(0ms).cache_ttl(std::chrono::hours(24 * 30)).cache_dir(std::nullopt));

  // A path that cannot be a directory is refused when the client starts.
  TempDir dir;
  const std::string file = dir.path() + "/a-file";
  std::ofstream(file) << "not a directory";
  expect_invalid([&] { amc::Client c(CacheOptions(1h, file)); }, "a file as the cache dir");
  EXPECT_EQ(Requests(), 0u);
}

// ---------------------------------------------------------------- cache

TEST_F(CppCacheTest, FreshHitSendsNothingRefreshBypassesInvalidateForgets) {
  amc::Client c(CacheOptions(1h));
  amc::ModelList first = c.list_all();
  EXPECT_FALSE(first.from_cache());
  EXPECT_FALSE(first.is_stale());
  EXPECT_EQ(first.age(), 0ms);
  ASSERT_EQ(Requests(), 1u);

  amc::ModelList second = c.list_all();
  EXPECT_EQ(Requests(), 1u) << "a fresh cached listing must not cause a request";
  EXPECT_TRUE(second.from_cache());
  EXPECT_FALSE(second.is_stale());
  EXPECT_GE(second.age(), 0ms);
  EXPECT_EQ(Ids(second), Ids(first));

  amc::ModelList refreshed = c.list_all(amc::ListParams().refresh());
  EXPECT_EQ(Requests(), 2u) << "refresh() bypasses the cache";
  EXPECT_FALSE(refreshed.from_cache());
  EXPECT_TRUE(c.list_all().from_cache()) << "and repopulates it";
  EXPECT_EQ(Requests(), 2u);

  c.invalidate_cache();
  EXPECT_FALSE(c.list_all().from_cache());
  EXPECT_EQ(Requests(), 3u) << "invalidate_cache() forgets the listing";
}

TEST_F(CppCacheTest, DiskListingIsServedStaleWithItsAgeWhenTheServerIsGone) {
  TempDir dir;
  { amc::Client writer(CacheOptions(1h, dir.path())); (void)writer.list_all(); }
  ASSERT_EQ(dir.Files().size(), 1u);
  const std::string url = server_->base_url();
  server_->stop();
  const int wait_ms = 300;
  SleepMs(wait_ms);

  // TTL 1 ms: the file is expired, and the refresh meets a closed port.
  amc::Client c(CacheOptions(1ms, dir.path()).base_url(url));
  amc::ModelList l = c.list_all();
  EXPECT_TRUE(l.from_cache());
  EXPECT_TRUE(l.is_stale());
  EXPECT_GE(l.age(), std::chrono::milliseconds(wait_ms));
  EXPECT_LT(l.age(), std::chrono::milliseconds(wait_ms + static_cast<int>(BoundMs(5000))));
  EXPECT_EQ(Ids(l), ExpectedIds(0));
  // Selections carry the marks along.
  amc::ModelList opus = l.select_line("opus");
  EXPECT_TRUE(opus.is_stale());
  EXPECT_TRUE(opus.from_cache());
  EXPECT_EQ(opus.age(), l.age());
  server_.reset();
}

TEST_F(CppCacheTest, OfflineWithNothingCachedThrowsNotCachedAndSendsNothing) {
  TempDir dir;
  amc::Client c(CacheOptions(1h, dir.path()).offline());
  for (auto call : {+[](const amc::Client &cl) { (void)cl.list_all(); },
                    +[](const amc::Client &cl) { (void)cl.list(); },
                    +[](const amc::Client &cl) { (void)cl.get("claude-opus-4-6"); }}) {
    try {
      call(c);
      ADD_FAILURE() << "an offline call with nothing cached succeeded";
    } catch (const amc::Error &e) {
      EXPECT_EQ(e.status(), AM_ERR_NOT_CACHED);
      EXPECT_EQ(e.status_name(), "not_cached");
      EXPECT_EQ(e.http_status(), 0);
      EXPECT_EQ(e.attempts(), 0);
      EXPECT_NE(std::string(e.what()).find("offline"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(Requests(), 0u);

  // Once a listing is on disk, an offline client answers from it, however old.
  { amc::Client online(CacheOptions(1h, dir.path())); (void)online.list_all(); }
  ASSERT_EQ(Requests(), 1u);
  amc::Client offline(CacheOptions(1ms, dir.path()).offline());
  SleepMs(5);
  amc::ModelList l = offline.list_all();
  EXPECT_TRUE(l.from_cache());
  EXPECT_TRUE(l.is_stale()) << "past its TTL";
  EXPECT_EQ(Ids(l), ExpectedIds(0));
  EXPECT_EQ(Requests(), 1u);
}

// ---------------------------------------------------------------- selection

class CppSelectionTest : public CppWrapperTest {
 protected:
  void SetUp() override {
    CppWrapperTest::SetUp();
    if (HasFatalFailure()) return;
    client_.emplace(BaseOptions());
    list_ = client_->list_all(amc::ListParams().lifecycle("active").lifecycle("deprecated").lifecycle("retired"));
    requests_ = server_->request_count();
  }
  void TearDown() override {
    EXPECT_EQ(server_->request_count(), requests_) << "selection never sends a request";
    CppWrapperTest::TearDown();
  }
  std::optional<amc::Client> client_;
  amc::ModelList list_;
  size_t requests_ = 0;
};

TEST_F(CppSelectionTest, SupportedKeepsOnlyYesForEveryPathFromAnyContainer) {
  auto yes_for = [](std::vector<std::string> paths) {
    return CatalogIds([&](const rapidjson::Value &m) {
      return std::all_of(paths.begin(), paths.end(),
                         [&](const std::string &p) { return CatalogSupport(m, p) == AM_SUPPORT_YES; });
    });
  };
  const auto both = yes_for({"image_input", "thinking.types.adaptive"});
  ASSERT_FALSE(both.empty());
  EXPECT_EQ(Ids(list_.select_supported({"image_input", "thinking.types.adaptive"})), both);
  EXPECT_EQ(Ids(list_.select_supported(std::vector<std::string>{"image_input", "thinking.types.adaptive"})), both);
  const std::vector<std::string_view> views{"image_input"};
  const amc::ModelList images = list_.select_supported(views);
  EXPECT_EQ(Ids(images), yes_for({"image_input"}));
  // UNKNOWN never counts: the models listed without capabilities are gone.
  for (amc::ModelView m : images) EXPECT_FALSE(m.capabilities().empty()) << m.id();
  EXPECT_LT(images.size(), list_.size());
  EXPECT_FALSE(images.has_more());
  EXPECT_EQ(images.first_id(), images.front().id());
  EXPECT_EQ(Ids(list_.select_supported({})), Ids(list_)) << "no path keeps every model";

  for (std::string_view bad : {""sv, ".image_input"sv, "thinking..types"sv, "image input"sv, "a,b"sv,
                               std::string_view("image\0input", 11)}) {
    try {
      (void)list_.select_supported({bad});
      ADD_FAILURE() << "malformed path accepted: " << bad;
    } catch (const amc::Error &e) {
      EXPECT_EQ(e.status(), AM_ERR_INVALID_ARGUMENT);
    }
  }
  EXPECT_THROW((void)amc::ModelList().select_supported({"image_input"}), amc::Error);
}

TEST_F(CppSelectionTest, LifecycleLineAndSortByCreated) {
  // The stage as the model states it (the C contract): a model sent without
  // one is not selected as "active", though the server lists it as active.
  for (const char *stage : {"active", "deprecated", "retired", "unheard-of"})
    EXPECT_EQ(Ids(list_.select_lifecycle(stage)),
              CatalogIds([&](const rapidjson::Value &m) { return Field(m, "lifecycle") == stage; }))
        << stage;
  for (const char *line : {"opus", "sonnet", "haiku"}) {
    auto expected = CatalogIds([&](const rapidjson::Value &m) { return Field(m, "line") == line; });
    EXPECT_FALSE(expected.empty()) << line;
    EXPECT_EQ(Ids(list_.select_line(line)), expected) << line;
  }
  EXPECT_THROW((void)list_.select_line(std::string_view("op\0us", 5)), amc::Error);

  // Stable by date (ties keep list order); undated models (created at the
  // epoch) go last in both directions.
  auto by_date = [&](bool newest_first) {
    std::vector<amc::ModelView> ms(list_.begin(), list_.end());
    std::stable_sort(ms.begin(), ms.end(), [&](amc::ModelView a, amc::ModelView b) {
      auto ta = a.created_at_unix(), tb = b.created_at_unix();
      if (!ta || !tb) return ta.has_value() && !tb.has_value();
      return newest_first ? *ta > *tb : *ta < *tb;
    });
    std::vector<std::string> ids;
    for (amc::ModelView m : ms) ids.emplace_back(m.id());
    return ids;
  };
  ASSERT_FALSE(list_.back().created_at_unix()) << "the catalog has an undated model";
  EXPECT_EQ(Ids(list_.sort_by_created(false)), by_date(false));
  EXPECT_EQ(Ids(list_.sort_by_created()), by_date(true));
  EXPECT_NE(by_date(false), by_date(true));
}

TEST_F(CppSelectionTest, RetiringBeforeCountsSubSecondTimesExactly) {
  // 2026-02-19T00:00:00Z: two models retire exactly then.
  const std::chrono::system_clock::time_point feb19{std::chrono::seconds(1771459200)};
  auto retiring_before = [](const std::string &date) {
    return CatalogIds([&](const rapidjson::Value &m) {
      std::string r = Field(m, "retires_at");
      return !r.empty() && r < date;
    });
  };
  const auto at_feb19 = retiring_before("2026-02-19");
  EXPECT_EQ(Ids(list_.select_retiring_before(feb19)), at_feb19) << "strictly before";
  const auto after_feb19 = retiring_before("2026-02-19T00:00:01");
  ASSERT_GT(after_feb19.size(), at_feb19.size());
  // Half a second later the models retiring at the second itself count.
  EXPECT_EQ(Ids(list_.select_retiring_before(feb19 + 500ms)), after_feb19);
  EXPECT_EQ(Ids(list_.select_retiring_before(feb19 + 1ns)), after_feb19);
  EXPECT_TRUE(list_.select_retiring_before(std::chrono::system_clock::time_point{}).empty());
}

TEST_F(CppSelectionTest, FindAndNewestBorrowFromTheList) {
  auto sonnet = list_.find("claude-sonnet-4-5");
  ASSERT_TRUE(sonnet);
  EXPECT_EQ(sonnet->id(), "claude-sonnet-4-5-20250929");
  auto in_list = std::find_if(list_.begin(), list_.end(), [](amc::ModelView m) { return m.id() == "claude-sonnet-4-5-20250929"; });
  ASSERT_NE(in_list, list_.end());
  EXPECT_EQ(sonnet->handle(), (*in_list).handle()) << "borrowed from the list, not a copy";
  EXPECT_EQ(list_.find("claude-opus-4-6")->id(), "claude-opus-4-6");
  EXPECT_FALSE(list_.find("claude-sonnet-4-50"));
  EXPECT_FALSE(list_.find("claude-sonnet-4-"));
  EXPECT_FALSE(list_.find(""));
  EXPECT_FALSE(list_.find(std::string_view("claude-opus-4-6\0x", 17)));

  EXPECT_EQ(list_.newest("opus")->id(), "claude-opus-4-6");
  EXPECT_EQ(list_.newest("sonnet")->id(), "claude-sonnet-4-5-20250929");
  EXPECT_EQ(list_.newest("haiku")->id(), "claude-haiku-4-5-20251001");
  EXPECT_EQ(list_.newest()->id(), "claude-opus-4-6");
  EXPECT_FALSE(list_.newest("gpt"));
  EXPECT_FALSE(amc::ModelList().newest());
}

}  // namespace
}  // namespace cpptest
