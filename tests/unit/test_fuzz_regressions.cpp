// Inputs found by fuzzing the decoders (fuzz/, scripts/fuzz.sh), minimised and
// kept as regression tests. Each must give a clean result: AM_ERR_DECODE (or an
// empty ApiErrorBody), never a crash, a sanitizer report or a string that is
// not UTF-8. The memory errors only show under AddressSanitizer, as in the
// sanitized stage of scripts/test.sh.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "text.hpp"

using am::ListData;
using am::ModelData;
using am::PageInfo;

namespace {

// The body in a heap block of exactly size + 1 bytes, as a response body
// copied into a fresh std::string is: nothing past its NUL belongs to it.
// (16 bytes or more, so that it is not kept inside the string object.)
std::string exact(std::string_view s) {
  std::string out(s.data(), s.size());
  out.shrink_to_fit();
  return out;
}

// A clean decode error that says what is wrong, without repeating the class
// that am_status_name already gives.
void expect_decode_error(const am::Error &err) {
  EXPECT_EQ(err.status, AM_ERR_DECODE);
  EXPECT_FALSE(err.message.empty());
  EXPECT_NE(err.message.rfind("decode", 0), 0u) << err.message;
}

bool decode_one(std::string body, ListData &list, ModelData *&m, am::Error &err) {
  m = nullptr;
  return am::decode_model(std::move(body), list, m, err);
}

// ---------------------------------------------------------------------------
// 1. A body that ends inside a multi-byte UTF-8 sequence: RapidJSON 1.1.0's
//    UTF-8 validation (kParseValidateEncodingFlag, in situ) takes the sequence's
//    continuation bytes without stopping at the terminating NUL, so it reads -
//    and writes back - up to 2 bytes past the end of the body's buffer
//    (Tencent/rapidjson#1636). ASan: heap-buffer-overflow in
//    GenericInsituStringStream::Take via UTF8::Validate, from am::parse_page.
//    Found by fuzz_error_body; minimised: "\"aaaaaaaaaaaaaa\xf4" (16 bytes).
// ---------------------------------------------------------------------------

// Lead bytes whose sequence runs past the NUL by 1 or 2 bytes, alone or with
// some of their continuation bytes.
const char *const kTruncatedTails[] = {"\xe0", "\xe2", "\xed", "\xef", "\xf0", "\xf1", "\xf4",
                                       "\xe2\x80" /* in bounds: a control */, "\xf0\x9f", "\xf4\x8f"};

TEST(FuzzRegression, ErrorBodyEndingInATruncatedUtf8SequenceIsIgnored) {
  am::ApiErrorBody minimal = am::decode_error_body(std::string_view("\"aaaaaaaaaaaaaa\xf4", 16));
  EXPECT_FALSE(minimal.type);
  EXPECT_FALSE(minimal.message);
  for (const char *tail : kTruncatedTails) {
    SCOPED_TRACE(testing::PrintToString(std::string(tail)));
    // A proxy's error page cut off mid-character.
    std::string body = std::string(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded )") + tail;
    am::ApiErrorBody e = am::decode_error_body(body);
    EXPECT_FALSE(e.type);
    EXPECT_FALSE(e.message);
  }
}

TEST(FuzzRegression, ModelBodyEndingInATruncatedUtf8SequenceIsADecodeError) {
  for (const char *tail : kTruncatedTails) {
    SCOPED_TRACE(testing::PrintToString(std::string(tail)));
    ListData list;
    ModelData *m = nullptr;
    am::Error err;
    EXPECT_FALSE(decode_one(exact(std::string(R"({"id":"claude-opus-4-6","display_name":"Claude )") + tail), list,
                            m, err));
    expect_decode_error(err);
    EXPECT_FALSE(decode_one(exact(std::string("\"aaaaaaaaaaaaaa") + tail), list, m, err));
    expect_decode_error(err);
    EXPECT_TRUE(list.pages.empty());
  }
}

TEST(FuzzRegression, ListBodyEndingInATruncatedUtf8SequenceIsADecodeError) {
  for (const char *tail : kTruncatedTails) {
    SCOPED_TRACE(testing::PrintToString(std::string(tail)));
    ListData list;
    PageInfo info;
    am::Error err;
    EXPECT_FALSE(am::decode_list_page(
        exact(std::string(R"({"data":[{"id":"claude-opus-4-6","display_name":"Claude )") + tail), list, info, err));
    expect_decode_error(err);
    EXPECT_FALSE(am::decode_list_page(exact(std::string(R"({"data":[],"first_id":"caf)") + tail), list, info, err));
    expect_decode_error(err);
    EXPECT_TRUE(list.pages.empty());
  }
}

// ---------------------------------------------------------------------------
// 2. A lone low surrogate escape ("\udc00".."\udfff" not preceded by a high
//    one): RapidJSON 1.1.0 accepts it (Tencent/rapidjson#1738, fixed upstream
//    after 1.1.0) and stores the surrogate as the bytes ED B0 80, which are
//    not UTF-8. The decoders then hand out ids, names, effort levels and
//    am_model_json() text that are not UTF-8, although the header promises
//    UTF-8 strings and the README says invalid UTF-8 is refused with
//    AM_ERR_DECODE (and am_get_model refuses such an id as "not valid UTF-8").
//    Found by fuzz_decode_model / fuzz_decode_list (json() did not re-parse as
//    valid JSON); minimised: "{\"id\":\"\\udc00\"}".
// ---------------------------------------------------------------------------

TEST(FuzzRegression, LoneLowSurrogateInAModelIsADecodeError) {
  const char *const bodies[] = {
      R"({"id":"\udc00"})",                                        // the minimised input
      R"({"id":"claude-\uDFFF"})",                                 // upper case, last one
      R"({"id":"claude-x","display_name":"\ud66d\ude00"})",       // after a non-surrogate escape
      R"({"id":"claude-x","future_field":"\udc00"})",             // unknown: kept in json()
      R"({"id":"claude-x","\udc00":1})",                          // in a key
      R"({"id":"claude-x","capabilities":{"effort":{"\udc00":{"supported":true}}}})",  // an effort level
      R"({"id":"claude-x","display_name":"\\\udc00"})",           // after an escaped backslash
  };
  for (const char *body : bodies) {
    SCOPED_TRACE(body);
    ListData list;
    ModelData *m = nullptr;
    am::Error err;
    bool ok = decode_one(body, list, m, err);
    EXPECT_FALSE(ok);
    if (ok) {  // what the bug hands out
      EXPECT_TRUE(am::is_valid_utf8(m->id));
      EXPECT_TRUE(am::is_valid_utf8(m->json()));
      for (const char *level : m->effort_levels()) EXPECT_TRUE(am::is_valid_utf8(level));
    } else {
      expect_decode_error(err);
    }
  }
}

TEST(FuzzRegression, LoneLowSurrogateInAListPageIsADecodeError) {
  const char *const bodies[] = {
      R"({"data":[{"id":"claude-\udc00"}],"has_more":false})",
      R"({"data":[{"id":"claude-x"}],"first_id":"\udc00","has_more":false})",
  };
  for (const char *body : bodies) {
    SCOPED_TRACE(body);
    ListData list;
    PageInfo info;
    am::Error err;
    bool ok = am::decode_list_page(body, list, info, err);
    EXPECT_FALSE(ok);
    if (ok) {
      for (size_t i = 0; i < info.count; ++i) EXPECT_TRUE(am::is_valid_utf8(info.models[i].id));
      if (info.first_id) {
        EXPECT_TRUE(am::is_valid_utf8(info.first_id));
      }
    } else {
      expect_decode_error(err);
    }
  }
}

TEST(FuzzRegression, LoneLowSurrogateInAnErrorBodyGivesNoInvalidUtf8) {
  am::ApiErrorBody e =
      am::decode_error_body(R"({"type":"error","error":{"type":"api_error","message":"bad \udc00 thing"}})");
  if (e.message) {
    EXPECT_TRUE(am::is_valid_utf8(*e.message));
  }
  if (e.type) {
    EXPECT_TRUE(am::is_valid_utf8(*e.type));
  }
}

// ---------------------------------------------------------------------------
// 3. A number just above DBL_MAX (1.8e308 up to 1e309, either sign): RapidJSON
//    1.1.0 parses it as +-infinity without an error (Tencent/rapidjson#849,
//    fixed upstream after 1.1.0), the decode succeeds, and ModelData::json()
//    (am_model_json) - whose rapidjson::Writer refuses infinity, a result
//    json() ignores - returns a truncated document: '{"id":".","":'.
//    Found by fuzz_decode_model; minimised: "{\"id\":\".\",\"\":2e308}".
//    Either refusing the body or writing complete, valid JSON is fine.
// ---------------------------------------------------------------------------

TEST(FuzzRegression, NumberBeyondDoubleRangeIsRefusedOrKeptAsValidJson) {
  const char *const bodies[] = {
      R"({"id":".","":2e308})",  // the minimised input
      R"({"id":"claude-x","future_field":-1.8e308})",
      R"({"id":"claude-x","capabilities":{"effort":{"supported":true,"budget":9.99e308}}})",
      R"({"id":"claude-x","future_field":[1,{"a":17976931348623159e292}]})",
  };
  for (const char *body : bodies) {
    SCOPED_TRACE(body);
    ListData list;
    ModelData *m = nullptr;
    am::Error err;
    if (!decode_one(body, list, m, err)) {
      expect_decode_error(err);
      continue;
    }
    const std::string &json = m->json();
    rapidjson::Document again;
    again.Parse(json.c_str());
    EXPECT_FALSE(again.HasParseError()) << "am_model_json: " << json;
    EXPECT_TRUE(again.IsObject() && again.HasMember("id")) << json;
  }
}

TEST(FuzzRegression, NumberBeyondDoubleRangeInAListPageIsRefusedOrKeptAsValidJson) {
  ListData list;
  PageInfo info;
  am::Error err;
  if (!am::decode_list_page(R"({"data":[{"id":"a","x":2e308},{"id":"b"}],"has_more":false})", list, info, err)) {
    expect_decode_error(err);
    return;
  }
  ASSERT_EQ(info.count, 2u);
  rapidjson::Document again;
  again.Parse(info.models[0].json().c_str());
  EXPECT_FALSE(again.HasParseError()) << "am_model_json: " << info.models[0].json();
}

// What the fixes must keep working: surrogate pairs, the text "\udc00"
// written with an escaped backslash, and the largest finite double.
TEST(FuzzRegression, SurrogatePairsAndEscapedBackslashesStillDecode) {
  ListData list;
  ModelData *m = nullptr;
  am::Error err;
  ASSERT_TRUE(decode_one(R"({"id":"claude-\ud83d\ude00","display_name":"\\udc00"})", list, m, err)) << err.message;
  EXPECT_STREQ(m->id, "claude-\xf0\x9f\x98\x80");
  EXPECT_STREQ(m->display_name, "\\udc00");
  EXPECT_TRUE(am::is_valid_utf8(m->json()));
  ASSERT_TRUE(decode_one(R"({"id":"claude-x","a":1.7976931348623157e308,"b":-1e308,"c":1e-400})", list, m, err))
      << err.message;
  rapidjson::Document again;
  again.Parse(m->json().c_str());
  EXPECT_FALSE(again.HasParseError()) << m->json();
  // A lone high surrogate was already refused.
  EXPECT_FALSE(decode_one(R"({"id":"claude-\ud800"})", list, m, err));
  expect_decode_error(err);
}

}  // namespace
