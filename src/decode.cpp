// Response decoding: tolerant of fields the API adds, strict about the types
// of the fields it knows. Every failure names the field.
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cmath>
#include <cstring>

#include "model.hpp"
#include "text.hpp"

namespace am {

namespace {

using rapidjson::Value;

// Forwards SAX events to the document, refusing to nest deeper than the
// limit, and screens the capabilities trees of the models on the way (the
// objects at `model_depth`; 0: none): a tree holding nothing but objects,
// nulls and boolean "supported" members cannot fail check_capabilities, so
// such a page skips that second walk. Anything else in a tree (a scalar under
// another name, an array, deep nesting) only marks the page suspect, and
// check_capabilities then decides, with the exact message, as before.
struct SaxFilter {
  rapidjson::Document &d;
  unsigned model_depth = 0;
  unsigned depth = 0;
  bool too_deep = false;
  bool out_of_range = false;
  bool caps_next = false;       // the last key of a model was "capabilities"
  unsigned caps_depth = 0;      // depth of the capabilities object being read; 0: outside
  bool supported_next = false;  // in a capabilities tree, the last key was "supported"
  bool caps_suspect = false;

  enum class Kind { Null, Bool, Other, Object, Array };
  // Before every value: follows the capabilities trees.
  void value(Kind k) {
    if (caps_depth) {
      if (k == Kind::Array || k == Kind::Other || (k == Kind::Bool && !supported_next) ||
          (k == Kind::Object && (supported_next || depth + 1 - caps_depth > kMaxScreenedDepth)))
        caps_suspect = true;
      supported_next = false;
    } else if (caps_next) {
      caps_next = false;
      if (k == Kind::Object) caps_depth = depth + 1;
    }
  }
  static constexpr unsigned kMaxScreenedDepth = 8;  // real trees are 3 deep

  bool Null() { return value(Kind::Null), d.Null(); }
  bool Bool(bool b) { return value(Kind::Bool), d.Bool(b); }
  bool Int(int i) { return value(Kind::Other), d.Int(i); }
  bool Uint(unsigned i) { return value(Kind::Other), d.Uint(i); }
  bool Int64(int64_t i) { return value(Kind::Other), d.Int64(i); }
  bool Uint64(uint64_t i) { return value(Kind::Other), d.Uint64(i); }
  bool Double(double x) {
    if (!std::isfinite(x)) {  // beyond double's range: it could never be written back as JSON
      out_of_range = true;
      return false;
    }
    return value(Kind::Other), d.Double(x);
  }
  bool RawNumber(const char *s, rapidjson::SizeType n, bool copy) { return value(Kind::Other), d.RawNumber(s, n, copy); }
  bool String(const char *s, rapidjson::SizeType n, bool copy) { return value(Kind::Other), d.String(s, n, copy); }
  bool Key(const char *s, rapidjson::SizeType n, bool copy) {
    if (caps_depth)
      supported_next = n == 9 && std::memcmp(s, "supported", 9) == 0;
    else if (depth == model_depth)
      caps_next = n == 12 && std::memcmp(s, "capabilities", 12) == 0;
    return d.Key(s, n, copy);
  }
  bool StartObject() { return value(Kind::Object), enter() && d.StartObject(); }
  bool EndObject(rapidjson::SizeType n) {
    if (depth == caps_depth) caps_depth = 0;
    --depth;
    return d.EndObject(n);
  }
  bool StartArray() { return value(Kind::Array), enter() && d.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { --depth; return d.EndArray(n); }

  bool enter() {
    if (++depth > kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return true;
  }
};

std::string where(const char *ctx, long index, const char *field) {
  std::string w = ctx;
  if (index >= 0) w += "[" + std::to_string(index) + "]";
  if (field && *field) {
    if (!w.empty()) w += ".";
    w += field;
  }
  return w.empty() ? "(response)" : w;
}

const char *type_name(const Value &v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "boolean";
    case rapidjson::kObjectType: return "object";
    case rapidjson::kArrayType: return "array";
    case rapidjson::kStringType: return "string";
    case rapidjson::kNumberType: return "number";
  }
  return "value";
}

bool fail(Error &err, const std::string &field, const char *expected, const Value &got) {
  err = Error::make(AM_ERR_DECODE, field + ": expected " + expected + ", got " + type_name(got));
  return false;
}

// A string member: absent or null leaves `out` null; a string with an embedded
// NUL is refused (C callers would silently see a shorter value).
bool opt_string(const Value &obj, const char *name, const char *&out, const char *ctx, long idx,
                Error &err, bool required = false) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    if (!required) return true;
    err = Error::make(AM_ERR_DECODE, where(ctx, idx, name) + ": missing");
    return false;
  }
  if (!it->value.IsString()) return fail(err, where(ctx, idx, name), "string", it->value);
  const char *s = it->value.GetString();
  if (std::strlen(s) != it->value.GetStringLength()) {
    err = Error::make(AM_ERR_DECODE, where(ctx, idx, name) + ": contains a NUL character");
    return false;
  }
  out = s;
  return true;
}


// Is `path` (names below `capabilities`) one of the capabilities this release knows?
bool is_known_capability(const std::vector<std::string_view> &path) {
  for (am_capability c = 1; c < AM_CAP_COUNT; ++c) {
    std::string_view known(capability_path(c));
    size_t pos = 0;
    bool match = true;
    for (size_t i = 0; i < path.size() && match; ++i) {
      if (i > 0) match = pos < known.size() && known[pos++] == '.';
      match = match && known.compare(pos, path[i].size(), path[i]) == 0;
      pos += path[i].size();
    }
    if (match && pos == known.size()) return true;
  }
  return false;
}

// One walk over the capabilities tree: every member named "supported" must be
// a boolean (or null), and a capability this release knows must be an object
// (or null); anything else the API may add is left alone. Returns the
// offending value with its path, or null. No string is built on the way.
constexpr unsigned kMaxCapabilityDepth = 16;

struct BadCapability {
  const Value *value = nullptr;
  const char *expected = nullptr;
};

BadCapability find_bad_capability(const Value &obj, std::vector<std::string_view> &path) {
  if (path.size() > kMaxCapabilityDepth) return {&obj, nullptr};
  for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    const Value &v = it->value;
    if (name == "supported") {
      if (v.IsBool() || v.IsNull()) continue;
      path.push_back(name);
      return {&v, "boolean"};
    }
    path.push_back(name);
    if (v.IsObject()) {
      BadCapability bad = find_bad_capability(v, path);
      if (bad.value) return bad;
    } else if (!v.IsNull() && is_known_capability(path)) {  // rare: only for non-objects
      return {&v, "object"};
    }
    path.pop_back();
  }
  return {};
}

