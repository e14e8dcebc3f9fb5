// Completion callbacks: by default only inside am_client_dispatch, on the
// dispatching thread; the wake-up descriptor and the completion notifier that
// tell an event loop to dispatch; and callbacks on the worker thread.
#include "async_helpers.hpp"

namespace amtest {
namespace {

using CallbackTest = AsyncTest;

// Once am_request_done says 1 the worker queues the completion right after;
// give it a moment (bounded) before counting on it being queued.
constexpr int kQueueSettleMs = 50;

TEST_F(CallbackTest, RunOnlyInsideDispatchOnTheDispatchingThread) {
  Probe p, q;
  std::atomic<am_status> taken{AM_ERR_INTERNAL};
  std::atomic<bool> model_ok{false};
  FreeClientAtScopeEnd guard(client_);
  p.on_call = [&](am_request *r) {
    EXPECT_EQ(am_request_done(r), 1);
    GetResult g = TakeModel(r);
    taken = g.status;
    model_ok = g.value && Str(am_model_id(g.value.get())) == "claude-opus-4-6";
  };
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  SettleMs(100);
  EXPECT_EQ(p.calls.load(), 0) << "a callback ran without am_client_dispatch";
  EXPECT_EQ(p.frees.load(), 0) << "userdata released before its callback ran";

  // Dispatch from a thread of our own: the callback runs there.
  std::atomic<std::thread::id> dispatcher{};
  std::atomic<int> ran{-1};
  std::thread d([&] {
    dispatcher = std::this_thread::get_id();
    ran = am_client_dispatch(client_.get(), 0);
  });
  d.join();
  EXPECT_EQ(ran.load(), 1);
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_EQ(p.thread.load(), dispatcher.load()) << "the callback did not run on the dispatching thread";
  EXPECT_EQ(taken.load(), AM_OK);
  EXPECT_TRUE(model_ok.load());
  EXPECT_EQ(p.frees.load(), 1);
  EXPECT_EQ(p.frees_before_call.load(), 0) << "userdata released before the callback ran";
  EXPECT_EQ(p.calls_after_free.load(), 0);

  // Nothing left: a second dispatch runs nothing and the callback never runs twice.
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_EQ(p.frees.load(), 1);

  // And from this thread.
  Submitted s2 = SubmitGet(client_.get(), "claude-opus-4-6", q);
  AM_ASSERT_SUBMITTED(s2);
  ASSERT_EQ(am_request_wait(s2.req.get(), 5000), 1);
  ASSERT_TRUE(WaitUntil([&] { return am_client_dispatch(client_.get(), 0) > 0; }, 2000));
  EXPECT_EQ(q.calls.load(), 1);
  EXPECT_EQ(q.thread.load(), std::this_thread::get_id());
}

TEST_F(CallbackTest, DispatchMaxLimitsHowManyRun) {
  constexpr int kN = 3;
  Probe p[kN], more[kN];
  FreeClientAtScopeEnd guard(client_);
  std::vector<RequestPtr> reqs;
  for (auto &probe : p) {
    Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", probe);
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  for (auto &r : reqs) ASSERT_EQ(am_request_wait(r.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  auto total = [&] {
    int n = 0;
    for (auto &probe : p) n += probe.calls.load();
    return n;
  };
  EXPECT_EQ(total(), 0);
  EXPECT_EQ(am_client_dispatch(client_.get(), 1), 1);
  EXPECT_EQ(total(), 1);
  EXPECT_EQ(am_client_dispatch(client_.get(), 1), 1);
  EXPECT_EQ(total(), 2);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 1);
  EXPECT_EQ(total(), 3);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  for (auto &probe : p) {
    EXPECT_EQ(probe.calls.load(), 1);
    EXPECT_EQ(probe.frees.load(), 1);
  }

  // max < 0 runs everything queued, like 0.
  reqs.clear();
  for (auto &probe : more) {
    Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", probe);
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  for (auto &r : reqs) ASSERT_EQ(am_request_wait(r.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  EXPECT_EQ(am_client_dispatch(client_.get(), -5), kN);
  for (auto &probe : more) EXPECT_EQ(probe.calls.load(), 1);
  EXPECT_EQ(am_client_dispatch(client_.get(), -1), 0);
}

TEST_F(CallbackTest, NoCallbackMeansNothingToDispatch) {
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  EXPECT_FALSE(Readable(am_client_wakeup_fd(client_.get()), 0));
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  GetResult g = TakeModel(s.req.get());
  AM_EXPECT_OK(g);
}

// ---------------------------------------------------------------- wake-up fd

TEST_F(CallbackTest, WakeupFdSignalsQueuedCompletions) {
  const int fd = am_client_wakeup_fd(client_.get());
  ASSERT_GE(fd, 0);
  EXPECT_EQ(am_client_wakeup_fd(client_.get()), fd) << "the descriptor must be stable";
  EXPECT_FALSE(Readable(fd, 50)) << "readable before any completion";

  Probe p, a, b;
  FreeClientAtScopeEnd guard(client_);
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  EXPECT_TRUE(Readable(fd, 2000)) << "not readable after a callback request completed";
  EXPECT_TRUE(Readable(fd, 0)) << "polling must not drain it";
  EXPECT_EQ(p.calls.load(), 0);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 1);
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_FALSE(Readable(fd, 0)) << "still readable after dispatch drained everything";
  EXPECT_FALSE(Readable(fd, 50));

  // Two queued, one dispatched: still readable until the second is.
  Submitted sa = SubmitGet(client_.get(), "claude-opus-4-6", a);
  Submitted sb = SubmitGet(client_.get(), "claude-opus-4-6", b);
  AM_ASSERT_SUBMITTED(sa);
  AM_ASSERT_SUBMITTED(sb);
  ASSERT_EQ(am_request_wait(sa.req.get(), 5000), 1);
  ASSERT_EQ(am_request_wait(sb.req.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  EXPECT_TRUE(Readable(fd, 0));
  EXPECT_EQ(am_client_dispatch(client_.get(), 1), 1);
  EXPECT_TRUE(Readable(fd, 0)) << "a completion is still queued but the descriptor is not readable";
  EXPECT_EQ(am_client_dispatch(client_.get(), 1), 1);
  EXPECT_FALSE(Readable(fd, 0));
  EXPECT_EQ(a.calls.load() + b.calls.load(), 2);

  // An empty dispatch leaves it unreadable.
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  EXPECT_FALSE(Readable(fd, 0));
}

TEST_F(CallbackTest, WakeupFdDrivesAPollLoop) {
  // What an event-loop host does: poll the descriptor, dispatch when readable.
  const int fd = am_client_wakeup_fd(client_.get());
  ASSERT_GE(fd, 0);
  AddFault(Delay(30));
  constexpr int kN = 5;
  Probe p[kN];
  FreeClientAtScopeEnd guard(client_);
  std::vector<RequestPtr> reqs;
  for (auto &probe : p) {
    Submitted s = SubmitGet(client_.get(), "claude-haiku-4-5", probe);
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  int ran = 0;
  auto t0 = SteadyClock::now();
  while (ran < kN && MsSince(t0) < 5000) {
    if (Readable(fd, 100)) ran += am_client_dispatch(client_.get(), 0);
  }
  EXPECT_EQ(ran, kN);
  for (auto &probe : p) EXPECT_EQ(probe.calls.load(), 1);
}

// ---------------------------------------------------------------- notifier

struct Notifier {
  std::atomic<int> calls{0};
  std::atomic<int> frees{0};
  std::atomic<int> on_test_thread{0};
  std::thread::id test_thread = std::this_thread::get_id();
};

void NotifyFn(void *ud) {
  auto *n = static_cast<Notifier *>(ud);
  if (std::this_thread::get_id() == n->test_thread) n->on_test_thread.fetch_add(1);
  n->calls.fetch_add(1);
}

void NotifyFree(void *ud) { static_cast<Notifier *>(ud)->frees.fetch_add(1); }

// The notifier runs on the worker each time the dispatch queue goes from
// empty to non-empty (the header's contract): once for a burst of completions
// nobody dispatched, once per completion when each is dispatched before the
// next arrives, never for requests without a callback, never from dispatch.
TEST_F(CallbackTest, CompletionNotifyWhenTheQueueBecomesNonEmpty) {
  Notifier a, b;
  constexpr int kBurst = 5;
  constexpr int kOneByOne = 3;
  Probe burst[kBurst], one_by_one[kOneByOne], last;
  {
    ClientPtr c = MakeClient();
    ASSERT_NE(c, nullptr);
    am_error *err = nullptr;
    am_status st = am_client_set_completion_notify(c.get(), NotifyFn, &a, NotifyFree, &err);
    ErrorPtr guard(err);
    ASSERT_TRUE(StatusIs(st, err, AM_OK));
    EXPECT_EQ(a.calls.load(), 0);

    // Two without a callback queue nothing, so they notify nothing.
    std::vector<RequestPtr> reqs;
    for (int i = 0; i < 2; ++i) {
      Submitted s = SubmitGet(c.get(), "claude-opus-4-6");
      AM_ASSERT_SUBMITTED(s);
      reqs.push_back(std::move(s.req));
    }
    for (auto &r : reqs) ASSERT_EQ(am_request_wait(r.get(), 5000), 1);
    SettleMs(kQueueSettleMs);
    EXPECT_EQ(a.calls.load(), 0) << "notified for a request without a callback";

    // A burst nobody dispatches: the queue became non-empty once.
    for (auto &probe : burst) {
      Submitted s = SubmitGet(c.get(), "claude-opus-4-6", probe);
      AM_ASSERT_SUBMITTED(s);
      reqs.push_back(std::move(s.req));
    }
    for (auto &r : reqs) ASSERT_EQ(am_request_wait(r.get(), 5000), 1);
    EXPECT_TRUE(WaitUntil([&] { return a.calls.load() >= 1; }, 2000)) << "never notified";
    SettleMs(kQueueSettleMs);
    EXPECT_EQ(a.calls.load(), 1) << "a burst of completions into an undispatched queue";
    EXPECT_EQ(a.on_test_thread.load(), 0) << "the notifier ran on the test thread, not the worker";
    int total_calls = 0;
    for (auto &probe : burst) total_calls += probe.calls.load();
    EXPECT_EQ(total_calls, 0) << "notifying must not run callbacks";
    EXPECT_EQ(am_client_dispatch(c.get(), 0), kBurst);
    EXPECT_EQ(a.calls.load(), 1) << "dispatching must not notify";

    // Drained before each completion: one notification each.
    for (int i = 0; i < kOneByOne; ++i) {
      Submitted s = SubmitGet(c.get(), "claude-opus-4-6", one_by_one[i]);
      AM_ASSERT_SUBMITTED(s);
      EXPECT_TRUE(WaitUntil([&] { return a.calls.load() >= 2 + i; }, 2000)) << "completion " << i;
      EXPECT_EQ(am_client_dispatch(c.get(), 0), 1);
      reqs.push_back(std::move(s.req));
    }
    SettleMs(kQueueSettleMs);
    EXPECT_EQ(a.calls.load(), 1 + kOneByOne);
    EXPECT_EQ(a.on_test_thread.load(), 0);

    // Replacing it releases the previous userdata once.
    st = am_client_set_completion_notify(c.get(), NotifyFn, &b, NotifyFree, nullptr);
    EXPECT_EQ(st, AM_OK);
    EXPECT_EQ(a.frees.load(), 1);
    EXPECT_EQ(b.frees.load(), 0);

    Submitted s = SubmitGet(c.get(), "claude-opus-4-6", last);
    AM_ASSERT_SUBMITTED(s);
    EXPECT_TRUE(WaitUntil([&] { return b.calls.load() >= 1; }, 2000));
    SettleMs(kQueueSettleMs);
    EXPECT_EQ(b.calls.load(), 1);
    EXPECT_EQ(a.calls.load(), 1 + kOneByOne) << "the replaced notifier was called";
    EXPECT_EQ(b.on_test_thread.load(), 0);
    EXPECT_EQ(am_client_dispatch(c.get(), 0), 1);
    reqs.clear();
  }  // client freed: the current notifier's userdata is released
  EXPECT_EQ(a.frees.load(), 1);
  EXPECT_EQ(b.frees.load(), 1);
}

TEST_F(CallbackTest, CompletionNotifyRemovedWithNull) {
  Notifier a;
  Probe p;
  {
    ClientPtr c = MakeClient();
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(am_client_set_completion_notify(c.get(), NotifyFn, &a, NotifyFree, nullptr), AM_OK);
    ASSERT_EQ(am_client_set_completion_notify(c.get(), nullptr, nullptr, nullptr, nullptr), AM_OK);
    EXPECT_EQ(a.frees.load(), 1);

    Submitted s = SubmitGet(c.get(), "claude-opus-4-6", p);
    AM_ASSERT_SUBMITTED(s);
    ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
    ASSERT_TRUE(Readable(am_client_wakeup_fd(c.get()), 2000));
    EXPECT_EQ(a.calls.load(), 0);
    EXPECT_EQ(am_client_dispatch(c.get(), 0), 1);
  }
  EXPECT_EQ(a.calls.load(), 0);
  EXPECT_EQ(a.frees.load(), 1) << "a removed notifier's userdata was released again at client free";
}

TEST_F(CallbackTest, CompletionNotifyWithoutUserdataFree) {
  Notifier a;
  Probe p;
  ClientPtr c = MakeClient();
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(am_client_set_completion_notify(c.get(), NotifyFn, &a, nullptr, nullptr), AM_OK);
  Submitted s = SubmitGet(c.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  EXPECT_TRUE(WaitUntil([&] { return a.calls.load() == 1; }, 5000));
  EXPECT_EQ(am_client_dispatch(c.get(), 0), 1);
  s.req.reset();
  c.reset();
  EXPECT_EQ(a.frees.load(), 0);
}

// ---------------------------------------------------------------- on the worker

TEST_F(CallbackTest, OnWorkerRunWithoutDispatchAndRefuseBlockingCalls) {
  Probe p;
  std::atomic<am_status> blocking_status{AM_ERR_INTERNAL};
  std::atomic<bool> blocking_out_null{false};
  std::atomic<bool> blocking_err_set{false};
  std::atomic<am_status> taken{AM_ERR_INTERNAL};
  std::atomic<am_status> list_status{AM_ERR_INTERNAL};
  ClientPtr c = MakeClient([](am_options *o) { am_options_set_callbacks_on_worker(o, 1); });
  ASSERT_NE(c, nullptr);
  am_client *client = c.get();
  p.on_call = [&, client](am_request *r) {
    am_model *m = reinterpret_cast<am_model *>(0x1);  // must be reset to NULL
    am_error *e = nullptr;
    blocking_status = am_model_get(client, "claude-opus-4-6", &m, &e);
    blocking_out_null = m == nullptr;
    blocking_err_set = e != nullptr && am_error_status(e) == AM_ERR_INVALID_ARGUMENT;
    am_error_free(e);
    am_model_list *l = nullptr;
    list_status = am_models_list(client, nullptr, &l, nullptr);
    am_model_list_free(l);
    taken = TakeModel(r).status;
  };
  Submitted s = SubmitGet(client, "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  bool ran = WaitUntil([&] { return p.calls.load() == 1; }, 5000);
  if (!ran) {
    // A deadlocked worker would hang am_client_free: leave it.
    (void)s.req.release();
    (void)c.release();
    FAIL() << "the callback did not run on the worker (or deadlocked in the blocking call)";
  }
  EXPECT_NE(p.thread.load(), std::this_thread::get_id()) << "ran on the test thread";
  EXPECT_EQ(blocking_status.load(), AM_ERR_INVALID_ARGUMENT);
  EXPECT_TRUE(blocking_out_null.load());
  EXPECT_TRUE(blocking_err_set.load());
  EXPECT_EQ(list_status.load(), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(taken.load(), AM_OK);
  EXPECT_TRUE(WaitUntil([&] { return p.frees.load() == 1; }, 1000));
  EXPECT_EQ(p.frees_before_call.load(), 0);
  EXPECT_EQ(Requests(), 1u) << "the refused blocking calls must send nothing";

  // Nothing was queued for dispatch.
  EXPECT_FALSE(Readable(am_client_wakeup_fd(client), 0));
  EXPECT_EQ(am_client_dispatch(client, 0), 0);
  EXPECT_EQ(p.calls.load(), 1);

  // Outside the worker the same client still blocks normally.
  GetResult g = Get(client, "claude-opus-4-6");
  AM_EXPECT_OK(g);
}

TEST_F(CallbackTest, OnWorkerAllCallbacksRunOnOneThread) {
  constexpr int kN = 6;
  Probe p[kN];
  ClientPtr c = MakeClient([](am_options *o) { am_options_set_callbacks_on_worker(o, 1); });
  ASSERT_NE(c, nullptr);
  std::vector<RequestPtr> reqs;
  for (auto &probe : p) {
    Submitted s = SubmitGet(c.get(), "claude-opus-4-6", probe);
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  ASSERT_TRUE(WaitUntil(
      [&] {
        int n = 0;
        for (auto &probe : p) n += probe.frees.load();
        return n == kN;
      },
      5000));
  for (auto &probe : p) {
    EXPECT_EQ(probe.calls.load(), 1);
    EXPECT_EQ(probe.thread.load(), p[0].thread.load()) << "callbacks on different threads";
    EXPECT_NE(probe.thread.load(), std::this_thread::get_id());
  }
  EXPECT_EQ(am_client_dispatch(c.get(), 0), 0);
}

}  // namespace
}  // namespace amtest
