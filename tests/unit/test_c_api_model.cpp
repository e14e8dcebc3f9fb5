// The C accessors of model and list handles, fed by the decoder directly
// (no network): the handles are built the way the client builds them.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "anthropic_models.h"
#include "model.hpp"

namespace {

const char *const kModel = R"({
  "id": "claude-opus-4-6", "type": "model", "display_name": "Claude Opus 4.6",
  "created_at": "2026-02-04T00:00:00Z", "max_input_tokens": 200000, "max_tokens": 128000,
  "lifecycle": "active", "line": "opus", "deprecated_at": null, "retires_at": "2027-06-01T00:00:00Z",
  "allowed_fallback_models": ["claude-sonnet-4-5"],
  "capabilities": {
    "batch": {"supported": true}, "citations": {"supported": false},
    "effort": {"supported": true, "xhigh": {"supported": true}, "low": {"supported": true},
               "ultra": {"supported": true}, "medium": {"supported": false}},
    "thinking": {"supported": true, "types": {"enabled": {"supported": true}, "adaptive": {"supported": true},
                 "between_tools": {"supported": false}, "interleaved": {"supported": true}}},
    "server_tools": {"supported": true, "web_search": {"supported": true}},
    "future_cap": {"supported": false}
  }
})";

// A model handle owning its decoded page, as am_model_get returns it.
am_model *make_model(const std::string &body, am::Error *err_out = nullptr) {
  auto data = std::make_shared<am::ListData>();
  am::ModelData *m = nullptr;
  am::Error err;
  if (!am::decode_model(body, *data, m, err)) {
    if (err_out) *err_out = err;
    return nullptr;
  }
  return new am_model{std::shared_ptr<const am::ModelData>(data, m)};
}

// A list handle over one decoded page, built by the library's own make_list.
am_model_list *make_list(const std::string &body) {
  auto data = std::make_shared<am::ListData>();
  am::PageInfo info;
  am::Error err;
  if (!am::decode_list_page(body, *data, info, err)) {
    ADD_FAILURE() << err.message;
    return nullptr;
  }
  std::vector<am::ModelData *> order;
  for (size_t i = 0; i < info.count; ++i) order.push_back(&info.models[i]);
  return am::make_list(data, order, info.first_id, info.last_id, info.has_more).release();
}

std::string s(const char *p) { return p ? p : "(null)"; }

}  // namespace

TEST(CApiModel, StringAndNumberFields) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(s(am_model_id(m)), "claude-opus-4-6");
  EXPECT_EQ(s(am_model_type(m)), "model");
  EXPECT_EQ(s(am_model_display_name(m)), "Claude Opus 4.6");
  EXPECT_EQ(s(am_model_created_at(m)), "2026-02-04T00:00:00Z");
  EXPECT_EQ(s(am_model_lifecycle(m)), "active");
  EXPECT_EQ(s(am_model_line(m)), "opus");
  EXPECT_EQ(am_model_deprecated_at(m), nullptr);
  EXPECT_EQ(s(am_model_retires_at(m)), "2027-06-01T00:00:00Z");
  int64_t v = -1;
  EXPECT_EQ(am_model_created_at_unix(m, &v), 1);
  EXPECT_EQ(v, 1770163200);
  EXPECT_EQ(am_model_max_input_tokens(m, &v), 1);
  EXPECT_EQ(v, 200000);
  EXPECT_EQ(am_model_max_tokens(m, &v), 1);
  EXPECT_EQ(v, 128000);
  EXPECT_EQ(am_model_max_tokens(m, nullptr), 1);  // out may be NULL
  am_model_free(m);
}

TEST(CApiModel, AbsentNumbersLeaveOutUntouched) {
  am_model *m = make_model(R"({"id": "m"})");
  ASSERT_NE(m, nullptr);
  int64_t v = 4242;
  EXPECT_EQ(am_model_max_input_tokens(m, &v), 0);
  EXPECT_EQ(am_model_max_tokens(m, &v), 0);
  EXPECT_EQ(am_model_created_at_unix(m, &v), 0);
  EXPECT_EQ(v, 4242);
  EXPECT_EQ(am_model_display_name(m), nullptr);
  EXPECT_EQ(am_model_type(m), nullptr);
  EXPECT_EQ(am_model_created_at(m), nullptr);
  EXPECT_EQ(am_model_lifecycle(m), nullptr);
  EXPECT_EQ(am_model_line(m), nullptr);
  EXPECT_EQ(am_model_retires_at(m), nullptr);
  am_model_free(m);
}

