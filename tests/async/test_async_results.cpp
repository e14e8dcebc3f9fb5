// Taking results (once, of the right kind, after the end), API errors through
// take, list_all over pages, waiting, and submissions that fail at once.
#include <cstdint>
#include <limits>

#include "async_helpers.hpp"

namespace amtest {
namespace {

using ResultTest = AsyncTest;

TEST_F(ResultTest, TakeListOfAListRequest) {
  Submitted s = SubmitList(client_.get(), nullptr);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), -1), 1);
  EXPECT_EQ(am_request_done(s.req.get()), 1);
  ListResult l = TakeList(s.req.get());
  AM_ASSERT_OK(l);
  ASSERT_NE(l.value, nullptr);
  auto want = ExpectedIds(0);
  want.resize(std::min<size_t>(want.size(), 20));
  EXPECT_EQ(Ids(l.value.get()), want);
  EXPECT_EQ(Str(am_model_list_first_id(l.value.get())), want.front());
  EXPECT_EQ(Str(am_model_list_last_id(l.value.get())), want.back());

  // The list outlives the request handle.
  s.req.reset();
  EXPECT_EQ(Ids(l.value.get()), want);
}

TEST_F(ResultTest, TakeModelOfAGetRequest) {
  Submitted s = SubmitGet(client_.get(), "claude-sonnet-4-5");  // an alias
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), -1), 1);
  GetResult g = TakeModel(s.req.get());
  AM_ASSERT_OK(g);
  ASSERT_NE(g.value, nullptr);
  EXPECT_EQ(Str(am_model_id(g.value.get())), "claude-sonnet-4-5-20250929");
  s.req.reset();
  EXPECT_EQ(Str(am_model_id(g.value.get())), "claude-sonnet-4-5-20250929");  // outlives the request
  ASSERT_EQ(Requests(), 1u);
  EXPECT_EQ(Log()[0].path, "/v1/models/claude-sonnet-4-5");
}

