#include "cache.hpp"

#include <algorithm>
#include <chrono>

#include "cache_file.hpp"
#include "engine.hpp"
#include "selection.hpp"
#include "sha256.hpp"
#include "text.hpp"

namespace am {

namespace {

// The failures a last good listing may stand in for: the service or the
// path to it is down or busy. Everything else (a refused credential, a bad
// request) is the caller's to see.
bool refreshable(am_status s) {
  return s == AM_ERR_CONNECTION || s == AM_ERR_TIMEOUT || s == AM_ERR_SERVER || s == AM_ERR_OVERLOADED ||
         s == AM_ERR_RATE_LIMITED;
}

void add_field(std::string &key, const char *name, const std::string &value) {
  key += name;
  key += '=';
  key += std::to_string(value.size());  // length-prefixed: no value can imitate a separator
  key += ':';
  key += value;
  key += '\n';
}

}  // namespace

int64_t now_unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void CacheAnswer::copy_to(std::unique_ptr<am_model_list> *out_list, std::unique_ptr<am_model> *out_model,
                          int64_t now_ms) const {
  if (out_list && list) {
    *out_list = std::make_unique<am_model_list>(*list);
    (*out_list)->from_cache = from_cache;
    (*out_list)->stale = stale;
    (*out_list)->age_ms = from_cache ? std::max<int64_t>(0, now_ms - fetched_ms) : 0;
  }
  if (out_model && model) *out_model = std::make_unique<am_model>(*model);
}

bool Cache::wanted(const Options &o) { return o.cache_ttl_ms > 0 || o.cache_dir || o.offline; }

Cache::Cache(std::shared_ptr<const Config> cfg, std::shared_ptr<EngineLink> log_to)
    : cfg_(std::move(cfg)), log_to_(std::move(log_to)) {
  // What every key of this client shares, computed once: the configuration
  // is immutable, and a cache hit should not hash the credential again.
  const Options &o = cfg_->options;
  add_field(scope_base_, "base_url", cfg_->base_url);
  // The credential's identity, never the credential: only its digest.
  add_field(scope_base_, "credential",
            o.api_key ? sha256_hex("x-api-key:" + *o.api_key) : sha256_hex("bearer:" + o.auth_token.value_or("")));
  add_field(scope_base_, "version", cfg_->api_version);
  for (const auto &b : o.betas) add_field(scope_base_, "beta", b);
  add_field(scope_base_, "workspace", o.workspace_id.value_or(""));
  for (const auto &h : o.headers) add_field(scope_base_, "header", h.first + ": " + h.second);
}

std::string CacheQuery::digest() const { return sha256_hex(key); }

std::string Cache::listing_key(const std::string &scope) {
  std::string key = scope;
  add_field(key, "call", "list_all");
  return key;
}

void Cache::log(am_log_level level, const std::string &line) const {
  std::string scrubbed = line;
  redact(scrubbed, cfg_->secrets);
  log_to_->log(level, scrubbed);
}

bool Cache::query_for(bool list_all, const ListParams &p, const std::string *id, CacheQuery &q) const {
  if (list_all && (p.after_id || p.before_id)) return false;
  q.list_all = list_all;
  q.scope = scope_base_;
  add_field(q.scope, "beta_variant", (cfg_->options.beta_variant || p.beta) ? "1" : "0");
  if (list_all) {
    std::vector<std::string> stages = p.lifecycle;
    std::sort(stages.begin(), stages.end());
    stages.erase(std::unique(stages.begin(), stages.end()), stages.end());
    q.key = listing_key(q.scope);
    for (const auto &s : stages) add_field(q.key, "lifecycle", s);
  } else {
    q.key = q.scope;
    add_field(q.key, "call", "get");
    add_field(q.key, "id", *id);
    q.id = *id;
  }
  q.refresh = list_all && p.refresh;
  return true;
}

bool Cache::fresh(const CacheAnswer &a, int64_t now_ms) const {
  if (a.fetched_ms < invalidated_ms_) return false;
  int64_t age = now_ms - a.fetched_ms;
  return age >= -1000 && age < ttl_ms();  // a clock that stepped back a lot makes nothing fresh
}

void Cache::load_file_locked(const std::string &key, const std::string &scope) {
  if (!cfg_->options.cache_dir || !files_read_.insert(key).second) return;
  std::unique_ptr<am_model_list> list;
  int64_t fetched_ms = 0;
  std::string why;
  if (!read_listing(*cfg_->options.cache_dir, sha256_hex(key), list, fetched_ms, why)) {
    if (!why.empty()) pending_log_.push_back("cache: ignoring " + why);
    return;
  }
  auto it = entries_.find(key);
  if (it != entries_.end() && it->second.answer.fetched_ms >= fetched_ms) return;  // memory is newer
  Entry e;
  e.answer.list = std::shared_ptr<const am_model_list>(std::move(list));
  e.answer.fetched_ms = fetched_ms;
  e.answer.from_cache = true;
  e.scope = scope;
  entries_[key] = std::move(e);
}

const CacheAnswer *Cache::listing_with_locked(const CacheQuery &q, bool disk) {
  if (disk) {
    // The listing a get is most likely answered by: the default one (no
    // lifecycle filter) of the same scope.
    load_file_locked(listing_key(q.scope), q.scope);
  }
  const CacheAnswer *best = nullptr;
  for (const auto &kv : entries_) {
    const Entry &e = kv.second;
    if (!e.answer.list || e.scope != q.scope || !find_by_id(*e.answer.list, q.id)) continue;
    if (!best || e.answer.fetched_ms > best->fetched_ms) best = &e.answer;
  }
  return best;
}

const CacheAnswer *Cache::find_locked(const CacheQuery &q, bool disk, int64_t now_ms) {
  if (q.list_all) {
    if (disk) load_file_locked(q.key, q.scope);
    auto it = entries_.find(q.key);
    return it == entries_.end() ? nullptr : &it->second.answer;
  }
  const CacheAnswer *own = nullptr;
  auto it = entries_.find(q.key);
  if (it != entries_.end()) own = &it->second.answer;
  if (own && fresh(*own, now_ms)) return own;
  const CacheAnswer *listed = listing_with_locked(q, disk);
  if (!own) return listed;
  if (!listed) return own;
  return listed->fetched_ms > own->fetched_ms ? listed : own;
}

namespace {

// A get answered by a listing: the model, as its own answer.
CacheAnswer as_get_answer(const CacheAnswer &a, const std::string &id) {
  if (a.model || !a.list) return a;
  CacheAnswer out = a;
  out.list.reset();
  if (const am_model *m = find_by_id(*a.list, id)) out.model = std::make_shared<const am_model>(*m);
  return out;
}

}  // namespace

bool Cache::quick_answer(const CacheQuery &q, CacheAnswer &out, std::shared_ptr<Flight> &revalidate) {
  if (q.refresh || cfg_->options.offline || ttl_ms() <= 0) return false;
  int64_t now = now_unix_ms();
  std::lock_guard<std::mutex> lock(mu_);
  const CacheAnswer *a = find_locked(q, false, now);
  if (!a) return false;
  bool is_fresh = fresh(*a, now);
  if (!is_fresh && !cfg_->options.cache_swr) return false;
  out = q.list_all ? *a : as_get_answer(*a, q.id);
  if (is_fresh) return true;
  out.stale = true;
  if (!flights_.count(q.key)) revalidate = flights_[q.key] = std::make_shared<Flight>();
  return true;
}

CachePlan Cache::plan(const CacheQuery &q) {
  CachePlan plan = plan_unlogged(q);
  flush_log();
  return plan;
}

void Cache::flush_log() {
  std::vector<std::string> lines;
  {
    std::lock_guard<std::mutex> lock(mu_);
    lines.swap(pending_log_);
  }
  // Outside the lock: the host's callback may call into this client again.
  for (auto &line : lines) log(AM_LOG_WARN, line);
}

CachePlan Cache::plan_unlogged(const CacheQuery &q) {
  CachePlan plan;
  int64_t now = now_unix_ms();
  std::lock_guard<std::mutex> lock(mu_);
  const Options &o = cfg_->options;
  if (o.offline) {
    const CacheAnswer *a = find_locked(q, true, now);
    if (!a) {
      plan.kind = CachePlan::Fail;
      plan.error = Error::make(AM_ERR_NOT_CACHED, q.list_all ? "offline: no listing is cached for these parameters"
                                                             : "offline: model '" + q.id + "' is not cached");
      redact(plan.error.message, cfg_->secrets);
      return plan;
    }
    plan.kind = CachePlan::Serve;
    plan.answer = q.list_all ? *a : as_get_answer(*a, q.id);
    plan.answer.stale = !fresh(*a, now);
    return plan;
  }
  if (!q.refresh) {
    const CacheAnswer *a = find_locked(q, true, now);
    if (a && fresh(*a, now)) {
      plan.kind = CachePlan::Serve;
      plan.answer = q.list_all ? *a : as_get_answer(*a, q.id);
      return plan;
    }
    if (a && o.cache_swr && ttl_ms() > 0) {
      plan.answer = q.list_all ? *a : as_get_answer(*a, q.id);
      plan.answer.stale = true;
      if (flights_.count(q.key)) {
        plan.kind = CachePlan::Serve;  // a refresh is on its way already
      } else {
        plan.kind = CachePlan::ServeAndRevalidate;
        plan.flight = flights_[q.key] = std::make_shared<Flight>();
      }
      return plan;
    }
  }
  auto it = flights_.find(q.key);
  if (it != flights_.end()) {
    plan.kind = CachePlan::Follow;
    plan.flight = it->second;
    return plan;
  }
  plan.kind = CachePlan::Lead;
  plan.flight = flights_[q.key] = std::make_shared<Flight>();
  return plan;
}

bool Cache::follow(Flight &f, std::function<void()> resume) {
  std::lock_guard<std::mutex> lock(mu_);
  if (f.landed || f.abandoned) return false;
  f.resume.push_back(std::move(resume));
  return true;
}

void Cache::wait(Flight &f) {
  std::unique_lock<std::mutex> lock(mu_);
  f.cv.wait(lock, [&] { return f.landed || f.abandoned; });
}

bool Cache::outcome(Flight &f, am_status &status, Error &err, CacheAnswer &answer) {
  std::lock_guard<std::mutex> lock(mu_);
  if (f.abandoned) return false;
  status = f.status;
  err = f.error;
  answer = f.answer;
  return true;
}

void Cache::abandon(Flight &f) {
  std::vector<std::function<void()>> resume;
  {
    std::lock_guard<std::mutex> lock(mu_);
    f.abandoned = true;
    for (auto it = flights_.begin(); it != flights_.end(); ++it)
      if (it->second.get() == &f) {
        flights_.erase(it);
        break;
      }
    resume.swap(f.resume);
  }
  f.cv.notify_all();
  for (auto &r : resume) r();
}

void Cache::land(Flight &f, const CacheQuery &q, am_status &status, Error &err, std::unique_ptr<am_model_list> &list,
                 std::unique_ptr<am_model> &model) {
  if (status == AM_ERR_CANCELLED) return abandon(f);  // the leader's own cancellation is not the followers'
  const int64_t now = now_unix_ms();
  std::shared_ptr<const am_model_list> to_write;
  std::string log_line;
  std::vector<std::function<void()>> resume;
  {
    std::lock_guard<std::mutex> lock(mu_);
    CacheAnswer answer;
    answer.fetched_ms = now;
    if (status == AM_OK) {
      if (list) answer.list = std::make_shared<const am_model_list>(*list);
      if (model) answer.model = std::make_shared<const am_model>(*model);
      auto it = entries_.find(q.key);
      bool would_empty = answer.list && answer.list->items.empty() && it != entries_.end() &&
                         it->second.answer.list && !it->second.answer.list->items.empty();
      if (would_empty) {
        log_line = "cache: kept the cached listing: the server answered with an empty one";
      } else {
        Entry e;
        e.answer = answer;
        e.answer.from_cache = true;
        e.scope = q.scope;
        entries_[q.key] = std::move(e);
        if (q.list_all && cfg_->options.cache_dir) to_write = answer.list;
      }
    } else if (refreshable(status) && q.list_all) {  // a model has no stale mark: its errors stay errors
      const CacheAnswer *last = find_locked(q, true, now);
      if (last) {
        answer = q.list_all ? *last : as_get_answer(*last, q.id);
        answer.stale = true;
        log_line = "cache: serving the answer cached " + std::to_string((now - last->fetched_ms) / 1000) +
                   " s ago: the refresh failed (" + err.message + ")";
        status = AM_OK;
        err = Error();
        list.reset();
        model.reset();
        answer.copy_to(&list, &model, now);
      }
    }
    f.landed = true;
    f.status = status;
    f.error = err;
    f.answer = answer;
    auto it = flights_.find(q.key);
    if (it != flights_.end() && it->second.get() == &f) flights_.erase(it);
    resume.swap(f.resume);
  }
  f.cv.notify_all();
  for (auto &r : resume) r();
  flush_log();
  if (!log_line.empty()) log(AM_LOG_WARN, log_line);
  if (to_write) {
    std::string why = write_listing(*cfg_->options.cache_dir, q.digest(), *to_write, now);
    if (!why.empty()) log(AM_LOG_WARN, "cache: " + why);
  }
}

void Cache::invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  files_read_.clear();  // the files stay a fallback: read them again when needed
  invalidated_ms_ = now_unix_ms();
}

}  // namespace am