TEST(CApiModel, CreatedAtEpochAndGarbageAreUnknown) {
  for (const char *created : {"1970-01-01T00:00:00Z", "yesterday", "2025-02-30T00:00:00Z", ""}) {
    am_model *m = make_model(std::string(R"({"id": "m", "created_at": ")") + created + "\"}");
    ASSERT_NE(m, nullptr) << created;
    int64_t v = 4242;
    EXPECT_EQ(am_model_created_at_unix(m, &v), 0) << created;
    EXPECT_EQ(v, 4242) << created;
    EXPECT_EQ(s(am_model_created_at(m)), created);  // the string as sent
    am_model_free(m);
  }
  am_model *m = make_model(R"({"id": "m", "created_at": "2025-09-29T02:00:00+02:00"})");
  ASSERT_NE(m, nullptr);
  int64_t v = 0;
  EXPECT_EQ(am_model_created_at_unix(m, &v), 1);
  EXPECT_EQ(v, 1759104000);
  am_model_free(m);
}

TEST(CApiModel, Supports) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(am_model_supports(m, AM_CAP_BATCH), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports(m, AM_CAP_CITATIONS), AM_SUPPORT_NO);
  EXPECT_EQ(am_model_supports(m, AM_CAP_CODE_EXECUTION), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports(m, AM_CAP_EFFORT), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports(m, AM_CAP_EFFORT_MEDIUM), AM_SUPPORT_NO);
  EXPECT_EQ(am_model_supports(m, AM_CAP_EFFORT_HIGH), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports(m, AM_CAP_EFFORT_XHIGH), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports(m, AM_CAP_THINKING_TYPES_BETWEEN_TOOLS), AM_SUPPORT_NO);
  EXPECT_EQ(am_model_supports(m, AM_CAP_SERVER_TOOLS_WEB_SEARCH), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports(m, AM_CAP_SERVER_TOOLS_CODE_EXECUTION), AM_SUPPORT_UNKNOWN);
  for (am_capability bad : {0, -1, AM_CAP_COUNT_, 1000})
    EXPECT_EQ(am_model_supports(m, bad), AM_SUPPORT_UNKNOWN) << bad;
  // Every known enum value agrees with its dotted path.
  for (am_capability c = AM_CAP_BATCH; c < AM_CAP_COUNT_; ++c)
    EXPECT_EQ(am_model_supports(m, c), am_model_supports_path(m, am_capability_path(c))) << c;
  EXPECT_EQ(am_model_supports_path(m, "future_cap"), AM_SUPPORT_NO);
  EXPECT_EQ(am_model_supports_path(m, "effort.ultra"), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports_path(m, nullptr), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, ""), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, "effort."), AM_SUPPORT_UNKNOWN);
  am_model_free(m);
}

TEST(CApiModel, EffortLevelsAndThinkingTypes) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(am_model_effort_level_count(m), 3u);
  EXPECT_EQ(s(am_model_effort_level_at(m, 0)), "low");
  EXPECT_EQ(s(am_model_effort_level_at(m, 1)), "xhigh");
  EXPECT_EQ(s(am_model_effort_level_at(m, 2)), "ultra");
  EXPECT_EQ(am_model_effort_level_at(m, 3), nullptr);
  EXPECT_EQ(am_model_effort_level_at(m, static_cast<size_t>(-1)), nullptr);
  ASSERT_EQ(am_model_thinking_type_count(m), 3u);
  EXPECT_EQ(s(am_model_thinking_type_at(m, 0)), "adaptive");
  EXPECT_EQ(s(am_model_thinking_type_at(m, 1)), "enabled");
  EXPECT_EQ(s(am_model_thinking_type_at(m, 2)), "interleaved");
  EXPECT_EQ(am_model_thinking_type_at(m, 3), nullptr);
  am_model_free(m);
}

