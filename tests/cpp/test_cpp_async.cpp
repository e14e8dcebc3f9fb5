// The C++ wrapper's asynchronous surface: Request (wait / take / cancel),
// callbacks (move-only ones too) run by dispatch() or on the worker, the
// lifetime of the boxed callbacks, exceptions thrown by callbacks, and
// notifiers.
#include <poll.h>

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cpp_fixture.hpp"

namespace cpptest {
namespace {

using std::chrono::milliseconds;

// Counts destructions of the objects a callback captures.
struct Token {
  std::atomic<int> *destroyed;
  explicit Token(std::atomic<int> *d) : destroyed(d) {}
  Token(const Token &) = delete;
  ~Token() { destroyed->fetch_add(1); }
};

TEST_F(CppWrapperTest, AsyncGetWaitAndTake) {
  amc::Client c = MakeClient();
  amc::Request r = c.get_async("claude-sonnet-4-5");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.wait());
  EXPECT_TRUE(r.done());
  EXPECT_TRUE(r.wait(milliseconds(0)));
  EXPECT_THROW(r.take_list(), amc::Error);  // the other kind
  amc::Model m = r.take_model();
  EXPECT_EQ(m.id(), "claude-sonnet-4-5-20250929");
  try {
    r.take_model();  // once only
    FAIL();
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_INVALID_ARGUMENT);
  }
  // Nothing ran through dispatch: no callback was given.
  EXPECT_EQ(c.dispatch(), 0);
}

TEST_F(CppWrapperTest, AsyncListsAndFailures) {
  amc::Client c = MakeClient();
  amc::Request page = c.list_async(amc::ListParams().limit(3));
  amc::Request all = c.list_all_async(amc::ListParams().limit(5));
  amc::Request dflt = c.list_async();
  amc::Request missing = c.get_async("no-such-model");
  ASSERT_TRUE(page.wait(milliseconds(30000 * TimeScale())));
  ASSERT_TRUE(all.wait(milliseconds(30000 * TimeScale())));
  ASSERT_TRUE(dflt.wait());
  ASSERT_TRUE(missing.wait());
  amc::ModelList p = page.take_list();
  EXPECT_EQ(p.size(), 3u);
  EXPECT_TRUE(p.has_more());
  EXPECT_EQ(all.take_list().size(), 13u);
  EXPECT_EQ(dflt.take_list().size(), 13u);
  try {
    missing.take_model();
    FAIL();
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_NOT_FOUND);
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_TRUE(e.request_id());
  }
}

TEST_F(CppWrapperTest, CallbackRunsInDispatchAndIsReleased) {
  amc::Client c = MakeClient();
  auto token = std::make_shared<int>(7);
  std::optional<amc::Model> got;
  std::thread::id ran_on;
  int calls = 0;
  amc::Request r = c.get_async("claude-opus-4-1", [token, &got, &ran_on, &calls](amc::RequestRef req) {
    ++calls;
    ran_on = std::this_thread::get_id();
    EXPECT_TRUE(req.done());
    got = req.take_model();
  });
  EXPECT_EQ(token.use_count(), 2);  // ours + the boxed callback's copy
  ASSERT_TRUE(r.wait());
  EXPECT_EQ(calls, 0);  // callbacks run only inside dispatch()
  ASSERT_TRUE(DispatchUntil(c, [&] { return calls > 0; }));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id(), "claude-opus-4-1-20250805");
  EXPECT_EQ(token.use_count(), 1);  // released once the callback ran
  EXPECT_THROW(r.take_model(), amc::Error);  // the callback took it
  EXPECT_EQ(c.dispatch(), 0);
  EXPECT_EQ(calls, 1);
}

TEST_F(CppWrapperTest, ListCallbacksAndWakeupFd) {
  amc::Client c = MakeClient();
  int fd = c.wakeup_fd();
  ASSERT_GE(fd, 0);
  std::vector<std::size_t> sizes;
  amc::Request a = c.list_async([&](amc::RequestRef req) { sizes.push_back(req.take_list().size()); });
  amc::Request b =
      c.list_all_async(amc::ListParams().limit(6), [&](amc::RequestRef req) { sizes.push_back(req.take_list().size()); });
  ASSERT_TRUE(a.wait());
  ASSERT_TRUE(b.wait());
  pollfd p{fd, POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 10000 * TimeScale()), 1);
  EXPECT_TRUE(DispatchUntil(c, [&] { return sizes.size() == 2; }));
  ASSERT_EQ(sizes.size(), 2u);
  EXPECT_EQ(sizes[0] + sizes[1], 26u);
}

