// am_bench: the library against the obvious hand-written baselines.
//
//  1. Decoding a 1000-model page (~1.5 MB) of GET /v1/models:
//       BM_Baseline_RapidJsonParse  copy the bytes into a std::string, then
//                                   rapidjson::Document::Parse (DOM only)
//       BM_DecodeListPage           copy the bytes into a std::string, then
//                                   am::decode_list_page (parse + decode into
//                                   model values, as the client does)
//       BM_Ref_ParsePage            copy + am::parse_page only (the library's
//                                   parse step without the per-model decode),
//                                   to split the decode cost in two.
//     The std::string copy is INCLUDED in every one of them (decode_list_page
//     takes its body by value and parses it in place, so the copy is part of
//     the library's real cost; the baseline pays for the same copy). The
//     destruction of the document / decoded page is timed too, in each.
//
//  2. A warm GET /v1/models/{id} against the in-process mock server:
//       BM_AmModelGet               am_model_get + am_model_free, one client
//                                   with default options (fully decoded model)
//       BM_Baseline_CurlEasyLoop    one reused libcurl easy handle, same URL,
//                                   x-api-key / anthropic-version / accept
//                                   headers, body into a std::string
//     plus two diagnostics that put both sides on the same wire format (the
//     library asks for compressed responses; see below):
//       BM_Baseline_CurlEasyLoop_AcceptEncoding   the bare loop + CURLOPT_ACCEPT_ENCODING ""
//       BM_AmModelGet_IdentityEncoding            the library + `accept-encoding: identity`
//     All use one kept-alive connection each, are warmed up before timing, and
//     are measured in wall-clock time (the server runs on other threads).
//
// The mock server, the page bytes, the client and the curl handle are set up
// once in main(), outside any timing. Two environment adjustments, both
// explained where they are made: TCP_NODELAY is forced on the mock server's
// socket (AM_BENCH_SERVER_NAGLE=1 to skip), and glibc's mmap/trim thresholds
// are raised (AM_BENCH_DEFAULT_MALLOC=1 to skip). bench/run.sh also pins the
// process to one CPU, which makes the GET figures reproducible.
#include <benchmark/benchmark.h>
#include <curl/curl.h>
#include <rapidjson/document.h>

#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "anthropic_models.h"
#include "mock_server.hpp"
#include "model.hpp"

namespace {

constexpr const char *kModelId = "claude-opus-4-6";
constexpr int kWarmupRequests = 50;

struct Globals {
  std::string base_url;
  std::string page_bytes;  // body of /v1/models?limit=1000 with 1000 synthetic models
  am_client *client = nullptr;           // as a user gets it: default options
  am_client *client_identity = nullptr;  // same, plus `accept-encoding: identity`
  CURL *curl = nullptr;                  // plain: no Accept-Encoding
  CURL *curl_compressed = nullptr;       // CURLOPT_ACCEPT_ENCODING "", as the library does
  curl_slist *headers = nullptr;
  std::string get_url;
  std::string curl_body;
};
Globals g;

size_t append_body(char *data, size_t size, size_t nmemb, void *user) {
  static_cast<std::string *>(user)->append(data, size * nmemb);
  return size * nmemb;
}

curl_slist *request_headers() {
  // What the library sends besides its User-Agent (see src/transport.cpp).
  curl_slist *h = nullptr;
  h = curl_slist_append(h, "x-api-key: x");
  h = curl_slist_append(h, "anthropic-version: 2023-06-01");
  h = curl_slist_append(h, "accept: application/json");
  return h;
}

// One GET on `easy` (options set once by the caller); false on failure.
bool perform(CURL *easy, std::string &body) {
  body.clear();
  if (curl_easy_perform(easy) != CURLE_OK) return false;
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  return status == 200;
}

bool fetch_once(const std::string &url, std::string &body) {
  CURL *easy = curl_easy_init();
  if (!easy) return false;
  curl_slist *h = request_headers();
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  bool ok = perform(easy, body);
  curl_easy_cleanup(easy);
  curl_slist_free_all(h);
  return ok;
}

// The mock server (cpp-httplib 0.11, whose default is tcp_nodelay = false)
// answers with Nagle's algorithm on: it writes the response head and the body
// in two send()s, so the body waits for the client's delayed ACK (~40 ms on
// Linux) and every warm GET takes ~44 ms whoever the client is. That would
// measure the kernel, not the clients, so this benchmark turns TCP_NODELAY on
// for the server's listening socket (it lives in this process); Linux copies
// the option to every connection accepted from it. Returns the sockets changed.
int enable_server_nodelay(int port) {
  int changed = 0;
  for (int fd = 3; fd < 4096; ++fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0) continue;
    int local_port = ss.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port)
                     : ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port)
                                                : -1;
    int listening = 0;
    socklen_t ol = sizeof listening;
    if (local_port != port || getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &ol) != 0 || !listening)
      continue;
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0) ++changed;
  }
  return changed;
}

