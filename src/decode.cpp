// Response decoding: tolerant of fields the API adds, strict about the types
// of the fields it knows. Every failure names the field.
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cstring>

#include "model.hpp"

namespace am {

namespace {

using rapidjson::Value;

// Forwards SAX events to the document, refusing to nest deeper than the limit.
struct DepthLimiter {
  rapidjson::Document &d;
  unsigned depth = 0;
  bool too_deep = false;

  bool Null() { return d.Null(); }
  bool Bool(bool b) { return d.Bool(b); }
  bool Int(int i) { return d.Int(i); }
  bool Uint(unsigned i) { return d.Uint(i); }
  bool Int64(int64_t i) { return d.Int64(i); }
  bool Uint64(uint64_t i) { return d.Uint64(i); }
  bool Double(double x) { return d.Double(x); }
  bool RawNumber(const char *s, rapidjson::SizeType n, bool copy) { return d.RawNumber(s, n, copy); }
  bool String(const char *s, rapidjson::SizeType n, bool copy) { return d.String(s, n, copy); }
  bool Key(const char *s, rapidjson::SizeType n, bool copy) { return d.Key(s, n, copy); }
  bool StartObject() { return enter() && d.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { --depth; return d.EndObject(n); }
  bool StartArray() { return enter() && d.StartArray(); }
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
  err = Error::make(AM_ERR_DECODE, "decode: " + field + ": expected " + expected + ", got " +
                                       type_name(got));
  return false;
}

// A string member: absent or null leaves `out` null; a string with an embedded
// NUL is refused (C callers would silently see a shorter value).
bool opt_string(const Value &obj, const char *name, const char *&out, const char *ctx, long idx,
                Error &err, bool required = false) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    if (!required) return true;
    err = Error::make(AM_ERR_DECODE, "decode: " + where(ctx, idx, name) + ": missing");
    return false;
  }
  if (!it->value.IsString()) return fail(err, where(ctx, idx, name), "string", it->value);
  const char *s = it->value.GetString();
  if (std::strlen(s) != it->value.GetStringLength()) {
    err = Error::make(AM_ERR_DECODE, "decode: " + where(ctx, idx, name) + ": contains a NUL character");
    return false;
  }
  out = s;
  return true;
}

bool opt_count(const Value &obj, const char *name, int64_t &out, bool &has, const char *ctx, long idx,
               Error &err) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) return true;
  if (!it->value.IsInt64() || it->value.GetInt64() < 0)
    return fail(err, where(ctx, idx, name), "non-negative integer", it->value);
  out = it->value.GetInt64();
  has = true;
  return true;
}

// The capability paths this release knows, split once.
struct KnownPath {
  const char *dotted;
  std::vector<std::string> parts;
};

const std::vector<KnownPath> &known_paths() {
  static const std::vector<KnownPath> paths = [] {
    std::vector<KnownPath> v;
    for (am_capability c = 1; c < AM_CAP_COUNT_; ++c) {
      KnownPath k{capability_path(c), {}};
      std::string_view s(k.dotted);
      size_t start = 0;
      while (true) {
        size_t dot = s.find('.', start);
        k.parts.emplace_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
      }
      v.push_back(std::move(k));
    }
    return v;
  }();
  return paths;
}

// Every member named "supported" anywhere in the tree must be a boolean (or
// null). Returns the offending value and fills `path` (names below the
// capabilities object); no string is built unless something is wrong.
constexpr unsigned kMaxCapabilityDepth = 16;

const Value *find_bad_supported(const Value &obj, std::vector<std::string_view> &path) {
  if (path.size() > kMaxCapabilityDepth) return &obj;
  for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    if (name == "supported") {
      if (!it->value.IsBool() && !it->value.IsNull()) {
        path.push_back(name);
        return &it->value;
      }
    } else if (it->value.IsObject()) {
      path.push_back(name);
      if (const Value *bad = find_bad_supported(it->value, path)) return bad;
      path.pop_back();
    }
  }
  return nullptr;
}

bool check_capabilities(const Value &caps, const char *ctx, long idx, Error &err) {
  // Known capabilities must be objects where present.
  for (const KnownPath &k : known_paths()) {
    const Value *node = &caps;
    for (const std::string &part : k.parts) {
      if (!node->IsObject()) break;
      auto it = node->FindMember(Value(rapidjson::StringRef(part.data(), part.size())));
      if (it == node->MemberEnd()) { node = nullptr; break; }
      node = &it->value;
    }
    if (node && !node->IsNull() && !node->IsObject())
      return fail(err, where(ctx, idx, "capabilities.") + k.dotted, "object", *node);
  }
  std::vector<std::string_view> path;
  if (const Value *bad = find_bad_supported(caps, path)) {
    std::string field = where(ctx, idx, "capabilities");
    for (std::string_view p : path) field += "." + std::string(p);
    if (path.size() > kMaxCapabilityDepth) {
      err = Error::make(AM_ERR_DECODE, "decode: " + field + ": nested too deeply");
      return false;
    }
    return fail(err, field, "boolean", *bad);
  }
  return true;
}

