/*
 * am-models - command-line client for Anthropic's Models API.
 *
 * Written in plain C99 against the public C API only (anthropic_models.h).
 * Credentials come from the environment exclusively (ANTHROPIC_API_KEY or
 * ANTHROPIC_AUTH_TOKEN, read by the library itself); they are never accepted
 * on the command line, where other users could see them.
 *
 * Exit status: 0 success, 1 API / network / decode failure, 2 nothing was
 * sent (usage error, AM_ERR_INVALID_ARGUMENT, no credential, or offline with
 * nothing cached); `supports` exits 0 / 3 / 4 for yes / no / unknown. Every
 * flag is validated before anything is sent.
 */
#include "anthropic_models.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PROG "am-models"

static const char usage_text[] =
    "usage: " PROG " [--base-url URL] [--beta NAME]... [--timeout SECONDS] [--deadline SECONDS]\n"
    "                 [--max-retries N] [--cache-dir DIR [--cache-ttl SECONDS] [--offline]] COMMAND\n"
    "  list [--limit N] [--after-id ID | --before-id ID] [--lifecycle STAGE]... [--all] [--json]\n"
    "       [--supports PATH[,PATH]...]... [--line LINE] [--retiring-before DATE] [--newest]\n"
    "  get MODEL [--json]\n"
    "  supports MODEL CAPABILITY_PATH\n"
    "  --version, --help\n"
    "\n"
    "Commands:\n"
    "  list      one page of models, newest first (--limit, default 20), or every page\n"
    "            (--all); when there are more, the option that gets the next page is\n"
    "            printed on stderr\n"
    "            Selection (implies --all; the flags combine, a model must pass all):\n"
    "            --supports PATHS         every capability path YES (comma-separated or\n"
    "                                     repeated; a model the server reported no\n"
    "                                     capabilities for never matches)\n"
    "            --line LINE              the models of one line: opus, sonnet, haiku\n"
    "            --retiring-before DATE   a known retirement date before DATE: YYYY-MM-DD\n"
    "                                     (midnight UTC) or RFC 3339 (2026-03-01T12:00:00Z)\n"
    "            --newest                 only the newest of what the others kept\n"
    "  get       every field of one model (an id or an alias) and every capability the\n"
    "            server reported\n"
    "  supports  whether MODEL supports CAPABILITY_PATH (e.g. effort.xhigh,\n"
    "            thinking.types.adaptive): prints yes, no or unknown\n"
    "\n"
    "Options:\n"
    "  --base-url URL      API base URL; default ANTHROPIC_BASE_URL, else https://api.anthropic.com\n"
    "  --beta NAME         add an anthropic-beta name (repeatable)\n"
    "  --timeout SECONDS   time limit per attempt (default 60); each retry gets a new one\n"
    "  --deadline SECONDS  time limit for the whole command, retries and the waits\n"
    "                      between them included (default none)\n"
    "  --max-retries N     retries after a failed attempt, 0 to 100 (default 2)\n"
    "  --cache-dir DIR     keep the last good full listing (list --all or a selection) in\n"
    "                      DIR; when fetching it fails, it is printed instead, marked stale\n"
    "                      on stderr with its age: \"(stale: cached 3 h 12 min ago; the\n"
    "                      refresh failed)\"; get and supports use it while it is fresh\n"
    "                      (--cache-ttl) and --offline\n"
    "  --cache-ttl SECONDS with --cache-dir: answer from the cache without a request while\n"
    "                      it is younger than this, 0 to 2592000 (30 days; default 0: always\n"
    "                      fetch)\n"
    "  --offline           with --cache-dir: send nothing, answer from the cache however\n"
    "                      old (marked stale past the TTL); 'list' needs --all or a selection\n"
    "Options also accept the --option=value form.\n"
    "\n"
    "Credentials are read from ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN only.\n"
    "\n"
    "Exit status:\n"
    "  0  success; supports: yes\n"
    "  1  API, network or decode failure (one line on stderr)\n"
    "  2  nothing was sent: usage error, invalid argument, no credentials, or\n"
    "     --offline and nothing cached answers\n"
    "  3  supports: no\n"
    "  4  supports: unknown (the server did not say)\n";

/* Exit statuses, plus the parser's "keep going" marker. */
enum {
  RC_OK = 0,
  RC_FAILURE = 1,
  RC_USAGE = 2,
  RC_SUPPORTS_NO = 3,
  RC_SUPPORTS_UNKNOWN = 4,
  RC_CONTINUE = -1
};

enum command { CMD_NONE, CMD_LIST, CMD_GET, CMD_SUPPORTS };

/* Everything the command line asked for; strings point into argv. */
struct cli {
  const char *base_url;
  const char **betas;
  size_t n_betas;
  int has_timeout;
  int64_t timeout_ms;
  int has_deadline;
  int64_t deadline_ms;
  int has_max_retries;
  int32_t max_retries;
  const char *cache_dir;
  int has_cache_ttl;
  int64_t cache_ttl_ms;
  int offline;
  enum command command;
  int has_limit;
  int32_t limit;
  const char *after_id;
  const char *before_id;
  const char **stages;
  size_t n_stages;
  int all;
  int json;
  /* Selection: capability paths (copies, NUL-terminated at the commas) and
   * the other filters; any of them makes `list` fetch every page. */
  char **cap_values;
  size_t n_cap_values;
  const char **cap_paths;
  size_t n_cap_paths;
  const char *line;
  int has_retiring_before;
  int64_t retiring_before;
  int newest;
  const char *model;
  const char *cap_path;
};

