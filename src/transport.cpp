#include "transport.hpp"

#include <cstring>
#include <optional>
#include <string_view>

namespace am {

namespace {

// Enough idle handles for a burst of requests in flight; each is ~10 KB.
constexpr size_t kMaxPooledHandles = 128;

size_t on_body(char *data, size_t size, size_t nmemb, void *user) {
  auto *t = static_cast<Transfer *>(user);
  size_t n = size * nmemb;
  if (t->resp.body.size() + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->resp.body.append(data, n);
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// Header names are ASCII tokens: compared with a lower-case name without the
// locale lookups of std::tolower (this runs for every header of every response).
bool name_is(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// A decimal number (saturating: an absurd length is still a huge one), or
// nothing when it is empty or has anything but digits.
std::optional<unsigned long long> parse_length(std::string_view v) {
  if (v.empty()) return std::nullopt;
  constexpr unsigned long long kMax = ~0ULL;
  unsigned long long n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    unsigned d = static_cast<unsigned>(c - '0');
    n = n > (kMax - d) / 10 ? kMax : n * 10 + d;
  }
  return n;
}

size_t on_header(char *data, size_t size, size_t nmemb, void *user) {
  auto *t = static_cast<Transfer *>(user);
  size_t n = size * nmemb;
  std::string_view line(data, n);
  HttpResponse &r = t->resp;
  if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") {
    // A new response (after an interim 1xx): forget what the previous one said.
    r.request_id.clear(), r.retry_after.clear(), r.retry_after_ms.clear(), r.should_retry.clear();
    r.content_type.clear(), r.has_request_id = false;
    return n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string_view name = trim(line.substr(0, colon));
  // Only these names matter; their lengths rule out most lines at once.
  switch (name.size()) {
    case 10:
    case 11:
    case 12:
    case 14: break;
    default: return n;
  }
  std::string_view value = trim(line.substr(colon + 1));
  if (name_is(name, "request-id")) {
    r.request_id.assign(value);
    r.has_request_id = true;
  } else if (name_is(name, "retry-after")) {
    r.retry_after.assign(value);
  } else if (name_is(name, "retry-after-ms")) {
    r.retry_after_ms.assign(value);
  } else if (name_is(name, "x-should-retry")) {
    r.should_retry.assign(value);
  } else if (name_is(name, "content-type")) {
    r.content_type.assign(value);
  } else if (name_is(name, "content-length")) {
    // Refuse an announced oversized body before reading any of it.
    auto len = parse_length(value);
    if (len && *len > t->max_bytes) {
      t->too_large = true;
      return 0;
    }
    // Size the body once (it is at most max_bytes, the caller's budget): a
    // 1.4 MB page appended to a growing string is copied ~20 times and its
    // fresh pages faulted in again at each growth.
    if (len && *len > t->resp.body.capacity()) t->resp.body.reserve(static_cast<size_t>(*len));
  }
  return n;
}

am_status status_for_curl(CURLcode code, bool too_large) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return AM_ERR_TIMEOUT;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_SHUTDOWN_FAILED: return AM_ERR_TLS;
    case CURLE_WRITE_ERROR: return too_large ? AM_ERR_RESPONSE_TOO_LARGE : AM_ERR_INTERNAL;
    case CURLE_ABORTED_BY_CALLBACK: return AM_ERR_CANCELLED;
    case CURLE_OUT_OF_MEMORY: return AM_ERR_OUT_OF_MEMORY;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return AM_ERR_INVALID_ARGUMENT;
    case CURLE_BAD_CONTENT_ENCODING: return AM_ERR_DECODE;
    default: return AM_ERR_CONNECTION;
  }
}

}  // namespace

Transport::Transport(const Config &cfg) : cfg_(cfg) {
  const Options &o = cfg.options;
  std::vector<std::string> lines;
  if (o.api_key) lines.push_back("x-api-key: " + *o.api_key);
  if (o.auth_token) lines.push_back("authorization: Bearer " + *o.auth_token);
  lines.push_back("anthropic-version: " + cfg.api_version);
  if (!o.betas.empty()) {
    std::string joined;
    for (const std::string &b : o.betas) joined += (joined.empty() ? "" : ",") + b;
    lines.push_back("anthropic-beta: " + joined);
  }
  if (o.workspace_id) lines.push_back("anthropic-workspace-id: " + *o.workspace_id);
  lines.push_back("accept: application/json");
  // In the prebuilt list rather than CURLOPT_USERAGENT, which curl re-formats on every transfer.
  std::string ua = std::string("user-agent: anthropic-models-c/") + AM_VERSION_STRING;
  if (o.user_agent_suffix && !o.user_agent_suffix->empty()) ua += " " + *o.user_agent_suffix;
  lines.push_back(ua);
  for (const auto &h : o.headers) lines.push_back(h.first + ": " + h.second);
  for (const std::string &l : lines) {
    curl_slist *next = curl_slist_append(headers_, l.c_str());
    if (!next) {
      ok_ = false;
      break;
    }
    headers_ = next;
  }
}

Transport::~Transport() {
  for (CURL *e : pool_) curl_easy_cleanup(e);
  curl_slist_free_all(headers_);
}

CURL *Transport::acquire() {
  if (!pool_.empty()) {
    CURL *e = pool_.back();
    pool_.pop_back();
    return e;
  }
  CURL *easy = curl_easy_init();
  if (easy) configure(easy);
  return easy;
}

// The options every request of this client shares.
void Transport::configure(CURL *easy) const {
  const Options &o = cfg_.options;
  curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  if (o.connect_timeout_ms > 0)
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout_ms));
  if (o.proxy) curl_easy_setopt(easy, CURLOPT_PROXY, o.proxy->c_str());
  if (o.ca_bundle) curl_easy_setopt(easy, CURLOPT_CAINFO, o.ca_bundle->c_str());
}

void Transport::release(CURL *easy) {
  if (pool_.size() < kMaxPooledHandles) {
    pool_.push_back(easy);
    return;
  }
  curl_easy_cleanup(easy);
}

std::unique_ptr<Transfer> Transport::start(const std::string &url, int64_t timeout_ms) {
  CURL *easy = acquire();
  if (!easy) return nullptr;
  auto t = std::make_unique<Transfer>();
  t->easy = easy;
  t->max_bytes = static_cast<size_t>(cfg_.options.max_response_bytes);
  // Only what changes per request is set here; the rest was set once when the
  // handle was made (see configure), and the handle keeps its live connection.
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errbuf);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms > 0 ? timeout_ms : 0));
  return t;
}

HttpResponse Transport::finish(std::unique_ptr<Transfer> t, CURLcode code) {
  HttpResponse resp = std::move(t->resp);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    resp.http_status = static_cast<int>(status);
  } else {
    resp.transport_failed = true;
    resp.transport_status = status_for_curl(code, t->too_large);
    resp.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    if (t->too_large) {
      resp.transport_message =
          "response body larger than the limit of " + std::to_string(cfg_.options.max_response_bytes) + " bytes";
    } else {
      // libcurl's detail line usually ends with its generic text for the
      // code ("Failed to connect to ... port 1 after 0 ms: Couldn't connect
      // to server"), so it replaces that text rather than following it.
      std::string_view detail = trim(t->errbuf);
      resp.transport_message = detail.empty() ? curl_easy_strerror(code) : std::string(detail);
    }
    resp.body.clear();
    resp.body.shrink_to_fit();
  }
  discard(std::move(t));
  return resp;
}

void Transport::discard(std::unique_ptr<Transfer> t) {
  curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(t->easy, CURLOPT_PRIVATE, nullptr);
  release(t->easy);
}

}  // namespace am
