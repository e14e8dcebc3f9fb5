/* The C side of the field-read benchmark: reads every field of every model of a list through the
 * public API, as FieldReadBenchmarks does through ModelInfo, and fetches that list. Compiled by
 * bench.sh into a shared library the benchmark loads. */
#include <stdint.h>
#include <string.h>

#include "anthropic_models.h"

#if defined(__GNUC__)
#define BENCH_API __attribute__((visibility("default")))
#else
#define BENCH_API
#endif

static uint64_t text(const char *s) { return s ? (uint64_t)strlen(s) : 0; }

/* A number read through a "has" accessor: 0 when absent. (The call must finish before *out is
 * read, so it is not written as f(get(m, &v), v), whose argument order C leaves open.) */
static uint64_t number(int32_t (*get)(const am_model *, int64_t *), const am_model *m) {
  int64_t v = 0;
  return get(m, &v) ? (uint64_t)v : 0;
}

/* Every field ModelInfo exposes except the raw JSON, of one model. The sum keeps the compiler from
 * dropping reads, and each string is walked, as a caller using it would. */
BENCH_API uint64_t bench_read_model_fields(const am_model *m) {
  uint64_t sum = 0;
  sum += text(am_model_id(m)) + text(am_model_display_name(m)) + text(am_model_type(m));
  sum += number(am_model_created_at_unix, m);
  sum += number(am_model_max_input_tokens, m);
  sum += number(am_model_max_tokens, m);
  sum += text(am_model_lifecycle(m)) + text(am_model_line(m));
  sum += number(am_model_deprecated_at_unix, m);
  sum += number(am_model_retires_at_unix, m);
  for (size_t j = 0, n = am_model_effort_level_count(m); j < n; j++) sum += text(am_model_effort_level_at(m, j));
  for (size_t j = 0, n = am_model_thinking_type_count(m); j < n; j++) sum += text(am_model_thinking_type_at(m, j));
  for (size_t j = 0, n = am_model_capability_count(m); j < n; j++)
    sum += text(am_model_capability_path_at(m, j)) + (uint64_t)(am_model_capability_support_at(m, j) + 1);
  return sum;
}

BENCH_API uint64_t bench_read_all_fields(const am_model_list *list) {
  uint64_t sum = 0;
  for (size_t i = 0, count = am_model_list_count(list); i < count; i++) sum += bench_read_model_fields(am_model_list_at(list, i));
  return sum;
}

BENCH_API uint64_t bench_read_all_fields_and_json(const am_model_list *list) {
  uint64_t sum = bench_read_all_fields(list);
  size_t count = am_model_list_count(list);
  for (size_t i = 0; i < count; i++) sum += text(am_model_json(am_model_list_at(list, i)));
  return sum;
}

/* One page of up to `limit` models from the server, or NULL. Free with am_model_list_free. */
BENCH_API am_model_list *bench_fetch(const char *base_url, const char *api_key, int32_t limit) {
  am_options *opts = am_options_new();
  am_client *client = NULL;
  am_list_params *params = am_list_params_new();
  am_model_list *list = NULL;
  if (opts && params && am_options_set_base_url(opts, base_url, NULL) == AM_OK &&
      am_options_set_api_key(opts, api_key, NULL) == AM_OK && am_client_new(opts, &client, NULL) == AM_OK &&
      am_list_params_set_limit(params, limit, NULL) == AM_OK)
    am_models_list(client, params, &list, NULL);
  am_client_free(client);
  am_list_params_free(params);
  am_options_free(opts);
  return list;
}
