/*
 * model_picker.c - what a plugin's model picker needs: a catalogue cached on
 * disk (so the picker is never empty at start-up, even offline), the newest
 * model of each line with the capabilities the plugin uses, and the models
 * about to retire.
 *
 * Configuration comes from the environment:
 *   ANTHROPIC_API_KEY   (or ANTHROPIC_AUTH_TOKEN)   the credential
 *   ANTHROPIC_BASE_URL  optional, e.g. a local mock server
 * Usage: model_picker CACHE_DIR
 *
 * The first client fetches (or reads a fresh cache) and writes the listing to
 * CACHE_DIR; a second client in offline mode then starts from that file alone,
 * as the plugin would on a machine without network.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "anthropic_models.h"

static int fail(const char *what, am_status status, am_error *err) {
  fprintf(stderr, "%s failed: %s: %s\n", what, am_status_name(status), err ? am_error_message(err) : "");
  am_error_free(err);
  return 1;
}

static am_client *new_client(const char *cache_dir, int offline, am_error **err) {
  am_client *client = NULL;
  am_options *opts = am_options_new();
  if (!opts) return NULL;
  /* An hour, as the API's guide suggests; the directory survives restarts. */
  if (am_options_set_cache_ttl_ms(opts, 3600 * 1000, err) == AM_OK &&
      am_options_set_cache_dir(opts, cache_dir, err) == AM_OK) {
    am_options_set_offline(opts, offline);
    am_client_new(opts, &client, err);
  }
  am_options_free(opts);
  return client;
}

/* Prints the newest model of each line that supports every path. */
static int print_picks(const am_model_list *all) {
  static const char *const needs[] = {"image_input", "thinking"};
  static const char *const lines[] = {"opus", "sonnet", "haiku"};
  am_model_list *usable = NULL;
  am_error *err = NULL;
  am_status st = am_model_list_select_supported(all, needs, 2, &usable, &err);
  size_t i;
  if (st != AM_OK) return fail("select_supported", st, err);
  printf("%zu of %zu models support image input and extended thinking\n", am_model_list_count(usable),
         am_model_list_count(all));
  for (i = 0; i < sizeof lines / sizeof lines[0]; ++i) {
    const am_model *m = am_model_list_newest(usable, lines[i]);
    printf("  newest %-6s  %s\n", lines[i], m ? am_model_id(m) : "(none)");
  }
  am_model_list_free(usable);
  return 0;
}

/* The deprecation watch: models retiring within 180 days (or already retired). */
static int print_retiring(const am_model_list *all) {
  am_model_list *soon = NULL;
  am_error *err = NULL;
  am_status st = am_model_list_select_retiring_before(all, (int64_t)time(NULL) + 180 * 86400, &soon, &err);
  size_t i;
  if (st != AM_OK) return fail("select_retiring_before", st, err);
  printf("retiring within 180 days (or past their date): %zu\n", am_model_list_count(soon));
  for (i = 0; i < am_model_list_count(soon); ++i) {
    const am_model *m = am_model_list_at(soon, i);
    printf("  %s  retires %s\n", am_model_id(m), am_model_retires_at(m));
  }
  am_model_list_free(soon);
  return 0;
}

static void print_origin(const char *who, const am_model_list *list) {
  printf("%s: %zu models, %s", who, am_model_list_count(list),
         am_model_list_from_cache(list) ? "from the cache" : "fetched");
  if (am_model_list_from_cache(list))
    printf(" (%lld ms old%s)", (long long)am_model_list_age_ms(list), am_model_list_is_stale(list) ? ", stale" : "");
  printf("\n");
}

int main(int argc, char **argv) {
  am_error *err = NULL;
  am_model_list *all = NULL;
  am_client *online, *offline;
  am_status st;
  int rc;
  if (argc != 2) {
    fprintf(stderr, "usage: model_picker CACHE_DIR\n");
    return 2;
  }
  online = new_client(argv[1], 0, &err);
  if (!online) return fail("am_client_new", am_error_status(err), err);
  st = am_models_list_all(online, NULL, &all, &err);
  am_client_free(online);
  if (st != AM_OK) return fail("am_models_list_all", st, err);
  print_origin("online client", all);
  rc = print_picks(all) || print_retiring(all);
  am_model_list_free(all);
  if (rc) return rc;

  /* A later start without network: the listing on disk is the answer. */
  offline = new_client(argv[1], 1, &err);
  if (!offline) return fail("am_client_new", am_error_status(err), err);
  st = am_models_list_all(offline, NULL, &all, &err);
  am_client_free(offline);
  if (st != AM_OK) return fail("am_models_list_all (offline)", st, err);
  print_origin("offline client", all);
  rc = am_model_list_from_cache(all) ? 0 : 1;
  am_model_list_free(all);
  return rc;
}
