// userdata_free runs exactly once on every path, and am_client_free with
// requests in flight or completions queued.
#include "async_helpers.hpp"

namespace amtest {
namespace {

using UserdataTest = AsyncTest;

constexpr int kQueueSettleMs = 50;

TEST_F(UserdataTest, ReleasedOnceAfterTheCallbackRan) {
  Probe p;
  FreeClientAtScopeEnd guard(client_);
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  EXPECT_EQ(p.frees.load(), 0);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 1);
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_EQ(p.frees.load(), 1);
  EXPECT_EQ(p.frees_before_call.load(), 0);
  s.req.reset();
  EXPECT_EQ(p.frees.load(), 1) << "freeing the request released the userdata again";
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  client_.reset();
  EXPECT_EQ(p.frees.load(), 1);
  EXPECT_EQ(p.calls.load(), 1);
}

TEST_F(UserdataTest, RequestFreedBeforeCompletion) {
  Probe p;
  FreeClientAtScopeEnd guard(client_);
  AddFault(NeverAnswer());
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1));
  s.req.reset();  // in flight: cancelled, and its callback will never run
  EXPECT_EQ(p.frees.load(), 1) << "the callback can no longer run: its userdata must be released now";
  SettleMs(100);  // the worker has cancelled it by now
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0) << "dispatch reported a callback of a freed request as run";
  EXPECT_EQ(p.calls.load(), 0);
  EXPECT_EQ(p.frees.load(), 1);
  client_.reset();
  EXPECT_EQ(p.calls.load(), 0);
  EXPECT_EQ(p.frees.load(), 1);
}

TEST_F(UserdataTest, RequestFreedAfterCompletionBeforeDispatch) {
  Probe p;
  FreeClientAtScopeEnd guard(client_);
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  ASSERT_TRUE(Readable(am_client_wakeup_fd(client_.get()), 2000)) << "the completion was never queued";
  EXPECT_EQ(p.frees.load(), 0);
  s.req.reset();
  EXPECT_EQ(p.frees.load(), 1);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0) << "dispatch reported a callback of a freed request as run";
  EXPECT_EQ(p.calls.load(), 0);
  EXPECT_EQ(p.frees.load(), 1);
  client_.reset();
  EXPECT_EQ(p.calls.load(), 0);
  EXPECT_EQ(p.frees.load(), 1);
}