TEST_F(CppWrapperTest, CallbackExceptionRethrownByDispatch) {
  amc::Client c = MakeClient();
  std::atomic<int> destroyed{0};
  auto t = std::make_shared<Token>(&destroyed);
  amc::Request r1 = c.get_async("claude-opus-4-6", [t](amc::RequestRef) { throw std::logic_error("boom"); });
  t.reset();
  ASSERT_TRUE(r1.wait());
  EXPECT_EQ(DispatchUntilThrown<std::logic_error>(c), "boom");
  EXPECT_EQ(destroyed.load(), 1);  // the callback was still released
  EXPECT_EQ(c.dispatch(), 0);      // rethrown once only

  // An Error from a take inside the callback travels the same way.
  amc::Request r2 = c.get_async("no-such-model", [](amc::RequestRef req) { req.take_model(); });
  ASSERT_TRUE(r2.wait());
  std::optional<amc::Error> err;
  ASSERT_TRUE(WaitUntil([&] {
    try {
      c.dispatch();
    } catch (const amc::Error &e) {
      err = e;
    }
    return err.has_value();
  }));
  EXPECT_EQ(err->status(), AM_ERR_NOT_FOUND);
  EXPECT_EQ(err->http_status(), 404);

  // Only the first of several is kept; every callback still runs.
  int ran = 0;
  amc::Request r3 = c.get_async("claude-opus-4-6", [&](amc::RequestRef) { ++ran; throw std::runtime_error("first"); });
  ASSERT_TRUE(r3.wait());
  amc::Request r4 = c.get_async("claude-opus-4-6", [&](amc::RequestRef) { ++ran; throw std::runtime_error("second"); });
  ASSERT_TRUE(r4.wait());
  // Let both completions reach the dispatch queue before dispatching.
  std::this_thread::sleep_for(milliseconds(100 * TimeScale()));
  std::vector<std::string> messages;
  ASSERT_TRUE(WaitUntil([&] {
    try {
      c.dispatch();
    } catch (const std::runtime_error &e) {
      messages.emplace_back(e.what());
    }
    return ran == 2;
  }));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "first");
  EXPECT_EQ(c.dispatch(), 0);
}

TEST_F(CppWrapperTest, CancelFinishesWithCancelled) {
  server_->add_fault(NeverAnswer(-1));
  amc::Client c = MakeClient();
  amc::Request r = c.get_async("claude-opus-4-6");
  EXPECT_FALSE(r.wait(milliseconds(50)));
  EXPECT_FALSE(r.done());
  r.cancel();
  ASSERT_TRUE(r.wait(milliseconds(10000 * TimeScale())));
  try {
    r.take_model();
    FAIL();
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_CANCELLED);
  }
  r.cancel();  // idempotent

  // A cancelled request's callback still runs (with the cancellation).
  std::optional<am_status> seen;
  amc::Request r2 = c.list_all_async([&](amc::RequestRef req) {
    try {
      req.take_list();
    } catch (const amc::Error &e) {
      seen = e.status();
    }
  });
  r2.ref().cancel();
  ASSERT_TRUE(DispatchUntil(c, [&] { return seen.has_value(); }));
  EXPECT_EQ(*seen, AM_ERR_CANCELLED);
}

// Destroying a Request drops its callback (what it captured is destroyed,
// the callback never runs) while the request is in flight, and also once it
// finished but before dispatch() ran the callback: the trap of issue 16, where
// a loop dispatching until done() destroys the Request too early.
TEST_F(CppWrapperTest, DestroyingRequestDropsCallback) {
  amc::Client c = MakeClient();
  for (bool finished : {true, false}) {
    SCOPED_TRACE(finished ? "finished, not dispatched" : "in flight");
    if (!finished) server_->add_fault(NeverAnswer());
    std::atomic<int> destroyed{0};
    int calls = 0;
    {
      auto t = std::make_shared<Token>(&destroyed);
      amc::Request r = c.get_async("claude-opus-4-6", [t, &calls](amc::RequestRef) { ++calls; });
      t.reset();
      if (finished) {
        ASSERT_TRUE(r.wait());
        // The completion is queued for dispatch once the descriptor is readable.
        pollfd p{c.wakeup_fd(), POLLIN, 0};
        ASSERT_EQ(::poll(&p, 1, 10000 * TimeScale()), 1);
      } else {
        EXPECT_FALSE(r.wait(milliseconds(20)));
      }
      EXPECT_EQ(calls, 0);
      EXPECT_EQ(destroyed.load(), 0);
    }
    EXPECT_EQ(destroyed.load(), 1);
    for (int i = 0; i < 5; ++i) c.dispatch();
    EXPECT_EQ(calls, 0);
  }
}

