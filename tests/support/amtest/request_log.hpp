// Reading what the mock server received: the decoded query parameters and
// the headers of a logged request.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "mock_server.hpp"

namespace amtest {

using am::mock::LogEntry;

inline std::string PercentDecode(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

// Decoded (key, value) pairs of a raw query string, in order.
inline std::vector<std::pair<std::string, std::string>> QueryPairs(const std::string &raw) {
  std::vector<std::pair<std::string, std::string>> out;
  std::stringstream ss(raw);
  std::string part;
  while (std::getline(ss, part, '&')) {
    if (part.empty()) continue;
    size_t eq = part.find('=');
    out.emplace_back(PercentDecode(part.substr(0, eq)),
                     eq == std::string::npos ? std::string() : PercentDecode(part.substr(eq + 1)));
  }
  return out;
}

inline std::vector<std::string> QueryValues(const std::string &raw, const std::string &key) {
  std::vector<std::string> out;
  for (auto &kv : QueryPairs(raw))
    if (kv.first == key) out.push_back(kv.second);
  return out;
}

// The single value of `key`, or nullopt when absent (fails the test when repeated).
inline std::optional<std::string> QueryValue(const std::string &raw, const std::string &key) {
  auto v = QueryValues(raw, key);
  EXPECT_LE(v.size(), 1u) << "query parameter " << key << " repeated in " << raw;
  if (v.empty()) return std::nullopt;
  return v.front();
}

inline bool HasHeader(const LogEntry &e, const std::string &lower_name) {
  for (auto &h : e.headers)
    if (h.first == lower_name) return true;
  return false;
}

}  // namespace amtest
