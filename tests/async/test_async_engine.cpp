// The engine: one worker thread per client drives every request, many at
// once, and blocking and asynchronous calls share it (a blocking call made
// while the client is idle drives its request on its own thread, over the
// same connections).
#include <atomic>
#include <mutex>
#include <thread>

#include "async_helpers.hpp"

namespace amtest {
namespace {

// 200 connections held open at once: the server needs a thread for each.
class AsyncConcurrencyTest : public AsyncTest {
 protected:
  static constexpr int kThreads = 256;
  ServerOptions ServerOpts() const override {
    ServerOptions o = AsyncTest::ServerOpts();
    o.threads = kThreads;
    return o;
  }
};

TEST_F(AsyncConcurrencyTest, OneWorkerThreadPerClientRuns200RequestsAtOnce) {
  constexpr int kRequests = 200;
  constexpr int kDelayMs = 200;
  client_.reset();  // the fixture's client: measure from a process without one

  const int before = SettledThreadCount(kThreads);
  ASSERT_GT(before, 0);
  ClientPtr c = MakeClient();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(ThreadCount(), before + 1) << "a new client must add exactly one (worker) thread";

  AddFault(Delay(kDelayMs));  // every request: a pure server-side delay, then the normal answer
  auto ids = CatalogIds();
  ASSERT_FALSE(ids.empty());

  std::vector<RequestPtr> reqs;
  auto t0 = SteadyClock::now();
  for (int i = 0; i < kRequests; ++i) {
    Submitted s = SubmitGet(c.get(), ids[static_cast<size_t>(i) % ids.size()].c_str());
    AM_ASSERT_SUBMITTED(s);
    reqs.push_back(std::move(s.req));
  }
  EXPECT_EQ(ThreadCount(), before + 1) << "submitting must not start threads";

  // Sample while the requests are in flight.
  std::vector<int> wrong_counts;
  int in_flight_samples = 0;
  size_t peak_at_server = 0;  // arrived at the server but not finished at the client
  for (;;) {
    size_t done = 0;
    for (auto &r : reqs) done += am_request_done(r.get()) ? 1 : 0;
    size_t arrived = Requests();
    if (arrived > done) peak_at_server = std::max(peak_at_server, arrived - done);
    int n = ThreadCount();
    if (n != before + 1) wrong_counts.push_back(n);
    if (done == reqs.size()) break;
    ++in_flight_samples;
    if (MsSince(t0) > 20000) break;
    SleepMs(5);
  }
  double elapsed_ms = MsSince(t0);

  EXPECT_GT(in_flight_samples, 0) << "never sampled while requests were in flight";
  EXPECT_TRUE(wrong_counts.empty()) << wrong_counts.size() << " samples with a thread count other than "
                                    << before + 1 << ", first: " << wrong_counts.front();
  EXPECT_GE(peak_at_server, static_cast<size_t>(50))
      << "requests did not overlap at the server (peak " << peak_at_server << ")";
  // Serially this would take kRequests * kDelayMs = 40 s: allow a fifth of
  // that (at most half under valgrind, which runs one thread at a time).
  const double serial_ms = kRequests * kDelayMs;
  EXPECT_LT(elapsed_ms, std::min(BoundMs(serial_ms / 5), serial_ms / 2))
      << "the requests did not run concurrently";
  EXPECT_GE(elapsed_ms, kDelayMs * 0.9) << "the server delay was not applied";

  for (int i = 0; i < kRequests; ++i) {
    am_request *r = reqs[static_cast<size_t>(i)].get();
    ASSERT_EQ(am_request_wait(r, 0), 1) << "request " << i;
    GetResult g = TakeModel(r);
    AM_EXPECT_OK(g);
    if (g.value) {
      EXPECT_EQ(Str(am_model_id(g.value.get())), ids[static_cast<size_t>(i) % ids.size()]);
    }
  }
  EXPECT_EQ(Requests(), static_cast<size_t>(kRequests));

  reqs.clear();
  c.reset();
  EXPECT_TRUE(WaitUntil([&] { return ThreadCount() == before; }, 2000))
      << "am_client_free left threads behind: " << ThreadCount() << " vs " << before;
}

TEST_F(AsyncTest, EachClientHasItsOwnWorker) {
  client_.reset();
  const int before = SettledThreadCount(kServerThreads);
  ClientPtr a = MakeClient();
  ClientPtr b = MakeClient();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(ThreadCount(), before + 2);
  // Blocking calls run on the caller's thread or the worker: no thread appears for them.
  GetResult g = Get(a.get(), "claude-opus-4-6");
  AM_EXPECT_OK(g);
  EXPECT_EQ(ThreadCount(), before + 2);
  a.reset();
  EXPECT_TRUE(WaitUntil([&] { return ThreadCount() == before + 1; }, 2000)) << ThreadCount();
  b.reset();
  EXPECT_TRUE(WaitUntil([&] { return ThreadCount() == before; }, 2000)) << ThreadCount();
}

// Blocking and asynchronous calls mixed from four threads on one client.
TEST_F(AsyncTest, BlockingAndAsyncMixedFromFourThreads) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 10;
  auto ids = CatalogIds();
  std::mutex mu;
  std::vector<std::string> failures;
  auto fail = [&](const std::string &what) {
    std::lock_guard<std::mutex> lock(mu);
    failures.push_back(what);
  };
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string &id = ids[static_cast<size_t>(t * 7 + i * 3) % ids.size()];
        if (i % 2 == 0) {
          GetResult g = Get(client_.get(), id.c_str());
          if (g.status != AM_OK) fail("blocking " + id + ": " + Describe(g.status, g.e()));
          else if (Str(am_model_id(g.value.get())) != id) fail("blocking " + id + ": wrong model");
          else ++ok;
        } else {
          Submitted s = SubmitGet(client_.get(), id.c_str());
          if (s.status != AM_OK || !s.req) {
            fail("submit " + id + ": " + Describe(s.status, s.e()));
            continue;
          }
          if (am_request_wait(s.req.get(), 10000) != 1) {
            fail("wait " + id + ": not done after 10 s");
            continue;
          }
          GetResult g = TakeModel(s.req.get());
          if (g.status != AM_OK) fail("async " + id + ": " + Describe(g.status, g.e()));
          else if (Str(am_model_id(g.value.get())) != id) fail("async " + id + ": wrong model");
          else ++ok;
        }
      }
    });
  }
  for (auto &th : threads) th.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << failures.front();
  EXPECT_EQ(ok.load(), kThreads * kRounds);
  EXPECT_EQ(Requests(), static_cast<size_t>(kThreads * kRounds));
}

