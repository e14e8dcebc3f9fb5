// Response decoding: src/model.hpp (decode_list_page, decode_model,
// decode_error_body, supports_path, capability_path, ModelData accessors).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "model.hpp"

using am::ListData;
using am::ModelData;
using am::PageInfo;

namespace {

// Every capability the 002 reference and the newest SDK know, with a mix of
// true and false so that each path is checked against its own value.
const char *const kFullModel = R"({
  "id": "claude-opus-4-6",
  "type": "model",
  "display_name": "Claude Opus 4.6",
  "created_at": "2026-02-04T00:00:00Z",
  "max_input_tokens": 200000,
  "max_tokens": 128000,
  "lifecycle": "deprecated",
  "line": "opus",
  "deprecated_at": "2027-01-01T00:00:00Z",
  "retires_at": "2027-06-01T00:00:00Z",
  "future_field": {"nested": [1, 2, 3], "flag": true},
  "capabilities": {
    "batch": {"supported": true},
    "citations": {"supported": false},
    "code_execution": {"supported": true},
    "context_management": {
      "clear_thinking_20251015": {"supported": true},
      "clear_tool_uses_20250919": {"supported": false},
      "compact_20260112": {"supported": true},
      "supported": true
    },
    "effort": {
      "high": {"supported": true},
      "low": {"supported": false},
      "max": {"supported": true},
      "medium": {"supported": true},
      "supported": true,
      "xhigh": {"supported": true}
    },
    "image_input": {"supported": true},
    "pdf_input": {"supported": false},
    "structured_outputs": {"supported": true},
    "thinking": {
      "supported": true,
      "types": {
        "adaptive": {"supported": true},
        "enabled": {"supported": false},
        "disabled": {"supported": true},
        "between_tools": {"supported": true}
      }
    },
    "server_tools": {
      "supported": true,
      "code_execution": {"supported": false},
      "web_search": {"supported": true}
    }
  }
})";

// The expected answer for every am_capability of kFullModel.
const am_support kFullExpected[AM_CAP_COUNT] = {
    AM_SUPPORT_UNKNOWN,  // 0: not a capability
    AM_SUPPORT_YES,      // BATCH
    AM_SUPPORT_NO,       // CITATIONS
    AM_SUPPORT_YES,      // CODE_EXECUTION
    AM_SUPPORT_YES,      // CONTEXT_MANAGEMENT
    AM_SUPPORT_YES,      // ..CLEAR_THINKING_20251015
    AM_SUPPORT_NO,       // ..CLEAR_TOOL_USES_20250919
    AM_SUPPORT_YES,      // ..COMPACT_20260112
    AM_SUPPORT_YES,      // EFFORT
    AM_SUPPORT_NO,       // EFFORT_LOW
    AM_SUPPORT_YES,      // EFFORT_MEDIUM
    AM_SUPPORT_YES,      // EFFORT_HIGH
    AM_SUPPORT_YES,      // EFFORT_MAX
    AM_SUPPORT_YES,      // EFFORT_XHIGH
    AM_SUPPORT_YES,      // IMAGE_INPUT
    AM_SUPPORT_NO,       // PDF_INPUT
    AM_SUPPORT_YES,      // STRUCTURED_OUTPUTS
    AM_SUPPORT_YES,      // THINKING
    AM_SUPPORT_YES,      // THINKING_TYPES_ADAPTIVE
    AM_SUPPORT_NO,       // THINKING_TYPES_ENABLED
    AM_SUPPORT_YES,      // THINKING_TYPES_DISABLED
    AM_SUPPORT_YES,      // THINKING_TYPES_BETWEEN_TOOLS
    AM_SUPPORT_YES,      // SERVER_TOOLS
    AM_SUPPORT_NO,       // SERVER_TOOLS_CODE_EXECUTION
    AM_SUPPORT_YES,      // SERVER_TOOLS_WEB_SEARCH
};

// The older shape (000 / 004): no capabilities, no max_* fields.
const char *const kOldModel =
    R"({"id": "claude-sonnet-4-20250514", "created_at": "2025-02-19T00:00:00Z", )"
    R"("display_name": "Claude Sonnet 4", "type": "model"})";

struct DecodedModel {
  ListData data;
  ModelData *m = nullptr;
  am::Error err;
  bool ok = false;
};

std::unique_ptr<DecodedModel> model(const std::string &body) {
  auto d = std::make_unique<DecodedModel>();
  d->ok = am::decode_model(body, d->data, d->m, d->err);
  return d;
}

