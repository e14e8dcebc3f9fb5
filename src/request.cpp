#include "request.hpp"

#include <cstdio>
#include <random>

#include "api.hpp"
#include "engine.hpp"
#include "retry.hpp"
#include "text.hpp"

namespace am {

namespace {

constexpr int kSpinWaitUs = 100;
constexpr int64_t kForeverMs = INT64_C(100) * 365 * 24 * 3600 * 1000;  // a century

double unit_random() {
  thread_local std::mt19937_64 rng([] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd() ^ std::hash<std::thread::id>{}(std::this_thread::get_id());
  }());
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

std::optional<Call::Clock::time_point> deadline_from(const Config &cfg) {
  if (cfg.options.deadline_ms <= 0) return std::nullopt;
  return Call::Clock::now() + std::chrono::milliseconds(cfg.options.deadline_ms);
}

}  // namespace

Call::Call(std::shared_ptr<const Config> cfg, Kind kind, ListParams params, std::string get_url,
           std::unique_ptr<Completion> completion)
    : cfg_(std::move(cfg)),
      kind_(kind),
      params_(std::move(params)),
      get_url_(std::move(get_url)),
      completion_(std::move(completion)),
      deadline_(deadline_from(*cfg_)) {
  backwards_ = kind_ == Kind::ListAll && params_.before_id.has_value();
  cursor_ = backwards_ ? params_.before_id : params_.after_id;
  if (cursor_) seen_.insert(*cursor_);
  data_ = std::make_shared<ListData>();
}

Call::~Call() = default;

// ---------------------------------------------------------------- the loop's side

// ---------------------------------------------------------------- cache

void Call::preset(const CacheAnswer &answer) {
  std::lock_guard<std::mutex> lock(mu_);
  answer.copy_to(&list_, &model_, now_unix_ms());
  status_ = AM_OK;
  preset_ = true;
  done_.store(true, std::memory_order_release);
}

void Call::use_cache(std::shared_ptr<Cache> cache, CacheQuery query) {
  cache_ = std::move(cache);
  query_ = std::move(query);
}

void Call::lead(std::shared_ptr<Cache> cache, CacheQuery query, std::shared_ptr<Flight> flight) {
  use_cache(std::move(cache), std::move(query));
  lead_ = std::move(flight);
}

void Call::revalidate(Engine &e, std::shared_ptr<Call> refresh, std::shared_ptr<Cache> cache, CacheQuery query,
                      std::shared_ptr<Flight> flight) {
  refresh->lead(cache, std::move(query), flight);
  Error ignored;
  if (!e.submit(std::move(refresh), ignored)) cache->abandon(*flight);  // followers plan again
}

// ---------------------------------------------------------------- worker side

void Call::start(Engine &e) {
  if (preset_) {
    finished_ = true;
    return e.finished(*this);
  }
  if (cache_ && !lead_) return plan_with_cache(e);
  start_attempt(e);
}

void Call::plan_with_cache(Engine &e) {
  CachePlan plan = cache_->plan(query_);
  switch (plan.kind) {
    case CachePlan::Network:
      cache_.reset();
      return start_attempt(e);
    case CachePlan::Serve:
      return serve(e, plan.answer);
    case CachePlan::Fail:
      return fail(e, std::move(plan.error));
    case CachePlan::ServeAndRevalidate: {
      revalidate(e, std::make_shared<Call>(cfg_, kind_, params_, get_url_, nullptr), cache_, query_, plan.flight);
      return serve(e, plan.answer);
    }
    case CachePlan::Follow: {
      follow_ = plan.flight;
      std::weak_ptr<Call> self = weak_from_this();
      auto resume = [link = e.link(), self] { link->resume(self.lock()); };
      if (!cache_->follow(*follow_, std::move(resume))) on_resume(e);  // it landed meanwhile
      return;
    }
    case CachePlan::Lead:
      lead_ = std::move(plan.flight);
      return start_attempt(e);
  }
}

void Call::on_resume(Engine &e) {
  if (finished_ || !follow_) return;
  std::shared_ptr<Flight> flight = std::move(follow_);
  am_status status = AM_OK;
  Error err;
  CacheAnswer answer;
  if (!cache_->outcome(*flight, status, err, answer)) return plan_with_cache(e);  // its leader gave up
  if (status != AM_OK) return fail(e, std::move(err));
  serve(e, answer);
}

void Call::serve(Engine &e, const CacheAnswer &answer) {
  answer.copy_to(&list_, &model_, now_unix_ms());
  complete(e, AM_OK, Error());
}


void Call::start_attempt(Engine &e) {
  const Options &o = cfg_->options;
  attempt_timeout_ms_ = o.timeout_ms;
  deadline_limited_ = false;
  if (deadline_) {
    int64_t remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - Clock::now()).count();
    if (remaining <= 0) {
      Error err = Error::make(AM_ERR_TIMEOUT, "overall deadline of " + std::to_string(o.deadline_ms) + " ms exceeded");
      err.attempts = attempts_;
      return fail(e, std::move(err));
    }
    if (attempt_timeout_ms_ <= 0 || remaining < attempt_timeout_ms_) {
      attempt_timeout_ms_ = remaining;
      deadline_limited_ = true;
    }
  }
  if (kind_ == Kind::Get) {
    url_ = get_url_;
  } else if (kind_ == Kind::List) {
    url_ = list_url(*cfg_, params_, params_.after_id ? &*params_.after_id : nullptr,
                    params_.before_id ? &*params_.before_id : nullptr);
  } else {
    const std::string *c = cursor_ ? &*cursor_ : nullptr;
    url_ = list_url(*cfg_, params_, backwards_ ? nullptr : c, backwards_ ? c : nullptr);
  }
  attempt_started_ = Clock::now();
  transfer_ = e.transport().start(url_, attempt_timeout_ms_);
  if (!transfer_) return fail(e, Error::make(AM_ERR_OUT_OF_MEMORY, "out of memory starting a transfer"));
  transfer_->owner = static_cast<Job *>(this);  // the engine casts it back to Job *
  if (!e.add_transfer(*transfer_)) {
    e.transport().discard(std::move(transfer_));
    return fail(e, Error::make(AM_ERR_INTERNAL, "could not start a transfer"));
  }
}