// Keep-alive across both kinds of call: a blocking call driven on the
// caller's thread and an asynchronous one driven by the worker use the same
// multi handle, so one connection serves them all (the server sees one port).
TEST_F(AsyncTest, BlockingAndAsyncCallsInTurnReuseOneConnection) {
  for (int i = 0; i < 12; ++i) {
    if (i % 3 == 1) {
      Submitted s = SubmitGet(client_.get(), "claude-opus-4-6");
      AM_ASSERT_SUBMITTED(s);
      ASSERT_EQ(am_request_wait(s.req.get(), 10000), 1);
      GetResult g = TakeModel(s.req.get());
      AM_ASSERT_OK(g);
    } else if (i % 3 == 2) {
      Submitted s = SubmitList(client_.get(), nullptr);
      AM_ASSERT_SUBMITTED(s);
      ASSERT_EQ(am_request_wait(s.req.get(), 10000), 1);
      ListResult async_list = TakeList(s.req.get());
      AM_ASSERT_OK(async_list);
      ListResult blocking_list = List(client_.get());
      AM_ASSERT_OK(blocking_list);
    } else {
      GetResult g = Get(client_.get(), "claude-opus-4-6");
      AM_ASSERT_OK(g);
    }
  }
  auto log = Log();
  ASSERT_EQ(log.size(), 16u);
  ASSERT_GT(log[0].remote_port, 0);
  for (auto &e : log) EXPECT_EQ(e.remote_port, log[0].remote_port) << e.path;
}

