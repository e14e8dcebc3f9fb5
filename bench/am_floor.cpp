// am_floor: the library against the honest floor of a hand-written client,
// both talking to the same OUT-OF-PROCESS am-mock-server (bench/floor.sh and
// bench/peers/run.sh start it and pass its URL).
//
//   list_all  library: am_models_list_all (limit 1000, default options except
//                      max_retries 0), reads every am_model_id, frees the list
//             floor:   one libcurl easy handle (its one kept-alive connection),
//                      GET /v1/models?limit=1000[&after_id=LAST] while has_more,
//                      each body into a reused std::string, RapidJSON
//                      ParseInsitu, every data[i].id read, then last_id/has_more
//   get       library: am_model_get + am_model_free of one model
//             floor:   the same easy handle, GET /v1/models/{id}, body into the
//                      reused string (bytes only: the ratio the issue targets)
//
// Every sample is ONE call, timed with steady_clock. Rounds interleave the
// four kinds (order rotated each round) so background load hits them alike;
// each kind is warmed up before the first round. Prints one line per kind:
//   result <kind> median_us <m> p10_us <a> p90_us <b> n <samples> [items <models>]
// and nothing else on stdout (diagnostics go to stderr).
//
// Usage: am_floor BASE_URL [ROUNDS] [LIST_CALLS_PER_ROUND] [GET_CALLS_PER_ROUND]
#include <curl/curl.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "anthropic_models.h"

namespace {

constexpr const char *kModelId = "claude-opus-4-6";

size_t append_body(char *data, size_t size, size_t nmemb, void *user) {
  static_cast<std::string *>(user)->append(data, size * nmemb);
  return size * nmemb;
}

// The hand-written client: one easy handle, one connection, one body buffer.
struct Floor {
  CURL *easy = nullptr;
  curl_slist *headers = nullptr;
  std::string base, body;

  explicit Floor(std::string base_url) : base(std::move(base_url)) {
    easy = curl_easy_init();
    headers = curl_slist_append(headers, "x-api-key: x");
    headers = curl_slist_append(headers, "anthropic-version: 2023-06-01");
    headers = curl_slist_append(headers, "accept: application/json");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  }
  ~Floor() {
    curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
  }

  bool fetch(const std::string &url) {
    body.clear();
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    if (curl_easy_perform(easy) != CURLE_OK) return false;
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    return status == 200;
  }

  // Every page; returns the number of ids read, -1 on failure.
  long list_all() {
    long ids = 0;
    std::string after;
    for (;;) {
      std::string url = base + "/v1/models?limit=1000";
      if (!after.empty()) url += "&after_id=" + after;
      if (!fetch(url)) return -1;
      rapidjson::Document d;
      d.ParseInsitu(&body[0]);
      if (d.HasParseError() || !d.IsObject()) return -1;
      auto data = d.FindMember("data");
      if (data == d.MemberEnd() || !data->value.IsArray()) return -1;
      for (const auto &m : data->value.GetArray()) {
        auto id = m.FindMember("id");
        if (id == m.MemberEnd() || !id->value.IsString() || id->value.GetStringLength() == 0) return -1;
        ++ids;
      }
      auto more = d.FindMember("has_more");
      auto last = d.FindMember("last_id");
      if (more == d.MemberEnd() || !more->value.IsBool() || !more->value.GetBool()) return ids;
      if (last == d.MemberEnd() || !last->value.IsString()) return -1;
      after = last->value.GetString();
    }
  }

