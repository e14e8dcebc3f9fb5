/* Compiles anthropic_models.h as strict C99 (-std=c99 -pedantic -Wall -Wextra
 * -Werror): every function is referenced, with and without its exact type,
 * and every constant is used and pinned to its documented value. */
#include "anthropic_models.h"
#include "anthropic_models.h" /* the include guard must hold */

#include <stddef.h>
#include <stdint.h>

/* Every function, by name: a misspelt or missing declaration fails here. */
typedef void (*am_abi_generic_fn)(void);
#define AM_ABI_FN(name) (am_abi_generic_fn)name,
const am_abi_generic_fn am_abi_every_function[] = {
#include "api_functions.inc"
    NULL};
#undef AM_ABI_FN

/* Every function, by exact type: a changed signature fails here. */
#include "api_typed.inc"
const struct am_abi_typed am_abi_typed_table = {
#define AM_ABI_FN(name) name,
#include "api_functions.inc"
#undef AM_ABI_FN
};

/* Compile-time checks without _Static_assert (C11). */
#define AM_ABI_CHECK(name, cond) typedef char am_abi_check_##name[(cond) ? 1 : -1]

AM_ABI_CHECK(status_size, sizeof(am_status) == 4);
AM_ABI_CHECK(support_size, sizeof(am_support) == 4);
AM_ABI_CHECK(capability_size, sizeof(am_capability) == 4);
AM_ABI_CHECK(version_number, AM_VERSION_NUMBER == ((AM_VERSION_MAJOR << 16) | (AM_VERSION_MINOR << 8) | AM_VERSION_PATCH));
AM_ABI_CHECK(fn_count, sizeof(am_abi_every_function) / sizeof(am_abi_every_function[0]) == 93 + 1);

/* Values are never renumbered. */
AM_ABI_CHECK(s0, AM_OK == 0);
AM_ABI_CHECK(s1, AM_ERR_INVALID_ARGUMENT == 1);
AM_ABI_CHECK(s2, AM_ERR_BAD_REQUEST == 2);
AM_ABI_CHECK(s3, AM_ERR_AUTHENTICATION == 3);
AM_ABI_CHECK(s4, AM_ERR_PERMISSION == 4);
AM_ABI_CHECK(s5, AM_ERR_NOT_FOUND == 5);
AM_ABI_CHECK(s6, AM_ERR_CONFLICT == 6);
AM_ABI_CHECK(s7, AM_ERR_REQUEST_TOO_LARGE == 7);
AM_ABI_CHECK(s8, AM_ERR_RATE_LIMITED == 8);
AM_ABI_CHECK(s9, AM_ERR_OVERLOADED == 9);
AM_ABI_CHECK(s10, AM_ERR_SERVER == 10);
AM_ABI_CHECK(s11, AM_ERR_HTTP == 11);
AM_ABI_CHECK(s12, AM_ERR_TIMEOUT == 12);
AM_ABI_CHECK(s13, AM_ERR_CONNECTION == 13);
AM_ABI_CHECK(s14, AM_ERR_TLS == 14);
AM_ABI_CHECK(s15, AM_ERR_DECODE == 15);
AM_ABI_CHECK(s16, AM_ERR_RESPONSE_TOO_LARGE == 16);
AM_ABI_CHECK(s17, AM_ERR_CANCELLED == 17);
AM_ABI_CHECK(s18, AM_ERR_OUT_OF_MEMORY == 18);
AM_ABI_CHECK(s19, AM_ERR_INTERNAL == 19);
AM_ABI_CHECK(s20, AM_ERR_PAGINATION == 20);
AM_ABI_CHECK(u0, AM_SUPPORT_NO == 0);
AM_ABI_CHECK(u1, AM_SUPPORT_YES == 1);
AM_ABI_CHECK(u2, AM_SUPPORT_UNKNOWN == -1);
AM_ABI_CHECK(l0, AM_LOG_DEBUG == 0);
AM_ABI_CHECK(l1, AM_LOG_INFO == 1);
AM_ABI_CHECK(l2, AM_LOG_WARN == 2);
AM_ABI_CHECK(l3, AM_LOG_ERROR == 3);
AM_ABI_CHECK(c1, AM_CAP_BATCH == 1);
AM_ABI_CHECK(c2, AM_CAP_CITATIONS == 2);
AM_ABI_CHECK(c3, AM_CAP_CODE_EXECUTION == 3);
AM_ABI_CHECK(c4, AM_CAP_CONTEXT_MANAGEMENT == 4);
AM_ABI_CHECK(c5, AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015 == 5);
AM_ABI_CHECK(c6, AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919 == 6);
AM_ABI_CHECK(c7, AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112 == 7);
AM_ABI_CHECK(c8, AM_CAP_EFFORT == 8);
AM_ABI_CHECK(c9, AM_CAP_EFFORT_LOW == 9);
AM_ABI_CHECK(c10, AM_CAP_EFFORT_MEDIUM == 10);
AM_ABI_CHECK(c11, AM_CAP_EFFORT_HIGH == 11);
AM_ABI_CHECK(c12, AM_CAP_EFFORT_MAX == 12);
AM_ABI_CHECK(c13, AM_CAP_EFFORT_XHIGH == 13);
AM_ABI_CHECK(c14, AM_CAP_IMAGE_INPUT == 14);
AM_ABI_CHECK(c15, AM_CAP_PDF_INPUT == 15);
AM_ABI_CHECK(c16, AM_CAP_STRUCTURED_OUTPUTS == 16);
AM_ABI_CHECK(c17, AM_CAP_THINKING == 17);
AM_ABI_CHECK(c18, AM_CAP_THINKING_TYPES_ADAPTIVE == 18);
AM_ABI_CHECK(c19, AM_CAP_THINKING_TYPES_ENABLED == 19);
AM_ABI_CHECK(c20, AM_CAP_THINKING_TYPES_DISABLED == 20);
AM_ABI_CHECK(c21, AM_CAP_THINKING_TYPES_BETWEEN_TOOLS == 21);
AM_ABI_CHECK(c22, AM_CAP_SERVER_TOOLS == 22);
AM_ABI_CHECK(c23, AM_CAP_SERVER_TOOLS_CODE_EXECUTION == 23);
AM_ABI_CHECK(c24, AM_CAP_SERVER_TOOLS_WEB_SEARCH == 24);
AM_ABI_CHECK(cn, AM_CAP_COUNT_ == 25);

