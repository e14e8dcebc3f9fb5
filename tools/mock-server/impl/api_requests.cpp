// Request handling: every request is logged (under /v1/), matched against the
// fault queue, then answered as the Models API would: authentication, the
// anthropic-version header, GET /v1/models (filters and cursor pagination)
// and GET /v1/models/{model_id} (ids and aliases).
#include <map>

#include "impl/error_responses.hpp"
#include "impl/server_state.hpp"
#include "impl/text.hpp"

namespace am {
namespace mock {

using namespace detail;

namespace {

constexpr size_t kLogCap = 100000;

}  // namespace

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

}  // namespace mock
}  // namespace am
