/*
 * bridge.h - the C side of the Go binding: what cgo cannot express directly
 * (function pointers to the exported Go callbacks, a cgo.Handle as userdata)
 * and the reads that would otherwise cost one cgo call per field.
 */
#ifndef AMGO_BRIDGE_H
#define AMGO_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#include "anthropic_models.h"

/* A borrowed string and its length; ptr is NULL when the value is absent. */
typedef struct {
  const char *ptr;
  size_t len;
} amgo_str;

/* What submitting an asynchronous call gave. */
typedef struct {
  am_status status;
  am_request *req; /* NULL when the submission failed */
  am_error *err;   /* the submission's error, or NULL */
} amgo_submitted;

/* The kinds of request, for taking their result. */
enum { AMGO_KIND_MODEL = 0, AMGO_KIND_LIST = 1 };

/* The result of a finished request, taken inside its callback. */
typedef struct {
  am_status status;
  am_model *model;     /* AMGO_KIND_MODEL on success */
  am_model_list *list; /* AMGO_KIND_LIST on success */
  am_error *err;       /* on failure */
} amgo_result;

/* Submissions whose callback and userdata_free are the exported Go functions,
 * with a runtime/cgo.Handle as userdata. */
amgo_submitted amgo_get_async(am_client *client, const char *id, uintptr_t handle);
amgo_submitted amgo_list_async(am_client *client, const am_list_params *params, int32_t all,
                               uintptr_t handle);
amgo_result amgo_take(am_request *req, int32_t kind);

/* Installs the exported Go log callback with a cgo.Handle as userdata. */
am_status amgo_set_log_callback(am_client *client, uintptr_t handle, am_error **err);

/* Every scalar and string field of one model. */
typedef struct {
  amgo_str id, display_name, type, lifecycle, line, json;
  int64_t created_at, deprecated_at, retires_at, max_input_tokens, max_tokens;
  int32_t has_created_at, has_deprecated_at, has_retires_at, has_max_input_tokens, has_max_tokens;
  size_t effort_levels, thinking_types, capabilities; /* counts */
} amgo_model_fields;

/* Everything of a list (or of one model) in one block of C memory, so that
 * converting costs two cgo calls however many models there are. Each model's
 * names are its effort levels, thinking types and capability paths, in that
 * order, following the previous model's; support holds one entry per
 * capability, model after model. */
typedef struct {
  size_t count;
  amgo_model_fields *models; /* count entries */
  amgo_str *names;
  int32_t *support;
  amgo_str first_id, last_id; /* lists only */
  int32_t has_more;
} amgo_view;

/* NULL when out of memory; release with amgo_view_free. Borrows the strings
 * of the list or model, which must outlive the view. */
amgo_view *amgo_view_list(const am_model_list *list);
amgo_view *amgo_view_model(const am_model *model);
void amgo_view_free(amgo_view *view);

/* How a list was answered (lists from the client's cache) and its size. */
typedef struct {
  size_t count;
  int32_t from_cache, stale;
  int64_t age_ms;
} amgo_list_info;
amgo_list_info amgo_read_list_info(const am_model_list *list);

/* The identity of each of the first count models of a list: the address of
 * its id, which every list sharing the model (a selection and its input)
 * gives. Zero for a model without an id. */
void amgo_list_keys(const am_model_list *list, uintptr_t *keys, size_t count);
/* The identity of one model, as amgo_list_keys gives it. */
uintptr_t amgo_model_key(const am_model *model);

/* Every field of an error in one call. */
typedef struct {
  am_status status;
  int32_t http_status, attempts;
  int64_t retry_after_ms;
  amgo_str type, message, request_id;
} amgo_error_fields;
void amgo_read_error(const am_error *err, amgo_error_fields *out);

#endif
