// What the server answers when a request fails, in the API's shape: request
// ids, error types and messages per HTTP status, and the JSON error body.
#pragma once

#include <httplib.h>

#include <string>

namespace am {
namespace mock {
namespace detail {

// A fresh "req_mock_..." id, unique within the process.
std::string new_request_id();

// The API's error type and a message for an HTTP status.
const char* error_type_for(int status);
const char* error_message_for(int status);

// {"type":"error","error":{"type":...,"message":...},"request_id":...}
std::string error_body(const std::string& type, const std::string& msg, const std::string& rid);

// The response's request-id header, or a new id when it has none.
std::string request_id_of(const httplib::Response& res);

// An error response with the standard body (and a request-id header).
void set_error(httplib::Response& res, int status, const std::string& type, const std::string& msg);
// A JSON response.
void set_json(httplib::Response& res, int status, std::string body);

}  // namespace detail
}  // namespace mock
}  // namespace am