TEST(CApiModel, JsonKeepsUnknownFields) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  const char *j = am_model_json(m);
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(am_model_json(m), j);  // stable pointer
  rapidjson::Document doc;
  doc.Parse(j);
  ASSERT_FALSE(doc.HasParseError()) << j;
  ASSERT_TRUE(doc.HasMember("allowed_fallback_models"));
  ASSERT_TRUE(doc["allowed_fallback_models"].IsArray());
  EXPECT_STREQ(doc["allowed_fallback_models"][0].GetString(), "claude-sonnet-4-5");
  EXPECT_TRUE(doc["deprecated_at"].IsNull());
  am_model_free(m);
}

TEST(CApiModel, CloneIsIndependent) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  am_model *c = am_model_clone(m);
  ASSERT_NE(c, nullptr);
  am_model_free(m);
  EXPECT_EQ(s(am_model_id(c)), "claude-opus-4-6");
  EXPECT_EQ(am_model_supports(c, AM_CAP_BATCH), AM_SUPPORT_YES);
  am_model_free(c);
}

TEST(CApiList, Accessors) {
  am_model_list *list = make_list(std::string(R"({"data": [)") + kModel +
                                  R"(, {"id": "claude-haiku-4-5"}], "first_id": "claude-opus-4-6",
                                      "last_id": "claude-haiku-4-5", "has_more": true})");
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(am_model_list_count(list), 2u);
  EXPECT_EQ(s(am_model_list_first_id(list)), "claude-opus-4-6");
  EXPECT_EQ(s(am_model_list_last_id(list)), "claude-haiku-4-5");
  EXPECT_EQ(am_model_list_has_more(list), 1);
  EXPECT_EQ(s(am_model_id(am_model_list_at(list, 0))), "claude-opus-4-6");
  EXPECT_EQ(s(am_model_id(am_model_list_at(list, 1))), "claude-haiku-4-5");
  EXPECT_EQ(am_model_list_at(list, 2), nullptr);
  EXPECT_EQ(am_model_list_at(list, static_cast<size_t>(-1)), nullptr);

  // A clone outlives the list it came from.
  am_model *keep = am_model_clone(am_model_list_at(list, 0));
  ASSERT_NE(keep, nullptr);
  am_model_list_free(list);
  EXPECT_EQ(s(am_model_id(keep)), "claude-opus-4-6");
  EXPECT_EQ(s(am_model_display_name(keep)), "Claude Opus 4.6");
  EXPECT_EQ(am_model_effort_level_count(keep), 3u);
  am_model_free(keep);
}

TEST(CApiList, EmptyPage) {
  am_model_list *list = make_list(R"({"data": [], "first_id": null, "last_id": null, "has_more": false})");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(am_model_list_count(list), 0u);
  EXPECT_EQ(am_model_list_at(list, 0), nullptr);
  EXPECT_EQ(am_model_list_first_id(list), nullptr);
  EXPECT_EQ(am_model_list_last_id(list), nullptr);
  EXPECT_EQ(am_model_list_has_more(list), 0);
  am_model_list_free(list);
}

TEST(CApiModel, DeprecatedAndRetiresAtUnix) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  int64_t v = -1;
  EXPECT_EQ(am_model_deprecated_at_unix(m, &v), 0);  // null in the body
  EXPECT_EQ(v, -1);
  EXPECT_EQ(am_model_retires_at_unix(m, &v), 1);
  EXPECT_EQ(v, 1811808000);
  EXPECT_EQ(am_model_retires_at_unix(m, nullptr), 1);
  am_model_free(m);

  m = make_model(R"({"id":"x","deprecated_at":"2026-09-30T12:30:00Z","retires_at":"1970-01-01T00:00:00Z"})");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(am_model_deprecated_at_unix(m, &v), 1);
  EXPECT_EQ(v, 1790771400);
  v = -1;
  EXPECT_EQ(am_model_retires_at_unix(m, &v), 0);  // the epoch means unknown
  EXPECT_EQ(v, -1);
  am_model_free(m);
  m = make_model(R"({"id":"x","deprecated_at":"soon","retires_at":"2026-13-01T00:00:00Z"})");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(am_model_deprecated_at_unix(m, &v), 0);
  EXPECT_EQ(am_model_retires_at_unix(m, &v), 0);
  am_model_free(m);
  EXPECT_EQ(am_model_deprecated_at_unix(nullptr, &v), 0);
  EXPECT_EQ(am_model_retires_at_unix(nullptr, &v), 0);
}