bool check_capabilities(const Value &caps, const char *ctx, long idx, Error &err) {
  std::vector<std::string_view> path;
  BadCapability bad = find_bad_capability(caps, path);
  if (!bad.value) return true;
  std::string field = where(ctx, idx, "capabilities");
  for (std::string_view p : path) field += "." + std::string(p);
  if (!bad.expected) {
    err = Error::make(AM_ERR_DECODE, field + ": nested too deeply");
    return false;
  }
  return fail(err, field, bad.expected, *bad.value);
}

// Depth of the model objects: the body itself (GET /v1/models/{id}), or the
// elements of the root's "data" array (GET /v1/models).
constexpr unsigned kModelDepth = 1;
constexpr unsigned kListModelDepth = 3;

// The ModelInfo fields this release reads, found in one pass over the object.
enum class Field { String, Count, Capabilities };
struct FieldSpec {
  std::string_view name;
  Field kind;
  const char *ModelData::*str;
  int64_t ModelData::*num;
  bool ModelData::*has;
};
const FieldSpec kFields[] = {
    {"id", Field::String, &ModelData::id, nullptr, nullptr},
    {"display_name", Field::String, &ModelData::display_name, nullptr, nullptr},
    {"type", Field::String, &ModelData::type, nullptr, nullptr},
    {"created_at", Field::String, &ModelData::created_at, nullptr, nullptr},
    {"lifecycle", Field::String, &ModelData::lifecycle, nullptr, nullptr},
    {"line", Field::String, &ModelData::line, nullptr, nullptr},
    {"deprecated_at", Field::String, &ModelData::deprecated_at, nullptr, nullptr},
    {"retires_at", Field::String, &ModelData::retires_at, nullptr, nullptr},
    {"max_input_tokens", Field::Count, nullptr, &ModelData::max_input_tokens, &ModelData::has_max_input_tokens},
    {"max_tokens", Field::Count, nullptr, &ModelData::max_tokens, &ModelData::has_max_tokens},
    {"capabilities", Field::Capabilities, nullptr, nullptr, nullptr},
};

