// What each Fault::Action does to a request: answers, resets, truncated,
// malformed, oversize and trickled bodies, held requests, redirects.
#include "impl/error_responses.hpp"
#include "impl/server_state.hpp"
#include "impl/text.hpp"

namespace am {
namespace mock {

using namespace detail;

namespace {

constexpr int kNeverAnswerMaxMs = 10 * 60 * 1000;
constexpr size_t kDefaultOversize = size_t(64) << 20;

void apply_extra_headers(const Fault& f, httplib::Response& res, std::string* content_type) {
  for (const auto& h : f.headers) {
    if (iequals(h.first, "content-type")) {
      *content_type = h.second;
      continue;
    }
    if (iequals(h.first, "request-id")) {
      auto range = res.headers.equal_range("request-id");
      res.headers.erase(range.first, range.second);
    }
    res.set_header(h.first, h.second);
  }
}

// Copies headers of a normal response except the ones the body writer sets.
void copy_headers(const httplib::Response& from, httplib::Response& to) {
  for (const auto& h : from.headers) {
    if (iequals(h.first, "content-type") || iequals(h.first, "content-length") ||
        iequals(h.first, "request-id"))
      continue;
    to.set_header(h.first, h.second);
  }
}

}  // namespace

void MockServer::Impl::apply_fault(const Fault& f, const ReqInfo& ri, httplib::Response& res) {
  Conn* conn = tl_conn;
  if (f.delay_ms > 0 && !sleep_ms(f.delay_ms)) {
    if (conn) conn->abort(false);
    return;
  }
  if (f.pass_through) {
    handle_api(ri, res);
    return;
  }
  std::string ctype = f.content_type.empty() ? "application/json" : f.content_type;
  switch (f.action) {
    case Fault::Action::Respond: {
      res.status = f.status ? f.status : 500;
      apply_extra_headers(f, res, &ctype);
      std::string body = f.body;
      if (body.empty() && res.status >= 400)
        body = error_body(error_type_for(res.status), error_message_for(res.status), request_id_of(res));
      if (!body.empty()) res.set_content(body, ctype);
      return;
    }
    case Fault::Action::Malformed: {
      res.status = f.status ? f.status : 200;
      apply_extra_headers(f, res, &ctype);
      res.set_content("{\"data\": [ {\"id\": \"x\",", ctype);
      return;
    }
    case Fault::Action::Redirect: {
      res.status = f.status ? f.status : 302;
      apply_extra_headers(f, res, &ctype);
      std::string loc = f.location;
      if (loc.empty()) loc = ri.query.empty() ? ri.path : ri.path + "?" + ri.query;
      res.set_header("Location", loc);
      return;
    }
    case Fault::Action::ResetBeforeHeaders: {
      if (conn) conn->abort(true);
      return;
    }
    case Fault::Action::NeverAnswer: {
      // Hold until stop(), the 10-minute cap, or the client going away (so a
      // client that gave up does not pin a worker thread).
      auto deadline = Clock::now() + std::chrono::milliseconds(kNeverAnswerMaxMs);
      while (!stopping.load()) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) break;
        pollfd p[2] = {{conn ? conn->fd : -1, POLLRDHUP, 0}, {stop_fd, POLLIN, 0}};
        int r = ::poll(p, 2, static_cast<int>(std::min<long long>(left, 1000)));
        if (r < 0 && errno != EINTR) break;
        if (r > 0 && (p[1].revents || (p[0].revents & (POLLRDHUP | POLLHUP | POLLERR)))) break;
      }
      if (conn) conn->abort(false);
      return;
    }
    case Fault::Action::Oversize: {
      res.status = f.status ? f.status : 200;
      apply_extra_headers(f, res, &ctype);
      size_t total = f.size ? f.size : kDefaultOversize;
      auto prefix = std::make_shared<std::string>("{\"data\":[");
      auto unit = std::make_shared<std::string>(
          (catalog.models.empty() ? std::string("{\"id\":\"x\",\"type\":\"model\"}") : catalog.models.front().plain) + ",");
      const std::atomic<bool>* stop_flag = &stopping;
      res.set_content_provider(
          total, ctype, [prefix, unit, stop_flag](size_t offset, size_t length, httplib::DataSink& sink) {
            if (stop_flag->load()) return false;
            static thread_local std::vector<char> buf(65536);
            size_t n = std::min(length, buf.size());
            for (size_t i = 0; i < n; ++i) {
              size_t o = offset + i;
              buf[i] = o < prefix->size() ? (*prefix)[o] : (*unit)[(o - prefix->size()) % unit->size()];
            }
            return sink.write(buf.data(), n);
          });
      return;
    }
    case Fault::Action::Truncate:
    case Fault::Action::ResetMidBody:
    case Fault::Action::Trickle: {
      httplib::Response normal;
      normal.set_header("request-id", request_id_of(res));
      handle_api(ri, normal);
      res.status = f.status ? f.status : normal.status;
      copy_headers(normal, res);
      std::string nctype = normal.get_header_value("Content-Type");
      if (!nctype.empty()) ctype = nctype;
      apply_extra_headers(f, res, &ctype);
      auto body = std::make_shared<std::string>(normal.body);
      if (f.action == Fault::Action::Truncate) {
        size_t announced = body->size() + std::max<size_t>(body->size(), 64);
        size_t sent = body->size() / 2;
        res.set_content_provider(announced, ctype, [body, sent](size_t, size_t, httplib::DataSink& sink) {
          if (sent > 0) sink.write(body->data(), sent);
          return false;  // httplib then closes the connection (FIN)
        });
      } else if (f.action == Fault::Action::ResetMidBody) {
        size_t sent = body->size() / 2;
        res.set_content_provider(body->size(), ctype, [body, sent](size_t, size_t, httplib::DataSink& sink) {
          if (sent > 0) sink.write(body->data(), sent);
          if (tl_conn) tl_conn->abort(true);
          return false;  // the socket is closed with SO_LINGER {1,0}: TCP RST
        });
      } else {
        size_t n = f.size ? f.size : body->size();
        if (body->size() < n) body->append(n - body->size(), ' ');
        body->resize(n);
        int interval = std::max(0, f.interval_ms);
        const Impl* self = this;
        res.set_content_provider(n, ctype, [body, interval, self](size_t offset, size_t, httplib::DataSink& sink) {
          if (!self->sleep_ms(interval)) return false;
          return sink.write(body->data() + offset, 1);
        });
      }
      return;
    }
  }
}

}  // namespace mock
}  // namespace am
