// The descriptor a host polls to learn that completions are queued for
// am_client_dispatch: an eventfd on Linux, a non-blocking self-pipe on other
// POSIX systems (macOS, the BSDs) or when AM_WAKEUP_PIPE is defined (CMake
// option AM_FORCE_PIPE_WAKEUP, so Linux tests exercise the pipe too), and
// nothing (-1) where neither exists.
#pragma once

namespace am {

class HostWakeup {
 public:
  HostWakeup() = default;
  ~HostWakeup();
  HostWakeup(const HostWakeup &) = delete;
  HostWakeup &operator=(const HostWakeup &) = delete;

  // False when the platform has a mechanism and creating it failed.
  bool open();
  // Makes fd() readable (idempotent while nobody drains it).
  void signal();
  // Consumes every pending signal.
  void drain();
  // The descriptor to poll for readability, or -1.
  int fd() const { return read_fd_; }

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;  // the same as read_fd_ for an eventfd
};

}  // namespace am
