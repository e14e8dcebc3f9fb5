// am_bench: the library against the obvious hand-written baselines.
//
//  1. Decoding a 1000-model page (~1.5 MB) of GET /v1/models:
//       BM_Baseline_RapidJsonParse  copy the bytes into a std::string, then
//                                   rapidjson::Document::Parse (DOM only)
//       BM_Baseline_RapidJsonParseInsitu  copy, ParseInsitu, read every id:
//                                   the floor client's work on a page
//       BM_DecodeListPage           copy the bytes into a std::string, then
//                                   am::decode_list_page (parse + decode into
//                                   model values, as the client does)
//       BM_Ref_ParsePage            copy + am::parse_page only (the library's
//                                   parse step without the per-model decode),
//                                   to split the decode cost in two.
//       BM_Ref_SimdjsonOnDemand     copy into a simdjson::padded_string, then
//       BM_Ref_SimdjsonDom          read the same fields with simdjson's
//                                   On-Demand / DOM API (bench-only reference,
//                                   built when Debian's libsimdjson-dev is
//                                   installed; see the comment at the code)
//     The std::string copy is INCLUDED in every one of them (decode_list_page
//     takes its body by value and parses it in place, so the copy is part of
//     the library's real cost; the baseline pays for the same copy). The
//     destruction of the document / decoded page is timed too, in each.
//
//  2. A warm GET /v1/models/{id} against the in-process mock server:
//       BM_AmModelGet                 am_model_get + am_model_free, one client
//                                     with default options (fully decoded model)
//       BM_Baseline_CurlEasyLoop      one reused libcurl easy handle, same URL,
//                                     x-api-key / anthropic-version / accept
//                                     headers, body into a std::string (bytes
//                                     only, no JSON work)
//       BM_Baseline_CurlEasyLoop_Parse  the same loop + rapidjson::Document::Parse
//                                     of each body: a diagnostic that does
//                                     closer to the library's work (the library
//                                     also decodes the DOM into a model value)
//     All use one kept-alive connection each, are warmed up before timing, and
//     are measured in wall-clock time (the server runs on other threads).
//
//  3. Throughput of 1000 GETs with 100 in flight (second mock server, 128
//     threads): BM_AsyncGets_1000x100 (am_model_get_async + am_client_dispatch)
//     against BM_Baseline_CurlMulti_1000x100 (a bare curl multi loop that only
//     collects bytes) and BM_Baseline_CurlMulti_1000x100_Parse (the same loop +
//     a Document::Parse of each completed body); see the comment there.
//
// The mock servers always answer uncompressed, whatever Accept-Encoding says;
// the library still advertises Accept-Encoding (CURLOPT_ACCEPT_ENCODING "", as
// it does against the real API) and the baselines send none, so both sides get
// the same bytes on the wire.
//
// The mock servers, the page bytes, the client and the curl handle of 1 and 2
// are set up once in main(), outside any timing (3 sets up per run, untimed).
// Two environment adjustments, both explained where they are made: TCP_NODELAY
// is forced on the mock servers' listening sockets (AM_BENCH_SERVER_NAGLE=1 to
// skip), and glibc's mmap/trim thresholds are raised (AM_BENCH_DEFAULT_MALLOC=1
// to skip). bench/run.sh also pins the process to one CPU by default, which
// makes the GET figures reproducible.
#include <benchmark/benchmark.h>
#include <curl/curl.h>
#include <rapidjson/document.h>
#ifdef AM_BENCH_HAVE_SIMDJSON
#include <simdjson.h>
#endif

#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <poll.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "anthropic_models.h"
#include "mock_server.hpp"
#include "model.hpp"