TEST_F(CppWrapperTest, MoveOnlyCallbacksRunInDispatch) {
  amc::Client c = MakeClient();
  std::promise<std::string> got;
  std::future<std::string> got_future = got.get_future();
  auto suffix = std::make_unique<std::string>("/taken");
  amc::Request r = c.get_async("claude-opus-4-6", [p = std::move(got), s = std::move(suffix)](amc::RequestRef req) mutable {
    p.set_value(std::string(req.take_model().id()) + *s);
  });
  std::promise<std::size_t> listed;
  std::future<std::size_t> listed_future = listed.get_future();
  amc::Request l = c.list_all_async(amc::ListParams().limit(4), [p = std::move(listed)](amc::RequestRef req) mutable {
    p.set_value(req.take_list().size());
  });
  auto ready = [](const auto &f) { return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; };
  ASSERT_TRUE(DispatchUntil(c, [&] { return ready(got_future) && ready(listed_future); }));
  EXPECT_EQ(got_future.get(), "claude-opus-4-6/taken");
  EXPECT_EQ(listed_future.get(), 13u);

  // A move-only callback that throws: dispatch() still rethrows.
  amc::Request t = c.list_async([u = std::make_unique<int>(1)](amc::RequestRef) { throw std::runtime_error("move-only"); });
  EXPECT_EQ(DispatchUntilThrown<std::runtime_error>(c), "move-only");
}

// A binding's completion: a move-only callback that fulfils a promise with
// the model or the request's error.
amc::Callback FulfilWithModel(std::promise<amc::Model> promise) {
  return [p = std::move(promise)](amc::RequestRef req) mutable {
    try {
      p.set_value(req.take_model());
    } catch (...) {
      p.set_exception(std::current_exception());
    }
  };
}

// What a binding does: complete a promise from the worker, no dispatch at all.
TEST_F(CppWrapperTest, MoveOnlyCallbackCompletesPromiseOnWorker) {
  amc::Client c(BaseOptions().callbacks_on_worker());
  std::promise<amc::Model> found;
  std::future<amc::Model> found_future = found.get_future();
  amc::Request r = c.get_async("claude-haiku-4-5", FulfilWithModel(std::move(found)));
  ASSERT_EQ(found_future.wait_for(milliseconds(10000 * TimeScale())), std::future_status::ready);
  EXPECT_EQ(found_future.get().id(), "claude-haiku-4-5-20251001");

  std::promise<amc::Model> missing;
  std::future<amc::Model> missing_future = missing.get_future();
  amc::Request f = c.get_async("no-such-model", FulfilWithModel(std::move(missing)));
  ASSERT_EQ(missing_future.wait_for(milliseconds(10000 * TimeScale())), std::future_status::ready);
  try {
    missing_future.get();
    FAIL() << "an unknown model was found";
  } catch (const amc::Error &e) {
    EXPECT_EQ(e.status(), AM_ERR_NOT_FOUND);
  }
}

TEST_F(CppWrapperTest, MoveOnlyHooks) {
  amc::Client c = MakeClient();
  auto notified = std::make_unique<std::promise<void>>();
  std::future<void> notified_future = notified->get_future();
  c.set_completion_notify([p = std::move(notified)]() mutable {
    if (p) {
      p->set_value();
      p.reset();
    }
  });
  std::promise<std::string> first_line;
  std::future<std::string> line_future = first_line.get_future();
  c.set_log_callback([p = std::move(first_line), set = false](amc::LogLevel, std::string_view line) mutable {
    if (!set) p.set_value(std::string(line));
    set = true;
  });
  int calls = 0;
  amc::Request r = c.get_async("claude-opus-4-6", [&calls](amc::RequestRef) { ++calls; });
  ASSERT_EQ(notified_future.wait_for(milliseconds(10000 * TimeScale())), std::future_status::ready);
  ASSERT_EQ(line_future.wait_for(milliseconds(10000 * TimeScale())), std::future_status::ready);
  EXPECT_NE(line_future.get().find("/v1/models/claude-opus-4-6"), std::string::npos);
  ASSERT_TRUE(DispatchUntil(c, [&] { return calls == 1; }));
}