/* ---- small output helpers ----------------------------------------------- */

/* Writes the first n bytes of server-supplied text, replacing control
 * characters so that nothing can reach the terminal as an escape sequence or
 * break a line. */
static void put_text_n(FILE *f, const char *s, size_t n)
{
  for (; n > 0 && *s; s++, n--) {
    unsigned char ch = (unsigned char)*s;
    fputc(ch < 0x20 || ch == 0x7f ? '?' : ch, f);
  }
}

/* All of it, NULL as "-". */
static void put_text(FILE *f, const char *s)
{
  put_text_n(f, s ? s : "-", (size_t)-1);
}

/* Columns a string occupies: UTF-8 code points (continuation bytes skipped). */
static size_t text_width(const char *s)
{
  size_t w = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) w++;
  return w;
}

static void put_spaces(size_t n)
{
  while (n--) putchar(' ');
}

/* A JSON string literal (", \ and control characters escaped), or null. */
static void put_json_string(const char *s)
{
  if (!s) {
    fputs("null", stdout);
    return;
  }
  putchar('"');
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      printf("\\%c", ch);
    else if (ch < 0x20)
      printf("\\u%04x", (unsigned)ch);
    else
      putchar(ch);
  }
  putchar('"');
}

static const char *support_name(am_support s)
{
  return s == AM_SUPPORT_YES ? "yes" : s == AM_SUPPORT_NO ? "no" : "unknown";
}

/* A token count as text, or "-" when the server did not send it. */
static const char *format_tokens(int32_t has, int64_t value, char *buf, size_t size)
{
  if (!has) return "-";
  snprintf(buf, size, "%" PRId64, value);
  return buf;
}

/* YYYY-MM-DD of created_at (UTC), or "unknown". */
static const char *format_created(const am_model *m, char *buf, size_t size)
{
  int64_t secs;
  time_t t;
  struct tm *tm;
  if (!am_model_created_at_unix(m, &secs)) return "unknown";
  t = (time_t)secs;
  if ((int64_t)t != secs || !(tm = gmtime(&t))) return "unknown";
  return strftime(buf, size, "%Y-%m-%d", tm) ? buf : "unknown";
}

/* An age for people: "42 s", "12 min", "3 h 12 min", "2 d 5 h". */
static const char *format_age(int64_t ms, char *buf, size_t size)
{
  int64_t s = ms / 1000, min = s / 60, h = min / 60;
  if (s < 60)
    snprintf(buf, size, "%" PRId64 " s", s);
  else if (min < 60)
    snprintf(buf, size, "%" PRId64 " min", min);
  else if (h < 24)
    snprintf(buf, size, "%" PRId64 " h %" PRId64 " min", h, min % 60);
  else
    snprintf(buf, size, "%" PRId64 " d %" PRId64 " h", h / 24, h % 24);
  return buf;
}

/* ---- diagnostics ------------------------------------------------------- */

static int usage_error(const char *fmt, ...)
{
  va_list ap;
  fputs(PROG ": ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs(" (try '" PROG " --help')\n", stderr);
  return RC_USAGE;
}

/* One line: "am-models: error: <status> (HTTP <n>, <type>): <message>
 * (<n> attempts) [request-id: <id>]", the attempts only when there were
 * several. err may be NULL (the library could not allocate one). Returns the
 * exit status. */
static int report_failure(am_status st, const am_error *err)
{
  int32_t http = err ? am_error_http_status(err) : 0;
  int32_t attempts = err ? am_error_attempts(err) : 0;
  const char *type = err ? am_error_type(err) : NULL;
  const char *request_id = err ? am_error_request_id(err) : NULL;

  if (err) st = am_error_status(err);
  /* Refused before sending for want of a credential. The library's message
   * also names its C setters; a CLI user can only set the variables. */
  if (st == AM_ERR_AUTHENTICATION && attempts == 0 && http == 0) {
    fputs(PROG ": error: no credentials: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN\n", stderr);
    return RC_USAGE;
  }
  fprintf(stderr, PROG ": error: %s", am_status_name(st));
  if (http != 0 || type) {
    fputs(" (", stderr);
    if (http != 0) fprintf(stderr, "HTTP %ld%s", (long)http, type ? ", " : "");
    if (type) put_text(stderr, type);
    fputc(')', stderr);
  }
  fputs(": ", stderr);
  put_text(stderr, err ? am_error_message(err) : "no details available");
  if (st == AM_ERR_NOT_CACHED) fputs(" (run once without --offline to fill the cache)", stderr);
  if (attempts > 1) fprintf(stderr, " (%ld attempts)", (long)attempts);
  if (request_id) {
    fputs(" [request-id: ", stderr);
    put_text(stderr, request_id);
    fputc(']', stderr);
  }
  fputc('\n', stderr);
  return st == AM_ERR_INVALID_ARGUMENT || st == AM_ERR_NOT_CACHED ? RC_USAGE : RC_FAILURE;
}

/* ---- option parsing ---------------------------------------------------- */

/* Digits only (no sign, no blanks), within lo..hi. */
static int parse_int(const char *s, long lo, long hi, long *out)
{
  char *end;
  long v;
  if (!isdigit((unsigned char)*s)) return 0;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno != 0 || *end != '\0' || v < lo || v > hi) return 0;
  *out = v;
  return 1;
}

