#include "engine.hpp"

namespace am {

namespace {
// The worker sleeps in curl_multi_poll at most this long. Every event it
// must react to (submission, cancellation, stop) wakes it explicitly; the
// bound only limits the damage of a wake-up lost to a bug.
constexpr int kMaxPollMs = 1000;

// Set while this thread runs am_client_dispatch for an engine: requests its
// callbacks submit wake the worker once, when dispatch ends, instead of once
// each (which, on a busy core, costs a context switch per request).
thread_local Engine *t_dispatching = nullptr;
thread_local bool t_wake_after_dispatch = false;
// The link of the engine whose worker this thread is, if any.
thread_local const EngineLink *t_worker_link = nullptr;
}  // namespace

void EngineLink::cancel(const std::shared_ptr<Job> &job) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (engine_) engine_->cancel(job);
}

void EngineLink::resume(const std::shared_ptr<Job> &job) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (engine_ && job) engine_->resume(job);
}

void EngineLink::log(am_log_level level, const std::string &line) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (engine_ && engine_->logging()) engine_->log(level, line);
}

bool EngineLink::on_worker() const { return t_worker_link == this; }

void EngineLink::detach() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  engine_ = nullptr;
}

Engine::Engine(const Config &cfg) : cfg_(cfg), transport_(cfg), link_(std::make_shared<EngineLink>(this)) {}

Engine::~Engine() {
  stop();
  set_notify(nullptr, nullptr, nullptr);
  set_logger(nullptr, nullptr, nullptr);
  if (multi_) curl_multi_cleanup(multi_);
}

bool Engine::start(Error &err) {
  if (!transport_.ok()) {
    err = Error::make(AM_ERR_OUT_OF_MEMORY, "out of memory building request headers");
    return false;
  }
  multi_ = curl_multi_init();
  if (!multi_) {
    err = Error::make(AM_ERR_OUT_OF_MEMORY, "curl_multi_init failed");
    return false;
  }
  if (!host_wakeup_.open()) {
    err = Error::make(AM_ERR_INTERNAL, "could not create the client's wake-up descriptor");
    return false;
  }
  try {
    worker_ = std::thread([this] { run(); });
  } catch (const std::system_error &) {
    err = Error::make(AM_ERR_INTERNAL, "could not start the client's worker thread");
    return false;
  }
  return true;
}

void Engine::stop() {
  link_->detach();  // request handles stop calling in; this stop cancels them all
  if (worker_.joinable()) {
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
      wakeup_sent_ = false;  // this wake-up must happen whatever was sent before
      wake = need_wakeup_locked();
    }
    if (wake) curl_multi_wakeup(multi_);
    worker_.join();
  }
  // No callback runs from here on: release what the host pinned for them.
  std::deque<std::shared_ptr<Job>> queued;
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    queued.swap(done_);
  }
  for (auto &c : queued) c->release_userdata();
  for (auto &c : undelivered_) c->release_userdata();
  undelivered_.clear();
}

void Engine::stop_from_worker(std::function<void()> then) {
  link_->detach();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  quiet_ = true;  // worker-only state, and this is the worker: no callback from here on
  after_worker_exit_ = std::move(then);
}

// Wake-ups are edge-triggered: one curl_multi_wakeup per batch the worker
// takes, however many requests join it, which saves a write per request in a
// burst. A submission inside a dispatch callback defers even that one until
// dispatch returns, without marking it sent: a submitter on another thread
// still wakes the worker, and so does anyone about to wait on this thread.
//
// A parked worker waits on idle_cv_, not in curl_multi_poll (the loop may be
// a caller's meanwhile), so it is notified instead.
bool Engine::need_wakeup_locked() {
  if (wakeup_sent_) return false;
  wakeup_sent_ = true;
  if (owner_ == Owner::Idle) {
    idle_cv_.notify_one();
    return false;
  }
  return true;
}

bool Engine::has_work_locked() const {
  return !incoming_.empty() || !cancels_.empty() || !resumes_.empty() || stopping_ || adopt_ ||
         !caller_lines_.empty();
}

void Engine::wake_worker() {
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake = !stopping_ && need_wakeup_locked();
  }
  if (wake) curl_multi_wakeup(multi_);
}

void Engine::flush_deferred_wakeup() {
  if (t_dispatching && t_wake_after_dispatch) {
    t_wake_after_dispatch = false;
    t_dispatching->wake_worker();
  }
}

