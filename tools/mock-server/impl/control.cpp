// The control endpoints under /_mock/ (no authentication): faults, the request
// log and shutdown, for tests that drive the am-mock-server binary.
#include <rapidjson/document.h>

#include "impl/error_responses.hpp"
#include "impl/fault_json.hpp"
#include "impl/server_state.hpp"

namespace am {
namespace mock {

using namespace detail;

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

}  // namespace mock
}  // namespace am