std::unique_ptr<DecodedModel> model_ok(const std::string &body) {
  auto d = model(body);
  EXPECT_TRUE(d->ok) << d->err.message;
  EXPECT_NE(d->m, nullptr);
  return d;
}

struct DecodedPage {
  ListData data;
  PageInfo info;
  am::Error err;
  bool ok = false;
};

std::unique_ptr<DecodedPage> page(const std::string &body) {
  auto d = std::make_unique<DecodedPage>();
  d->ok = am::decode_list_page(body, d->data, d->info, d->err);
  return d;
}

std::string wrap_list(const std::string &model_json) {
  return R"({"data": [)" + model_json + R"(], "first_id": "a", "last_id": "a", "has_more": false})";
}

std::string str(const char *s) { return s ? s : "(null)"; }

std::vector<std::string> strings(const std::vector<const char *> &v) {
  return std::vector<std::string>(v.begin(), v.end());
}

std::string with_caps(const std::string &caps_json) {
  return R"({"id": "m", "type": "model", "capabilities": )" + caps_json + "}";
}

std::string nested(size_t depth, char open, char close) {
  return std::string(depth, open) + std::string(depth, close);
}

}  // namespace

// ---- capability_path ----------------------------------------------------

TEST(DecodeCapabilityPath, EveryKnownCapabilityHasADistinctPath) {
  std::vector<std::string> seen;
  for (am_capability c = 1; c < AM_CAP_COUNT; ++c) {
    const char *p = am::capability_path(c);
    ASSERT_NE(p, nullptr) << c;
    EXPECT_NE(std::string(p), "");
    for (const std::string &s : seen) EXPECT_NE(s, p) << c;
    seen.emplace_back(p);
  }
  EXPECT_EQ(str(am::capability_path(AM_CAP_BATCH)), "batch");
  EXPECT_EQ(str(am::capability_path(AM_CAP_EFFORT_XHIGH)), "effort.xhigh");
  EXPECT_EQ(str(am::capability_path(AM_CAP_THINKING_TYPES_ADAPTIVE)), "thinking.types.adaptive");
  EXPECT_EQ(str(am::capability_path(AM_CAP_THINKING_TYPES_BETWEEN_TOOLS)), "thinking.types.between_tools");
  EXPECT_EQ(str(am::capability_path(AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112)),
            "context_management.compact_20260112");
  EXPECT_EQ(str(am::capability_path(AM_CAP_SERVER_TOOLS_WEB_SEARCH)), "server_tools.web_search");
  EXPECT_EQ(am::capability_path(0), nullptr);
  EXPECT_EQ(am::capability_path(AM_CAP_COUNT), nullptr);
  EXPECT_EQ(am::capability_path(-1), nullptr);
  EXPECT_EQ(am::capability_path(1000000), nullptr);
}

// ---- full and old shapes -------------------------------------------------

TEST(DecodeModel, FullShapeEveryField) {
  auto d = model_ok(kFullModel);
  const ModelData &m = *d->m;
  EXPECT_EQ(str(m.id), "claude-opus-4-6");
  EXPECT_EQ(str(m.type), "model");
  EXPECT_EQ(str(m.display_name), "Claude Opus 4.6");
  EXPECT_EQ(str(m.created_at), "2026-02-04T00:00:00Z");
  EXPECT_EQ(str(m.lifecycle), "deprecated");
  EXPECT_EQ(str(m.line), "opus");
  EXPECT_EQ(str(m.deprecated_at), "2027-01-01T00:00:00Z");
  EXPECT_EQ(str(m.retires_at), "2027-06-01T00:00:00Z");
  EXPECT_TRUE(m.has_max_input_tokens);
  EXPECT_EQ(m.max_input_tokens, 200000);
  EXPECT_TRUE(m.has_max_tokens);
  EXPECT_EQ(m.max_tokens, 128000);
  ASSERT_NE(m.caps, nullptr);
  EXPECT_TRUE(m.caps->IsObject());
}

TEST(DecodeModel, FullShapeEveryCapability) {
  auto d = model_ok(kFullModel);
  for (am_capability c = 1; c < AM_CAP_COUNT; ++c) {
    const char *p = am::capability_path(c);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(am::supports_path(*d->m, p), kFullExpected[c]) << p;
  }
}

TEST(DecodeModel, FullShapeLists) {
  auto d = model_ok(kFullModel);
  EXPECT_EQ(strings(d->m->effort_levels()), (std::vector<std::string>{"medium", "high", "max", "xhigh"}));
  EXPECT_EQ(strings(d->m->thinking_types()), (std::vector<std::string>{"adaptive", "disabled", "between_tools"}));
}

