// The client's catalogue cache: answers list_all and get from memory or disk
// while fresh, serves the last good listing when a refresh fails, and makes
// concurrent identical calls share one request (single-flight). Thread-safe:
// blocking calls plan on their own thread, asynchronous ones on the worker,
// and a flight lands on whichever thread ran its request.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api.hpp"
#include "error.hpp"
#include "model.hpp"
#include "options.hpp"

namespace am {

class EngineLink;

// What a call asks of the cache.
struct CacheQuery {
  bool list_all = true;  // else a get
  std::string key;       // everything that changes the answer (kept in memory only)
  std::string scope;     // the part a listing and a get share: a get may be answered by a listing
  std::string id;        // a get's model id
  bool refresh = false;  // bypass the cache and repopulate it
  // The key's SHA-256: names its file, never the key itself.
  std::string digest() const;
};

// An answer shared by the callers it serves: templates, copied per caller.
struct CacheAnswer {
  std::shared_ptr<const am_model_list> list;
  std::shared_ptr<const am_model> model;
  int64_t fetched_ms = 0;  // when the server sent it (Unix ms)
  bool from_cache = false;
  bool stale = false;
  // New handles for one caller, marked with where they came from.
  void copy_to(std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, int64_t now_ms) const;
};

// One request in flight that identical calls wait for instead of sending
// their own. Guarded by its cache's mutex.
struct Flight {
  bool landed = false;
  bool abandoned = false;  // the leader was cancelled: followers plan again
  am_status status = AM_OK;
  Error error;
  CacheAnswer answer;
  std::condition_variable cv;                 // blocking followers
  std::vector<std::function<void()>> resume;  // asynchronous followers
};

struct CachePlan {
  enum Kind {
    Network,             // not cacheable: an ordinary call
    Serve,               // `answer` now
    Fail,                // `error` now (offline, nothing cached)
    Follow,              // wait for `flight`
    Lead,                // send the request; land `flight` with its outcome
    ServeAndRevalidate,  // `answer` now, and lead `flight` in the background
  };
  Kind kind = Network;
  CacheAnswer answer;
  Error error;
  std::shared_ptr<Flight> flight;
};

class Cache {
 public:
  // Is any cache setting on?
  static bool wanted(const Options &o);
  Cache(std::shared_ptr<const Config> cfg, std::shared_ptr<EngineLink> log_to);

  // False when the call is not cacheable (am_models_list, cursors).
  bool query_for(bool list_all, const ListParams &p, const std::string *id, CacheQuery &out) const;
  // Memory only, no disk: the fast path of an asynchronous call on the
  // host's thread. A fresh entry, or with stale-while-revalidate an expired
  // one; then `revalidate` is the flight the caller must lead in the
  // background (null when a request is on its way already).
  bool quick_answer(const CacheQuery &q, CacheAnswer &out, std::shared_ptr<Flight> &revalidate);
  // May read the disk (on the caller's thread: blocking calls, or the worker).
  CachePlan plan(const CacheQuery &q);

  // Followers. follow() is false when the flight landed already (read it now).
  bool follow(Flight &f, std::function<void()> resume);
  void wait(Flight &f);
  // False when the flight was abandoned (plan again).
  bool outcome(Flight &f, am_status &status, Error &err, CacheAnswer &answer);

  // The leader's outcome: stores a good answer (memory, disk), or turns a
  // refreshable failure into the last good listing marked stale; then wakes
  // the followers. `status`, `err`, `list` and `model` are the leader's own
  // result, updated in place.
  void land(Flight &f, const CacheQuery &q, am_status &status, Error &err, std::unique_ptr<am_model_list> &list,
            std::unique_ptr<am_model> &model);
  // A leader that never ran: followers plan again.
  void abandon(Flight &f);
  void invalidate();

 private:
  struct Entry {
    CacheAnswer answer;  // from_cache set
    std::string scope;
  };
  int64_t ttl_ms() const { return cfg_->options.cache_ttl_ms; }
  bool fresh(const CacheAnswer &a, int64_t now_ms) const;
  // mu_ held. The entry answering `q`, from memory, or from disk when
  // `disk` and not read yet; null when none.
  const CacheAnswer *find_locked(const CacheQuery &q, bool disk, int64_t now_ms);
  const CacheAnswer *listing_with_locked(const CacheQuery &q, bool disk);
  // Reads the file of `key` once (until invalidated), when there is a directory.
  void load_file_locked(const std::string &key, const std::string &scope);
  // The key of a scope's listing without a lifecycle filter.
  static std::string listing_key(const std::string &scope);
  CachePlan plan_unlogged(const CacheQuery &q);  // plan() without sending the queued log lines
  // Lines queued while mu_ was held, sent to the host without it.
  void flush_log();
  void log(am_log_level level, const std::string &line) const;

  const std::shared_ptr<const Config> cfg_;
  const std::shared_ptr<EngineLink> log_to_;
  std::string scope_base_;  // every key's configuration part (immutable after construction)
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  std::set<std::string> files_read_;
  std::vector<std::string> pending_log_;
  int64_t invalidated_ms_ = INT64_MIN;  // entries fetched before are never fresh
};

// Wall clock, Unix milliseconds.
int64_t now_unix_ms();

}  // namespace am
