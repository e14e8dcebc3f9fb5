// The catalogue cache: TTL hits, disk cache and stale-if-error, single-flight,
// stale-while-revalidate, refresh, invalidate and offline mode, all observed
// through the mock server's request log.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "amtest/catalog_oracle.hpp"
#include "amtest/log_capture.hpp"
#include "amtest/mock_api_test.hpp"
#include "amtest/temp_dir.hpp"
#include "amtest/time_scale.hpp"
#include "amtest/watchdog.hpp"

extern char **environ;

namespace amtest {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;

class CacheTest : public MockApiTest {
 protected:
  // A client with a cache: TTL, optional directory, no retries (a failed
  // refresh fails at once).
  ClientPtr CacheClient(int64_t ttl_ms, const std::string &dir = "",
                        const std::function<void(am_options *)> &tweak = {}, const std::string &url = "") {
    return MakeClient(
        [&](am_options *o) {
          EXPECT_EQ(AM_OK, am_options_set_cache_ttl_ms(o, ttl_ms, nullptr));
          if (!dir.empty()) {
            EXPECT_EQ(AM_OK, am_options_set_cache_dir(o, dir.c_str(), nullptr));
          }
          EXPECT_EQ(AM_OK, am_options_set_max_retries(o, 0, nullptr));
          if (tweak) tweak(o);
        },
        url);
  }
  size_t ListRequests() const { return server_->request_count("/v1/models?"); }
};

TEST_F(CacheTest, FreshListingIsServedWithoutARequest) {
  auto c = CacheClient(kHourMs);
  auto first = ListAll(c.get());
  ASSERT_TRUE(StatusIs(first.status, first.e(), AM_OK));
  EXPECT_EQ(0, am_model_list_from_cache(first.value.get()));
  EXPECT_EQ(0, am_model_list_age_ms(first.value.get()));
  ASSERT_EQ(1u, Requests());

  auto second = ListAll(c.get());
  ASSERT_TRUE(StatusIs(second.status, second.e(), AM_OK));
  EXPECT_EQ(1u, Requests()) << "a fresh cached listing must not cause a request";
  EXPECT_EQ(1, am_model_list_from_cache(second.value.get()));
  EXPECT_EQ(0, am_model_list_is_stale(second.value.get()));
  EXPECT_EQ(Ids(first.value.get()), Ids(second.value.get()));

  // A get of a listed id is answered by the listing; an alias is not listed.
  auto g = Get(c.get(), "claude-opus-4-6");
  ASSERT_TRUE(StatusIs(g.status, g.e(), AM_OK));
  EXPECT_EQ("claude-opus-4-6", Str(am_model_id(g.value.get())));
  EXPECT_EQ(1u, Requests());
  auto alias1 = Get(c.get(), "claude-sonnet-4-5");
  auto alias2 = Get(c.get(), "claude-sonnet-4-5");
  ASSERT_TRUE(StatusIs(alias2.status, alias2.e(), AM_OK));
  EXPECT_EQ("claude-sonnet-4-5-20250929", Str(am_model_id(alias2.value.get())));
  EXPECT_EQ(2u, Requests()) << "the alias is fetched once, then cached";
}

TEST_F(CacheTest, KeyHoldsLifecycleFilterAndCredential) {
  auto c = CacheClient(kHourMs);
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  Params retired;
  retired.lifecycle("retired");
  auto r = ListAll(c.get(), retired.get());
  ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
  EXPECT_EQ(2u, Requests()) << "another lifecycle filter is another answer";
  EXPECT_EQ(0, am_model_list_from_cache(r.value.get()));
  for (auto &id : Ids(r.value.get())) EXPECT_NE(id, "claude-opus-4-6");

  // Another credential is another key, even with the same directory.
  auto other = CacheClient(kHourMs, "", [](am_options *o) { am_options_set_api_key(o, "another-key", nullptr); });
  ASSERT_EQ(AM_OK, ListAll(other.get()).status);
  EXPECT_EQ(3u, Requests());
}

TEST_F(CacheTest, ExpiredEntryIsFetchedAgain) {
  const int ttl = 100 * TimeScale();
  auto c = CacheClient(ttl);
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  EXPECT_EQ(1u, Requests());
  SleepMs(ttl + 50);
  auto again = ListAll(c.get());
  ASSERT_TRUE(StatusIs(again.status, again.e(), AM_OK));
  EXPECT_EQ(2u, Requests()) << "past the TTL the listing is fetched again";
  EXPECT_EQ(0, am_model_list_from_cache(again.value.get()));
}

TEST_F(CacheTest, RefreshBypassesAndInvalidateForgets) {
  auto c = CacheClient(kHourMs);
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  ParamsPtr refresh(am_list_params_new());
  am_list_params_set_refresh(refresh.get(), 1);
  auto r = ListAll(c.get(), refresh.get());
  ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
  EXPECT_EQ(2u, Requests());
  EXPECT_EQ(0, am_model_list_from_cache(r.value.get()));
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  EXPECT_EQ(2u, Requests()) << "the refresh repopulated the cache";

  am_client_cache_invalidate(c.get());
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  EXPECT_EQ(3u, Requests());
  ASSERT_EQ(AM_OK, Get(c.get(), "claude-opus-4-6").status);
  EXPECT_EQ(3u, Requests());
  am_client_cache_invalidate(nullptr);  // a no-op
}

TEST_F(CacheTest, DiskCacheServesANewClientWhileFresh) {
  TempDir dir;
  {
    auto writer = CacheClient(kHourMs, dir.path());
    ASSERT_EQ(AM_OK, ListAll(writer.get()).status);
  }
  ASSERT_EQ(1u, dir.Files().size());
  auto reader = CacheClient(kHourMs, dir.path());
  auto r = ListAll(reader.get());
  ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
  EXPECT_EQ(1u, Requests()) << "a fresh listing on disk needs no request";
  EXPECT_EQ(1, am_model_list_from_cache(r.value.get()));
  EXPECT_EQ(0, am_model_list_is_stale(r.value.get()));
  EXPECT_EQ(ExpectedIds(0), Ids(r.value.get()));
  // Its models are whole: fields and capabilities survive the round trip.
  const am_model *opus = am_model_list_find(r.value.get(), "claude-opus-4-6");
  ASSERT_NE(opus, nullptr);
  EXPECT_EQ(AM_SUPPORT_YES, am_model_supports_path(opus, "image_input"));
  EXPECT_EQ("opus", Str(am_model_line(opus)));
}

TEST_F(CacheTest, StartUpWithTheServerDownServesTheDiskListingMarkedStale) {
  TempDir dir;
  {
    auto writer = CacheClient(kHourMs, dir.path());
    ASSERT_EQ(AM_OK, ListAll(writer.get()).status);
  }
  const std::string url = server_->base_url();
  server_->stop();
  const int wait_ms = 300;
  SleepMs(wait_ms);
  // TTL 1 ms: the file is expired, the refresh meets a closed port.
  Captured log;
  auto c = CacheClient(1, dir.path(), {}, url);
  ASSERT_EQ(AM_OK, am_client_set_log_callback(c.get(), capture, &log, nullptr, nullptr));
  auto r = ListAll(c.get());
  ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
  EXPECT_EQ(1, am_model_list_is_stale(r.value.get()));
  EXPECT_EQ(1, am_model_list_from_cache(r.value.get()));
  EXPECT_GE(am_model_list_age_ms(r.value.get()), wait_ms);
  EXPECT_LT(am_model_list_age_ms(r.value.get()), wait_ms + BoundMs(5000));
  EXPECT_EQ(ExpectedIds(0), Ids(r.value.get()));
  EXPECT_TRUE(log.Contains("refresh failed")) << "the fallback is logged";
  server_.reset();
}

TEST_F(CacheTest, ServerErrorAndTimeoutOnRefreshServeStale) {
  TempDir dir;
  auto c = CacheClient(1, dir.path(), [](am_options *o) { am_options_set_timeout_ms(o, 300, nullptr); });
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  SleepMs(5);

  AddFault(Respond(500, {}, "", -1));
  auto after500 = ListAll(c.get());
  ASSERT_TRUE(StatusIs(after500.status, after500.e(), AM_OK));
  EXPECT_EQ(1, am_model_list_is_stale(after500.value.get()));
  EXPECT_EQ(ExpectedIds(0), Ids(after500.value.get()));

  server_->clear_faults();
  AddFault(NeverAnswer(-1));
  auto afterTimeout = ListAll(c.get());
  ASSERT_TRUE(StatusIs(afterTimeout.status, afterTimeout.e(), AM_OK));
  EXPECT_EQ(1, am_model_list_is_stale(afterTimeout.value.get()));

  // A refused credential is the caller's to see, not papered over.
  server_->clear_faults();
  AddFault(Respond(401, {}, "", -1));
  auto refused = ListAll(c.get());
  EXPECT_TRUE(StatusIs(refused.status, refused.e(), AM_ERR_AUTHENTICATION));
}

TEST_F(CacheTest, EmptyAnswerNeverReplacesAGoodListing) {
  TempDir dir;
  auto c = CacheClient(1, dir.path());
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  const std::string before = dir.Read(dir.Files().at(0));
  SleepMs(5);
  AddFault(Respond(200, {}, R"({"data":[],"has_more":false,"first_id":null,"last_id":null})", -1));
  auto empty = ListAll(c.get());
  ASSERT_TRUE(StatusIs(empty.status, empty.e(), AM_OK));
  EXPECT_EQ(0u, am_model_list_count(empty.value.get())) << "the caller sees what the server said";
  EXPECT_EQ(before, dir.Read(dir.Files().at(0))) << "but the good listing stays on disk";
  server_->clear_faults();
  AddFault(Respond(503, {}, "", -1));
  auto stale = ListAll(c.get());
  ASSERT_TRUE(StatusIs(stale.status, stale.e(), AM_OK));
  EXPECT_EQ(ExpectedIds(0), Ids(stale.value.get()));
}

TEST_F(CacheTest, CorruptTruncatedForeignAndNewerFilesAreIgnored) {
  TempDir dir;
  {
    auto writer = CacheClient(kHourMs, dir.path());
    ASSERT_EQ(AM_OK, ListAll(writer.get()).status);
  }
  const std::string name = dir.Files().at(0);
  const std::string good = dir.Read(name);
  std::string newer = good;
  newer.replace(newer.find("\"am_models_cache\":1"), 19, "\"am_models_cache\":9");
  std::string foreign = good;
  foreign.replace(foreign.find("\"key\":\"") + 7, 4, "0000");
  const std::pair<const char *, std::string> cases[] = {
      {"corrupt", "{\"am_models_cache\":1,\x01garbage"},
      {"truncated", good.substr(0, good.size() / 2)},
      {"empty", ""},
      {"newer format", newer},
      {"foreign key", foreign},
  };
  size_t expected_requests = 1;
  for (auto &[what, bytes] : cases) {
    SCOPED_TRACE(what);
    dir.Write(name, bytes);
    Captured log;
    auto c = CacheClient(kHourMs, dir.path());
    ASSERT_EQ(AM_OK, am_client_set_log_callback(c.get(), capture, &log, nullptr, nullptr));
    auto r = ListAll(c.get());
    ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
    EXPECT_EQ(++expected_requests, Requests()) << "an unusable file is not an answer";
    EXPECT_EQ(0, am_model_list_from_cache(r.value.get()));
    EXPECT_TRUE(log.Contains("cache: ignoring")) << "the ignored file is logged";
    EXPECT_EQ(good.size(), dir.Read(name).size()) << "the good answer replaced the broken file";
  }
}

TEST_F(CacheTest, CacheDirectoryHoldsNoSecret) {
  TempDir dir;
  auto key_client = CacheClient(kHourMs, dir.path());
  ASSERT_EQ(AM_OK, ListAll(key_client.get()).status);
  auto token_client = CacheClient(kHourMs, dir.path(), [](am_options *o) {
    am_options_set_api_key(o, nullptr, nullptr);
    am_options_set_auth_token(o, kAuthToken, nullptr);
  });
  ASSERT_EQ(AM_OK, ListAll(token_client.get()).status);
  auto files = dir.Files();
  ASSERT_EQ(2u, files.size()) << "two credentials, two cache keys";
  for (auto &f : files) {
    SCOPED_TRACE(f);
    EXPECT_TRUE(FreeOfSecrets(f));
    EXPECT_TRUE(FreeOfSecrets(dir.Read(f)));
  }
}

TEST_F(CacheTest, SixteenThreadsShareOneRequest) {
  Watchdog dog("cache test", static_cast<int>(BoundSeconds(30)));
  AddFault(Delay(300 * TimeScale(), 1));  // the first request is slow: the others arrive meanwhile
  auto c = CacheClient(kHourMs);
  constexpr int kThreads = 16;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> ids(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto r = ListAll(c.get());
      if (r.status == AM_OK) {
        ids[t] = Ids(r.value.get());
        ++ok;
      }
    });
  for (auto &th : threads) th.join();
  EXPECT_EQ(kThreads, ok.load());
  EXPECT_EQ(1u, Requests()) << "16 concurrent identical calls, one request";
  for (auto &v : ids) EXPECT_EQ(ExpectedIds(0), v);
}

