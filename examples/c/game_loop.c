/*
 * game_loop.c - asynchronous calls from a 60 fps frame loop.
 *
 * Frame 0 submits am_models_list_all_async. Its callback (run by
 * am_client_dispatch on this thread) takes the list and submits
 * am_model_get_async for the first few models; their callbacks keep the
 * results. Every frame pumps am_client_dispatch(client, 0) once and measures
 * the time spent inside library calls. Results are printed after the loop, so
 * the measured time is the library's, not stdout's.
 *
 * Exit status 0 only when every request succeeded and no frame spent 1 ms or
 * more in the library.
 *
 * Run: ANTHROPIC_API_KEY=... [ANTHROPIC_BASE_URL=...] ./build/examples/c/game_loop
 */
#define _POSIX_C_SOURCE 200112L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "anthropic_models.h"

#define MAX_GETS 5
#define FRAME_NS 16666667L /* 1/60 s */
#define MAX_FRAMES 600     /* 10 s */
#define BUDGET_MS 1.0

struct app;

struct get_result {
  struct app *app;
  am_request *req;
  const char *id;   /* borrowed from the list, which outlives the loop */
  am_model *model;  /* on success */
  am_status status; /* on failure */
  int done;
};

struct app {
  am_client *client;
  am_request *list_req;
  am_model_list *list; /* kept until after the loop: freeing is O(models) */
  int list_done;
  am_status list_status;
  struct get_result gets[MAX_GETS];
  int n_gets, gets_done, failures;
};

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void on_model(am_request *req, void *userdata) {
  struct get_result *r = userdata;
  r->status = am_request_take_model(req, &r->model, NULL);
  if (r->status != AM_OK) r->app->failures++;
  r->done = 1;
  r->app->gets_done++;
  am_request_free(req); /* allowed inside its own callback */
  r->req = NULL;
}

static void on_list(am_request *req, void *userdata) {
  struct app *app = userdata;
  size_t i, count;

  app->list_status = am_request_take_list(req, &app->list, NULL);
  app->list_done = 1;
  am_request_free(req);
  app->list_req = NULL;
  if (app->list_status != AM_OK) {
    app->failures++;
    return;
  }
  count = am_model_list_count(app->list);
  for (i = 0; i < count && app->n_gets < MAX_GETS; ++i) {
    struct get_result *r = &app->gets[app->n_gets];
    r->app = app;
    r->id = am_model_id(am_model_list_at(app->list, i));
    r->status = am_model_get_async(app->client, r->id, on_model, r, NULL, &r->req, NULL);
    if (r->status != AM_OK) {
      r->done = 1;
      app->failures++;
      app->gets_done++;
    }
    app->n_gets++;
  }
}

static const char *support_name(am_support s) {
  return s == AM_SUPPORT_YES ? "yes" : s == AM_SUPPORT_NO ? "no" : "unknown";
}

static void sleep_until(double deadline_ms) {
  double left = deadline_ms - now_ms();
  struct timespec ts;
  if (left <= 0) return;
  ts.tv_sec = (time_t)(left / 1e3);
  ts.tv_nsec = (long)((left - (double)ts.tv_sec * 1e3) * 1e6);
  nanosleep(&ts, NULL);
}

int main(void) {
  static struct app app; /* zeroed */
  am_error *err = NULL;
  am_status status;
  double start, longest = 0.0;
  int frame, i, finished = 0;

  status = am_client_new(NULL, &app.client, &err); /* credential and URL from the environment */
  if (status != AM_OK) {
    fprintf(stderr, "am_client_new: %s: %s\n", am_status_name(status), err ? am_error_message(err) : "-");
    am_error_free(err);
    return EXIT_FAILURE;
  }

  start = now_ms();
  for (frame = 0; frame < MAX_FRAMES && !finished; ++frame) {
    double lib = 0.0, t0;
    if (frame == 0) {
      t0 = now_ms();
      app.list_status = am_models_list_all_async(app.client, NULL, on_list, &app, NULL, &app.list_req, NULL);
      lib += now_ms() - t0;
      if (app.list_status != AM_OK) {
        app.list_done = 1;
        app.failures++;
      }
    }
    t0 = now_ms();
    am_client_dispatch(app.client, 0); /* runs on_list / on_model here */
    lib += now_ms() - t0;
    if (lib > longest) longest = lib;
    finished = app.list_done && app.gets_done == app.n_gets;
    /* ... the game's own work for the frame would go here ... */
    if (!finished) sleep_until(start + (double)(frame + 1) * FRAME_NS / 1e6);
  }

  if (!app.list_done) fprintf(stderr, "list_all: not finished after %d frames\n", MAX_FRAMES);
  else if (app.list_status != AM_OK) fprintf(stderr, "list_all failed: %s\n", am_status_name(app.list_status));
  for (i = 0; i < app.n_gets; ++i) {
    struct get_result *r = &app.gets[i];
    if (r->model) {
      const char *name = am_model_display_name(r->model);
      printf("%-32s %-24s %s: %s\n", am_model_id(r->model), name ? name : "-",
             am_capability_path(AM_CAP_THINKING), support_name(am_model_supports(r->model, AM_CAP_THINKING)));
    } else {
      fprintf(stderr, "get %s: %s\n", r->id ? r->id : "?", r->done ? am_status_name(r->status) : "not finished");
    }
    am_model_free(r->model);
    am_request_free(r->req); /* NULL unless unfinished: cancels it */
  }
  am_request_free(app.list_req);
  am_model_list_free(app.list);
  am_client_free(app.client);

  printf("frames: %d, longest frame (library time): %.3f ms, requests: %d\n", frame, longest, 1 + app.n_gets);
  if (!finished || app.failures > 0) return EXIT_FAILURE;
  if (longest >= BUDGET_MS) {
    fprintf(stderr, "a frame spent %.3f ms in the library (budget %.1f ms)\n", longest, BUDGET_MS);
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
