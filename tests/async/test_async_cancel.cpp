// am_request_cancel: prompt mid-transfer and mid-backoff, idempotent,
// thread-safe, and without effect on a finished request.
#include "async_helpers.hpp"

namespace amtest {
namespace {

using CancelTest = AsyncTest;

constexpr double kPromptMs = 50;

TEST_F(CancelTest, MidTransferFinishesPromptly) {
  AddFault(NeverAnswer());
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1)) << "the request never reached the server";
  SettleMs(30);  // well into the transfer: the server holds it
  ASSERT_EQ(am_request_done(s.req.get()), 0);
  ASSERT_EQ(am_request_wait(s.req.get(), 0), 0);

  auto t0 = SteadyClock::now();
  am_request_cancel(s.req.get());
  int32_t finished = am_request_wait(s.req.get(), 1000);
  double ms = MsSince(t0);
  EXPECT_EQ(finished, 1);
  EXPECT_LT(ms, BoundMs(kPromptMs)) << "cancel took " << ms << " ms to finish the request";
  EXPECT_EQ(am_request_done(s.req.get()), 1);

  GetResult g = TakeModel(s.req.get());
  AM_EXPECT_STATUS(g, AM_ERR_CANCELLED);
  EXPECT_EQ(g.value, nullptr);
  if (g.err) {
    EXPECT_EQ(am_error_http_status(g.e()), 0);
  }
  EXPECT_EQ(Requests(), 1u);
}

TEST_F(CancelTest, MidBackoffFinishesPromptlyWithoutAnotherAttempt) {
  // Retry after 10 s: below the default 60 s cap, so the client waits.
  AddFault(Respond(503, {RetryAfterMs(10000)}));
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1));
  SettleMs(50);  // the 503 has arrived: the request sits in its backoff
  ASSERT_EQ(am_request_done(s.req.get()), 0) << "the request did not wait for the server's retry-after";

  auto t0 = SteadyClock::now();
  am_request_cancel(s.req.get());
  int32_t finished = am_request_wait(s.req.get(), 1000);
  double ms = MsSince(t0);
  EXPECT_EQ(finished, 1);
  EXPECT_LT(ms, BoundMs(kPromptMs)) << "cancel took " << ms << " ms to end the backoff";

  GetResult g = TakeModel(s.req.get());
  AM_EXPECT_STATUS(g, AM_ERR_CANCELLED);
  if (g.err) {
    EXPECT_EQ(am_error_attempts(g.e()), 1) << Describe(g.status, g.e());
  }
  SettleMs(50);
  EXPECT_EQ(Requests(), 1u) << "a cancelled request was retried";
}

TEST_F(CancelTest, MidPaginationOfListAll) {
  AddFault(Delay(0, 1));   // page 1 answered normally
  AddFault(NeverAnswer());  // page 2 held
  Params p;
  p.limit(3);
  Submitted s = SubmitListAll(client_.get(), p.get());
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(2));
  SettleMs(20);
  ASSERT_EQ(am_request_done(s.req.get()), 0);
  auto t0 = SteadyClock::now();
  am_request_cancel(s.req.get());
  EXPECT_EQ(am_request_wait(s.req.get(), 1000), 1);
  EXPECT_LT(MsSince(t0), BoundMs(kPromptMs));
  ListResult l = TakeList(s.req.get());
  AM_EXPECT_STATUS(l, AM_ERR_CANCELLED);
  EXPECT_EQ(l.value, nullptr) << "a cancelled list_all must not hand out a partial list";
  EXPECT_EQ(Requests(), 2u);
}

TEST_F(CancelTest, IdempotentAndThreadSafe) {
  AddFault(NeverAnswer());
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1));
  am_request *req = s.req.get();

  // Four other threads cancel at once, three times each.
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::sleep_for(std::chrono::microseconds(100));
      for (int i = 0; i < 3; ++i) am_request_cancel(req);
    });
  auto t0 = SteadyClock::now();
  go = true;
  for (auto &th : threads) th.join();
  EXPECT_EQ(am_request_wait(req, 1000), 1);
  EXPECT_LT(MsSince(t0), BoundMs(kPromptMs * 2));

  // And again after it finished: no effect.
  for (int i = 0; i < 3; ++i) am_request_cancel(req);
  EXPECT_EQ(am_request_done(req), 1);
  GetResult g = TakeModel(req);
  AM_EXPECT_STATUS(g, AM_ERR_CANCELLED);
  am_request_cancel(req);
  GetResult again = TakeModel(req);
  AM_EXPECT_STATUS(again, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(Requests(), 1u);
}

TEST_F(CancelTest, SingleCancelFromAnotherThread) {
  AddFault(NeverAnswer());
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1));
  am_request *req = s.req.get();
  std::thread canceller([req] { am_request_cancel(req); });
  canceller.join();
  EXPECT_EQ(am_request_wait(req, 1000), 1);
  GetResult g = TakeModel(req);
  AM_EXPECT_STATUS(g, AM_ERR_CANCELLED);
}

TEST_F(CancelTest, NoEffectOnAFinishedRequest) {
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), -1), 1);
  for (int i = 0; i < 3; ++i) am_request_cancel(s.req.get());
  SettleMs(20);
  EXPECT_EQ(am_request_done(s.req.get()), 1);
  GetResult g = TakeModel(s.req.get());
  AM_EXPECT_OK(g);
  ASSERT_NE(g.value, nullptr);
  EXPECT_EQ(Str(am_model_id(g.value.get())), "claude-opus-4-6");
}

// A cancelled request with a callback still completes through dispatch, with
// AM_ERR_CANCELLED, and its userdata is released once.
TEST_F(CancelTest, CancelledRequestStillDeliversItsCallback) {
  AddFault(NeverAnswer());
  Probe p;
  std::atomic<am_status> seen{AM_OK};
  FreeClientAtScopeEnd guard(client_);
  p.on_call = [&](am_request *r) { seen = TakeModel(r).status; };
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6", p);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1));
  am_request_cancel(s.req.get());
  ASSERT_EQ(am_request_wait(s.req.get(), 1000), 1);
  ASSERT_TRUE(Readable(am_client_wakeup_fd(client_.get()), 2000));
  EXPECT_EQ(am_client_dispatch(client_.get(), 0), 1);
  EXPECT_EQ(p.calls.load(), 1);
  EXPECT_EQ(seen.load(), AM_ERR_CANCELLED);
  EXPECT_EQ(p.frees.load(), 1);
  s.req.reset();
  EXPECT_EQ(p.frees.load(), 1);
}

}  // namespace
}  // namespace amtest