TEST_F(CacheTest, SixteenAsyncRequestsShareOneRequest) {
  Watchdog dog("cache test", static_cast<int>(BoundSeconds(30)));
  AddFault(Delay(300 * TimeScale(), 1));
  // Single-flight comes with any cache setting: here a directory, TTL 0.
  TempDir dir;
  auto flight = CacheClient(0, dir.path());
  constexpr int kRequests = 16;
  std::vector<RequestPtr> reqs;
  for (int i = 0; i < kRequests; ++i) {
    am_request *r = nullptr;
    ASSERT_EQ(AM_OK, am_models_list_all_async(flight.get(), nullptr, nullptr, nullptr, nullptr, &r, nullptr));
    reqs.emplace_back(r);
  }
  for (auto &r : reqs) {
    ASSERT_EQ(1, am_request_wait(r.get(), -1));
    am_model_list *l = nullptr;
    am_error *e = nullptr;
    am_status st = am_request_take_list(r.get(), &l, &e);
    ListPtr lp(l);
    ErrorPtr ep(e);
    ASSERT_TRUE(StatusIs(st, e, AM_OK));
    EXPECT_EQ(ExpectedIds(0), Ids(l));
  }
  EXPECT_EQ(1u, Requests()) << "16 identical asynchronous calls, one request";
}

