/* A second process for the cache tests: refreshes the listing of one cache
 * directory N times. Usage: cache_writer BASE_URL DIR API_KEY N. Exit status
 * 0 when every refresh succeeded. */
#include <stdio.h>
#include <stdlib.h>

#include "anthropic_models.h"

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: cache_writer BASE_URL DIR API_KEY N\n");
    return 2;
  }
  am_options *o = am_options_new();
  am_options_set_ignore_env(o, 1);
  am_options_set_proxy(o, "", NULL);
  if (am_options_set_base_url(o, argv[1], NULL) || am_options_set_cache_dir(o, argv[2], NULL) ||
      am_options_set_api_key(o, argv[3], NULL))
    return 2;
  am_client *c = NULL;
  if (am_client_new(o, &c, NULL) != AM_OK) return 2;
  am_options_free(o);
  am_list_params *p = am_list_params_new();
  am_list_params_set_refresh(p, 1);
  int failures = 0;
  for (int i = 0, n = atoi(argv[4]); i < n; ++i) {
    am_model_list *l = NULL;
    am_error *e = NULL;
    if (am_models_list_all(c, p, &l, &e) != AM_OK || am_model_list_is_stale(l)) {
      fprintf(stderr, "refresh %d failed: %s\n", i, e ? am_error_message(e) : "served stale");
      ++failures;
    }
    am_error_free(e);
    am_model_list_free(l);
  }
  am_list_params_free(p);
  am_client_free(c);
  return failures ? 1 : 0;
}
