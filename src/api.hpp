// The Models API's rules as pure functions of a client's configuration: the
// URL of each request, and what a failed response means (its error and
// request id). No state, no I/O: the call state machine asks, nothing here
// calls back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
#include "options.hpp"
#include "transport.hpp"

namespace am {

// The parameters of GET /v1/models, as the caller set them.
struct ListParams {
  std::optional<int> limit;
  std::optional<std::string> after_id, before_id;
  std::vector<std::string> lifecycle;
  bool beta = false;
  int max_pages = 1000;  // list_all only
  bool refresh = false;  // list_all only: bypass the cache and repopulate it
};

// GET /v1/models with the list parameters and, for list_all, the page cursor
// (at most one of after / before).
std::string list_url(const Config &cfg, const ListParams &p, const std::string *after, const std::string *before);
// GET /v1/models/{id}, the id escaped as one path segment.
std::string get_url(const Config &cfg, const std::string &model_id);

// The error a failed attempt reports: from the transport failure, or from the
// HTTP status and the API's error body. Credentials are scrubbed.
Error error_from(const Config &cfg, const HttpResponse &r, int64_t attempt_timeout_ms, bool deadline_limited);
// The response's request-id header, when printable, with credentials scrubbed.
std::optional<std::string> request_id_of(const Config &cfg, const HttpResponse &r);

}  // namespace am