TEST_F(CacheTest, AsyncHitCompletesImmediately) {
  auto c = CacheClient(kHourMs);
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  am_request *raw = nullptr;
  ASSERT_EQ(AM_OK, am_models_list_all_async(c.get(), nullptr, nullptr, nullptr, nullptr, &raw, nullptr));
  RequestPtr req(raw);
  EXPECT_EQ(1, am_request_done(req.get())) << "a fresh hit is done when the call returns";
  am_model_list *l = nullptr;
  ASSERT_EQ(AM_OK, am_request_take_list(req.get(), &l, nullptr));
  ListPtr list(l);
  EXPECT_EQ(1, am_model_list_from_cache(l));
  EXPECT_EQ(1u, Requests());

  // And its callback still runs, from am_client_dispatch.
  std::atomic<int> ran{0};
  am_request *raw2 = nullptr;
  ASSERT_EQ(AM_OK, am_model_get_async(
                       c.get(), "claude-opus-4-6", [](am_request *, void *ud) { ++*static_cast<std::atomic<int> *>(ud); },
                       &ran, nullptr, &raw2, nullptr));
  RequestPtr req2(raw2);
  EXPECT_EQ(1, am_request_done(req2.get()));
  Watchdog dog("cache test", static_cast<int>(BoundSeconds(10)));
  while (ran.load() == 0) {
    am_client_dispatch(c.get(), 0);
    SleepMs(1);
  }
  EXPECT_EQ(1u, Requests());
}