  bool get() { return fetch(base + "/v1/models/" + kModelId) && !body.empty(); }
};

am_client *make_client(const std::string &base_url) {
  am_options *opts = am_options_new();
  am_client *client = nullptr;
  am_error *err = nullptr;
  if (opts) am_options_set_ignore_env(opts, 1);
  if (opts && am_options_set_api_key(opts, "x", &err) == AM_OK &&
      am_options_set_base_url(opts, base_url.c_str(), &err) == AM_OK &&
      am_options_set_max_retries(opts, 0, &err) == AM_OK)
    am_client_new(opts, &client, &err);
  if (!client) std::fprintf(stderr, "am_floor: client: %s\n", err ? am_error_message(err) : "out of memory");
  am_error_free(err);
  am_options_free(opts);
  return client;
}

long library_list_all(am_client *client, const am_list_params *params) {
  am_model_list *list = nullptr;
  am_error *err = nullptr;
  if (am_models_list_all(client, params, &list, &err) != AM_OK) {
    std::fprintf(stderr, "am_floor: am_models_list_all: %s\n", am_error_message(err));
    am_error_free(err);
    return -1;
  }
  long ids = 0;
  for (size_t i = 0, n = am_model_list_count(list); i < n; ++i)
    if (*am_model_id(am_model_list_at(list, i))) ++ids;
  am_model_list_free(list);
  return ids;
}

bool library_get(am_client *client) {
  am_model *m = nullptr;
  am_error *err = nullptr;
  if (am_model_get(client, kModelId, &m, &err) != AM_OK) {
    std::fprintf(stderr, "am_floor: am_model_get: %s\n", am_error_message(err));
    am_error_free(err);
    return false;
  }
  bool ok = *am_model_id(m) != '\0';
  am_model_free(m);
  return ok;
}

struct Kind {
  const char *name;
  int calls_per_round;
  std::function<long()> call;  // items (models) of the call, -1 on failure
  std::vector<double> us;
  long items = 0;
};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: am_floor BASE_URL [ROUNDS] [LIST_CALLS_PER_ROUND] [GET_CALLS_PER_ROUND]\n");
    return 2;
  }
  const std::string base = argv[1];
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 20;
  const int list_calls = argc > 3 ? std::atoi(argv[3]) : 10;
  const int get_calls = argc > 4 ? std::atoi(argv[4]) : 200;
  if (rounds < 1 || list_calls < 1 || get_calls < 1) {
    std::fprintf(stderr, "am_floor: rounds and calls must be positive\n");
    return 2;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  am_client *client = make_client(base);
  am_list_params *params = am_list_params_new();
  if (!client || !params || am_list_params_set_limit(params, 1000, nullptr) != AM_OK) return 1;
  int status = 0;
  {
    Floor floor(base);
    std::vector<Kind> kinds = {
        {"library_list_all", list_calls, [&] { return library_list_all(client, params); }, {}, 0},
        {"floor_list_all", list_calls, [&] { return floor.list_all(); }, {}, 0},
        {"library_get", get_calls, [&] { return library_get(client) ? 1L : -1L; }, {}, 0},
        {"floor_get", get_calls, [&] { return floor.get() ? 1L : -1L; }, {}, 0},
    };
    for (Kind &k : kinds)  // warm-up: connections, allocator, caches
      for (int i = 0; i < std::max(3, k.calls_per_round / 4); ++i)
        if ((k.items = k.call()) < 0) {
          std::fprintf(stderr, "am_floor: %s failed during warm-up\n", k.name);
          return 1;
        }
    if (kinds[0].items != kinds[1].items) {
      std::fprintf(stderr, "am_floor: library listed %ld models, floor %ld\n", kinds[0].items, kinds[1].items);
      return 1;
    }
    for (int r = 0; r < rounds && status == 0; ++r) {
      for (size_t j = 0; j < kinds.size() && status == 0; ++j) {
        Kind &k = kinds[(j + static_cast<size_t>(r)) % kinds.size()];
        for (int i = 0; i < k.calls_per_round; ++i) {
          auto t0 = std::chrono::steady_clock::now();
          long items = k.call();
          auto t1 = std::chrono::steady_clock::now();
          if (items < 0) {
            std::fprintf(stderr, "am_floor: %s failed\n", k.name);
            status = 1;
            break;
          }
          k.us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        }
      }
    }
    if (status == 0)
      for (const Kind &k : kinds) {
        std::printf("result %s median_us %.1f p10_us %.1f p90_us %.1f n %zu", k.name, percentile(k.us, 0.5),
                    percentile(k.us, 0.1), percentile(k.us, 0.9), k.us.size());
        if (k.calls_per_round == list_calls) std::printf(" items %ld", k.items);
        std::printf("\n");
      }
  }
  am_list_params_free(params);
  am_client_free(client);
  curl_global_cleanup();
  return status;
}
