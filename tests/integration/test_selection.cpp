// Selection helpers over lists from the server: both catalog shapes (models
// with capabilities and old ones without), no request sent by any of them.
#include <set>

#include "amtest/catalog_oracle.hpp"
#include "amtest/mock_api_test.hpp"

namespace amtest {
namespace {

class SelectionTest : public MockApiTest {
 protected:
  void SetUp() override {
    MockApiTest::SetUp();
    if (HasFatalFailure()) return;
    Params all;
    all.lifecycle("active").lifecycle("deprecated").lifecycle("retired");
    auto r = ListAll(client_.get(), all.get());
    ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
    list_ = std::move(r.value);
    requests_ = Requests();
  }
  void TearDown() override {
    EXPECT_EQ(requests_, Requests()) << "selection never sends a request";
    MockApiTest::TearDown();
  }
  // The catalog's ids that satisfy `keep`, in list order.
  std::vector<std::string> Expected(const std::function<bool(const rapidjson::Value &)> &keep) const {
    std::vector<std::string> out;
    for (auto &id : Ids(list_.get()))
      if (keep(*CatalogModel(id))) out.push_back(id);
    return out;
  }
  static std::string Field(const rapidjson::Value &m, const char *name) {
    return m.HasMember(name) && m[name].IsString() ? m[name].GetString() : "";
  }
  ListPtr Select(am_status (*fn)(const am_model_list *, const char *, am_model_list **, am_error **),
                 const char *arg) {
    am_model_list *out = nullptr;
    am_error *e = nullptr;
    am_status st = fn(list_.get(), arg, &out, &e);
    ErrorPtr ep(e);
    EXPECT_TRUE(StatusIs(st, e, AM_OK));
    return ListPtr(out);
  }
  ListPtr list_;
  size_t requests_ = 0;
};

TEST_F(SelectionTest, SupportedKeepsOnlyYesForEveryPath) {
  ASSERT_GT(am_model_list_count(list_.get()), 10u);
  for (auto paths : std::vector<std::vector<const char *>>{
           {"image_input"}, {"image_input", "thinking.types.adaptive"}, {"effort.max"}, {"future_capability"}}) {
    am_model_list *out = nullptr;
    ASSERT_EQ(AM_OK, am_model_list_select_supported(list_.get(), paths.data(), paths.size(), &out, nullptr));
    ListPtr kept(out);
    auto expected = Expected([&](const rapidjson::Value &m) {
      for (auto p : paths)
        if (CatalogSupport(m, p) != AM_SUPPORT_YES) return false;
      return true;
    });
    EXPECT_EQ(expected, Ids(kept.get())) << paths[0];
    // Models without capabilities answer UNKNOWN, which never counts.
    for (auto &id : Ids(kept.get())) EXPECT_TRUE(CatalogModel(id)->HasMember("capabilities")) << id;
    if (!expected.empty()) {
      EXPECT_EQ(expected.front(), Str(am_model_list_first_id(kept.get())));
      EXPECT_EQ(expected.back(), Str(am_model_list_last_id(kept.get())));
    }
    EXPECT_EQ(0, am_model_list_has_more(kept.get()));
  }
  // No path: everything is kept.
  am_model_list *all = nullptr;
  ASSERT_EQ(AM_OK, am_model_list_select_supported(list_.get(), nullptr, 0, &all, nullptr));
  ListPtr all_ptr(all);
  EXPECT_EQ(Ids(list_.get()), Ids(all));
}

TEST_F(SelectionTest, SupportedRefusesMalformedPaths) {
  for (const char *bad : {"", ".image_input", "thinking..types", "image input", "a,b"}) {
    am_model_list *out = nullptr;
    am_error *e = nullptr;
    am_status st = am_model_list_select_supported(list_.get(), &bad, 1, &out, &e);
    ErrorPtr ep(e);
    EXPECT_TRUE(StatusIs(st, e, AM_ERR_INVALID_ARGUMENT)) << "'" << bad << "'";
    EXPECT_EQ(nullptr, out);
  }
  const char *null_path = nullptr;
  am_model_list *out = nullptr;
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_model_list_select_supported(list_.get(), &null_path, 1, &out, nullptr));
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_model_list_select_supported(nullptr, nullptr, 0, &out, nullptr));
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_model_list_select_line(list_.get(), nullptr, &out, nullptr));
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_model_list_select_lifecycle(list_.get(), "active", nullptr, nullptr));
}

TEST_F(SelectionTest, LifecycleAndLine) {
  for (const char *stage : {"active", "deprecated", "retired", "unheard-of"}) {
    auto kept = Select(am_model_list_select_lifecycle, stage);
    EXPECT_EQ(Expected([&](const rapidjson::Value &m) { return Field(m, "lifecycle") == stage; }), Ids(kept.get()))
        << stage;
  }
  for (const char *line : {"opus", "sonnet", "haiku"}) {
    auto kept = Select(am_model_list_select_line, line);
    auto expected = Expected([&](const rapidjson::Value &m) { return Field(m, "line") == line; });
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(expected, Ids(kept.get())) << line;
  }
}

