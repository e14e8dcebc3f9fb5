// What garbage-collected bindings and busy hosts do to the ABI: handles freed
// in any order on any thread, requests cancelled or freed while their client
// is being freed, callbacks that free each other's requests, hooks that
// replace themselves, waits and blocking calls from inside callbacks, and
// notifier-driven hosts that dispatch a few completions per signal.
//
// Every scenario that hung before its fix runs under a Watchdog, so a
// regression fails the run with a message instead of hanging it.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <set>

#include "amtest/watchdog.hpp"
#include "async_helpers.hpp"

namespace amtest {
namespace {

// Spins (yielding) until `flag` is set: lines two threads up on one moment.
void AwaitGo(const std::atomic<bool> &flag) {
  while (!flag.load()) std::this_thread::yield();
}

class LifetimeTest : public AsyncTest {
 protected:
  ClientPtr WorkerClient() {
    return MakeClient([](am_options *o) { am_options_set_callbacks_on_worker(o, 1); });
  }
};

// ---------------------------------------------------------------- issue: cancel/free racing am_client_free

TEST_F(LifetimeTest, CancelAndFreeRacingClientFreeFromAnotherThread) {
  Watchdog dog("cancel/free racing am_client_free", 120);
  AddFault(NeverAnswer(-1));
  const int iterations = 60;
  for (int i = 0; i < iterations; ++i) {
    auto client = MakeClient();
    std::vector<am_request *> reqs;
    for (int k = 0; k < 4; ++k) {
      auto s = SubmitGet(client.get(), "claude-opus-4-6");
      AM_ASSERT_SUBMITTED(s);
      reqs.push_back(s.req.release());
    }
    std::atomic<bool> go{false};
    std::thread other([&] {
      AwaitGo(go);
      // Cancel, then free, each request while the client goes away.
      for (am_request *r : reqs) am_request_cancel(r);
      for (am_request *r : reqs) am_request_free(r);
    });
    go.store(true);
    if (i % 2) std::this_thread::yield();
    client.reset();  // am_client_free, racing the other thread
    other.join();
  }
}

TEST_F(LifetimeTest, RequestFunctionsWorkAfterClientFree) {
  AddFault(NeverAnswer());
  auto client = MakeClient();
  Probe probe;
  auto pending = SubmitGet(client.get(), "claude-opus-4-6", probe);
  AM_ASSERT_SUBMITTED(pending);
  ASSERT_TRUE(WaitForRequests(1));  // pending holds the fault; the next get is answered
  auto finished = SubmitGet(client.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(finished);
  ASSERT_EQ(am_request_wait(finished.req.get(), static_cast<int64_t>(BoundMs(5000))), 1);
  client.reset();
  // The in-flight request was cancelled by the free; both handles stay usable.
  EXPECT_EQ(am_request_done(pending.req.get()), 1);
  EXPECT_EQ(am_request_wait(pending.req.get(), -1), 1);
  am_request_cancel(pending.req.get());
  am_request_cancel(finished.req.get());
  auto taken = TakeModel(pending.req.get());
  EXPECT_EQ(taken.status, AM_ERR_CANCELLED);
  auto model = TakeModel(finished.req.get());
  AM_EXPECT_OK(model);
  EXPECT_EQ(probe.calls.load(), 0);
  EXPECT_EQ(probe.frees.load(), 1);
}

// ---------------------------------------------------------------- issue: handles freed anywhere after the client

TEST_F(LifetimeTest, HandlesFreedInAnyOrderOnOtherThreadsAfterTheirClient) {
  Watchdog dog("handles freed after the client", 60);
  for (int round = 0; round < 10; ++round) {
    auto client = MakeClient();
    auto list = ListAll(client.get());
    AM_ASSERT_OK(list);
    auto model = Get(client.get(), "claude-sonnet-4-5");
    AM_ASSERT_OK(model);
    auto missing = Get(client.get(), "no-such-model");
    ASSERT_EQ(missing.status, AM_ERR_NOT_FOUND);
    auto done_req = SubmitList(client.get(), nullptr);
    AM_ASSERT_SUBMITTED(done_req);
    ASSERT_EQ(am_request_wait(done_req.req.get(), static_cast<int64_t>(BoundMs(5000))), 1);
    AddFault(NeverAnswer());
    const size_t before = Requests();
    auto live_req = SubmitGet(client.get(), "claude-opus-4-6");
    AM_ASSERT_SUBMITTED(live_req);
    ASSERT_TRUE(WaitForRequests(before + 1));  // it holds the fault, which must not outlive the round
    am_model *clone = am_model_clone(am_model_list_at(list.value.get(), 0));
    ASSERT_NE(clone, nullptr);

    client.reset();
    // What a finalizer thread does: each handle on its own thread, in an
    // order that changes every round, reading before freeing.
    std::vector<std::function<void()>> frees = {
        [&] { list.value.reset(); },
        [&] { model.value.reset(); },
        [&] { missing.err.reset(); },
        [&] { done_req.req.reset(); },
        [&] { live_req.req.reset(); },
        [&] {
          EXPECT_NE(am_model_id(clone), nullptr);
          EXPECT_NE(am_model_json(clone), nullptr);
          am_model_free(clone);
        },
    };
    std::rotate(frees.begin(), frees.begin() + round % frees.size(), frees.end());
    if (round % 2) std::reverse(frees.begin(), frees.end());
    std::vector<std::thread> threads;
    for (auto &f : frees) threads.emplace_back(f);
    for (auto &t : threads) t.join();
  }
}

// ---------------------------------------------------------------- issue: hooks that replace themselves

struct HookState {
  am_client *client = nullptr;
  std::atomic<int> log_calls{0}, notify_calls{0}, released{0};
};

void Release(void *ud) { static_cast<HookState *>(ud)->released.fetch_add(1); }

void LogThatRemovesItselfAndTheNotifier(am_log_level, const char *, void *ud) {
  auto *s = static_cast<HookState *>(ud);
  if (s->log_calls.fetch_add(1) == 0) {
    EXPECT_EQ(AM_OK, am_client_set_completion_notify(s->client, nullptr, nullptr, nullptr, nullptr));
    EXPECT_EQ(AM_OK, am_client_set_log_callback(s->client, nullptr, nullptr, nullptr, nullptr));
  }
}

void NotifyThatReplacesItselfAndSetsTheLog(void *ud) {
  auto *s = static_cast<HookState *>(ud);
  if (s->notify_calls.fetch_add(1) == 0) {
    EXPECT_EQ(AM_OK, am_client_set_completion_notify(s->client, NotifyThatReplacesItselfAndSetsTheLog, ud, Release,
                                                     nullptr));
    EXPECT_EQ(AM_OK, am_client_set_log_callback(s->client, LogThatRemovesItselfAndTheNotifier, ud, Release, nullptr));
  }
}

TEST_F(LifetimeTest, HooksMayReplaceOrRemoveThemselvesAndEachOther) {
  Watchdog dog("hooks replacing themselves", 60);
  auto client = MakeClient();
  HookState state;
  state.client = client.get();
  ASSERT_EQ(AM_OK, am_client_set_completion_notify(client.get(), NotifyThatReplacesItselfAndSetsTheLog, &state,
                                                   Release, nullptr));
  Probe probe;
  auto first = SubmitGet(client.get(), "claude-opus-4-6", probe);
  AM_ASSERT_SUBMITTED(first);
  // The notifier runs once the completion is queued: it replaces itself and
  // installs the log hook, whose first line then removes both hooks.
  ASSERT_TRUE(WaitUntil([&] { return state.notify_calls.load() >= 1; }, 5000));
  EXPECT_EQ(am_client_dispatch(client.get(), 0), 1);
  auto second = Get(client.get(), "claude-opus-4-6");  // logs a line: the log hook removes both hooks
  AM_ASSERT_OK(second);
  EXPECT_EQ(state.log_calls.load(), 1);
  // Released: the first notifier (replaced by itself), the second one (removed
  // by the log hook), and the log hook (removed by itself).
  EXPECT_EQ(state.released.load(), 3);
  auto third = Get(client.get(), "claude-opus-4-6");
  AM_ASSERT_OK(third);
  EXPECT_EQ(state.log_calls.load(), 1);
  client.reset();
  EXPECT_EQ(state.released.load(), 3);
}

void LogThatReplacesItself(am_log_level, const char *, void *ud) {
  auto *s = static_cast<HookState *>(ud);
  s->log_calls.fetch_add(1);
  EXPECT_EQ(AM_OK, am_client_set_log_callback(s->client, LogThatReplacesItself, ud, Release, nullptr));
}

TEST_F(LifetimeTest, LogHookReplacingItselfOnEveryLineKeepsLogging) {
  Watchdog dog("log hook replacing itself", 60);
  auto client = WorkerClient();
  HookState state;
  state.client = client.get();
  ASSERT_EQ(AM_OK, am_client_set_log_callback(client.get(), LogThatReplacesItself, &state, Release, nullptr));
  for (int i = 0; i < 5; ++i) {
    auto r = Get(client.get(), "claude-opus-4-6");
    AM_ASSERT_OK(r);
  }
  EXPECT_EQ(state.log_calls.load(), 5);
  EXPECT_EQ(state.released.load(), 5);  // each replaced registration, once its call returned
  client.reset();
  EXPECT_EQ(state.released.load(), 6);  // and the last one with the client
}

// ---------------------------------------------------------------- issue: waiting on the worker thread

struct WaitOnWorker {
  am_client *client = nullptr;
  std::atomic<int> wait_result{-1};
  std::atomic<double> wait_ms{-1};
  am_request *inner = nullptr;
};

void WaitInsideWorkerCallback(am_request *, void *ud) {
  auto *w = static_cast<WaitOnWorker *>(ud);
  am_error *err = nullptr;
  EXPECT_EQ(AM_OK, am_model_get_async(w->client, "claude-opus-4-6", nullptr, nullptr, nullptr, &w->inner, &err));
  am_error_free(err);
  auto t0 = SteadyClock::now();
  w->wait_result.store(am_request_wait(w->inner, -1));  // would wait for the worker it blocks
  w->wait_ms.store(MsSince(t0));
}

TEST_F(LifetimeTest, RequestWaitOnItsOwnWorkerReturnsAtOnce) {
  Watchdog dog("am_request_wait on the worker", 60);
  auto client = WorkerClient();
  WaitOnWorker w;
  w.client = client.get();
  auto outer = SubmitGet(client.get(), "claude-opus-4-6", WaitInsideWorkerCallback, &w, nullptr);
  AM_ASSERT_SUBMITTED(outer);
  ASSERT_TRUE(WaitUntil([&] { return w.wait_result.load() != -1; }, 5000));
  EXPECT_EQ(w.wait_result.load(), 0);  // not finished, and not waited for
  EXPECT_LT(w.wait_ms.load(), BoundMs(100));
  ASSERT_NE(w.inner, nullptr);
  EXPECT_EQ(am_request_wait(w.inner, static_cast<int64_t>(BoundMs(5000))), 1);  // from here it can wait
  am_request_free(w.inner);
}

// ---------------------------------------------------------------- issue 17.1: submitting while am_client_free runs

struct Chain {
  am_client *client = nullptr;
  std::mutex mu;
  std::set<am_request *> live;  // handles not yet freed by their callback
  std::atomic<int> submitted{0}, refused{0}, callbacks{0}, released{0};
  std::atomic<int> refused_with_other_status{0};
};

void ChainRelease(void *ud) { static_cast<Chain *>(ud)->released.fetch_add(1); }

void ChainCallback(am_request *req, void *ud) {
  auto *c = static_cast<Chain *>(ud);
  c->callbacks.fetch_add(1);
  {
    std::lock_guard<std::mutex> lock(c->mu);
    c->live.erase(req);
  }
  am_request_free(req);
  am_request *next = nullptr;
  am_error *err = nullptr;
  std::lock_guard<std::mutex> lock(c->mu);  // held so the handle is recorded before its callback can look
  am_status st = am_models_list_async(c->client, nullptr, ChainCallback, ud, ChainRelease, &next, &err);
  if (st == AM_OK) {
    c->submitted.fetch_add(1);
    c->live.insert(next);
  } else {
    c->refused.fetch_add(1);
    if (st != AM_ERR_INVALID_ARGUMENT) c->refused_with_other_status.fetch_add(1);
  }
  am_error_free(err);
}

TEST_F(LifetimeTest, WorkerCallbacksSubmittingWhileTheClientIsFreedAreRefusedCleanly) {
  Watchdog dog("submissions during am_client_free", 120);
  for (int run = 0; run < 20; ++run) {
    auto client = WorkerClient();
    Chain chain;
    chain.client = client.get();
    {
      std::lock_guard<std::mutex> lock(chain.mu);
      for (int k = 0; k < 8; ++k) {
        am_request *r = nullptr;
        ASSERT_EQ(AM_OK, am_models_list_async(client.get(), nullptr, ChainCallback, &chain, ChainRelease, &r, nullptr));
        chain.submitted.fetch_add(1);
        chain.live.insert(r);
      }
    }
    ASSERT_TRUE(WaitUntil([&] { return chain.callbacks.load() >= 16; }, 5000));
    client.reset();  // callbacks keep submitting on the worker meanwhile
    EXPECT_EQ(chain.refused_with_other_status.load(), 0);
    for (am_request *r : chain.live) am_request_free(r);
    // Every accepted submission released its userdata exactly once.
    EXPECT_EQ(chain.released.load(), chain.submitted.load());
  }
}

// ---------------------------------------------------------------- issue 17.2: callbacks freeing each other's request

struct Pair {
  std::atomic<int> inside{0};
  std::atomic<am_request *> req[2] = {nullptr, nullptr};
  std::atomic<int> calls{0}, released{0};
  std::atomic<bool> freed[2] = {false, false};  // by the other side's callback

  // A callback that found its partner not started frees the partner's
  // request, whose callback then never runs: its own request is left for the
  // test to free (once every callback is over).
  void FreeWhatTheCallbacksDidNot() {
    for (int k = 0; k < 2; ++k)
      if (!freed[k].load()) am_request_free(req[k].load());
  }
};

struct PairSide {
  Pair *pair;
  int me;
};

void PairCallback(am_request *, void *ud) {
  auto *side = static_cast<PairSide *>(ud);
  Pair *p = side->pair;
  p->calls.fetch_add(1);
  p->inside.fetch_add(1);
  // Both callbacks running at once (bounded: one may never start when the
  // other freed its request first).
  WaitUntil([&] { return p->inside.load() >= 2; }, 200, 1);
  am_request_free(p->req[1 - side->me].load());  // the other one's request
  p->freed[1 - side->me].store(true);
}

void PairRelease(void *ud) { static_cast<PairSide *>(ud)->pair->released.fetch_add(1); }

TEST_F(LifetimeTest, CallbacksRunningAtOnceMayFreeEachOthersRequest) {
  Watchdog dog("callbacks freeing each other's request", 120);
  for (int run = 0; run < 30; ++run) {
    auto client = MakeClient();
    Pair pair;
    PairSide sides[2] = {{&pair, 0}, {&pair, 1}};
    for (int k = 0; k < 2; ++k) {
      auto s = SubmitGet(client.get(), "claude-opus-4-6", PairCallback, &sides[k], PairRelease);
      AM_ASSERT_SUBMITTED(s);
      pair.req[k] = s.req.release();
    }
    ASSERT_EQ(am_request_wait(pair.req[0].load(), static_cast<int64_t>(BoundMs(5000))), 1);
    ASSERT_EQ(am_request_wait(pair.req[1].load(), static_cast<int64_t>(BoundMs(5000))), 1);
    std::atomic<bool> go{false};
    auto pump = [&] {
      AwaitGo(go);
      am_client_dispatch(client.get(), 1);
    };
    std::thread a(pump), b(pump);
    go.store(true);
    a.join();
    b.join();
    EXPECT_GE(pair.calls.load(), 1);
    EXPECT_EQ(pair.released.load(), 2);  // both handles freed, each userdata released once
    pair.FreeWhatTheCallbacksDidNot();
    client.reset();
    EXPECT_EQ(pair.released.load(), 2);
  }
}

TEST_F(LifetimeTest, WorkerCallbacksOfTwoClientsMayFreeEachOthersRequest) {
  Watchdog dog("worker callbacks freeing each other's request", 120);
  for (int run = 0; run < 30; ++run) {
    auto c0 = WorkerClient();
    auto c1 = WorkerClient();
    Pair pair;
    PairSide sides[2] = {{&pair, 0}, {&pair, 1}};
    // Both requests finish around the same moment, and both handles are
    // known before either callback can look them up.
    AddFault(Delay(30, 2));
    for (int k = 0; k < 2; ++k) {
      auto s = SubmitGet((k ? c1 : c0).get(), "claude-opus-4-6", PairCallback, &sides[k], PairRelease);
      AM_ASSERT_SUBMITTED(s);
      pair.req[k].store(s.req.release());
    }
    ASSERT_TRUE(WaitUntil([&] { return pair.released.load() == 2; }, 5000));
    c0.reset();
    c1.reset();  // no callback runs any more
    EXPECT_EQ(pair.released.load(), 2);
    pair.FreeWhatTheCallbacksDidNot();
  }
}

// ---------------------------------------------------------------- issue 17.3: no stall for work someone waits for

struct Nested {
  am_client *client = nullptr;
  std::atomic<double> blocking_ms{-1}, wait_ms{-1}, other_thread_ms{-1};
  std::atomic<int> status{-1};
};

void BlockingCallInsideDispatch(am_request *, void *ud) {
  auto *n = static_cast<Nested *>(ud);
  am_model *m = nullptr;
  auto t0 = SteadyClock::now();
  n->status.store(am_model_get(n->client, "claude-opus-4-6", &m, nullptr));
  n->blocking_ms.store(MsSince(t0));
  am_model_free(m);

  am_request *r = nullptr;
  t0 = SteadyClock::now();
  EXPECT_EQ(AM_OK, am_model_get_async(n->client, "claude-opus-4-6", nullptr, nullptr, nullptr, &r, nullptr));
  EXPECT_EQ(am_request_wait(r, -1), 1);
  n->wait_ms.store(MsSince(t0));
  am_request_free(r);

  // A submission left deferred by this callback must not delay another
  // thread's blocking call made meanwhile.
  am_request *deferred = nullptr;
  EXPECT_EQ(AM_OK, am_models_list_async(n->client, nullptr, nullptr, nullptr, nullptr, &deferred, nullptr));
  std::thread other([n] {
    am_model *m2 = nullptr;
    auto t1 = SteadyClock::now();
    EXPECT_EQ(AM_OK, am_model_get(n->client, "claude-opus-4-6", &m2, nullptr));
    n->other_thread_ms.store(MsSince(t1));
    am_model_free(m2);
  });
  other.join();
  am_request_free(deferred);
}

TEST_F(LifetimeTest, BlockingCallsAndWaitsInsideDispatchCallbacksDoNotStall) {
  Watchdog dog("blocking call inside a dispatch callback", 60);
  auto client = MakeClient();
  Nested n;
  n.client = client.get();
  auto s = SubmitGet(client.get(), "claude-opus-4-6", BlockingCallInsideDispatch, &n, nullptr);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), static_cast<int64_t>(BoundMs(5000))), 1);
  ASSERT_TRUE(WaitUntil([&] { return am_client_dispatch(client.get(), 0) == 1; }, 5000));
  EXPECT_EQ(n.status.load(), AM_OK);
  // A loopback get takes well under a millisecond; the stall this guards
  // against was the worker's 1000 ms poll.
  EXPECT_LT(n.blocking_ms.load(), BoundMs(300));
  EXPECT_LT(n.wait_ms.load(), BoundMs(300));
  EXPECT_LT(n.other_thread_ms.load(), BoundMs(300));
}

