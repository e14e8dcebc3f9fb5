// String helpers: src/text.hpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text.hpp"

using am::check_id;
using am::escape_path_segment;
using am::escape_query_value;
using am::is_http_token;
using am::is_valid_utf8;
using am::percent_decode;

TEST(TextEscape, PathSegmentUnreservedUnchanged) {
  EXPECT_EQ(escape_path_segment("claude-sonnet-4-5"), "claude-sonnet-4-5");
  EXPECT_EQ(escape_path_segment("claude-3-5-sonnet-20241022"), "claude-3-5-sonnet-20241022");
  EXPECT_EQ(escape_path_segment("A.b_c~d"), "A.b_c~d");
  EXPECT_EQ(escape_path_segment(""), "");
}

TEST(TextEscape, PathSegmentReserved) {
  EXPECT_EQ(escape_path_segment("a/b"), "a%2Fb");
  EXPECT_EQ(escape_path_segment("a b"), "a%20b");
  EXPECT_EQ(escape_path_segment("%"), "%25");
  EXPECT_EQ(escape_path_segment("?#[]"), "%3F%23%5B%5D");
  EXPECT_EQ(escape_path_segment("a\\b"), "a%5Cb");
  EXPECT_EQ(escape_path_segment("\"<>"), "%22%3C%3E");
  EXPECT_EQ(escape_path_segment(std::string("a\0b", 3)), "a%00b");
}

TEST(TextEscape, PathSegmentKeepsSubDelimsColonAt) {
  EXPECT_EQ(escape_path_segment("!$&'()*+,;=:@"), "!$&'()*+,;=:@");
}

TEST(TextEscape, PathSegmentUtf8UppercaseHex) {
  EXPECT_EQ(escape_path_segment("\xC3\xA9"), "%C3%A9");          // é
  EXPECT_EQ(escape_path_segment("\xE2\x82\xAC"), "%E2%82%AC");   // €
  EXPECT_EQ(escape_path_segment("\xF0\x9F\x98\x80"), "%F0%9F%98%80");
  EXPECT_EQ(escape_path_segment("\xff"), "%FF");
}

TEST(TextEscape, QueryValue) {
  EXPECT_EQ(escape_query_value("a&b=c"), "a%26b%3Dc");
  EXPECT_EQ(escape_query_value("claude-opus-4-6"), "claude-opus-4-6");
  EXPECT_EQ(escape_query_value("a+b c"), "a%2Bb%20c");
  EXPECT_EQ(escape_query_value("x#y?z/"), "x%23y%3Fz%2F");
  EXPECT_EQ(escape_query_value("!$'()*,;:@"), "%21%24%27%28%29%2A%2C%3B%3A%40");
  EXPECT_EQ(escape_query_value("\xC3\xA9"), "%C3%A9");
}

TEST(TextEscape, PercentDecode) {
  EXPECT_EQ(percent_decode("a%2Fb"), "a/b");
  EXPECT_EQ(percent_decode("%2e%2E"), "..");
  EXPECT_EQ(percent_decode("%41"), "A");
  EXPECT_EQ(percent_decode("x%41"), "xA");
  EXPECT_EQ(percent_decode("%C3%A9"), "\xC3\xA9");
  EXPECT_EQ(percent_decode("%252e"), "%2e");  // one level only
  // Invalid sequences are kept as they are.
  EXPECT_EQ(percent_decode("%"), "%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("a%"), "a%");
  EXPECT_EQ(percent_decode("%zz"), "%zz");
  EXPECT_EQ(percent_decode("%4g"), "%4g");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode(""), "");
  // Round trip.
  std::string s = "a b/c?d#e%f\xC3\xA9";
  EXPECT_EQ(percent_decode(escape_path_segment(s)), s);
  EXPECT_EQ(percent_decode(escape_query_value(s)), s);
}

TEST(TextCheckId, DotSegmentsRejected) {
  for (const char *bad : {".", "..", "%2e", "%2E", "%2E%2e", "%2e%2e", ".%2e", "%2e.", "%252e%252e", "%252E",
                          "%252e."}) {
    EXPECT_NE(check_id(bad, false), "") << bad;
    EXPECT_EQ(check_id(bad, true), "") << bad;  // cursors may be anything printable
  }
}

TEST(TextCheckId, DotsThatAreNotSegmentsAccepted) {
  for (const char *ok : {"...", "a..b", ".a", "a.", "%2e%2e%2e", "claude-opus-4-6", "claude-3.5"})
    EXPECT_EQ(check_id(ok, false), "") << ok;
}

TEST(TextCheckId, EmptyRejected) {
  EXPECT_NE(check_id("", false), "");
  EXPECT_NE(check_id("", true), "");
}

TEST(TextCheckId, Length) {
  EXPECT_EQ(check_id(std::string(512, 'a'), false), "");
  EXPECT_NE(check_id(std::string(513, 'a'), false), "");
  EXPECT_NE(check_id(std::string(513, 'a'), true), "");
  EXPECT_NE(check_id(std::string(100000, 'a'), true), "");
}

TEST(TextCheckId, InvalidUtf8Rejected) {
  for (const char *bad : {"\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xFF", "a\x80", "\xE2\x82", "\xF4\x90\x80\x80"}) {
    EXPECT_NE(check_id(bad, false), "") << bad;
    EXPECT_NE(check_id(bad, true), "") << bad;
  }
}

