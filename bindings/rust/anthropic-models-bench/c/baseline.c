/*
 * The C side of each benchmark: the same work as the Rust side, done with the
 * C API directly. Strings are measured with strlen, as Rust must find their
 * length too; every value feeds a checksum, which both sides must agree on.
 */
#include <stdint.h>
#include <string.h>

#include "anthropic_models.h"

static uint64_t len(const char *s) { return s ? (uint64_t)strlen(s) : 0; }

static uint64_t support(am_support s) { return (uint64_t)(s + 1); }

typedef int32_t (*number_getter)(const am_model *, int64_t *);

static uint64_t number(const am_model *m, number_getter get) {
  int64_t value = 0;
  return get(m, &value) ? (uint64_t)value : 0;
}

/* Reads every field of every model of `list`. */
uint64_t am_bench_c_read_fields(const am_model_list *list) {
  uint64_t sum = 0;
  size_t n = am_model_list_count(list);
  for (size_t i = 0; i < n; i++) {
    const am_model *m = am_model_list_at(list, i);
    sum += len(am_model_id(m)) + len(am_model_display_name(m)) + len(am_model_type(m));
    sum += len(am_model_created_at(m)) + len(am_model_deprecated_at(m)) + len(am_model_retires_at(m));
    sum += number(m, am_model_created_at_unix) + number(m, am_model_deprecated_at_unix) +
           number(m, am_model_retires_at_unix);
    sum += number(m, am_model_max_input_tokens) + number(m, am_model_max_tokens);
    sum += len(am_model_lifecycle(m)) + len(am_model_line(m)) + len(am_model_json(m));
    for (am_capability c = 1; c < AM_CAP_COUNT; c++) sum += support(am_model_supports(m, c));
    for (size_t k = 0, count = am_model_capability_count(m); k < count; k++)
      sum += len(am_model_capability_path_at(m, k)) + support(am_model_capability_support_at(m, k));
    for (size_t k = 0, count = am_model_effort_level_count(m); k < count; k++)
      sum += len(am_model_effort_level_at(m, k));
    for (size_t k = 0, count = am_model_thinking_type_count(m); k < count; k++)
      sum += len(am_model_thinking_type_at(m, k));
  }
  return sum;
}

/* `times` warm gets of one model; returns how many failed. */
int32_t am_bench_c_get(am_client *client, const char *id, int32_t times) {
  int32_t failed = 0;
  for (int32_t i = 0; i < times; i++) {
    am_model *m = NULL;
    if (am_model_get(client, id, &m, NULL) != AM_OK) failed++;
    am_model_free(m);
  }
  return failed;
}
