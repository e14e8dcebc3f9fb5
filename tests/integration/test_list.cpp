// am_models_list: one page of GET /v1/models.
#include "amtest/catalog_oracle.hpp"
#include "amtest/json.hpp"
#include "amtest/mock_api_test.hpp"
#include "amtest/request_log.hpp"

namespace amtest {
namespace {

constexpr int kSynthetic = 23;

class ListTest : public MockApiTest {
 protected:
  ServerOptions ServerOpts() const override {
    ServerOptions o = MockApiTest::ServerOpts();
    o.synthetic = kSynthetic;
    return o;
  }
  const std::vector<std::string> all_ = ExpectedIds(kSynthetic);

  std::vector<std::string> Slice(size_t b, size_t e) const {
    return std::vector<std::string>(all_.begin() + static_cast<long>(b), all_.begin() + static_cast<long>(e));
  }

  // The page's ids, first_id/last_id and has_more against the expected slice.
  static void ExpectPage(const am_model_list *l, const std::vector<std::string> &ids, bool has_more) {
    EXPECT_EQ(Ids(l), ids);
    EXPECT_EQ(am_model_list_has_more(l), has_more ? 1 : 0);
    EXPECT_EQ(am_model_list_at(l, ids.size()), nullptr);
    if (ids.empty()) {
      EXPECT_EQ(am_model_list_first_id(l), nullptr);
      EXPECT_EQ(am_model_list_last_id(l), nullptr);
    } else {
      EXPECT_EQ(Str(am_model_list_first_id(l)), ids.front());
      EXPECT_EQ(Str(am_model_list_last_id(l)), ids.back());
    }
  }

  std::string OnlyQuery() const {
    auto log = Log();
    EXPECT_EQ(log.size(), 1u);
    if (log.empty()) return "";
    EXPECT_EQ(log[0].method, "GET");
    EXPECT_EQ(log[0].path, "/v1/models");
    return log[0].query;
  }
};

TEST_F(ListTest, CatalogIsBigEnoughForTheseTests) { ASSERT_GT(all_.size(), 25u); }

TEST_F(ListTest, DefaultPageUsesTheServerDefaultOf20) {
  auto r = List(client_.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), Slice(0, 20), true);
  std::string q = OnlyQuery();
  EXPECT_EQ(QueryValue(q, "limit"), std::nullopt) << q;
  EXPECT_EQ(QueryValue(q, "after_id"), std::nullopt) << q;
  EXPECT_EQ(QueryValue(q, "before_id"), std::nullopt) << q;
}

TEST_F(ListTest, EmptyParamsBehaveLikeNull) {
  Params p;
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), Slice(0, 20), true);
}

TEST_F(ListTest, LimitOne) {
  Params p;
  p.limit(1);
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), Slice(0, 1), true);
  EXPECT_EQ(QueryValue(OnlyQuery(), "limit"), "1");
}

TEST_F(ListTest, LimitThousandReturnsEverythingNewestFirst) {
  Params p;
  p.limit(1000);
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), all_, false);
  EXPECT_EQ(QueryValue(OnlyQuery(), "limit"), "1000");
  // Newest first: created_at never increases (RFC 3339 in UTC sorts as text).
  const am_model_list *l = r.value.get();
  for (size_t i = 1; i < am_model_list_count(l); ++i) {
    std::string prev = Str(am_model_created_at(am_model_list_at(l, i - 1)));
    std::string cur = Str(am_model_created_at(am_model_list_at(l, i)));
    EXPECT_GE(prev, cur) << "at " << i;
  }
}

TEST_F(ListTest, AfterIdIsExclusive) {
  Params p;
  p.limit(5).after(all_[4].c_str());
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), Slice(5, 10), true);
  std::string q = OnlyQuery();
  EXPECT_EQ(QueryValue(q, "after_id"), all_[4]);
  EXPECT_EQ(QueryValue(q, "before_id"), std::nullopt);
}

TEST_F(ListTest, AfterTheLastModelIsEmpty) {
  Params p;
  p.after(all_.back().c_str());
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), {}, false);
}

