// One client shared by many threads.
#include <atomic>
#include <mutex>
#include <thread>

#include "amtest/catalog_oracle.hpp"
#include "amtest/mock_api_test.hpp"

namespace amtest {
namespace {

using ConcurrencyTest = MockApiTest;

TEST_F(ConcurrencyTest, SharedClientFromEightThreads) {
  constexpr int kThreads = 8;
  constexpr int kGetsPerThread = 25;
  constexpr int kListsPerThread = 3;

  // Ids and aliases, each with the canonical id a get must return.
  std::vector<std::pair<std::string, std::string>> lookups;
  for (auto &m : CatalogModels().GetArray()) lookups.emplace_back(m["id"].GetString(), m["id"].GetString());
  for (auto &[alias, canonical] : CatalogAliases()) lookups.emplace_back(alias, canonical);
  auto first_page = ExpectedIds(0);
  first_page.resize(std::min<size_t>(first_page.size(), 20));

  std::atomic<int> sent{0}, ok{0};
  std::mutex mu;
  std::vector<std::string> failures;
  auto fail = [&](const std::string &what) {
    std::lock_guard<std::mutex> lock(mu);
    failures.push_back(what);
  };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kGetsPerThread + kListsPerThread; ++i) {
        ++sent;
        if (i % 9 == 4) {  // a list now and then, between the gets
          auto r = List(client_.get());
          if (r.status != AM_OK) fail("list: " + Describe(r.status, r.e()));
          else if (Ids(r.value.get()) != first_page)
            fail("list: wrong page");
          else ++ok;
          continue;
        }
        auto &[id, canonical] = lookups[static_cast<size_t>(t * 31 + i * 7) % lookups.size()];
        auto r = Get(client_.get(), id.c_str());
        if (r.status != AM_OK) fail(id + ": " + Describe(r.status, r.e()));
        else if (Str(am_model_id(r.value.get())) != canonical) fail(id + ": got " + Str(am_model_id(r.value.get())));
        else ++ok;
      }
    });
  }
  for (auto &th : threads) th.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << failures.front();
  EXPECT_EQ(sent.load(), kThreads * (kGetsPerThread + kListsPerThread));
  EXPECT_EQ(ok.load(), sent.load());
  EXPECT_EQ(Requests(), static_cast<size_t>(sent.load()));
  auto log = Log();
  size_t lists = 0;
  for (auto &e : log) lists += e.path == "/v1/models";
  EXPECT_EQ(lists, static_cast<size_t>(kThreads * kListsPerThread));
}

// Keep-alive: sequential calls on one client travel over one connection, so
// the server sees the same client port every time.
TEST_F(ConcurrencyTest, SequentialCallsReuseOneConnection) {
  for (int i = 0; i < 20; ++i) {
    am_status st = i % 2 ? Get(client_.get(), "claude-opus-4-6").status : List(client_.get()).status;
    ASSERT_EQ(st, AM_OK);
  }
  auto log = Log();
  ASSERT_EQ(log.size(), 20u);
  ASSERT_GT(log[0].remote_port, 0);
  for (auto &e : log) EXPECT_EQ(e.remote_port, log[0].remote_port);
}

// A fresh client opens its own connection.
TEST_F(ConcurrencyTest, SeparateClientsUseSeparateConnections) {
  auto other = MakeClient();
  ASSERT_EQ(Get(client_.get(), "claude-opus-4-6").status, AM_OK);
  ASSERT_EQ(Get(other.get(), "claude-opus-4-6").status, AM_OK);
  auto log = Log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_NE(log[0].remote_port, log[1].remote_port);
}

}  // namespace
}  // namespace amtest
