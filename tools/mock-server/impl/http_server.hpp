// The httplib integration: a server subclass that owns every connection, and
// a task queue that counts connections waiting for a worker.
//
// HttpServer overrides httplib::Server's private virtual
// process_and_close_socket() and calls its protected process_request(): both
// are internals of cpp-httplib 0.11, which is why CMakeLists.txt accepts only
// that series. Check this file against a newer release before widening it.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>

#include "impl/server_state.hpp"

namespace am {
namespace mock {
namespace detail {

// Runs the keep-alive loop itself, so it knows each request's socket (for
// resets), records the raw request head, and ends idle connections as soon
// as the server stops or other connections wait for a worker.
class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(MockServer::Impl* impl) : impl_(impl) {}
  int listen_fd() const { return svr_sock_; }

 private:
  bool process_and_close_socket(socket_t sock) override;

  MockServer::Impl* impl_;
};

// TaskQueue that wraps httplib::ThreadPool and counts connections waiting
// for a worker, so busy keep-alive connections can be released early.
class CountingQueue : public httplib::TaskQueue {
 public:
  CountingQueue(size_t n, std::atomic<int>* pending) : pool_(n), pending_(pending) {}
  void enqueue(std::function<void()> fn) override {
    pending_->fetch_add(1);
    std::atomic<int>* p = pending_;
    pool_.enqueue([p, fn]() {
      p->fetch_sub(1);
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<int>* pending_;
};

}  // namespace detail
}  // namespace mock
}  // namespace am