TEST(CApiModel, CapabilityEnumerationListsEveryReportedPathInServerOrder) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  std::vector<std::pair<std::string, am_support>> got;
  for (size_t i = 0; i < am_model_capability_count(m); ++i)
    got.emplace_back(s(am_model_capability_path_at(m, i)), am_model_capability_support_at(m, i));
  // Groups before members, the server's order within a group; "thinking.types"
  // has no support value of its own and is no entry.
  std::vector<std::pair<std::string, am_support>> want = {
      {"batch", AM_SUPPORT_YES},           {"citations", AM_SUPPORT_NO},
      {"effort", AM_SUPPORT_YES},          {"effort.xhigh", AM_SUPPORT_YES},
      {"effort.low", AM_SUPPORT_YES},      {"effort.ultra", AM_SUPPORT_YES},
      {"effort.medium", AM_SUPPORT_NO},    {"thinking", AM_SUPPORT_YES},
      {"thinking.types.enabled", AM_SUPPORT_YES},
      {"thinking.types.adaptive", AM_SUPPORT_YES},
      {"thinking.types.between_tools", AM_SUPPORT_NO},
      {"thinking.types.interleaved", AM_SUPPORT_YES},
      {"server_tools", AM_SUPPORT_YES},    {"server_tools.web_search", AM_SUPPORT_YES},
      {"future_cap", AM_SUPPORT_NO}};
  EXPECT_EQ(got, want);
  // Every entry agrees with a lookup by its path.
  for (size_t i = 0; i < am_model_capability_count(m); ++i)
    EXPECT_EQ(am_model_supports_path(m, am_model_capability_path_at(m, i)), am_model_capability_support_at(m, i));
  size_t n = am_model_capability_count(m);
  EXPECT_EQ(am_model_capability_path_at(m, n), nullptr);
  EXPECT_EQ(am_model_capability_support_at(m, n), AM_SUPPORT_UNKNOWN);
  am_model_free(m);
}

TEST(CApiModel, CapabilityEnumerationOfOddShapes) {
  // No capabilities, or null: no entries (a non-object is a decode error).
  for (const char *body : {R"({"id":"x"})", R"({"id":"x","capabilities":null})"}) {
    am_model *m = make_model(body);
    ASSERT_NE(m, nullptr) << body;
    EXPECT_EQ(am_model_capability_count(m), 0u) << body;
    EXPECT_EQ(am_model_capability_path_at(m, 0), nullptr);
    am_model_free(m);
  }
  // Bare booleans count; a null "supported" is UNKNOWN; names a
  // dotted path cannot address, and numbers, are skipped.
  am_model *m = make_model(
      R"({"id":"x","capabilities":{"flag":true,"odd":{"supported":null},"a.b":{"supported":true},)"
      R"("n":3,"grp":{"inner":{"deep":{"supported":false}}}}})");
  ASSERT_NE(m, nullptr);
  std::vector<std::pair<std::string, am_support>> got;
  for (size_t i = 0; i < am_model_capability_count(m); ++i)
    got.emplace_back(s(am_model_capability_path_at(m, i)), am_model_capability_support_at(m, i));
  std::vector<std::pair<std::string, am_support>> want = {
      {"flag", AM_SUPPORT_YES}, {"odd", AM_SUPPORT_UNKNOWN}, {"grp.inner.deep", AM_SUPPORT_NO}};
  EXPECT_EQ(got, want);
  am_model_free(m);
  EXPECT_EQ(am_model_capability_count(nullptr), 0u);
  EXPECT_EQ(am_model_capability_path_at(nullptr, 0), nullptr);
  EXPECT_EQ(am_model_capability_support_at(nullptr, 0), AM_SUPPORT_UNKNOWN);
}

TEST(CApiModel, SupportedIsNotAPathSegment) {
  am_model *m = make_model(kModel);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(am_model_supports_path(m, "thinking"), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports_path(m, "thinking.supported"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, "effort.xhigh.supported"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, "supported"), AM_SUPPORT_UNKNOWN);
  // Whatever a lookup answers, the enumeration lists: no path outside it is YES or NO.
  for (size_t i = 0; i < am_model_capability_count(m); ++i)
    EXPECT_EQ(std::string(am_model_capability_path_at(m, i)).find("supported"), std::string::npos);
  am_model_free(m);
}
