// Helpers for the asynchronous-call tests: request handles, submission and
// take wrappers, callback probes that count calls and userdata releases,
// bounded waiting, thread counting and wake-up descriptor polling.
//
// Everything talks to the library only through include/anthropic_models.h;
// tests/support provides the mock server per test, the RAII handles, the
// fault builders and the time scale.
#pragma once

#include <dirent.h>
#include <poll.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "amtest/catalog_oracle.hpp"
#include "amtest/faults.hpp"
#include "amtest/handles.hpp"
#include "amtest/mock_api_test.hpp"
#include "amtest/request_log.hpp"
#include "amtest/time_scale.hpp"

namespace amtest {

// Threads of this process, as the kernel lists them.
inline int ThreadCount() {
  DIR *d = opendir("/proc/self/task");
  if (!d) return -1;
  int n = 0;
  while (dirent *e = readdir(d))
    if (e->d_name[0] != '.') ++n;
  closedir(d);
  return n;
}

// The thread count once it has stopped moving: at least `at_least` threads
// (e.g. the mock server's pool, which may still be starting, slowly under
// valgrind) and unchanged for 100 ms (threads that exited a moment ago may
// still be listed). Bounded at 10 s.
inline int SettledThreadCount(int at_least = 0) {
  WaitUntil([&] { return ThreadCount() >= at_least; }, 10000, 10);
  int last = ThreadCount();
  int stable = 0;
  for (int i = 0; i < 500 && stable < 5; ++i) {
    SleepMs(20);
    int now = ThreadCount();
    stable = now == last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

// poll() for readability with a timeout; true when readable.
inline bool Readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  int r;
  do {
    r = ::poll(&p, 1, timeout_ms);
  } while (r < 0 && errno == EINTR);
  return r > 0 && (p.revents & POLLIN);
}

// ---------------------------------------------------------------- probes

// Counts a request's callback runs and userdata releases. Lives on the test's
// stack; its address is the userdata.
struct Probe {
  std::atomic<int> calls{0};
  std::atomic<int> frees{0};
  std::atomic<int> calls_after_free{0};  // callback ran after its userdata was released
  std::atomic<int> frees_before_call{0};  // (only meaningful when the callback ran)
  std::atomic<std::thread::id> thread{};
  // Runs inside the callback (set before submission, read-only afterwards).
  std::function<void(am_request *)> on_call;
};

inline void ProbeCallback(am_request *req, void *userdata) {
  auto *p = static_cast<Probe *>(userdata);
  if (p->frees.load() > 0) p->calls_after_free.fetch_add(1);
  p->thread.store(std::this_thread::get_id());
  if (p->on_call) p->on_call(req);
  p->calls.fetch_add(1);
}

inline void ProbeFree(void *userdata) {
  auto *p = static_cast<Probe *>(userdata);
  if (p->calls.load() == 0) p->frees_before_call.fetch_add(1);
  p->frees.fetch_add(1);
}

// ---------------------------------------------------------------- submission

struct Submitted {
  am_status status = AM_ERR_INTERNAL;
  RequestPtr req;
  ErrorPtr err;
  const am_error *e() const { return err.get(); }
};

template <typename F>
Submitted SubmitWith(F &&f) {
  Submitted s;
  am_request *out = nullptr;
  am_error *err = nullptr;
  s.status = f(&out, &err);
  s.req.reset(out);
  s.err.reset(err);
  return s;
}

inline Submitted SubmitGet(am_client *c, const char *id, am_request_callback cb = nullptr, void *ud = nullptr,
                           am_userdata_free uf = nullptr) {
  return SubmitWith([&](am_request **o, am_error **e) { return am_model_get_async(c, id, cb, ud, uf, o, e); });
}
inline Submitted SubmitGet(am_client *c, const char *id, Probe &p) {
  return SubmitGet(c, id, ProbeCallback, &p, ProbeFree);
}
inline Submitted SubmitList(am_client *c, const am_list_params *params, am_request_callback cb = nullptr,
                            void *ud = nullptr, am_userdata_free uf = nullptr) {
  return SubmitWith([&](am_request **o, am_error **e) { return am_models_list_async(c, params, cb, ud, uf, o, e); });
}
inline Submitted SubmitListAll(am_client *c, const am_list_params *params, am_request_callback cb = nullptr,
                               void *ud = nullptr, am_userdata_free uf = nullptr) {
  return SubmitWith(
      [&](am_request **o, am_error **e) { return am_models_list_all_async(c, params, cb, ud, uf, o, e); });
}

inline GetResult TakeModel(am_request *req) {
  return Timed<ModelPtr>([&](am_model **o, am_error **e) { return am_request_take_model(req, o, e); });
}
inline ListResult TakeList(am_request *req) {
  return Timed<ListPtr>([&](am_model_list **o, am_error **e) { return am_request_take_list(req, o, e); });
}

#define AM_ASSERT_SUBMITTED(s)                                                   \
  do {                                                                           \
    ASSERT_TRUE(::amtest::StatusIs((s).status, (s).err.get(), AM_OK));           \
    ASSERT_NE((s).req, nullptr);                                                 \
  } while (0)

// ---------------------------------------------------------------- fixture

// The per-test mock server with enough worker threads that held requests
// (NeverAnswer, delays) do not queue behind each other.
class AsyncTest : public MockApiTest {
 protected:
  static constexpr int kServerThreads = 32;

  ServerOptions ServerOpts() const override {
    ServerOptions o = MockApiTest::ServerOpts();
    o.threads = kServerThreads;
    return o;
  }

  // Waits until the server has logged `n` requests (bounded).
  bool WaitForRequests(size_t n, int timeout_ms = 5000) {
    return WaitUntil([&] { return Requests() >= n; }, timeout_ms);
  }
};

// Frees a client when the scope ends: declared after the probes a test hands
// to the client's requests, it runs before they are destroyed, even when an
// assertion returns early (freeing the client releases queued userdata).
class FreeClientAtScopeEnd {
 public:
  explicit FreeClientAtScopeEnd(ClientPtr &c) : c_(c) {}
  ~FreeClientAtScopeEnd() { c_.reset(); }
  FreeClientAtScopeEnd(const FreeClientAtScopeEnd &) = delete;
  FreeClientAtScopeEnd &operator=(const FreeClientAtScopeEnd &) = delete;

 private:
  ClientPtr &c_;
};

// Catalog model ids (newest first), for spreading gets over real models.
inline std::vector<std::string> CatalogIds() { return ExpectedIds(0); }

}  // namespace amtest
