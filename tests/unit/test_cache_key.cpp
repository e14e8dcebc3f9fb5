// The cache's building blocks without a network: the SHA-256 that names
// cache files, and what goes into a cache key.
#include <gtest/gtest.h>

#include <memory>

#include "cache.hpp"
#include "engine.hpp"
#include "sha256.hpp"

namespace am {
namespace {

TEST(Sha256, KnownAnswers) {
  // FIPS 180-4 examples, and lengths around the one- and two-block padding edges.
  EXPECT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha256_hex("abc"));
  EXPECT_EQ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha256_hex(""));
  EXPECT_EQ("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
  EXPECT_EQ("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", sha256_hex(std::string(1000000, 'a')));
  EXPECT_EQ(sha256_hex(std::string(55, 'x')).size(), 64u);
  EXPECT_NE(sha256_hex(std::string(55, 'x')), sha256_hex(std::string(56, 'x')));
}

class CacheKeyTest : public ::testing::Test {
 protected:
  CacheQuery Query(const std::function<void(Options &)> &tweak, bool list_all = true, ListParams p = {},
                   std::string id = "claude-opus-4-6") {
    Options o;
    o.ignore_env = true;
    o.api_key = "sk-ant-api03-secret-key";
    o.cache_ttl_ms = 1000;
    if (tweak) tweak(o);
    auto cfg = std::make_shared<Config>();
    Error err;
    EXPECT_TRUE(resolve_config(o, *cfg, err)) << err.message;
    Cache cache(cfg, std::make_shared<EngineLink>(nullptr));
    CacheQuery q;
    EXPECT_TRUE(cache.query_for(list_all, p, list_all ? nullptr : &id, q));
    return q;
  }
};

TEST_F(CacheKeyTest, HoldsWhatChangesTheAnswerAndNoSecret) {
  CacheQuery base = Query({});
  EXPECT_EQ(std::string::npos, base.key.find("secret")) << "only the credential's digest";
  EXPECT_EQ(64u, base.digest().size());
  EXPECT_EQ(base.key, Query({}).key) << "stable";
  EXPECT_NE(base.key, Query([](Options &o) { o.api_key = "another"; }).key);
  EXPECT_NE(base.key, Query([](Options &o) { o.base_url = "http://127.0.0.1:1"; }).key);
  EXPECT_NE(base.key, Query([](Options &o) { o.api_version = "2099-01-01"; }).key);
  EXPECT_NE(base.key, Query([](Options &o) { o.betas = {"b1"}; }).key);
  EXPECT_NE(base.key, Query([](Options &o) { o.workspace_id = "ws"; }).key);
  EXPECT_NE(base.key, Query([](Options &o) { o.beta_variant = true; }).key);
  ListParams lifecycle;
  lifecycle.lifecycle = {"retired", "active"};
  ListParams reordered;
  reordered.lifecycle = {"active", "retired", "active"};
  EXPECT_NE(base.key, Query({}, true, lifecycle).key);
  EXPECT_EQ(Query({}, true, lifecycle).key, Query({}, true, reordered).key) << "a filter is a set";
  ListParams page_size;
  page_size.limit = 5;
  EXPECT_EQ(base.key, Query({}, true, page_size).key) << "the page size does not change the list";
  CacheQuery get = Query({}, false);
  EXPECT_NE(base.key, get.key);
  EXPECT_EQ(base.scope, get.scope) << "a get may be answered by a listing of its scope";
}

TEST_F(CacheKeyTest, CursorsAreNeverCached) {
  auto cfg = std::make_shared<Config>();
  Options o;
  o.ignore_env = true;
  o.api_key = "k";
  Error err;
  ASSERT_TRUE(resolve_config(o, *cfg, err));
  Cache cache(cfg, std::make_shared<EngineLink>(nullptr));
  ListParams p;
  p.after_id = "x";
  CacheQuery q;
  EXPECT_FALSE(cache.query_for(true, p, nullptr, q));
}

}  // namespace
}  // namespace am
