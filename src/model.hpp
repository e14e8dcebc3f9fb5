// Immutable model values decoded from response bodies, and the C handles
// that point at them. A page's JSON DOM is parsed in place and kept alive by
// reference counting; models borrow their strings from it.
#pragma once

#include <rapidjson/document.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "anthropic_models.h"
#include "error.hpp"

namespace am {

// One response body, parsed in place: the DOM's strings point into `buf`.
struct Page {
  explicit Page(std::string body)
      : buf(std::move(body)), pool(chunk_for(buf.size())), doc(&pool) {}
  std::string buf;
  // The DOM's nodes come from one pool sized to the body: rapidjson's default
  // first chunk is 64 KiB, far more than a single model needs. A compact
  // 1000-model page needs ~1.4x its bytes of nodes; a chunk of exactly the
  // body's size made the pool take a second chunk as large as the first.
  rapidjson::MemoryPoolAllocator<> pool;
  rapidjson::Document doc;
  // What parse_page learnt on the way, so that decoding can skip work: a
  // string can only hold a NUL through a \u escape; a clean page's
  // capabilities trees need no second validation walk.
  bool has_unicode_escapes = true;
  bool capabilities_clean = false;

 private:
  static size_t chunk_for(size_t body_bytes) {
    size_t want = body_bytes + body_bytes / 2;
    return want < 4096 ? 4096 : want;
  }
};

// Computes a value once, on first use, from any thread. std::call_once alone
// costs a thread-local lookup and a pthread_once on every call, and these
// accessors run in tight loops over whole lists: a released flag is checked
// first, so only the first reads pay for it.
class Lazily {
 public:
  template <typename F>
  void ensure(F &&compute) const {
    if (ready_.load(std::memory_order_acquire)) return;
    std::call_once(once_, [&] {
      compute();
      ready_.store(true, std::memory_order_release);
    });
  }

 private:
  mutable std::once_flag once_;
  mutable std::atomic<bool> ready_{false};
};

struct ModelData {
  const rapidjson::Value *obj = nullptr;
  const char *id = nullptr;
  const char *display_name = nullptr;
  const char *type = nullptr;
  const char *created_at = nullptr;
  const char *lifecycle = nullptr;
  const char *line = nullptr;
  const char *deprecated_at = nullptr;
  const char *retires_at = nullptr;
  int64_t max_input_tokens = 0;
  int64_t max_tokens = 0;
  bool has_max_input_tokens = false;
  bool has_max_tokens = false;
  const rapidjson::Value *caps = nullptr;  // null: the server did not send capabilities

  // Derived on first use (thread-safe); the model stays immutable to callers.
  const std::string &json() const;
  const std::vector<const char *> &effort_levels() const;
  const std::vector<const char *> &thinking_types() const;
  // Every capability node with a support value, depth first in the server's
  // order (am_model_capability_*).
  struct CapabilityEntry {
    std::string path;
    am_support support;
  };
  const std::vector<CapabilityEntry> &capabilities() const;

 private:
  Lazily json_once_;
  mutable std::string json_;
  Lazily lists_once_;
  mutable std::vector<const char *> effort_levels_, thinking_types_;
  Lazily caps_once_;
  mutable std::vector<CapabilityEntry> capabilities_;
};

// Owns the pages and model values behind one list (or one model).
struct ListData {
  std::vector<std::unique_ptr<Page>> pages;
  std::vector<std::unique_ptr<ModelData[]>> chunks;
};

// What one decoded page of GET /v1/models said besides its models.
struct PageInfo {
  const char *first_id = nullptr;
  const char *last_id = nullptr;
  bool has_more = false;
  ModelData *models = nullptr;
  size_t count = 0;
};

// Maximum nesting of any response body; deeper documents are refused while
// parsing, so nothing later (serialising, freeing) can recurse too deep.
constexpr unsigned kMaxJsonDepth = 128;

// Parses `page->buf` in place. UTF-8 is validated; depth is limited. With a
// model_depth (the depth of the model objects, 1 = the root), the models'
// capabilities trees are screened on the way (Page::capabilities_clean).
bool parse_page(Page &page, Error &err, unsigned model_depth = 0);
// Decodes a GET /v1/models body; the page and its models are appended to `into`.
bool decode_list_page(std::string body, ListData &into, PageInfo &info, Error &err);
// Decodes a GET /v1/models/{id} body into `into`; returns the model through `out`.
bool decode_model(std::string body, ListData &into, ModelData *&out, Error &err);

struct ApiErrorBody {
  std::optional<std::string> type;
  std::optional<std::string> message;
};
// The `{"type":"error","error":{"type":..,"message":..}}` shape; empty fields
// when the body is not of that shape (an HTML page from a proxy, say).
ApiErrorBody decode_error_body(std::string_view body);

const char *capability_path(am_capability cap);
am_support supports_path(const ModelData &m, std::string_view dotted);

}  // namespace am

// The handles of the immutable values above. They are what the core
// produces (a list hands out models that borrow its pages, with no copy), so
// they are defined here rather than in the ABI layer.

struct am_model {
  std::shared_ptr<const am::ModelData> data;  // shares ownership of its page
};

struct am_model_list {
  std::shared_ptr<am::ListData> data;
  std::vector<am_model> items;
  const char *first_id = nullptr;
  const char *last_id = nullptr;
  bool has_more = false;
  // How the client's cache answered (see am_model_list_from_cache).
  bool from_cache = false;
  bool stale = false;
  int64_t age_ms = 0;
};

namespace am {
// A list handle over `order` (models owned by `data`), newest first as given.
std::unique_ptr<am_model_list> make_list(std::shared_ptr<ListData> data, const std::vector<ModelData *> &order,
                                         const char *first_id, const char *last_id, bool has_more);
}  // namespace am
