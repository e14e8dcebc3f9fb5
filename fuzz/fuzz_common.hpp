// Shared checks for the decoder fuzz targets: after a successful decode every
// accessor of every model is exercised and cross-checked, so that ASan/UBSan
// see the code paths a caller would take, not just the parser.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "text.hpp"

namespace fuzz {

// A property the library promises does not hold: report and abort, so that
// libFuzzer saves the input as a crash artifact.
[[noreturn]] inline void fail(const char *what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}
#define FUZZ_CHECK(cond)                                   \
  do {                                                     \
    if (!(cond)) ::fuzz::fail(#cond " (" __FILE__ ")");    \
  } while (0)

// Three bugs this fuzzing found, all fixed in src/decode.cpp (commit 1207823)
// with regression tests in tests/unit/test_fuzz_regressions.cpp: RapidJSON
// 1.1.0 reading past the end of a body that ends inside a multi-byte UTF-8
// sequence (Tencent/rapidjson#1636), accepting a lone low surrogate escape
// (#1738), and parsing numbers just above DBL_MAX as infinity (#849).

// Reads a C string the library handed out: ASan flags it if it is not a
// NUL-terminated string inside live memory. The C API promises UTF-8.
inline size_t touch(const char *s) {
  if (!s) return 0;
  size_t n = std::strlen(s);
  FUZZ_CHECK(am::is_valid_utf8(std::string_view(s, n)));
  return n;
}

// A failed decode must be a clean AM_ERR_DECODE naming what went wrong,
// without repeating the class that am_status_name already gives.
inline void check_decode_error(const am::Error &err) {
  FUZZ_CHECK(err.status == AM_ERR_DECODE);
  FUZZ_CHECK(!err.message.empty() && err.message.rfind("decode", 0) != 0);
}

// Every dotted path of the capabilities tree whose names contain no '.',
// checked against supports_path (which splits on '.'): the tree walk and the
// lookup must agree. Duplicate keys are fine: both take the first member.
inline void walk_caps(const am::ModelData &m, const rapidjson::Value &node, std::string &path,
                      unsigned depth) {
  if (depth > 20) return;
  for (auto it = node.MemberBegin(); it != node.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    if (name.empty() || name.find('.') != std::string_view::npos) continue;
    // Only the first member of a name is what a lookup sees.
    if (&node.FindMember(rapidjson::Value(rapidjson::StringRef(name.data(), name.size())))->value !=
        &it->value)
      continue;
    size_t old = path.size();
    if (!path.empty()) path += '.';
    path.append(name.data(), name.size());
    am_support want = AM_SUPPORT_UNKNOWN;
    const rapidjson::Value &v = it->value;
    if (v.IsBool()) {
      want = v.GetBool() ? AM_SUPPORT_YES : AM_SUPPORT_NO;
    } else if (v.IsObject()) {
      auto s = v.FindMember("supported");
      if (s != v.MemberEnd() && s->value.IsBool()) want = s->value.GetBool() ? AM_SUPPORT_YES : AM_SUPPORT_NO;
    }
    // "supported" is a node's own value, never a capability below it.
    if (name == "supported") want = AM_SUPPORT_UNKNOWN;
    FUZZ_CHECK(am::supports_path(m, path) == want);
    if (v.IsObject()) walk_caps(m, v, path, depth + 1);
    path.resize(old);
  }
}

inline void check_names(const am::ModelData &m, const std::vector<const char *> &names, const char *group,
                        std::initializer_list<const char *> known) {
  for (const char *n : names) {
    FUZZ_CHECK(n != nullptr);
    touch(n);
  }
  // A known name is listed exactly when supports_path says yes.
  for (const char *k : known) {
    bool listed = false;
    for (const char *n : names) listed = listed || std::strcmp(n, k) == 0;
    FUZZ_CHECK(listed == (am::supports_path(m, std::string(group) + "." + k) == AM_SUPPORT_YES));
  }
}

// Deep equality that keeps member order and duplicate names (rapidjson's
// operator== looks each name up, so {"a":1,"a":2} would not equal itself).
inline bool same_json(const rapidjson::Value &a, const rapidjson::Value &b) {
  if (a.IsObject() != b.IsObject() || a.IsArray() != b.IsArray() || a.IsString() != b.IsString() ||
      a.IsNumber() != b.IsNumber() || a.IsBool() != b.IsBool() || a.IsNull() != b.IsNull())
    return false;
  if (a.IsObject()) {
    if (a.MemberCount() != b.MemberCount()) return false;
    for (auto i = a.MemberBegin(), j = b.MemberBegin(); i != a.MemberEnd(); ++i, ++j)
      if (!same_json(i->name, j->name) || !same_json(i->value, j->value)) return false;
    return true;
  }
  if (a.IsArray()) {
    if (a.Size() != b.Size()) return false;
    for (rapidjson::SizeType i = 0; i < a.Size(); ++i)
      if (!same_json(a[i], b[i])) return false;
    return true;
  }
  if (a.IsString())
    return a.GetStringLength() == b.GetStringLength() &&
           std::memcmp(a.GetString(), b.GetString(), a.GetStringLength()) == 0;
  if (a.IsBool()) return a.GetBool() == b.GetBool();
  return a == b;  // numbers (int/double aware) and null
}

inline void exercise_model(const am::ModelData &m, std::string_view input) {
  FUZZ_CHECK(m.obj && m.obj->IsObject());
  FUZZ_CHECK(m.id && *m.id);
  for (const char *s : {m.id, m.display_name, m.type, m.created_at, m.lifecycle, m.line, m.deprecated_at,
                        m.retires_at})
    touch(s);
  FUZZ_CHECK(!m.has_max_input_tokens || m.max_input_tokens >= 0);
  FUZZ_CHECK(!m.has_max_tokens || m.max_tokens >= 0);
  FUZZ_CHECK(!m.caps || m.caps->IsObject());

  // json() must be JSON equal to the object it came from. Re-read with full
  // precision: the writer prints the double the parser produced.
  const std::string &json = m.json();
  FUZZ_CHECK(&json == &m.json());  // computed once
  rapidjson::Document again;
  again.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  FUZZ_CHECK(!again.HasParseError());
  FUZZ_CHECK(same_json(again, *m.obj));

  check_names(m, m.effort_levels(), "effort", {"low", "medium", "high", "max", "xhigh"});
  check_names(m, m.thinking_types(), "thinking.types", {"adaptive", "enabled", "disabled", "between_tools"});
  FUZZ_CHECK(&m.effort_levels() == &m.effort_levels());

  // Every capability this release knows, some odd paths, and paths from the input.
  for (am_capability c = 1; c < AM_CAP_COUNT; ++c) {
    const char *p = am::capability_path(c);
    FUZZ_CHECK(p != nullptr);
    (void)am::supports_path(m, p);
  }
  for (const char *p : {"", ".", "..", "effort.", ".effort", "effort..low", "supported", "thinking.types",
                        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t"})
    (void)am::supports_path(m, p);
  (void)am::supports_path(m, input.substr(0, 256));
  (void)am::supports_path(m, input.substr(input.size() > 64 ? input.size() - 64 : 0));
  if (m.caps) {
    std::string path;
    walk_caps(m, *m.caps, path, 0);
  } else {
    FUZZ_CHECK(am::supports_path(m, "batch") == AM_SUPPORT_UNKNOWN);
    FUZZ_CHECK(m.effort_levels().empty() && m.thinking_types().empty());
  }
}

}  // namespace fuzz