/* Seconds (possibly fractional, no sign) up to max, above 0 unless
 * allow_zero, as milliseconds rounded; a non-zero value gives at least 1. */
static int parse_seconds(const char *s, double max, int allow_zero, int64_t *ms)
{
  char *end;
  double v;
  if (!isdigit((unsigned char)*s) && *s != '.') return 0;
  v = strtod(s, &end);
  if (*end != '\0' || !(v >= 0.0) || (v == 0.0 && !allow_zero) || v > max) return 0;
  *ms = (int64_t)(v * 1000.0 + 0.5);
  if (*ms < 1 && v > 0.0) *ms = 1;
  return 1;
}

/* The n decimal digits at s as a number; 0 when one is not a digit. */
static int parse_digits(const char *s, int n, int *out)
{
  int v = 0, i;
  for (i = 0; i < n; i++) {
    if (!isdigit((unsigned char)s[i])) return 0;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 1;
}

static int days_in_month(int y, int m)
{
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  return m == 2 && leap ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a valid proleptic Gregorian date: count in
 * 400-year eras of 146097 days, with years starting in March so that the
 * leap day ends a year. */
static int64_t days_from_civil(int year, int month, int day)
{
  int64_t y = (int64_t)year - (month <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t year_of_era = y - era * 400;
  int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

/* The time part of RFC 3339 after the date: "THH:MM:SS[.frac](Z|+HH:MM|-HH:MM)"
 * ('t' and ' ' also separate), as seconds to add to midnight UTC of the date.
 * A fraction rounds up: a model retiring at second r retires before t exactly
 * when r < ceil(t). */
static int parse_rfc3339_time(const char *s, int64_t *secs)
{
  int h, mi, sec, oh, om, round_up = 0;
  int64_t offset = 0;
  if (*s != 'T' && *s != 't' && *s != ' ') return 0;
  if (!parse_digits(s + 1, 2, &h) || s[3] != ':' || !parse_digits(s + 4, 2, &mi) || s[6] != ':' ||
      !parse_digits(s + 7, 2, &sec) || h > 23 || mi > 59 || sec > 60)
    return 0;
  s += 9;
  if (*s == '.') {
    if (!isdigit((unsigned char)s[1])) return 0;
    for (s++; isdigit((unsigned char)*s); s++)
      if (*s != '0') round_up = 1;
  }
  if (*s == 'Z' || *s == 'z') {
    s++;
  } else if (*s == '+' || *s == '-') {
    if (!parse_digits(s + 1, 2, &oh) || s[3] != ':' || !parse_digits(s + 4, 2, &om) || oh > 23 || om > 59)
      return 0;
    offset = ((int64_t)oh * 60 + om) * 60 * (*s == '-' ? -1 : 1);
    s += 6;
  } else {
    return 0;
  }
  if (*s != '\0') return 0;
  *secs = (int64_t)h * 3600 + (int64_t)mi * 60 + sec + round_up - offset;
  return 1;
}

/* YYYY-MM-DD (midnight UTC) or an RFC 3339 date-time, as Unix seconds. */
static int parse_date(const char *s, int64_t *unix_secs)
{
  int y, m, d;
  int64_t time_of_day = 0;
  if (!parse_digits(s, 4, &y) || s[4] != '-' || !parse_digits(s + 5, 2, &m) || s[7] != '-' ||
      !parse_digits(s + 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return 0;
  if (s[10] != '\0' && !parse_rfc3339_time(s + 10, &time_of_day)) return 0;
  *unix_secs = days_from_civil(y, m, d) * 86400 + time_of_day;
  return 1;
}

/* The library's rule for a capability path, checked here because it checks
 * only once the listing was fetched: dot-separated non-empty names of
 * printable ASCII without blanks or commas. */
static int valid_capability_path(const char *p)
{
  size_t segment = 0;
  for (; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch == '.') {
      if (segment == 0) return 0;
      segment = 0;
    } else if (ch <= ' ' || ch > '~' || ch == ',') {
      return 0;
    } else {
      segment++;
    }
  }
  return segment > 0;
}

static int opt_help(struct cli *c, const char *v)
{
  (void)c;
  (void)v;
  fputs(usage_text, stdout);
  return RC_OK;
}

static int opt_version(struct cli *c, const char *v)
{
  (void)c;
  (void)v;
  printf("%s %s\n", PROG, am_version());
  return RC_OK;
}

/* Plain setters: the value was already checked to be non-empty. */
static int opt_base_url(struct cli *c, const char *v) { c->base_url = v; return RC_CONTINUE; }
static int opt_after_id(struct cli *c, const char *v) { c->after_id = v; return RC_CONTINUE; }
static int opt_before_id(struct cli *c, const char *v) { c->before_id = v; return RC_CONTINUE; }
static int opt_all(struct cli *c, const char *v) { (void)v; c->all = 1; return RC_CONTINUE; }
static int opt_json(struct cli *c, const char *v) { (void)v; c->json = 1; return RC_CONTINUE; }
static int opt_cache_dir(struct cli *c, const char *v) { c->cache_dir = v; return RC_CONTINUE; }
static int opt_offline(struct cli *c, const char *v) { (void)v; c->offline = 1; return RC_CONTINUE; }
static int opt_line(struct cli *c, const char *v) { c->line = v; return RC_CONTINUE; }
static int opt_newest(struct cli *c, const char *v) { (void)v; c->newest = 1; return RC_CONTINUE; }

/* Repeatable options; main() sized both arrays for argc entries. */
static int opt_beta(struct cli *c, const char *v)
{
  c->betas[c->n_betas++] = v;
  return RC_CONTINUE;
}

static int opt_lifecycle(struct cli *c, const char *v)
{
  c->stages[c->n_stages++] = v;
  return RC_CONTINUE;
}

/* --timeout and --deadline: positive seconds, kept as milliseconds. */
static int opt_seconds(const char *name, const char *v, int64_t *ms, int *has)
{
  if (!parse_seconds(v, 1e9, 0, ms))
    return usage_error("%s must be a number of seconds above 0 and at most 1e9, got '%s'", name, v);
  *has = 1;
  return RC_CONTINUE;
}

static int opt_timeout(struct cli *c, const char *v)
{
  return opt_seconds("--timeout", v, &c->timeout_ms, &c->has_timeout);
}

static int opt_deadline(struct cli *c, const char *v)
{
  return opt_seconds("--deadline", v, &c->deadline_ms, &c->has_deadline);
}

/* The library's upper limit: 30 days. */
#define MAX_CACHE_TTL_SECONDS 2592000

static int opt_cache_ttl(struct cli *c, const char *v)
{
  if (!parse_seconds(v, MAX_CACHE_TTL_SECONDS, 1, &c->cache_ttl_ms))
    return usage_error("--cache-ttl must be a number of seconds from 0 to %d (30 days), got '%s'",
                       MAX_CACHE_TTL_SECONDS, v);
  c->has_cache_ttl = 1;
  return RC_CONTINUE;
}

static int opt_retiring_before(struct cli *c, const char *v)
{
  if (!parse_date(v, &c->retiring_before))
    return usage_error("--retiring-before must be a date, YYYY-MM-DD or RFC 3339 "
                       "(e.g. 2026-03-01T12:00:00Z), got '%s'", v);
  c->has_retiring_before = 1;
  return RC_CONTINUE;
}

/* --supports a,b.c: a copy of the value cut at the commas; every path must
 * be well formed. */
static int opt_supports(struct cli *c, const char *v)
{
  size_t n = 1, len = strlen(v), i;
  char *copy = malloc(len + 1), *path;
  const char **paths;

  if (!copy) return report_failure(AM_ERR_OUT_OF_MEMORY, NULL);
  c->cap_values[c->n_cap_values++] = copy;
  memcpy(copy, v, len + 1);
  for (i = 0; i < len; i++) n += v[i] == ',';
  paths = realloc((void *)c->cap_paths, (c->n_cap_paths + n) * sizeof *paths);
  if (!paths) return report_failure(AM_ERR_OUT_OF_MEMORY, NULL);
  c->cap_paths = paths;
  for (path = copy, i = 0; i < n; i++) {
    char *comma = strchr(path, ',');
    if (comma) *comma = '\0';
    if (!valid_capability_path(path))
      return usage_error("--supports: '%s' is not a capability path (names joined by dots, e.g. "
                         "thinking.types.adaptive; several separated by commas), in '%s'",
                         path, v);
    c->cap_paths[c->n_cap_paths++] = path;
    path = comma ? comma + 1 : path;
  }
  return RC_CONTINUE;
}

static int opt_max_retries(struct cli *c, const char *v)
{
  long n;
  if (!parse_int(v, 0, 100, &n))
    return usage_error("--max-retries must be an integer from 0 to 100, got '%s'", v);
  c->max_retries = (int32_t)n;
  c->has_max_retries = 1;
  return RC_CONTINUE;
}

static int opt_limit(struct cli *c, const char *v)
{
  long n;
  if (!parse_int(v, 1, 1000, &n))
    return usage_error("--limit must be an integer from 1 to 1000, got '%s'", v);
  c->limit = (int32_t)n;
  c->has_limit = 1;
  return RC_CONTINUE;
}

/* A handler returns RC_CONTINUE, or the exit status to stop with. */
struct option_def {
  const char *name;
  int has_value;
  int (*handle)(struct cli *c, const char *value);
};

static const struct option_def global_options[] = {
  {"--base-url", 1, opt_base_url}, {"--beta", 1, opt_beta},
  {"--timeout", 1, opt_timeout},   {"--deadline", 1, opt_deadline},
  {"--max-retries", 1, opt_max_retries}, {"--cache-dir", 1, opt_cache_dir},
  {"--cache-ttl", 1, opt_cache_ttl}, {"--offline", 0, opt_offline},
  {"--help", 0, opt_help},         {"--version", 0, opt_version},
  {NULL, 0, NULL}};

static const struct option_def list_options[] = {
  {"--limit", 1, opt_limit},         {"--after-id", 1, opt_after_id},
  {"--before-id", 1, opt_before_id}, {"--lifecycle", 1, opt_lifecycle},
  {"--all", 0, opt_all},             {"--json", 0, opt_json},
  {"--supports", 1, opt_supports},   {"--line", 1, opt_line},
  {"--retiring-before", 1, opt_retiring_before}, {"--newest", 0, opt_newest},
  {"--help", 0, opt_help},           {NULL, 0, NULL}};

static const struct option_def get_options[] = {
  {"--json", 0, opt_json}, {"--help", 0, opt_help}, {NULL, 0, NULL}};

static const struct option_def supports_options[] = {
  {"--help", 0, opt_help}, {NULL, 0, NULL}};

struct command_def {
  const char *name;
  enum command command;
  const struct option_def *options;
  size_t n_positional;
  const char *positional_help;
};

static const struct command_def commands[] = {
  {"list", CMD_LIST, list_options, 0, ""},
  {"get", CMD_GET, get_options, 1, "MODEL"},
  {"supports", CMD_SUPPORTS, supports_options, 2, "MODEL CAPABILITY_PATH"},
  {NULL, CMD_NONE, NULL, 0, NULL}};

struct args {
  int argc;
  char **argv;
  int i;
};

static int is_option(const char *arg)
{
  return arg[0] == '-' && arg[1] != '\0';
}

/* Consumes one option ("--name", "--name VALUE" or "--name=VALUE") from defs. */
static int parse_option(struct args *a, const struct option_def *defs, struct cli *c)
{
  const char *arg = a->argv[a->i++];
  const char *eq = strchr(arg, '=');
  size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
  const char *value = NULL;

  for (; defs->name; defs++)
    if (strlen(defs->name) == len && strncmp(arg, defs->name, len) == 0) break;
  if (!defs->name) return usage_error("unknown option '%s'", arg);
  if (!defs->has_value) {
    if (eq) return usage_error("option %s takes no value", defs->name);
  } else if (eq) {
    value = eq + 1;
  } else if (a->i < a->argc) {
    value = a->argv[a->i++];
  }
  if (defs->has_value && (!value || !*value))
    return usage_error("option %s needs a non-empty value", defs->name);
  return defs->handle(c, value);
}

/* Whether `list` selects models: then it needs every page. */
static int selecting(const struct cli *c)
{
  return c->n_cap_paths > 0 || c->line || c->has_retiring_before || c->newest;
}

/* The cache options only make sense together: one command makes one call,
 * so only the disk cache outlives it, and it holds full listings only. */
static int check_cache_use(struct cli *c)
{
  if (!c->cache_dir && (c->has_cache_ttl || c->offline))
    return usage_error("%s needs --cache-dir (nothing else outlives the command)",
                       c->offline ? "--offline" : "--cache-ttl");
  if (c->command == CMD_LIST && selecting(c)) c->all = 1;
  if (c->offline && c->command == CMD_LIST && !c->all)
    return usage_error("--offline: the cache holds full listings only; add --all or a selection to 'list'");
  if (c->offline && (c->after_id || c->before_id))
    return usage_error("--offline: a listing from --after-id / --before-id is never cached");
  return RC_CONTINUE;
}

static int parse_args(int argc, char **argv, struct cli *c)
{
  struct args a;
  const struct command_def *cmd;
  const char *positional[2] = {NULL, NULL};
  size_t n_positional = 0;
  int rc;

  a.argc = argc;
  a.argv = argv;
  a.i = 1;
  while (a.i < argc && is_option(argv[a.i]))
    if ((rc = parse_option(&a, global_options, c)) != RC_CONTINUE) return rc;
  if (a.i >= argc) return usage_error("missing COMMAND");

  for (cmd = commands; cmd->name; cmd++)
    if (strcmp(cmd->name, argv[a.i]) == 0) break;
  if (!cmd->name) return usage_error("unknown command '%s'", argv[a.i]);
  c->command = cmd->command;
  a.i++;

  while (a.i < argc) {
    if (is_option(argv[a.i])) {
      if ((rc = parse_option(&a, cmd->options, c)) != RC_CONTINUE) return rc;
    } else if (n_positional < cmd->n_positional) {
      positional[n_positional++] = argv[a.i++];
    } else {
      return usage_error("unexpected argument '%s'", argv[a.i]);
    }
  }
  if (n_positional < cmd->n_positional)
    return usage_error("'%s' needs %s", cmd->name, cmd->positional_help);
  c->model = positional[0];
  c->cap_path = positional[1];
  if ((c->model && !*c->model) || (c->cap_path && !*c->cap_path))
    return usage_error("'%s' needs non-empty %s", cmd->name, cmd->positional_help);
  if (c->after_id && c->before_id)
    return usage_error("--after-id and --before-id are mutually exclusive");
  return check_cache_use(c);
}

/* ---- library calls ----------------------------------------------------- */

static am_status make_client(const struct cli *c, am_client **client, am_error **err)
{
  am_options *opts = am_options_new();
  am_status st = AM_OK;
  size_t i;

  if (!opts) return AM_ERR_OUT_OF_MEMORY;
  if (c->base_url) st = am_options_set_base_url(opts, c->base_url, err);
  for (i = 0; st == AM_OK && i < c->n_betas; i++)
    st = am_options_add_beta(opts, c->betas[i], err);
  if (st == AM_OK && c->has_timeout) st = am_options_set_timeout_ms(opts, c->timeout_ms, err);
  if (st == AM_OK && c->has_deadline) st = am_options_set_deadline_ms(opts, c->deadline_ms, err);
  if (st == AM_OK && c->has_max_retries)
    st = am_options_set_max_retries(opts, c->max_retries, err);
  if (st == AM_OK && c->cache_dir) st = am_options_set_cache_dir(opts, c->cache_dir, err);
  if (st == AM_OK && c->has_cache_ttl) st = am_options_set_cache_ttl_ms(opts, c->cache_ttl_ms, err);
  am_options_set_offline(opts, c->offline);
  if (st == AM_OK) st = am_client_new(opts, client, err);
  am_options_free(opts);
  return st;
}

static am_status make_params(const struct cli *c, am_list_params **out, am_error **err)
{
  am_list_params *params = am_list_params_new();
  am_status st = AM_OK;
  size_t i;

  if (!params) return AM_ERR_OUT_OF_MEMORY;
  if (c->has_limit) st = am_list_params_set_limit(params, c->limit, err);
  if (st == AM_OK && c->after_id) st = am_list_params_set_after_id(params, c->after_id, err);
  if (st == AM_OK && c->before_id) st = am_list_params_set_before_id(params, c->before_id, err);
  for (i = 0; st == AM_OK && i < c->n_stages; i++)
    st = am_list_params_add_lifecycle(params, c->stages[i], err);
  *out = params;
  return st;
}

/* ---- list output ------------------------------------------------------- */

#define NCOLS 5
static const char *const table_headers[NCOLS] = {"ID", "DISPLAY NAME", "CREATED", "MAX INPUT",
                                                  "MAX OUTPUT"};
static const int right_aligned[NCOLS] = {0, 0, 0, 1, 1};

struct row {
  const char *cell[NCOLS];
  char created[32];
  char max_input[24];
  char max_output[24];
};

static void fill_row(struct row *r, const am_model *m)
{
  int64_t n = 0;
  int32_t has;
  r->cell[0] = am_model_id(m) ? am_model_id(m) : "-";
  r->cell[1] = am_model_display_name(m) ? am_model_display_name(m) : "-";
  r->cell[2] = format_created(m, r->created, sizeof r->created);
  has = am_model_max_input_tokens(m, &n);
  r->cell[3] = format_tokens(has, n, r->max_input, sizeof r->max_input);
  has = am_model_max_tokens(m, &n);
  r->cell[4] = format_tokens(has, n, r->max_output, sizeof r->max_output);
}

static void print_row(const char *const cells[NCOLS], const size_t widths[NCOLS])
{
  size_t col;
  for (col = 0; col < NCOLS; col++) {
    size_t pad = widths[col] - text_width(cells[col]);
    if (col > 0) fputs("  ", stdout);
    if (right_aligned[col]) put_spaces(pad);
    put_text(stdout, cells[col]);
    if (!right_aligned[col] && col + 1 < NCOLS) put_spaces(pad);
  }
  putchar('\n');
}

/* What `list` prints: the models of a list, or only the one --newest chose
 * (borrowed from the list; NULL when nothing matched). */
struct shown {
  const am_model_list *list;
  int only_newest;
  const am_model *newest;
};

static size_t shown_count(const struct shown *s)
{
  return s->only_newest ? (s->newest ? 1u : 0u) : am_model_list_count(s->list);
}

static const am_model *shown_at(const struct shown *s, size_t i)
{
  return s->only_newest ? s->newest : am_model_list_at(s->list, i);
}

static void print_list_table(const struct shown *list)
{
  size_t widths[NCOLS], n = shown_count(list), i, col;
  struct row r;

  for (col = 0; col < NCOLS; col++) widths[col] = text_width(table_headers[col]);
  for (i = 0; i < n; i++) {
    fill_row(&r, shown_at(list, i));
    for (col = 0; col < NCOLS; col++) {
      size_t w = text_width(r.cell[col]);
      if (w > widths[col]) widths[col] = w;
    }
  }
  print_row(table_headers, widths);
  for (i = 0; i < n; i++) {
    fill_row(&r, shown_at(list, i));
    print_row(r.cell, widths);
  }
}

static void print_list_json(const struct shown *list, int all)
{
  size_t n = shown_count(list), i;
  fputs("{\"data\":[", stdout);
  for (i = 0; i < n; i++) {
    const char *json = am_model_json(shown_at(list, i));
    if (i > 0) putchar(',');
    fputs(json ? json : "null", stdout);
  }
  fputs("],\"first_id\":", stdout);
  put_json_string(list->only_newest ? am_model_id(list->newest) : am_model_list_first_id(list->list));
  fputs(",\"last_id\":", stdout);
  put_json_string(list->only_newest ? am_model_id(list->newest) : am_model_list_last_id(list->list));
  printf(",\"has_more\":%s}\n", !all && am_model_list_has_more(list->list) ? "true" : "false");
}

/* A listing the cache answered past its TTL: said on stderr before the
 * models, so that it leads them where both streams are shown together. */
static void print_stale_note(const struct cli *c, const am_model_list *list)
{
  char age[64];
  if (!am_model_list_is_stale(list)) return;
  fprintf(stderr, "(stale: cached %s ago; %s)\n", format_age(am_model_list_age_ms(list), age, sizeof age),
          c->offline ? "offline" : "the refresh failed");
}

/* Tells how to fetch the next page, in the direction the listing went. */
static void print_more_hint(const struct cli *c, const am_model_list *list)
{
  const char *flag = c->before_id ? "--before-id" : "--after-id";
  const char *cursor = c->before_id ? am_model_list_first_id(list) : am_model_list_last_id(list);
  if (!cursor) return;
  fprintf(stderr, "(more results: %s ", flag);
  put_text(stderr, cursor);
  fputs(")\n", stderr);
}

/* After a filter: its result, when there is one, replaces *list. */
static void keep_selection(am_model_list **list, am_model_list **selected)
{
  if (!*selected) return;
  am_model_list_free(*list);
  *list = *selected;
  *selected = NULL;
}

/* The selection flags, each narrowing what the previous ones kept. */
static am_status select_models(const struct cli *c, am_model_list **list, am_error **err)
{
  am_model_list *out = NULL;
  am_status st = AM_OK;
  if (c->n_cap_paths > 0) {
    st = am_model_list_select_supported(*list, c->cap_paths, c->n_cap_paths, &out, err);
    keep_selection(list, &out);
  }
  if (st == AM_OK && c->line) {
    st = am_model_list_select_line(*list, c->line, &out, err);
    keep_selection(list, &out);
  }
  if (st == AM_OK && c->has_retiring_before) {
    st = am_model_list_select_retiring_before(*list, c->retiring_before, &out, err);
    keep_selection(list, &out);
  }
  return st;
}

static void print_list(const struct cli *c, const am_model_list *list)
{
  struct shown shown;
  shown.list = list;
  shown.only_newest = c->newest;
  shown.newest = c->newest ? am_model_list_newest(list, NULL) : NULL;

  print_stale_note(c, list);
  if (c->json) {
    print_list_json(&shown, c->all);
    return;
  }
  print_list_table(&shown);
  /* After the table, also where both streams go to one pipe, terminal or file:
   * stdout is fully buffered on a pipe, stderr not buffered at all. */
  fflush(stdout);
  if (!c->all && am_model_list_has_more(list)) print_more_hint(c, list);
  if (shown_count(&shown) == 0 && selecting(c)) fputs("(no model matches the selection)\n", stderr);
}

static am_status run_list(const struct cli *c, am_client *client, am_error **err)
{
  am_list_params *params = NULL;
  am_model_list *list = NULL;
  am_status st = make_params(c, &params, err);

  if (st == AM_OK)
    st = c->all ? am_models_list_all(client, params, &list, err)
                : am_models_list(client, params, &list, err);
  if (st == AM_OK) st = select_models(c, &list, err);
  if (st == AM_OK) print_list(c, list);
  am_model_list_free(list);
  am_list_params_free(params);
  return st;
}

/* ---- model output ------------------------------------------------------ */

static void print_field(const char *key, const char *value)
{
  printf("%s: ", key);
  put_text(stdout, value);
  putchar('\n');
}

static void print_token_field(const char *key, int32_t (*get)(const am_model *, int64_t *),
                              const am_model *m)
{
  char buf[24];
  int64_t n = 0;
  int32_t has = get(m, &n);
  print_field(key, format_tokens(has, n, buf, sizeof buf));
}

/* One capability line, indented two spaces per nesting level and labelled
 * with its last path segment. Ancestors not printed as capabilities of their
 * own (e.g. "thinking.types") get a "name:" heading line first. */
static void print_capability(const char *prev, const char *path, const char *value)
{
  const char *seg = path;
  size_t depth = 1;
  int shared = 1;

  for (;;) {
    size_t end = (size_t)(seg - path) + strcspn(seg, ".");
    int last = path[end] == '\0';
    shared = shared && !last && strncmp(prev, path, end) == 0 &&
             (prev[end] == '.' || prev[end] == '\0');
    if (!shared) {
      put_spaces(2 * depth);
      put_text_n(stdout, seg, end - (size_t)(seg - path));
      if (last)
        printf(": %s\n", value);
      else
        fputs(":\n", stdout);
    }
    if (last) break;
    seg = path + end + 1;
    depth++;
  }
}

static void print_names(const char *label, const am_model *m, size_t n,
                        const char *(*at)(const am_model *, size_t))
{
  size_t i;
  printf("%s: ", label);
  if (n == 0) fputs("-", stdout);
  for (i = 0; i < n; i++) {
    if (i > 0) fputs(", ", stdout);
    put_text(stdout, at(m, i));
  }
  putchar('\n');
}

/* Every capability the server reported, in its order, newer ones included. */
static void print_capabilities(const am_model *m)
{
  size_t n = am_model_capability_count(m), i;
  const char *prev = "";

  if (n == 0) {
    puts("capabilities: unknown (the server reported none)");
    return;
  }
  puts("capabilities:");
  for (i = 0; i < n; i++) {
    const char *path = am_model_capability_path_at(m, i);
    if (!path) continue;
    print_capability(prev, path, support_name(am_model_capability_support_at(m, i)));
    prev = path;
  }
}

static void print_model(const am_model *m)
{
  print_field("id", am_model_id(m));
  print_field("display_name", am_model_display_name(m));
  print_field("type", am_model_type(m));
  print_field("created_at", am_model_created_at(m));
  print_token_field("max_input_tokens", am_model_max_input_tokens, m);
  print_token_field("max_tokens", am_model_max_tokens, m);
  print_field("lifecycle", am_model_lifecycle(m));
  print_field("line", am_model_line(m));
  print_field("deprecated_at", am_model_deprecated_at(m));
  print_field("retires_at", am_model_retires_at(m));

  print_capabilities(m);
  print_names("effort levels", m, am_model_effort_level_count(m), am_model_effort_level_at);
  print_names("thinking types", m, am_model_thinking_type_count(m), am_model_thinking_type_at);
}

/* Whether the server reported anything at or below path: "thinking.types"
 * has no support value of its own, but its members are reported. */
static int capability_reported(const am_model *m, const char *path)
{
  size_t n = am_model_capability_count(m), len = strlen(path), i;
  for (i = 0; i < n; i++) {
    const char *p = am_model_capability_path_at(m, i);
    if (p && strncmp(p, path, len) == 0 && (p[len] == '\0' || p[len] == '.')) return 1;
  }
  return 0;
}

/* Prints yes, no or unknown and returns the matching exit status. An unknown
 * answer also says on stderr when the server reported nothing at that path. */
static int print_support(const struct cli *c, const am_model *m)
{
  am_support s = am_model_supports_path(m, c->cap_path);
  puts(support_name(s));
  if (s == AM_SUPPORT_YES) return RC_OK;
  if (s == AM_SUPPORT_NO) return RC_SUPPORTS_NO;
  fflush(stdout);
  if (am_model_capability_count(m) == 0) {
    fputs(PROG ": the server reported no capabilities for ", stderr);
    put_text(stderr, c->model);
    fputc('\n', stderr);
  } else if (!capability_reported(m, c->cap_path)) {
    fputs(PROG ": the server reported no capability '", stderr);
    put_text(stderr, c->cap_path);
    fputs("' for ", stderr);
    put_text(stderr, c->model);
    fputs(" (a typo? 'get MODEL' lists them)\n", stderr);
  }
  return RC_SUPPORTS_UNKNOWN;
}

/* get and supports: fetch one model, then print it or one capability; *rc is
 * the exit status when the call succeeded. */
static am_status run_model(const struct cli *c, am_client *client, int *rc, am_error **err)
{
  am_model *m = NULL;
  am_status st = am_model_get(client, c->model, &m, err);

  if (st == AM_OK) {
    if (c->command == CMD_SUPPORTS) {
      *rc = print_support(c, m);
    } else if (c->json) {
      const char *json = am_model_json(m);
      puts(json ? json : "null");
    } else {
      print_model(m);
    }
  }
  am_model_free(m);
  return st;
}

/* ---- main -------------------------------------------------------------- */

static int run(const struct cli *c)
{
  am_client *client = NULL;
  am_error *err = NULL;
  am_status st = make_client(c, &client, &err);
  int rc = RC_OK;

  if (st == AM_OK)
    st = c->command == CMD_LIST ? run_list(c, client, &err) : run_model(c, client, &rc, &err);
  if (st != AM_OK) rc = report_failure(st, err);
  am_error_free(err);
  am_client_free(client);
  return rc;
}

/* Output errors (a full disk, a closed pipe) must not pass for success, nor
 * for an answer of `supports` that could not be printed. */
static int finish_output(int rc)
{
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fputs(PROG ": error: cannot write to standard output\n", stderr);
    return rc == RC_USAGE ? RC_USAGE : RC_FAILURE;
  }
  return rc;
}

int main(int argc, char **argv)
{
  struct cli c;
  size_t slots = (size_t)(argc > 0 ? argc : 0) + 1;
  int rc;

  memset(&c, 0, sizeof c);
  c.betas = malloc(slots * sizeof *c.betas);
  c.stages = malloc(slots * sizeof *c.stages);
  c.cap_values = malloc(slots * sizeof *c.cap_values);
  if (!c.betas || !c.stages || !c.cap_values) {
    rc = report_failure(AM_ERR_OUT_OF_MEMORY, NULL);
  } else {
    rc = parse_args(argc, argv, &c);
    if (rc == RC_CONTINUE) rc = run(&c);
  }
  free(c.betas);
  free(c.stages);
  while (c.n_cap_values > 0) free(c.cap_values[--c.n_cap_values]);
  free(c.cap_values);
  free((void *)c.cap_paths);
  return finish_output(rc);
}
