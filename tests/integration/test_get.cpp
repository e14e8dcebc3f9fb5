// am_model_get and the model accessors, compared with the catalog the server serves.
#include <ctime>

#include "amtest/catalog_oracle.hpp"
#include "amtest/json.hpp"
#include "amtest/mock_api_test.hpp"
#include "amtest/request_log.hpp"

namespace amtest {
namespace {

using GetTest = MockApiTest;

// "YYYY-MM-DDTHH:MM:SSZ" -> Unix seconds.
int64_t UnixOf(const std::string &rfc3339) {
  std::tm tm{};
  EXPECT_EQ(std::sscanf(rfc3339.c_str(), "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                        &tm.tm_min, &tm.tm_sec),
            6)
      << rfc3339;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm));
}

const char *CatalogString(const rapidjson::Value &m, const char *field) {
  auto it = m.FindMember(field);
  return it != m.MemberEnd() && it->value.IsString() ? it->value.GetString() : nullptr;
}

void ExpectSameString(const char *got, const char *want, const char *field) {
  if (want)
    EXPECT_EQ(Str(got), want) << field;
  else
    EXPECT_EQ(got, nullptr) << field << " = " << Str(got);
}

void ExpectCount(int32_t (*accessor)(const am_model *, int64_t *), const am_model *m, const rapidjson::Value &cm,
                 const char *field) {
  int64_t v = -7;
  auto it = cm.FindMember(field);
  if (it != cm.MemberEnd() && it->value.IsInt64()) {
    EXPECT_EQ(accessor(m, &v), 1) << field;
    EXPECT_EQ(v, it->value.GetInt64()) << field;
  } else {
    EXPECT_EQ(accessor(m, &v), 0) << field;
    EXPECT_EQ(v, -7) << field << ": *out must be untouched";
  }
}

std::vector<std::string> Names(const am_model *m, size_t (*count)(const am_model *),
                               const char *(*at)(const am_model *, size_t)) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count(m); ++i) out.push_back(Str(at(m, i)));
  EXPECT_EQ(at(m, count(m)), nullptr);
  return out;
}

std::vector<std::string> SupportedIn(const rapidjson::Value &cm, const std::string &group,
                                     std::initializer_list<const char *> order) {
  std::vector<std::string> out;
  for (const char *name : order)
    if (CatalogSupport(cm, group + "." + name) == AM_SUPPORT_YES) out.push_back(name);
  return out;
}

struct StringField {
  const char *name;
  const char *(*get)(const am_model *);
};
const StringField kStringFields[] = {
    {"display_name", am_model_display_name}, {"type", am_model_type},
    {"created_at", am_model_created_at},     {"lifecycle", am_model_lifecycle},
    {"line", am_model_line},                 {"deprecated_at", am_model_deprecated_at},
    {"retires_at", am_model_retires_at},
};

// Every accessor of a model against its catalog entry (plain variant).
void ExpectMatchesCatalog(const am_model *m, const rapidjson::Value &cm) {
  const std::string id = cm["id"].GetString();
  SCOPED_TRACE(id);
  EXPECT_EQ(Str(am_model_id(m)), id);
  for (const StringField &f : kStringFields) ExpectSameString(f.get(m), CatalogString(cm, f.name), f.name);
  ExpectCount(am_model_max_tokens, m, cm, "max_tokens");
  ExpectCount(am_model_max_input_tokens, m, cm, "max_input_tokens");

  int64_t secs = -7;
  const int64_t want_secs = UnixOf(cm["created_at"].GetString());
  if (want_secs == 0) {
    EXPECT_EQ(am_model_created_at_unix(m, &secs), 0);
    EXPECT_EQ(secs, -7);
  } else {
    EXPECT_EQ(am_model_created_at_unix(m, &secs), 1);
    EXPECT_EQ(secs, want_secs);
  }

  for (am_capability cap = 1; cap < AM_CAP_COUNT; ++cap) {
    ASSERT_NE(am_capability_path(cap), nullptr) << cap;
    EXPECT_EQ(am_model_supports(m, cap), CatalogSupport(cm, am_capability_path(cap))) << am_capability_path(cap);
    EXPECT_EQ(am_model_supports_path(m, am_capability_path(cap)), CatalogSupport(cm, am_capability_path(cap)))
        << am_capability_path(cap);
  }
  EXPECT_EQ(Names(m, am_model_effort_level_count, am_model_effort_level_at),
            SupportedIn(cm, "effort", {"low", "medium", "high", "max", "xhigh"}));
  EXPECT_EQ(Names(m, am_model_thinking_type_count, am_model_thinking_type_at),
            SupportedIn(cm, "thinking.types", {"adaptive", "enabled", "disabled", "between_tools"}));

  // The JSON is the model as served: the catalog entry without the beta-only field.
  rapidjson::Document want;
  want.CopyFrom(cm, want.GetAllocator());
  want.RemoveMember("allowed_fallback_models");
  auto got = ParseJson(am_model_json(m));
  EXPECT_TRUE(got == want) << am_model_json(m);
}