void Call::on_transfer_done(Engine &e, CURLcode code) {
  e.remove_transfer(*transfer_);
  HttpResponse r = e.transport().finish(std::move(transfer_), code);
  ++attempts_;
  if (!r.transport_failed && r.http_status >= 200 && r.http_status < 300) {
    if (e.logging()) log_attempt(e, AM_LOG_INFO, std::to_string(r.http_status), &r);
    return on_success(e, r);
  }

  const Options &o = cfg_->options;
  Error err = error_from(*cfg_, r, attempt_timeout_ms_, deadline_limited_);
  err.attempts = attempts_;
  retry::Attempt a;
  a.transport_failed = r.transport_failed;
  a.transport_status = r.transport_status;
  a.http_status = r.http_status;
  if (!r.transport_failed) {
    a.should_retry = retry::parse_should_retry(r.should_retry);
    a.server_delay_ms = retry::server_delay_ms(r.retry_after_ms, r.retry_after, std::time(nullptr));
    if (a.server_delay_ms) err.retry_after_ms = *a.server_delay_ms;
  }
  std::optional<int64_t> remaining;
  if (deadline_)
    remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - Clock::now()).count();
  retry::Decision d = retry::decide(a, retries_, o.max_retries, o.retry_after_cap_ms, unit_random(), remaining);
  if (e.logging()) {
    std::string outcome = r.transport_failed ? std::string(status_name(err.status)) + ": " + err.message
                                             : std::to_string(r.http_status);
    if (d.retry) outcome += ", retrying in " + std::to_string(d.delay_ms) + " ms";
    log_attempt(e, d.retry ? AM_LOG_WARN : AM_LOG_ERROR, outcome, &r);
  }
  if (!d.retry) {
    if (d.delay_over_cap)
      err.message += " (the server asked to retry after " + std::to_string(err.retry_after_ms) +
                     " ms, above the retry-after cap of " + std::to_string(o.retry_after_cap_ms) + " ms)";
    return fail(e, std::move(err));
  }
  ++retries_;
  e.set_timer(shared_from_this(), ++timer_generation_, d.delay_ms);
}