/* Every constant used as a value of its typedef. */
const am_status am_abi_statuses[] = {
    AM_OK, AM_ERR_INVALID_ARGUMENT, AM_ERR_BAD_REQUEST, AM_ERR_AUTHENTICATION, AM_ERR_PERMISSION,
    AM_ERR_NOT_FOUND, AM_ERR_CONFLICT, AM_ERR_REQUEST_TOO_LARGE, AM_ERR_RATE_LIMITED, AM_ERR_OVERLOADED,
    AM_ERR_SERVER, AM_ERR_HTTP, AM_ERR_TIMEOUT, AM_ERR_CONNECTION, AM_ERR_TLS, AM_ERR_DECODE,
    AM_ERR_RESPONSE_TOO_LARGE, AM_ERR_CANCELLED, AM_ERR_OUT_OF_MEMORY, AM_ERR_INTERNAL, AM_ERR_PAGINATION};
const am_support am_abi_supports[] = {AM_SUPPORT_NO, AM_SUPPORT_YES, AM_SUPPORT_UNKNOWN};
const am_capability am_abi_capabilities[] = {
    AM_CAP_BATCH, AM_CAP_CITATIONS, AM_CAP_CODE_EXECUTION, AM_CAP_CONTEXT_MANAGEMENT,
    AM_CAP_CONTEXT_MANAGEMENT_CLEAR_THINKING_20251015, AM_CAP_CONTEXT_MANAGEMENT_CLEAR_TOOL_USES_20250919,
    AM_CAP_CONTEXT_MANAGEMENT_COMPACT_20260112, AM_CAP_EFFORT, AM_CAP_EFFORT_LOW, AM_CAP_EFFORT_MEDIUM,
    AM_CAP_EFFORT_HIGH, AM_CAP_EFFORT_MAX, AM_CAP_EFFORT_XHIGH, AM_CAP_IMAGE_INPUT, AM_CAP_PDF_INPUT,
    AM_CAP_STRUCTURED_OUTPUTS, AM_CAP_THINKING, AM_CAP_THINKING_TYPES_ADAPTIVE, AM_CAP_THINKING_TYPES_ENABLED,
    AM_CAP_THINKING_TYPES_DISABLED, AM_CAP_THINKING_TYPES_BETWEEN_TOOLS, AM_CAP_SERVER_TOOLS,
    AM_CAP_SERVER_TOOLS_CODE_EXECUTION, AM_CAP_SERVER_TOOLS_WEB_SEARCH};
AM_ABI_CHECK(cap_table, sizeof(am_abi_capabilities) / sizeof(am_abi_capabilities[0]) == AM_CAP_COUNT_ - 1);

/* A typical caller, to exercise the declarations in expressions. */
int am_abi_example(void);
int am_abi_example(void) {
  am_options *opts = am_options_new();
  am_client *client = NULL;
  am_model_list *list = NULL;
  am_error *err = NULL;
  am_status st;
  size_t i;
  int64_t n = 0;
  const char *version = am_version();
  if (!opts) return 1;
  am_options_set_ignore_env(opts, 1);
  st = am_client_new(opts, &client, &err);
  am_options_free(opts);
  if (st != AM_OK) {
    int r = (int)am_error_status(err) + (am_error_message(err)[0] != '\0');
    am_error_free(err);
    return r;
  }
  if (am_models_list(client, NULL, &list, NULL) == AM_OK) {
    for (i = 0; i < am_model_list_count(list); ++i) {
      const am_model *m = am_model_list_at(list, i);
      if (am_model_supports(m, AM_CAP_EFFORT_XHIGH) == AM_SUPPORT_YES && am_model_max_tokens(m, &n)) break;
    }
    am_model_list_free(list);
  }
  {
    /* The asynchronous form: submit, wait, take, free. */
    am_request *req = NULL;
    am_model *model = NULL;
    if (am_model_get_async(client, "claude-opus-4-6", NULL, NULL, NULL, &req, NULL) == AM_OK) {
      if (am_request_wait(req, -1) && am_request_done(req) &&
          am_request_take_model(req, &model, NULL) == AM_OK) {
        (void)am_model_max_input_tokens(model, &n);
        am_model_free(model);
      }
      am_request_free(req);
    }
    (void)am_client_dispatch(client, 0);
  }
  am_client_free(client);
  return version[0] == '0' && am_abi_version() == AM_ABI_VERSION ? 0 : (int)n;
}
