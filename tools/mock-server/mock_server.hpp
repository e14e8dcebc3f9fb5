// am-mock-server: a local stand-in for Anthropic's Models API
// (GET /v1/models, GET /v1/models/{model_id}) with fault injection for tests.
//
// In-process use:
//   am::mock::MockServer srv(am::mock::ServerOptions{});
//   std::string err;
//   if (!srv.start(&err)) { ... }
//   // point the client at srv.base_url(); inject failures with add_fault();
//   // inspect what arrived with log(); srv.stop() (or the destructor) ends it.
//
// The same server is available as the `am-mock-server` binary (main.cpp), whose
// control endpoints under /_mock/ mirror add_fault()/log() for non-C++ tests.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace am {
namespace mock {

struct ServerOptions {
  // File to load. When both catalog_path and catalog_json are empty, the
  // catalog shipped next to this header (AM_MOCK_DEFAULT_CATALOG) is used.
  std::string catalog_path;
  // Inline catalog text; takes precedence over catalog_path when non-empty.
  std::string catalog_json;
  // Must be a loopback address: 127.x.x.x, ::1 (or [::1]) or "localhost".
  // Anything else makes start() fail.
  std::string host = "127.0.0.1";
  int port = 0;                 // 0 = pick a free (ephemeral) port
  int synthetic = 0;            // add N generated models, older than the catalog's
  std::string api_key;          // if non-empty, only this x-api-key / bearer token is accepted
  int threads = 64;             // worker threads (cpp-httplib ThreadPool)
  int keep_alive_max = 100000;  // requests served per kept-alive connection
};

// A rule applied to incoming /v1/ requests before normal handling.
// Rules are kept in FIFO order; the first one that matches and still has
// `times` left is applied and its count is decremented.
struct Fault {
  std::string method = "GET";        // "" or "*" matches any method
  std::string path_prefix = "/v1/";  // raw (still percent-encoded) path prefix; "" matches all
  int times = 1;                     // requests it applies to; -1 = forever
  enum class Action {
    Respond,             // status + headers + body (empty body -> standard error body)
    ResetBeforeHeaders,  // abort the connection (TCP RST) without sending anything
    ResetMidBody,        // normal headers + part of the body, then TCP RST
    Truncate,            // normal headers, Content-Length larger than sent, part of body, then FIN
    Malformed,           // status (default 200), body `{"data": [ {"id": "x",` with correct length
    Oversize,            // status (default 200), `size` bytes of plausible JSON, streamed
    NeverAnswer,         // hold the request silently until stop() (or 10 min), then close
    Trickle,             // normal status/headers, Content-Length = size, one byte per interval_ms
    Redirect             // status (default 302) with Location: location
  } action = Action::Respond;
  // 0 = the action's default: Respond 500, Malformed/Oversize 200, Redirect 302,
  // Truncate/ResetMidBody/Trickle the status of the normal response.
  int status = 0;
  // Extra response headers, e.g. {"retry-after","1"}, {"x-should-retry","false"}.
  std::vector<std::pair<std::string, std::string>> headers;
  // Respond: raw body. When empty and status >= 400, the standard error body
  // for the status is sent (429 rate_limit_error, 529 overloaded_error, ...).
  std::string body;
  std::string content_type = "application/json";
  int delay_ms = 0;        // sleep before acting (cut short by stop())
  // Oversize: total body bytes (0 -> 64 MiB). Trickle: Content-Length / bytes to
  // send (0 -> length of the normal body; the normal body is cut or padded with
  // JSON whitespace to this size).
  std::size_t size = 0;
  int interval_ms = 1000;  // Trickle: one byte per interval
  std::string location;    // Redirect: Location header (empty -> the request's own path)
  bool pass_through = false;  // after delay_ms, handle the request normally
};

struct LogEntry {
  std::string method;
  std::string path;   // raw, as received (still percent-encoded)
  std::string query;  // raw query string without '?'
  // The client's TCP port: equal ports on successive entries mean the
  // connection was kept alive and reused.
  int remote_port = -1;
  // Header names lower-cased, in the order received (values trimmed).
  std::vector<std::pair<std::string, std::string>> headers;
  // First value of the header, or "" when absent. Name must be lower-case.
  std::string header(const std::string& lower_name) const;
};

class MockServer {
 public:
  explicit MockServer(ServerOptions o);
  ~MockServer();  // stops
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Loads the catalog, binds, launches the listening thread and returns once
  // connections are accepted. On failure returns false and fills *error.
  bool start(std::string* error);
  int port() const;
  std::string base_url() const;  // e.g. "http://127.0.0.1:PORT"
  // Idempotent. Wakes handlers that are sleeping or holding requests, closes
  // idle kept-alive connections, and returns promptly.
  void stop();
  // True once POST /_mock/shutdown was received (the server then stops itself;
  // stop() still joins it).
  bool shutdown_requested() const;

  void add_fault(Fault f);
  void clear_faults();

  // Requests to /v1/... only (never /_mock/...), oldest first. The log keeps
  // the most recent 100000 entries.
  std::vector<LogEntry> log() const;
  size_t request_count(const std::string& path_prefix = "/v1/") const;
  void clear_log();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace mock
}  // namespace am