void Call::on_timer(Engine &e, uint64_t generation) {
  if (finished_ || generation != timer_generation_ || transfer_) return;  // stale
  start_attempt(e);
}

void Call::on_success(Engine &e, HttpResponse &r) {
  // The body is the server's data and is never rewritten (a short key would
  // otherwise corrupt ids and JSON). Errors found from here on are about this
  // response; their messages are diagnostics, scrubbed like every other.
  auto annotate = [&](Error &err) {
    redact(err.message, cfg_->secrets);
    err.attempts = attempts_;
    err.http_status = r.http_status;
    err.request_id = request_id_of(*cfg_, r);
  };
  Error err;
  if (kind_ == Kind::Get) {
    ModelData *m = nullptr;
    if (!decode_model(std::move(r.body), *data_, m, err)) {
      annotate(err);
      return fail(e, std::move(err));
    }
    model_ = std::make_unique<am_model>(am_model{std::shared_ptr<const ModelData>(data_, m)});
    return complete(e, AM_OK, Error());
  }
  PageInfo info;
  if (!decode_list_page(std::move(r.body), *data_, info, err)) {
    annotate(err);
    return fail(e, std::move(err));
  }
  std::vector<ModelData *> order;
  if (kind_ == Kind::List) {
    order.reserve(info.count);
    for (size_t i = 0; i < info.count; ++i) order.push_back(&info.models[i]);
    list_ = make_list(data_, order, info.first_id, info.last_id, info.has_more);
    return complete(e, AM_OK, Error());
  }

  // list_all: another page, or the whole list.
  pages_.push_back(info);
  if (info.has_more) {
    const char *next = backwards_ ? info.first_id : info.last_id;
    std::string problem;
    if (!next || !*next) {
      problem = std::string("has_more is true but ") + (backwards_ ? "first_id" : "last_id") + " is missing";
    } else if (!seen_.insert(next).second) {
      problem = std::string("the server repeated the cursor '") + next + "'";
    } else if (static_cast<int>(pages_.size()) >= params_.max_pages) {
      problem = "stopped at the page cap of " + std::to_string(params_.max_pages) + " pages; the list is incomplete";
    }
    if (!problem.empty()) {
      // Not an HTTP failure: no status, but which response broke the rule.
      Error perr = Error::make(AM_ERR_PAGINATION, "list_all: " + problem);
      redact(perr.message, cfg_->secrets);
      annotate(perr);
      perr.http_status = 0;
      return fail(e, std::move(perr));
    }
    cursor_ = next;
    retries_ = 0;
    return start_attempt(e);
  }
  // Newest first: walking backwards fetched newer pages last.
  auto append = [&](const PageInfo &pi) {
    for (size_t i = 0; i < pi.count; ++i) order.push_back(&pi.models[i]);
  };
  if (backwards_) {
    for (auto it = pages_.rbegin(); it != pages_.rend(); ++it) append(*it);
  } else {
    for (const PageInfo &pi : pages_) append(pi);
  }
  const char *first = order.empty() ? nullptr : order.front()->id;
  const char *last = order.empty() ? nullptr : order.back()->id;
  list_ = make_list(data_, order, first, last, false);
  complete(e, AM_OK, Error());
}

void Call::abort(Engine &e, am_status status, const std::string &why) {
  if (finished_) return;
  if (transfer_) {
    e.remove_transfer(*transfer_);
    e.transport().discard(std::move(transfer_));
    if (e.logging()) log_attempt(e, AM_LOG_WARN, why, nullptr);
  }
  Error err = Error::make(status, why);
  err.attempts = attempts_;
  fail(e, std::move(err));
}