TEST(DecodeModel, ZeroMaxTokensIsPresent) {
  // The 002 example sends 0: present, not absent.
  auto d = model_ok(R"({"id": "m", "max_input_tokens": 0, "max_tokens": 0})");
  EXPECT_TRUE(d->m->has_max_input_tokens);
  EXPECT_TRUE(d->m->has_max_tokens);
  EXPECT_EQ(d->m->max_input_tokens, 0);
  EXPECT_EQ(d->m->max_tokens, 0);
}

TEST(DecodeModel, LargeMaxTokens) {
  auto d = model_ok(R"({"id": "m", "max_input_tokens": 9007199254740993, "max_tokens": 1000000})");
  EXPECT_EQ(d->m->max_input_tokens, INT64_C(9007199254740993));
  EXPECT_EQ(d->m->max_tokens, 1000000);
}

TEST(DecodeModel, OlderShapeHasAbsentFields) {
  auto d = model_ok(kOldModel);
  const ModelData &m = *d->m;
  EXPECT_EQ(str(m.id), "claude-sonnet-4-20250514");
  EXPECT_EQ(str(m.display_name), "Claude Sonnet 4");
  EXPECT_EQ(str(m.created_at), "2025-02-19T00:00:00Z");
  EXPECT_EQ(str(m.type), "model");
  EXPECT_FALSE(m.has_max_input_tokens);
  EXPECT_FALSE(m.has_max_tokens);
  EXPECT_EQ(m.caps, nullptr);
  EXPECT_EQ(m.lifecycle, nullptr);
  EXPECT_EQ(m.line, nullptr);
  EXPECT_EQ(m.deprecated_at, nullptr);
  EXPECT_EQ(m.retires_at, nullptr);
  for (am_capability c = 1; c < AM_CAP_COUNT; ++c)
    EXPECT_EQ(am::supports_path(m, am::capability_path(c)), AM_SUPPORT_UNKNOWN) << c;
  EXPECT_EQ(am::supports_path(m, "future_cap"), AM_SUPPORT_UNKNOWN);
  EXPECT_TRUE(m.effort_levels().empty());
  EXPECT_TRUE(m.thinking_types().empty());
}

TEST(DecodeModel, NullFieldsAreAbsent) {
  auto d = model_ok(R"({"id": "m", "display_name": null, "line": null, "deprecated_at": null,
                        "retires_at": null, "max_tokens": null, "max_input_tokens": null, "capabilities": null})");
  EXPECT_EQ(d->m->display_name, nullptr);
  EXPECT_EQ(d->m->line, nullptr);
  EXPECT_EQ(d->m->deprecated_at, nullptr);
  EXPECT_EQ(d->m->retires_at, nullptr);
  EXPECT_FALSE(d->m->has_max_tokens);
  EXPECT_FALSE(d->m->has_max_input_tokens);
  EXPECT_EQ(d->m->caps, nullptr);
}

TEST(DecodeModel, NewerLifecycleAndLineValuesKept) {
  auto d = model_ok(R"({"id": "m", "lifecycle": "sunsetting", "line": "mythos"})");
  EXPECT_EQ(str(d->m->lifecycle), "sunsetting");
  EXPECT_EQ(str(d->m->line), "mythos");
}

// ---- capabilities ----------------------------------------------------------