bool Engine::submit(std::shared_ptr<Job> job, Error &err) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      err = Error::make(AM_ERR_INVALID_ARGUMENT, "the client is being freed");
      return false;
    }
    try {
      incoming_.push_back(std::move(job));
    } catch (const std::bad_alloc &) {
      err = Error::make(AM_ERR_OUT_OF_MEMORY, "out of memory queueing the request");
      return false;
    }
    if (t_dispatching == this && !wakeup_sent_)
      t_wake_after_dispatch = true;
    else
      wake = need_wakeup_locked();
  }
  if (wake) curl_multi_wakeup(multi_);
  return true;
}

void Engine::resume(const std::shared_ptr<Job> &job) { post(&Engine::resumes_, job); }

void Engine::cancel(const std::shared_ptr<Job> &job) { post(&Engine::cancels_, job); }

void Engine::post(std::vector<std::shared_ptr<Job>> Engine::*queue, const std::shared_ptr<Job> &job) {
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;  // the shutdown aborts every job anyway
    (this->*queue).push_back(job);
    wake = need_wakeup_locked();
  }
  if (wake) curl_multi_wakeup(multi_);
}

bool Engine::add_transfer(Transfer &t) { return curl_multi_add_handle(multi_, t.easy) == CURLM_OK; }

void Engine::remove_transfer(Transfer &t) { curl_multi_remove_handle(multi_, t.easy); }

void Engine::set_timer(const std::shared_ptr<Job> &job, uint64_t generation, int64_t delay_ms) {
  timers_.push(Timer{Clock::now() + std::chrono::milliseconds(delay_ms), generation, job});
}

void Engine::finished(Job &job) {
  auto it = active_.find(&job);
  if (it == active_.end()) return;
  std::shared_ptr<Job> c = std::move(it->second);
  active_.erase(it);
  if (!c->has_callback()) return;
  if (quiet_) {
    undelivered_.push_back(std::move(c));
  } else if (cfg_.options.callbacks_on_worker) {
    c->run_callback();
  } else {
    bool was_empty;
    {
      std::lock_guard<std::mutex> lock(done_mu_);
      was_empty = done_.empty();
      done_.push_back(std::move(c));
    }
    // dispatch takes every queued completion; the host is told once per
    // worker iteration (see run), so a burst of completions is one wake-up.
    if (was_empty) ready_pending_ = true;
  }
}

void Engine::signal_ready() {
  host_wakeup_.signal();
  notify_.call();
}

void Engine::set_notify(am_notify_fn fn, void *userdata, am_userdata_free userdata_free) {
  notify_.replace(fn, userdata, userdata_free);
}

void Engine::set_logger(am_log_fn fn, void *userdata, am_userdata_free userdata_free) {
  logger_.replace(fn, userdata, userdata_free);
}

void Engine::log(am_log_level level, const std::string &line) {
  if (on_worker()) return logger_.call(level, line.c_str());
  // A caller drives the loop (the callback was set during its call): log
  // callbacks run on the worker, so the line waits for it, and the caller
  // gives the loop back at its next turn (has_work_locked).
  std::lock_guard<std::mutex> lock(mu_);
  caller_lines_.emplace_back(level, line);
}

int Engine::dispatch(int max) {
  host_wakeup_.drain();
  Engine *outer = t_dispatching;  // dispatch may nest (another client's, or this one's)
  bool outer_wake = t_wake_after_dispatch;
  t_dispatching = this;
  t_wake_after_dispatch = false;
  struct Restore {
    Engine *self;
    Engine *outer;
    bool outer_wake;
    ~Restore() {
      if (t_wake_after_dispatch) self->wake_worker();
      t_dispatching = outer;
      t_wake_after_dispatch = outer_wake;
    }
  } restore{this, outer, outer_wake};
  int ran = 0;
  while (max <= 0 || ran < max) {
    std::shared_ptr<Job> c;
    {
      std::lock_guard<std::mutex> lock(done_mu_);
      if (done_.empty()) break;
      c = std::move(done_.front());
      done_.pop_front();
    }
    if (c->run_callback()) ++ran;  // a freed request's callback neither runs nor counts
  }
  bool left;
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    left = !done_.empty();
  }
  // Completions left for a later dispatch keep the descriptor readable and
  // tell the notifier again, so a host that dispatches a few per signal
  // never strands the rest.
  if (left) signal_ready();
  return ran;
}

void Engine::progress() {
  int running = 0;
  curl_multi_perform(multi_, &running);
  int left = 0;
  while (CURLMsg *m = curl_multi_info_read(multi_, &left)) {
    if (m->msg != CURLMSG_DONE) continue;
    CURL *easy = m->easy_handle;
    CURLcode code = m->data.result;  // read before the handle is removed
    Transfer *t = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char **>(&t));
    auto it = t ? active_.find(static_cast<Job *>(t->owner)) : active_.end();
    if (it == active_.end()) {
      curl_multi_remove_handle(multi_, easy);
      continue;
    }
    std::shared_ptr<Job> c = it->second;
    c->on_transfer_done(*this, code);
  }

  auto now = Clock::now();
  while (!timers_.empty() && timers_.top().due <= now) {
    Timer t = timers_.top();
    timers_.pop();
    if (active_.count(t.job.get())) t.job->on_timer(*this, t.generation);
  }
}

