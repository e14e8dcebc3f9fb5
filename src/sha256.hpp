// SHA-256 (FIPS 180-4), for cache keys: a credential's identity must be
// stable across processes without the credential itself ever being stored,
// and a short key must not be recoverable from a weak hash.
#pragma once

#include <string>
#include <string_view>

namespace am {

// The digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace am