TEST_F(GetTest, CanonicalId) {
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_OK(r);
  EXPECT_EQ(Str(am_model_id(r.value.get())), "claude-opus-4-6");
  auto log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].path, "/v1/models/claude-opus-4-6");
  EXPECT_EQ(log[0].query, "");
}

TEST_F(GetTest, EveryAliasResolvesToItsCanonicalModel) {
  auto aliases = CatalogAliases();
  ASSERT_FALSE(aliases.empty());
  for (auto &[alias, canonical] : aliases) {
    auto r = Get(client_.get(), alias.c_str());
    AM_EXPECT_OK(r);
    EXPECT_EQ(Str(am_model_id(r.value.get())), canonical) << alias;
    EXPECT_EQ(Log().back().path, "/v1/models/" + alias);
  }
  EXPECT_EQ(Requests(), aliases.size());
}

TEST_F(GetTest, EveryCatalogModelMatchesTheCatalog) {
  for (auto &cm : CatalogModels().GetArray()) {
    auto r = Get(client_.get(), cm["id"].GetString());
    AM_ASSERT_OK(r);
    ExpectMatchesCatalog(r.value.get(), cm);
  }
}

TEST_F(GetTest, ListedModelsMatchTheCatalogToo) {
  Params p;
  p.limit(1000).lifecycle("active").lifecycle("deprecated").lifecycle("retired");
  auto r = List(client_.get(), p.get());
  AM_ASSERT_OK(r);
  ASSERT_EQ(am_model_list_count(r.value.get()), CatalogModels().Size());
  for (size_t i = 0; i < am_model_list_count(r.value.get()); ++i) {
    const am_model *m = am_model_list_at(r.value.get(), i);
    const rapidjson::Value *cm = CatalogModel(Str(am_model_id(m)));
    ASSERT_NE(cm, nullptr) << am_model_id(m);
    ExpectMatchesCatalog(m, *cm);
  }
}

TEST_F(GetTest, FullModelFields) {
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_OK(r);
  const am_model *m = r.value.get();
  EXPECT_EQ(Str(am_model_display_name(m)), "Claude Opus 4.6");
  EXPECT_EQ(Str(am_model_type(m)), "model");
  EXPECT_EQ(Str(am_model_created_at(m)), "2026-02-04T00:00:00Z");
  EXPECT_EQ(Str(am_model_lifecycle(m)), "active");
  EXPECT_EQ(Str(am_model_line(m)), "opus");
  EXPECT_EQ(am_model_deprecated_at(m), nullptr);
  EXPECT_EQ(am_model_retires_at(m), nullptr);
  int64_t v = 0;
  EXPECT_EQ(am_model_max_tokens(m, &v), 1);
  EXPECT_EQ(v, 128000);
  EXPECT_EQ(am_model_max_input_tokens(m, &v), 1);
  EXPECT_EQ(v, 200000);
  EXPECT_EQ(am_model_created_at_unix(m, &v), 1);
  EXPECT_EQ(v, 1770163200);
  EXPECT_EQ(am_model_max_tokens(m, nullptr), 1) << "a NULL out pointer only skips the value";
}

