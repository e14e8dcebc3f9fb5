#include "impl/error_responses.hpp"

#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <random>

#include "impl/text.hpp"

namespace am {
namespace mock {
namespace detail {

using Clock = std::chrono::steady_clock;

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

}  // namespace detail
}  // namespace mock
}  // namespace am
