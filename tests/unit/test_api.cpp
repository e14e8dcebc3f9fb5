// The Models API's rules as pure functions (src/api.cpp): URLs from the
// configuration and parameters, errors and request ids from responses.
#include <gtest/gtest.h>

#include "api.hpp"

namespace {

am::Config MakeConfig(bool beta_variant = false) {
  am::Config c;
  c.base_url = "http://127.0.0.1:8080";
  c.api_version = "2023-06-01";
  c.options.api_key = "sk-ant-api03-unit-test-key-000";
  c.options.beta_variant = beta_variant;
  c.options.deadline_ms = 1500;
  c.secrets = {"sk-ant-api03-unit-test-key-000"};
  return c;
}

am::HttpResponse Http(int status, std::string body, std::string content_type = "application/json") {
  am::HttpResponse r;
  r.http_status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

TEST(ApiUrl, ListWithoutParametersIsBare) {
  EXPECT_EQ(am::list_url(MakeConfig(), am::ListParams{}, nullptr, nullptr), "http://127.0.0.1:8080/v1/models");
}

TEST(ApiUrl, ListCarriesEveryParameterEscaped) {
  am::ListParams p;
  p.limit = 50;
  p.lifecycle = {"active", "de precated"};
  p.beta = true;
  std::string after = "claude&x=1";
  EXPECT_EQ(am::list_url(MakeConfig(), p, &after, nullptr),
            "http://127.0.0.1:8080/v1/models?beta=true&limit=50&after_id=claude%26x%3D1"
            "&lifecycle[]=active&lifecycle[]=de%20precated");
  std::string before = "m1";
  EXPECT_EQ(am::list_url(MakeConfig(true), am::ListParams{}, nullptr, &before),
            "http://127.0.0.1:8080/v1/models?beta=true&before_id=m1");
}

TEST(ApiUrl, GetEscapesTheIdAsOnePathSegment) {
  EXPECT_EQ(am::get_url(MakeConfig(), "claude-sonnet-4-5"), "http://127.0.0.1:8080/v1/models/claude-sonnet-4-5");
  EXPECT_EQ(am::get_url(MakeConfig(), "a/b?c#d e"), "http://127.0.0.1:8080/v1/models/a%2Fb%3Fc%23d%20e");
  EXPECT_EQ(am::get_url(MakeConfig(true), "x"), "http://127.0.0.1:8080/v1/models/x?beta=true");
}

TEST(ApiError, FromTheApisErrorBody) {
  am::HttpResponse r = Http(404, R"({"type":"error","error":{"type":"not_found_error","message":"model: x"}})");
  r.request_id = "req_1";
  r.has_request_id = true;
  am::Error e = am::error_from(MakeConfig(), r, 1000, false);
  EXPECT_EQ(e.status, AM_ERR_NOT_FOUND);
  EXPECT_EQ(e.http_status, 404);
  EXPECT_EQ(e.type.value_or(""), "not_found_error");
  EXPECT_EQ(e.message, "model: x");
  EXPECT_EQ(e.request_id.value_or(""), "req_1");
}

TEST(ApiError, WithoutAnApiBodyTheMessageSaysWhatCame) {
  EXPECT_EQ(am::error_from(MakeConfig(), Http(503, ""), 0, false).message, "HTTP 503 with an empty body");
  EXPECT_EQ(am::error_from(MakeConfig(), Http(502, "<html>", "text/html"), 0, false).message,
            "HTTP 502 with a non-JSON error body (text/html, 6 bytes)");
  am::Error redirect = am::error_from(MakeConfig(), Http(302, ""), 0, false);
  EXPECT_EQ(redirect.status, AM_ERR_HTTP);
  EXPECT_NE(redirect.message.find("redirects are never followed"), std::string::npos) << redirect.message;
}

TEST(ApiError, TimeoutsNameTheLimitThatStruck) {
  am::HttpResponse r;
  r.transport_failed = true;
  r.transport_status = AM_ERR_TIMEOUT;
  r.timed_out = true;
  EXPECT_EQ(am::error_from(MakeConfig(), r, 250, false).message, "request timed out after 250 ms");
  EXPECT_EQ(am::error_from(MakeConfig(), r, 250, true).message, "overall deadline of 1500 ms exceeded");
  r.timed_out = false;
  r.transport_status = AM_ERR_CONNECTION;
  r.transport_message = "Connection refused";
  am::Error e = am::error_from(MakeConfig(), r, 250, false);
  EXPECT_EQ(e.status, AM_ERR_CONNECTION);
  EXPECT_EQ(e.message, "Connection refused");
}

TEST(ApiError, EchoedCredentialsAreScrubbed) {
  am::HttpResponse r = Http(
      401, R"({"type":"error","error":{"type":"authentication_error","message":"bad key sk-ant-api03-unit-test-key-000"}})");
  r.request_id = "req_sk-ant-api03-unit-test-key-000";
  r.has_request_id = true;
  am::Error e = am::error_from(MakeConfig(), r, 0, false);
  EXPECT_EQ(e.message, "bad key [redacted]");
  EXPECT_EQ(e.request_id.value_or(""), "req_[redacted]");
}

TEST(ApiRequestId, UnprintableOrAbsentIsNone) {
  am::HttpResponse r;
  EXPECT_FALSE(am::request_id_of(MakeConfig(), r).has_value());
  r.has_request_id = true;
  r.request_id = "req\n2";
  EXPECT_FALSE(am::request_id_of(MakeConfig(), r).has_value());
  r.request_id = "req_\xff";
  EXPECT_FALSE(am::request_id_of(MakeConfig(), r).has_value());
  r.request_id = "req_ok";
  EXPECT_EQ(am::request_id_of(MakeConfig(), r).value_or(""), "req_ok");
}

}  // namespace
