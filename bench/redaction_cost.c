/* bench/redaction_cost.c - list_all with a one-letter key against a long key,
 * interleaved in one run (issue: redaction rewrote every response body, so
 * key "k" made a 1000-model list_all ~18x slower). Not part of the build:
 *   am-mock-server --port 0 --synthetic 1000 &        # prints its URL
 *   cc -O2 -Iinclude bench/redaction_cost.c -Lbuild -lanthropic_models -o /tmp/redaction_cost
 *   LD_LIBRARY_PATH=build /tmp/redaction_cost http://127.0.0.1:PORT
 * Prints the best and mean wall time per key; they should match. */
#include <stdio.h>
#include <time.h>
#include "anthropic_models.h"
static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static am_client *mk(const char *url, const char *key) {
  am_options *o = am_options_new(); am_options_set_ignore_env(o, 1); am_options_set_base_url(o, url, NULL);
  am_options_set_api_key(o, key, NULL); am_client *c = NULL; am_client_new(o, &c, NULL); am_options_free(o); return c; }
int main(int argc, char **argv) {
  const char *keys[2] = {"k", "sk-ant-api03-a-realistic-long-key-9f8e7d6c5b4a"};
  am_client *c[2] = {mk(argv[1], keys[0]), mk(argv[1], keys[1])};
  double best[2] = {1e9, 1e9}, sum[2] = {0, 0}; int n = 30;
  for (int r = 0; r < n; r++) for (int i = 0; i < 2; i++) {
    am_model_list *l = NULL; double s = now_ms();
    if (am_models_list_all(c[i], NULL, &l, NULL) != AM_OK) return 1;
    double d = now_ms() - s; sum[i] += d; if (d < best[i]) best[i] = d; am_model_list_free(l); }
  for (int i = 0; i < 2; i++) printf("key %-48s best %.2f ms  mean %.2f ms\n", keys[i], best[i], sum[i] / n);
  am_client_free(c[0]); am_client_free(c[1]); return 0; }
