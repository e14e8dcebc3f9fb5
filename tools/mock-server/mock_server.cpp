// Implementation of am::mock::MockServer on top of cpp-httplib 0.11.x.
//
// Design notes
// - httplib::Server is subclassed and its (private virtual)
//   process_and_close_socket() is overridden, so this file owns every
//   connection: it supplies its own httplib::Stream, runs the keep-alive loop,
//   knows each request's socket (for resets), records the raw request head
//   (raw target and headers in the order received) and can end idle
//   connections at once on stop().
// - All requests go through a pre-routing handler; requests that carry a body
//   on POST/PUT/PATCH/DELETE fall through to catch-all handlers so that httplib
//   reads the body first.
// - stop() signals an eventfd that every wait in this file polls alongside its
//   socket, so sleeping fault handlers and idle connections end promptly.

#include "mock_server.hpp"

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_map>

#ifndef AM_MOCK_DEFAULT_CATALOG
#define AM_MOCK_DEFAULT_CATALOG ""
#endif

namespace am {
namespace mock {

namespace {

constexpr size_t kLogCap = 100000;
constexpr int kKeepAliveTimeoutMs = 5000;
constexpr int kKeepAliveTimeoutSec = 5;
constexpr int kReadTimeoutMs = 10000;
constexpr int kWriteTimeoutMs = 10000;
constexpr int kBacklogIdleCloseMs = 200;
constexpr int kNeverAnswerMaxMs = 10 * 60 * 1000;
constexpr size_t kDefaultOversize = size_t(64) << 20;
constexpr size_t kMaxRecordedHead = 64 * 1024;

using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------- strings

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

bool starts_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool iequals(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes; malformed escapes are kept literally.
std::string pct_decode(const std::string& s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
      if (h >= 0 && l >= 0) {
        out.push_back(static_cast<char>(h * 16 + l));
        i += 2;
        continue;
      }
    }
    if (c == '+' && plus_is_space) c = ' ';
    out.push_back(c);
  }
  return out;
}

void json_escape_into(std::string& out, const std::string& s) {
  out.push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

std::string jstr(const std::string& s) {
  std::string out;
  json_escape_into(out, s);
  return out;
}

// Strict decimal integer (optional leading '-'), no surrounding junk.
bool parse_int(const std::string& s, long long* out) {
  if (s.empty() || s.size() > 18) return false;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '-') {
    neg = true;
    i = 1;
    if (s.size() == 1) return false;
  }
  long long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = neg ? -v : v;
  return true;
}

std::vector<std::pair<std::string, std::string>> parse_query(const std::string& q) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos <= q.size()) {
    size_t amp = q.find('&', pos);
    if (amp == std::string::npos) amp = q.size();
    std::string part = q.substr(pos, amp - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      if (eq == std::string::npos)
        out.emplace_back(pct_decode(part, true), "");
      else
        out.emplace_back(pct_decode(part.substr(0, eq), true),
                         pct_decode(part.substr(eq + 1), true));
    }
    pos = amp + 1;
  }
  return out;
}

// ---------------------------------------------------------------- time

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = m > 2 ? m - 3 : m + 9;
  const unsigned doy = (153 * mp + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// RFC 3339: YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm)
bool parse_rfc3339(const std::string& s, int64_t* secs, int32_t* nanos) {
  auto digits = [&](size_t pos, size_t n, int* v) {
    if (pos + n > s.size()) return false;
    int x = 0;
    for (size_t i = 0; i < n; ++i) {
      char c = s[pos + i];
      if (c < '0' || c > '9') return false;
      x = x * 10 + (c - '0');
    }
    *v = x;
    return true;
  };
  int Y, M, D, h, m, sec;
  if (!digits(0, 4, &Y) || s.size() < 20 || s[4] != '-' || !digits(5, 2, &M) || s[7] != '-' ||
      !digits(8, 2, &D) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, &h) ||
      s[13] != ':' || !digits(14, 2, &m) || s[16] != ':' || !digits(17, 2, &sec))
    return false;
  if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60) return false;
  size_t p = 19;
  int32_t ns = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    size_t start = p;
    int32_t scale = 100000000;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      ns += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
    if (p == start) return false;
  }
  if (p >= s.size()) return false;
  int64_t offset = 0;
  if (s[p] == 'Z' || s[p] == 'z') {
    ++p;
  } else if (s[p] == '+' || s[p] == '-') {
    int oh, om;
    if (!digits(p + 1, 2, &oh) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(p + 4, 2, &om))
      return false;
    offset = (oh * 60 + om) * 60;
    if (s[p] == '-') offset = -offset;
    p += 6;
  } else {
    return false;
  }
  if (p != s.size()) return false;
  *secs = days_from_civil(Y, static_cast<unsigned>(M), static_cast<unsigned>(D)) * 86400 +
          h * 3600 + m * 60 + sec - offset;
  *nanos = ns;
  return true;
}

// ---------------------------------------------------------------- ids

std::string new_request_id() {
  static const uint32_t prefix = [] {
    std::random_device rd;
    return rd() ^
           static_cast<uint32_t>(Clock::now().time_since_epoch().count());
  }();
  static std::atomic<uint64_t> counter{0};
  uint64_t n = ++counter;
  char buf[64];
  std::snprintf(buf, sizeof buf, "req_mock_%08" PRIx32 "%012" PRIx64, prefix, n);
  return buf;
}

// ---------------------------------------------------------------- errors