TEST_F(CacheTest, StaleWhileRevalidateAnswersAtOnceAndRefreshesInTheBackground) {
  Watchdog dog("cache test", static_cast<int>(BoundSeconds(30)));
  const int ttl = 100 * TimeScale();
  auto c = CacheClient(ttl, "", [](am_options *o) { am_options_set_cache_stale_while_revalidate(o, 1); });
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  SleepMs(ttl + 50);
  AddFault(Delay(300 * TimeScale(), 1));  // the background refresh is slow
  auto stale = ListAll(c.get());
  ASSERT_TRUE(StatusIs(stale.status, stale.e(), AM_OK));
  EXPECT_EQ(1, am_model_list_is_stale(stale.value.get()));
  EXPECT_LT(stale.seconds, 0.3 * TimeScale()) << "served without waiting for the refresh";
  // The refresh lands: the next answer is fresh again, with one request more.
  for (;;) {
    auto r = ListAll(c.get());
    ASSERT_EQ(AM_OK, r.status);
    if (!am_model_list_is_stale(r.value.get())) break;
    SleepMs(20);
  }
  EXPECT_EQ(2u, Requests());
}

TEST_F(CacheTest, StaleWhileRevalidateAsyncCompletesImmediately) {
  Watchdog dog("cache test", static_cast<int>(BoundSeconds(30)));
  const int ttl = 100 * TimeScale();
  auto c = CacheClient(ttl, "", [](am_options *o) { am_options_set_cache_stale_while_revalidate(o, 1); });
  ASSERT_EQ(AM_OK, ListAll(c.get()).status);
  SleepMs(ttl + 50);
  AddFault(Delay(300 * TimeScale(), 1));
  std::vector<RequestPtr> reqs;
  for (int i = 0; i < 4; ++i) {
    am_request *raw = nullptr;
    ASSERT_EQ(AM_OK, am_models_list_all_async(c.get(), nullptr, nullptr, nullptr, nullptr, &raw, nullptr));
    reqs.emplace_back(raw);
    EXPECT_EQ(1, am_request_done(raw)) << "an expired entry is answered when the call returns";
    am_model_list *l = nullptr;
    ASSERT_EQ(AM_OK, am_request_take_list(raw, &l, nullptr));
    ListPtr list(l);
    EXPECT_EQ(1, am_model_list_is_stale(l));
    EXPECT_EQ(ExpectedIds(0), Ids(l));
  }
  for (;;) {  // one background refresh for all four
    auto r = ListAll(c.get());
    ASSERT_EQ(AM_OK, r.status);
    if (!am_model_list_is_stale(r.value.get())) break;
    SleepMs(20);
  }
  EXPECT_EQ(2u, Requests());
}

