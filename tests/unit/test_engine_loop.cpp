// Who drives the engine's loop (src/engine.cpp): a blocking caller runs its
// job on its own thread when the worker is parked, and gives the loop (its
// job included) back to the worker when work for the worker arrives. Jobs
// here are timers only: no network.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine.hpp"

namespace {

using namespace std::chrono_literals;

am::Config MakeConfig() {
  am::Config c;
  c.base_url = "http://127.0.0.1:9";
  c.api_version = "2023-06-01";
  c.options.api_key = "sk-ant-api03-unit-test-key-000";
  return c;
}

// A job that waits `delay_ms` on an engine timer, then finishes; it records
// the threads its steps ran on and tells a waiter when it finished.
class TimerJob final : public am::Job, public std::enable_shared_from_this<TimerJob> {
 public:
  explicit TimerJob(int64_t delay_ms) : delay_ms_(delay_ms) {}
  void start(am::Engine &e) override {
    started_on = std::this_thread::get_id();
    if (delay_ms_ < 0) return finish(e);
    e.set_timer(shared_from_this(), 1, delay_ms_);
  }
  void on_transfer_done(am::Engine &, CURLcode) override {}
  void on_timer(am::Engine &e, uint64_t) override {
    fired_on = std::this_thread::get_id();
    finish(e);
  }
  void abort(am::Engine &e, am_status, const std::string &) override { finish(e); }
  bool has_callback() const override { return false; }
  bool run_callback() override { return false; }
  void release_userdata() override {}

  bool wait(std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return done_; });
  }
  bool done() {
    std::lock_guard<std::mutex> lock(mu_);
    return done_;
  }

  std::atomic<std::thread::id> started_on{}, fired_on{};

 private:
  void finish(am::Engine &e) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    e.finished(*this);
  }
  const int64_t delay_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
};

class EngineLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
    engine_ = std::make_unique<am::Engine>(cfg_);
    am::Error err;
    ASSERT_TRUE(engine_->start(err)) << err.message;
  }
  void TearDown() override {
    engine_.reset();
    curl_global_cleanup();
  }
  am::Config cfg_ = MakeConfig();
  std::unique_ptr<am::Engine> engine_;
};

TEST_F(EngineLoopTest, AnIdleEngineRunsTheJobOnTheCallingThread) {
  auto job = std::make_shared<TimerJob>(5);
  ASSERT_TRUE(engine_->run_here(job));
  EXPECT_TRUE(job->done());
  EXPECT_EQ(job->started_on.load(), std::this_thread::get_id());
  EXPECT_EQ(job->fired_on.load(), std::this_thread::get_id());

  // And again: the loop was given back.
  auto next = std::make_shared<TimerJob>(-1);
  ASSERT_TRUE(engine_->run_here(next));
  EXPECT_TRUE(next->done());
  EXPECT_EQ(next->started_on.load(), std::this_thread::get_id());
}

TEST_F(EngineLoopTest, ASubmissionMeanwhileHandsTheLoopAndTheJobToTheWorker) {
  auto blocking = std::make_shared<TimerJob>(60 * 1000);  // finishes only if someone fires its timer
  auto async = std::make_shared<TimerJob>(-1);
  std::thread caller([&] { EXPECT_TRUE(engine_->run_here(blocking)); });
  // Once the caller drives its job, a submission from here must be started
  // by the worker, which gets the loop back.
  for (int i = 0; i < 5000 && blocking->started_on.load() == std::thread::id(); ++i) std::this_thread::sleep_for(1ms);
  am::Error err;
  ASSERT_TRUE(engine_->submit(async, err)) << err.message;
  ASSERT_TRUE(async->wait(10s));
  caller.join();  // run_here returned: the loop went back before the job finished
  EXPECT_FALSE(blocking->done());
  EXPECT_NE(async->started_on.load(), std::this_thread::get_id());
  EXPECT_NE(async->started_on.load(), blocking->started_on.load());
  // The worker adopted the unfinished job: stopping the engine aborts it there.
  engine_->stop();
  EXPECT_TRUE(blocking->done());
}

TEST_F(EngineLoopTest, ABusyEngineRefusesAndTheCallerSubmitsInstead) {
  auto long_job = std::make_shared<TimerJob>(60 * 1000);
  am::Error err;
  ASSERT_TRUE(engine_->submit(long_job, err)) << err.message;
  for (int i = 0; i < 5000 && long_job->started_on.load() == std::thread::id(); ++i) std::this_thread::sleep_for(1ms);
  ASSERT_NE(long_job->started_on.load(), std::thread::id());
  auto job = std::make_shared<TimerJob>(-1);
  EXPECT_FALSE(engine_->run_here(job));  // the worker has a job in flight
  EXPECT_FALSE(job->done());
  EXPECT_EQ(job->started_on.load(), std::thread::id());
}

TEST_F(EngineLoopTest, ALogCallbackKeepsBlockingJobsOnTheWorker) {
  engine_->set_logger([](am_log_level, const char *, void *) {}, nullptr, nullptr);
  auto job = std::make_shared<TimerJob>(-1);
  EXPECT_FALSE(engine_->run_here(job));
  engine_->set_logger(nullptr, nullptr, nullptr);
  EXPECT_TRUE(engine_->run_here(job));
}

TEST_F(EngineLoopTest, AStoppingEngineRefuses) {
  engine_->stop();
  auto job = std::make_shared<TimerJob>(-1);
  EXPECT_FALSE(engine_->run_here(job));
  EXPECT_FALSE(job->done());
}

}  // namespace