TEST_F(ResultTest, TakingTwiceIsInvalid) {
  Submitted g = SubmitGet(client_.get(), "claude-opus-4-6");
  Submitted l = SubmitList(client_.get(), nullptr);
  AM_ASSERT_SUBMITTED(g);
  AM_ASSERT_SUBMITTED(l);
  ASSERT_EQ(am_request_wait(g.req.get(), -1), 1);
  ASSERT_EQ(am_request_wait(l.req.get(), -1), 1);
  GetResult first = TakeModel(g.req.get());
  AM_EXPECT_OK(first);
  GetResult second = TakeModel(g.req.get());
  AM_EXPECT_STATUS(second, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(second.value, nullptr);
  ListResult lfirst = TakeList(l.req.get());
  AM_EXPECT_OK(lfirst);
  ListResult lsecond = TakeList(l.req.get());
  AM_EXPECT_STATUS(lsecond, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(lsecond.value, nullptr);
  // Still done, still free-able.
  EXPECT_EQ(am_request_done(g.req.get()), 1);
}

TEST_F(ResultTest, TakingTheWrongKindIsInvalidAndDoesNotConsume) {
  Submitted g = SubmitGet(client_.get(), "claude-opus-4-6");
  Submitted l = SubmitList(client_.get(), nullptr);
  Submitted a = SubmitListAll(client_.get(), nullptr);
  AM_ASSERT_SUBMITTED(g);
  AM_ASSERT_SUBMITTED(l);
  AM_ASSERT_SUBMITTED(a);
  for (auto *r : {g.req.get(), l.req.get(), a.req.get()}) ASSERT_EQ(am_request_wait(r, -1), 1);

  ListResult wrong_g = TakeList(g.req.get());
  AM_EXPECT_STATUS(wrong_g, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(wrong_g.value, nullptr);
  GetResult wrong_l = TakeModel(l.req.get());
  AM_EXPECT_STATUS(wrong_l, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(wrong_l.value, nullptr);
  GetResult wrong_a = TakeModel(a.req.get());
  AM_EXPECT_STATUS(wrong_a, AM_ERR_INVALID_ARGUMENT);

  // The right kind still works afterwards.
  GetResult model = TakeModel(g.req.get());
  AM_EXPECT_OK(model);
  ListResult list = TakeList(l.req.get());
  AM_EXPECT_OK(list);
  ListResult all = TakeList(a.req.get());
  AM_EXPECT_OK(all);
  if (all.value) {
    EXPECT_EQ(Ids(all.value.get()), ExpectedIds(0));
  }
}

TEST_F(ResultTest, TakingBeforeTheEndIsInvalid) {
  AddFault(NeverAnswer(2));
  Submitted g = SubmitGet(client_.get(), "claude-opus-4-6");
  Submitted l = SubmitList(client_.get(), nullptr);
  AM_ASSERT_SUBMITTED(g);
  AM_ASSERT_SUBMITTED(l);
  ASSERT_TRUE(WaitForRequests(2));
  GetResult early = TakeModel(g.req.get());
  AM_EXPECT_STATUS(early, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(early.value, nullptr);
  ListResult learly = TakeList(l.req.get());
  AM_EXPECT_STATUS(learly, AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(am_request_done(g.req.get()), 0) << "an early take must not end the request";

  am_request_cancel(g.req.get());
  am_request_cancel(l.req.get());
  ASSERT_EQ(am_request_wait(g.req.get(), 1000), 1);
  ASSERT_EQ(am_request_wait(l.req.get(), 1000), 1);
  // The early takes did not consume the result.
  GetResult cancelled_get = TakeModel(g.req.get());
  AM_EXPECT_STATUS(cancelled_get, AM_ERR_CANCELLED);
  ListResult cancelled_list = TakeList(l.req.get());
  AM_EXPECT_STATUS(cancelled_list, AM_ERR_CANCELLED);
}

TEST_F(ResultTest, ApiErrorComesBackThroughTake) {
  Submitted s = SubmitGet(client_.get(), "claude-no-such-model");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), -1), 1);
  GetResult g = TakeModel(s.req.get());
  AM_ASSERT_STATUS(g, AM_ERR_NOT_FOUND);
  EXPECT_EQ(g.value, nullptr);
  ExpectApiError(g.e(), AM_ERR_NOT_FOUND, 404, "not_found_error", 1);
  EXPECT_NE(Str(am_error_message(g.e())).find("claude-no-such-model"), std::string::npos);
  // The error handle outlives the request.
  s.req.reset();
  EXPECT_TRUE(IsMockRequestId(am_error_request_id(g.e())));
  EXPECT_EQ(am_error_http_status(g.e()), 404);
}

TEST_F(ResultTest, ApiErrorWithTheServersRequestId) {
  AddFault(Respond(404, {{"request-id", "req_async_404"}}, ErrorBody("not_found_error", "model: x")));
  Submitted s = SubmitList(client_.get(), nullptr);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), -1), 1);
  ListResult l = TakeList(s.req.get());
  AM_ASSERT_STATUS(l, AM_ERR_NOT_FOUND);
  ExpectApiError(l.e(), AM_ERR_NOT_FOUND, 404, "not_found_error", 1, "req_async_404");
}

TEST_F(ResultTest, RetriesLikeTheBlockingCall) {
  AddFault(Respond(503, {RetryAfterMs(20)}));
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  GetResult retried = TakeModel(s.req.get());
  AM_EXPECT_OK(retried);
  EXPECT_EQ(Requests(), 2u);
}

class ResultPagesTest : public ResultTest {
 protected:
  static constexpr int kSynthetic = 40;
  ServerOptions ServerOpts() const override {
    ServerOptions o = ResultTest::ServerOpts();
    o.synthetic = kSynthetic;
    return o;
  }
};

TEST_F(ResultPagesTest, ListAllAsyncOverPages) {
  Params p;
  p.limit(7);
  Submitted s = SubmitListAll(client_.get(), p.get());
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 10000), 1);
  ListResult l = TakeList(s.req.get());
  AM_ASSERT_OK(l);
  auto want = ExpectedIds(kSynthetic);
  EXPECT_EQ(Ids(l.value.get()), want);
  EXPECT_EQ(am_model_list_has_more(l.value.get()), 0);
  EXPECT_EQ(Str(am_model_list_first_id(l.value.get())), want.front());
  EXPECT_EQ(Str(am_model_list_last_id(l.value.get())), want.back());
  size_t pages = (want.size() + 6) / 7;
  auto log = Log();
  ASSERT_EQ(log.size(), pages);
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(QueryValue(log[i].query, "limit"), std::optional<std::string>("7")) << log[i].query;
    if (i == 0)
      EXPECT_EQ(QueryValue(log[i].query, "after_id"), std::nullopt);
    else
      EXPECT_EQ(QueryValue(log[i].query, "after_id"), std::optional<std::string>(want[i * 7 - 1]));
  }
}