long Engine::poll_timeout_ms() {
  long wait_ms = -1;
  curl_multi_timeout(multi_, &wait_ms);
  if (wait_ms < 0 || wait_ms > kMaxPollMs) wait_ms = kMaxPollMs;
  if (!timers_.empty()) {
    // Rounded up: rounded down, the last fraction of a millisecond before a
    // timer is due would be spent spinning through zero-length polls.
    auto until = std::chrono::ceil<std::chrono::milliseconds>(timers_.top().due - Clock::now()).count();
    if (until < wait_ms) wait_ms = until < 0 ? 0 : static_cast<long>(until);
  }
  return wait_ms;
}

void Engine::park() {
  std::unique_lock<std::mutex> lock(mu_);
  // At its first call the worker does not own the loop yet (it starts Idle),
  // and a caller may have taken it meanwhile.
  if (owner_ == Owner::Worker) owner_ = Owner::Idle;
  idle_cv_.wait(lock, [this] { return owner_ == Owner::Idle && has_work_locked(); });
  owner_ = Owner::Worker;
}

bool Engine::run_here(const std::shared_ptr<Job> &job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (owner_ != Owner::Idle || has_work_locked() || logger_.set()) return false;
    owner_ = Owner::Caller;
  }
  // However this ends (also by an exception), the loop goes back, and the
  // worker adopts whatever is still in it.
  struct Release {
    Engine *self;
    ~Release() { self->release_loop(); }
  } release{this};
  active_[job.get()] = job;
  job->start(*this);
  while (active_.count(job.get())) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (has_work_locked()) break;  // the worker's turn: it finishes the job
    }
    progress();
    if (!active_.count(job.get())) break;
    long wait_ms = poll_timeout_ms();
    if (wait_ms > 0) curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  }
  return true;
}

void Engine::release_loop() {
  if (active_.empty()) timers_ = {};  // the caller's job is done: its timers are stale
  std::lock_guard<std::mutex> lock(mu_);
  owner_ = Owner::Idle;
  if (!active_.empty()) adopt_ = true;
  if (has_work_locked()) idle_cv_.notify_one();
}

void Engine::run() {
  worker_id_.store(std::this_thread::get_id());
  t_worker_link = link_.get();
  park();  // the worker starts parked: nothing is in flight yet
  for (;;) {
    std::vector<std::shared_ptr<Job>> incoming, cancels, resumes;
    std::vector<std::pair<am_log_level, std::string>> lines;
    bool stopping;
    {
      std::lock_guard<std::mutex> lock(mu_);
      incoming.swap(incoming_);
      cancels.swap(cancels_);
      resumes.swap(resumes_);
      lines.swap(caller_lines_);
      stopping = stopping_;
      adopt_ = false;
      wakeup_sent_ = false;  // the next submission must wake the worker again
    }
    for (auto &l : lines) logger_.call(l.first, l.second.c_str());
    for (auto &c : incoming) active_[c.get()] = c;
    if (!stopping)
      for (auto &c : incoming) c->start(*this);
    for (auto &c : cancels)
      if (active_.count(c.get())) c->abort(*this, AM_ERR_CANCELLED, "the request was cancelled");
    if (!stopping)
      for (auto &c : resumes)
        if (active_.count(c.get())) c->on_resume(*this);
    if (stopping) {
      quiet_ = true;
      while (!active_.empty()) {
        std::shared_ptr<Job> c = active_.begin()->second;
        c->abort(*this, AM_ERR_CANCELLED, "the client was freed");
        active_.erase(c.get());  // in case abort found it already finished
      }
      timers_ = {};
      break;
    }

    progress();

    if (ready_pending_) {  // once per iteration, whatever queued completions in it
      ready_pending_ = false;
      signal_ready();
    }

    if (active_.empty()) {
      timers_ = {};  // nothing is in flight: whatever is left is stale
      park();  // nothing in flight: the loop is free for blocking callers until there is
      continue;
    }
    long wait_ms = poll_timeout_ms();
    if (wait_ms > 0) curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  }
  // Whatever is still attached to the multi handle (nothing, normally).
  t_worker_link = nullptr;
  worker_id_.store(std::thread::id());
  if (after_worker_exit_) {
    // Freed from one of its own callbacks: nobody will join this thread.
    std::function<void()> then = std::move(after_worker_exit_);
    worker_.detach();
    then();  // frees the client and this engine: touch no member after it
  }
}

}  // namespace am
