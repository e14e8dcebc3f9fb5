#include "client.hpp"

#include <random>
#include <set>
#include <thread>

#include "retry.hpp"
#include "text.hpp"

namespace am {

namespace {

double unit_random() {
  thread_local std::mt19937_64 rng([] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd() ^
           std::hash<std::thread::id>{}(std::this_thread::get_id());
  }());
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// Builds the list handle for models in `order` (pointers into `data`).
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

}  // namespace

bool Client::create(const Options &opts, std::unique_ptr<Client> &out, Error &err) {
  std::unique_ptr<Client> c(new Client());
  if (!resolve_config(opts, c->cfg_, err)) return false;
  if (c->cfg_.o.curl_global_init) {
    // Reference counted and thread-safe in libcurl >= 7.84.
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      err = Error::make(AM_ERR_INTERNAL, "curl_global_init failed");
      return false;
    }
    c->curl_inited_ = true;
  }
  c->transport_ = std::make_unique<Transport>(c->cfg_);
  if (!c->transport_->ok()) {
    err = Error::make(AM_ERR_OUT_OF_MEMORY, "out of memory building request headers");
    return false;
  }
  out = std::move(c);
  return true;
}

Client::~Client() {
  transport_.reset();
  if (curl_inited_) curl_global_cleanup();
}

Client::Deadline Client::start_deadline() const {
  if (cfg_.o.deadline_ms <= 0) return std::nullopt;
  return Clock::now() + std::chrono::milliseconds(cfg_.o.deadline_ms);
}

bool Client::check_ready(Error &err) const {
  if (!cfg_.o.api_key && !cfg_.o.auth_token) {
    err = Error::make(AM_ERR_AUTHENTICATION,
                      "no credential: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN, or call "
                      "am_options_set_api_key / am_options_set_auth_token");
    return false;
  }
  return true;
}

bool Client::check_params(const ListParams &p, Error &err) const {
  if (p.limit && (*p.limit < 1 || *p.limit > 1000)) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, "limit must be between 1 and 1000, got " + std::to_string(*p.limit));
    return false;
  }
  if (p.after_id && p.before_id) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, "after_id and before_id cannot both be set");
    return false;
  }
  return check_ready(err);
}

std::string Client::list_url(const ListParams &p, const std::string *after, const std::string *before) const {
  std::string url = cfg_.base_url + "/v1/models";
  char sep = '?';
  auto add = [&](const char *key, const std::string &value) {
    url += sep;
    url += key;
    url += '=';
    url += value;
    sep = '&';
  };
  if (p.beta || cfg_.o.beta_variant) add("beta", "true");
  if (p.limit) add("limit", std::to_string(*p.limit));
  if (after) add("after_id", escape_query_value(*after));
  if (before) add("before_id", escape_query_value(*before));
  for (const std::string &stage : p.lifecycle) add("lifecycle[]", escape_query_value(stage));
  return url;
}