TEST_F(ResultPagesTest, ListAllAsyncWithCallback) {
  Probe pr;
  std::vector<std::string> got;
  pr.on_call = [&](am_request *r) {
    ListResult l = TakeList(r);
    if (l.status == AM_OK) got = Ids(l.value.get());
  };
  FreeClientAtScopeEnd guard(client_);
  Params p;
  p.limit(7);
  Submitted s = SubmitListAll(client_.get(), p.get(), ProbeCallback, &pr, ProbeFree);
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 10000), 1);
  ASSERT_TRUE(WaitUntil([&] { return am_client_dispatch(client_.get(), 0) == 1; }, 2000));
  EXPECT_EQ(got, ExpectedIds(kSynthetic));
  EXPECT_EQ(pr.frees.load(), 1);
}

// The params and the model id are copied at submission.
TEST_F(ResultTest, ArgumentsAreCopiedAtSubmission) {
  AddFault(Delay(50, 2));
  Submitted l, g;
  {
    Params p;
    p.limit(5);
    l = SubmitList(client_.get(), p.get());
  }  // params freed while the request runs
  {
    std::string id = "claude-opus-4-6";
    g = SubmitGet(client_.get(), id.c_str());
    std::fill(id.begin(), id.end(), 'x');
  }
  AM_ASSERT_SUBMITTED(l);
  AM_ASSERT_SUBMITTED(g);
  ASSERT_EQ(am_request_wait(l.req.get(), 5000), 1);
  ASSERT_EQ(am_request_wait(g.req.get(), 5000), 1);
  ListResult lr = TakeList(l.req.get());
  AM_ASSERT_OK(lr);
  EXPECT_EQ(am_model_list_count(lr.value.get()), 5u);
  GetResult gr = TakeModel(g.req.get());
  AM_ASSERT_OK(gr);
  EXPECT_EQ(Str(am_model_id(gr.value.get())), "claude-opus-4-6");
}

// ---------------------------------------------------------------- waiting

TEST_F(ResultTest, WaitZeroPollsAndMinusOneWaitsForTheEnd) {
  constexpr int kDelayMs = 300;
  AddFault(Delay(kDelayMs, 1));
  auto submitted = SteadyClock::now();
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  ASSERT_TRUE(WaitForRequests(1));  // the server holds it for kDelayMs now

  auto t0 = SteadyClock::now();
  EXPECT_EQ(am_request_wait(s.req.get(), 0), 0);
  EXPECT_LT(MsSince(t0), BoundMs(20)) << "wait(0) must not block";
  EXPECT_EQ(am_request_done(s.req.get()), 0);

  t0 = SteadyClock::now();
  EXPECT_EQ(am_request_wait(s.req.get(), 30), 0);
  double short_ms = MsSince(t0);
  EXPECT_GE(short_ms, 25);
  EXPECT_LT(short_ms, BoundMs(150));

  EXPECT_EQ(am_request_wait(s.req.get(), -1), 1);
  EXPECT_GE(MsSince(submitted), kDelayMs - 10) << "the request cannot finish before the server's delay";
  EXPECT_EQ(am_request_done(s.req.get()), 1);
  EXPECT_EQ(am_request_wait(s.req.get(), 0), 1);
  EXPECT_EQ(am_request_wait(s.req.get(), -1), 1);
  GetResult model = TakeModel(s.req.get());
  AM_EXPECT_OK(model);
}