void Call::log_attempt(Engine &e, am_log_level level, const std::string &outcome, const HttpResponse *r) const {
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.1f",
                std::chrono::duration<double, std::milli>(Clock::now() - attempt_started_).count());
  std::string line = "GET " + url_ + " -> " + outcome + " in " + ms + " ms (attempt " +
                     std::to_string(attempts_ + (r ? 0 : 1));
  if (r)
    if (auto id = request_id_of(*cfg_, *r)) line += ", request-id " + *id;
  line += ")";
  redact(line, cfg_->secrets);
  e.log(level, line);
}

void Call::fail(Engine &e, Error err) {
  am_status s = err.status;
  complete(e, s, std::move(err));
}

void Call::complete(Engine &e, am_status status, Error err) {
  if (finished_) return;
  finished_ = true;
  if (lead_) {  // the followers' answer, and maybe a stale listing instead of the error
    cache_->land(*lead_, query_, status, err, list_, model_);
    lead_.reset();
  }
  if (preset_) return e.finished(*this);  // its result was set before it started
  data_.reset();
  pages_.clear();
  {
    std::lock_guard<std::mutex> lock(mu_);
    status_ = status;
    error_ = std::move(err);
    done_.store(true, std::memory_order_release);
  }
  cv_.notify_all();
  e.finished(*this);
}

// ---------------------------------------------------------------- any thread

bool Call::wait_for(int64_t timeout_ms) {
  if (done()) return true;
  if (timeout_ms != 0) {
    // A warm request on a fast link finishes within tens of microseconds:
    // yielding for that long first saves a futex sleep and wake-up pair.
    const auto spin_until = Clock::now() + std::chrono::microseconds(kSpinWaitUs);
    while (Clock::now() < spin_until) {
      if (done()) return true;
      std::this_thread::yield();
    }
  }
  std::unique_lock<std::mutex> lock(mu_);
  auto ready = [&] { return done_.load(std::memory_order_acquire); };
  if (timeout_ms < 0 || timeout_ms > kForeverMs) {  // also keeps now + timeout from overflowing
    cv_.wait(lock, ready);
    return true;
  }
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), ready);
}

am_status Call::take(std::unique_ptr<am_model_list> *list, std::unique_ptr<am_model> *model, Error &err) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!done_.load(std::memory_order_acquire)) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, "the request has not finished yet");
    return err.status;
  }
  if ((list != nullptr) != (kind_ != Kind::Get)) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, kind_ == Kind::Get ? "a get request has a model, not a list"
                                                                  : "a list request has a list, not a model");
    return err.status;
  }
  if (taken_) {
    err = Error::make(AM_ERR_INVALID_ARGUMENT, "the request's result was already taken");
    return err.status;
  }
  taken_ = true;
  if (status_ != AM_OK) {
    err = std::move(error_);
    return status_;
  }
  if (list) *list = std::move(list_);
  if (model) *model = std::move(model_);
  return AM_OK;
}

bool Call::run_callback() {
  if (!completion_) return false;
  {
    std::lock_guard<std::mutex> lock(cb_mu_);
    if (detached_ || released_) return false;
    completion_running_ = true;
  }
  completion_->run();  // may let go of this call or any other
  bool dispose;
  {
    std::lock_guard<std::mutex> lock(cb_mu_);
    completion_running_ = false;
    released_ = true;
    dispose = dispose_after_run_;
  }
  completion_->release();
  if (dispose) completion_->dispose();  // the host let go while it ran
  return true;
}

void Call::release_userdata() {
  if (!completion_) return;
  {
    std::lock_guard<std::mutex> lock(cb_mu_);
    if (released_ || completion_running_) return;
    released_ = true;
  }
  completion_->release();
}

bool Call::detach() {
  if (!completion_) return true;
  {
    std::lock_guard<std::mutex> lock(cb_mu_);
    detached_ = true;
    if (completion_running_) {
      dispose_after_run_ = true;
      return false;
    }
    if (released_) return true;
    released_ = true;
  }
  completion_->release();
  return true;
}

}  // namespace am
