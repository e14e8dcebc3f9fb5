/* reference.c - see reference.h. */
#include "reference.h"

#include <string.h>

am_status cref_client_new(const char *base_url, const char *api_key, am_client **out) {
  am_options *o = am_options_new();
  am_status s;
  if (!o) return AM_ERR_OUT_OF_MEMORY;
  am_options_set_ignore_env(o, 1);
  s = am_options_set_base_url(o, base_url, NULL);
  if (s == AM_OK) s = am_options_set_api_key(o, api_key, NULL);
  if (s == AM_OK) s = am_client_new(o, out, NULL);
  am_options_free(o);
  return s;
}

am_status cref_list(am_client *c, int32_t limit, am_model_list **out) {
  am_list_params *p = am_list_params_new();
  am_status s;
  if (!p) return AM_ERR_OUT_OF_MEMORY;
  s = am_list_params_set_limit(p, limit, NULL);
  if (s == AM_OK) s = am_models_list(c, p, out, NULL);
  am_list_params_free(p);
  return s;
}

/* A C program that uses a string touches its bytes: count them. */
static uint64_t len(const char *s) { return s ? strlen(s) : 0; }

/* Every field the binding's Model has, read through the accessors. */
static uint64_t read_model(const am_model *m) {
  uint64_t sum = 0;
  int64_t v = 0;
  size_t i, n;
  sum += len(am_model_id(m)) + len(am_model_display_name(m)) + len(am_model_type(m));
  sum += len(am_model_lifecycle(m)) + len(am_model_line(m)) + len(am_model_json(m));
  if (am_model_created_at_unix(m, &v)) sum += (uint64_t)v;
  if (am_model_deprecated_at_unix(m, &v)) sum += (uint64_t)v;
  if (am_model_retires_at_unix(m, &v)) sum += (uint64_t)v;
  if (am_model_max_input_tokens(m, &v)) sum += (uint64_t)v;
  if (am_model_max_tokens(m, &v)) sum += (uint64_t)v;
  n = am_model_effort_level_count(m);
  for (i = 0; i < n; ++i) sum += len(am_model_effort_level_at(m, i));
  n = am_model_thinking_type_count(m);
  for (i = 0; i < n; ++i) sum += len(am_model_thinking_type_at(m, i));
  n = am_model_capability_count(m);
  for (i = 0; i < n; ++i)
    sum += len(am_model_capability_path_at(m, i)) + (uint64_t)(am_model_capability_support_at(m, i) + 1);
  return sum;
}

uint64_t cref_read_every_field(const am_model_list *list) {
  uint64_t sum = len(am_model_list_first_id(list)) + len(am_model_list_last_id(list)) +
                 (uint64_t)am_model_list_has_more(list);
  size_t i, n = am_model_list_count(list);
  for (i = 0; i < n; ++i) sum += read_model(am_model_list_at(list, i));
  return sum;
}

am_status cref_list_and_read(am_client *c, int32_t limit, int n, uint64_t *sum) {
  int i;
  *sum = 0;
  for (i = 0; i < n; ++i) {
    am_model_list *list = NULL;
    am_status s = cref_list(c, limit, &list);
    if (s != AM_OK) return s;
    *sum += cref_read_every_field(list);
    am_model_list_free(list);
  }
  return AM_OK;
}

am_status cref_get_loop(am_client *c, const char *id, int n) {
  int i;
  for (i = 0; i < n; ++i) {
    am_model *m = NULL;
    am_status s = am_model_get(c, id, &m, NULL);
    if (s != AM_OK) return s;
    am_model_free(m);
  }
  return AM_OK;
}
