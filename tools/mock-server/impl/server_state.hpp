// MockServer::Impl: the state of one running server (options, catalog, stop
// signalling, the fault queue and the request log) and the handlers its
// parts implement: http_server.cpp (connections), api_requests.cpp (the
// Models API), fault_actions.cpp, control.cpp (/_mock/) and mock_server.cpp
// (start, stop and the public API).
#pragma once

#include <httplib.h>

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "impl/catalog.hpp"
#include "impl/connection.hpp"
#include "mock_server.hpp"

namespace am {
namespace mock {
namespace detail {

class HttpServer;

// A request as the handlers see it: the raw target split into path and query,
// and the headers as received (names lower-cased).
struct ReqInfo {
  std::string method, path, query;
  int remote_port = -1;
  std::vector<std::pair<std::string, std::string>> headers;
  const std::string* body = nullptr;
  std::string header(const std::string& name) const {
    for (const auto& h : headers)
      if (h.first == name) return h.second;
    return std::string();
  }
};

}  // namespace detail
}  // namespace mock
}  // namespace am

namespace am {
namespace mock {

struct MockServer::Impl {
  // Defined where HttpServer is complete (mock_server.cpp), for the unique_ptr.
  explicit Impl(ServerOptions o);
  ~Impl();

  ServerOptions opts;
  detail::Catalog catalog;
  std::string bind_host;
  bool ipv6 = false;
  int bound_port = 0;
  int stop_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stop_issued{false};
  std::atomic<bool> shutdown_req{false};
  std::atomic<bool> listener_done{false};
  std::atomic<int> pending{0};
  bool started = false;
  std::unique_ptr<detail::HttpServer> svr;
  std::thread listener;
  std::mutex stop_mu;

  mutable std::mutex mu;  // faults + log
  std::deque<Fault> faults;
  std::deque<LogEntry> log;

  bool start(std::string* error);
  void begin_stop();
  void stop();

  bool sleep_ms(int ms) const {  // false when interrupted by stop
    if (ms <= 0) return !stopping.load();
    pollfd p{stop_fd, POLLIN, 0};
    auto deadline = detail::Clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - detail::Clock::now()).count();
      if (left <= 0) return !stopping.load();
      int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
      if (r > 0) return false;
      if (r < 0 && errno != EINTR) return false;
    }
  }

  bool wait_for_request(detail::Conn& c, bool first);
  void dispatch(const httplib::Request& req, httplib::Response& res);
  detail::ReqInfo make_info(const httplib::Request& req) const;
  void handle_control(const detail::ReqInfo& ri, httplib::Response& res);
  void handle_api(const detail::ReqInfo& ri, httplib::Response& res);
  void handle_list(const detail::ReqInfo& ri, httplib::Response& res);
  void handle_get(const std::string& id, const detail::ReqInfo& ri, httplib::Response& res);
  void apply_fault(const Fault& f, const detail::ReqInfo& ri, httplib::Response& res);
  bool take_fault(const detail::ReqInfo& ri, Fault* out);
  std::string log_json() const;
};

}  // namespace mock
}  // namespace am