bool decode_model_value(const Value &v, ModelData &m, const char *ctx, long idx, Error &err) {
  if (!v.IsObject()) return fail(err, where(ctx, idx, ""), "object", v);
  m.obj = &v;
  if (!opt_string(v, "id", m.id, ctx, idx, err, true) || !opt_string(v, "display_name", m.display_name, ctx, idx, err) ||
      !opt_string(v, "type", m.type, ctx, idx, err) || !opt_string(v, "created_at", m.created_at, ctx, idx, err) ||
      !opt_string(v, "lifecycle", m.lifecycle, ctx, idx, err) || !opt_string(v, "line", m.line, ctx, idx, err) ||
      !opt_string(v, "deprecated_at", m.deprecated_at, ctx, idx, err) ||
      !opt_string(v, "retires_at", m.retires_at, ctx, idx, err) ||
      !opt_count(v, "max_input_tokens", m.max_input_tokens, m.has_max_input_tokens, ctx, idx, err) ||
      !opt_count(v, "max_tokens", m.max_tokens, m.has_max_tokens, ctx, idx, err))
    return false;
  if (*m.id == '\0') {
    err = Error::make(AM_ERR_DECODE, "decode: " + where(ctx, idx, "id") + ": empty");
    return false;
  }
  auto caps = v.FindMember("capabilities");
  if (caps != v.MemberEnd() && !caps->value.IsNull()) {
    if (!caps->value.IsObject()) return fail(err, where(ctx, idx, "capabilities"), "object", caps->value);
    if (!check_capabilities(caps->value, ctx, idx, err)) return false;
    m.caps = &caps->value;
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

}  // namespace

bool parse_page(Page &page, Error &err) {
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag;
  DepthLimiter limiter{page.doc};
  rapidjson::ParseResult result;
  const bool ascii = is_ascii(page.buf);
  auto generator = [&](rapidjson::Document &doc) {
    (void)doc;
    rapidjson::InsituStringStream stream(&page.buf[0]);
    rapidjson::Reader reader;
    result = ascii ? reader.Parse<kFlags>(stream, limiter)
                   : reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(stream, limiter);
    return !result.IsError();
  };
  if (page.buf.empty()) {
    err = Error::make(AM_ERR_DECODE, "decode: empty response body");
    return false;
  }
  page.doc.Populate(generator);
  if (limiter.too_deep) {
    err = Error::make(AM_ERR_DECODE, "decode: JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                                         " levels at offset " + std::to_string(result.Offset()));
    return false;
  }
  if (result.IsError()) {
    err = Error::make(AM_ERR_DECODE, std::string("decode: malformed JSON at offset ") +
                                         std::to_string(result.Offset()) + ": " +
                                         rapidjson::GetParseError_En(result.Code()));
    return false;
  }
  return true;
}

bool decode_list_page(std::string body, ListData &into, PageInfo &info, Error &err) {
  auto page = std::make_unique<Page>();
  page->buf = std::move(body);
  if (!parse_page(*page, err)) return false;
  const Value &root = page->doc;
  if (!root.IsObject()) return fail(err, "(response)", "object", root);
  auto data = root.FindMember("data");
  if (data == root.MemberEnd()) {
    err = Error::make(AM_ERR_DECODE, "decode: data: missing");
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
    if (!decode_model_value(arr[i], models[i], "data", static_cast<long>(i), err)) return false;
  pi.models = models.get();
  into.pages.push_back(std::move(page));
  into.chunks.push_back(std::move(models));
  info = pi;
  return true;
}

bool decode_model(std::string body, ListData &into, ModelData *&out, Error &err) {
  auto page = std::make_unique<Page>();
  page->buf = std::move(body);
  if (!parse_page(*page, err)) return false;
  std::unique_ptr<ModelData[]> model(new ModelData[1]);
  if (!decode_model_value(page->doc, model[0], "", -1, err)) return false;
  out = model.get();
  into.pages.push_back(std::move(page));
  into.chunks.push_back(std::move(model));
  return true;
}

ApiErrorBody decode_error_body(std::string_view body) {
  ApiErrorBody out;
  if (body.empty() || body.size() > (1u << 20)) return out;
  Page page;
  page.buf.assign(body.data(), body.size());
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
