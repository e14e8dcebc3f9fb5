// am-models' cache options (--cache-dir, --cache-ttl, --offline) and list
// selection (--supports, --line, --retiring-before, --newest): each flag and
// their composition against the catalog, refusals before anything is sent,
// offline with nothing cached, the stale note with the server gone, and the
// order of the notes and the table on one pipe.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "amtest/catalog_oracle.hpp"
#include "amtest/temp_dir.hpp"
#include "cli_run.hpp"

namespace clitest {
namespace {

using amtest::CatalogModel;
using amtest::CatalogSupport;
using amtest::ExpectedIds;
using amtest::TempDir;

std::string Field(const rapidjson::Value &m, const char *name) {
  auto it = m.FindMember(name);
  return it != m.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// The catalog's ids in list order (the default listing: active and
// deprecated, or the given stages) that satisfy keep.
template <typename Keep>
std::vector<std::string> CatalogIds(Keep keep, std::vector<std::string> stages = {"active", "deprecated"}) {
  std::vector<std::string> out;
  for (const std::string &id : ExpectedIds(0, stages))
    if (keep(*CatalogModel(id))) out.push_back(id);
  return out;
}

// The ids of `list --json` output, in order; the JSON must be a whole page.
std::vector<std::string> JsonIds(const CliRun &r) {
  rapidjson::Document d;
  d.Parse(r.out.c_str());
  std::vector<std::string> ids;
  if (d.HasParseError() || !d.IsObject() || !d["data"].IsArray()) {
    ADD_FAILURE() << "not a page of models: " << r.out;
    return ids;
  }
  for (auto &m : d["data"].GetArray()) ids.emplace_back(m["id"].GetString());
  EXPECT_FALSE(d["has_more"].GetBool());
  if (!ids.empty()) {
    EXPECT_EQ(ids.front(), d["first_id"].GetString());
    EXPECT_EQ(ids.back(), d["last_id"].GetString());
  } else {
    EXPECT_TRUE(d["first_id"].IsNull());
  }
  return ids;
}

// The first column of a table's rows (after the header).
std::vector<std::string> TableIds(const std::string &table) {
  std::vector<std::string> ids;
  std::istringstream in(table);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.rfind("ID ", 0), 0u) << table;
  while (std::getline(in, line)) ids.push_back(line.substr(0, line.find(' ')));
  return ids;
}

class CliCache : public Cli {
 protected:
  // The one cache file a listing left in `dir`.
  static std::string CacheFile(const TempDir &dir) {
    auto files = dir.Files();
    EXPECT_EQ(files.size(), 1u);
    return files.empty() ? "" : dir.Path(files[0]);
  }
};

// ---------------------------------------------------------------- selection

TEST_F(CliCache, HelpDocumentsTheCacheAndSelectionOptions) {
  CliRun h = cli({"--help"});
  ASSERT_EQ(h.exit_code, 0);
  for (const char *text : {"--cache-dir DIR", "--cache-ttl SECONDS", "--offline", "--supports PATHS",
                           "--line LINE", "--retiring-before DATE", "--newest", "(stale: cached 3 h 12 min ago",
                           "implies --all", "--offline and nothing cached"})
    EXPECT_NE(h.out.find(text), std::string::npos) << text;
}

TEST_F(CliCache, SupportsKeepsModelsWithEveryPathYes) {
  auto yes_for = [](std::vector<std::string> paths) {
    return CatalogIds([&](const rapidjson::Value &m) {
      for (auto &p : paths)
        if (CatalogSupport(m, p) != AM_SUPPORT_YES) return false;
      return true;
    });
  };
  const auto both = yes_for({"image_input", "thinking.types.adaptive"});
  ASSERT_FALSE(both.empty());
  EXPECT_EQ(JsonIds(cli({"list", "--supports", "image_input,thinking.types.adaptive", "--json"})), both);
  EXPECT_EQ(JsonIds(cli({"list", "--supports", "image_input", "--supports=thinking.types.adaptive", "--json"})), both);

  // Models listed without capabilities never match (unknown is not yes).
  const auto images = yes_for({"image_input"});
  CliRun r = cli({"list", "--supports", "image_input"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(TableIds(r.out), images);
  EXPECT_LT(images.size(), ExpectedIds(0).size());
  EXPECT_EQ(r.err, "");
}

TEST_F(CliCache, SelectionFetchesEveryPageAndPrintsNoHint) {
  CliRun r = cli({"list", "--limit", "2", "--line", "opus"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto opus = CatalogIds([](const rapidjson::Value &m) { return Field(m, "line") == "opus"; });
  EXPECT_EQ(TableIds(r.out), opus);
  EXPECT_EQ(r.err, "") << "every page was fetched: no 'more results' hint";
  EXPECT_EQ(server_->request_count(), (ExpectedIds(0).size() + 1) / 2) << "pages of 2";
}

TEST_F(CliCache, LineAndNewest) {
  for (const char *line : {"opus", "sonnet", "haiku"}) {
    SCOPED_TRACE(line);
    const auto ids = CatalogIds([&](const rapidjson::Value &m) { return Field(m, "line") == line; });
    ASSERT_FALSE(ids.empty());
    EXPECT_EQ(JsonIds(cli({"list", "--line", line, "--json"})), ids);
    // Newest first, so the newest of a line is its first model.
    EXPECT_EQ(JsonIds(cli({"list", "--line", line, "--newest", "--json"})), std::vector<std::string>{ids[0]});
  }
  CliRun newest = cli({"list", "--newest"});
  ASSERT_EQ(newest.exit_code, 0) << newest.err;
  EXPECT_EQ(TableIds(newest.out), std::vector<std::string>{"claude-opus-4-6"});
  EXPECT_EQ(TableIds(cli({"list", "--line", "sonnet", "--newest"}).out),
            std::vector<std::string>{"claude-sonnet-4-5-20250929"});
  EXPECT_EQ(TableIds(cli({"list", "--newest", "--line", "haiku"}).out),
            std::vector<std::string>{"claude-haiku-4-5-20251001"});
}

TEST_F(CliCache, RetiringBeforeTakesDatesAndRfc3339Times) {
  auto before = [](const std::string &t) {
    return CatalogIds([&](const rapidjson::Value &m) {
      std::string r = Field(m, "retires_at");
      return !r.empty() && r < t;
    });
  };
  // Two listed models retire at 2026-02-19T00:00:00Z, one in May 2026.
  const auto feb = before("2026-02-19T00:00:01");
  ASSERT_EQ(feb.size(), 2u);
  ASSERT_EQ(before("2026-12-31").size(), 3u);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"2026-03-01", feb},
      {"2026-02-19", {}},                        // midnight UTC: strictly before
      {"2026-02-19T00:00:00Z", {}},
      {"2026-02-19T00:00:00.5Z", feb},           // a fraction counts
      {"2026-02-19t00:00:01z", feb},             // RFC 3339 allows lower case
      {"2026-02-19T01:00:00+02:00", {}},         // 2026-02-18T23:00Z
      {"2026-02-18T23:00:00-02:00", feb},        // 2026-02-19T01:00Z
      {"2026-12-31", before("2026-12-31")},
  };
  for (const auto &[date, ids] : cases)
    EXPECT_EQ(JsonIds(cli({"list", "--retiring-before", date, "--json"})), ids) << date;
}

TEST_F(CliCache, SelectionFlagsCombine) {
  EXPECT_EQ(JsonIds(cli({"list", "--line", "sonnet", "--supports", "image_input", "--retiring-before", "2026-03-01",
                         "--json"})),
            std::vector<std::string>{"claude-3-7-sonnet-20250219"});
  EXPECT_EQ(JsonIds(cli({"list", "--lifecycle", "retired", "--line", "opus", "--retiring-before", "2026-03-01",
                         "--json"})),
            std::vector<std::string>{"claude-3-opus-20240229"});
  // --newest picks among what the others kept, not the newest overall.
  EXPECT_EQ(JsonIds(cli({"list", "--retiring-before", "2026-12-31", "--newest", "--json"})),
            std::vector<std::string>{"claude-opus-4-20250514"});

  CliRun none = cli({"list", "--line", "opus", "--retiring-before", "2026-03-01"});
  EXPECT_EQ(none.exit_code, 0) << "an empty selection is an answer";
  EXPECT_EQ(TableIds(none.out), std::vector<std::string>{});
  EXPECT_EQ(none.err, "(no model matches the selection)\n");
  CliRun none_json = cli({"list", "--line", "gpt", "--newest", "--json"});
  EXPECT_EQ(JsonIds(none_json), std::vector<std::string>{});
  EXPECT_EQ(none_json.err, "");
}

// ---------------------------------------------------------------- refusals

TEST_F(CliCache, BadValuesAreUsageErrorsThatSendNothing) {
  TempDir dir;
  const std::string file = dir.path() + "/not-a-directory";
  std::ofstream(file) << "x";
  struct Bad {
    std::vector<std::string> args;
    std::string says;  // part of the one error line
  };
  const std::vector<Bad> bad = {
      {{"--cache-dir", dir.path(), "--cache-ttl", "-1", "list", "--all"}, "--cache-ttl must be a number of seconds"},
      {{"--cache-dir", dir.path(), "--cache-ttl", "2592001", "list", "--all"}, "--cache-ttl"},
      {{"--cache-dir", dir.path(), "--cache-ttl", "an hour", "list", "--all"}, "--cache-ttl"},
      {{"--cache-ttl", "60", "list", "--all"}, "--cache-ttl needs --cache-dir"},
      {{"--offline", "list", "--all"}, "--offline needs --cache-dir"},
      {{"--cache-dir", dir.path(), "--offline", "list"}, "add --all or a selection"},
      {{"--cache-dir", dir.path(), "--offline", "list", "--all", "--after-id", "x"}, "never cached"},
      {{"--cache-dir", "", "list", "--all"}, "--cache-dir needs a non-empty value"},
      {{"--cache-dir", file, "list", "--all"}, "invalid_argument"},
      {{"list", "--retiring-before", "tomorrow"}, "--retiring-before must be a date, YYYY-MM-DD or RFC 3339"},
      {{"list", "--retiring-before", "2026-02-30"}, "got '2026-02-30'"},
      {{"list", "--retiring-before", "2026-13-01"}, "--retiring-before"},
      {{"list", "--retiring-before", "2026-3-1"}, "--retiring-before"},
      {{"list", "--retiring-before", "2026-03-01T25:00:00Z"}, "--retiring-before"},
      {{"list", "--retiring-before", "2026-03-01T12:00:00"}, "--retiring-before"},  // no offset
      {{"list", "--retiring-before", "2026-03-01T12:00Z"}, "--retiring-before"},
      {{"list", "--retiring-before", "2026-03-01Z"}, "--retiring-before"},
      {{"list", "--supports", "thinking..types"}, "'thinking..types' is not a capability path"},
      {{"list", "--supports", ".image_input"}, "not a capability path"},
      {{"list", "--supports", "image input"}, "not a capability path"},
      {{"list", "--supports", "image_input,"}, "'' is not a capability path"},
      {{"list", "--supports", "image_input,,effort"}, "not a capability path"},
      {{"list", "--line"}, "--line needs a non-empty value"},
      {{"get", "claude-opus-4-6", "--newest"}, "unknown option '--newest'"},
  };
  for (const Bad &b : bad) {
    std::string joined;
    for (const auto &a : b.args) joined += a + " ";
    SCOPED_TRACE(joined);
    CliRun r = cli(b.args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(b.says), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(server_->request_count(), 0u);
}

// ---------------------------------------------------------------- the cache

TEST_F(CliCache, OfflineWithNothingCachedSaysSoAndSendsNothing) {
  TempDir dir;
  CliRun list = cli({"--cache-dir", dir.path(), "--offline", "list", "--all"});
  EXPECT_EQ(list.exit_code, 2) << "nothing was sent";
  EXPECT_EQ(list.out, "");
  EXPECT_EQ(list.err,
            "am-models: error: not_cached: offline: no listing is cached for these parameters "
            "(run once without --offline to fill the cache)\n");
  CliRun get = cli({"--cache-dir", dir.path(), "--offline", "get", "claude-opus-4-6"});
  EXPECT_EQ(get.exit_code, 2);
  EXPECT_EQ(get.err.rfind("am-models: error: not_cached: offline: model 'claude-opus-4-6' is not cached", 0), 0u)
      << get.err;
  EXPECT_EQ(server_->request_count(), 0u);
}

TEST_F(CliCache, AFreshDiskListingAnswersLaterCommandsWithoutARequest) {
  TempDir dir;
  CliRun fill = cli({"--cache-dir", dir.path(), "--cache-ttl", "3600", "list", "--all", "--json"});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  ASSERT_EQ(server_->request_count(), 1u);
  ASSERT_EQ(dir.Files().size(), 1u);

  CliRun again = cli({"--cache-dir", dir.path(), "--cache-ttl", "3600", "list", "--all", "--json"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, fill.out);
  EXPECT_EQ(again.err, "") << "fresh: no stale note";
  CliRun opus = cli({"--cache-dir", dir.path(), "--cache-ttl", "3600", "list", "--line", "opus", "--newest"});
  EXPECT_EQ(TableIds(opus.out), std::vector<std::string>{"claude-opus-4-6"});
  CliRun offline_get = cli({"--cache-dir", dir.path(), "--offline", "supports", "claude-opus-4-6", "effort.xhigh"});
  EXPECT_EQ(offline_get.exit_code, 0) << offline_get.err;
  EXPECT_EQ(offline_get.out, "yes\n");
  EXPECT_EQ(server_->request_count(), 1u) << "every later answer came from the disk";

  // Without a TTL the directory is only the fallback: every command fetches.
  EXPECT_EQ(cli({"--cache-dir", dir.path(), "list", "--all"}).exit_code, 0);
  EXPECT_EQ(server_->request_count(), 2u);
  expect_no_secret(again);
}

TEST_F(CliCache, WithTheServerGoneTheCachedListingIsMarkedStaleWithItsAge) {
  TempDir dir;
  CliRun fresh = cli({"--cache-dir", dir.path(), "list", "--all"});
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  CliRun fresh_json = cli({"--cache-dir", dir.path(), "list", "--all", "--json"});
  ASSERT_EQ(fresh_json.exit_code, 0) << fresh_json.err;
  server_->stop();

  const std::regex note(R"(\(stale: cached \d+ s ago; the refresh failed\)\n)");
  CliRun stale = cli({"--max-retries", "0", "--cache-dir", dir.path(), "list", "--all"});
  EXPECT_EQ(stale.exit_code, 0) << stale.err;
  EXPECT_EQ(stale.out, fresh.out) << "the same table, from the disk";
  EXPECT_TRUE(std::regex_match(stale.err, note)) << stale.err;
  // JSON keeps its shape: the note goes to stderr only.
  CliRun stale_json = cli({"--max-retries", "0", "--cache-dir", dir.path(), "list", "--all", "--json"});
  EXPECT_EQ(stale_json.exit_code, 0) << stale_json.err;
  EXPECT_EQ(stale_json.out, fresh_json.out);
  EXPECT_TRUE(std::regex_match(stale_json.err, note)) << stale_json.err;
  // Offline, past the TTL (0 here), says why differently.
  CliRun offline = cli({"--cache-dir", dir.path(), "--offline", "list", "--line", "opus"});
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_TRUE(std::regex_match(offline.err, std::regex(R"(\(stale: cached \d+ s ago; offline\)\n)"))) << offline.err;
  // Without a cache the failure is reported as ever.
  CliRun uncached = cli({"--max-retries", "0", "list", "--all"});
  EXPECT_EQ(uncached.exit_code, 1);
  EXPECT_EQ(uncached.err.rfind("am-models: error: connection: ", 0), 0u) << uncached.err;
  server_.reset();
}

TEST_F(CliCache, TheStaleNoteTellsHoursAndMinutes) {
  TempDir dir;
  ASSERT_EQ(cli({"--cache-dir", dir.path(), "list", "--all"}).exit_code, 0);
  // Move the listing 3 h 12 min (and 30 s) into the past: rewrite the time the
  // file says it was fetched at.
  const std::string path = CacheFile(dir);
  std::ifstream in(path);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::smatch m;
  ASSERT_TRUE(std::regex_search(body, m, std::regex(R"("fetched_at_ms":(\d+))"))) << body.substr(0, 200);
  const long long back = (3 * 3600 + 12 * 60 + 30) * 1000LL;
  body.replace(static_cast<size_t>(m.position(1)), static_cast<size_t>(m.length(1)),
               std::to_string(std::stoll(m[1].str()) - back));
  std::ofstream(path, std::ios::trunc) << body;

  server_->stop();
  CliRun stale = cli({"--max-retries", "0", "--cache-dir", dir.path(), "list", "--all"});
  EXPECT_EQ(stale.exit_code, 0) << stale.err;
  EXPECT_EQ(stale.err, "(stale: cached 3 h 12 min ago; the refresh failed)\n");
  server_.reset();
}

// ---------------------------------------------------------------- stream order

TEST_F(CliCache, OnOnePipeTheStaleNoteLeadsAndTheHintFollowsTheTable) {
  TempDir dir;
  ASSERT_EQ(cli({"--cache-dir", dir.path(), "list", "--all"}).exit_code, 0);
  // The hint: stdout is a pipe (fully buffered), so the table is flushed first.
  CliRun page = run_cli({"list", "--limit", "5"}, env(), Streams::kMerged);
  ASSERT_EQ(page.exit_code, 0) << page.out;
  ASSERT_EQ(count_lines(page.out), 7u) << page.out;  // header, 5 rows, the hint
  EXPECT_EQ(page.out.rfind("ID ", 0), 0u) << page.out;
  EXPECT_EQ(last_line(page.out).rfind("(more results: --after-id ", 0), 0u) << page.out;

  server_->stop();
  CliRun stale = run_cli({"--max-retries", "0", "--cache-dir", dir.path(), "list", "--all"}, env(), Streams::kMerged);
  ASSERT_EQ(stale.exit_code, 0) << stale.out;
  EXPECT_EQ(stale.out.rfind("(stale: cached ", 0), 0u) << stale.out;
  EXPECT_EQ(count_of(stale.out, "(stale"), 1u);
  EXPECT_EQ(stale.out.find("\nID "), stale.out.find('\n')) << "the table follows the note";
  server_.reset();
}

}  // namespace
}  // namespace clitest