TEST(DecodeCapabilities, NullCapabilitiesAreUnknown) {
  auto d = model_ok(with_caps("null"));
  EXPECT_EQ(d->m->caps, nullptr);
  EXPECT_EQ(am::supports_path(*d->m, "batch"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am::supports_path(*d->m, "effort"), AM_SUPPORT_UNKNOWN);
}

TEST(DecodeCapabilities, EmptyCapabilitiesAreUnknown) {
  auto d = model_ok(with_caps("{}"));
  ASSERT_NE(d->m->caps, nullptr);
  for (am_capability c = 1; c < AM_CAP_COUNT; ++c)
    EXPECT_EQ(am::supports_path(*d->m, am::capability_path(c)), AM_SUPPORT_UNKNOWN) << c;
}

TEST(DecodeCapabilities, EffortUnsupportedWithoutLevels) {
  auto d = model_ok(with_caps(R"({"effort": {"supported": false}})"));
  EXPECT_EQ(am::supports_path(*d->m, "effort"), AM_SUPPORT_NO);
  EXPECT_EQ(am::supports_path(*d->m, "effort.xhigh"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am::supports_path(*d->m, "effort.low"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am::supports_path(*d->m, "batch"), AM_SUPPORT_UNKNOWN);
  EXPECT_TRUE(d->m->effort_levels().empty());
}

TEST(DecodeCapabilities, GroupWithoutOwnSupportedIsUnknown) {
  auto d = model_ok(with_caps(R"({"thinking": {"types": {"adaptive": {"supported": true}}}})"));
  EXPECT_EQ(am::supports_path(*d->m, "thinking"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am::supports_path(*d->m, "thinking.types.adaptive"), AM_SUPPORT_YES);
  EXPECT_EQ(am::supports_path(*d->m, "thinking.types.enabled"), AM_SUPPORT_UNKNOWN);
}

TEST(DecodeCapabilities, LeafWithoutSupportedIsUnknown) {
  auto d = model_ok(with_caps(R"({"batch": {}, "citations": {"note": "x"}})"));
  EXPECT_EQ(am::supports_path(*d->m, "batch"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am::supports_path(*d->m, "citations"), AM_SUPPORT_UNKNOWN);
}

TEST(DecodeCapabilities, UnknownFutureCapabilityReachable) {
  auto d = model_ok(with_caps(R"({"future_cap": {"supported": true},
                                  "future_group": {"supported": false, "sub": {"supported": true}},
                                  "effort": {"supported": true, "ultra": {"supported": true}}})"));
  EXPECT_EQ(am::supports_path(*d->m, "future_cap"), AM_SUPPORT_YES);
  EXPECT_EQ(am::supports_path(*d->m, "future_group"), AM_SUPPORT_NO);
  EXPECT_EQ(am::supports_path(*d->m, "future_group.sub"), AM_SUPPORT_YES);
  EXPECT_EQ(am::supports_path(*d->m, "future_group.other"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am::supports_path(*d->m, "effort.ultra"), AM_SUPPORT_YES);
}

TEST(DecodeCapabilities, SupportsPathEdgeCases) {
  auto d = model_ok(kFullModel);
  const std::string long_path(100000, 'a');
  std::string many_dots;
  for (int i = 0; i < 10000; ++i) many_dots += "effort.";
  for (const std::string &p :
       {std::string(""), std::string("."), std::string(".."), std::string("effort."), std::string(".effort"),
        std::string("effort..xhigh"), std::string("nope"), std::string("nope.deeper"),
        std::string("effort.xhigh.more"), std::string("batch.supported.x"), long_path, many_dots,
        long_path + "." + long_path, std::string("effort\0xhigh", 12), std::string("EFFORT")}) {
    EXPECT_EQ(am::supports_path(*d->m, p), AM_SUPPORT_UNKNOWN) << p.substr(0, 40);
  }
}

TEST(DecodeCapabilities, EffortLevelOrder) {
  // Known levels come in the documented order, whatever the server's order;
  // unknown ones follow in server order; unsupported ones are left out.
  auto d = model_ok(with_caps(R"({"effort": {
      "xhigh": {"supported": true}, "ultra": {"supported": true}, "supported": true,
      "high": {"supported": true}, "low": {"supported": true}, "mega": {"supported": false},
      "hyper": {"supported": true}, "medium": {"supported": false}, "max": {"supported": true},
      "note": {"text": "no supported member"}}})"));
  EXPECT_EQ(strings(d->m->effort_levels()),
            (std::vector<std::string>{"low", "high", "max", "xhigh", "ultra", "hyper"}));
}

TEST(DecodeCapabilities, AllEffortLevels) {
  auto d = model_ok(with_caps(R"({"effort": {"max": {"supported": true}, "medium": {"supported": true},
      "low": {"supported": true}, "xhigh": {"supported": true}, "high": {"supported": true}}})"));
  EXPECT_EQ(strings(d->m->effort_levels()),
            (std::vector<std::string>{"low", "medium", "high", "max", "xhigh"}));
}

TEST(DecodeCapabilities, ThinkingTypeOrder) {
  auto d = model_ok(with_caps(R"({"thinking": {"supported": true, "types": {
      "between_tools": {"supported": true}, "zeta": {"supported": true}, "enabled": {"supported": true},
      "disabled": {"supported": false}, "alpha": {"supported": true}, "adaptive": {"supported": true},
      "beta": {"supported": false}}}})"));
  EXPECT_EQ(strings(d->m->thinking_types()),
            (std::vector<std::string>{"adaptive", "enabled", "between_tools", "zeta", "alpha"}));
  EXPECT_TRUE(d->m->effort_levels().empty());
}

// ---- json() ----------------------------------------------------------------

TEST(DecodeJson, KeepsUnknownFields) {
  auto d = model_ok(kFullModel);
  const std::string &j = d->m->json();
  rapidjson::Document doc;
  doc.Parse(j.c_str(), j.size());
  ASSERT_FALSE(doc.HasParseError()) << j;
  ASSERT_TRUE(doc.IsObject());
  ASSERT_TRUE(doc.HasMember("future_field"));
  const rapidjson::Value &f = doc["future_field"];
  ASSERT_TRUE(f.IsObject());
  ASSERT_TRUE(f.HasMember("nested") && f["nested"].IsArray());
  ASSERT_EQ(f["nested"].Size(), 3u);
  EXPECT_EQ(f["nested"][2].GetInt(), 3);
  EXPECT_TRUE(f["flag"].GetBool());
  EXPECT_STREQ(doc["id"].GetString(), "claude-opus-4-6");
  EXPECT_EQ(doc["max_tokens"].GetInt64(), 128000);
  EXPECT_TRUE(doc["capabilities"]["server_tools"]["web_search"]["supported"].GetBool());
  // Same string on every call (computed once).
  EXPECT_EQ(&d->m->json(), &j);
}

TEST(DecodeJson, EscapesAndUnicodeRoundTrip) {
  auto d = model_ok(R"({"id": "m", "display_name": "Caf\u00e9 \"q\" \\ \n \ud83d\ude00"})");
  EXPECT_EQ(str(d->m->display_name), "Caf\xC3\xA9 \"q\" \\ \n \xF0\x9F\x98\x80");
  const std::string &j = d->m->json();
  rapidjson::Document doc;
  doc.Parse(j.c_str(), j.size());
  ASSERT_FALSE(doc.HasParseError()) << j;
  EXPECT_EQ(std::string(doc["display_name"].GetString()), "Caf\xC3\xA9 \"q\" \\ \n \xF0\x9F\x98\x80");
}

// ---- list pages ------------------------------------------------------------

TEST(DecodeList, PageFields) {
  auto p = page(std::string(R"({"data": [)") + kFullModel + "," + kOldModel +
                R"(], "first_id": "claude-opus-4-6", "last_id": "claude-sonnet-4-20250514", "has_more": true})");
  ASSERT_TRUE(p->ok) << p->err.message;
  EXPECT_EQ(str(p->info.first_id), "claude-opus-4-6");
  EXPECT_EQ(str(p->info.last_id), "claude-sonnet-4-20250514");
  EXPECT_TRUE(p->info.has_more);
  ASSERT_EQ(p->info.count, 2u);
  ASSERT_NE(p->info.models, nullptr);
  EXPECT_EQ(str(p->info.models[0].id), "claude-opus-4-6");
  EXPECT_EQ(str(p->info.models[1].id), "claude-sonnet-4-20250514");
  EXPECT_NE(p->info.models[0].caps, nullptr);
  EXPECT_EQ(p->info.models[1].caps, nullptr);
  EXPECT_EQ(p->data.pages.size(), 1u);
  EXPECT_EQ(p->data.chunks.size(), 1u);
}

TEST(DecodeList, NullFirstIdAndMissingHasMore) {
  auto p = page(R"({"data": [], "first_id": null, "last_id": null})");
  ASSERT_TRUE(p->ok) << p->err.message;
  EXPECT_EQ(p->info.first_id, nullptr);
  EXPECT_EQ(p->info.last_id, nullptr);
  EXPECT_FALSE(p->info.has_more);
  EXPECT_EQ(p->info.count, 0u);
}

TEST(DecodeList, HasMoreFalseAndNull) {
  auto p = page(R"({"data": [], "has_more": false})");
  ASSERT_TRUE(p->ok);
  EXPECT_FALSE(p->info.has_more);
  auto q = page(R"({"data": [], "has_more": null})");
  ASSERT_TRUE(q->ok);
  EXPECT_FALSE(q->info.has_more);
}

TEST(DecodeList, UnknownTopLevelFieldsTolerated) {
  auto p = page(R"({"data": [{"id": "x", "extra": [1, {"a": null}]}], "next_page": "abc", "has_more": false})");
  ASSERT_TRUE(p->ok) << p->err.message;
  EXPECT_EQ(p->info.count, 1u);
}

TEST(DecodeList, PagesAppendToSameListData) {
  ListData data;
  PageInfo a, b;
  am::Error err;
  ASSERT_TRUE(am::decode_list_page(wrap_list(R"({"id": "one"})"), data, a, err)) << err.message;
  ASSERT_TRUE(am::decode_list_page(wrap_list(R"({"id": "two"})"), data, b, err)) << err.message;
  EXPECT_EQ(data.pages.size(), 2u);
  EXPECT_EQ(str(a.models[0].id), "one");  // still valid after the second page
  EXPECT_EQ(str(b.models[0].id), "two");
}

TEST(DecodeList, JustBelowTheDepthLimitIsAccepted) {
  // Root object (1) + data array (2) + model object (3) + 125 arrays = 128 levels.
  std::string body = R"({"data": [{"id": "x", "deep": )" + nested(125, '[', ']') + "}]}";
  auto p = page(body);
  EXPECT_TRUE(p->ok) << p->err.message;
  std::string too_deep = R"({"data": [{"id": "x", "deep": )" + nested(126, '[', ']') + "}]}";
  auto q = page(too_deep);
  EXPECT_FALSE(q->ok);
  EXPECT_EQ(q->err.status, AM_ERR_DECODE);
}

// ---- hostile inputs -----------------------------------------------------

struct Hostile {
  const char *name;
  std::string body;
  std::vector<std::string> must_contain;  // every one of these in the message
};

class DecodeHostile : public ::testing::TestWithParam<Hostile> {};

TEST_P(DecodeHostile, FailsWithDecodeError) {
  const Hostile &h = GetParam();
  auto p = page(h.body);
  EXPECT_FALSE(p->ok);
  EXPECT_EQ(p->err.status, AM_ERR_DECODE) << p->err.message;
  EXPECT_FALSE(p->err.message.empty());
  for (const std::string &s : h.must_contain)
    EXPECT_NE(p->err.message.find(s), std::string::npos) << "message '" << p->err.message << "' lacks '" << s << "'";
  EXPECT_TRUE(p->data.pages.empty());
}

namespace {
const std::string kNul = std::string(R"({"data": [{"id": "m", "display_name": "a\u0000b"}]})");
const std::string kBadUtf8 = std::string("{\"data\": [{\"id\": \"m\", \"display_name\": \"a\xC3\x28z\"}]}");
const std::string kBadUtf8Overlong = std::string("{\"data\": [{\"id\": \"m\xC0\xAF\"}]}");
const std::string kDeepArrays = "{\"data\": " + nested(100000, '[', ']') + "}";
std::string deep_objects() {
  std::string s = "{\"data\": [{\"id\": \"m\", \"x\": ";
  for (int i = 0; i < 100000; ++i) s += "{\"a\":";
  s += "1";
  s += std::string(100000, '}');
  return s + "}]}";
}
}  // namespace

INSTANTIATE_TEST_SUITE_P(
    Bodies, DecodeHostile,
    ::testing::Values(
        Hostile{"malformed", R"({"data": [)", {"malformed JSON"}},
        Hostile{"malformed_missing_quote", R"({"data": [{"id": "x}]})", {"malformed JSON"}},
        Hostile{"empty", "", {"empty"}},
        Hostile{"whitespace_only", "   ", {"malformed JSON", "empty"}},
        Hostile{"data_object", R"({"data": {}})", {"data", "array", "object"}},
        Hostile{"data_string", R"({"data": "models"})", {"data", "array"}},
        Hostile{"data_missing", R"({"has_more": false})", {"data", "missing"}},
        Hostile{"id_number", R"({"data": [{"id": 42}]})", {"data[0].id", "string", "number"}},
        Hostile{"id_missing", R"({"data": [{"display_name": "x"}]})", {"data[0].id", "missing"}},
        Hostile{"id_null", R"({"data": [{"id": null}]})", {"data[0].id"}},
        Hostile{"id_empty", R"({"data": [{"id": ""}]})", {"data[0].id"}},
        Hostile{"second_model_bad", R"({"data": [{"id": "ok"}, {"id": true}]})", {"data[1].id"}},
        Hostile{"model_not_object", R"({"data": ["claude"]})", {"data[0]", "object"}},
        Hostile{"display_name_number", R"({"data": [{"id": "m", "display_name": 5}]})", {"data[0].display_name"}},
        Hostile{"created_at_bool", R"({"data": [{"id": "m", "created_at": true}]})", {"data[0].created_at"}},
        Hostile{"lifecycle_array", R"({"data": [{"id": "m", "lifecycle": []}]})", {"data[0].lifecycle"}},
        Hostile{"max_tokens_string", R"({"data": [{"id": "m", "max_tokens": "1000"}]})", {"data[0].max_tokens"}},
        Hostile{"max_tokens_negative", R"({"data": [{"id": "m", "max_tokens": -1}]})", {"data[0].max_tokens"}},
        Hostile{"max_tokens_fraction", R"({"data": [{"id": "m", "max_tokens": 1.5}]})", {"data[0].max_tokens"}},
        Hostile{"max_input_tokens_huge", R"({"data": [{"id": "m", "max_input_tokens": 1e300}]})",
                {"data[0].max_input_tokens"}},
        Hostile{"max_input_tokens_u64", R"({"data": [{"id": "m", "max_input_tokens": 18446744073709551615}]})",
                {"data[0].max_input_tokens"}},
        Hostile{"has_more_string", R"({"data": [], "has_more": "yes"})", {"has_more", "boolean"}},
        Hostile{"has_more_number", R"({"data": [], "has_more": 1})", {"has_more"}},
        Hostile{"capabilities_string", R"({"data": [{"id": "m", "capabilities": "all"}]})",
                {"data[0].capabilities", "object"}},
        Hostile{"capabilities_array", R"({"data": [{"id": "m", "capabilities": []}]})", {"data[0].capabilities"}},
        Hostile{"known_capability_bool", R"({"data": [{"id": "m", "capabilities": {"batch": true}}]})",
                {"capabilities.batch"}},
        Hostile{"known_leaf_string",
                R"({"data": [{"id": "m", "capabilities": {"effort": {"supported": true, "xhigh": "yes"}}}]})",
                {"capabilities.effort.xhigh"}},
        Hostile{"known_group_number", R"({"data": [{"id": "m", "capabilities": {"thinking": 1}}]})",
                {"capabilities.thinking"}},
        Hostile{"supported_string_deep",
                R"({"data": [{"id": "m", "capabilities": {"context_management": {"supported": true,
                    "clear_thinking_20251015": {"supported": "yes"}}}}]})",
                {"capabilities.context_management.clear_thinking_20251015.supported", "boolean"}},
        Hostile{"supported_string_thinking_types",
                R"({"data": [{"id": "m", "capabilities": {"thinking": {"types": {"adaptive": {"supported": 1}}}}}]})",
                {"thinking.types.adaptive.supported"}},
        // The parser screens capabilities trees on the way and skips the full
        // check for clean pages: a bad tree after clean ones, a bad value
        // reached through an escaped name, or an object where a boolean
        // belongs must all still be found, with the full check's message.
        Hostile{"bad_tree_after_clean_ones",
                R"({"data": [{"id": "a", "capabilities": {"batch": {"supported": true}}},
                             {"id": "b", "capabilities": {"batch": {"supported": "yes"}}}]})",
                {"data[1].capabilities.batch.supported", "boolean"}},
        Hostile{"escaped_capabilities_name", R"({"data": [{"id": "m", "capabilit\u0069es": {"batch": true}}]})",
                {"data[0].capabilities.batch", "object"}},
        Hostile{"escaped_supported_name",
                R"({"data": [{"id": "m", "capabilities": {"batch": {"support\u0065d": 1}}}]})",
                {"data[0].capabilities.batch.supported", "boolean"}},
        Hostile{"supported_object", R"({"data": [{"id": "m", "capabilities": {"batch": {"supported": {}}}}]})",
                {"data[0].capabilities.batch.supported", "boolean", "object"}},
        Hostile{"known_capability_array", R"({"data": [{"id": "m", "capabilities": {"batch": [true]}}]})",
                {"data[0].capabilities.batch", "object", "array"}},
        Hostile{"first_id_number", R"({"data": [], "first_id": 7})", {"first_id", "string"}},
        Hostile{"last_id_object", R"({"data": [], "last_id": {}})", {"last_id"}},
        Hostile{"embedded_nul", kNul, {"data[0].display_name"}},
        Hostile{"embedded_nul_first_id", R"({"data": [], "first_id": "a\u0000"})", {"first_id"}},
        Hostile{"invalid_utf8", kBadUtf8, {"invalid UTF-8 encoding at offset"}},
        Hostile{"invalid_utf8_overlong", kBadUtf8Overlong, {"invalid UTF-8 encoding at offset"}},
        Hostile{"lone_surrogate_escape", R"({"data": [{"id": "\ud800"}]})", {"malformed JSON"}},
        Hostile{"deep_arrays", kDeepArrays, {"nested deeper"}},
        Hostile{"deep_objects", deep_objects(), {"nested deeper"}},
        Hostile{"trailing_garbage", R"({"data": []} x)", {"malformed JSON"}},
        Hostile{"two_documents", R"({"data": []}{"data": []})", {"malformed JSON"}},
        Hostile{"root_array", R"([{"data": []}])", {"(response)", "object", "array"}},
        Hostile{"root_string", R"("data")", {"(response)", "object"}},
        Hostile{"root_null", "null", {"(response)"}},
        Hostile{"nan_literal", R"({"data": [{"id": "m", "max_tokens": NaN}]})", {"malformed JSON"}},
        Hostile{"single_quotes", R"({'data': []})", {"malformed JSON"}},
        Hostile{"comment", R"({"data": [] /* c */})", {"malformed JSON"}}),
    [](const ::testing::TestParamInfo<Hostile> &param_info) { return std::string(param_info.param.name); });

