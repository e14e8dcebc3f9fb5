// Internal error value: what an am_error handle carries across the C ABI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "anthropic_models.h"

namespace am {

struct Error {
  am_status status = AM_ERR_INTERNAL;
  int http_status = 0;
  std::optional<std::string> type;        // the API's error.type
  std::string message;
  std::optional<std::string> request_id;  // `request-id` response header
  int attempts = 0;
  int64_t retry_after_ms = -1;            // what the server asked for, -1 = nothing

  static Error make(am_status s, std::string msg) {
    Error e;
    e.status = s;
    e.message = std::move(msg);
    return e;
  }
};

// Maps an HTTP error status to the status code the C API reports.
am_status status_for_http(int http_status);

// The static name of a status ("rate_limited"), "unknown" for unknown values.
const char *status_name(am_status s);

}  // namespace am