TEST_F(CppWrapperTest, DestroyingClientReleasesCallbacksAndKeepsRequests) {
  server_->add_fault(NeverAnswer(-1));
  std::atomic<int> destroyed{0};
  int calls = 0;
  amc::Request r;
  {
    amc::Client c = MakeClient();
    auto t = std::make_shared<Token>(&destroyed);
    r = c.get_async("claude-opus-4-6", [t, &calls](amc::RequestRef) { ++calls; });
  }
  EXPECT_EQ(destroyed.load(), 1);
  EXPECT_EQ(calls, 0);
  ASSERT_TRUE(r);  // still valid, finished
  EXPECT_TRUE(r.done());
  EXPECT_THROW(r.take_model(), amc::Error);
}

TEST_F(CppWrapperTest, CallbackMayDestroyItsOwningRequest) {
  amc::Client c = MakeClient();
  std::atomic<int> destroyed{0};
  std::optional<amc::Request> owner;
  std::string id;
  {
    auto t = std::make_shared<Token>(&destroyed);
    owner = c.get_async("claude-haiku-4-5", [t, &owner, &id](amc::RequestRef req) {
      id = std::string(req.take_model().id());
      owner.reset();  // frees the handle from inside its own callback
    });
  }
  ASSERT_TRUE(owner->wait());
  ASSERT_TRUE(DispatchUntil(c, [&] { return !owner.has_value(); }));
  EXPECT_EQ(id, "claude-haiku-4-5-20251001");
  EXPECT_TRUE(WaitUntil([&] { return destroyed.load() == 1; }));
  EXPECT_EQ(destroyed.load(), 1);
}

TEST_F(CppWrapperTest, SubmissionFailureReleasesCallback) {
  amc::Client c = MakeClient();
  amc::Client moved = std::move(c);
  auto token = std::make_shared<int>(1);
  // The empty client is refused by the C library: the box is freed here.
  EXPECT_THROW(c.get_async("claude-opus-4-6", [token](amc::RequestRef) {}), amc::Error);
  EXPECT_EQ(token.use_count(), 1);
  // The wrapper refuses an id with a NUL before submitting.
  EXPECT_THROW(moved.get_async(std::string_view("a\0b", 3), [token](amc::RequestRef) {}), amc::Error);
  EXPECT_EQ(token.use_count(), 1);
  EXPECT_EQ(server_->request_count(), 0u);
}

TEST_F(CppWrapperTest, MovingClientAndRequestsKeepsCallbacks) {
  amc::Client a = MakeClient();
  int calls = 0;
  amc::Request r1 = a.get_async("claude-opus-4-6", [&](amc::RequestRef req) {
    EXPECT_EQ(req.take_model().id(), "claude-opus-4-6");
    ++calls;
  });
  amc::Request r2 = std::move(r1);
  EXPECT_FALSE(r1);
  EXPECT_FALSE(r1.done());
  EXPECT_FALSE(r1.wait(milliseconds(0)));
  amc::Client b = std::move(a);
  std::vector<amc::Request> held;
  held.push_back(std::move(r2));
  ASSERT_TRUE(held[0].wait());
  ASSERT_TRUE(DispatchUntil(b, [&] { return calls == 1; }));
  // An exception stored by a callback is found through the moved client.
  amc::Request r3 = b.get_async("claude-opus-4-6", [](amc::RequestRef) { throw std::runtime_error("x"); });
  amc::Client c = std::move(b);
  ASSERT_TRUE(r3.wait());
  EXPECT_EQ(DispatchUntilThrown<std::runtime_error>(c), "x");
}

