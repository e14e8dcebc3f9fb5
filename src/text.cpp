#include "text.hpp"

#include <cctype>

namespace am {

size_t invalid_utf8_at(std::string_view s) {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return invalid_utf8_at(s) == std::string_view::npos; }

bool has_control_char(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

bool is_http_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (std::isalnum(c)) continue;
    switch (c) {
      case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
      case '-': case '.': case '^': case '_': case '`': case '|': case '~': continue;
      default: return false;
    }
  }
  return true;
}

namespace {

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool is_pchar_literal(unsigned char c) {
  if (is_unreserved(c)) return true;
  switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+':
    case ',': case ';': case '=': case ':': case '@': return true;
    default: return false;
  }
}

template <typename Keep>
std::string escape(std::string_view s, Keep keep) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    if (keep(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string escape_path_segment(std::string_view s) { return escape(s, is_pchar_literal); }
std::string escape_query_value(std::string_view s) { return escape(s, is_unreserved); }

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
      if (h >= 0 && l >= 0) {
        out.push_back(static_cast<char>(h * 16 + l));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string check_id(std::string_view s, bool allow_dot_segments) {
  if (s.empty()) return "must not be empty";
  if (s.size() > kMaxIdBytes) return "is longer than 512 bytes";
  if (!is_valid_utf8(s)) return "is not valid UTF-8";
  if (has_control_char(s)) return "contains a control character";
  if (!allow_dot_segments) {
    // Some servers and proxies decode once (or twice) before resolving paths.
    std::string once = percent_decode(s);
    std::string twice = percent_decode(once);
    for (const std::string &d : {std::string(s), once, twice})
      if (d == "." || d == "..") return "must not be a dot segment ('.' or '..')";
  }
  return {};
}

namespace {
// A secret at least this long is scrubbed wherever it occurs: such a string
// never turns up in a message by chance. A shorter one (test and gateway keys
// such as "k" or "dev") only where it stands as a whole token, so a one-letter
// key cannot turn "error" into "[redacted]rror".
constexpr size_t kRedactAnywhereBytes = 12;
constexpr std::string_view kRedacted = "[redacted]";

// Bytes that continue a token: ASCII letters and digits, '-', '_', '.', and
// every byte of a multi-byte UTF-8 character.
bool continues_token(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '-' || u == '_' ||
         u == '.' || u >= 0x80;
}
}  // namespace

void redact(std::string &text, const std::vector<std::string> &secrets) {
  for (const std::string &secret : secrets) {
    if (secret.empty()) continue;
    const bool anywhere = secret.size() >= kRedactAnywhereBytes;
    size_t pos = 0;
    while ((pos = text.find(secret, pos)) != std::string::npos) {
      const size_t end = pos + secret.size();
      const bool whole =
          (pos == 0 || !continues_token(text[pos - 1])) && (end == text.size() || !continues_token(text[end]));
      if (anywhere || whole) {
        text.replace(pos, secret.size(), kRedacted);
        pos += kRedacted.size();
      } else {
        ++pos;
      }
    }
  }
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace am
