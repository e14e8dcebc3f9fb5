#include "error.hpp"

namespace am {

am_status status_for_http(int http) {
  switch (http) {
    case 400:
    case 422: return AM_ERR_BAD_REQUEST;
    case 401: return AM_ERR_AUTHENTICATION;
    case 403: return AM_ERR_PERMISSION;
    case 404: return AM_ERR_NOT_FOUND;
    case 409: return AM_ERR_CONFLICT;
    case 413: return AM_ERR_REQUEST_TOO_LARGE;
    case 429: return AM_ERR_RATE_LIMITED;
    case 529: return AM_ERR_OVERLOADED;
    default: break;
  }
  if (http >= 500 && http <= 599) return AM_ERR_SERVER;
  return AM_ERR_HTTP;
}

const char *status_name(am_status s) {
  switch (s) {
    case AM_OK: return "ok";
    case AM_ERR_INVALID_ARGUMENT: return "invalid_argument";
    case AM_ERR_BAD_REQUEST: return "bad_request";
    case AM_ERR_AUTHENTICATION: return "authentication";
    case AM_ERR_PERMISSION: return "permission";
    case AM_ERR_NOT_FOUND: return "not_found";
    case AM_ERR_CONFLICT: return "conflict";
    case AM_ERR_REQUEST_TOO_LARGE: return "request_too_large";
    case AM_ERR_RATE_LIMITED: return "rate_limited";
    case AM_ERR_OVERLOADED: return "overloaded";
    case AM_ERR_SERVER: return "server_error";
    case AM_ERR_HTTP: return "http_error";
    case AM_ERR_TIMEOUT: return "timeout";
    case AM_ERR_CONNECTION: return "connection";
    case AM_ERR_TLS: return "tls";
    case AM_ERR_DECODE: return "decode";
    case AM_ERR_RESPONSE_TOO_LARGE: return "response_too_large";
    case AM_ERR_CANCELLED: return "cancelled";
    case AM_ERR_OUT_OF_MEMORY: return "out_of_memory";
    case AM_ERR_INTERNAL: return "internal";
    case AM_ERR_PAGINATION: return "pagination";
    case AM_ERR_NOT_CACHED: return "not_cached";
    default: return "unknown";
  }
}

}  // namespace am