Error Client::error_from(const HttpResponse &r, int64_t attempt_timeout_ms, bool deadline_limited) const {
  Error e;
  if (r.transport_failed) {
    e.status = r.transport_status;
    if (r.timed_out) {
      e.message = deadline_limited ? "overall deadline of " + std::to_string(cfg_.o.deadline_ms) + " ms exceeded"
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
  if (r.has_request_id && is_valid_utf8(r.request_id) && !has_control_char(r.request_id))
    e.request_id = r.request_id;
  redact(e.message, cfg_.secrets);
  if (e.type) redact(*e.type, cfg_.secrets);
  return e;
}

void Client::Exchange::annotate(Error &err, int total_attempts) const {
  err.attempts = total_attempts;
  err.http_status = http_status;
  err.request_id = request_id;
}

bool Client::fetch(const std::string &url, const Deadline &deadline, Exchange &ex, Error &err) {
  const Options &o = cfg_.o;
  int attempts = 0;
  for (int retries = 0;; ++retries) {
    int64_t timeout = o.timeout_ms;
    bool deadline_limited = false;
    std::optional<int64_t> remaining;
    if (deadline) {
      remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
      if (*remaining <= 0) {
        err = Error::make(AM_ERR_TIMEOUT, "overall deadline of " + std::to_string(o.deadline_ms) + " ms exceeded");
        err.attempts = attempts;
        return false;
      }
      if (timeout <= 0 || *remaining < timeout) {
        timeout = *remaining;
        deadline_limited = true;
      }
    }
    HttpResponse r = transport_->get(url, timeout);
    ++attempts;
    if (!r.transport_failed && r.http_status >= 200 && r.http_status < 300) {
      ex.body = std::move(r.body);
      ex.attempts = attempts;
      ex.http_status = r.http_status;
      ex.request_id.reset();
      if (r.has_request_id && is_valid_utf8(r.request_id) && !has_control_char(r.request_id))
        ex.request_id = r.request_id;
      return true;
    }
    Error e = error_from(r, timeout, deadline_limited);
    e.attempts = attempts;
    retry::Attempt a;
    a.transport_failed = r.transport_failed;
    a.transport_status = r.transport_status;
    a.http_status = r.http_status;
    if (!r.transport_failed) {
      a.should_retry = retry::parse_should_retry(r.should_retry);
      a.server_delay_ms = retry::server_delay_ms(r.retry_after_ms, r.retry_after, std::time(nullptr));
      if (a.server_delay_ms) e.retry_after_ms = *a.server_delay_ms;
    }
    if (deadline)
      remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
    retry::Decision d = retry::decide(a, retries, o.max_retries, o.retry_after_cap_ms, unit_random(), remaining);
    if (!d.retry) {
      if (d.delay_over_cap)
        e.message += " (the server asked to retry after " + std::to_string(e.retry_after_ms) +
                     " ms, above the retry-after cap of " + std::to_string(o.retry_after_cap_ms) + " ms)";
      err = std::move(e);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(d.delay_ms));
  }
}

bool Client::list(const ListParams &p, std::unique_ptr<am_model_list> &out, Error &err) {
  if (!check_params(p, err)) return false;
  Exchange ex;
  if (!fetch(list_url(p, p.after_id ? &*p.after_id : nullptr, p.before_id ? &*p.before_id : nullptr),
             start_deadline(), ex, err))
    return false;
  auto data = std::make_shared<ListData>();
  PageInfo info;
  if (!decode_list_page(std::move(ex.body), *data, info, err)) {
    ex.annotate(err, ex.attempts);
    return false;
  }
  std::vector<ModelData *> order;
  order.reserve(info.count);
  for (size_t i = 0; i < info.count; ++i) order.push_back(&info.models[i]);
  out = make_list(std::move(data), order, info.first_id, info.last_id, info.has_more);
  return true;
}

bool Client::list_all(const ListParams &params, std::unique_ptr<am_model_list> &out, Error &err) {
  ListParams p = params;
  if (!p.limit) p.limit = 1000;
  if (!check_params(p, err)) return false;
  const bool backwards = p.before_id.has_value();
  std::optional<std::string> cursor = backwards ? p.before_id : p.after_id;
  std::set<std::string> seen;
  if (cursor) seen.insert(*cursor);
  auto data = std::make_shared<ListData>();
  std::vector<PageInfo> pages;
  Deadline deadline = start_deadline();
  int attempts = 0;  // over every page
  for (int page = 0;; ++page) {
    const std::string *c = cursor ? &*cursor : nullptr;
    Exchange ex;
    if (!fetch(list_url(p, backwards ? nullptr : c, backwards ? c : nullptr), deadline, ex, err)) {
      err.attempts += attempts;
      return false;
    }
    attempts += ex.attempts;
    PageInfo info;
    if (!decode_list_page(std::move(ex.body), *data, info, err)) {
      ex.annotate(err, attempts);
      return false;
    }
    pages.push_back(info);
    if (!info.has_more) break;
    const char *next = backwards ? info.first_id : info.last_id;
    std::string problem;
    if (!next || !*next) {
      problem = std::string("has_more is true but ") + (backwards ? "first_id" : "last_id") + " is missing";
    } else if (!seen.insert(next).second) {
      problem = std::string("the server repeated the cursor '") + next + "'";
    } else if (page + 1 >= p.max_pages) {
      problem = "stopped at the page cap of " + std::to_string(p.max_pages) + " pages; the list is incomplete";
    }
    if (!problem.empty()) {
      err = Error::make(AM_ERR_PAGINATION, "list_all: " + problem);
      redact(err.message, cfg_.secrets);
      // Not an HTTP failure: no status, but which response broke the rule.
      err.attempts = attempts;
      err.request_id = ex.request_id;
      return false;
    }
    cursor = next;
  }
  // Newest first: walking backwards fetched newer pages last.
  std::vector<ModelData *> order;
  auto append = [&](const PageInfo &pi) {
    for (size_t i = 0; i < pi.count; ++i) order.push_back(&pi.models[i]);
  };
  if (backwards) {
    for (auto it = pages.rbegin(); it != pages.rend(); ++it) append(*it);
  } else {
    for (const PageInfo &pi : pages) append(pi);
  }
  const char *first = order.empty() ? nullptr : order.front()->id;
  const char *last = order.empty() ? nullptr : order.back()->id;
  out = make_list(std::move(data), order, first, last, false);
  return true;
}

bool Client::get(const std::string &id, std::unique_ptr<am_model> &out, Error &err) {
  std::string why = check_id(id, false);
  if (!why.empty()) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, "model id " + why);
    return false;
  }
  if (!check_ready(err)) return false;
  std::string url = cfg_.base_url + "/v1/models/" + escape_path_segment(id);
  if (cfg_.o.beta_variant) url += "?beta=true";
  Exchange ex;
  if (!fetch(url, start_deadline(), ex, err)) return false;
  auto data = std::make_shared<ListData>();
  ModelData *m = nullptr;
  if (!decode_model(std::move(ex.body), *data, m, err)) {
    ex.annotate(err, ex.attempts);
    return false;
  }
  out = std::make_unique<am_model>(am_model{std::shared_ptr<const ModelData>(data, m)});
  return true;
}

}  // namespace am
