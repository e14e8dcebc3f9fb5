// Running am-models as a user does, for the CLI tests: a separate process
// with exactly the given environment, its stdout and stderr captured through
// pipes, against the fixture's local API server.
#pragma once

#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "amtest/mock_server_test.hpp"
#include "amtest/secrets.hpp"

extern char **environ;

namespace clitest {

using amtest::FreeOfSecrets;
using amtest::kApiKey;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

inline std::string slurp(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}

// Separate: stdout and stderr each to a pipe of its own; merged: both to one
// pipe (CliRun::out), as `2>&1` or a terminal interleaves them.
enum class Streams { kSeparate, kMerged };

// Runs am-models with exactly `env` as its environment.
inline CliRun run_cli(const std::vector<std::string> &args, const std::vector<std::string> &env,
               Streams streams = Streams::kSeparate) {
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return {};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, streams == Streams::kMerged ? out_pipe[1] : err_pipe[1], 2);
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

inline size_t count_lines(const std::string &s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

inline size_t count_of(const std::string &s, const std::string &what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

// The last line of s (s ends with a newline).
inline std::string last_line(const std::string &s) {
  size_t start = s.size() < 2 ? 0 : s.rfind('\n', s.size() - 2);
  return s.substr(start == std::string::npos ? 0 : start + 1);
}

class Cli : public amtest::MockServerTest {
 protected:
  std::vector<std::string> env(bool with_key = true) const {
    std::vector<std::string> e{"ANTHROPIC_BASE_URL=" + server_->base_url(), "PATH=/usr/bin:/bin"};
    if (with_key) e.push_back(std::string("ANTHROPIC_API_KEY=") + kApiKey);
    return e;
  }
  CliRun cli(const std::vector<std::string> &args) { return run_cli(args, env()); }
  // Every response of the CLI must keep the credential out of its output.
  static void expect_no_secret(const CliRun &r) {
    EXPECT_TRUE(FreeOfSecrets(r.out));
    EXPECT_TRUE(FreeOfSecrets(r.err));
  }
};

}  // namespace clitest