TEST(DecodeModelHostile, SingleModelErrorsNameTheField) {
  struct Case {
    std::string body;
    std::string expect;
  };
  for (const Case &c : std::vector<Case>{
           {R"({"display_name": "x"})", "id"},
           {R"({"id": 1})", "id"},
           {R"({"id": ""})", "id"},
           {R"({"id": "m", "max_tokens": "5"})", "max_tokens"},
           {R"({"id": "m", "capabilities": {"pdf_input": false}})", "capabilities.pdf_input"},
           {R"({"id": "m", "capabilities": {"batch": {"supported": true}, "pdf_input": {"supported": 0}}})",
            "capabilities.pdf_input.supported"},
           {R"([{"id": "m"}])", "(response)"},
           {"", "empty"},
           {R"({"id": "m"} trailing)", "malformed JSON"},
           {nested(100000, '[', ']'), "nested deeper"},
       }) {
    auto d = model(c.body);
    EXPECT_FALSE(d->ok) << c.body.substr(0, 60);
    EXPECT_EQ(d->err.status, AM_ERR_DECODE) << c.body.substr(0, 60);
    EXPECT_NE(d->err.message.find(c.expect), std::string::npos)
        << "message '" << d->err.message << "' lacks '" << c.expect << "'";
    EXPECT_TRUE(d->data.pages.empty());
  }
}

