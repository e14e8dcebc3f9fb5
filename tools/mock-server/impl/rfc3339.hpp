// The catalog's created_at timestamps, read to order the models.
#pragma once

#include <cstdint>
#include <string>

namespace am {
namespace mock {
namespace detail {

// RFC 3339: YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm), as seconds since the
// epoch and nanoseconds.
//
// This is deliberately a second implementation, written apart from the
// library's (src/timeparse.cpp) and sharing no code with it: the server orders
// its catalog with it, and the tests compare what the library reports with
// that order, so a bug in either parser shows up as a disagreement instead of
// being confirmed by itself. Keep it independent.
bool parse_rfc3339(const std::string& s, int64_t* secs, int32_t* nanos);

}  // namespace detail
}  // namespace mock
}  // namespace am
