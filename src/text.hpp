// Input checks, URL escaping and secret redaction: small pure string helpers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace am {

bool is_valid_utf8(std::string_view s);
// Offset of the first byte that is not part of valid UTF-8, or npos.
size_t invalid_utf8_at(std::string_view s);
// Any byte below 0x20 or 0x7F (CR, LF and NUL included).
bool has_control_char(std::string_view s);
// An HTTP header name token (RFC 9110 tchar).
bool is_http_token(std::string_view s);

// Percent-encodes everything outside RFC 3986 pchar (unreserved, sub-delims, ':' and '@').
std::string escape_path_segment(std::string_view s);
// Percent-encodes everything outside RFC 3986 unreserved, for query values.
std::string escape_query_value(std::string_view s);
// Decodes %XX sequences (invalid ones are kept as they are).
std::string percent_decode(std::string_view s);

// Checks an id or cursor from the caller: non-empty, at most kMaxIdBytes, valid
// UTF-8, no control characters. Returns an empty string when fine, else why not.
constexpr size_t kMaxIdBytes = 512;
std::string check_id(std::string_view s, bool allow_dot_segments);

// Scrubs credentials from text the library emits as diagnostics (error
// messages, error types, request ids, log lines), never from server data:
// replaces with "[redacted]" every occurrence of a secret of 12 bytes or
// more, and every whole-token occurrence of a shorter one (not preceded or
// followed by a letter, digit, '-', '_', '.' or non-ASCII byte).
void redact(std::string &text, const std::vector<std::string> &secrets);

bool iequals(std::string_view a, std::string_view b);

}  // namespace am
