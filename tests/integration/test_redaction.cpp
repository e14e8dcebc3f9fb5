// Redaction touches diagnostics only: with short credentials (the kind local
// gateways and tests use), every model id, field and JSON byte is exactly the
// server's, and error messages stay readable.
#include "amtest/mock_api_test.hpp"

namespace amtest {
namespace {

constexpr char kUnrelatedKey[] = "sk-ant-api03-unrelated-long-key-0000000000";
const char *const kShortCredentials[] = {"e", "k", "1", "true", "model", "claude", "sk-1234",
                                         "sk-ant-api03-a-realistic-long-key-9f8e7d6c5b4a"};

struct Snapshot {
  std::vector<std::string> list_json;  // every model of list_all, as JSON
  std::vector<std::string> ids;
  std::string get_json;
  std::string not_found_message;
};

class RedactionTest : public MockApiTest {
 protected:
  // Everything the client returns for one credential, sent as a key or a token.
  Snapshot Take(const std::string &credential, bool as_token) {
    auto client = MakeClient([&](am_options *o) {
      if (as_token) {
        EXPECT_EQ(AM_OK, am_options_set_api_key(o, nullptr, nullptr));
        EXPECT_EQ(AM_OK, am_options_set_auth_token(o, credential.c_str(), nullptr));
      } else {
        EXPECT_EQ(AM_OK, am_options_set_api_key(o, credential.c_str(), nullptr));
      }
    });
    Snapshot s;
    auto all = ListAll(client.get());
    EXPECT_TRUE(StatusIs(all.status, all.err.get(), AM_OK));
    if (all.value) {
      for (size_t i = 0; i < am_model_list_count(all.value.get()); ++i) {
        const am_model *m = am_model_list_at(all.value.get(), i);
        s.list_json.push_back(Str(am_model_json(m)));
        s.ids.push_back(Str(am_model_id(m)));
      }
    }
    auto got = Get(client.get(), "claude-haiku-4-5");
    EXPECT_TRUE(StatusIs(got.status, got.err.get(), AM_OK));
    if (got.value) s.get_json = Str(am_model_json(got.value.get()));
    auto missing = Get(client.get(), "no-such-model");
    EXPECT_EQ(missing.status, AM_ERR_NOT_FOUND);
    s.not_found_message = Str(am_error_message(missing.err.get()));
    return s;
  }
};

TEST_F(RedactionTest, ShortCredentialsLeaveServerDataByteIdentical) {
  const Snapshot want = Take(kUnrelatedKey, false);
  ASSERT_GT(want.ids.size(), 10u);
  ASSERT_NE(want.get_json.find("\"id\":\"claude-haiku-4-5-20251001\""), std::string::npos) << want.get_json;
  EXPECT_EQ(want.not_found_message, "model: no-such-model");
  for (const char *cred : kShortCredentials) {
    for (bool as_token : {false, true}) {
      SCOPED_TRACE(std::string(as_token ? "token " : "key ") + cred);
      const Snapshot got = Take(cred, as_token);
      EXPECT_EQ(got.ids, want.ids);
      EXPECT_EQ(got.list_json, want.list_json);
      EXPECT_EQ(got.get_json, want.get_json);
      // "model" is a whole word of this message: the one short key that is scrubbed from it.
      EXPECT_EQ(got.not_found_message,
                std::string(cred) == "model" ? "[redacted]: no-such-model" : "model: no-such-model");
    }
  }
}

TEST_F(RedactionTest, OneLetterKeyKeepsErrorsAndRequestIdsReadable) {
  auto client = MakeClient([](am_options *o) { EXPECT_EQ(AM_OK, am_options_set_api_key(o, "e", nullptr)); });
  AddFault(Respond(529, {{"x-should-retry", "false"}, {"request-id", "req_mock_e_free"}},
                   ErrorBody("overloaded_error", "Overloaded: the server echoes e here")));
  auto r = Get(client.get(), "claude-opus-4-6");
  ASSERT_EQ(r.status, AM_ERR_OVERLOADED);
  EXPECT_EQ(Str(am_error_type(r.err.get())), "overloaded_error");
  EXPECT_EQ(Str(am_error_message(r.err.get())), "Overloaded: the server echoes [redacted] here");
  EXPECT_EQ(Str(am_error_request_id(r.err.get())), "req_mock_e_free");
}

TEST_F(RedactionTest, LongCredentialEchoedInsideATokenIsStillScrubbed) {
  AddFault(Respond(401, {{"x-should-retry", "false"}, {"request-id", std::string("req_") + kApiKey}},
                   ErrorBody("authentication_error", std::string("invalid x-api-key:") + kApiKey + ".")));
  auto r = Get(client_.get(), "claude-opus-4-6");
  ASSERT_EQ(r.status, AM_ERR_AUTHENTICATION);
  ExpectNoSecrets(r.err.get());
  EXPECT_EQ(Str(am_error_message(r.err.get())), "invalid x-api-key:[redacted].");
  EXPECT_EQ(Str(am_error_request_id(r.err.get())), "req_[redacted]");
}

}  // namespace
}  // namespace amtest
