// HTTP over libcurl, one GET per attempt. Easy handles are configured once
// with what every request of a client shares and reused, so their
// connections stay alive. Everything here runs on the thread driving the
// engine's loop (the worker, or a blocking caller; one at a time).
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <memory>
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

// One attempt in flight: the easy handle and what its callbacks collect.
struct Transfer {
  CURL *easy = nullptr;
  void *owner = nullptr;  // the Job this attempt belongs to (as Job *)
  HttpResponse resp;
  size_t max_bytes = 0;
  bool too_large = false;
  char errbuf[CURL_ERROR_SIZE] = {0};
};

class Transport {
 public:
  explicit Transport(const Config &cfg);
  ~Transport();
  Transport(const Transport &) = delete;
  Transport &operator=(const Transport &) = delete;

  // False when the header list could not be built (out of memory).
  bool ok() const { return ok_; }
  // A transfer ready to be added to a multi handle; null when out of memory.
  std::unique_ptr<Transfer> start(const std::string &url, int64_t timeout_ms);
  // Reads the outcome of a finished transfer and recycles its easy handle.
  HttpResponse finish(std::unique_ptr<Transfer> t, CURLcode code);
  // Recycles the easy handle of a transfer that was abandoned (cancelled).
  void discard(std::unique_ptr<Transfer> t);

 private:
  CURL *acquire();
  void release(CURL *easy);
  void configure(CURL *easy) const;

  const Config &cfg_;  // the client's, which outlives its engine and transport
  curl_slist *headers_ = nullptr;
  bool ok_ = true;
  std::vector<CURL *> pool_;
};

}  // namespace am