TEST_F(CppWrapperTest, CallbacksOnWorkerThread) {
  amc::Client c(BaseOptions().callbacks_on_worker());
  std::atomic<int> calls{0};
  std::atomic<bool> other_thread{false};
  const auto main_id = std::this_thread::get_id();
  amc::Request r1 = c.get_async("claude-opus-4-6", [&](amc::RequestRef req) {
    other_thread = std::this_thread::get_id() != main_id;
    (void)req.take_model();
    calls.fetch_add(1);
  });
  ASSERT_TRUE(WaitUntil([&] { return calls.load() == 1; }));
  EXPECT_TRUE(other_thread.load());
  // An exception on the worker is kept for the caller.
  amc::Request r2 = c.get_async("claude-opus-4-6", [&](amc::RequestRef) {
    calls.fetch_add(1);
    throw std::runtime_error("on worker");
  });
  ASSERT_TRUE(WaitUntil([&] { return calls.load() == 2; }));
  std::exception_ptr e;
  ASSERT_TRUE(WaitUntil([&] { return (e = c.take_callback_exception()) != nullptr; }));
  EXPECT_THROW(std::rethrow_exception(e), std::runtime_error);
  EXPECT_EQ(c.take_callback_exception(), nullptr);
  EXPECT_EQ(c.dispatch(), 0);
}

TEST_F(CppWrapperTest, CompletionNotifier) {
  amc::Client c = MakeClient();
  std::atomic<int> notified{0};
  auto first = std::make_shared<int>(0);
  c.set_completion_notify([first, &notified] { notified.fetch_add(1); });
  EXPECT_EQ(first.use_count(), 2);
  int calls = 0;
  amc::Request r = c.get_async("claude-opus-4-6", [&](amc::RequestRef) { ++calls; });
  ASSERT_TRUE(WaitUntil([&] { return notified.load() >= 1; }));
  ASSERT_TRUE(DispatchUntil(c, [&] { return calls == 1; }));
  // Replacing it releases the previous function; an empty one removes it.
  auto second = std::make_shared<int>(0);
  c.set_completion_notify([second] { throw std::runtime_error("notify"); });
  EXPECT_EQ(first.use_count(), 1);
  amc::Request r2 = c.get_async("claude-opus-4-6", [&](amc::RequestRef) { ++calls; });
  ASSERT_TRUE(r2.wait());
  EXPECT_EQ(DispatchUntilThrown<std::runtime_error>(c), "notify");
  ASSERT_TRUE(DispatchUntil(c, [&] { return calls == 2; }));
  c.set_completion_notify(nullptr);
  EXPECT_EQ(second.use_count(), 1);
}


TEST_F(CppWrapperTest, LogCallbackSeesAttemptsWithoutSecrets) {
  amc::Client c = MakeClient();
  std::mutex mu;
  std::vector<std::pair<amc::LogLevel, std::string>> lines;
  auto holder = std::make_shared<int>(0);
  c.set_log_callback([&, holder](amc::LogLevel level, std::string_view message) {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(level, std::string(message));
  });
  EXPECT_EQ(holder.use_count(), 2);
  (void)c.get("claude-opus-4-6");
  EXPECT_THROW(c.get("no-such-model"), amc::Error);
  ASSERT_TRUE(WaitUntil([&] {
    std::lock_guard<std::mutex> lock(mu);
    return lines.size() >= 2;
  }));
  {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_EQ(lines[0].first, amc::LogLevel::Info);
    EXPECT_NE(lines[0].second.find("/v1/models/claude-opus-4-6"), std::string::npos) << lines[0].second;
    EXPECT_EQ(lines[1].first, amc::LogLevel::Error);
    EXPECT_NE(lines[1].second.find("404"), std::string::npos) << lines[1].second;
    for (const auto &l : lines) EXPECT_TRUE(amtest::FreeOfSecrets(l.second));
  }
  // A throwing log callback replaces the first (which is released); its
  // exception surfaces through dispatch().
  c.set_log_callback([](amc::LogLevel, std::string_view) { throw std::runtime_error("log"); });
  EXPECT_EQ(holder.use_count(), 1);
  (void)c.get("claude-opus-4-6");
  EXPECT_EQ(DispatchUntilThrown<std::runtime_error>(c), "log");
  c.set_log_callback(nullptr);
  (void)c.get("claude-opus-4-6");
  EXPECT_EQ(c.dispatch(), 0);  // nothing more was kept
}

}  // namespace
}  // namespace cpptest
