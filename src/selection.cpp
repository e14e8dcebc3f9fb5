#include "selection.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include "timeparse.hpp"

namespace am {

namespace {

// An empty copy of the input's header: its cache marks, no cursors.
std::unique_ptr<am_model_list> derived_from(const am_model_list &in) {
  auto out = std::make_unique<am_model_list>();
  out->data = in.data;
  out->from_cache = in.from_cache;
  out->stale = in.stale;
  out->age_ms = in.age_ms;
  return out;
}

void set_ends(am_model_list &l) {
  l.first_id = l.items.empty() ? nullptr : l.items.front().data->id;
  l.last_id = l.items.empty() ? nullptr : l.items.back().data->id;
}

bool same(const char *a, const char *b) { return a && b && std::strcmp(a, b) == 0; }

// A dotted path: non-empty segments of printable ASCII without spaces.
std::string check_path(std::string_view path) {
  if (path.empty()) return "a capability path is empty";
  size_t start = 0;
  for (;;) {
    size_t dot = path.find('.', start);
    std::string_view part = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty()) return "capability path '" + std::string(path) + "' has an empty segment";
    for (char c : part)
      if (c <= ' ' || c > '~' || c == ',')
        return "capability path '" + std::string(path) + "' has a character that no path has";
    if (dot == std::string_view::npos) return "";
    start = dot + 1;
  }
}

}  // namespace

std::unique_ptr<am_model_list> select_models(const am_model_list &in,
                                             const std::function<bool(const ModelData &)> &keep) {
  auto out = derived_from(in);
  for (const am_model &m : in.items)
    if (keep(*m.data)) out->items.push_back(m);
  set_ends(*out);
  return out;
}

bool select_supported(const am_model_list &in, const std::vector<std::string_view> &paths,
                      std::unique_ptr<am_model_list> &out, Error &err) {
  for (std::string_view p : paths) {
    std::string why = check_path(p);
    if (!why.empty()) {
      err = Error::make(AM_ERR_INVALID_ARGUMENT, why);
      return false;
    }
  }
  out = select_models(in, [&](const ModelData &m) {
    for (std::string_view p : paths)
      if (supports_path(m, p) != AM_SUPPORT_YES) return false;
    return true;
  });
  return true;
}

std::unique_ptr<am_model_list> select_retiring_before(const am_model_list &in, int64_t unix_seconds) {
  return select_models(in, [&](const ModelData &m) {
    auto t = known_date(m.retires_at);
    return t && *t < unix_seconds;
  });
}

std::unique_ptr<am_model_list> sort_by_created(const am_model_list &in, bool newest_first) {
  struct Keyed {
    std::optional<int64_t> created;
    const am_model *model;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(in.items.size());
  for (const am_model &m : in.items) keyed.push_back({known_date(m.data->created_at), &m});
  std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed &a, const Keyed &b) {
    if (!a.created || !b.created) return a.created.has_value() && !b.created.has_value();  // unknown dates last
    return newest_first ? *a.created > *b.created : *a.created < *b.created;
  });
  auto out = derived_from(in);
  out->items.reserve(keyed.size());
  for (const Keyed &k : keyed) out->items.push_back(*k.model);
  set_ends(*out);
  return out;
}

namespace {

// The newest of the models `match` accepts; ties (and unknown dates) keep the
// list's order.
template <typename Match>
const am_model *newest_where(const am_model_list &in, Match match) {
  const am_model *best = nullptr;
  std::optional<int64_t> best_created;
  for (const am_model &m : in.items) {
    if (!match(*m.data)) continue;
    auto created = known_date(m.data->created_at);
    if (!best || (created && (!best_created || *created > *best_created))) {
      best = &m;
      best_created = created;
    }
  }
  return best;
}

}  // namespace

const am_model *find_by_id(const am_model_list &in, std::string_view id) {
  for (const am_model &m : in.items)
    if (m.data->id && id == m.data->id) return &m;
  return nullptr;
}

const am_model *find_model(const am_model_list &in, std::string_view id_or_prefix) {
  if (id_or_prefix.empty()) return nullptr;
  if (const am_model *exact = find_by_id(in, id_or_prefix)) return exact;
  return newest_where(in, [&](const ModelData &m) {
    if (!m.id) return false;
    std::string_view id(m.id);
    return id.size() > id_or_prefix.size() && id.compare(0, id_or_prefix.size(), id_or_prefix) == 0 &&
           id[id_or_prefix.size()] == '-';
  });
}

const am_model *newest_model(const am_model_list &in, const char *line) {
  return newest_where(in, [&](const ModelData &m) { return !line || same(m.line, line); });
}

}  // namespace am