// A very long timeout is a long wait, not an immediate "not finished".
TEST_F(ResultTest, WaitWithAHugeTimeoutWaitsForTheEnd) {
  for (int64_t timeout : {std::numeric_limits<int64_t>::max(), int64_t{10000000000000}}) {
    SCOPED_TRACE(timeout);
    AddFault(Delay(150, 1));
    Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
    AM_ASSERT_SUBMITTED(s);
    auto t0 = SteadyClock::now();
    EXPECT_EQ(am_request_wait(s.req.get(), timeout), 1)
        << "returned 'not finished' after " << MsSince(t0) << " ms";
    am_request_cancel(s.req.get());
    EXPECT_EQ(am_request_wait(s.req.get(), 1000), 1);
  }
}

TEST_F(ResultTest, WaitFromSeveralThreads) {
  AddFault(Delay(100, 1));
  Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(s);
  std::atomic<int> woke{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] { woke += am_request_wait(s.req.get(), 5000); });
  for (auto &t : threads) t.join();
  EXPECT_EQ(woke.load(), 4);
  GetResult model = TakeModel(s.req.get());
  AM_EXPECT_OK(model);
}

// ---------------------------------------------------------------- submission errors

// A submission that fails: status and error at once, *out NULL, and neither
// the callback nor userdata_free ever runs.
struct Rejected {
  am_status status = AM_OK;
  ErrorPtr err;
  bool out_null = false;
};

template <typename F>
Rejected Reject(F &&submit) {
  Rejected r;
  am_request *out = reinterpret_cast<am_request *>(uintptr_t{0x1});
  am_error *err = nullptr;
  r.status = submit(&out, &err);
  r.err.reset(err);
  r.out_null = out == nullptr;
  if (out != nullptr && out != reinterpret_cast<am_request *>(uintptr_t{0x1})) am_request_free(out);
  return r;
}

TEST_F(ResultTest, SubmissionErrorsFailAtOnce) {
  Probe p;
  FreeClientAtScopeEnd guard(client_);
  am_client *c = client_.get();
  auto check = [&](const char *what, Rejected r, am_status want) {
    SCOPED_TRACE(what);
    EXPECT_TRUE(StatusIs(r.status, r.err.get(), want));
    EXPECT_TRUE(r.out_null) << "*out was not set to NULL";
  };

  Params both;
  both.after("claude-opus-4-6").before("claude-3-opus-20240229");
  check("list: after_id and before_id",
        Reject([&](am_request **o, am_error **e) {
          return am_models_list_async(c, both.get(), ProbeCallback, &p, ProbeFree, o, e);
        }),
        AM_ERR_INVALID_ARGUMENT);
  check("list_all: after_id and before_id",
        Reject([&](am_request **o, am_error **e) {
          return am_models_list_all_async(c, both.get(), ProbeCallback, &p, ProbeFree, o, e);
        }),
        AM_ERR_INVALID_ARGUMENT);
  check("get: NULL id", Reject([&](am_request **o, am_error **e) {
          return am_model_get_async(c, nullptr, ProbeCallback, &p, ProbeFree, o, e);
        }),
        AM_ERR_INVALID_ARGUMENT);
  check("get: '..'", Reject([&](am_request **o, am_error **e) {
          return am_model_get_async(c, "..", ProbeCallback, &p, ProbeFree, o, e);
        }),
        AM_ERR_INVALID_ARGUMENT);
  check("get: empty id", Reject([&](am_request **o, am_error **e) {
          return am_model_get_async(c, "", ProbeCallback, &p, ProbeFree, o, e);
        }),
        AM_ERR_INVALID_ARGUMENT);
  check("get: NULL client", Reject([&](am_request **o, am_error **e) {
          return am_model_get_async(nullptr, "claude-opus-4-6", ProbeCallback, &p, ProbeFree, o, e);
        }),
        AM_ERR_INVALID_ARGUMENT);
  check("list: NULL client", Reject([&](am_request **o, am_error **e) {
          return am_models_list_async(nullptr, nullptr, ProbeCallback, &p, ProbeFree, o, e);
        }),
        AM_ERR_INVALID_ARGUMENT);
  {
    am_error *e = nullptr;
    am_status st = am_model_get_async(c, "claude-opus-4-6", ProbeCallback, &p, ProbeFree, nullptr, &e);
    ErrorPtr guard_e(e);
    EXPECT_TRUE(StatusIs(st, e, AM_ERR_INVALID_ARGUMENT)) << "NULL out";
  }

  // No credential: refused before anything is sent (http status 0).
  OptionsPtr o(am_options_new());
  am_options_set_ignore_env(o.get(), 1);
  ASSERT_EQ(am_options_set_base_url(o.get(), server().base_url().c_str(), nullptr), AM_OK);
  ClientPtr keyless = ClientFrom(o.get());
  ASSERT_NE(keyless, nullptr);
  FreeClientAtScopeEnd keyless_guard(keyless);
  Rejected nokey = Reject([&](am_request **out, am_error **e) {
    return am_model_get_async(keyless.get(), "claude-opus-4-6", ProbeCallback, &p, ProbeFree, out, e);
  });
  check("get: no credential", std::move(nokey), AM_ERR_AUTHENTICATION);
  Rejected nokey_list = Reject([&](am_request **out, am_error **e) {
    return am_models_list_all_async(keyless.get(), nullptr, ProbeCallback, &p, ProbeFree, out, e);
  });
  EXPECT_EQ(nokey_list.status, AM_ERR_AUTHENTICATION);
  if (nokey_list.err) {
    EXPECT_EQ(am_error_http_status(nokey_list.err.get()), 0);
  }
  EXPECT_TRUE(nokey_list.out_null);

  SettleMs(50);
  EXPECT_EQ(am_client_dispatch(c, 0), 0);
  EXPECT_EQ(am_client_dispatch(keyless.get(), 0), 0);
  EXPECT_EQ(p.calls.load(), 0) << "a callback ran for a failed submission";
  EXPECT_EQ(p.frees.load(), 0) << "userdata_free ran for a failed submission";
  EXPECT_EQ(Requests(), 0u) << "a failed submission sent a request";
  keyless.reset();
  client_.reset();
  EXPECT_EQ(p.calls.load(), 0);
  EXPECT_EQ(p.frees.load(), 0);
}

