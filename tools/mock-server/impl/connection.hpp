// One accepted connection as the server sees it: an httplib::Stream over the
// socket whose every wait also watches the stop eventfd (so stop() ends idle
// and sleeping connections at once), which can record the raw request head
// (the target and headers exactly as sent, in order) and be aborted with a
// TCP RST for the reset faults.
#pragma once

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "impl/text.hpp"

namespace am {
namespace mock {
namespace detail {

using Clock = std::chrono::steady_clock;

constexpr int kReadTimeoutMs = 10000;
constexpr int kWriteTimeoutMs = 10000;
constexpr size_t kMaxRecordedHead = 64 * 1024;

// Waits until fd has `events`, the stop eventfd fires, or timeout_ms passes.
// Returns true only when fd is ready (or in error, so the caller sees it).
bool wait_fd(int fd, short events, int timeout_ms, int stop_fd);

class ConnStream final : public httplib::Stream {
 public:
  ConnStream(int fd, int stop_fd) : fd_(fd), stop_fd_(stop_fd) {}

  bool is_readable() const override {
    return off_ < len_ || wait_fd(fd_, POLLIN, kReadTimeoutMs, stop_fd_);
  }
  bool is_writable() const override {
    return !aborted_ && wait_fd(fd_, POLLOUT, kWriteTimeoutMs, stop_fd_);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (off_ >= len_) {
      if (!wait_fd(fd_, POLLIN, kReadTimeoutMs, stop_fd_)) return -1;
      ssize_t n;
      do {
        n = ::recv(fd_, buf_, sizeof buf_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      off_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t k = std::min(size, len_ - off_);
    std::memcpy(ptr, buf_ + off_, k);
    if (recording_ && head_.size() < kMaxRecordedHead) head_.append(buf_ + off_, k);
    off_ += k;
    return static_cast<ssize_t>(k);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (aborted_) return -1;
    size_t done = 0;
    while (done < size) {
      ssize_t n = ::send(fd_, ptr + done, size - done, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        done += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!wait_fd(fd_, POLLOUT, kWriteTimeoutMs, stop_fd_)) return -1;
        continue;
      }
      return -1;
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&ss), &len) == 0) addr_to(ss, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len) == 0) addr_to(ss, ip, port);
  }
  socket_t socket() const override { return fd_; }

  bool has_buffered() const { return off_ < len_; }
  void start_recording() {
    head_.clear();
    recording_ = true;
  }
  std::string stop_recording() {
    recording_ = false;
    return std::move(head_);
  }
  void abort() { aborted_ = true; }
  bool aborted() const { return aborted_; }

 private:
  static void addr_to(const sockaddr_storage& ss, std::string& ip, int& port) {
    char buf[INET6_ADDRSTRLEN] = {0};
    if (ss.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
      ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
      port = ntohs(a->sin_port);
    } else if (ss.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
      ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
      port = ntohs(a->sin6_port);
    }
    ip = buf;
  }

  int fd_;
  int stop_fd_;
  char buf_[16384];
  size_t off_ = 0, len_ = 0;
  bool recording_ = false;
  std::string head_;
  bool aborted_ = false;
};

struct Conn {
  Conn(int sock, int stop_fd) : fd(sock), stream(sock, stop_fd) {}
  int fd;
  ConnStream stream;
  bool force_close = false;  // unread request body left on the wire
  bool rst = false;          // close with SO_LINGER {1,0}: the peer sees a TCP RST
  // Raw request head of the current request.
  bool have_head = false;
  std::string method, target;
  std::vector<std::pair<std::string, std::string>> headers;

  void parse_head(const std::string& raw) {
    have_head = false;
    method.clear();
    target.clear();
    headers.clear();
    size_t pos = 0;
    bool first = true;
    while (pos < raw.size()) {
      size_t nl = raw.find('\n', pos);
      if (nl == std::string::npos) break;
      std::string line = raw.substr(pos, nl - pos);
      pos = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (first) {
        if (line.empty()) continue;  // tolerated leading blank line
        size_t a = line.find(' ');
        size_t b = a == std::string::npos ? a : line.find(' ', a + 1);
        if (a == std::string::npos || b == std::string::npos) return;
        method = line.substr(0, a);
        target = line.substr(a + 1, b - a - 1);
        first = false;
        continue;
      }
      if (line.empty()) {
        have_head = true;
        return;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      headers.emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
    }
  }

  void abort(bool reset) {
    stream.abort();
    if (reset) {
      rst = true;
      linger lg{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    }
  }
};

// The connection the current worker thread is serving (null outside one):
// how request handlers reach the socket beneath httplib's Request.
extern thread_local Conn* tl_conn;

}  // namespace detail
}  // namespace mock
}  // namespace am