namespace {

constexpr const char *kModelId = "claude-opus-4-6";
constexpr int kWarmupRequests = 50;

struct Globals {
  std::string base_url;
  std::string page_bytes;  // body of /v1/models?limit=1000 with 1000 synthetic models
  am_client *client = nullptr;  // as a user gets it: default options
  CURL *curl = nullptr;         // the bare easy handle of the GET baselines
  curl_slist *headers = nullptr;
  std::string get_url;
  std::string curl_body;
  std::string async_base_url;  // the 128-thread mock server of the async benchmarks
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

// rapidjson::Document::Parse of one response body, as the "doing the same
// work" diagnostics do (a fresh DOM each time, built and destroyed here, as the
// library builds one per response); false if it is not a JSON object.
bool parse_body(const std::string &body) {
  rapidjson::Document d;
  d.Parse(body.data(), body.size());
  if (d.HasParseError() || !d.IsObject()) return false;
  benchmark::DoNotOptimize(d);
  return true;
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

// What the hand-written client of bench/am_floor.cpp does with a page: copy,
// rapidjson ParseInsitu (default allocator), read every data[i].id.
void BM_Baseline_RapidJsonParseInsitu(benchmark::State &state) {
  const std::string &bytes = g.page_bytes;
  for (auto _ : state) {
    std::string copy(bytes);
    rapidjson::Document d;
    d.ParseInsitu(&copy[0]);
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("data")) {
      state.SkipWithError("rapidjson in-situ parse failed");
      break;
    }
    size_t ids = 0;
    for (const auto &m : d["data"].GetArray()) ids += m["id"].GetStringLength() > 0;
    benchmark::DoNotOptimize(ids);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_Baseline_RapidJsonParseInsitu)->Unit(benchmark::kMicrosecond);

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
    am::Page page{bytes};
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

#ifdef AM_BENCH_HAVE_SIMDJSON
// The bench-only reference for decoding: simdjson (Debian's libsimdjson-dev;
// the library itself keeps RapidJSON). Both read what am::decode_list_page
// reads: first_id, last_id, has_more and, for each model, the eight string
// fields, the two token counts, and a walk of `capabilities` checking that
// every "supported" is a boolean or null. Like the library's benchmark, each
// iteration copies the bytes (into simdjson's padded buffer) and its time
// includes that copy. The parser is made once and reused, as a simdjson user
// would; the library makes its DOM per body (it hands it to the caller).
// On-Demand compares the raw keys (field.key(), no unescaping: simdjson's
// fastest way) inside the models; the library unescapes every key in place.
namespace simd = simdjson;

struct SimdSink {
  size_t chars = 0;
  int64_t numbers = 0;
  size_t models = 0;
};

template <typename Key>  // std::string_view, or On-Demand's raw (still escaped) key
bool is_model_string_field(const Key &k) {
  return k == "id" || k == "display_name" || k == "type" || k == "created_at" || k == "lifecycle" ||
         k == "line" || k == "deprecated_at" || k == "retires_at";
}

bool od_capabilities(simd::ondemand::object obj, unsigned depth, SimdSink &sink) {
  if (depth > 16) return false;
  for (auto field : obj) {
    simd::ondemand::raw_json_string key;
    simd::ondemand::json_type t;
    if (field.key().get(key) || field.value().type().get(t)) return false;
    if (key == "supported") {
      bool b = false;
      if (t == simd::ondemand::json_type::null) continue;
      if (t != simd::ondemand::json_type::boolean || field.value().get_bool().get(b)) return false;
      sink.numbers += b;
    } else if (t == simd::ondemand::json_type::object) {
      simd::ondemand::object inner;
      if (field.value().get_object().get(inner) || !od_capabilities(inner, depth + 1, sink)) return false;
    }
  }
  return true;
}

bool od_model(simd::ondemand::object model, SimdSink &sink) {
  for (auto field : model) {
    simd::ondemand::raw_json_string key;
    std::string_view str;
    if (field.key().get(key)) return false;
    if (is_model_string_field(key)) {
      if (field.value().is_null()) continue;
      if (field.value().get_string().get(str)) return false;
      sink.chars += str.size();
    } else if (key == "max_input_tokens" || key == "max_tokens") {
      int64_t n = 0;
      if (field.value().get_int64().get(n)) return false;
      sink.numbers += n;
    } else if (key == "capabilities") {
      simd::ondemand::object caps;
      if (field.value().get_object().get(caps) || !od_capabilities(caps, 0, sink)) return false;
    }
  }
  ++sink.models;
  return true;
}

bool od_page(simd::ondemand::parser &parser, const simd::padded_string &json, SimdSink &sink) {
  simd::ondemand::document doc;
  simd::ondemand::object root;
  if (parser.iterate(json).get(doc) || doc.get_object().get(root)) return false;
  for (auto field : root) {
    std::string_view key, str;
    if (field.unescaped_key().get(key)) return false;
    if (key == "data") {
      simd::ondemand::array arr;
      if (field.value().get_array().get(arr)) return false;
      for (auto elem : arr) {
        simd::ondemand::object model;
        if (elem.get_object().get(model) || !od_model(model, sink)) return false;
      }
    } else if (key == "first_id" || key == "last_id") {
      if (field.value().get_string().get(str)) return false;
      sink.chars += str.size();
    } else if (key == "has_more") {
      bool b = false;
      if (field.value().get_bool().get(b)) return false;
      sink.numbers += b;
    }
  }
  return true;
}

bool dom_capabilities(simd::dom::object obj, unsigned depth, SimdSink &sink) {
  if (depth > 16) return false;
  for (auto [key, value] : obj) {
    if (key == "supported") {
      if (value.is_null()) continue;
      if (!value.is_bool()) return false;
      sink.numbers += value.get_bool().value_unsafe();
    } else if (value.is_object() && !dom_capabilities(value.get_object().value_unsafe(), depth + 1, sink)) {
      return false;
    }
  }
  return true;
}

bool dom_page(simd::dom::parser &parser, const simd::padded_string &json, SimdSink &sink) {
  simd::dom::element root;
  simd::dom::object page;
  simd::dom::array arr;
  if (parser.parse(json).get(root) || root.get_object().get(page) || page["data"].get_array().get(arr)) return false;
  std::string_view s;
  bool more = false;
  if (page["first_id"].get_string().get(s)) return false;
  sink.chars += s.size();
  if (page["last_id"].get_string().get(s)) return false;
  sink.chars += s.size();
  if (page["has_more"].get_bool().get(more)) return false;
  for (simd::dom::element e : arr) {
    simd::dom::object model;
    if (e.get_object().get(model)) return false;
    for (auto [key, value] : model) {
      if (is_model_string_field(key)) {
        if (value.is_null()) continue;
        if (value.get_string().get(s)) return false;
        sink.chars += s.size();
      } else if (key == "max_input_tokens" || key == "max_tokens") {
        int64_t n = 0;
        if (value.get_int64().get(n)) return false;
        sink.numbers += n;
      } else if (key == "capabilities") {
        simd::dom::object caps;
        if (value.get_object().get(caps) || !dom_capabilities(caps, 0, sink)) return false;
      }
    }
    ++sink.models;
  }
  return true;
}

// One simdjson benchmark: `decode_page(parser, bytes, sink)` per iteration.
template <typename Parser, typename DecodePage>
void run_simdjson(benchmark::State &state, DecodePage decode_page, const char *failure) {
  const std::string &bytes = g.page_bytes;
  Parser parser;
  for (auto _ : state) {
    simd::padded_string copy(bytes);
    SimdSink sink;
    if (!decode_page(parser, copy, sink) || sink.models != 1000) {
      state.SkipWithError(failure);
      break;
    }
    benchmark::DoNotOptimize(sink);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes.size()));
}

void BM_Ref_SimdjsonOnDemand(benchmark::State &state) {
  run_simdjson<simd::ondemand::parser>(state, od_page, "simdjson ondemand decode failed");
}
BENCHMARK(BM_Ref_SimdjsonOnDemand)->Unit(benchmark::kMicrosecond);

void BM_Ref_SimdjsonDom(benchmark::State &state) {
  run_simdjson<simd::dom::parser>(state, dom_page, "simdjson DOM decode failed");
}
BENCHMARK(BM_Ref_SimdjsonDom)->Unit(benchmark::kMicrosecond);
#endif  // AM_BENCH_HAVE_SIMDJSON

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

// The bare easy loop; with `parse`, each body is also parsed (parse_body).
void run_curl_loop(benchmark::State &state, CURL *easy, bool parse) {
  for (int i = 0; i < kWarmupRequests; ++i)
    if (!perform(easy, g.curl_body) || (parse && !parse_body(g.curl_body))) {
      state.SkipWithError("curl GET (or parse) failed during warm-up");
      return;
    }
  for (auto _ : state) {
    if (!perform(easy, g.curl_body)) {
      state.SkipWithError("curl GET failed");
      break;
    }
    if (parse && !parse_body(g.curl_body)) {
      state.SkipWithError("rapidjson parse of the body failed");
      break;
    }
    benchmark::DoNotOptimize(g.curl_body.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The library as a user gets it.
void BM_AmModelGet(benchmark::State &state) { run_am_get(state, g.client); }
BENCHMARK(BM_AmModelGet)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The bare loop: x-api-key, anthropic-version, accept; the bytes only.
void BM_Baseline_CurlEasyLoop(benchmark::State &state) { run_curl_loop(state, g.curl, false); }
BENCHMARK(BM_Baseline_CurlEasyLoop)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Diagnostic: the bare loop + a rapidjson DOM of each body, since the library
// returns a fully decoded model while the plain baseline only collects bytes.
void BM_Baseline_CurlEasyLoop_Parse(benchmark::State &state) { run_curl_loop(state, g.curl, true); }
BENCHMARK(BM_Baseline_CurlEasyLoop_Parse)->Unit(benchmark::kMicrosecond)->UseRealTime();

am_client *make_client(const std::string &base_url) {
  am_options *opts = am_options_new();
  am_client *client = nullptr;
  am_error *err = nullptr;
  am_status st = AM_ERR_OUT_OF_MEMORY;
  if (opts) {
    am_options_set_ignore_env(opts, 1);
    if ((st = am_options_set_api_key(opts, "x", &err)) == AM_OK &&
        (st = am_options_set_base_url(opts, base_url.c_str(), &err)) == AM_OK &&
        (st = am_options_set_max_retries(opts, 0, &err)) == AM_OK)
      st = am_client_new(opts, &client, &err);
    am_options_free(opts);
  }
  if (st != AM_OK)
    std::fprintf(stderr, "am_bench: creating a client: %s: %s\n", am_status_name(st),
                 err ? am_error_message(err) : "-");
  am_error_free(err);
  return client;
}

CURL *make_curl(const std::string &url, curl_slist *headers) {
  CURL *easy = curl_easy_init();
  if (!easy) return nullptr;
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &g.curl_body);
  return easy;
}

// ---------------------------------------------------------------- async throughput
//
// 1000 GET /v1/models/{id} with at most 100 in flight, against a second
// in-process mock server with 128 worker threads (cpp-httplib serves each
// kept-alive connection on one thread, so it needs >= 100) and no delay.
//   BM_AsyncGets_1000x100           am_model_get_async: submit 100, then one
//                                   more from each completion callback. The
//                                   host blocks in poll() on
//                                   am_client_wakeup_fd and runs the callbacks
//                                   with am_client_dispatch (its main loop);
//                                   each callback takes the decoded model,
//                                   frees it and the request. (Calling
//                                   am_client_dispatch in a busy loop instead
//                                   takes the CPU from the client's worker and
//                                   the server: ~2x slower when pinned.)
//   BM_Baseline_CurlMulti_1000x100  one curl multi handle, 100 reused easy
//                                   handles (same URL and headers), bodies
//                                   appended to strings, NO JSON decoding
//                                   (the library decodes every model), CURLMOPT
//                                   defaults; curl_multi_perform/info_read/poll.
//   BM_Baseline_CurlMulti_1000x100_Parse  diagnostic: the same loop + a
//                                   rapidjson Document::Parse of each completed
//                                   body (on the polling thread, as it completes).
// Each benchmark run makes its own client (or multi handle), warms it with one
// untimed batch (which opens the 100 connections) and reuses it for every
// timed iteration; it is freed at the end of the run, closing its connections
// so the next run finds the server's threads free. Wall-clock time; items = GETs.

constexpr int kAsyncTotal = 1000;
constexpr int kAsyncWindow = 100;
constexpr int kAsyncPollTimeoutMs = 10000;  // a batch that stalls this long is an error

struct AsyncBatch {
  am_client *client = nullptr;
  int submitted = 0, completed = 0, failed = 0;
  std::string why;
};

void on_async_get(am_request *req, void *userdata);

void submit_async_get(AsyncBatch &b) {
  am_request *req = nullptr;
  am_error *err = nullptr;
  ++b.submitted;
  if (am_model_get_async(b.client, kModelId, on_async_get, &b, nullptr, &req, &err) != AM_OK) {
    if (b.why.empty()) b.why = std::string("am_model_get_async: ") + am_error_message(err);
    ++b.failed;
    ++b.completed;  // nothing will call back
  }
  am_error_free(err);
}

void on_async_get(am_request *req, void *userdata) {
  AsyncBatch &b = *static_cast<AsyncBatch *>(userdata);
  am_model *m = nullptr;
  am_error *err = nullptr;
  if (am_request_take_model(req, &m, &err) != AM_OK) {
    if (b.why.empty()) b.why = std::string("am_model_get_async: ") + am_error_message(err);
    ++b.failed;
  } else {
    benchmark::DoNotOptimize(am_model_id(m));
  }
  am_model_free(m);
  am_error_free(err);
  am_request_free(req);
  ++b.completed;
  if (b.submitted < kAsyncTotal) submit_async_get(b);
}

// One batch of kAsyncTotal GETs, kAsyncWindow in flight; false (with why) on failure.
bool run_async_batch(am_client *client, std::string &why) {
  AsyncBatch b;
  b.client = client;
  for (int i = 0; i < kAsyncWindow && b.submitted < kAsyncTotal; ++i) submit_async_get(b);
  pollfd pfd{am_client_wakeup_fd(client), POLLIN, 0};
  while (b.completed < kAsyncTotal) {
    if (poll(&pfd, 1, kAsyncPollTimeoutMs) == 0) {
      why = "no completion within " + std::to_string(kAsyncPollTimeoutMs) + " ms";
      return false;  // error path: the caller frees the client, which cancels what is left
                     // (the handles of those requests are not freed)
    }
    am_client_dispatch(client, 0);
  }
  if (b.failed) why = std::to_string(b.failed) + " of " + std::to_string(kAsyncTotal) + " failed; first: " + b.why;
  return b.failed == 0;
}

void run_async_gets(benchmark::State &state) {
  am_client *client = make_client(g.async_base_url);
  if (!client) {
    state.SkipWithError("could not create a client");
    return;
  }
  std::string why;
  if (!run_async_batch(client, why)) {  // warm-up: opens the connections
    state.SkipWithError(("warm-up: " + why).c_str());
  } else {
    for (auto _ : state) {
      if (!run_async_batch(client, why)) {
        state.SkipWithError(why.c_str());
        break;
      }
    }
  }
  am_client_free(client);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kAsyncTotal);
}

void BM_AsyncGets_1000x100(benchmark::State &state) { run_async_gets(state); }
BENCHMARK(BM_AsyncGets_1000x100)->Unit(benchmark::kMillisecond)->UseRealTime();

struct CurlMulti {
  CURLM *multi = nullptr;
  curl_slist *headers = nullptr;
  std::vector<CURL *> easy;
  std::vector<std::string> body;

  CurlMulti() : easy(kAsyncWindow, nullptr), body(kAsyncWindow) {
    multi = curl_multi_init();
    headers = request_headers();
    const std::string url = g.async_base_url + "/v1/models/" + kModelId;
    for (int i = 0; i < kAsyncWindow; ++i) {
      if (!(easy[i] = curl_easy_init())) continue;
      curl_easy_setopt(easy[i], CURLOPT_URL, url.c_str());
      curl_easy_setopt(easy[i], CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt(easy[i], CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, append_body);
      curl_easy_setopt(easy[i], CURLOPT_WRITEDATA, &body[i]);
      curl_easy_setopt(easy[i], CURLOPT_PRIVATE, reinterpret_cast<char *>(static_cast<intptr_t>(i)));
    }
  }
  ~CurlMulti() {
    for (CURL *e : easy) curl_easy_cleanup(e);  // none is attached to the multi any more
    curl_multi_cleanup(multi);
    curl_slist_free_all(headers);
  }
  bool ok() const {
    for (CURL *e : easy)
      if (!e) return false;
    return multi && headers;
  }

  // One batch of kAsyncTotal GETs, kAsyncWindow in flight; with `parse`, each
  // completed body is also parsed (parse_body). False (with why) on failure.
  bool batch(std::string &why, bool parse) {
    int submitted = 0, completed = 0, failed = 0;
    auto add = [&](int i) {
      body[i].clear();
      ++submitted;
      if (curl_multi_add_handle(multi, easy[i]) != CURLM_OK) {
        ++failed;
        ++completed;
      }
    };
    for (int i = 0; i < kAsyncWindow && submitted < kAsyncTotal; ++i) add(i);
    while (completed < kAsyncTotal) {
      int running = 0;
      if (curl_multi_perform(multi, &running) != CURLM_OK) {
        why = "curl_multi_perform failed";
        break;
      }
      int left = 0;
      while (CURLMsg *m = curl_multi_info_read(multi, &left)) {
        if (m->msg != CURLMSG_DONE) continue;
        CURL *e = m->easy_handle;
        CURLcode code = m->data.result;
        char *priv = nullptr;
        curl_easy_getinfo(e, CURLINFO_PRIVATE, &priv);
        const int i = static_cast<int>(reinterpret_cast<intptr_t>(priv));
        long status = 0;
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
        if (code != CURLE_OK || status != 200) {
          if (why.empty()) why = std::string("GET: ") + curl_easy_strerror(code) + ", HTTP " + std::to_string(status);
          ++failed;
        } else if (parse && !parse_body(body[i])) {
          if (why.empty()) why = "rapidjson parse of a body failed";
          ++failed;
        }
        benchmark::DoNotOptimize(body[i].data());
        curl_multi_remove_handle(multi, e);
        ++completed;
        if (submitted < kAsyncTotal) add(i);
      }
      if (completed < kAsyncTotal && running > 0) curl_multi_poll(multi, nullptr, 0, kAsyncPollTimeoutMs, nullptr);
    }
    if (completed < kAsyncTotal) {  // detach what is still running
      for (CURL *e : easy) curl_multi_remove_handle(multi, e);
      return false;
    }
    if (failed) why = std::to_string(failed) + " of " + std::to_string(kAsyncTotal) + " failed; first: " + why;
    return failed == 0;
  }
};

void run_curl_multi(benchmark::State &state, bool parse) {
  CurlMulti cm;
  if (!cm.ok()) {
    state.SkipWithError("curl multi/easy init failed");
    return;
  }
  std::string why;
  if (!cm.batch(why, parse)) {  // warm-up: opens the connections
    state.SkipWithError(("warm-up: " + why).c_str());
    return;
  }
  for (auto _ : state) {
    if (!cm.batch(why, parse)) {
      state.SkipWithError(why.c_str());
      break;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kAsyncTotal);
}

void BM_Baseline_CurlMulti_1000x100(benchmark::State &state) { run_curl_multi(state, false); }
BENCHMARK(BM_Baseline_CurlMulti_1000x100)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Baseline_CurlMulti_1000x100_Parse(benchmark::State &state) { run_curl_multi(state, true); }
BENCHMARK(BM_Baseline_CurlMulti_1000x100_Parse)->Unit(benchmark::kMillisecond)->UseRealTime();

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
  // The async benchmarks keep 100 connections open: a server of their own
  // with a thread per connection (and no synthetic models).
  am::mock::ServerOptions aso;
  aso.threads = 128;
  am::mock::MockServer async_server(aso);
  if (!async_server.start(&error)) {
    std::fprintf(stderr, "am_bench: async mock server: %s\n", error.c_str());
    return 1;
  }
  g.async_base_url = async_server.base_url();
  const bool nodelay = std::getenv("AM_BENCH_SERVER_NAGLE") == nullptr;  // set it to see the 40 ms stall
  if (nodelay && (enable_server_nodelay(server.port()) == 0 || enable_server_nodelay(async_server.port()) == 0))
    std::fprintf(stderr, "am_bench: warning: could not set TCP_NODELAY on the mock servers' sockets\n");

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

  if (!(g.client = make_client(g.base_url))) return 1;

  g.get_url = g.base_url + "/v1/models/" + kModelId;
  g.headers = request_headers();
  g.curl = make_curl(g.get_url, g.headers);
  if (!g.curl) {
    std::fprintf(stderr, "am_bench: curl_easy_init failed\n");
    return 1;
  }

  benchmark::AddCustomContext("page_bytes", std::to_string(g.page_bytes.size()));
  benchmark::AddCustomContext("get_model", kModelId);
  benchmark::AddCustomContext("malloc", tuned_malloc ? "mmap/trim thresholds raised" : "glibc defaults");
  benchmark::AddCustomContext("async_server_threads", std::to_string(aso.threads));
  benchmark::AddCustomContext("curl_baselines",
                              "bodies into strings, no JSON work; *_Parse: + rapidjson Document::Parse per body");
  benchmark::AddCustomContext("server_tcp_nodelay", nodelay ? "forced on by am_bench" : "off (mock default)");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  curl_easy_cleanup(g.curl);
  curl_slist_free_all(g.headers);
  am_client_free(g.client);
  server.stop();
  async_server.stop();
  curl_global_cleanup();
  return 0;
}
