/* What the catalogue cache buys: am_models_list_all answered by a fresh cache
 * entry against the same call sent to the server on loopback, and the heap a
 * cached listing holds. Plain C over the public API; bench/cache.sh builds it
 * and runs it against an out-of-process am-mock-server --synthetic 1000.
 *
 * Usage: cache_hit BASE_URL [HITS] [MISSES]
 * Prints the medians (us) of both calls, their ratio, and the bytes the cache
 * holds for one 1000+ model listing next to the size of its models' JSON. */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anthropic_models.h"

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static am_client *client(const char *url, int64_t ttl_ms) {
  am_options *o = am_options_new();
  am_options_set_ignore_env(o, 1);
  am_options_set_proxy(o, "", NULL);
  am_options_set_base_url(o, url, NULL);
  am_options_set_api_key(o, "bench-key", NULL);
  if (ttl_ms) am_options_set_cache_ttl_ms(o, ttl_ms, NULL);
  am_client *c = NULL;
  am_error *e = NULL;
  if (am_client_new(o, &c, &e) != AM_OK) {
    fprintf(stderr, "am_client_new: %s\n", am_error_message(e));
    exit(1);
  }
  am_options_free(o);
  return c;
}

/* One list_all, timed; exits on failure. */
static double timed_list_all(am_client *c, size_t *count, int *from_cache) {
  am_model_list *l = NULL;
  am_error *e = NULL;
  double t0 = now_us();
  if (am_models_list_all(c, NULL, &l, &e) != AM_OK) {
    fprintf(stderr, "list_all: %s\n", am_error_message(e));
    exit(1);
  }
  if (count) *count = am_model_list_count(l);
  if (from_cache) *from_cache = am_model_list_from_cache(l);
  am_model_list_free(l);
  return now_us() - t0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: cache_hit BASE_URL [HITS] [MISSES]\n");
    return 2;
  }
  const char *url = argv[1];
  int hits = argc > 2 ? atoi(argv[2]) : 5000, misses = argc > 3 ? atoi(argv[3]) : 60;
  double *t_hit = calloc((size_t)hits, sizeof(double)), *t_miss = calloc((size_t)misses, sizeof(double));

  am_client *plain = client(url, 0);
  size_t count = 0;
  for (int i = 0; i < 3; ++i) timed_list_all(plain, &count, NULL); /* warm connection */
  for (int i = 0; i < misses; ++i) t_miss[i] = timed_list_all(plain, NULL, NULL);

  am_client *cached = client(url, 3600 * 1000);
  struct mallinfo2 before = mallinfo2();
  int from_cache = 0;
  timed_list_all(cached, NULL, &from_cache); /* fills the cache; its own list is freed */
  struct mallinfo2 after = mallinfo2();
  for (int i = 0; i < hits; ++i) {
    t_hit[i] = timed_list_all(cached, NULL, &from_cache);
    if (!from_cache) {
      fprintf(stderr, "a hit was not served by the cache\n");
      return 1;
    }
  }

  /* The JSON the listing came from, model by model. */
  am_model_list *l = NULL;
  am_models_list_all(cached, NULL, &l, NULL);
  size_t json_bytes = 0;
  for (size_t i = 0; i < am_model_list_count(l); ++i) json_bytes += strlen(am_model_json(am_model_list_at(l, i)));
  am_model_list_free(l);

  double miss = median(t_miss, misses), hit = median(t_hit, hits);
  long held = (long)after.uordblks - (long)before.uordblks;
  printf("models listed                 %zu\n", count);
  printf("list_all uncached (median)    %10.1f us  (%d calls, loopback, out-of-process server)\n", miss, misses);
  printf("list_all cache hit (median)   %10.2f us  (%d calls, incl. freeing the list)\n", hit, hits);
  printf("hit / uncached                %10.5f  (uncached is %.0fx slower)\n", hit / miss, miss / hit);
  printf("heap held by the cached list  %10ld bytes (%.2fx the %zu bytes of its models' JSON)\n", held,
         (double)held / (double)json_bytes, json_bytes);
  am_client_free(cached);
  am_client_free(plain);
  free(t_hit);
  free(t_miss);
  return 0;
}
