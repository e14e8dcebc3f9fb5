#include "impl/fault_json.hpp"

#include <utility>

#include "impl/text.hpp"

namespace am {
namespace mock {
namespace detail {

namespace {

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

}  // namespace

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

}  // namespace detail
}  // namespace mock
}  // namespace am
