// Client configuration: what the options handle holds, how it is checked, and
// how environment defaults are applied when a client is created.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "error.hpp"

namespace am {

struct Options {
  std::optional<std::string> api_key, auth_token, base_url, api_version, workspace_id, proxy, ca_bundle,
      user_agent_suffix;
  std::vector<std::string> betas;
  std::vector<std::pair<std::string, std::string>> headers;
  int64_t timeout_ms = 60000;
  int64_t connect_timeout_ms = 10000;
  int64_t deadline_ms = 0;
  int64_t retry_after_cap_ms = 60000;
  int64_t max_response_bytes = 32 * 1024 * 1024;
  int max_retries = 2;
  bool ignore_env = false;
  bool beta_variant = false;
  bool curl_global_init = true;
  bool callbacks_on_worker = false;
  // The catalogue cache (cache.hpp).
  int64_t cache_ttl_ms = 0;
  std::optional<std::string> cache_dir;
  bool cache_swr = false;
  bool offline = false;
};

constexpr const char *kDefaultBaseUrl = "https://api.anthropic.com";
constexpr const char *kDefaultApiVersion = "2023-06-01";
constexpr size_t kMaxUrlBytes = 2048;
constexpr size_t kMaxHeaderValueBytes = 8192;

// Each returns an empty string when the value is acceptable, else the reason.
std::string check_base_url(const std::string &url);
std::string check_header_value(const std::string &value);
std::string check_extra_header(const std::string &name, const std::string &value);
std::string check_beta(const std::string &beta);

// The configuration a client runs with: options, then environment, then
// defaults. Immutable once resolved; shared by the client and its calls (a
// call may outlive its client through its C handle).
struct Config {
  Options options;
  std::string base_url;  // without a trailing '/'
  std::string api_version;
  std::vector<std::string> secrets;  // credentials to scrub from any message
};

bool resolve_config(const Options &opts, Config &out, Error &err);

}  // namespace am