TEST(TextCheckId, ControlCharsRejected) {
  for (const std::string &bad : {std::string("a\nb"), std::string("a\rb"), std::string("a\x7f"),
                                 std::string("\t"), std::string("a\0b", 3), std::string("\x1b[0m")}) {
    EXPECT_NE(check_id(bad, false), "");
    EXPECT_NE(check_id(bad, true), "");
  }
}

TEST(TextCheckId, ValidUtf8Accepted) {
  EXPECT_EQ(check_id("mod\xC3\xA8le-\xE2\x82\xAC-\xF0\x9F\x98\x80", false), "");
}

TEST(TextUtf8, Valid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9"));               // 2 bytes
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));           // 3 bytes
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));       // 4 bytes
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));       // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBF"));           // U+FFFF
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));               // U+0080
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));   // NUL is valid UTF-8
}

TEST(TextUtf8, Invalid) {
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));           // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));       // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));   // overlong 4-byte
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));       // surrogate
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));       // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));   // > U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));               // lone continuation
  EXPECT_FALSE(is_valid_utf8("\xC3"));               // truncated
  EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));       // truncated
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
  EXPECT_FALSE(is_valid_utf8("\xFE"));
  EXPECT_FALSE(is_valid_utf8("ok\xFF"));
}

TEST(TextHeaders, HttpToken) {
  EXPECT_TRUE(is_http_token("x-custom-header"));
  EXPECT_TRUE(is_http_token("X_Y.Z~!#$%&'*+^`|"));
  EXPECT_TRUE(is_http_token("a1"));
  EXPECT_FALSE(is_http_token(""));
  EXPECT_FALSE(is_http_token("a b"));
  EXPECT_FALSE(is_http_token("a:b"));
  EXPECT_FALSE(is_http_token("a\r\nb"));
  EXPECT_FALSE(is_http_token("a\tb"));
  EXPECT_FALSE(is_http_token("a(b)"));
  EXPECT_FALSE(is_http_token("a\"b"));
  EXPECT_FALSE(is_http_token("a,b"));
  EXPECT_FALSE(is_http_token("a/b"));
  EXPECT_FALSE(is_http_token("\xC3\xA9"));
  EXPECT_FALSE(is_http_token(std::string("a\0b", 3)));
}

TEST(TextControl, HasControlChar) {
  EXPECT_FALSE(am::has_control_char("hello world"));
  EXPECT_FALSE(am::has_control_char("\xC3\xA9"));
  EXPECT_TRUE(am::has_control_char("a\nb"));
  EXPECT_TRUE(am::has_control_char("\x7f"));
  EXPECT_TRUE(am::has_control_char(std::string("\0", 1)));
}

TEST(TextRedact, LongSecretReplacedWherever) {
  const std::string key = "sk-ant-api03-abcdefXYZ";
  std::string t = "key=" + key + " and again " + key + ", req_" + key + key;
  am::redact(t, {key});
  EXPECT_EQ(t, "key=[redacted] and again [redacted], req_[redacted][redacted]");
  EXPECT_EQ(t.find(key), std::string::npos);
}

TEST(TextRedact, ShortSecretOnlyAsWholeToken) {
  std::string t = "error: invalid x-api-key e (e.g. \"e\"), see e";
  am::redact(t, {"e"});
  EXPECT_EQ(t, "error: invalid x-api-key [redacted] (e.g. \"[redacted]\"), see [redacted]");
  std::string u = "model claude-haiku-4-5 not found; key=k&x";
  am::redact(u, {"k", "model", "claude", "4"});
  EXPECT_EQ(u, "[redacted] claude-haiku-4-5 not found; key=[redacted]&x");
  std::string v = "Bearer sk-1234 rejected; sk-12345 is another; xsk-1234";
  am::redact(v, {"sk-1234"});
  EXPECT_EQ(v, "Bearer [redacted] rejected; sk-12345 is another; xsk-1234");
}

TEST(TextRedact, SeveralSecretsAndEmptyIgnored) {
  std::string t = "a=sk-ant-1 b=tok-2 c";
  am::redact(t, {"", "sk-ant-1", "", "tok-2"});
  EXPECT_EQ(t, "a=[redacted] b=[redacted] c");
  std::string u = "nothing to hide";
  am::redact(u, {""});
  EXPECT_EQ(u, "nothing to hide");
  am::redact(u, {});
  EXPECT_EQ(u, "nothing to hide");
}

TEST(TextRedact, SecretInsideReplacementDoesNotLoop) {
  std::string t = "x redacted x";
  am::redact(t, {"redacted"});
  EXPECT_EQ(t, "x [redacted] x");
  std::string u = "redacted-and-more-than-twelve redacted-and-more-than-twelve";
  am::redact(u, {"redacted-and-more-than-twelve"});
  EXPECT_EQ(u, "[redacted] [redacted]");
}

TEST(TextMisc, Iequals) {
  EXPECT_TRUE(am::iequals("Authorization", "AUTHORIZATION"));
  EXPECT_TRUE(am::iequals("", ""));
  EXPECT_FALSE(am::iequals("host", "hosts"));
  EXPECT_FALSE(am::iequals("host", "hist"));
}
