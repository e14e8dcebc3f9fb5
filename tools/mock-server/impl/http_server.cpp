#include "impl/http_server.hpp"

#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace am {
namespace mock {
namespace detail {

namespace {

// An idle kept-alive connection is closed after this long, and sooner while
// other connections wait for a worker thread.
constexpr int kKeepAliveTimeoutMs = 5000;
constexpr int kBacklogIdleCloseMs = 200;

}  // namespace

bool HttpServer::process_and_close_socket(socket_t sock) {
  // httplib writes the head and the body with separate send() calls; without
  // TCP_NODELAY, Nagle + delayed ACK add ~40 ms to every kept-alive response.
  int one = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  Conn conn(sock, impl_->stop_fd);
  Conn* saved = tl_conn;
  tl_conn = &conn;
  long long remaining = std::max(1, impl_->opts.keep_alive_max);
  bool ret = false;
  bool first = true;
  while (remaining > 0) {
    if (!impl_->wait_for_request(conn, first)) break;
    first = false;
    bool closed = false;
    bool close_now = remaining == 1 || impl_->stopping.load() || impl_->pending.load() > 0;
    conn.force_close = false;
    conn.have_head = false;
    bool parsed = false;
    conn.stream.start_recording();
    ret = process_request(conn.stream, close_now, closed, [&conn, &parsed](httplib::Request&) {
      parsed = true;
      conn.parse_head(conn.stream.stop_recording());
    });
    conn.stream.stop_recording();
    // !parsed: httplib rejected the request line or headers (and answered
    // 400/414); the rest of the stream cannot be trusted.
    if (!ret || !parsed || closed || close_now || conn.force_close || conn.stream.aborted()) break;
    --remaining;
  }
  tl_conn = saved;
  if (!conn.rst) ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace detail
}  // namespace mock
}  // namespace am

namespace am {
namespace mock {

using detail::Clock;
using detail::kBacklogIdleCloseMs;
using detail::kKeepAliveTimeoutMs;

bool MockServer::Impl::wait_for_request(detail::Conn& c, bool first) {
  if (c.stream.has_buffered()) return true;
  auto start_t = Clock::now();
  for (;;) {
    if (stopping.load()) return false;
    pollfd p[2] = {{c.fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    int r = ::poll(p, 2, 100);
    if (r < 0 && errno != EINTR) return false;
    if (r > 0) {
      if (p[1].revents) return false;
      if (p[0].revents) return true;
    }
    auto idle =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_t).count();
    if (idle >= kKeepAliveTimeoutMs) return false;
    if (!first && idle >= kBacklogIdleCloseMs && pending.load() > 0) return false;
  }
}

}  // namespace mock
}  // namespace am
