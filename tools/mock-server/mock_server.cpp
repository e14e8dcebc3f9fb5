// am::mock::MockServer on top of cpp-httplib 0.11.x: starting (loopback
// checks, catalog, routes, binding, the listener thread), stopping, and the
// public API. The parts live in impl/:
//   text, rfc3339          string and time helpers
//   catalog                the catalog file and synthetic models
//   error_responses        request ids and the API's error bodies
//   connection, http_server  every connection: its stream and keep-alive loop
//   server_state           MockServer::Impl, shared by the files below
//   api_requests           logging, fault matching and the Models API
//   fault_actions          what each fault does to a request
//   fault_json, control    the /_mock/ control endpoints
//
// Design notes
// - httplib::Server is subclassed and its (private virtual)
//   process_and_close_socket() is overridden (impl/http_server.hpp), so the
//   server owns every connection: it supplies its own httplib::Stream, runs the
//   keep-alive loop, knows each request's socket (for resets), records the raw
//   request head (raw target and headers in the order received) and can end
//   idle connections at once on stop().
// - All requests go through a pre-routing handler; requests that carry a body
//   on POST/PUT/PATCH/DELETE fall through to catch-all handlers so that httplib
//   reads the body first.
// - stop() signals an eventfd that every wait polls alongside its socket, so
//   sleeping fault handlers and idle connections end promptly.

#include "mock_server.hpp"

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "impl/error_responses.hpp"
#include "impl/http_server.hpp"
#include "impl/server_state.hpp"
#include "impl/text.hpp"

#ifndef AM_MOCK_DEFAULT_CATALOG
#define AM_MOCK_DEFAULT_CATALOG ""
#endif

