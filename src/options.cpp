#include "options.hpp"

#include <cstdlib>

#include "text.hpp"

namespace am {

std::string check_base_url(const std::string &url) {
  if (url.size() > kMaxUrlBytes) return "is longer than 2048 bytes";
  if (!is_valid_utf8(url) || has_control_char(url)) return "contains a control character or invalid UTF-8";
  size_t scheme_end;
  if (url.size() >= 7 && iequals(std::string_view(url).substr(0, 7), "http://")) scheme_end = 7;
  else if (url.size() >= 8 && iequals(std::string_view(url).substr(0, 8), "https://")) scheme_end = 8;
  else return "must start with http:// or https://";
  size_t auth_end = url.find('/', scheme_end);
  std::string authority = url.substr(scheme_end, auth_end == std::string::npos ? std::string::npos : auth_end - scheme_end);
  if (authority.empty()) return "has no host";
  if (authority.find('@') != std::string::npos) return "must not contain credentials (user:password@)";
  for (char c : url)
    if (c == ' ' || c == '?' || c == '#' || c == '\\') return "must not contain spaces, a query, a fragment or '\\'";
  return {};
}

std::string check_header_value(const std::string &value) {
  if (value.size() > kMaxHeaderValueBytes) return "is longer than 8192 bytes";
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\t') || c == 0x7F) return "contains CR, LF or another control character";
  return {};
}

std::string check_extra_header(const std::string &name, const std::string &value) {
  if (!is_http_token(name)) return "header name must be a non-empty HTTP token (no spaces, ':', CR or LF)";
  static const char *const kManaged[] = {"x-api-key", "authorization", "anthropic-version", "anthropic-beta",
                                         "host", "content-length", "transfer-encoding", "connection"};
  for (const char *m : kManaged)
    if (iequals(name, m)) return "header '" + name + "' is managed by the library; use its setter";
  std::string why = check_header_value(value);
  return why.empty() ? why : "header value " + why;
}

std::string check_beta(const std::string &beta) {
  if (beta.empty()) return "must not be empty";
  if (beta.find(',') != std::string::npos) return "must not contain ',' (add betas one at a time)";
  return check_header_value(beta);
}

namespace {

std::optional<std::string> env(const char *name) {
  const char *v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

}  // namespace

bool resolve_config(const Options &opts, Config &out, Error &err) {
  out.options = opts;
  Options &o = out.options;
  if (!o.ignore_env) {
    // The environment fills in only what the options left unset.
    if (!o.api_key && !o.auth_token) {
      o.api_key = env("ANTHROPIC_API_KEY");
      o.auth_token = env("ANTHROPIC_AUTH_TOKEN");
    }
    if (!o.base_url) {
      if (auto url = env("ANTHROPIC_BASE_URL")) {
        std::string why = check_base_url(*url);
        if (!why.empty()) {
          err = Error::make(AM_ERR_INVALID_ARGUMENT, "ANTHROPIC_BASE_URL " + why);
          return false;
        }
        o.base_url = url;
      }
    }
  }
  for (const auto *cred : {&o.api_key, &o.auth_token}) {
    if (!*cred) continue;
    std::string why = check_header_value(**cred);
    if (!why.empty()) {
      err = Error::make(AM_ERR_INVALID_ARGUMENT, std::string(cred == &o.api_key ? "API key " : "auth token ") + why);
      return false;
    }
    out.secrets.push_back(**cred);
  }
  out.base_url = o.base_url.value_or(kDefaultBaseUrl);
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  out.api_version = o.api_version.value_or(kDefaultApiVersion);
  return true;
}

}  // namespace am
