// am-mock-server: runs the mock Models API server until SIGINT/SIGTERM or
// POST /_mock/shutdown.
#include "mock_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

namespace {

const char kUsage[] =
    "usage: am-mock-server [--host 127.0.0.1] [--port N] [--catalog FILE]\n"
    "                      [--synthetic N] [--api-key KEY] [--threads N]\n"
    "\n"
    "Serves GET /v1/models and GET /v1/models/{model_id} from a catalog file on a\n"
    "loopback address, with fault injection for tests.\n"
    "\n"
    "  --host HOST      loopback address to bind (127.x.x.x, ::1, localhost); default 127.0.0.1\n"
    "  --port N         port to listen on; 0 (default) picks a free port\n"
    "  --catalog FILE   catalog JSON; default: %s\n"
    "  --synthetic N    add N generated models, older than the catalog ones\n"
    "  --api-key KEY    accept only this x-api-key / bearer token (default: any non-empty)\n"
    "  --threads N      worker threads (default 64)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Once listening it prints one line: am-mock-server listening on http://HOST:PORT\n"
    "Control endpoints (no auth): POST/DELETE /_mock/faults, GET/DELETE /_mock/log,\n"
    "POST /_mock/shutdown.\n";

// The catalog used without --catalog: the installed one, found relative to this
// executable (AM_MOCK_INSTALLED_CATALOG is relative to the bin directory), else
// the one in the source tree, for a binary run from the build tree.
std::string default_catalog(const char* argv0) {
  std::string installed = AM_MOCK_INSTALLED_CATALOG;
  if (!installed.empty() && installed[0] != '/') {
    char exe[PATH_MAX] = {0};
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    std::string self = n > 0 ? std::string(exe, static_cast<size_t>(n)) : std::string(argv0);
    size_t slash = self.rfind('/');
    installed = slash == std::string::npos ? std::string() : self.substr(0, slash + 1) + installed;
  }
  char resolved[PATH_MAX];
  if (!installed.empty() && realpath(installed.c_str(), resolved)) return resolved;
  return AM_MOCK_DEFAULT_CATALOG;
}

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "am-mock-server: %s\nTry 'am-mock-server --help'.\n", msg.c_str());
  return 2;
}

bool is_loopback(std::string h) {
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "localhost" || h == "LOCALHOST" || h == "Localhost") return true;
  in_addr a4{};
  in6_addr a6{};
  if (inet_pton(AF_INET, h.c_str(), &a4) == 1) return (ntohl(a4.s_addr) >> 24) == 127;
  if (inet_pton(AF_INET6, h.c_str(), &a6) == 1) return IN6_IS_ADDR_LOOPBACK(&a6);
  return false;
}

bool parse_int(const std::string& s, long lo, long hi, int* out) {
  if (s.empty()) return false;
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (errno != 0 || end == s.c_str() || *end != '\0' || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  am::mock::ServerOptions opts;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::printf(kUsage, default_catalog(argv[0]).c_str());
      return 0;
    }
    std::string name = arg, value;
    bool inline_value = false;
    size_t eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    static const char* const kWithValue[] = {"--host", "--port", "--catalog", "--synthetic",
                                             "--api-key", "--threads"};
    bool known = false;
    for (const char* k : kWithValue) known = known || name == k;
    if (!known) return usage_error("unknown argument: " + arg);
    if (!inline_value) {
      if (i + 1 >= argc) return usage_error("missing value for " + name);
      value = argv[++i];
    }
    if (name == "--host") {
      if (!is_loopback(value)) return usage_error("--host must be a loopback address (127.x.x.x, ::1, localhost)");
      opts.host = value;
    } else if (name == "--port") {
      if (!parse_int(value, 0, 65535, &opts.port)) return usage_error("--port needs an integer in 0..65535");
    } else if (name == "--catalog") {
      if (value.empty()) return usage_error("--catalog needs a file name");
      opts.catalog_path = value;
    } else if (name == "--synthetic") {
      if (!parse_int(value, 0, 10000000, &opts.synthetic))
        return usage_error("--synthetic needs a non-negative integer");
    } else if (name == "--api-key") {
      if (value.empty()) return usage_error("--api-key needs a non-empty value");
      opts.api_key = value;
    } else if (name == "--threads") {
      if (!parse_int(value, 1, 4096, &opts.threads)) return usage_error("--threads needs an integer in 1..4096");
    }
  }

  if (opts.catalog_path.empty() && opts.catalog_json.empty()) opts.catalog_path = default_catalog(argv[0]);

  signal(SIGPIPE, SIG_IGN);
  // Block SIGINT/SIGTERM before any thread starts so that only sigtimedwait()
  // below receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  am::mock::MockServer server(opts);
  std::string err;
  if (!server.start(&err)) {
    std::fprintf(stderr, "am-mock-server: %s\n", err.c_str());
    return 1;
  }
  std::printf("am-mock-server listening on %s\n", server.base_url().c_str());
  std::fflush(stdout);

  for (;;) {
    timespec ts{0, 100 * 1000 * 1000};
    int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig == SIGINT || sig == SIGTERM) break;
    if (server.shutdown_requested()) break;
  }
  server.stop();
  return 0;
}