namespace am {
namespace mock {

using namespace detail;

namespace {

// httplib's own keep-alive limit; the loop in HttpServer ends idle
// connections itself, sooner.
constexpr int kKeepAliveTimeoutSec = 5;

}  // namespace

MockServer::Impl::Impl(ServerOptions o) : opts(std::move(o)) {}

MockServer::Impl::~Impl() {
  stop();
  if (stop_fd >= 0) ::close(stop_fd);
}

bool MockServer::Impl::start(std::string* error) {
  std::string dummy;
  if (!error) error = &dummy;
  if (started) {
    *error = "MockServer: already started (a stopped server cannot be restarted)";
    return false;
  }
  // Host: loopback only.
  {
    std::string h = opts.host;
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    in_addr a4{};
    in6_addr a6{};
    if (iequals(h, "localhost")) {
      bind_host = "127.0.0.1";
    } else if (::inet_pton(AF_INET, h.c_str(), &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127) {
      bind_host = h;
    } else if (::inet_pton(AF_INET6, h.c_str(), &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6)) {
      bind_host = h;
      ipv6 = true;
    } else {
      *error = "MockServer: host must be a loopback address (127.x.x.x, ::1 or localhost), got '" +
               opts.host + "'";
      return false;
    }
  }
  if (opts.port < 0 || opts.port > 65535) {
    *error = "MockServer: port out of range: " + std::to_string(opts.port);
    return false;
  }
  if (opts.synthetic < 0) {
    *error = "MockServer: synthetic must be >= 0";
    return false;
  }
  // Catalog.
  {
    std::string text;
    if (!opts.catalog_json.empty()) {
      text = opts.catalog_json;
    } else {
      std::string path = opts.catalog_path.empty() ? std::string(AM_MOCK_DEFAULT_CATALOG) : opts.catalog_path;
      if (path.empty()) {
        *error = "MockServer: no catalog given and no default catalog compiled in";
        return false;
      }
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        *error = "MockServer: cannot read catalog file " + path;
        return false;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
    if (!load_catalog(text, opts.synthetic, &catalog, error)) return false;
  }
  stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop_fd < 0) {
    *error = std::string("MockServer: eventfd: ") + std::strerror(errno);
    return false;
  }
  started = true;

  svr.reset(new HttpServer(this));
  auto& s = *svr;
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.set_keep_alive_max_count(static_cast<size_t>(std::max(1, opts.keep_alive_max)));
  s.set_keep_alive_timeout(kKeepAliveTimeoutSec);
  s.set_read_timeout(kReadTimeoutMs / 1000, 0);
  s.set_write_timeout(kWriteTimeoutMs / 1000, 0);
  s.set_payload_max_length(size_t(8) << 20);
  size_t nthreads = static_cast<size_t>(std::max(1, opts.threads));
  std::atomic<int>* pend = &pending;
  s.new_task_queue = [nthreads, pend]() -> httplib::TaskQueue* { return new CountingQueue(nthreads, pend); };

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // httplib compresses every body the client accepts br or gzip for, and
    // Brotli at its highest quality costs ~1 ms per small response: enough to
    // swamp latency tests and benchmarks. The server answers uncompressed (the
    // request log keeps the header as received). The Request is httplib's own
    // non-const object, handed to handlers as const.
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    bool has_body = false;
    if (req.has_header("Transfer-Encoding")) {
      has_body = true;
    } else if (req.has_header("Content-Length")) {
      std::string cl = trim(req.get_header_value("Content-Length"));
      has_body = !cl.empty() && cl.find_first_not_of('0') != std::string::npos;
    }
    const std::string& m = req.method;
    bool httplib_reads_body = m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
    if (has_body && httplib_reads_body) return httplib::Server::HandlerResponse::Unhandled;
    if (has_body && tl_conn) {
      tl_conn->force_close = true;
      res.set_header("Connection", "close");
    }
    dispatch(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  auto catch_all = [this](const httplib::Request& req, httplib::Response& res) { dispatch(req, res); };
  s.Post(".*", catch_all);
  s.Put(".*", catch_all);
  s.Patch(".*", catch_all);
  s.Delete(".*", catch_all);
  s.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) return httplib::Server::HandlerResponse::Unhandled;
        set_error(res, res.status, error_type_for(res.status), error_message_for(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  s.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.has_header("request-id")) res.set_header("request-id", new_request_id());
  });

  if (opts.port == 0) {
    int p = s.bind_to_any_port(bind_host);
    if (p <= 0) {
      *error = "MockServer: cannot bind " + bind_host + " (any port)";
      begin_stop();
      return false;
    }
    bound_port = p;
  } else {
    if (!s.bind_to_port(bind_host, opts.port)) {
      *error = "MockServer: cannot bind " + bind_host + ":" + std::to_string(opts.port) +
               " (address in use?)";
      begin_stop();
      return false;
    }
    bound_port = opts.port;
  }
  // cpp-httplib 0.11 listens with a backlog of 5; allow bursts of connections.
  ::listen(s.listen_fd(), 1024);

  listener = std::thread([this] {
    svr->listen_after_bind();
    listener_done = true;
  });
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!svr->is_running() && !listener_done.load() && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!svr->is_running()) {
    *error = "MockServer: listener did not start";
    stop();
    return false;
  }
  return true;
}

void MockServer::Impl::begin_stop() {
  stopping = true;
  if (stop_fd >= 0) {
    uint64_t one = 1;
    ssize_t w = ::write(stop_fd, &one, sizeof one);
    (void)w;
  }
  if (svr && !stop_issued.exchange(true)) {
    // httplib::Server::stop() is a no-op unless the accept loop is running;
    // start() waits for that, so by now it is.
    svr->stop();
  }
}

void MockServer::Impl::stop() {
  std::lock_guard<std::mutex> lk(stop_mu);
  begin_stop();
  if (listener.joinable() && listener.get_id() != std::this_thread::get_id()) listener.join();
}

// ====================================================================== public API

std::string LogEntry::header(const std::string& lower_name) const {
  for (const auto& h : headers)
    if (h.first == lower_name) return h.second;
  return std::string();
}

MockServer::MockServer(ServerOptions o) : impl_(new Impl(std::move(o))) {}

MockServer::~MockServer() { impl_->stop(); }

bool MockServer::start(std::string* error) { return impl_->start(error); }

int MockServer::port() const { return impl_->bound_port; }

std::string MockServer::base_url() const {
  std::string host = impl_->bind_host.empty() ? std::string("127.0.0.1") : impl_->bind_host;
  if (impl_->ipv6) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->bound_port);
}

void MockServer::stop() { impl_->stop(); }

bool MockServer::shutdown_requested() const { return impl_->shutdown_req.load(); }

void MockServer::add_fault(Fault f) {
  if (f.times == 0) return;
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->faults.push_back(std::move(f));
}

void MockServer::clear_faults() {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->faults.clear();
}

std::vector<LogEntry> MockServer::log() const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  return std::vector<LogEntry>(impl_->log.begin(), impl_->log.end());
}

size_t MockServer::request_count(const std::string& path_prefix) const {
  std::lock_guard<std::mutex> lk(impl_->mu);
  size_t n = 0;
  for (const auto& e : impl_->log)
    if (starts_with(e.path, path_prefix)) ++n;
  return n;
}

void MockServer::clear_log() {
  std::lock_guard<std::mutex> lk(impl_->mu);
  impl_->log.clear();
}

}  // namespace mock
}  // namespace am
