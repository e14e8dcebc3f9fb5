/* bridge.c - see bridge.h. */
#include "bridge.h"

#include <stdlib.h>
#include <string.h>

#include "_cgo_export.h"

/* The exported Go functions have Go's parameter types; these adapt them to
 * the library's callback types. */
static void on_finished(am_request *req, void *userdata) { amgoRequestFinished(req, userdata); }
static void on_released(void *userdata) { amgoRequestReleased(userdata); }
static void on_log(am_log_level level, const char *message, void *userdata) {
  amgoLog(level, (char *)message, userdata);
}
static void on_log_released(void *userdata) { amgoLogReleased(userdata); }

amgo_submitted amgo_get_async(am_client *client, const char *id, uintptr_t handle) {
  amgo_submitted s = {AM_OK, NULL, NULL};
  s.status = am_model_get_async(client, id, on_finished, (void *)handle, on_released, &s.req, &s.err);
  return s;
}

amgo_submitted amgo_list_async(am_client *client, const am_list_params *params, int32_t all,
                               uintptr_t handle) {
  amgo_submitted s = {AM_OK, NULL, NULL};
  if (all)
    s.status = am_models_list_all_async(client, params, on_finished, (void *)handle, on_released, &s.req, &s.err);
  else
    s.status = am_models_list_async(client, params, on_finished, (void *)handle, on_released, &s.req, &s.err);
  return s;
}

amgo_result amgo_take(am_request *req, int32_t kind) {
  amgo_result r = {AM_OK, NULL, NULL, NULL};
  if (kind == AMGO_KIND_LIST)
    r.status = am_request_take_list(req, &r.list, &r.err);
  else
    r.status = am_request_take_model(req, &r.model, &r.err);
  return r;
}

am_status amgo_set_log_callback(am_client *client, uintptr_t handle, am_error **err) {
  return am_client_set_log_callback(client, on_log, (void *)handle, on_log_released, err);
}

static amgo_str str(const char *s) {
  amgo_str r = {s, s ? strlen(s) : 0};
  return r;
}

static void read_fields(const am_model *m, amgo_model_fields *out) {
  out->id = str(am_model_id(m));
  out->display_name = str(am_model_display_name(m));
  out->type = str(am_model_type(m));
  out->lifecycle = str(am_model_lifecycle(m));
  out->line = str(am_model_line(m));
  out->json = str(am_model_json(m));
  out->has_created_at = am_model_created_at_unix(m, &out->created_at);
  out->has_deprecated_at = am_model_deprecated_at_unix(m, &out->deprecated_at);
  out->has_retires_at = am_model_retires_at_unix(m, &out->retires_at);
  out->has_max_input_tokens = am_model_max_input_tokens(m, &out->max_input_tokens);
  out->has_max_tokens = am_model_max_tokens(m, &out->max_tokens);
  out->effort_levels = am_model_effort_level_count(m);
  out->thinking_types = am_model_thinking_type_count(m);
  out->capabilities = am_model_capability_count(m);
}

/* Fills a model's names and supports; returns the ends of both. */
static void read_names(const am_model *m, const amgo_model_fields *f, amgo_str **names, int32_t **support) {
  size_t i;
  for (i = 0; i < f->effort_levels; ++i) *(*names)++ = str(am_model_effort_level_at(m, i));
  for (i = 0; i < f->thinking_types; ++i) *(*names)++ = str(am_model_thinking_type_at(m, i));
  for (i = 0; i < f->capabilities; ++i) {
    *(*names)++ = str(am_model_capability_path_at(m, i));
    *(*support)++ = am_model_capability_support_at(m, i);
  }
}

/* The models of a view: those of a list, or a single one. */
static const am_model *model_at(const am_model_list *list, const am_model *single, size_t i) {
  return list ? am_model_list_at(list, i) : single;
}

static amgo_view *make_view(const am_model_list *list, const am_model *single, size_t count) {
  amgo_view *v;
  amgo_model_fields *fields;
  amgo_str *names;
  int32_t *support;
  size_t i, total_names = 0, total_caps = 0;
  char *block;
  /* The fields first, for the counts; then one block with the view, the
   * names and the supports (the int32_t array last keeps each part aligned). */
  fields = malloc(count ? count * sizeof *fields : 1);
  if (!fields) return NULL;
  for (i = 0; i < count; ++i) {
    read_fields(model_at(list, single, i), &fields[i]);
    total_names += fields[i].effort_levels + fields[i].thinking_types + fields[i].capabilities;
    total_caps += fields[i].capabilities;
  }
  block = malloc(sizeof *v + total_names * sizeof *names + total_caps * sizeof *support);
  if (!block) {
    free(fields);
    return NULL;
  }
  v = (amgo_view *)block;
  memset(v, 0, sizeof *v);
  v->count = count;
  v->models = fields;
  v->names = names = (amgo_str *)(block + sizeof *v);
  v->support = support = (int32_t *)(block + sizeof *v + total_names * sizeof *names);
  for (i = 0; i < count; ++i) read_names(model_at(list, single, i), &fields[i], &names, &support);
  if (list) {
    v->first_id = str(am_model_list_first_id(list));
    v->last_id = str(am_model_list_last_id(list));
    v->has_more = am_model_list_has_more(list);
  }
  return v;
}

amgo_view *amgo_view_list(const am_model_list *list) { return make_view(list, NULL, am_model_list_count(list)); }
amgo_view *amgo_view_model(const am_model *model) { return make_view(NULL, model, 1); }

void amgo_view_free(amgo_view *view) {
  if (!view) return;
  free(view->models);
  free(view);
}

amgo_list_info amgo_read_list_info(const am_model_list *list) {
  amgo_list_info info;
  info.count = am_model_list_count(list);
  info.from_cache = am_model_list_from_cache(list);
  info.stale = am_model_list_is_stale(list);
  info.age_ms = am_model_list_age_ms(list);
  return info;
}

uintptr_t amgo_model_key(const am_model *model) { return (uintptr_t)am_model_id(model); }

void amgo_list_keys(const am_model_list *list, uintptr_t *keys, size_t count) {
  size_t i;
  for (i = 0; i < count; ++i) keys[i] = amgo_model_key(am_model_list_at(list, i));
}

void amgo_read_error(const am_error *err, amgo_error_fields *out) {
  out->status = am_error_status(err);
  out->http_status = am_error_http_status(err);
  out->attempts = am_error_attempts(err);
  out->retry_after_ms = am_error_retry_after_ms(err);
  out->type = str(am_error_type(err));
  out->message = str(am_error_message(err));
  out->request_id = str(am_error_request_id(err));
}
