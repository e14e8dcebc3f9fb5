// The models the server lists: the catalog file, read once at start-up, plus
// generated ("synthetic") models, each serialized ahead in the two shapes the
// API returns (with and without the beta field allowed_fallback_models).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace am {
namespace mock {
namespace detail {

enum Lifecycle { kActive = 0, kDeprecated = 1, kRetired = 2 };

struct Model {
  std::string id;
  int64_t secs = 0;
  int32_t nanos = 0;
  size_t order = 0;  // position in the source (catalog first, then synthetic)
  int lifecycle = kActive;
  std::string plain;  // JSON without allowed_fallback_models
  std::string beta;   // JSON with allowed_fallback_models (added as [] if absent)
};

struct Catalog {
  std::vector<Model> models;  // newest first
  std::unordered_map<std::string, size_t> by_id;
  std::unordered_map<std::string, std::string> aliases;
};

// Parses the catalog text and adds `synthetic` generated models; the models
// come out newest first (ties keep their order). On error fills *err.
bool load_catalog(const std::string& text, int synthetic, Catalog* out, std::string* err);

}  // namespace detail
}  // namespace mock
}  // namespace am
