/*
 * list_models.c - list every model the API offers, with a few capabilities.
 *
 * Configuration comes from the environment:
 *   ANTHROPIC_API_KEY   (or ANTHROPIC_AUTH_TOKEN)   the credential
 *   ANTHROPIC_BASE_URL  optional, e.g. a local mock server
 *
 * Build: cmake --build build --target list_models
 * Run:   ANTHROPIC_API_KEY=... ./build/examples/c/list_models
 */
#include <stdio.h>
#include <stdlib.h>

#include "anthropic_models.h"

/* Prints everything an error carries, then frees it. */
static void report_error(const char *what, am_status status, am_error *err) {
  const char *type = am_error_type(err);
  const char *request_id = am_error_request_id(err);
  fprintf(stderr, "%s failed: %s (status %d)\n", what, am_status_name(status), (int)status);
  if (err) {
    fprintf(stderr, "  http status: %d\n", (int)am_error_http_status(err));
    fprintf(stderr, "  type:        %s\n", type ? type : "-");
    fprintf(stderr, "  message:     %s\n", am_error_message(err));
    fprintf(stderr, "  request-id:  %s\n", request_id ? request_id : "-");
  }
  am_error_free(err);
}

static const char *support_name(am_support s) {
  switch (s) {
    case AM_SUPPORT_YES: return "yes";
    case AM_SUPPORT_NO: return "no";
    default: return "unknown";
  }
}

static void print_model(const am_model *m) {
  /* Known capabilities by enum; am_capability_path gives their dotted names. */
  static const am_capability caps[] = {AM_CAP_IMAGE_INPUT, AM_CAP_PDF_INPUT, AM_CAP_BATCH,
                                       AM_CAP_THINKING};
  /* Any capability by dotted path, including ones newer than this header. */
  static const char *const paths[] = {"effort.xhigh", "thinking.types.adaptive"};
  const char *name = am_model_display_name(m);
  int64_t max_in = 0;
  size_t i;

  printf("%s  (%s)\n", am_model_id(m), name ? name : "no display name");
  if (am_model_max_input_tokens(m, &max_in))
    printf("    max input tokens: %lld\n", (long long)max_in);
  for (i = 0; i < sizeof caps / sizeof caps[0]; ++i)
    printf("    %-24s %s\n", am_capability_path(caps[i]), support_name(am_model_supports(m, caps[i])));
  for (i = 0; i < sizeof paths / sizeof paths[0]; ++i)
    printf("    %-24s %s\n", paths[i], support_name(am_model_supports_path(m, paths[i])));
}

int main(void) {
  am_client *client = NULL;
  am_model_list *list = NULL;
  am_error *err = NULL;
  am_status status;
  size_t i, count;

  /* NULL options: credential and base URL come from the environment. */
  status = am_client_new(NULL, &client, &err);
  if (status != AM_OK) {
    report_error("am_client_new", status, err);
    return EXIT_FAILURE;
  }

  /* Every page, newest model first; NULL params = the defaults. */
  status = am_models_list_all(client, NULL, &list, &err);
  if (status != AM_OK) {
    report_error("am_models_list_all", status, err);
    am_client_free(client);
    return EXIT_FAILURE;
  }

  count = am_model_list_count(list);
  for (i = 0; i < count; ++i) print_model(am_model_list_at(list, i));
  printf("%zu model%s\n", count, count == 1 ? "" : "s");

  am_model_list_free(list); /* the models borrowed from it go with it */
  am_client_free(client);
  return EXIT_SUCCESS;
}
