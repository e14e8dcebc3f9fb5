// String helpers of the mock server: case, whitespace, percent-decoding, JSON
// string escaping, strict integers and query strings.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace am {
namespace mock {
namespace detail {

std::string lower(std::string s);
std::string trim(const std::string& s);
bool starts_with(const std::string& s, const std::string& p);
bool iequals(const std::string& a, const std::string& b);

// Percent-decodes; malformed escapes are kept literally.
std::string pct_decode(const std::string& s, bool plus_is_space);

// Appends s as a quoted JSON string.
void json_escape_into(std::string& out, const std::string& s);
// s as a quoted JSON string.
std::string jstr(const std::string& s);

// Strict decimal integer (optional leading '-'), no surrounding junk.
bool parse_int(const std::string& s, long long* out);

// Decoded (name, value) pairs of a raw query string, in order.
std::vector<std::pair<std::string, std::string>> parse_query(const std::string& q);

}  // namespace detail
}  // namespace mock
}  // namespace am
