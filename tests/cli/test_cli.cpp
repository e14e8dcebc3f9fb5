// am-models as a user runs it: a separate process, environment-only
// credentials, output and exit status checked against the local API server.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "amtest/faults.hpp"
#include "anthropic_models.h"
#include "cli_run.hpp"

namespace clitest {
namespace {

using amtest::Act;
using amtest::Fault;
using amtest::MockServer;
using amtest::NeverAnswer;
using amtest::RefusedUrl;
using amtest::Respond;
using amtest::RetryAfterMs;
using amtest::ServerOptions;
using amtest::Started;

// The first run of three words (split at blanks and colons) that occurs twice
// in `line`, or "" when none does: an error line must not say things twice.
std::string repeated_phrase(const std::string &line) {
  std::vector<std::string> words;
  std::string w;
  std::istringstream in(line);
  while (in >> w) {
    while (!w.empty() && w.back() == ':') w.pop_back();
    if (!w.empty()) words.push_back(w);
  }
  std::set<std::string> seen;
  for (size_t i = 0; i + 3 <= words.size(); ++i) {
    std::string phrase = words[i] + " " + words[i + 1] + " " + words[i + 2];
    if (!seen.insert(phrase).second) return phrase;
  }
  return "";
}

// A failure as the CLI must report it: exit status 1 and one line on stderr
// that starts with `start`, names the status (`status_name`) once and says
// nothing twice.
void expect_one_clear_error_line(const CliRun &r, const std::string &start, const std::string &status_name) {
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.rfind(start, 0), 0u) << r.err;
  EXPECT_EQ(count_of(r.err, status_name), 1u) << r.err;
  EXPECT_EQ(repeated_phrase(r.err), "") << r.err;
}

TEST_F(Cli, VersionAndHelp) {
  CliRun v = cli({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, std::string("am-models ") + AM_VERSION_STRING + "\n");
  CliRun h = cli({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("supports MODEL CAPABILITY_PATH"), std::string::npos);
  EXPECT_EQ(server_->request_count(), 0u);
}

TEST_F(Cli, HelpDocumentsTimeoutDeadlineAndExitStatuses) {
  CliRun h = cli({"--help"});
  ASSERT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--timeout SECONDS   time limit per attempt"), std::string::npos) << h.out;
  EXPECT_NE(h.out.find("--deadline SECONDS  time limit for the whole command"), std::string::npos) << h.out;
  for (const char *status : {"\n  0  success; supports: yes\n", "\n  1  API, network or decode failure",
                             "\n  2  nothing was sent", "\n  3  supports: no\n", "\n  4  supports: unknown"})
    EXPECT_NE(h.out.find(status), std::string::npos) << status;
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
  ASSERT_EQ(server_->log().size(), 1u);
  EXPECT_EQ(server_->log()[0].query, "limit=3");
  expect_no_secret(r);
}

TEST_F(Cli, ListHintComesAfterTheTableOnASharedStream) {
  CliRun r = run_cli({"list", "--limit", "2"}, env(), Streams::kMerged);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  ASSERT_EQ(count_lines(r.out), 4u) << r.out;  // header, 2 rows, then the hint
  EXPECT_EQ(r.out.rfind("ID", 0), 0u) << r.out;
  EXPECT_EQ(last_line(r.out), "(more results: --after-id claude-opus-4-5-20251101)\n") << r.out;
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

TEST_F(Cli, GetPrintsEveryReportedCapabilityNewerOnesIncluded) {
  CliRun r = cli({"get", "claude-opus-4-6"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Not a capability this release knows: printed as the server reported it.
  EXPECT_NE(r.out.find("\n  future_capability: yes\n"), std::string::npos) << r.out;
  // Members below their group; "types" has no value of its own, only members.
  EXPECT_NE(r.out.find("\n  thinking: yes\n    types:\n      adaptive: yes\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n  effort: yes\n    high: yes\n"), std::string::npos) << r.out;
  CliRun old = cli({"get", "claude-3-haiku-20240307"});  // the old shape, without capabilities
  ASSERT_EQ(old.exit_code, 0) << old.err;
  EXPECT_NE(old.out.find("\ncapabilities: unknown (the server reported none)\n"), std::string::npos) << old.out;
  EXPECT_EQ(old.out.find("batch:"), std::string::npos) << old.out;
}

struct SupportsCase {
  std::string model, path, out;
  int exit_code;
  std::string note;  // expected on stderr; "" for none
};

TEST_F(Cli, SupportsExitStatusTellsYesNoUnknown) {
  const SupportsCase cases[] = {
      {"claude-opus-4-6", "effort.xhigh", "yes\n", 0, ""},
      {"claude-opus-4-6", "future_capability", "yes\n", 0, ""},
      {"claude-3-5-haiku-20241022", "effort", "no\n", 3, ""},
      // A group without a value of its own: the server did not say, no typo.
      {"claude-opus-4-6", "thinking.types", "unknown\n", 4, ""},
      {"claude-3-haiku-20240307", "thinking", "unknown\n", 4,
       "am-models: the server reported no capabilities for claude-3-haiku-20240307\n"},
      {"claude-opus-4-6", "effort.xhihg", "unknown\n", 4,
       "am-models: the server reported no capability 'effort.xhihg' for claude-opus-4-6 (a typo? 'get MODEL' "
       "lists them)\n"},
      {"claude-opus-4-6", "thinking.type", "unknown\n", 4,
       "am-models: the server reported no capability 'thinking.type' for claude-opus-4-6 (a typo? 'get MODEL' "
       "lists them)\n"},
  };
  for (const SupportsCase &c : cases) {
    SCOPED_TRACE(c.model + " " + c.path);
    CliRun r = cli({"supports", c.model, c.path});
    EXPECT_EQ(r.exit_code, c.exit_code);
    EXPECT_EQ(r.out, c.out);
    EXPECT_EQ(r.err, c.note);
  }
  // 1 and 2 keep their meaning.
  EXPECT_EQ(cli({"supports", "no-such-model", "effort"}).exit_code, 1);
  EXPECT_EQ(cli({"supports", "claude-opus-4-6", ""}).exit_code, 2);
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
  EXPECT_EQ(r.err.find("attempts"), std::string::npos) << r.err;  // there was only one
  expect_no_secret(r);
}

TEST_F(Cli, ServerErrorsAreRetriedThenReported) {
  server_->add_fault(Respond(503, {RetryAfterMs(1)}, "", -1));
  CliRun r = cli({"--max-retries", "1", "list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP 503"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" (2 attempts) [request-id: "), std::string::npos) << r.err;
  EXPECT_EQ(server_->request_count(), 2u);
}

TEST_F(Cli, TimeoutIsPerAttemptAndTheErrorCountsAttempts) {
  server_->add_fault(NeverAnswer(-1));
  CliRun r = cli({"--timeout", "0.1", "--max-retries", "2", "get", "claude-opus-4-6"});
  expect_one_clear_error_line(r, "am-models: error: timeout: ", "timeout");
  EXPECT_NE(r.err.find(" (3 attempts)\n"), std::string::npos) << r.err;
  EXPECT_EQ(server_->request_count(), 3u);  // each attempt had its own 0.1 s
}

TEST_F(Cli, DeadlineBoundsTheWholeCommand) {
  server_->add_fault(NeverAnswer(-1));
  // Without the deadline this would end with the 2 s attempt timeout.
  CliRun r = cli({"--timeout", "2", "--max-retries", "0", "--deadline", "0.2", "list"});
  expect_one_clear_error_line(r, "am-models: error: timeout: ", "timeout");
  EXPECT_NE(r.err.find("deadline"), std::string::npos) << r.err;
  EXPECT_EQ(server_->request_count(), 1u);
}

TEST_F(Cli, DecodeFailureSaysDecodeOnce) {
  server_->add_fault(Act(Fault::Action::Malformed));
  CliRun r = cli({"get", "claude-opus-4-6"});
  expect_one_clear_error_line(r, "am-models: error: decode (HTTP 200): malformed JSON at offset ", "decode");
}

TEST(CliErrors, ConnectionFailureIsOneLineWithoutRepetition) {
  const std::string url = RefusedUrl();
  CliRun r = run_cli({"--max-retries", "0", "list"}, {"ANTHROPIC_BASE_URL=" + url, std::string("ANTHROPIC_API_KEY=") + kApiKey});
  expect_one_clear_error_line(r, "am-models: error: connection: ", "connection");
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
      {"--deadline", "0", "list"},
      {"--deadline", "soon", "list"},
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
  EXPECT_EQ(server_->request_count(), 0u);
}

TEST_F(Cli, MissingCredentialFailsBeforeSendingAndNamesTheVariables) {
  std::vector<std::string> empty_key = env(false);
  empty_key.push_back("ANTHROPIC_API_KEY=");  // an empty variable counts as unset
  for (const auto &environment : {env(false), empty_key}) {
    CliRun r = run_cli({"list"}, environment);
    EXPECT_EQ(r.exit_code, 2);  // nothing was sent, like a usage error
    EXPECT_EQ(r.err, "am-models: error: no credentials: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN\n");
  }
  EXPECT_EQ(server_->request_count(), 0u);
}

TEST(CliAuth, RejectedKeyNeverPrinted) {
  ServerOptions o = amtest::TestServerOptions();
  o.api_key = "the-only-valid-key";
  MockServer server(o);
  ASSERT_TRUE(Started(server));
  CliRun r = run_cli({"list"}, {"ANTHROPIC_BASE_URL=" + server.base_url(), std::string("ANTHROPIC_API_KEY=") + kApiKey});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("HTTP 401"), std::string::npos) << r.err;
  EXPECT_TRUE(FreeOfSecrets(r.err));
  EXPECT_TRUE(FreeOfSecrets(r.out));
}

}  // namespace

// Short keys (a local gateway's, a test's) never change what the CLI prints of
// the server's data: the same bytes as with an unrelated long key.
TEST_F(Cli, ShortKeysLeaveModelOutputByteIdentical) {
  auto with_key = [&](const std::string &key, const std::vector<std::string> &args) {
    return run_cli(args, {"ANTHROPIC_BASE_URL=" + server_->base_url(), "PATH=/usr/bin:/bin",
                          "ANTHROPIC_API_KEY=" + key});
  };
  const std::vector<std::vector<std::string>> commands = {
      {"get", "claude-haiku-4-5", "--json"}, {"list", "--all", "--json"}, {"list", "--all"}, {"get", "claude-opus-4-6"}};
  for (const auto &args : commands) {
    const CliRun want = with_key("sk-ant-api03-unrelated-long-key-0000000000", args);
    ASSERT_EQ(want.exit_code, 0) << want.err;
    for (const char *key : {"e", "k", "1", "true", "model", "claude", "sk-1234"}) {
      SCOPED_TRACE(std::string("key ") + key + ", " + args[0] + " " + args[1]);
      const CliRun got = with_key(key, args);
      EXPECT_EQ(got.exit_code, 0) << got.err;
      EXPECT_EQ(got.out, want.out);
    }
  }
  // A one-letter key keeps an error line readable.
  const CliRun missing = with_key("e", {"get", "no-such-model"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("model: no-such-model"), std::string::npos) << missing.err;
  EXPECT_EQ(missing.err.find("[redacted]"), std::string::npos) << missing.err;
}

}  // namespace clitest
