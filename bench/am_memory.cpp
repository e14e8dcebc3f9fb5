// am_memory: how much memory a decoded list holds, against the size of the
// JSON it came from (target <= 2x), over HTTP to an out-of-process
// am-mock-server --synthetic 1000 (bench/floor.sh passes its URL).
//
// For one page of 1000 models (am_models_list, limit=1000) and for the whole
// list (am_models_list_all, 1013 models, 2 pages): heap in use (glibc
// mallinfo2: uordblks + hblkhd, summed over every arena, so the worker
// thread's allocations count; it includes reserved but untouched pages) and
// resident set size (/proc/self/statm: touched pages only), before the calls
// and while their lists are held, after a warm-up call that opened the
// connection and made the client's buffers. The JSON size is the
// sum of the response bodies, fetched separately with libcurl.
//
// Usage: am_memory BASE_URL   (prints `memory ...` lines, nothing else)
#include <curl/curl.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "anthropic_models.h"

namespace {

size_t append_body(char *data, size_t size, size_t nmemb, void *user) {
  static_cast<std::string *>(user)->append(data, size * nmemb);
  return size * nmemb;
}

// Bytes of one response body (0 on failure).
size_t body_bytes(const std::string &url) {
  std::string body;
  CURL *easy = curl_easy_init();
  if (!easy) return 0;
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_slist *h = curl_slist_append(nullptr, "x-api-key: x");
  h = curl_slist_append(h, "anthropic-version: 2023-06-01");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  CURLcode rc = curl_easy_perform(easy);
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(easy);
  curl_slist_free_all(h);
  return rc == CURLE_OK && status == 200 ? body.size() : 0;
}

size_t heap_in_use() {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

size_t rss_bytes() {
  long pages_total = 0, pages_resident = 0;
  FILE *f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  if (std::fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2) pages_resident = 0;
  std::fclose(f);
  return static_cast<size_t>(pages_resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

using ListCall = am_status (*)(am_client *, const am_list_params *, am_model_list **, am_error **);

// Holds kHeld lists at once and divides by kHeld: one list's RSS delta alone
// is at the mercy of what the allocator kept from the warm-up.
constexpr int kHeld = 8;

bool measure(const char *label, am_client *client, const am_list_params *params, ListCall call, size_t json) {
  am_model_list *lists[kHeld] = {};
  if (call(client, params, &lists[0], nullptr) != AM_OK) return false;  // warm-up
  am_model_list_free(lists[0]);
  lists[0] = nullptr;
  malloc_trim(0);
  const size_t heap0 = heap_in_use(), rss0 = rss_bytes();
  bool ok = true;
  for (int i = 0; i < kHeld && ok; ++i) ok = call(client, params, &lists[i], nullptr) == AM_OK;
  const size_t heap1 = heap_in_use(), rss1 = rss_bytes();
  if (ok) {
    const size_t n = am_model_list_count(lists[0]);
    const double heap = static_cast<double>(heap1 - heap0) / kHeld, rss = static_cast<double>(rss1 - rss0) / kHeld;
    std::printf("memory %s models %zu json_bytes %zu heap_bytes %.0f heap_per_json %.2f rss_bytes %.0f "
                "rss_per_json %.2f (mean of %d lists held at once)\n",
                label, n, json, heap, heap / static_cast<double>(json), rss, rss / static_cast<double>(json), kHeld);
  }
  for (am_model_list *l : lists) am_model_list_free(l);
  return ok;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: am_memory BASE_URL\n");
    return 2;
  }
  const std::string base = argv[1];
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const size_t page = body_bytes(base + "/v1/models?limit=1000");
  am_options *opts = am_options_new();
  am_client *client = nullptr;
  am_error *err = nullptr;
  if (opts) am_options_set_ignore_env(opts, 1);
  if (!opts || am_options_set_api_key(opts, "x", &err) != AM_OK ||
      am_options_set_base_url(opts, base.c_str(), &err) != AM_OK || am_client_new(opts, &client, &err) != AM_OK) {
    std::fprintf(stderr, "am_memory: client: %s\n", err ? am_error_message(err) : "out of memory");
    return 1;
  }
  am_options_free(opts);
  am_list_params *params = am_list_params_new();
  am_list_params_set_limit(params, 1000, nullptr);
  int status = 0;
  if (page == 0 || !measure("page_1000", client, params, am_models_list, page)) status = 1;
  // The whole list: its JSON is the first page plus the page after its last id.
  am_model_list *first = nullptr;
  if (status == 0 && am_models_list(client, params, &first, nullptr) == AM_OK) {
    const size_t second = body_bytes(base + "/v1/models?limit=1000&after_id=" + am_model_list_last_id(first));
    am_model_list_free(first);
    if (second == 0 || !measure("list_all", client, params, am_models_list_all, page + second)) status = 1;
  } else {
    status = 1;
  }
  if (status) std::fprintf(stderr, "am_memory: a call failed\n");
  am_list_params_free(params);
  am_client_free(client);
  curl_global_cleanup();
  return status;
}
