// HTTP over libcurl: one GET per attempt on a pool of easy handles, so
// connections are kept alive and reused. No retries here (see client.cpp).
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "anthropic_models.h"
#include "options.hpp"

namespace am {

struct HttpResponse {
  bool transport_failed = false;
  am_status transport_status = AM_OK;
  std::string transport_message;
  bool timed_out = false;
  int http_status = 0;
  std::string body;
  std::string request_id, retry_after, retry_after_ms, should_retry, content_type;
  bool has_request_id = false;
};

class Transport {
 public:
  explicit Transport(const Config &cfg);
  ~Transport();
  Transport(const Transport &) = delete;
  Transport &operator=(const Transport &) = delete;

  // False when the header list could not be built (out of memory).
  bool ok() const { return ok_; }
  // One GET of `url`; timeout_ms 0 means none.
  HttpResponse get(const std::string &url, int64_t timeout_ms);

 private:
  CURL *acquire();
  void release(CURL *easy);
  void configure(CURL *easy) const;

  const Config &cfg_;
  curl_slist *headers_ = nullptr;
  bool ok_ = true;
  std::mutex pool_mu_;
  std::vector<CURL *> pool_;
};

}  // namespace am