TEST_F(GetTest, OldShapeModelHasUnknownCapabilities) {
  auto r = Get(client_.get(), "claude-3-haiku-20240307");
  AM_ASSERT_OK(r);
  const am_model *m = r.value.get();
  for (am_capability cap = 1; cap < AM_CAP_COUNT; ++cap)
    EXPECT_EQ(am_model_supports(m, cap), AM_SUPPORT_UNKNOWN) << am_capability_path(cap);
  EXPECT_EQ(am_model_supports_path(m, "batch"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, "future_capability"), AM_SUPPORT_UNKNOWN);
  int64_t v = -7;
  EXPECT_EQ(am_model_max_tokens(m, &v), 0);
  EXPECT_EQ(am_model_max_input_tokens(m, &v), 0);
  EXPECT_EQ(v, -7);
  EXPECT_EQ(am_model_created_at_unix(m, &v), 1);
  EXPECT_EQ(v, UnixOf("2024-03-07T00:00:00Z"));
  EXPECT_EQ(am_model_lifecycle(m), nullptr);
  EXPECT_EQ(am_model_line(m), nullptr);
  EXPECT_EQ(am_model_effort_level_count(m), 0u);
  EXPECT_EQ(am_model_thinking_type_count(m), 0u);
}

TEST_F(GetTest, EpochCreatedAtMeansUnknown) {
  auto r = Get(client_.get(), "claude-2.1");
  AM_ASSERT_OK(r);
  int64_t v = 12345;
  EXPECT_EQ(am_model_created_at_unix(r.value.get(), &v), 0);
  EXPECT_EQ(v, 12345);
  EXPECT_EQ(Str(am_model_created_at(r.value.get())), "1970-01-01T00:00:00Z");
}

TEST_F(GetTest, UnknownIdIsNotFound) {
  auto r = Get(client_.get(), "claude-does-not-exist");
  AM_ASSERT_STATUS(r, AM_ERR_NOT_FOUND);
  EXPECT_EQ(r.value, nullptr);
  ExpectApiError(r.e(), AM_ERR_NOT_FOUND, 404, "not_found_error", 1);
  EXPECT_EQ(am_error_retry_after_ms(r.e()), -1);
  EXPECT_EQ(Requests(), 1u);
}

TEST_F(GetTest, SlashInIdIsEscapedIntoOneSegment) {
  auto r = Get(client_.get(), "a/b");
  AM_ASSERT_STATUS(r, AM_ERR_NOT_FOUND);
  ExpectApiError(r.e(), AM_ERR_NOT_FOUND, 404, "not_found_error", 1);
  auto log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].path, "/v1/models/a%2Fb");
}