// A freed request's queued completion must not use up a dispatch(max) slot.
TEST_F(UserdataTest, FreedRequestDoesNotCountAgainstDispatchMax) {
  Probe freed, kept;
  FreeClientAtScopeEnd guard(client_);
  Submitted a = SubmitGet(client_.get(), "claude-opus-4-6", freed);
  AM_ASSERT_SUBMITTED(a);
  ASSERT_EQ(am_request_wait(a.req.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  Submitted b = SubmitGet(client_.get(), "claude-opus-4-6", kept);
  AM_ASSERT_SUBMITTED(b);
  ASSERT_EQ(am_request_wait(b.req.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  a.req.reset();
  EXPECT_EQ(am_client_dispatch(client_.get(), 1), 1);
  EXPECT_EQ(kept.calls.load(), 1) << "dispatch(1) spent its one run on a freed request";
  EXPECT_EQ(freed.calls.load(), 0);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  EXPECT_EQ(kept.calls.load(), 1);
  EXPECT_EQ(freed.frees.load(), 1);
  EXPECT_EQ(kept.frees.load(), 1);
}

TEST_F(UserdataTest, ClientFreedWithCallbacksQueued) {
  constexpr int kN = 3;
  Probe p[kN];
  std::vector<RequestPtr> reqs;
  ClientPtr c = MakeClient();
  ASSERT_NE(c, nullptr);
  for (auto &probe : p) {
    Submitted s = SubmitGet(c.get(), "claude-opus-4-6", probe);
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  for (auto &r : reqs) ASSERT_EQ(am_request_wait(r.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  for (auto &probe : p) EXPECT_EQ(probe.frees.load(), 0);

  c.reset();  // never dispatched
  for (auto &probe : p) {
    EXPECT_EQ(probe.calls.load(), 0) << "a callback ran during am_client_free";
    EXPECT_EQ(probe.frees.load(), 1) << "am_client_free must release the userdata of callbacks that never ran";
  }
  // The handles stay valid and keep their (successful) results.
  for (auto &r : reqs) {
    EXPECT_EQ(am_request_done(r.get()), 1);
    EXPECT_EQ(am_request_wait(r.get(), 0), 1);
    GetResult g = TakeModel(r.get());
    AM_EXPECT_OK(g);
    if (g.value) {
      EXPECT_EQ(Str(am_model_id(g.value.get())), "claude-opus-4-6");
    }
    am_request_cancel(r.get());  // no effect, no crash
  }
  reqs.clear();
  for (auto &probe : p) {
    EXPECT_EQ(probe.calls.load(), 0);
    EXPECT_EQ(probe.frees.load(), 1) << "am_request_free released the userdata a second time";
  }
}

TEST_F(UserdataTest, RequestFreedInsideItsOwnCallback) {
  Probe p;
  std::atomic<am_status> taken{AM_ERR_INTERNAL};
  p.on_call = [&](am_request *r) {
    taken = TakeModel(r).status;
    am_request_free(r);
  };
  FreeClientAtScopeEnd guard(client_);
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  am_request *req = s.req.release();  // the callback owns it now
  ASSERT_EQ(am_request_wait(req, 5000), 1);
  ASSERT_TRUE(Readable(am_client_wakeup_fd(client_.get()), 2000));
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 1);
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_EQ(p.frees.load(), 1);
  EXPECT_EQ(p.frees_before_call.load(), 0) << "userdata released while its callback was still running";
  EXPECT_EQ(taken.load(), AM_OK);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  client_.reset();
  EXPECT_EQ(p.frees.load(), 1);
}

TEST_F(UserdataTest, RequestFreedInsideItsOwnCallbackOnTheWorker) {
  Probe p;
  std::atomic<am_status> taken{AM_ERR_INTERNAL};
  p.on_call = [&](am_request *r) {
    taken = TakeModel(r).status;
    am_request_free(r);
  };
  ClientPtr c = MakeClient([](am_options *o) { am_options_set_callbacks_on_worker(o, 1); });
  ASSERT_NE(c, nullptr);
  Submitted s = SubmitGet(c.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  (void)s.req.release();  // the callback owns it (and may already have freed it)
  EXPECT_TRUE(WaitUntil([&] { return p.frees.load() == 1; }, 5000));
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_EQ(p.frees_before_call.load(), 0);
  EXPECT_EQ(taken.load(), AM_OK);
  c.reset();
  EXPECT_EQ(p.frees.load(), 1);
}

TEST_F(UserdataTest, NoCallbackReleasedWhenTheRequestIsFreed) {
  Probe p;
  FreeClientAtScopeEnd guard(client_);
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", nullptr, &p, ProbeFree);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  SettleMs(kQueueSettleMs);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  EXPECT_EQ(p.frees.load(), 0) << "without a callback, userdata is released when the request is freed";
  GetResult g = TakeModel(s.req.get());
  AM_EXPECT_OK(g);
  s.req.reset();
  EXPECT_EQ(p.frees.load(), 1);
  client_.reset();
  EXPECT_EQ(p.frees.load(), 1);
}

TEST_F(UserdataTest, NoCallbackReleasedWhenTheRequestIsFreedAfterTheClient) {
  Probe p;
  ClientPtr c = MakeClient();
  ASSERT_NE(c, nullptr);
  Submitted s = SubmitGet(c.get(), "claude-opus-4-6", nullptr, &p, ProbeFree);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  c.reset();
  EXPECT_EQ(p.frees.load(), 0);
  s.req.reset();
  EXPECT_EQ(p.frees.load(), 1);
}

TEST_F(UserdataTest, NoCallbackFreedInFlight) {
  Probe p;
  FreeClientAtScopeEnd guard(client_);
  AddFault(NeverAnswer());
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", nullptr, &p, ProbeFree);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1));
  s.req.reset();
  EXPECT_EQ(p.frees.load(), 1);
  SettleMs(kQueueSettleMs);
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 0);
  client_.reset();
  EXPECT_EQ(p.frees.load(), 1);
}

// A callback without userdata_free (NULL): nothing to release, still runs once.
TEST_F(UserdataTest, CallbackWithoutUserdataFree) {
  Probe p;
  FreeClientAtScopeEnd guard(client_);
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", ProbeCallback, &p, nullptr);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  ASSERT_TRUE(WaitUntil([&] { return am_client_dispatch(client_.get(), 0) == 1; }, 2000));
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_EQ(p.frees.load(), 0);
}

// ---------------------------------------------------------------- client free

TEST_F(UserdataTest, ClientFreedWithTwentyRequestsInFlight) {
  constexpr int kN = 20;
  Probe p[kN];
  std::vector<RequestPtr> reqs;
  ClientPtr c = MakeClient();
  ASSERT_NE(c, nullptr);
  AddFault(NeverAnswer(kN));
  for (auto &probe : p) {
    Submitted s = SubmitGet(c.get(), "claude-opus-4-6", probe);
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  ASSERT_TRUE(WaitForRequests(kN)) << "only " << Requests() << " of " << kN << " reached the server";
  for (auto &r : reqs) ASSERT_EQ(am_request_done(r.get()), 0);

  auto t0 = SteadyClock::now();
  c.reset();
  double ms = MsSince(t0);
  EXPECT_LT(ms, BoundMs(1000)) << "am_client_free took " << ms << " ms";

  auto calls = [&] {
    int n = 0;
    for (auto &probe : p) n += probe.calls.load();
    return n;
  };
  EXPECT_EQ(calls(), 0) << "callbacks ran during am_client_free";
  for (auto &probe : p) EXPECT_EQ(probe.frees.load(), 1) << "userdata not released exactly once by am_client_free";
  SettleMs(100);
  EXPECT_EQ(calls(), 0) << "a callback ran after am_client_free returned";

  for (auto &r : reqs) {
    EXPECT_EQ(am_request_done(r.get()), 1);
    EXPECT_EQ(am_request_wait(r.get(), 0), 1);
    GetResult g = TakeModel(r.get());
    AM_EXPECT_STATUS(g, AM_ERR_CANCELLED);
    EXPECT_EQ(g.value, nullptr);
  }
  reqs.clear();
  EXPECT_EQ(calls(), 0);
  for (auto &probe : p) EXPECT_EQ(probe.frees.load(), 1);
  EXPECT_EQ(Requests(), static_cast<size_t>(kN));
}

// Requests still in the backoff of a retry when the client goes.
TEST_F(UserdataTest, ClientFreedWithRequestsInBackoff) {
  constexpr int kN = 5;
  Probe p[kN];
  std::vector<RequestPtr> reqs;
  ClientPtr c = MakeClient();
  ASSERT_NE(c, nullptr);
  AddFault(Respond(503, {RetryAfterMs(10000)}, "", kN));
  for (auto &probe : p) {
    Submitted s = SubmitGet(c.get(), "claude-opus-4-6", probe);
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  ASSERT_TRUE(WaitForRequests(kN));
  SettleMs(50);
  auto t0 = SteadyClock::now();
  c.reset();
  EXPECT_LT(MsSince(t0), BoundMs(1000));
  for (size_t i = 0; i < reqs.size(); ++i) {
    EXPECT_EQ(p[i].calls.load(), 0);
    EXPECT_EQ(p[i].frees.load(), 1);
    GetResult g = TakeModel(reqs[i].get());
    AM_EXPECT_STATUS(g, AM_ERR_CANCELLED);
  }
  reqs.clear();
  for (auto &probe : p) EXPECT_EQ(probe.frees.load(), 1);
  EXPECT_EQ(Requests(), static_cast<size_t>(kN));
}

}  // namespace
}  // namespace amtest