TEST_F(ListTest, BeforeIdIsExclusive) {
  Params p;
  p.limit(5).before(all_[10].c_str());
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), Slice(5, 10), true);
  std::string q = OnlyQuery();
  EXPECT_EQ(QueryValue(q, "before_id"), all_[10]);
  EXPECT_EQ(QueryValue(q, "after_id"), std::nullopt);
}

TEST_F(ListTest, BeforeNearTheStartHasNoMore) {
  Params p;
  p.limit(5).before(all_[2].c_str());
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ExpectPage(r.value.get(), Slice(0, 2), false);
}

TEST_F(ListTest, BothCursorsAreRefusedBeforeSending) {
  Params p;
  p.after(all_[1].c_str()).before(all_[5].c_str());
  auto r = List(client_.get(), p.get());
  AM_ASSERT_STATUS(r, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(r.value, nullptr);
  EXPECT_EQ(am_error_attempts(r.e()), 0);
  EXPECT_EQ(am_error_http_status(r.e()), 0);
  EXPECT_EQ(Requests(), 0u);
}

TEST_F(ListTest, RetiredOnly) {
  Params p;
  p.limit(1000).lifecycle("retired");
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  auto want = ExpectedIds(kSynthetic, {"retired"});
  ASSERT_FALSE(want.empty());
  ExpectPage(r.value.get(), want, false);
  for (size_t i = 0; i < am_model_list_count(r.value.get()); ++i)
    EXPECT_EQ(Str(am_model_lifecycle(am_model_list_at(r.value.get(), i))), "retired");
  EXPECT_EQ(QueryValues(OnlyQuery(), "lifecycle[]"), std::vector<std::string>{"retired"});
}

TEST_F(ListTest, EveryLifecycleStage) {
  Params p;
  p.limit(1000).lifecycle("active").lifecycle("deprecated").lifecycle("retired");
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  auto want = ExpectedIds(kSynthetic, {"active", "deprecated", "retired"});
  EXPECT_GT(want.size(), all_.size());
  ExpectPage(r.value.get(), want, false);
  EXPECT_EQ(QueryValues(OnlyQuery(), "lifecycle[]"), (std::vector<std::string>{"active", "deprecated", "retired"}));
}

TEST_F(ListTest, UnknownLifecycleStageIsTheServersBadRequest) {
  Params p;
  p.lifecycle("bogus");
  auto r = List(client_.get(), p.get());
  AM_ASSERT_STATUS(r, AM_ERR_BAD_REQUEST);
  ExpectApiError(r.e(), AM_ERR_BAD_REQUEST, 400, "invalid_request_error", 1);
  EXPECT_EQ(Requests(), 1u);
}

// The beta variant adds allowed_fallback_models to every model; the plain one never has it.
TEST_F(ListTest, BetaVariantAddsAllowedFallbackModels) {
  for (bool beta : {false, true}) {
    SCOPED_TRACE(beta ? "beta" : "plain");
    server().clear_log();
    Params p;
    p.limit(1000).beta(beta);
    auto r = List(client_.get(), p.get());
    AM_ASSERT_OK(r);
    ExpectPage(r.value.get(), all_, false);
    EXPECT_EQ(QueryValue(OnlyQuery(), "beta"), beta ? std::optional<std::string>("true") : std::nullopt);
    for (size_t i = 0; i < am_model_list_count(r.value.get()); ++i) {
      const am_model *m = am_model_list_at(r.value.get(), i);
      auto doc = ParseJson(am_model_json(m));
      ASSERT_TRUE(doc.IsObject());
      EXPECT_EQ(doc.HasMember("allowed_fallback_models"), beta) << am_model_id(m);
    }
  }
}

TEST_F(ListTest, BetaVariantFromClientOptions) {
  auto c = MakeClient([](am_options *o) { am_options_set_beta_variant(o, 1); });
  auto r = List(c.get());
  AM_ASSERT_OK(r);
  EXPECT_EQ(QueryValue(OnlyQuery(), "beta"), "true");
  auto doc = ParseJson(am_model_json(am_model_list_at(r.value.get(), 0)));
  EXPECT_TRUE(doc.HasMember("allowed_fallback_models"));
}

}  // namespace
}  // namespace amtest