TEST_F(GetTest, DotSegmentsAreRefusedBeforeSending) {
  for (const char *id : {"", ".", "..", "%2e%2e"}) {
    auto r = Get(client_.get(), id);
    AM_EXPECT_STATUS(r, AM_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(am_error_attempts(r.e()), 0) << id;
  }
  EXPECT_EQ(Requests(), 0u);
}

TEST_F(GetTest, JsonKeepsUnknownFields) {
  auto r = Get(client_.get(), "claude-sonnet-4-5-20250929");
  AM_ASSERT_OK(r);
  auto doc = ParseJson(am_model_json(r.value.get()));
  ASSERT_TRUE(doc.IsObject());
  ASSERT_TRUE(doc.HasMember("future_field"));
  const rapidjson::Value *cm = CatalogModel("claude-sonnet-4-5-20250929");
  ASSERT_NE(cm, nullptr);
  EXPECT_TRUE(doc["future_field"] == (*cm)["future_field"]);
}

TEST_F(GetTest, BetaVariantGet) {
  auto c = MakeClient([](am_options *o) { am_options_set_beta_variant(o, 1); });
  auto r = Get(c.get(), "claude-opus-4-6");
  AM_ASSERT_OK(r);
  EXPECT_EQ(QueryValue(Log().back().query, "beta"), "true");
  auto doc = ParseJson(am_model_json(r.value.get()));
  ASSERT_TRUE(doc.HasMember("allowed_fallback_models"));
  EXPECT_TRUE(doc["allowed_fallback_models"] == (*CatalogModel("claude-opus-4-6"))["allowed_fallback_models"]);
}

TEST_F(GetTest, CloneOutlivesTheList) {
  ModelPtr clone;
  std::string json_before;
  {
    Params p;
    p.limit(3);
    auto r = List(client_.get(), p.get());
    AM_ASSERT_OK(r);
    const am_model *borrowed = am_model_list_at(r.value.get(), 0);
    ASSERT_NE(borrowed, nullptr);
    clone.reset(am_model_clone(borrowed));
    ASSERT_NE(clone, nullptr);
    json_before = Str(am_model_json(borrowed));
  }  // the list is freed here
  EXPECT_EQ(Str(am_model_id(clone.get())), "claude-opus-4-6");
  EXPECT_EQ(Str(am_model_display_name(clone.get())), "Claude Opus 4.6");
  EXPECT_EQ(Str(am_model_json(clone.get())), json_before);
  EXPECT_EQ(am_model_supports(clone.get(), AM_CAP_EFFORT_XHIGH), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_effort_level_count(clone.get()), 5u);
  ModelPtr clone2(am_model_clone(clone.get()));
  clone.reset();
  EXPECT_EQ(Str(am_model_id(clone2.get())), "claude-opus-4-6");
}

TEST_F(GetTest, EffortLevelsAndThinkingTypes) {
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_OK(r);
  const am_model *m = r.value.get();
  EXPECT_EQ(Names(m, am_model_effort_level_count, am_model_effort_level_at),
            (std::vector<std::string>{"low", "medium", "high", "max", "xhigh"}));
  EXPECT_EQ(Names(m, am_model_thinking_type_count, am_model_thinking_type_at),
            (std::vector<std::string>{"adaptive", "enabled", "disabled", "between_tools"}));
}

TEST_F(GetTest, SupportsByEnumAndByPath) {
  auto r = Get(client_.get(), "claude-opus-4-5-20251101");
  AM_ASSERT_OK(r);
  const am_model *m = r.value.get();
  EXPECT_EQ(am_model_supports(m, AM_CAP_BATCH), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports_path(m, "batch"), AM_SUPPORT_YES);
  EXPECT_EQ(am_model_supports(m, AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112), AM_SUPPORT_NO);
  EXPECT_EQ(am_model_supports_path(m, "context_management.compact_20260112"), AM_SUPPORT_NO);
  EXPECT_EQ(Str(am_capability_path(AM_CAP_EFFORT_XHIGH)), "effort.xhigh");
  EXPECT_EQ(Str(am_capability_path(AM_CAP_THINKING_TYPES_ADAPTIVE)), "thinking.types.adaptive");
  // Unknown enum values and paths are UNKNOWN, never a guess.
  EXPECT_EQ(am_capability_path(0), nullptr);
  EXPECT_EQ(am_capability_path(AM_CAP_COUNT), nullptr);
  EXPECT_EQ(am_model_supports(m, 999), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, "no_such_capability"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, "batch.no_such_child"), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, ""), AM_SUPPORT_UNKNOWN);
  EXPECT_EQ(am_model_supports_path(m, nullptr), AM_SUPPORT_UNKNOWN);
}

TEST_F(GetTest, FutureCapabilityByPath) {
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_OK(r);
  const rapidjson::Value *cm = CatalogModel("claude-opus-4-6");
  ASSERT_NE(cm, nullptr);
  ASSERT_EQ(CatalogSupport(*cm, "future_capability"), AM_SUPPORT_YES) << "catalog changed";
  EXPECT_EQ(am_model_supports_path(r.value.get(), "future_capability"), AM_SUPPORT_YES);
}

}  // namespace
}  // namespace amtest