// The spec of a member name, or null: by length first, then one comparison
// (a linear scan compared every name of every model against every field).
const FieldSpec *find_field(std::string_view name) {
  auto is = [&](size_t i) { return kFields[i].name == name ? &kFields[i] : nullptr; };
  switch (name.size()) {
    case 2: return is(0);
    case 4: return name[0] == 't' ? is(2) : is(5);
    case 9: return is(4);
    case 10: return name[0] == 'c' ? is(3) : name[0] == 'r' ? is(7) : is(9);
    case 12: return name[0] == 'd' ? is(1) : is(10);
    case 13: return is(6);
    case 16: return is(8);
    default: return nullptr;
  }
}

// `page` says what parse_page learnt: whether a string may hold a NUL (only
// through a \u escape) and whether the capabilities trees were screened clean.
bool decode_model_value(const Value &v, const Page &page, ModelData &m, const char *ctx, long idx, Error &err) {
  if (!v.IsObject()) return fail(err, where(ctx, idx, ""), "object", v);
  m.obj = &v;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    const FieldSpec *spec = find_field(name);
    const Value &val = it->value;
    if (!spec || val.IsNull()) continue;  // unknown fields are kept, not read
    auto field = [&] { return std::string(name); };  // only built for a message
    switch (spec->kind) {
      case Field::String: {
        if (!val.IsString()) return fail(err, where(ctx, idx, field().c_str()), "string", val);
        const char *str = val.GetString();
        if (page.has_unicode_escapes && std::strlen(str) != val.GetStringLength()) {
          err = Error::make(AM_ERR_DECODE, where(ctx, idx, field().c_str()) + ": contains a NUL character");
          return false;
        }
        m.*(spec->str) = str;
        break;
      }
      case Field::Count:
        if (!val.IsInt64() || val.GetInt64() < 0)
          return fail(err, where(ctx, idx, field().c_str()), "non-negative integer", val);
        m.*(spec->num) = val.GetInt64();
        m.*(spec->has) = true;
        break;
      case Field::Capabilities:
        if (!val.IsObject()) return fail(err, where(ctx, idx, field().c_str()), "object", val);
        if (!page.capabilities_clean && !check_capabilities(val, ctx, idx, err)) return false;
        m.caps = &val;
        break;
    }
  }
  if (!m.id) {
    err = Error::make(AM_ERR_DECODE, where(ctx, idx, "id") + ": missing");
    return false;
  }
  if (*m.id == '\0') {
    err = Error::make(AM_ERR_DECODE, where(ctx, idx, "id") + ": empty");
    return false;
  }
  return true;
}

// True when every byte is below 0x80: such a body needs no UTF-8 validation,
// which is half of RapidJSON's parse time. Eight bytes at a time.
bool is_ascii(const std::string &s) {
  const char *p = s.data();
  size_t n = s.size(), i = 0;
  uint64_t acc = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) acc |= static_cast<unsigned char>(p[i]);
  return (acc & UINT64_C(0x8080808080808080)) == 0;
}

// Every string and key in the tree is valid UTF-8. Needed only when the body
// has \u escapes: RapidJSON 1.1 turns a lone low surrogate (\udc00) into bytes
// that are not UTF-8. Depth is bounded by kMaxJsonDepth.
bool strings_are_utf8(const Value &v) {
  switch (v.GetType()) {
    case rapidjson::kStringType: return is_valid_utf8(std::string_view(v.GetString(), v.GetStringLength()));
    case rapidjson::kArrayType:
      for (const Value &e : v.GetArray())
        if (!strings_are_utf8(e)) return false;
      return true;
    case rapidjson::kObjectType:
      for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
        if (!strings_are_utf8(it->name) || !strings_are_utf8(it->value)) return false;
      return true;
    default: return true;
  }
}

}  // namespace

