/* A C consumer of the installed library: prints the version, then gets one
 * model from the server in ANTHROPIC_BASE_URL. Exit 0 on success. */
#include <stdio.h>

#include "anthropic_models.h"

int main(void) {
  am_client *client = NULL;
  am_model *model = NULL;
  am_error *err = NULL;
  int rc = 1;
  if (am_abi_version() != AM_ABI_VERSION) {
    fprintf(stderr, "ABI mismatch: header %d, library %d\n", AM_ABI_VERSION, (int)am_abi_version());
    return 1;
  }
  if (am_client_new(NULL, &client, &err) == AM_OK && am_model_get(client, "claude-sonnet-4-5", &model, &err) == AM_OK) {
    printf("anthropic_models %s: %s\n", am_version(), am_model_id(model));
    rc = 0;
  } else {
    fprintf(stderr, "error: %s\n", am_error_message(err));
  }
  am_model_free(model);
  am_error_free(err);
  am_client_free(client);
  return rc;
}
