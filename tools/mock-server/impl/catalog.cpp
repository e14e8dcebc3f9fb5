#include "impl/catalog.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "impl/rfc3339.hpp"
#include "impl/text.hpp"

namespace am {
namespace mock {
namespace detail {

namespace {

using JWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string serialize_model(const rapidjson::Value& m, bool beta) {
  rapidjson::StringBuffer sb;
  JWriter w(sb);
  w.StartObject();
  bool has_fallback = false;
  for (auto it = m.MemberBegin(); it != m.MemberEnd(); ++it) {
    bool is_fallback = it->name == "allowed_fallback_models";
    if (is_fallback) {
      has_fallback = true;
      if (!beta) continue;
    }
    w.Key(it->name.GetString(), it->name.GetStringLength());
    it->value.Accept(w);
  }
  if (beta && !has_fallback) {
    w.Key("allowed_fallback_models");
    w.StartArray();
    w.EndArray();
  }
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

void append_caps(std::string& out, unsigned bits) {
  auto leaf = [&](const char* name, unsigned bit, bool last = false) {
    out += '"';
    out += name;
    out += "\":{\"supported\":";
    out += (bits >> bit) & 1u ? "true" : "false";
    out += last ? "}" : "},";
  };
  auto flag = [&](unsigned bit) { return (bits >> bit) & 1u ? "true" : "false"; };
  out += "{";
  leaf("batch", 0);
  leaf("citations", 1);
  leaf("code_execution", 2);
  out += "\"context_management\":{";
  leaf("clear_thinking_20251015", 4);
  leaf("clear_tool_uses_20250919", 5);
  leaf("compact_20260112", 6);
  out += "\"supported\":";
  out += flag(3);
  out += "},\"effort\":{";
  leaf("high", 8);
  leaf("low", 9);
  leaf("max", 10);
  leaf("medium", 11);
  out += "\"supported\":";
  out += flag(7);
  out += ",";
  leaf("xhigh", 12, true);
  out += "},";
  leaf("image_input", 13);
  leaf("pdf_input", 14);
  out += "\"server_tools\":{";
  leaf("code_execution", 16);
  out += "\"supported\":";
  out += flag(15);
  out += ",";
  leaf("web_search", 17, true);
  out += "},";
  leaf("structured_outputs", 18);
  out += "\"thinking\":{\"supported\":";
  out += flag(19);
  out += ",\"types\":{";
  leaf("adaptive", 20);
  leaf("between_tools", 21);
  leaf("disabled", 22);
  leaf("enabled", 23, true);
  out += "}}}";
}

void add_synthetic(Catalog& cat, int n) {
  static const char* const kLines[] = {"haiku", "sonnet", "opus"};
  static const int kMaxIn[] = {200000, 200000, 1000000, 500000};
  static const int kMaxOut[] = {8192, 32000, 64000, 128000};
  std::mt19937 rng(12345);
  size_t base = cat.models.size();
  cat.models.reserve(base + static_cast<size_t>(n));
  for (int i = 1; i <= n; ++i) {
    char id[48], name[64];
    std::snprintf(id, sizeof id, "synthetic-model-%05d", i);
    std::snprintf(name, sizeof name, "Synthetic Model %05d", i);
    unsigned bits = static_cast<unsigned>(rng()) & 0xFFFFFFu;
    bits |= 1u << 22;  // thinking "disabled" is always possible
    if (!((bits >> 19) & 1u)) bits &= ~((1u << 20) | (1u << 21) | (1u << 23));
    if (!((bits >> 7) & 1u)) bits &= ~(0x1Fu << 8);
    if (!((bits >> 3) & 1u)) bits &= ~(0x7u << 4);
    if (!((bits >> 15) & 1u)) bits &= ~((1u << 16) | (1u << 17));
    const char* line = kLines[i % 3];
    std::string head = "{\"id\":" + jstr(id);
    std::string fallback = ",\"allowed_fallback_models\":[";
    if (i > 1) {
      char prev[48];
      std::snprintf(prev, sizeof prev, "synthetic-model-%05d", i - 1);
      fallback += jstr(prev);
    }
    fallback += "]";
    std::string tail = ",\"capabilities\":";
    append_caps(tail, bits);
    tail += ",\"created_at\":\"1970-01-01T00:00:00Z\",\"deprecated_at\":null";
    tail += ",\"description\":\"Generated model ";
    tail += id;
    tail += " for load and pagination tests. It is listed after every catalog model and "
            "carries a full capability tree so that each object weighs about one and a half "
            "kilobytes of JSON, like a real ModelInfo with capabilities and lifecycle data."
            " This sentence pads the object to that size.\"";
    tail += ",\"display_name\":" + jstr(name);
    tail += ",\"lifecycle\":\"active\",\"line\":";
    tail += jstr(line);
    tail += ",\"max_input_tokens\":" + std::to_string(kMaxIn[i % 4]);
    tail += ",\"max_tokens\":" + std::to_string(kMaxOut[(i / 4) % 4]);
    tail += ",\"retires_at\":null,\"type\":\"model\"}";
    Model m;
    m.id = id;
    m.secs = 0;
    m.order = base + static_cast<size_t>(i - 1);
    m.plain = head + tail;
    m.beta = head + fallback + tail;
    cat.models.push_back(std::move(m));
  }
}

}  // namespace

bool load_catalog(const std::string& text, int synthetic, Catalog* out, std::string* err) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  if (d.HasParseError()) {
    *err = std::string("catalog: JSON parse error at offset ") + std::to_string(d.GetErrorOffset()) +
           ": " + rapidjson::GetParseError_En(d.GetParseError());
    return false;
  }
  if (!d.IsObject() || !d.HasMember("models") || !d["models"].IsArray()) {
    *err = "catalog: expected an object with a \"models\" array";
    return false;
  }
  Catalog cat;
  const auto& arr = d["models"];
  for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
    const auto& m = arr[i];
    std::string where = "catalog: models[" + std::to_string(i) + "]";
    if (!m.IsObject() || !m.HasMember("id") || !m["id"].IsString() || m["id"].GetStringLength() == 0) {
      *err = where + ": needs a non-empty string \"id\"";
      return false;
    }
    Model model;
    model.id = m["id"].GetString();
    where += " (" + model.id + ")";
    if (!m.HasMember("created_at") || !m["created_at"].IsString() ||
        !parse_rfc3339(m["created_at"].GetString(), &model.secs, &model.nanos)) {
      *err = where + ": \"created_at\" must be an RFC 3339 string";
      return false;
    }
    if (m.HasMember("lifecycle") && !m["lifecycle"].IsNull()) {
      std::string lc = m["lifecycle"].IsString() ? m["lifecycle"].GetString() : "";
      if (lc == "active")
        model.lifecycle = kActive;
      else if (lc == "deprecated")
        model.lifecycle = kDeprecated;
      else if (lc == "retired")
        model.lifecycle = kRetired;
      else {
        *err = where + ": \"lifecycle\" must be active, deprecated or retired";
        return false;
      }
    }
    model.order = i;
    model.plain = serialize_model(m, false);
    model.beta = serialize_model(m, true);
    cat.models.push_back(std::move(model));
  }
  if (synthetic > 0) add_synthetic(cat, synthetic);
  std::stable_sort(cat.models.begin(), cat.models.end(), [](const Model& a, const Model& b) {
    if (a.secs != b.secs) return a.secs > b.secs;
    return a.nanos > b.nanos;
  });
  for (size_t i = 0; i < cat.models.size(); ++i) {
    if (!cat.by_id.emplace(cat.models[i].id, i).second) {
      *err = "catalog: duplicate model id " + cat.models[i].id;
      return false;
    }
  }
  if (d.HasMember("aliases")) {
    const auto& al = d["aliases"];
    if (!al.IsObject()) {
      *err = "catalog: \"aliases\" must be an object";
      return false;
    }
    for (auto it = al.MemberBegin(); it != al.MemberEnd(); ++it) {
      if (!it->value.IsString() || !cat.by_id.count(it->value.GetString())) {
        *err = std::string("catalog: alias ") + it->name.GetString() + " must name a model id";
        return false;
      }
      cat.aliases[it->name.GetString()] = it->value.GetString();
    }
  }
  *out = std::move(cat);
  return true;
}

}  // namespace detail
}  // namespace mock
}  // namespace am