bool parse_page(Page &page, Error &err, unsigned model_depth) {
  if (page.buf.empty()) {
    err = Error::make(AM_ERR_DECODE, "empty response body");
    return false;
  }
  // UTF-8 is checked here rather than by RapidJSON, whose validating in-situ
  // parse reads past the end of a body that stops inside a multi-byte
  // sequence (found by fuzzing).
  if (!is_ascii(page.buf)) {
    size_t bad = invalid_utf8_at(page.buf);
    if (bad != std::string::npos) {
      err = Error::make(AM_ERR_DECODE, "invalid UTF-8 encoding at offset " + std::to_string(bad));
      return false;
    }
  }
  page.has_unicode_escapes = page.buf.find("\\u") != std::string::npos;
  // Recursive parsing is safe: SaxFilter stops it at kMaxJsonDepth levels.
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag;
  SaxFilter limiter{page.doc, model_depth};
  rapidjson::ParseResult result;
  auto generator = [&](rapidjson::Document &doc) {
    (void)doc;
    rapidjson::InsituStringStream stream(&page.buf[0]);
    rapidjson::Reader reader;
    result = reader.Parse<kFlags>(stream, limiter);
    return !result.IsError();
  };
  page.doc.Populate(generator);
  if (limiter.too_deep) {
    err = Error::make(AM_ERR_DECODE, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                                         " levels at offset " + std::to_string(result.Offset()));
    return false;
  }
  if (limiter.out_of_range) {
    err = Error::make(AM_ERR_DECODE, "a number is out of range at offset " + std::to_string(result.Offset()));
    return false;
  }
  if (result.IsError()) {
    err = Error::make(AM_ERR_DECODE, "malformed JSON at offset " + std::to_string(result.Offset()) + ": " +
                                         rapidjson::GetParseError_En(result.Code()));
    return false;
  }
  if (page.has_unicode_escapes && !strings_are_utf8(page.doc)) {
    err = Error::make(AM_ERR_DECODE, "a \\u escape encodes an unpaired surrogate (not valid UTF-8)");
    return false;
  }
  page.capabilities_clean = model_depth > 0 && !limiter.caps_suspect;
  return true;
}

bool decode_list_page(std::string body, ListData &into, PageInfo &info, Error &err) {
  auto page = std::make_unique<Page>(std::move(body));
  if (!parse_page(*page, err, kListModelDepth)) return false;
  const Value &root = page->doc;
  if (!root.IsObject()) return fail(err, "(response)", "object", root);
  auto data = root.FindMember("data");
  if (data == root.MemberEnd()) {
    err = Error::make(AM_ERR_DECODE, "data: missing");
    return false;
  }
  if (!data->value.IsArray()) return fail(err, "data", "array", data->value);
  PageInfo pi;
  if (!opt_string(root, "first_id", pi.first_id, "", -1, err) || !opt_string(root, "last_id", pi.last_id, "", -1, err))
    return false;
  auto more = root.FindMember("has_more");
  if (more != root.MemberEnd() && !more->value.IsNull()) {
    if (!more->value.IsBool()) return fail(err, "has_more", "boolean", more->value);
    pi.has_more = more->value.GetBool();
  }
  const auto &arr = data->value;
  pi.count = arr.Size();
  std::unique_ptr<ModelData[]> models(pi.count ? new ModelData[pi.count] : nullptr);
  for (rapidjson::SizeType i = 0; i < arr.Size(); ++i)
    if (!decode_model_value(arr[i], *page, models[i], "data", static_cast<long>(i), err)) return false;
  pi.models = models.get();
  into.pages.push_back(std::move(page));
  into.chunks.push_back(std::move(models));
  info = pi;
  return true;
}

bool decode_model(std::string body, ListData &into, ModelData *&out, Error &err) {
  auto page = std::make_unique<Page>(std::move(body));
  if (!parse_page(*page, err, kModelDepth)) return false;
  std::unique_ptr<ModelData[]> model(new ModelData[1]);
  if (!decode_model_value(page->doc, *page, model[0], "", -1, err)) return false;
  out = model.get();
  into.pages.push_back(std::move(page));
  into.chunks.push_back(std::move(model));
  return true;
}

ApiErrorBody decode_error_body(std::string_view body) {
  ApiErrorBody out;
  if (body.empty() || body.size() > (1u << 20)) return out;
  Page page{std::string(body)};
  Error ignored;
  if (!parse_page(page, ignored) || !page.doc.IsObject()) return out;
  auto e = page.doc.FindMember("error");
  if (e == page.doc.MemberEnd() || !e->value.IsObject()) return out;
  const char *type = nullptr, *message = nullptr;
  if (opt_string(e->value, "type", type, "", -1, ignored) && type) out.type = type;
  if (opt_string(e->value, "message", message, "", -1, ignored) && message) out.message = message;
  return out;
}

}  // namespace am
