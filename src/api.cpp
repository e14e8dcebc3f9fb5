#include "api.hpp"

#include "model.hpp"
#include "text.hpp"

namespace am {

std::string list_url(const Config &cfg, const ListParams &p, const std::string *after, const std::string *before) {
  std::string url = cfg.base_url + "/v1/models";
  char sep = '?';
  auto add = [&](const char *key, const std::string &value) {
    url += sep;
    url += key;
    url += '=';
    url += value;
    sep = '&';
  };
  if (p.beta || cfg.options.beta_variant) add("beta", "true");
  if (p.limit) add("limit", std::to_string(*p.limit));
  if (after) add("after_id", escape_query_value(*after));
  if (before) add("before_id", escape_query_value(*before));
  for (const std::string &stage : p.lifecycle) add("lifecycle[]", escape_query_value(stage));
  return url;
}

Error error_from(const Config &cfg, const HttpResponse &r, int64_t attempt_timeout_ms, bool deadline_limited) {
  Error e;
  if (r.transport_failed) {
    e.status = r.transport_status;
    if (r.timed_out) {
      e.message = deadline_limited ? "overall deadline of " + std::to_string(cfg.options.deadline_ms) + " ms exceeded"
                                   : "request timed out after " + std::to_string(attempt_timeout_ms) + " ms";
    } else {
      e.message = r.transport_message;
    }
  } else {
    e.status = status_for_http(r.http_status);
    e.http_status = r.http_status;
    ApiErrorBody body = decode_error_body(r.body);
    e.type = body.type;
    if (body.message) {
      e.message = *body.message;
    } else if (r.http_status >= 300 && r.http_status < 400) {
      e.message = "HTTP " + std::to_string(r.http_status) + ": the server redirected; redirects are never followed";
    } else if (r.body.empty()) {
      e.message = "HTTP " + std::to_string(r.http_status) + " with an empty body";
    } else {
      std::string ct = r.content_type.empty() ? "no content-type" : r.content_type;
      if (!is_valid_utf8(ct) || has_control_char(ct)) ct = "unprintable content-type";
      e.message = "HTTP " + std::to_string(r.http_status) + " with a non-JSON error body (" + ct + ", " +
                  std::to_string(r.body.size()) + " bytes)";
    }
  }
  e.request_id = request_id_of(cfg, r);
  redact(e.message, cfg.secrets);
  if (e.type) redact(*e.type, cfg.secrets);
  return e;
}

std::optional<std::string> request_id_of(const Config &cfg, const HttpResponse &r) {
  if (!r.has_request_id || !is_valid_utf8(r.request_id) || has_control_char(r.request_id)) return std::nullopt;
  std::string id = r.request_id;
  redact(id, cfg.secrets);  // a server may echo anything, credentials included
  return id;
}

std::string get_url(const Config &cfg, const std::string &model_id) {
  std::string url = cfg.base_url + "/v1/models/" + escape_path_segment(model_id);
  if (cfg.options.beta_variant) url += "?beta=true";
  return url;
}

}  // namespace am