// A blocking call in flight on its caller's thread hands the engine back to
// the worker when an asynchronous call arrives: the asynchronous call
// finishes while the blocking one is still waiting for its slow answer (it
// would wait behind it otherwise), and the blocking call still succeeds.
TEST_F(AsyncTest, AnAsyncCallDoesNotWaitBehindABlockingCallInFlight) {
  Fault slow = Delay(static_cast<int>(BoundMs(1500)), 1);
  slow.path_prefix = "/v1/models/claude-opus-4-6";
  AddFault(slow);
  std::atomic<bool> blocking_done{false};
  GetResult blocking;
  std::thread caller([&] {
    blocking = Get(client_.get(), "claude-opus-4-6");
    blocking_done = true;
  });
  ASSERT_TRUE(WaitForRequests(1));  // the blocking call's request is at the server
  Submitted s = SubmitGet(client_.get(), "claude-sonnet-4-5");
  AM_ASSERT_SUBMITTED(s);
  EXPECT_EQ(am_request_wait(s.req.get(), 10000), 1);
  EXPECT_FALSE(blocking_done.load()) << "the asynchronous call waited for the blocking one";
  GetResult async = TakeModel(s.req.get());
  AM_EXPECT_OK(async);
  caller.join();
  AM_EXPECT_OK(blocking);
  EXPECT_EQ(Str(am_model_id(blocking.value.get())), "claude-opus-4-6");
}

// Blocking calls from several threads at once, with retries and backoff:
// whichever thread drives the engine, each call gets its answer.
TEST_F(AsyncTest, BlockingCallsWithRetriesFromSeveralThreads) {
  constexpr int kThreads = 4;
  constexpr int kCalls = 6;
  constexpr int kFailures = 10;
  AddFault(Respond(503, {{"retry-after-ms", "5"}}, "", kFailures));
  ClientPtr client = RetryClient(kFailures);  // however the failures fall, every call gets through
  auto ids = CatalogIds();
  std::mutex mu;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        const std::string &id = ids[static_cast<size_t>(t * kCalls + i) % ids.size()];
        GetResult g = Get(client.get(), id.c_str());
        std::lock_guard<std::mutex> lock(mu);
        if (g.status != AM_OK) failures.push_back(id + ": " + Describe(g.status, g.e()));
        else if (Str(am_model_id(g.value.get())) != id) failures.push_back(id + ": wrong model");
      }
    });
  }
  for (auto &th : threads) th.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << failures.front();
  EXPECT_EQ(Requests(), static_cast<size_t>(kThreads * kCalls + kFailures));
}

// A request the server never answers does not hold up the others on the
// same worker, blocking or asynchronous.
TEST_F(AsyncTest, AStuckRequestDoesNotBlockTheWorker) {
  Fault stuck = NeverAnswer();
  stuck.path_prefix = "/v1/models/claude-opus-4-6";
  AddFault(stuck);
  Submitted slow = SubmitGet(client_.get(), "claude-opus-4-6");
  AM_ASSERT_SUBMITTED(slow);
  ASSERT_TRUE(WaitForRequests(1));

  auto t0 = SteadyClock::now();
  ListResult l = List(client_.get());
  AM_EXPECT_OK(l);
  Submitted other = SubmitGet(client_.get(), "claude-sonnet-4-5");
  AM_ASSERT_SUBMITTED(other);
  EXPECT_EQ(am_request_wait(other.req.get(), 5000), 1);
  GetResult g = TakeModel(other.req.get());
  AM_EXPECT_OK(g);
  EXPECT_LT(MsSince(t0), BoundMs(2000));
  EXPECT_EQ(am_request_done(slow.req.get()), 0);

  am_request_cancel(slow.req.get());
  EXPECT_EQ(am_request_wait(slow.req.get(), 1000), 1);
  GetResult c = TakeModel(slow.req.get());
  AM_EXPECT_STATUS(c, AM_ERR_CANCELLED);
}

}  // namespace
}  // namespace amtest