TEST_F(CacheTest, OfflineServesTheCacheOrFailsWithNotCached) {
  TempDir dir;
  {
    auto writer = CacheClient(kHourMs, dir.path());
    ASSERT_EQ(AM_OK, ListAll(writer.get()).status);
  }
  auto offline = CacheClient(kHourMs, dir.path(), [](am_options *o) { am_options_set_offline(o, 1); });
  auto r = ListAll(offline.get());
  ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
  EXPECT_EQ(1, am_model_list_from_cache(r.value.get()));
  auto g = Get(offline.get(), "claude-haiku-4-5-20251001");
  ASSERT_TRUE(StatusIs(g.status, g.e(), AM_OK));
  EXPECT_EQ("claude-haiku-4-5-20251001", Str(am_model_id(g.value.get())));

  auto missing = Get(offline.get(), "claude-sonnet-4-5");  // an alias: never listed
  EXPECT_TRUE(StatusIs(missing.status, missing.e(), AM_ERR_NOT_CACHED));
  Params retired;
  retired.lifecycle("retired");
  auto other = ListAll(offline.get(), retired.get());
  EXPECT_TRUE(StatusIs(other.status, other.e(), AM_ERR_NOT_CACHED));
  auto page = List(offline.get());
  EXPECT_TRUE(StatusIs(page.status, page.e(), AM_ERR_NOT_CACHED));
  EXPECT_EQ(1u, Requests()) << "offline sends nothing";
  EXPECT_STREQ("not_cached", am_status_name(AM_ERR_NOT_CACHED));

  TempDir empty;
  auto nothing = CacheClient(0, empty.path(), [](am_options *o) { am_options_set_offline(o, 1); });
  auto none = ListAll(nothing.get());
  EXPECT_TRUE(StatusIs(none.status, none.e(), AM_ERR_NOT_CACHED));
}

