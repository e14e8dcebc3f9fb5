#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "model.hpp"

namespace am {

namespace {

using rapidjson::Value;

const Value *member(const Value *obj, std::string_view name) {
  if (!obj || !obj->IsObject()) return nullptr;
  auto it = obj->FindMember(Value(rapidjson::StringRef(name.data(), name.size())));
  return it == obj->MemberEnd() ? nullptr : &it->value;
}

am_support support_of(const Value *node) {
  if (!node) return AM_SUPPORT_UNKNOWN;
  if (node->IsBool()) return node->GetBool() ? AM_SUPPORT_YES : AM_SUPPORT_NO;
  const Value *s = member(node, "supported");
  if (s && s->IsBool()) return s->GetBool() ? AM_SUPPORT_YES : AM_SUPPORT_NO;
  return AM_SUPPORT_UNKNOWN;
}

// Names of the supported members of a group, known ones first in `order`.
std::vector<const char *> supported_names(const Value *group, std::initializer_list<const char *> order) {
  std::vector<const char *> out;
  if (!group || !group->IsObject()) return out;
  for (const char *name : order)
    if (support_of(member(group, name)) == AM_SUPPORT_YES) out.push_back(name);
  for (auto it = group->MemberBegin(); it != group->MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    if (name == "supported" || !it->value.IsObject() || support_of(&it->value) != AM_SUPPORT_YES) continue;
    bool known = std::any_of(order.begin(), order.end(), [&](const char *k) { return name == k; });
    if (!known && name.size() == std::char_traits<char>::length(it->name.GetString()))
      out.push_back(it->name.GetString());
  }
  return out;
}

// Appends the entries below `group` (an object) whose paths start with `prefix`.
void collect_capabilities(const Value &group, std::string &prefix, std::vector<ModelData::CapabilityEntry> &out) {
  for (auto it = group.MemberBegin(); it != group.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    // A name with a dot or a NUL could never be asked for by dotted path.
    if (name.empty() || name == "supported" || name.find('.') != std::string_view::npos ||
        name.find('\0') != std::string_view::npos)
      continue;
    const Value &v = it->value;
    if (!v.IsBool() && !v.IsObject()) continue;
    size_t mark = prefix.size();
    if (mark) prefix += '.';
    prefix.append(name.data(), name.size());
    if (v.IsBool() || v.HasMember("supported")) out.push_back({prefix, support_of(&v)});
    if (v.IsObject()) collect_capabilities(v, prefix, out);  // depth is bounded by kMaxJsonDepth
    prefix.resize(mark);
  }
}

}  // namespace

const std::vector<ModelData::CapabilityEntry> &ModelData::capabilities() const {
  caps_once_.ensure([this] {
    if (!caps || !caps->IsObject()) return;
    std::string prefix;
    collect_capabilities(*caps, prefix, capabilities_);
  });
  return capabilities_;
}

const std::string &ModelData::json() const {
  json_once_.ensure([this] {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    obj->Accept(w);  // depth is bounded by kMaxJsonDepth at parse time
    json_.assign(sb.GetString(), sb.GetSize());
  });
  return json_;
}

const std::vector<const char *> &ModelData::effort_levels() const {
  lists_once_.ensure([this] {
    effort_levels_ = supported_names(member(caps, "effort"), {"low", "medium", "high", "max", "xhigh"});
    thinking_types_ = supported_names(member(member(caps, "thinking"), "types"),
                                      {"adaptive", "enabled", "disabled", "between_tools"});
  });
  return effort_levels_;
}

const std::vector<const char *> &ModelData::thinking_types() const {
  effort_levels();  // computes both lists once
  return thinking_types_;
}

const char *capability_path(am_capability cap) {
  switch (cap) {
    case AM_CAP_BATCH: return "batch";
    case AM_CAP_CITATIONS: return "citations";
    case AM_CAP_CODE_EXECUTION: return "code_execution";
    case AM_CAP_CONTEXT_MANAGEMENT: return "context_management";
    case AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015: return "context_management.clear_thinking_20251015";
    case AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919: return "context_management.clear_tool_uses_20250919";
    case AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112: return "context_management.compact_20260112";
    case AM_CAP_EFFORT: return "effort";
    case AM_CAP_EFFORT_LOW: return "effort.low";
    case AM_CAP_EFFORT_MEDIUM: return "effort.medium";
    case AM_CAP_EFFORT_HIGH: return "effort.high";
    case AM_CAP_EFFORT_MAX: return "effort.max";
    case AM_CAP_EFFORT_XHIGH: return "effort.xhigh";
    case AM_CAP_IMAGE_INPUT: return "image_input";
    case AM_CAP_PDF_INPUT: return "pdf_input";
    case AM_CAP_STRUCTURED_OUTPUTS: return "structured_outputs";
    case AM_CAP_THINKING: return "thinking";
    case AM_CAP_THINKING_TYPES_ADAPTIVE: return "thinking.types.adaptive";
    case AM_CAP_THINKING_TYPES_ENABLED: return "thinking.types.enabled";
    case AM_CAP_THINKING_TYPES_DISABLED: return "thinking.types.disabled";
    case AM_CAP_THINKING_TYPES_BETWEEN_TOOLS: return "thinking.types.between_tools";
    case AM_CAP_SERVER_TOOLS: return "server_tools";
    case AM_CAP_SERVER_TOOLS_CODE_EXECUTION: return "server_tools.code_execution";
    case AM_CAP_SERVER_TOOLS_WEB_SEARCH: return "server_tools.web_search";
    default: return nullptr;
  }
}

am_support supports_path(const ModelData &m, std::string_view dotted) {
  if (!m.caps || dotted.empty()) return AM_SUPPORT_UNKNOWN;
  const Value *node = m.caps;
  size_t start = 0;
  while (node) {
    size_t dot = dotted.find('.', start);
    std::string_view part = dotted.substr(start, dot == std::string_view::npos ? dot : dot - start);
    // "supported" is a node's own value, never a capability below it: without
    // this, "thinking.supported" would answer for a path the enumeration lacks.
    if (part.empty() || part == "supported") return AM_SUPPORT_UNKNOWN;
    node = member(node, part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return support_of(node);
}

std::unique_ptr<am_model_list> make_list(std::shared_ptr<ListData> data, const std::vector<ModelData *> &order,
                                         const char *first_id, const char *last_id, bool has_more) {
  auto list = std::make_unique<am_model_list>();
  list->items.reserve(order.size());
  for (ModelData *m : order) list->items.push_back(am_model{std::shared_ptr<const ModelData>(data, m)});
  list->data = std::move(data);
  list->first_id = first_id;
  list->last_id = last_id;
  list->has_more = has_more;
  return list;
}

}  // namespace am
