// am-models as a user runs it: a separate process, environment-only
// credentials, output and exit status checked against the local API server.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "mock_server.hpp"

extern char **environ;

namespace {

constexpr const char *kKey = "sk-ant-cli-SECRET-4242";

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}

// Runs am-models with exactly `env` as its environment.
CliRun run_cli(const std::vector<std::string> &args, const std::vector<std::string> &env) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return {};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&fa, out_pipe[0]);
  posix_spawn_file_actions_addclose(&fa, err_pipe[0]);
  std::vector<std::string> argv_s{AM_CLI_PATH};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char *> argv, envp;
  for (auto &a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = env;
  for (auto &e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid;
  CliRun r;
  int rc = posix_spawn(&pid, AM_CLI_PATH, &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc == 0) {
    r.out = slurp(out_pipe[0]);  // the outputs are small: reading one then the other cannot deadlock
    r.err = slurp(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  return r;
}

size_t count_lines(const std::string &s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(server_.start(&error)) << error;
  }
  std::vector<std::string> env(bool with_key = true) const {
    std::vector<std::string> e{"ANTHROPIC_BASE_URL=" + server_.base_url(), "PATH=/usr/bin:/bin"};
    if (with_key) e.push_back(std::string("ANTHROPIC_API_KEY=") + kKey);
    return e;
  }
  CliRun cli(const std::vector<std::string> &args) { return run_cli(args, env()); }
  // Every response of the CLI must keep the credential out of its output.
  static void expect_no_secret(const CliRun &r) {
    EXPECT_EQ(r.out.find(kKey), std::string::npos);
    EXPECT_EQ(r.err.find(kKey), std::string::npos);
  }

  am::mock::MockServer server_{am::mock::ServerOptions{}};
};

TEST_F(Cli, VersionAndHelp) {
  CliRun v = cli({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, "am-models 0.1.0\n");
  CliRun h = cli({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("supports MODEL CAPABILITY_PATH"), std::string::npos);
  EXPECT_EQ(server_.request_count(), 0u);
}

TEST_F(Cli, ListPrintsAlignedTable) {
  CliRun r = cli({"list", "--limit", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(count_lines(r.out), 4u) << r.out;  // header + 3 rows
  EXPECT_EQ(r.out.rfind("ID", 0), 0u);
  EXPECT_NE(r.out.find("DISPLAY NAME"), std::string::npos);
  EXPECT_NE(r.out.find("claude-opus-4-6"), std::string::npos);
  EXPECT_NE(r.out.find("2026-02-04"), std::string::npos);
  // Aligned: the DISPLAY NAME column starts at the same offset on every line.
  size_t col = r.out.find("DISPLAY NAME");
  size_t line2 = r.out.find('\n') + 1;
  EXPECT_EQ(r.out.substr(line2 + col, 6), "Claude");
  EXPECT_NE(r.err.find("--after-id"), std::string::npos);  // more pages: a hint on stderr
  ASSERT_EQ(server_.log().size(), 1u);
  EXPECT_EQ(server_.log()[0].query, "limit=3");
  expect_no_secret(r);
}

TEST_F(Cli, ListAllJsonHasEveryModelAsSent) {
  CliRun r = cli({"list", "--all", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document d;
  d.Parse(r.out.c_str());
  ASSERT_FALSE(d.HasParseError()) << r.out;
  ASSERT_TRUE(d["data"].IsArray());
  EXPECT_EQ(d["data"].Size(), 13u);  // active + deprecated models of the catalog
  EXPECT_FALSE(d["has_more"].GetBool());
  EXPECT_STREQ(d["first_id"].GetString(), "claude-opus-4-6");
  EXPECT_STREQ(d["last_id"].GetString(), d["data"][12]["id"].GetString());
  bool unknown_field_kept = false;
  for (auto &m : d["data"].GetArray()) unknown_field_kept |= m.HasMember("future_field");
  EXPECT_TRUE(unknown_field_kept);
}

TEST_F(Cli, ListPageJsonKeepsHasMore) {
  CliRun r = cli({"list", "--limit", "2", "--json", "--lifecycle", "retired"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document d;
  d.Parse(r.out.c_str());
  ASSERT_FALSE(d.HasParseError()) << r.out;
  EXPECT_EQ(d["data"].Size(), 2u);
  EXPECT_FALSE(d["has_more"].GetBool());  // exactly two retired models
  EXPECT_STREQ(d["data"][0]["lifecycle"].GetString(), "retired");
}

TEST_F(Cli, GetResolvesAliasAndPrintsCapabilities) {
  CliRun r = cli({"get", "claude-sonnet-4-5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("id: claude-sonnet-4-5-20250929"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("capabilities:"), std::string::npos);
  EXPECT_NE(r.out.find("batch: "), std::string::npos);
  CliRun j = cli({"get", "claude-sonnet-4-5", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  rapidjson::Document d;
  d.Parse(j.out.c_str());
  ASSERT_FALSE(d.HasParseError());
  EXPECT_STREQ(d["id"].GetString(), "claude-sonnet-4-5-20250929");
  EXPECT_TRUE(d.HasMember("future_field"));
}

TEST_F(Cli, SupportsPrintsTriState) {
  EXPECT_EQ(cli({"supports", "claude-opus-4-6", "effort.xhigh"}).out, "yes\n");
  EXPECT_EQ(cli({"supports", "claude-3-haiku-20240307", "thinking"}).out, "unknown\n");  // old shape
  EXPECT_EQ(cli({"supports", "claude-opus-4-6", "no.such.capability"}).out, "unknown\n");
  CliRun r = cli({"supports", "claude-3-5-haiku-20241022", "effort"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "no\n");
}

TEST_F(Cli, ApiErrorExitsOneWithOneLine) {
  CliRun r = cli({"get", "no-such-model"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("not_found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("HTTP 404"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not_found_error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("request-id: req_mock"), std::string::npos) << r.err;
  expect_no_secret(r);
}

TEST_F(Cli, ServerErrorsAreRetriedThenReported) {
  am::mock::Fault f;
  f.status = 503;
  f.times = -1;
  f.headers = {{"retry-after-ms", "1"}};
  server_.add_fault(f);
  CliRun r = cli({"--max-retries", "1", "list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP 503"), std::string::npos) << r.err;
  EXPECT_EQ(server_.request_count(), 2u);
}

TEST_F(Cli, UsageErrorsExitTwoAndSendNothing) {
  const std::vector<std::vector<std::string>> bad = {
      {},
      {"frobnicate"},
      {"list", "--limit", "0"},
      {"list", "--limit", "1001"},
      {"list", "--limit", "ten"},
      {"list", "--after-id", "a", "--before-id", "b"},
      {"list", "--bogus"},
      {"get"},
      {"supports", "claude-opus-4-6"},
      {"--api-key", "x", "list"},  // credentials are never flags
      {"--timeout", "-1", "list"},
      {"--max-retries", "101", "list"},
      {"--base-url", "ftp://example", "list"},
      {"get", ".."},
  };
  for (const auto &args : bad) {
    CliRun r = cli(args);
    std::string joined;
    for (const auto &a : args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 2) << joined << "\n" << r.err;
    EXPECT_FALSE(r.err.empty()) << joined;
  }
  EXPECT_EQ(server_.request_count(), 0u);
}

TEST_F(Cli, MissingCredentialFailsBeforeSending) {
  CliRun r = run_cli({"list"}, env(false));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("authentication"), std::string::npos) << r.err;
  EXPECT_EQ(server_.request_count(), 0u);
}

TEST(CliAuth, RejectedKeyNeverPrinted) {
  am::mock::ServerOptions o;
  o.api_key = "the-only-valid-key";
  am::mock::MockServer server(o);
  std::string error;
  ASSERT_TRUE(server.start(&error)) << error;
  CliRun r = run_cli({"list"}, {"ANTHROPIC_BASE_URL=" + server.base_url(), std::string("ANTHROPIC_API_KEY=") + kKey});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP 401"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(kKey), std::string::npos);
  EXPECT_EQ(r.out.find(kKey), std::string::npos);
}

}  // namespace