// The limit setter already refuses 0, so a list request can never carry it.
TEST_F(ResultTest, LimitZeroNeverReachesASubmission) {
  ParamsPtr params(am_list_params_new());
  am_error *e = nullptr;
  am_status st = am_list_params_set_limit(params.get(), 0, &e);
  ErrorPtr guard(e);
  EXPECT_TRUE(StatusIs(st, e, AM_ERR_INVALID_ARGUMENT));
  Submitted s = SubmitList(client_.get(), params.get());
  AM_ASSERT_SUBMITTED(s);
  ASSERT_EQ(am_request_wait(s.req.get(), 5000), 1);
  ListResult list = TakeList(s.req.get());
  AM_EXPECT_OK(list);
  ASSERT_EQ(Requests(), 1u);
  EXPECT_EQ(QueryValue(Log()[0].query, "limit"), std::nullopt);
}

// ---------------------------------------------------------------- NULL handles

TEST(AsyncNullHandles, AreHarmless) {
  EXPECT_EQ(am_request_done(nullptr), 0);
  EXPECT_EQ(am_request_wait(nullptr, 0), 0);
  EXPECT_EQ(am_request_wait(nullptr, 10), 0);
  am_request_cancel(nullptr);
  am_request_free(nullptr);
  EXPECT_EQ(am_client_dispatch(nullptr, 0), 0);
  EXPECT_EQ(am_client_wakeup_fd(nullptr), -1);
  am_error *e = nullptr;
  EXPECT_EQ(am_client_set_completion_notify(nullptr, nullptr, nullptr, nullptr, &e), AM_ERR_INVALID_ARGUMENT);
  EXPECT_NE(e, nullptr);
  am_error_free(e);
  am_model *m = reinterpret_cast<am_model *>(uintptr_t{0x1});
  EXPECT_EQ(am_request_take_model(nullptr, &m, nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(m, nullptr);
  am_model_list *l = reinterpret_cast<am_model_list *>(uintptr_t{0x1});
  EXPECT_EQ(am_request_take_list(nullptr, &l, nullptr), AM_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(l, nullptr);
  am_options_set_callbacks_on_worker(nullptr, 1);
}

}  // namespace
}  // namespace amtest