// ---------------------------------------------------------------- decode

void BM_Baseline_RapidJsonParse(benchmark::State &state) {
  const std::string &bytes = g.page_bytes;
  for (auto _ : state) {
    std::string copy(bytes);
    rapidjson::Document d;
    d.Parse(copy.data(), copy.size());
    if (d.HasParseError()) {
      state.SkipWithError("rapidjson parse failed");
      break;
    }
    benchmark::DoNotOptimize(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_Baseline_RapidJsonParse)->Unit(benchmark::kMicrosecond);

void BM_DecodeListPage(benchmark::State &state) {
  const std::string &bytes = g.page_bytes;
  for (auto _ : state) {
    am::ListData data;
    am::PageInfo info;
    am::Error err;
    if (!am::decode_list_page(std::string(bytes), data, info, err) || info.count != 1000) {
      state.SkipWithError(("decode_list_page failed: " + err.message).c_str());
      break;
    }
    benchmark::DoNotOptimize(info);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_DecodeListPage)->Unit(benchmark::kMicrosecond);

void BM_Ref_ParsePage(benchmark::State &state) {
  const std::string &bytes = g.page_bytes;
  for (auto _ : state) {
    am::Page page;
    page.buf = bytes;
    am::Error err;
    if (!am::parse_page(page, err)) {
      state.SkipWithError(("parse_page failed: " + err.message).c_str());
      break;
    }
    benchmark::DoNotOptimize(page.doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_Ref_ParsePage)->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------- warm GET

bool am_get_once(am_client *client, std::string *why) {
  am_model *m = nullptr;
  am_error *err = nullptr;
  if (am_model_get(client, kModelId, &m, &err) != AM_OK) {
    if (why) *why = std::string("am_model_get: ") + am_error_message(err);
    am_error_free(err);
    return false;
  }
  benchmark::DoNotOptimize(am_model_id(m));
  am_model_free(m);
  return true;
}

void run_am_get(benchmark::State &state, am_client *client) {
  std::string why;
  for (int i = 0; i < kWarmupRequests; ++i)
    if (!am_get_once(client, &why)) {
      state.SkipWithError(why.c_str());
      return;
    }
  for (auto _ : state) {
    if (!am_get_once(client, &why)) {
      state.SkipWithError(why.c_str());
      break;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void run_curl_loop(benchmark::State &state, CURL *easy) {
  for (int i = 0; i < kWarmupRequests; ++i)
    if (!perform(easy, g.curl_body)) {
      state.SkipWithError("curl GET failed during warm-up");
      return;
    }
  for (auto _ : state) {
    if (!perform(easy, g.curl_body)) {
      state.SkipWithError("curl GET failed");
      break;
    }
    benchmark::DoNotOptimize(g.curl_body.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The library as a user gets it.
void BM_AmModelGet(benchmark::State &state) { run_am_get(state, g.client); }
BENCHMARK(BM_AmModelGet)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The bare loop: x-api-key, anthropic-version, accept; identity body.
void BM_Baseline_CurlEasyLoop(benchmark::State &state) { run_curl_loop(state, g.curl); }
BENCHMARK(BM_Baseline_CurlEasyLoop)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Diagnostics for the GET ratio. The library sets CURLOPT_ACCEPT_ENCODING ""
// (src/transport.cpp), i.e. it sends `Accept-Encoding: deflate, gzip, br, zstd`,
// and the mock (cpp-httplib built with Brotli) then compresses every response.
//  - the bare loop with that same option: the same bytes on the wire;
//  - the library with `accept-encoding: identity` added through
//    am_options_add_header (a custom header overrides curl's own): the same
//    bytes on the wire as the plain baseline.
void BM_Baseline_CurlEasyLoop_AcceptEncoding(benchmark::State &state) { run_curl_loop(state, g.curl_compressed); }
BENCHMARK(BM_Baseline_CurlEasyLoop_AcceptEncoding)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_AmModelGet_IdentityEncoding(benchmark::State &state) { run_am_get(state, g.client_identity); }
BENCHMARK(BM_AmModelGet_IdentityEncoding)->Unit(benchmark::kMicrosecond)->UseRealTime();

am_client *make_client(const std::string &base_url, bool identity) {
  am_options *opts = am_options_new();
  am_client *client = nullptr;
  am_error *err = nullptr;
  am_status st = AM_ERR_OUT_OF_MEMORY;
  if (opts) {
    am_options_set_ignore_env(opts, 1);
    if ((st = am_options_set_api_key(opts, "x", &err)) == AM_OK &&
        (st = am_options_set_base_url(opts, base_url.c_str(), &err)) == AM_OK &&
        (st = am_options_set_max_retries(opts, 0, &err)) == AM_OK &&
        (!identity || (st = am_options_add_header(opts, "accept-encoding", "identity", &err)) == AM_OK))
      st = am_client_new(opts, &client, &err);
    am_options_free(opts);
  }
  if (st != AM_OK)
    std::fprintf(stderr, "am_bench: creating a client: %s: %s\n", am_status_name(st),
                 err ? am_error_message(err) : "-");
  am_error_free(err);
  return client;
}

CURL *make_curl(const std::string &url, curl_slist *headers, bool accept_encoding) {
  CURL *easy = curl_easy_init();
  if (!easy) return nullptr;
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &g.curl_body);
  if (accept_encoding) curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  return easy;
}

}  // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  // Each decode iteration allocates ~1.4 MB (the copy) plus the DOM. With
  // glibc's defaults those blocks are mmap()ed or trimmed back to the kernel
  // and faulted in again every iteration (~1500 minor faults, ~40% of the
  // time in the kernel on a VM), which swamps the parse and decode work and
  // varies from run to run. Keep freed memory in the heap instead.
  // AM_BENCH_DEFAULT_MALLOC=1 keeps glibc's defaults.
  const bool tuned_malloc = std::getenv("AM_BENCH_DEFAULT_MALLOC") == nullptr;
  if (tuned_malloc) {
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
  }

  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fprintf(stderr, "am_bench: curl_global_init failed\n");
    return 1;
  }
  am::mock::ServerOptions so;
  so.synthetic = 1000;
  so.threads = 4;
  am::mock::MockServer server(so);
  std::string error;
  if (!server.start(&error)) {
    std::fprintf(stderr, "am_bench: mock server: %s\n", error.c_str());
    return 1;
  }
  g.base_url = server.base_url();
  const bool nodelay = std::getenv("AM_BENCH_SERVER_NAGLE") == nullptr;  // set it to see the 40 ms stall
  if (nodelay && enable_server_nodelay(server.port()) == 0)
    std::fprintf(stderr, "am_bench: warning: could not set TCP_NODELAY on the mock server's socket\n");

  if (!fetch_once(g.base_url + "/v1/models?limit=1000", g.page_bytes)) {
    std::fprintf(stderr, "am_bench: could not fetch the 1000-model page\n");
    return 1;
  }
  {
    am::ListData data;
    am::PageInfo info;
    am::Error err;
    if (!am::decode_list_page(g.page_bytes, data, info, err) || info.count != 1000) {
      std::fprintf(stderr, "am_bench: the page does not decode to 1000 models (%zu): %s\n", info.count,
                   err.message.c_str());
      return 1;
    }
  }

  if (!(g.client = make_client(g.base_url, false)) || !(g.client_identity = make_client(g.base_url, true)))
    return 1;

  g.get_url = g.base_url + "/v1/models/" + kModelId;
  g.headers = request_headers();
  g.curl = make_curl(g.get_url, g.headers, false);
  g.curl_compressed = make_curl(g.get_url, g.headers, true);
  if (!g.curl || !g.curl_compressed) {
    std::fprintf(stderr, "am_bench: curl_easy_init failed\n");
    return 1;
  }

  benchmark::AddCustomContext("page_bytes", std::to_string(g.page_bytes.size()));
  benchmark::AddCustomContext("get_model", kModelId);
  benchmark::AddCustomContext("malloc", tuned_malloc ? "mmap/trim thresholds raised" : "glibc defaults");
  benchmark::AddCustomContext("server_tcp_nodelay", nodelay ? "forced on by am_bench" : "off (mock default)");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  curl_easy_cleanup(g.curl);
  curl_easy_cleanup(g.curl_compressed);
  curl_slist_free_all(g.headers);
  am_client_free(g.client);
  am_client_free(g.client_identity);
  server.stop();
  curl_global_cleanup();
  return 0;
}
