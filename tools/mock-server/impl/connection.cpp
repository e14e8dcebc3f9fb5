#include "impl/connection.hpp"

namespace am {
namespace mock {
namespace detail {

bool wait_fd(int fd, short events, int timeout_ms, int stop_fd) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    pollfd p[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left < 0) left = 0;
    int r = ::poll(p, 2, static_cast<int>(left));
    if (r < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (p[0].revents) return true;
    if (p[1].revents) return false;
    if (r == 0) return false;
  }
}

thread_local Conn* tl_conn = nullptr;

}  // namespace detail
}  // namespace mock
}  // namespace am
