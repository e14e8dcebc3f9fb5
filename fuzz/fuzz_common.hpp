// Shared checks for the decoder fuzz targets: after a successful decode every
// accessor of every model is exercised and cross-checked, so that ASan/UBSan
// see the code paths a caller would take, not just the parser.
#pragma once

#include <rapidjson/document.h>

#include <cmath>
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

// With -DAM_FUZZ_IGNORE_KNOWN_BUGS=ON the targets skip inputs that hit a bug
// already reported, so that a long run can look for others while it is being
// fixed. The three below were fixed in src/decode.cpp (commit 1207823), so the
// option no longer changes anything; it is kept for the next ones. Found:
//  1. RapidJSON 1.1.0's UTF-8 validation (Tencent/rapidjson#1636) reads, and
//     in situ writes back, up to 2 bytes past the terminating NUL when a body
//     ends inside a multi-byte sequence: a lead byte >= 0xE0 last, or >= 0xF0
//     second to last.
//  2. RapidJSON 1.1.0 accepts a lone low surrogate escape, "\udc00"
//     (Tencent/rapidjson#1738), and stores it as the invalid UTF-8 ED B0 80:
//     strings the library hands out, and json(), are not UTF-8.
//  3. RapidJSON 1.1.0 parses numbers just above DBL_MAX (1.8e308 up to
//     1e309) as +-infinity instead of failing (Tencent/rapidjson#849); the
//     Writer refuses infinity, so ModelData::json() stops there and returns a
//     truncated, invalid document ('{"id":"a","x":').
// tests/unit/test_fuzz_regressions.cpp has the cases.
inline bool has_non_finite(const rapidjson::Value &v) {
  if (v.IsDouble()) return !std::isfinite(v.GetDouble());
  if (v.IsObject())
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      if (has_non_finite(it->value)) return true;
  if (v.IsArray())
    for (const auto &e : v.GetArray())
      if (has_non_finite(e)) return true;
  return false;
}
inline bool is_hex(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
// "\uXXXX" at `i` with XXXX in [lo, hi]?
inline bool escape_in(std::string_view in, size_t i, unsigned lo, unsigned hi) {
  if (i + 6 > in.size() || in[i] != '\\' || in[i + 1] != 'u') return false;
  unsigned v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    if (!is_hex(in[k])) return false;
    char c = static_cast<char>(in[k] | 0x20);
    v = v * 16 + static_cast<unsigned>(c <= '9' ? in[k] - '0' : c - 'a' + 10);
  }
  return v >= lo && v <= hi;
}
inline bool hits_known_bug(std::string_view in) {
#ifdef AM_FUZZ_IGNORE_KNOWN_BUGS
  size_t n = in.size();
  if (n >= 1 && static_cast<unsigned char>(in[n - 1]) >= 0xE0) return true;
  if (n >= 2 && static_cast<unsigned char>(in[n - 2]) >= 0xF0) return true;
  bool after_high = false;  // the previous escape was a high surrogate
  for (size_t i = 0; i < n;) {
    if (in[i] != '\\') {
      after_high = false;
      ++i;
    } else if (escape_in(in, i, 0, 0xFFFF)) {
      if (escape_in(in, i, 0xDC00, 0xDFFF) && !after_high) return true;
      after_high = escape_in(in, i, 0xD800, 0xDBFF);
      i += 6;
    } else {
      after_high = false;
      i += 2;  // "\\", "\"", ... : the next byte is not an escape
    }
  }
#else
  (void)in;
#endif
  return false;
}

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
#ifdef AM_FUZZ_IGNORE_KNOWN_BUGS
  const bool check_json = !has_non_finite(*m.obj);
#else
  const bool check_json = true;
#endif
  if (check_json) {
    rapidjson::Document again;
    again.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag>(json.data(),
                                                                                           json.size());
    FUZZ_CHECK(!again.HasParseError());
    FUZZ_CHECK(same_json(again, *m.obj));
  }

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