// ---- error bodies ------------------------------------------------------------

TEST(DecodeErrorBody, RealShape) {
  auto e = am::decode_error_body(
      R"({"type": "error", "error": {"type": "rate_limit_error", "message": "Number of requests has exceeded your rate limit"}})");
  ASSERT_TRUE(e.type.has_value());
  ASSERT_TRUE(e.message.has_value());
  EXPECT_EQ(*e.type, "rate_limit_error");
  EXPECT_EQ(*e.message, "Number of requests has exceeded your rate limit");
}

TEST(DecodeErrorBody, NotFoundShape) {
  auto e = am::decode_error_body(
      R"({"type":"error","error":{"type":"not_found_error","message":"model: nope"},"request_id":"req_1"})");
  EXPECT_EQ(e.type.value_or(""), "not_found_error");
  EXPECT_EQ(e.message.value_or(""), "model: nope");
}

TEST(DecodeErrorBody, OtherShapesGiveNothing) {
  for (const std::string &body : std::vector<std::string>{
           "<html><body><h1>502 Bad Gateway</h1></body></html>",
           R"({"error": "x"})",
           R"({"error": null})",
           R"({"message": "x"})",
           R"([{"error": {"type": "a", "message": "b"}}])",
           "",
           "not json",
           "{\"error\": {\"type\": \"a\xC3\x28\", \"message\": \"b\"}}",
           nested(100000, '[', ']'),
       }) {
    auto e = am::decode_error_body(body);
    EXPECT_FALSE(e.type.has_value()) << body.substr(0, 60);
    EXPECT_FALSE(e.message.has_value()) << body.substr(0, 60);
  }
}

TEST(DecodeErrorBody, WrongTypedFieldsAreDropped) {
  auto e = am::decode_error_body(R"({"type": "error", "error": {"type": 5, "message": "still here"}})");
  EXPECT_FALSE(e.type.has_value());
  EXPECT_EQ(e.message.value_or(""), "still here");
  auto f = am::decode_error_body(R"({"type": "error", "error": {"type": "api_error", "message": "a\u0000b"}})");
  EXPECT_EQ(f.type.value_or(""), "api_error");
  EXPECT_FALSE(f.message.has_value());
}
