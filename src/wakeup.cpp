#include "wakeup.hpp"

#if defined(__linux__) && !defined(AM_WAKEUP_PIPE)
#define AM_WAKEUP_EVENTFD 1
#include <sys/eventfd.h>
#include <unistd.h>
#elif defined(__unix__) || defined(__APPLE__)
#define AM_WAKEUP_SELF_PIPE 1
#include <fcntl.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <cstdint>

namespace am {

#if defined(AM_WAKEUP_SELF_PIPE)
namespace {
bool set_flags(int fd) {
  int fl = fcntl(fd, F_GETFL);
  int fdfl = fcntl(fd, F_GETFD);
  return fl >= 0 && fdfl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0 && fcntl(fd, F_SETFD, fdfl | FD_CLOEXEC) == 0;
}
}  // namespace
#endif

bool HostWakeup::open() {
#if defined(AM_WAKEUP_EVENTFD)
  read_fd_ = write_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return read_fd_ >= 0;
#elif defined(AM_WAKEUP_SELF_PIPE)
  int fds[2];
  if (pipe(fds) != 0) return false;
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  // Both ends non-blocking: a full pipe is readable already, and a host
  // that never drains must not block the worker's write.
  return set_flags(read_fd_) && set_flags(write_fd_);
#else
  return true;  // no descriptor; hosts use am_client_set_completion_notify
#endif
}

HostWakeup::~HostWakeup() {
#if defined(AM_WAKEUP_EVENTFD) || defined(AM_WAKEUP_SELF_PIPE)
  if (read_fd_ >= 0) close(read_fd_);
  if (write_fd_ >= 0 && write_fd_ != read_fd_) close(write_fd_);
#endif
}

void HostWakeup::signal() {
#if defined(AM_WAKEUP_EVENTFD)
  uint64_t one = 1;
  ssize_t n = write(write_fd_, &one, sizeof one);
  (void)n;  // EAGAIN only when the counter is saturated: it is readable then anyway
#elif defined(AM_WAKEUP_SELF_PIPE)
  char byte = 1;
  ssize_t n;
  do {
    n = write(write_fd_, &byte, 1);
  } while (n < 0 && errno == EINTR);
  // EAGAIN: the pipe is full, so it is readable anyway.
#endif
}

void HostWakeup::drain() {
#if defined(AM_WAKEUP_EVENTFD)
  uint64_t drained;
  ssize_t n = read(read_fd_, &drained, sizeof drained);
  (void)n;
#elif defined(AM_WAKEUP_SELF_PIPE)
  char buf[256];
  for (;;) {
    ssize_t n = read(read_fd_, buf, sizeof buf);
    if (n > 0) continue;
    if (n < 0 && errno == EINTR) continue;
    break;  // empty (EAGAIN) or closed
  }
#endif
}

}  // namespace am