// ---------------------------------------------------------------- issue 17.4: notifier-driven hosts

struct NotifyHost {
  std::mutex mu;
  std::condition_variable cv;
  int signals = 0;
};

void SignalHost(void *ud) {
  auto *h = static_cast<NotifyHost *>(ud);
  {
    std::lock_guard<std::mutex> lock(h->mu);
    ++h->signals;
  }
  h->cv.notify_all();
}

TEST_F(LifetimeTest, NotifierDrivenHostDispatchingOnePerSignalLosesNothing) {
  Watchdog dog("notifier-driven host", 60);
  auto client = MakeClient();
  NotifyHost host;
  ASSERT_EQ(AM_OK, am_client_set_completion_notify(client.get(), SignalHost, &host, nullptr, nullptr));
  const int n = 5;
  Probe probes[n];
  std::vector<Submitted> subs;
  for (int i = 0; i < n; ++i) {
    subs.push_back(SubmitGet(client.get(), "claude-opus-4-6", probes[i]));
    AM_ASSERT_SUBMITTED(subs.back());
  }
  for (auto &s : subs) ASSERT_EQ(am_request_wait(s.req.get(), static_cast<int64_t>(BoundMs(5000))), 1);
  // The host: sleep until signalled, then dispatch one completion.
  int ran = 0, seen = 0;
  auto until = SteadyClock::now() + milliseconds(static_cast<int>(BoundMs(3000)));
  while (ran < n && SteadyClock::now() < until) {
    {
      std::unique_lock<std::mutex> lock(host.mu);
      if (!host.cv.wait_until(lock, until, [&] { return host.signals > seen; })) break;
      seen = host.signals;
    }
    ran += am_client_dispatch(client.get(), 1);
  }
  EXPECT_EQ(ran, n);
  for (auto &p : probes) EXPECT_EQ(p.calls.load(), 1);
  ASSERT_EQ(AM_OK, am_client_set_completion_notify(client.get(), nullptr, nullptr, nullptr, nullptr));
}

}  // namespace
}  // namespace amtest