TEST_F(CacheTest, OptionsRefuseBadValues) {
  OptionsPtr o(am_options_new());
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_options_set_cache_ttl_ms(o.get(), -1, nullptr));
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_options_set_cache_ttl_ms(o.get(), INT64_C(31) * 24 * 3600 * 1000, nullptr));
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_options_set_cache_dir(o.get(), "", nullptr));
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_options_set_cache_dir(o.get(), std::string(5000, 'a').c_str(), nullptr));
  EXPECT_EQ(AM_OK, am_options_set_cache_dir(o.get(), nullptr, nullptr));
  // A path that cannot be a directory fails at client creation.
  TempDir dir;
  dir.Write("file", "x");
  auto opts = BaseOptions();
  ASSERT_EQ(AM_OK, am_options_set_cache_dir(opts.get(), (dir.path() + "/file").c_str(), nullptr));
  am_client *c = nullptr;
  am_error *e = nullptr;
  EXPECT_EQ(AM_ERR_INVALID_ARGUMENT, am_client_new(opts.get(), &c, &e));
  ErrorPtr ep(e);
  EXPECT_EQ(nullptr, c);
  EXPECT_NE(std::string(am_error_message(e)).find("not a directory"), std::string::npos) << am_error_message(e);
}

// Two processes refreshing the same cache file over and over: every read
// in between, and the file at the end, is a whole listing.
TEST_F(CacheTest, TwoProcessesWritingTheSameCacheLeaveAValidFile) {
  TempDir dir;
  Watchdog dog("cache test", static_cast<int>(BoundSeconds(120)));
  const std::string url = server_->base_url();
  std::vector<pid_t> pids;
  for (int i = 0; i < 2; ++i) {
    std::vector<std::string> args = {AM_CACHE_WRITER, url, dir.path(), kApiKey, "25"};
    std::vector<char *> argv;
    for (auto &a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(0, posix_spawn(&pid, AM_CACHE_WRITER, nullptr, nullptr, argv.data(), environ));
    pids.push_back(pid);
  }
  // Meanwhile this process reads the file offline again and again.
  int reads = 0;
  for (int i = 0; i < 50; ++i) {
    auto reader = CacheClient(0, dir.path(), [](am_options *o) { am_options_set_offline(o, 1); });
    auto r = ListAll(reader.get());
    if (r.status == AM_ERR_NOT_CACHED) continue;  // not written yet
    ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
    EXPECT_EQ(ExpectedIds(0), Ids(r.value.get()));
    ++reads;
  }
  for (pid_t pid : pids) {
    int status = 0;
    ASSERT_EQ(pid, waitpid(pid, &status, 0));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer exited with " << status;
  }
  auto files = dir.Files();
  ASSERT_EQ(1u, files.size()) << "no temporary file is left behind";
  auto reader = CacheClient(0, dir.path(), [](am_options *o) { am_options_set_offline(o, 1); });
  auto r = ListAll(reader.get());
  ASSERT_TRUE(StatusIs(r.status, r.e(), AM_OK));
  EXPECT_EQ(ExpectedIds(0), Ids(r.value.get()));
  EXPECT_GE(Requests(), 50u);
  (void)reads;
}

}  // namespace
}  // namespace amtest