TEST_F(SelectionTest, RetiringBefore) {
  const int64_t mar_2026 = 1772323200;  // 2026-03-01T00:00:00Z
  am_model_list *out = nullptr;
  ASSERT_EQ(AM_OK, am_model_list_select_retiring_before(list_.get(), mar_2026, &out, nullptr));
  ListPtr kept(out);
  auto expected = Expected([&](const rapidjson::Value &m) {
    std::string r = Field(m, "retires_at");
    return !r.empty() && r < "2026-03-01";
  });
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(expected, Ids(kept.get()));
}

TEST_F(SelectionTest, SortByCreatedBothWays) {
  am_model_list *newest = nullptr, *oldest = nullptr;
  ASSERT_EQ(AM_OK, am_model_list_sort_by_created(list_.get(), 1, &newest, nullptr));
  ASSERT_EQ(AM_OK, am_model_list_sort_by_created(list_.get(), 0, &oldest, nullptr));
  ListPtr n(newest), o(oldest);
  ASSERT_EQ(am_model_list_count(list_.get()), am_model_list_count(newest));
  int64_t prev = INT64_MAX;
  bool unknown_seen = false;
  for (size_t i = 0; i < am_model_list_count(newest); ++i) {
    int64_t t = 0;
    if (!am_model_created_at_unix(am_model_list_at(newest, i), &t)) {
      unknown_seen = true;  // unknown dates come last
      continue;
    }
    EXPECT_FALSE(unknown_seen) << "a dated model after an undated one";
    EXPECT_LE(t, prev);
    prev = t;
  }
  EXPECT_TRUE(unknown_seen) << "the catalog has a model with the epoch as its date";
  EXPECT_EQ("claude-opus-4-6", Str(am_model_id(am_model_list_at(newest, 0))));
  EXPECT_EQ("2024-02-29T00:00:00Z", Str(am_model_created_at(am_model_list_at(oldest, 0))));
  EXPECT_EQ("claude-2.1", Str(am_model_id(am_model_list_at(oldest, am_model_list_count(oldest) - 1))))
      << "undated models come last both ways";
}

TEST_F(SelectionTest, FindByIdOrPrefixAndNewestOfALine) {
  EXPECT_EQ("claude-opus-4-6", Str(am_model_id(am_model_list_find(list_.get(), "claude-opus-4-6"))));
  EXPECT_EQ("claude-sonnet-4-5-20250929", Str(am_model_id(am_model_list_find(list_.get(), "claude-sonnet-4-5"))));
  // A prefix finds the newest model it starts: "claude-opus-4" is a family.
  EXPECT_EQ("claude-opus-4-6", Str(am_model_id(am_model_list_find(list_.get(), "claude-opus-4"))));
  EXPECT_EQ("claude-3-5-haiku-20241022", Str(am_model_id(am_model_list_find(list_.get(), "claude-3-5-haiku"))));
  EXPECT_EQ(nullptr, am_model_list_find(list_.get(), "claude-opus-4-"));
  EXPECT_EQ(nullptr, am_model_list_find(list_.get(), "claude-sonnet-4-5-2025"));
  EXPECT_EQ(nullptr, am_model_list_find(list_.get(), ""));
  EXPECT_EQ(nullptr, am_model_list_find(list_.get(), nullptr));
  EXPECT_EQ(nullptr, am_model_list_find(nullptr, "claude"));

  EXPECT_EQ("claude-opus-4-6", Str(am_model_id(am_model_list_newest(list_.get(), "opus"))));
  EXPECT_EQ("claude-sonnet-4-5-20250929", Str(am_model_id(am_model_list_newest(list_.get(), "sonnet"))));
  EXPECT_EQ("claude-haiku-4-5-20251001", Str(am_model_id(am_model_list_newest(list_.get(), "haiku"))));
  EXPECT_EQ("claude-opus-4-6", Str(am_model_id(am_model_list_newest(list_.get(), nullptr))));
  EXPECT_EQ(nullptr, am_model_list_newest(list_.get(), "mythos"));
  EXPECT_EQ(nullptr, am_model_list_newest(nullptr, nullptr));
}

TEST_F(SelectionTest, DerivedListsOutliveTheirSourceAndKeepCacheMarks) {
  ListPtr kept = Select(am_model_list_select_line, "opus");
  const am_model *first = am_model_list_at(kept.get(), 0);
  list_.reset();  // the filtered list shares the models, not the handle
  EXPECT_EQ("opus", Str(am_model_line(first)));
  EXPECT_EQ(0, am_model_list_from_cache(kept.get()));
  EXPECT_EQ(0, am_model_list_is_stale(kept.get()));
  list_ = std::move(kept);
}

}  // namespace
}  // namespace amtest
