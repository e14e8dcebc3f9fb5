// am_models_list_all: walking every page, forwards and backwards, and the
// pagination failures it must report instead of returning a partial list.
#include "amtest/catalog_oracle.hpp"
#include "amtest/mock_api_test.hpp"
#include "amtest/request_log.hpp"

namespace amtest {
namespace {

constexpr int kSynthetic = 23;

class ListAllTest : public MockApiTest {
 protected:
  ServerOptions ServerOpts() const override {
    ServerOptions o = MockApiTest::ServerOpts();
    o.synthetic = kSynthetic;
    return o;
  }
  const std::vector<std::string> all_ = ExpectedIds(kSynthetic);

  // The full list as one limit=1000 page returns it.
  std::vector<std::string> OnePage() {
    Params p;
    p.limit(1000);
    auto r = List(client_.get(), p.get());
    EXPECT_TRUE(StatusIs(r.status, r.e(), AM_OK));
    EXPECT_EQ(am_model_list_has_more(r.value.get()), 0);
    server().clear_log();
    return Ids(r.value.get());
  }
};

class ListAllForward : public ListAllTest, public ::testing::WithParamInterface<int> {};

TEST_P(ListAllForward, UnionEqualsOneBigPage) {
  const int limit = GetParam();
  const auto full = OnePage();
  ASSERT_EQ(full, all_);
  if (limit > 1) {
    ASSERT_NE(all_.size() % static_cast<size_t>(limit), 0u) << "pick a limit that leaves a short last page";
  }

  Params p;
  p.limit(limit);
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_OK(r);
  const am_model_list *l = r.value.get();
  auto ids = Ids(l);
  EXPECT_EQ(ids, full);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "duplicates";
  EXPECT_EQ(am_model_list_has_more(l), 0);
  EXPECT_EQ(Str(am_model_list_first_id(l)), full.front());
  EXPECT_EQ(Str(am_model_list_last_id(l)), full.back());

  // One request per page; each page starts after the previous page's last id.
  const size_t pages = (full.size() + static_cast<size_t>(limit) - 1) / static_cast<size_t>(limit);
  auto log = Log();
  ASSERT_EQ(log.size(), pages);
  for (size_t i = 0; i < log.size(); ++i) {
    SCOPED_TRACE("request " + std::to_string(i) + ": " + log[i].query);
    EXPECT_EQ(log[i].path, "/v1/models");
    EXPECT_EQ(QueryValue(log[i].query, "limit"), std::to_string(limit));
    EXPECT_EQ(QueryValue(log[i].query, "before_id"), std::nullopt);
    if (i == 0)
      EXPECT_EQ(QueryValue(log[i].query, "after_id"), std::nullopt);
    else
      EXPECT_EQ(QueryValue(log[i].query, "after_id"), full[i * static_cast<size_t>(limit) - 1]);
  }
}

INSTANTIATE_TEST_SUITE_P(Limits, ListAllForward, ::testing::Values(1, 7, 10),
                         [](const ::testing::TestParamInfo<int> &i) { return "limit" + std::to_string(i.param); });

TEST_F(ListAllTest, DefaultLimitIs1000) {
  auto r = ListAll(client_.get());
  AM_ASSERT_OK(r);
  EXPECT_EQ(Ids(r.value.get()), all_);
  auto log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(QueryValue(log[0].query, "limit"), "1000");
}

TEST_F(ListAllTest, NothingNewerThanTheNewestIsAnEmptyList) {
  Params p;
  p.before(all_.front().c_str());
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_OK(r);
  EXPECT_EQ(am_model_list_count(r.value.get()), 0u);
  EXPECT_EQ(am_model_list_has_more(r.value.get()), 0);
  EXPECT_EQ(am_model_list_first_id(r.value.get()), nullptr);
  EXPECT_EQ(am_model_list_last_id(r.value.get()), nullptr);
  EXPECT_EQ(Requests(), 1u);
}

TEST_F(ListAllTest, ForwardFromACursorIsExclusive) {
  Params p;
  p.limit(7).after(all_[9].c_str());
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_OK(r);
  EXPECT_EQ(Ids(r.value.get()), std::vector<std::string>(all_.begin() + 10, all_.end()));
  EXPECT_EQ(am_model_list_has_more(r.value.get()), 0);
  auto log = Log();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(QueryValue(log[0].query, "after_id"), all_[9]);
}

// before_id walks towards newer models with before_id = first_id; the result
// is still newest first.
TEST_F(ListAllTest, BackwardsFromTheMiddle) {
  const size_t mid = 20;
  const int limit = 7;
  Params p;
  p.limit(limit).before(all_[mid].c_str());
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_OK(r);
  const am_model_list *l = r.value.get();
  EXPECT_EQ(Ids(l), std::vector<std::string>(all_.begin(), all_.begin() + mid));
  EXPECT_EQ(am_model_list_has_more(l), 0);
  EXPECT_EQ(Str(am_model_list_first_id(l)), all_.front());
  EXPECT_EQ(Str(am_model_list_last_id(l)), all_[mid - 1]);

  // Pages [13,20), [6,13), [0,6): each asks before the previous page's first id.
  auto log = Log();
  std::vector<std::string> cursors;
  for (auto &e : log) {
    EXPECT_EQ(QueryValue(e.query, "after_id"), std::nullopt) << e.query;
    EXPECT_EQ(QueryValue(e.query, "limit"), std::to_string(limit)) << e.query;
    cursors.push_back(QueryValue(e.query, "before_id").value_or("(none)"));
  }
  EXPECT_EQ(cursors, (std::vector<std::string>{all_[20], all_[13], all_[6]}));
}

// ---------------------------------------------------------------- pagination failures

std::string PageBody(const char *first_id, const char *last_id, bool has_more) {
  auto q = [](const char *s) { return s ? "\"" + std::string(s) + "\"" : std::string("null"); };
  return "{\"data\":[{\"id\":\"loop-model\",\"type\":\"model\",\"display_name\":\"Loop\"}],\"first_id\":" +
         q(first_id) + ",\"has_more\":" + (has_more ? "true" : "false") + ",\"last_id\":" + q(last_id) + "}";
}

void ExpectPaginationError(const am_error *err) {
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(am_error_status(err), AM_ERR_PAGINATION);
  EXPECT_STRNE(Str(am_error_message(err)).c_str(), "");
  EXPECT_EQ(am_error_type(err), nullptr);
  EXPECT_EQ(am_error_http_status(err), 0);
  // Pages were fetched: "0 attempts" would claim nothing was sent.
  EXPECT_GE(am_error_attempts(err), 1) << Describe(am_error_status(err), err);
}

TEST_F(ListAllTest, RepeatedCursorFails) {
  AddFault(Respond(200, {}, PageBody("loop-model", "loop-model", true), -1));
  auto r = ListAll(client_.get());
  AM_ASSERT_STATUS(r, AM_ERR_PAGINATION);
  EXPECT_EQ(r.value, nullptr);
  ExpectPaginationError(r.e());
  EXPECT_NE(Str(am_error_message(r.e())).find("loop-model"), std::string::npos) << am_error_message(r.e());
  auto log = Log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(QueryValue(log[1].query, "after_id"), "loop-model");
}

TEST_F(ListAllTest, RepeatedCursorBackwardsFails) {
  AddFault(Respond(200, {}, PageBody("loop-model", "loop-model", true), -1));
  Params p;
  p.before(all_[3].c_str());
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_STATUS(r, AM_ERR_PAGINATION);
  ExpectPaginationError(r.e());
  EXPECT_EQ(Requests(), 2u);
}

TEST_F(ListAllTest, HasMoreWithoutCursorFails) {
  AddFault(Respond(200, {}, PageBody(nullptr, nullptr, true), -1));
  auto r = ListAll(client_.get());
  AM_ASSERT_STATUS(r, AM_ERR_PAGINATION);
  EXPECT_EQ(r.value, nullptr);
  ExpectPaginationError(r.e());
  EXPECT_EQ(Requests(), 1u);
}

TEST_F(ListAllTest, PageCapFailsAfterExactlyThatManyRequests) {
  Params p;
  p.limit(1).max_pages(2);
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_STATUS(r, AM_ERR_PAGINATION);
  EXPECT_EQ(r.value, nullptr);
  ExpectPaginationError(r.e());
  EXPECT_EQ(Requests(), 2u);
}

TEST_F(ListAllTest, PageCapNotHitWhenTheListFits) {
  Params p;
  p.limit(10).max_pages(static_cast<int32_t>((all_.size() + 9) / 10));
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_OK(r);
  EXPECT_EQ(Ids(r.value.get()), all_);
}

// An error on a later page fails the whole call; nothing partial comes back.
TEST_F(ListAllTest, ErrorOnASecondPageFailsTheCall) {
  Fault pass;  // first page served normally
  pass.pass_through = true;
  AddFault(pass);
  AddFault(Respond(404, {kNoRetry, {"request-id", "req_mock_page2"}}, "", 1));
  Params p;
  p.limit(10);
  auto r = ListAll(client_.get(), p.get());
  AM_ASSERT_STATUS(r, AM_ERR_NOT_FOUND);
  EXPECT_EQ(r.value, nullptr);
  // attempts count every request of the call: page 1, then the failing page 2.
  ExpectApiError(r.e(), AM_ERR_NOT_FOUND, 404, "not_found_error", 2, "req_mock_page2");
  EXPECT_EQ(Requests(), 2u);
}

}  // namespace
}  // namespace amtest