const char* error_type_for(int status) {
  switch (status) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 405: return "invalid_request_error";
    case 408: return "timeout_error";
    case 409: return "conflict_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 529: return "overloaded_error";
    default: return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

const char* error_message_for(int status) {
  switch (status) {
    case 400: return "Invalid request (mock)";
    case 401: return "invalid x-api-key";
    case 403: return "Your API key does not have permission to use the specified resource. (mock)";
    case 404: return "The requested resource could not be found. (mock)";
    case 408: return "Request timed out (mock)";
    case 409: return "Conflict (mock)";
    case 413: return "Request exceeds the maximum allowed number of bytes. (mock)";
    case 429: return "Number of requests has exceeded your rate limit (mock)";
    case 500: return "Internal server error (mock)";
    case 502: return "Bad gateway (mock)";
    case 503: return "Service unavailable (mock)";
    case 504: return "Gateway timeout (mock)";
    case 529: return "Overloaded (mock)";
    default: return status >= 500 ? "API error (mock)" : "Request failed (mock)";
  }
}

std::string error_body(const std::string& type, const std::string& msg, const std::string& rid) {
  std::string out = "{\"type\":\"error\",\"error\":{\"type\":";
  json_escape_into(out, type);
  out += ",\"message\":";
  json_escape_into(out, msg);
  out += "},\"request_id\":";
  json_escape_into(out, rid);
  out += "}";
  return out;
}

std::string request_id_of(const httplib::Response& res) {
  std::string rid = res.get_header_value("request-id");
  return rid.empty() ? new_request_id() : rid;
}

void set_error(httplib::Response& res, int status, const std::string& type, const std::string& msg) {
  std::string rid = request_id_of(res);
  if (!res.has_header("request-id")) res.set_header("request-id", rid);
  res.status = status;
  res.set_content(error_body(type, msg, rid), "application/json");
}

void set_json(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_content(std::move(body), "application/json");
}

// ---------------------------------------------------------------- catalog

enum Lifecycle { kActive = 0, kDeprecated = 1, kRetired = 2 };

struct Model {
  std::string id;
  int64_t secs = 0;
  int32_t nanos = 0;
  size_t order = 0;  // position in the source (catalog first, then synthetic)
  int lifecycle = kActive;
  std::string plain;  // JSON without allowed_fallback_models
  std::string beta;   // JSON with allowed_fallback_models (added as [] if absent)
};

struct Catalog {
  std::vector<Model> models;  // newest first
  std::unordered_map<std::string, size_t> by_id;
  std::unordered_map<std::string, std::string> aliases;
};

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

// ---------------------------------------------------------------- faults (JSON)

bool parse_action(const std::string& s, Fault::Action* a) {
  std::string k;
  for (char c : lower(s))
    if (c != '_' && c != '-') k.push_back(c);
  static const std::pair<const char*, Fault::Action> kNames[] = {
      {"respond", Fault::Action::Respond},
      {"resetbeforeheaders", Fault::Action::ResetBeforeHeaders},
      {"resetmidbody", Fault::Action::ResetMidBody},
      {"truncate", Fault::Action::Truncate},
      {"malformed", Fault::Action::Malformed},
      {"oversize", Fault::Action::Oversize},
      {"neveranswer", Fault::Action::NeverAnswer},
      {"trickle", Fault::Action::Trickle},
      {"redirect", Fault::Action::Redirect},
  };
  for (const auto& n : kNames)
    if (k == n.first) {
      *a = n.second;
      return true;
    }
  return false;
}

bool fault_from_json(const rapidjson::Value& v, Fault* f, std::string* err) {
  if (!v.IsObject()) {
    *err = "a fault must be a JSON object";
    return false;
  }
  auto get_str = [&](const char* key, std::string* dst) {
    if (!v.HasMember(key) || v[key].IsNull()) return true;
    if (!v[key].IsString()) {
      *err = std::string(key) + " must be a string";
      return false;
    }
    *dst = v[key].GetString();
    return true;
  };
  auto get_int = [&](const char* key, int* dst) {
    if (!v.HasMember(key) || v[key].IsNull()) return true;
    if (!v[key].IsInt()) {
      *err = std::string(key) + " must be an integer";
      return false;
    }
    *dst = v[key].GetInt();
    return true;
  };
  std::string action;
  if (!get_str("method", &f->method) || !get_str("path_prefix", &f->path_prefix) ||
      !get_int("times", &f->times) || !get_str("action", &action) || !get_int("status", &f->status) ||
      !get_str("body", &f->body) || !get_str("content_type", &f->content_type) ||
      !get_int("delay_ms", &f->delay_ms) || !get_int("interval_ms", &f->interval_ms) ||
      !get_str("location", &f->location))
    return false;
  if (!action.empty() && !parse_action(action, &f->action)) {
    *err = "unknown action: " + action;
    return false;
  }
  if (v.HasMember("size") && !v["size"].IsNull()) {
    if (!v["size"].IsUint64()) {
      *err = "size must be a non-negative integer";
      return false;
    }
    f->size = v["size"].GetUint64();
  }
  if (v.HasMember("pass_through") && !v["pass_through"].IsNull()) {
    if (!v["pass_through"].IsBool()) {
      *err = "pass_through must be a boolean";
      return false;
    }
    f->pass_through = v["pass_through"].GetBool();
  }
  if (v.HasMember("headers") && !v["headers"].IsNull()) {
    const auto& h = v["headers"];
    if (h.IsObject()) {
      for (auto it = h.MemberBegin(); it != h.MemberEnd(); ++it) {
        if (!it->value.IsString()) {
          *err = "header values must be strings";
          return false;
        }
        f->headers.emplace_back(it->name.GetString(), it->value.GetString());
      }
    } else if (h.IsArray()) {
      for (const auto& p : h.GetArray()) {
        if (!p.IsArray() || p.Size() != 2 || !p[0].IsString() || !p[1].IsString()) {
          *err = "headers array items must be [name, value] string pairs";
          return false;
        }
        f->headers.emplace_back(p[0].GetString(), p[1].GetString());
      }
    } else {
      *err = "headers must be an object";
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- waiting

// Waits until fd has `events`, the stop eventfd fires, or timeout_ms passes.
// Returns true only when fd is ready (or in error, so the caller sees it).
bool wait_fd(int fd, short events, int timeout_ms, int stop_fd) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    pollfd p[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left < 0) left = 0;
    int r = ::poll(p, 2, static_cast<int>(left));
    if (r < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (p[0].revents) return true;
    if (p[1].revents) return false;
    if (r == 0) return false;
  }
}

// ---------------------------------------------------------------- connection

class ConnStream final : public httplib::Stream {
 public:
  ConnStream(int fd, int stop_fd) : fd_(fd), stop_fd_(stop_fd) {}

  bool is_readable() const override {
    return off_ < len_ || wait_fd(fd_, POLLIN, kReadTimeoutMs, stop_fd_);
  }
  bool is_writable() const override {
    return !aborted_ && wait_fd(fd_, POLLOUT, kWriteTimeoutMs, stop_fd_);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (off_ >= len_) {
      if (!wait_fd(fd_, POLLIN, kReadTimeoutMs, stop_fd_)) return -1;
      ssize_t n;
      do {
        n = ::recv(fd_, buf_, sizeof buf_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      off_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t k = std::min(size, len_ - off_);
    std::memcpy(ptr, buf_ + off_, k);
    if (recording_ && head_.size() < kMaxRecordedHead) head_.append(buf_ + off_, k);
    off_ += k;
    return static_cast<ssize_t>(k);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (aborted_) return -1;
    size_t done = 0;
    while (done < size) {
      ssize_t n = ::send(fd_, ptr + done, size - done, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        done += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!wait_fd(fd_, POLLOUT, kWriteTimeoutMs, stop_fd_)) return -1;
        continue;
      }
      return -1;
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&ss), &len) == 0) addr_to(ss, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) == 0) addr_to(ss, ip, port);
  }
  socket_t socket() const override { return fd_; }

  bool has_buffered() const { return off_ < len_; }
  void start_recording() {
    head_.clear();
    recording_ = true;
  }
  std::string stop_recording() {
    recording_ = false;
    return std::move(head_);
  }
  void abort() { aborted_ = true; }
  bool aborted() const { return aborted_; }

 private:
  static void addr_to(const sockaddr_storage& ss, std::string& ip, int& port) {
    char buf[INET6_ADDRSTRLEN] = {0};
    if (ss.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
      ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
      port = ntohs(a->sin_port);
    } else if (ss.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
      ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
      port = ntohs(a->sin6_port);
    }
    ip = buf;
  }

  int fd_;
  int stop_fd_;
  char buf_[16384];
  size_t off_ = 0, len_ = 0;
  bool recording_ = false;
  std::string head_;
  bool aborted_ = false;
};

struct Conn {
  Conn(int sock, int stop_fd) : fd(sock), stream(sock, stop_fd) {}
  int fd;
  ConnStream stream;
  bool force_close = false;  // unread request body left on the wire
  bool rst = false;          // close with SO_LINGER {1,0}: the peer sees a TCP RST
  // Raw request head of the current request.
  bool have_head = false;
  std::string method, target;
  std::vector<std::pair<std::string, std::string>> headers;

  void parse_head(const std::string& raw) {
    have_head = false;
    method.clear();
    target.clear();
    headers.clear();
    size_t pos = 0;
    bool first = true;
    while (pos < raw.size()) {
      size_t nl = raw.find('\n', pos);
      if (nl == std::string::npos) break;
      std::string line = raw.substr(pos, nl - pos);
      pos = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (first) {
        if (line.empty()) continue;  // tolerated leading blank line
        size_t a = line.find(' ');
        size_t b = a == std::string::npos ? a : line.find(' ', a + 1);
        if (a == std::string::npos || b == std::string::npos) return;
        method = line.substr(0, a);
        target = line.substr(a + 1, b - a - 1);
        first = false;
        continue;
      }
      if (line.empty()) {
        have_head = true;
        return;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      headers.emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
    }
  }

  void abort(bool reset) {
    stream.abort();
    if (reset) {
      rst = true;
      linger lg{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    }
  }
};

thread_local Conn* tl_conn = nullptr;

// TaskQueue that wraps httplib::ThreadPool and counts connections waiting
// for a worker, so busy keep-alive connections can be released early.
class CountingQueue : public httplib::TaskQueue {
 public:
  CountingQueue(size_t n, std::atomic<int>* pending) : pool_(n), pending_(pending) {}
  void enqueue(std::function<void()> fn) override {
    pending_->fetch_add(1);
    std::atomic<int>* p = pending_;
    pool_.enqueue([p, fn]() {
      p->fetch_sub(1);
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<int>* pending_;
};

struct ReqInfo {
  std::string method, path, query;
  int remote_port = -1;
  std::vector<std::pair<std::string, std::string>> headers;
  const std::string* body = nullptr;
  std::string header(const std::string& name) const {
    for (const auto& h : headers)
      if (h.first == name) return h.second;
    return std::string();
  }
};

}  // namespace

// ====================================================================== Impl

namespace {
class HttpServer;
}  // namespace

struct MockServer::Impl {
  explicit Impl(ServerOptions o) : opts(std::move(o)) {}
  ~Impl();

  ServerOptions opts;
  Catalog catalog;
  std::string bind_host;
  bool ipv6 = false;
  int bound_port = 0;
  int stop_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stop_issued{false};
  std::atomic<bool> shutdown_req{false};
  std::atomic<bool> listener_done{false};
  std::atomic<int> pending{0};
  bool started = false;
  std::unique_ptr<HttpServer> svr;
  std::thread listener;
  std::mutex stop_mu;

  mutable std::mutex mu;  // faults + log
  std::deque<Fault> faults;
  std::deque<LogEntry> log;

  bool start(std::string* error);
  void begin_stop();
  void stop();

  bool sleep_ms(int ms) const {  // false when interrupted by stop
    if (ms <= 0) return !stopping.load();
    pollfd p{stop_fd, POLLIN, 0};
    auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return !stopping.load();
      int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
      if (r > 0) return false;
      if (r < 0 && errno != EINTR) return false;
    }
  }

  bool wait_for_request(Conn& c, bool first);
  void dispatch(const httplib::Request& req, httplib::Response& res);
  ReqInfo make_info(const httplib::Request& req) const;
  void handle_control(const ReqInfo& ri, httplib::Response& res);
  void handle_api(const ReqInfo& ri, httplib::Response& res);
  void handle_list(const ReqInfo& ri, httplib::Response& res);
  void handle_get(const std::string& id, const ReqInfo& ri, httplib::Response& res);
  void apply_fault(const Fault& f, const ReqInfo& ri, httplib::Response& res);
  bool take_fault(const ReqInfo& ri, Fault* out);
  std::string log_json() const;
};

namespace {

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(MockServer::Impl* impl) : impl_(impl) {}
  int listen_fd() const { return svr_sock_; }

 private:
  bool process_and_close_socket(socket_t sock) override {
    // httplib writes the head and the body with separate send() calls; without
    // TCP_NODELAY, Nagle + delayed ACK add ~40 ms to every kept-alive response.
    int one = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    Conn conn(sock, impl_->stop_fd);
    Conn* saved = tl_conn;
    tl_conn = &conn;
    long long remaining = std::max(1, impl_->opts.keep_alive_max);
    bool ret = false;
    bool first = true;
    while (remaining > 0) {
      if (!impl_->wait_for_request(conn, first)) break;
      first = false;
      bool closed = false;
      bool close_now = remaining == 1 || impl_->stopping.load() || impl_->pending.load() > 0;
      conn.force_close = false;
      conn.have_head = false;
      bool parsed = false;
      conn.stream.start_recording();
      ret = process_request(conn.stream, close_now, closed, [&conn, &parsed](httplib::Request&) {
        parsed = true;
        conn.parse_head(conn.stream.stop_recording());
      });
      conn.stream.stop_recording();
      // !parsed: httplib rejected the request line or headers (and answered
      // 400/414); the rest of the stream cannot be trusted.
      if (!ret || !parsed || closed || close_now || conn.force_close || conn.stream.aborted()) break;
      --remaining;
    }
    tl_conn = saved;
    if (!conn.rst) ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ret;
  }

  MockServer::Impl* impl_;
};

}  // namespace

MockServer::Impl::~Impl() {
  stop();
  if (stop_fd >= 0) ::close(stop_fd);
}

bool MockServer::Impl::wait_for_request(Conn& c, bool first) {
  if (c.stream.has_buffered()) return true;
  auto start_t = Clock::now();
  for (;;) {
    if (stopping.load()) return false;
    pollfd p[2] = {{c.fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    int r = ::poll(p, 2, 100);
    if (r < 0 && errno != EINTR) return false;
    if (r > 0) {
      if (p[1].revents) return false;
      if (p[0].revents) return true;
    }
    auto idle =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_t).count();
    if (idle >= kKeepAliveTimeoutMs) return false;
    if (!first && idle >= kBacklogIdleCloseMs && pending.load() > 0) return false;
  }
}

bool MockServer::Impl::start(std::string* error) {
  std::string dummy;
  if (!error) error = &dummy;
  if (started) {
    *error = "MockServer: already started (a stopped server cannot be restarted)";
    return false;
  }
  // Host: loopback only.
  {
    std::string h = opts.host;
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    in_addr a4{};
    in6_addr a6{};
    if (iequals(h, "localhost")) {
      bind_host = "127.0.0.1";
    } else if (::inet_pton(AF_INET, h.c_str(), &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127) {
      bind_host = h;
    } else if (::inet_pton(AF_INET6, h.c_str(), &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6)) {
      bind_host = h;
      ipv6 = true;
    } else {
      *error = "MockServer: host must be a loopback address (127.x.x.x, ::1 or localhost), got '" +
               opts.host + "'";
      return false;
    }
  }
  if (opts.port < 0 || opts.port > 65535) {
    *error = "MockServer: port out of range: " + std::to_string(opts.port);
    return false;
  }
  if (opts.synthetic < 0) {
    *error = "MockServer: synthetic must be >= 0";
    return false;
  }
  // Catalog.
  {
    std::string text;
    if (!opts.catalog_json.empty()) {
      text = opts.catalog_json;
    } else {
      std::string path = opts.catalog_path.empty() ? std::string(AM_MOCK_DEFAULT_CATALOG) : opts.catalog_path;
      if (path.empty()) {
        *error = "MockServer: no catalog given and no default catalog compiled in";
        return false;
      }
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        *error = "MockServer: cannot read catalog file " + path;
        return false;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
    if (!load_catalog(text, opts.synthetic, &catalog, error)) return false;
  }
  stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop_fd < 0) {
    *error = std::string("MockServer: eventfd: ") + std::strerror(errno);
    return false;
  }
  started = true;

  svr.reset(new HttpServer(this));
  auto& s = *svr;
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.set_keep_alive_max_count(static_cast<size_t>(std::max(1, opts.keep_alive_max)));
  s.set_keep_alive_timeout(kKeepAliveTimeoutSec);
  s.set_read_timeout(kReadTimeoutMs / 1000, 0);
  s.set_write_timeout(kWriteTimeoutMs / 1000, 0);
  s.set_payload_max_length(size_t(8) << 20);
  size_t nthreads = static_cast<size_t>(std::max(1, opts.threads));
  std::atomic<int>* pend = &pending;
  s.new_task_queue = [nthreads, pend]() -> httplib::TaskQueue* { return new CountingQueue(nthreads, pend); };

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // httplib compresses every body the client accepts br or gzip for, and
    // Brotli at its highest quality costs ~1 ms per small response: enough to
    // swamp latency tests and benchmarks. The server answers uncompressed (the
    // request log keeps the header as received). The Request is httplib's own
    // non-const object, handed to handlers as const.
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    bool has_body = false;
    if (req.has_header("Transfer-Encoding")) {
      has_body = true;
    } else if (req.has_header("Content-Length")) {
      std::string cl = trim(req.get_header_value("Content-Length"));
      has_body = !cl.empty() && cl.find_first_not_of('0') != std::string::npos;
    }
    const std::string& m = req.method;
    bool httplib_reads_body = m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
    if (has_body && httplib_reads_body) return httplib::Server::HandlerResponse::Unhandled;
    if (has_body && tl_conn) {
      tl_conn->force_close = true;
      res.set_header("Connection", "close");
    }
    dispatch(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  auto catch_all = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
  s.Post(".*", catch_all);
  s.Put(".*", catch_all);
  s.Patch(".*", catch_all);
  s.Delete(".*", catch_all);
  s.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) return httplib::Server::HandlerResponse::Unhandled;
        set_error(res, res.status, error_type_for(res.status), error_message_for(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  s.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.has_header("request-id")) res.set_header("request-id", new_request_id());
  });

  if (opts.port == 0) {
    int p = s.bind_to_any_port(bind_host);
    if (p <= 0) {
      *error = "MockServer: cannot bind " + bind_host + " (any port)";
      begin_stop();
      return false;
    }
    bound_port = p;
  } else {
    if (!s.bind_to_port(bind_host, opts.port)) {
      *error = "MockServer: cannot bind " + bind_host + ":" + std::to_string(opts.port) +
               " (address in use?)";
      begin_stop();
      return false;
    }
    bound_port = opts.port;
  }
  // cpp-httplib 0.11 listens with a backlog of 5; allow bursts of connections.
  ::listen(s.listen_fd(), 1024);

  listener = std::thread([this] {
    svr->listen_after_bind();
    listener_done = true;
  });
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!svr->is_running() && !listener_done.load() && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!svr->is_running()) {
    *error = "MockServer: listener did not start";
    stop();
    return false;
  }
  return true;
}

void MockServer::Impl::begin_stop() {
  stopping = true;
  if (stop_fd >= 0) {
    uint64_t one = 1;
    ssize_t w = ::write(stop_fd, &one, sizeof one);
    (void)w;
  }
  if (svr && !stop_issued.exchange(true)) {
    // httplib::Server::stop() is a no-op unless the accept loop is running;
    // start() waits for that, so by now it is.
    svr->stop();
  }
}

void MockServer::Impl::stop() {
  std::lock_guard<std::mutex> lk(stop_mu);
  begin_stop();
  if (listener.joinable() && listener.get_id() != std::this_thread::get_id()) listener.join();
}

// ---------------------------------------------------------------- requests

ReqInfo MockServer::Impl::make_info(const httplib::Request& req) const {
  ReqInfo ri;
  ri.body = &req.body;
  ri.remote_port = req.remote_port;
  std::string target;
  if (tl_conn && tl_conn->have_head) {
    ri.method = tl_conn->method;
    target = tl_conn->target;
    ri.headers = tl_conn->headers;
  } else {
    ri.method = req.method;
    target = req.target.empty() ? req.path : req.target;
    // httplib adds these four pseudo headers after the received ones.
    static const char* const kInjected[] = {"REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT"};
    std::map<std::string, size_t> skip;
    for (const char* k : kInjected) skip[lower(k)] = req.get_header_value_count(k);
    std::map<std::string, size_t> seen;
    for (const auto& h : req.headers) {
      std::string n = lower(h.first);
      auto it = skip.find(n);
      if (it != skip.end() && ++seen[n] == it->second) continue;
      ri.headers.emplace_back(n, h.second);
    }
  }
  size_t q = target.find('?');
  if (q == std::string::npos) {
    ri.path = target;
  } else {
    ri.path = target.substr(0, q);
    ri.query = target.substr(q + 1);
  }
  size_t hash = ri.query.find('#');
  if (hash != std::string::npos) ri.query.resize(hash);
  if (q == std::string::npos) {
    hash = ri.path.find('#');
    if (hash != std::string::npos) ri.path.resize(hash);
  }
  return ri;
}

bool MockServer::Impl::take_fault(const ReqInfo& ri, Fault* out) {
  std::lock_guard<std::mutex> lk(mu);
  for (auto it = faults.begin(); it != faults.end(); ++it) {
    if (!it->method.empty() && it->method != "*" && !iequals(it->method, ri.method)) continue;
    if (!starts_with(ri.path, it->path_prefix)) continue;
    *out = *it;
    if (it->times > 0 && --it->times == 0) faults.erase(it);
    return true;
  }
  return false;
}

void MockServer::Impl::dispatch(const httplib::Request& req, httplib::Response& res) {
  ReqInfo ri = make_info(req);
  if (!res.has_header("request-id")) res.set_header("request-id", new_request_id());
  if (ri.path == "/_mock" || starts_with(ri.path, "/_mock/")) {
    handle_control(ri, res);
    return;
  }
  if (!starts_with(ri.path, "/v1/")) {
    set_error(res, 404, "not_found_error", "Not found: " + ri.path);
    return;
  }
  {
    LogEntry e;
    e.method = ri.method;
    e.path = ri.path;
    e.query = ri.query;
    e.remote_port = ri.remote_port;
    e.headers = ri.headers;
    std::lock_guard<std::mutex> lk(mu);
    log.push_back(std::move(e));
    while (log.size() > kLogCap) log.pop_front();
  }
  Fault f;
  if (take_fault(ri, &f)) {
    apply_fault(f, ri, res);
    return;
  }
  handle_api(ri, res);
}

void MockServer::Impl::handle_api(const ReqInfo& ri, httplib::Response& res) {
  // Authentication.
  std::string key = trim(ri.header("x-api-key"));
  if (key.empty()) {
    std::string auth = trim(ri.header("authorization"));
    if (auth.size() > 7 && iequals(auth.substr(0, 7), "bearer ")) key = trim(auth.substr(7));
  }
  if (key.empty()) {
    set_error(res, 401, "authentication_error", "x-api-key header is required");
    return;
  }
  if (!opts.api_key.empty() && key != opts.api_key) {
    set_error(res, 401, "authentication_error", "invalid x-api-key");
    return;
  }
  if (trim(ri.header("anthropic-version")).empty()) {
    set_error(res, 400, "invalid_request_error", "anthropic-version header is required");
    return;
  }
  static const std::string kModels = "/v1/models";
  if (ri.path == kModels) {
    if (ri.method != "GET") {
      res.set_header("Allow", "GET");
      set_error(res, 405, "invalid_request_error",
                "Method " + ri.method + " is not allowed for " + ri.path);
      return;
    }
    handle_list(ri, res);
    return;
  }
  if (starts_with(ri.path, kModels + "/")) {
    std::string seg = ri.path.substr(kModels.size() + 1);
    if (!seg.empty() && seg.find('/') == std::string::npos) {
      if (ri.method != "GET") {
        res.set_header("Allow", "GET");
        set_error(res, 405, "invalid_request_error",
                  "Method " + ri.method + " is not allowed for " + ri.path);
        return;
      }
      handle_get(pct_decode(seg, false), ri, res);
      return;
    }
  }
  set_error(res, 404, "not_found_error", "Not found: " + ri.path);
}

void MockServer::Impl::handle_list(const ReqInfo& ri, httplib::Response& res) {
  auto params = parse_query(ri.query);
  bool have_limit = false, have_after = false, have_before = false, beta = false;
  std::string limit_s, after, before;
  std::vector<std::string> lifecycles;
  for (const auto& p : params) {
    if (p.first == "limit") {
      if (!have_limit) limit_s = p.second;
      have_limit = true;
    } else if (p.first == "after_id") {
      if (!have_after && !p.second.empty()) {
        after = p.second;
        have_after = true;
      }
    } else if (p.first == "before_id") {
      if (!have_before && !p.second.empty()) {
        before = p.second;
        have_before = true;
      }
    } else if (p.first == "lifecycle[]") {
      lifecycles.push_back(p.second);
    } else if (p.first == "beta") {
      beta = iequals(p.second, "true");
    }
  }
  long long limit = 20;
  if (have_limit) {
    long long v = 0;
    if (!parse_int(limit_s, &v)) {
      set_error(res, 400, "invalid_request_error", "limit: Input should be a valid integer");
      return;
    }
    if (v < 1 || v > 1000) {
      set_error(res, 400, "invalid_request_error",
                "limit: Input should be greater than or equal to 1 and less than or equal to 1000");
      return;
    }
    limit = v;
  }
  if (have_after && have_before) {
    set_error(res, 400, "invalid_request_error", "after_id and before_id cannot both be specified");
    return;
  }
  bool want[3] = {false, false, false};
  if (lifecycles.empty()) {
    want[kActive] = want[kDeprecated] = true;
  } else {
    if (lifecycles.size() > 3) {
      set_error(res, 400, "invalid_request_error", "lifecycle[]: at most 3 values are allowed");
      return;
    }
    for (const auto& l : lifecycles) {
      if (l == "active")
        want[kActive] = true;
      else if (l == "deprecated")
        want[kDeprecated] = true;
      else if (l == "retired")
        want[kRetired] = true;
      else {
        set_error(res, 400, "invalid_request_error",
                  "lifecycle[]: Input should be 'active', 'deprecated' or 'retired'");
        return;
      }
    }
  }
  const auto& ms = catalog.models;
  size_t cursor = 0;
  if (have_after || have_before) {
    const std::string& cid = have_after ? after : before;
    auto it = catalog.by_id.find(cid);
    if (it == catalog.by_id.end()) {
      set_error(res, 400, "invalid_request_error",
                std::string(have_after ? "after_id" : "before_id") + ": unknown model id " + cid);
      return;
    }
    cursor = it->second;
  }
  std::vector<size_t> filtered;
  filtered.reserve(ms.size());
  for (size_t i = 0; i < ms.size(); ++i)
    if (want[ms[i].lifecycle]) filtered.push_back(i);
  size_t b = 0, e = 0;
  bool has_more = false;
  size_t lim = static_cast<size_t>(limit);
  if (have_before) {
    e = static_cast<size_t>(std::lower_bound(filtered.begin(), filtered.end(), cursor) - filtered.begin());
    b = e > lim ? e - lim : 0;
    has_more = b > 0;
  } else {
    b = have_after ? static_cast<size_t>(std::upper_bound(filtered.begin(), filtered.end(), cursor) -
                                         filtered.begin())
                   : 0;
    e = std::min(filtered.size(), b + lim);
    has_more = e < filtered.size();
  }
  std::string out;
  size_t total = 64;
  for (size_t i = b; i < e; ++i) total += (beta ? ms[filtered[i]].beta : ms[filtered[i]].plain).size() + 1;
  out.reserve(total + 256);
  out += "{\"data\":[";
  for (size_t i = b; i < e; ++i) {
    if (i != b) out += ',';
    out += beta ? ms[filtered[i]].beta : ms[filtered[i]].plain;
  }
  out += "],\"first_id\":";
  if (b < e)
    json_escape_into(out, ms[filtered[b]].id);
  else
    out += "null";
  out += ",\"has_more\":";
  out += has_more ? "true" : "false";
  out += ",\"last_id\":";
  if (b < e)
    json_escape_into(out, ms[filtered[e - 1]].id);
  else
    out += "null";
  out += "}";
  set_json(res, 200, std::move(out));
}

void MockServer::Impl::handle_get(const std::string& id, const ReqInfo& ri, httplib::Response& res) {
  bool beta = false;
  for (const auto& p : parse_query(ri.query))
    if (p.first == "beta") beta = iequals(p.second, "true");
  auto it = catalog.by_id.find(id);
  if (it == catalog.by_id.end()) {
    auto a = catalog.aliases.find(id);
    if (a != catalog.aliases.end()) it = catalog.by_id.find(a->second);
  }
  if (it == catalog.by_id.end()) {
    set_error(res, 404, "not_found_error", "model: " + id);
    return;
  }
  const Model& m = catalog.models[it->second];
  set_json(res, 200, beta ? m.beta : m.plain);
}

// ---------------------------------------------------------------- faults

namespace {

void apply_extra_headers(const Fault& f, httplib::Response& res, std::string* content_type) {
  for (const auto& h : f.headers) {
    if (iequals(h.first, "content-type")) {
      *content_type = h.second;
      continue;
    }
    if (iequals(h.first, "request-id")) {
      auto range = res.headers.equal_range("request-id");
      res.headers.erase(range.first, range.second);
    }
    res.set_header(h.first, h.second);
  }
}

// Copies headers of a normal response except the ones the body writer sets.
void copy_headers(const httplib::Response& from, httplib::Response& to) {
  for (const auto& h : from.headers) {
    if (iequals(h.first, "content-type") || iequals(h.first, "content-length") ||
        iequals(h.first, "request-id"))
      continue;
    to.set_header(h.first, h.second);
  }
}

}  // namespace

void MockServer::Impl::apply_fault(const Fault& f, const ReqInfo& ri, httplib::Response& res) {
  Conn* conn = tl_conn;
  if (f.delay_ms > 0 && !sleep_ms(f.delay_ms)) {
    if (conn) conn->abort(false);
    return;
  }
  if (f.pass_through) {
    handle_api(ri, res);
    return;
  }
  std::string ctype = f.content_type.empty() ? "application/json" : f.content_type;
  switch (f.action) {
    case Fault::Action::Respond: {
      res.status = f.status ? f.status : 500;
      apply_extra_headers(f, res, &ctype);
      std::string body = f.body;
      if (body.empty() && res.status >= 400)
        body = error_body(error_type_for(res.status), error_message_for(res.status), request_id_of(res));
      if (!body.empty()) res.set_content(body, ctype);
      return;
    }
    case Fault::Action::Malformed: {
      res.status = f.status ? f.status : 200;
      apply_extra_headers(f, res, &ctype);
      res.set_content("{\"data\": [ {\"id\": \"x\",", ctype);
      return;
    }
    case Fault::Action::Redirect: {
      res.status = f.status ? f.status : 302;
      apply_extra_headers(f, res, &ctype);
      std::string loc = f.location;
      if (loc.empty()) loc = ri.query.empty() ? ri.path : ri.path + "?" + ri.query;
      res.set_header("Location", loc);
      return;
    }
    case Fault::Action::ResetBeforeHeaders: {
      if (conn) conn->abort(true);
      return;
    }
    case Fault::Action::NeverAnswer: {
      // Hold until stop(), the 10-minute cap, or the client going away (so a
      // client that gave up does not pin a worker thread).
      auto deadline = Clock::now() + std::chrono::milliseconds(kNeverAnswerMaxMs);
      while (!stopping.load()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) break;
        pollfd p[2] = {{conn ? conn->fd : -1, POLLRDHUP, 0}, {stop_fd, POLLIN, 0}};
        int r = ::poll(p, 2, static_cast<int>(std::min<long long>(left, 1000)));
        if (r < 0 && errno != EINTR) break;
        if (r > 0 && (p[1].revents || (p[0].revents & (POLLRDHUP | POLLHUP | POLLERR)))) break;
      }
      if (conn) conn->abort(false);
      return;
    }
    case Fault::Action::Oversize: {
      res.status = f.status ? f.status : 200;
      apply_extra_headers(f, res, &ctype);
      size_t total = f.size ? f.size : kDefaultOversize;
      auto prefix = std::make_shared<std::string>("{\"data\":[");
      auto unit = std::make_shared<std::string>(
          (catalog.models.empty() ? std::string("{\"id\":\"x\",\"type\":\"model\"}") : catalog.models.front().plain) + ",");
      const std::atomic<bool>* stop_flag = &stopping;
      res.set_content_provider(
          total, ctype, [prefix, unit, stop_flag](size_t offset, size_t length, httplib::DataSink& sink) {
            if (stop_flag->load()) return false;
            static thread_local std::vector<char> buf(65536);
            size_t n = std::min(length, buf.size());
            for (size_t i = 0; i < n; ++i) {
              size_t o = offset + i;
              buf[i] = o < prefix->size() ? (*prefix)[o] : (*unit)[(o - prefix->size()) % unit->size()];
            }
            return sink.write(buf.data(), n);
          });
      return;
    }
    case Fault::Action::Truncate:
    case Fault::Action::ResetMidBody:
    case Fault::Action::Trickle: {
      httplib::Response normal;
      normal.set_header("request-id", request_id_of(res));
      handle_api(ri, normal);
      res.status = f.status ? f.status : normal.status;
      copy_headers(normal, res);
      std::string nctype = normal.get_header_value("Content-Type");
      if (!nctype.empty()) ctype = nctype;
      apply_extra_headers(f, res, &ctype);
      auto body = std::make_shared<std::string>(normal.body);
      if (f.action == Fault::Action::Truncate) {
        size_t announced = body->size() + std::max<size_t>(body->size(), 64);
        size_t sent = body->size() / 2;
        res.set_content_provider(announced, ctype, [body, sent](size_t, size_t, httplib::DataSink& sink) {
          if (sent > 0) sink.write(body->data(), sent);
          return false;  // httplib then closes the connection (FIN)
        });
      } else if (f.action == Fault::Action::ResetMidBody) {
        size_t sent = body->size() / 2;
        res.set_content_provider(body->size(), ctype, [body, sent](size_t, size_t, httplib::DataSink& sink) {
          if (sent > 0) sink.write(body->data(), sent);
          if (tl_conn) tl_conn->abort(true);
          return false;  // the socket is closed with SO_LINGER {1,0}: TCP RST
        });
      } else {
        size_t n = f.size ? f.size : body->size();
        if (body->size() < n) body->append(n - body->size(), ' ');
        body->resize(n);
        int interval = std::max(0, f.interval_ms);
        const Impl* self = this;
        res.set_content_provider(n, ctype, [body, interval, self](size_t offset, size_t, httplib::DataSink& sink) {
          if (!self->sleep_ms(interval)) return false;
          return sink.write(body->data() + offset, 1);
        });
      }
      return;
    }
  }
}

// ---------------------------------------------------------------- control

std::string MockServer::Impl::log_json() const {
  std::lock_guard<std::mutex> lk(mu);
  std::string out = "{\"requests\":[";
  bool first = true;
  for (const auto& e : log) {
    if (!first) out += ',';
    first = false;
    out += "{\"method\":";
    json_escape_into(out, e.method);
    out += ",\"path\":";
    json_escape_into(out, e.path);
    out += ",\"query\":";
    json_escape_into(out, e.query);
    out += ",\"remote_port\":" + std::to_string(e.remote_port);
    out += ",\"headers\":{";
    // Duplicate names are joined with ", " so the object keeps unique keys.
    std::vector<std::pair<std::string, std::string>> merged;
    for (const auto& h : e.headers) {
      auto it = std::find_if(merged.begin(), merged.end(),
                             [&](const std::pair<std::string, std::string>& m) { return m.first == h.first; });
      if (it == merged.end())
        merged.push_back(h);
      else
        it->second += ", " + h.second;
    }
    for (size_t i = 0; i < merged.size(); ++i) {
      if (i) out += ',';
      json_escape_into(out, merged[i].first);
      out += ':';
      json_escape_into(out, merged[i].second);
    }
    out += "}}";
  }
  out += "]}";
  return out;
}

void MockServer::Impl::handle_control(const ReqInfo& ri, httplib::Response& res) {
  auto method_not_allowed = [&](const char* allow) {
    res.set_header("Allow", allow);
    set_error(res, 405, "invalid_request_error", "Method " + ri.method + " is not allowed for " + ri.path);
  };
  if (ri.path == "/_mock/faults") {
    if (ri.method == "POST") {
      rapidjson::Document d;
      const std::string& body = ri.body ? *ri.body : std::string();
      d.Parse(body.c_str(), body.size());
      if (d.HasParseError() || !(d.IsObject() || d.IsArray())) {
        set_error(res, 400, "invalid_request_error", "body must be a JSON object (or an array of them)");
        return;
      }
      std::vector<Fault> parsed;
      std::string err;
      if (d.IsObject()) {
        Fault f;
        if (!fault_from_json(d, &f, &err)) {
          set_error(res, 400, "invalid_request_error", err);
          return;
        }
        parsed.push_back(std::move(f));
      } else {
        for (const auto& v : d.GetArray()) {
          Fault f;
          if (!fault_from_json(v, &f, &err)) {
            set_error(res, 400, "invalid_request_error", err);
            return;
          }
          parsed.push_back(std::move(f));
        }
      }
      size_t count;
      {
        std::lock_guard<std::mutex> lk(mu);
        for (auto& f : parsed)
          if (f.times != 0) faults.push_back(std::move(f));
        count = faults.size();
      }
      set_json(res, 200, "{\"ok\":true,\"faults\":" + std::to_string(count) + "}");
      return;
    }
    if (ri.method == "DELETE") {
      {
        std::lock_guard<std::mutex> lk(mu);
        faults.clear();
      }
      set_json(res, 200, "{\"ok\":true,\"faults\":0}");
      return;
    }
    if (ri.method == "GET") {
      size_t count;
      {
        std::lock_guard<std::mutex> lk(mu);
        count = faults.size();
      }
      set_json(res, 200, "{\"faults\":" + std::to_string(count) + "}");
      return;
    }
    method_not_allowed("GET, POST, DELETE");
    return;
  }
  if (ri.path == "/_mock/log") {
    if (ri.method == "GET") {
      set_json(res, 200, log_json());
      return;
    }
    if (ri.method == "DELETE") {
      {
        std::lock_guard<std::mutex> lk(mu);
        log.clear();
      }
      set_json(res, 200, "{\"ok\":true}");
      return;
    }
    method_not_allowed("GET, DELETE");
    return;
  }
  if (ri.path == "/_mock/shutdown") {
    if (ri.method != "POST") {
      method_not_allowed("POST");
      return;
    }
    shutdown_req = true;
    set_json(res, 200, "{\"ok\":true}");
    // Stops accepting and wakes every waiter; this response is still written
    // because writes only give up on stop when the socket is not writable.
    begin_stop();
    return;
  }
  set_error(res, 404, "not_found_error", "Not found: " + ri.path);
}

// ====================================================================== public API

std::string LogEntry::header(const std::string& lower_name) const {
  for (const auto& h : headers)
    if (h.first == lower_name) return h.second;
  return std::string();
}

MockServer::MockServer(ServerOptions o) : impl_(new Impl(std::move(o))) {}

MockServer::~MockServer() { impl_->stop(); }

bool MockServer::start(std::string* error) { return impl_->start(error); }

int MockServer::port() const { return impl_->bound_port; }

std::string MockServer::base_url() const {
  std::string host = impl_->bind_host.empty() ? std::string("127.0.0.1") : impl_->bind_host;
  if (impl_->ipv6) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->bound_port);
}

void MockServer::stop() { impl_->stop(); }

bool MockServer::shutdown_requested() const { return impl_->shutdown_req.load(); }

void MockServer::add_fault(Fault f) {
  if (f.times == 0) return;
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->faults.push_back(std::move(f));
}

void MockServer::clear_faults() {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->faults.clear();
}

std::vector<LogEntry> MockServer::log() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  return std::vector<LogEntry>(impl_->log.begin(), impl_->log.end());
}

size_t MockServer::request_count(const std::string& path_prefix) const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  size_t n = 0;
  for (const auto& e : impl_->log)
    if (starts_with(e.path, path_prefix)) ++n;
  return n;
}

void MockServer::clear_log() {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->log.clear();
}

}  // namespace mock
}  // namespace am
