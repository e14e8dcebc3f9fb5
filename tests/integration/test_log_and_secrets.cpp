// The log hook (one redacted line per attempt, on the worker thread), and
// secret hygiene beyond errors: logs, raw model JSON, and nothing ever written
// to stdout or stderr by the library.
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "amtest/log_capture.hpp"
#include "amtest/mock_api_test.hpp"

namespace amtest {
namespace {

class LogTest : public MockApiTest {
 protected:
  void Attach(am_client *c) { ASSERT_EQ(AM_OK, am_client_set_log_callback(c, capture, &log_, nullptr, nullptr)); }
  Captured log_;
};

TEST_F(LogTest, OneLinePerAttemptWithStatusDurationAttemptAndRequestId) {
  Attach(client_.get());
  AddFault(Respond(500, {{"retry-after-ms", "1"}, {"request-id", "req_mock_first"}}));
  auto r = Get(client_.get(), "claude-opus-4-6");
  AM_ASSERT_OK(r);
  ASSERT_EQ(log_.lines.size(), 2u);
  const std::string url = "GET " + server().base_url() + "/v1/models/claude-opus-4-6 -> ";
  EXPECT_EQ(log_.lines[0].first, AM_LOG_WARN);
  EXPECT_EQ(log_.lines[0].second.rfind(url + "500, retrying in 1 ms in ", 0), 0u) << log_.lines[0].second;
  EXPECT_NE(log_.lines[0].second.find("(attempt 1, request-id req_mock_first)"), std::string::npos)
      << log_.lines[0].second;
  EXPECT_EQ(log_.lines[1].first, AM_LOG_INFO);
  EXPECT_EQ(log_.lines[1].second.rfind(url + "200 in ", 0), 0u) << log_.lines[1].second;
  EXPECT_NE(log_.lines[1].second.find(" ms (attempt 2, request-id req_mock_"), std::string::npos)
      << log_.lines[1].second;
  EXPECT_NE(log_.thread, std::this_thread::get_id());  // the worker thread
}

TEST_F(LogTest, FinalFailureIsAnErrorLineAndTransportFailuresAreNamed) {
  Attach(client_.get());
  AddFault(Respond(404, {{"x-should-retry", "false"}}));
  EXPECT_EQ(Get(client_.get(), "claude-opus-4-6").status, AM_ERR_NOT_FOUND);
  ASSERT_EQ(log_.lines.size(), 1u);
  EXPECT_EQ(log_.lines[0].first, AM_LOG_ERROR);
  EXPECT_NE(log_.lines[0].second.find("-> 404 in "), std::string::npos) << log_.lines[0].second;

  log_.lines.clear();
  AddFault(Act(Fault::Action::ResetBeforeHeaders));
  auto client = RetryClient(0);
  Attach(client.get());
  EXPECT_EQ(Get(client.get(), "claude-opus-4-6").status, AM_ERR_CONNECTION);
  ASSERT_EQ(log_.lines.size(), 1u);
  EXPECT_NE(log_.lines[0].second.find("-> connection: "), std::string::npos) << log_.lines[0].second;
}

TEST_F(LogTest, CredentialsNeverAppearInLines) {
  // The key as a cursor puts it into the URL itself.
  Attach(client_.get());
  ParamsPtr p(am_list_params_new());
  ASSERT_EQ(AM_OK, am_list_params_set_after_id(p.get(), kApiKey, nullptr));
  (void)List(client_.get(), p.get());
  ASSERT_FALSE(log_.lines.empty());
  for (auto &l : log_.lines) {
    EXPECT_TRUE(FreeOfSecrets(l.second));
    EXPECT_NE(l.second.find("[redacted]"), std::string::npos) << l.second;
  }
}

TEST_F(LogTest, UserdataReleasedOnReplaceAndOnClientFree) {
  static std::atomic<int> freed{0};
  freed = 0;
  auto release = [](void *) { ++freed; };
  auto client = MakeClient();
  int token = 0;
  ASSERT_EQ(AM_OK, am_client_set_log_callback(client.get(), capture, &token, release, nullptr));
  ASSERT_EQ(AM_OK, am_client_set_log_callback(client.get(), capture, &log_, release, nullptr));
  EXPECT_EQ(freed.load(), 1);
  client.reset();
  EXPECT_EQ(freed.load(), 2);
  EXPECT_EQ(am_client_set_log_callback(nullptr, capture, nullptr, nullptr, nullptr), AM_ERR_INVALID_ARGUMENT);
}

TEST_F(MockApiTest, ModelDataIsNeverRewrittenEvenWhenItEchoesTheCredential) {
  // The model is the server's data: a server that echoes a credential inside
  // it is the server's business, and rewriting data would corrupt it.
  std::string body = std::string("{\"id\":\"echo\",\"type\":\"model\",\"display_name\":\"key ") + kApiKey +
                     "\",\"created_at\":\"2025-01-01T00:00:00Z\"}";
  AddFault(Respond(200, {}, body));
  auto r = Get(client_.get(), "echo");
  AM_ASSERT_OK(r);
  EXPECT_EQ(Str(am_model_display_name(r.value.get())), std::string("key ") + kApiKey);
  EXPECT_EQ(Str(am_model_json(r.value.get())), body);
}

// Runs `body` with fds 1 and 2 redirected to a file; returns what was written.
std::string Silenced(const std::function<void()> &body) {
  std::fflush(stdout);
  std::fflush(stderr);
  char path[] = "/tmp/am_quiet_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return "mkstemp failed";
  int out = dup(1), err = dup(2);
  dup2(fd, 1);
  dup2(fd, 2);
  body();
  std::fflush(stdout);
  std::fflush(stderr);
  dup2(out, 1);
  dup2(err, 2);
  close(out);
  close(err);
  std::string written;
  lseek(fd, 0, SEEK_SET);
  char buf[512];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) written.append(buf, static_cast<size_t>(n));
  close(fd);
  unlink(path);
  return written;
}

TEST_F(MockApiTest, LibraryWritesNothingToStdoutOrStderr) {
  std::vector<am_status> seen;
  std::string written = Silenced([&] {
    AddFault(Respond(500, {{"retry-after-ms", "1"}}));
    AddFault(Act(Fault::Action::Malformed));
    AddFault(Act(Fault::Action::ResetMidBody));
    auto client = RetryClient(1);
    seen.push_back(Get(client.get(), "claude-opus-4-6").status);  // 500 then malformed
    seen.push_back(Get(client.get(), "claude-opus-4-6").status);  // reset, then OK
    seen.push_back(Get(client.get(), "no-such-model").status);
    seen.push_back(List(client.get()).status);
  });
  EXPECT_EQ(written, "");
  EXPECT_EQ(seen, (std::vector<am_status>{AM_ERR_DECODE, AM_OK, AM_ERR_NOT_FOUND, AM_OK}));
}

}  // namespace
}  // namespace amtest
