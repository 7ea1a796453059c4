// The only translation unit that includes RESTinio (see docs/CONVENTIONS.md).
#include "http/server.hpp"

#include <restinio/http_server.hpp>
#include <restinio/message_builders.hpp>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/error.hpp"

namespace ql::http {

namespace {

using Clock = std::chrono::steady_clock;

// Route labels for requests no pattern matched; static so metrics get a stable reference.
const std::string kUnmatched = "unmatched";
const std::string kStatic = "static";

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

// The one builder of the error body, so every error the server sends has the same shape:
// {"error":{"code","message","field"?,"problems"?}}. Errors are never cacheable.
Response error_json(int status, std::string_view code, std::string_view message,
                    std::string_view field = {}, nlohmann::json problems = nullptr) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  if (!problems.is_null()) error["problems"] = std::move(problems);
  auto r = Response::json(status, nlohmann::json{{"error", std::move(error)}}.dump(
                                      -1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers["Cache-Control"] = "no-store";
  return r;
}

Response error_json(const Error& e, bool english) {
  nlohmann::json problems;  // null: no "problems" key
  if (!e.problems().empty()) {
    // An import reports every bad row at once, so the user can fix the file in one pass.
    problems = nlohmann::json::array();
    for (const auto& p : e.problems()) {
      nlohmann::json problem = {{"row", p.row},
                                {"column", p.column},
                                {"message", english ? p.message_en : p.message_zh}};
      if (!p.code.empty()) problem["code"] = p.code;
      problems.push_back(std::move(problem));
    }
  }
  return error_json(e.http_status(), e.code(), e.message(english), e.field(), std::move(problems));
}

Response internal_error(bool english) {
  return error_json(500, "internal", english ? "Internal server error" : "服务器内部错误");
}

// Adds the headers every response carries, records metrics and writes the access line.
void finish(const Request& req, Response& resp, const std::string& route, Clock::time_point start,
            Metrics* metrics) {
  resp.headers["X-Content-Type-Options"] = "nosniff";
  // API data is per user and changes on every write; no proxy or browser cache may keep it.
  if (is_api_path(req.path)) resp.headers.try_emplace("Cache-Control", "no-store");
  const std::chrono::duration<double> elapsed = Clock::now() - start;
  if (metrics) metrics->observe(std::string(to_string(req.method)), route, resp.status,
                                elapsed.count());
  spdlog::debug("{} {} {} {} {:.3f}ms", req.remote_ip, to_string(req.method),
                req.path.empty() ? req.target : req.path, resp.status, elapsed.count() * 1000);
}

// RESTinio's logger interface on top of spdlog. RESTinio reports at warn/error mostly what
// peers do (parse errors, resets, timeouts, oversized bodies), which is not something an
// operator can act on, so it is demoted to debug; start-up failures throw from start().
struct SpdlogLogger {
  template <typename Builder>
  void trace(Builder&& msg) const { log(spdlog::level::trace, msg); }
  template <typename Builder>
  void info(Builder&& msg) const { log(spdlog::level::trace, msg); }
  template <typename Builder>
  void warn(Builder&& msg) const { log(spdlog::level::debug, msg); }
  template <typename Builder>
  void error(Builder&& msg) const { log(spdlog::level::debug, msg); }

 private:
  template <typename Builder>
  static void log(spdlog::level::level_enum level, Builder& msg) {
    if (spdlog::default_logger_raw()->should_log(level)) spdlog::log(level, "restinio: {}", msg());
  }
};

// Caps open connections at ServerOptions::max_connections. RESTinio 0.6.16 has its own
// connection_count_limiter, but each connection's lifetime monitor points into the acceptor,
// so a keep-alive connection still open when the server is destroyed (its pending read is
// destroyed with the io_context, after the acceptor) writes to freed memory; ASan shows it.
// This gate counts connections through the state listener instead and refuses new ones over
// the cap at accept time (they are closed at once rather than left in the backlog).
class ConnectionGate {
 public:
  explicit ConnectionGate(std::size_t max) : max_(max) {}

  // RESTinio's IP-blocker interface, called for every accepted socket.
  restinio::ip_blocker::inspection_result_t inspect(
      const restinio::ip_blocker::incoming_info_t&) noexcept {
    std::lock_guard lock(mutex_);
    if (open_.size() < max_) return restinio::ip_blocker::allow();
    spdlog::warn("refusing a connection: {} connections open", open_.size());
    return restinio::ip_blocker::deny();
  }

  // RESTinio's connection-state-listener interface. A set (not a counter) because close()
  // may report the same connection twice.
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    std::lock_guard lock(mutex_);
    const auto cause = notice.cause();
    try {
      if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
        open_.insert(notice.connection_id());
      } else if (restinio::holds_alternative<restinio::connection_state::closed_t>(cause)) {
        open_.erase(notice.connection_id());
      }
    } catch (const std::bad_alloc&) {
      // Not counted: the cap is a safeguard, not worth failing a connection over.
    }
  }

 private:
  std::mutex mutex_;
  std::unordered_set<restinio::connection_id_t> open_;
  const std::size_t max_;
};

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, SpdlogLogger> {
  using ip_blocker_t = ConnectionGate;
  using connection_state_listener_t = ConnectionGate;
};
using HttpServer = restinio::http_server_t<Traits>;

// Headers RESTinio writes itself from the response it frames; a handler's copy would duplicate
// or contradict them.
bool is_framing_header(const std::string& name) {
  static const Headers framing = {{"Content-Length", ""}, {"Transfer-Encoding", ""},
                                  {"Connection", ""}};
  return framing.contains(name);
}

Request to_request(const restinio::request_t& in) {
  Request req;
  req.method = parse_method(in.header().method().c_str());
  req.target = in.header().request_target();
  in.header().for_each_field([&req](const restinio::http_header_field_t& field) {
    // A repeated header is one comma-separated list (RFC 9110 5.3), except Cookie, whose
    // pairs are separated by "; ".
    auto [it, inserted] = req.headers.emplace(field.name(), field.value());
    if (!inserted) {
      const auto less = req.headers.key_comp();  // case-insensitive: neither less = equal
      const bool is_cookie = !less(field.name(), "Cookie") && !less("Cookie", field.name());
      it->second += is_cookie ? "; " : ", ";
      it->second += field.value();
    }
  });
  req.remote_ip = in.remote_endpoint().address().to_string();
  return req;
}

}  // namespace

Response error_response(std::exception_ptr e, const Request& req) {
  const bool english = req.prefers_english();
  if (!e) return internal_error(english);
  try {
    std::rethrow_exception(e);
  } catch (const Error& err) {
    // message_en of an internal error may carry driver or SQL details: log, don't send.
    if (err.kind() == ErrorKind::internal) {
      spdlog::error("{} {}: internal error {}: {}", to_string(req.method), req.path, err.code(),
                    err.message_en());
      return internal_error(english);
    }
    if (err.http_status() >= 500) {
      spdlog::warn("{} {}: {}: {}", to_string(req.method), req.path, err.code(), err.message_en());
    }
    return error_json(err, english);
  } catch (const std::exception& err) {
    // nlohmann::json::exception lands here too: a handler's JSON misuse is our bug, not the
    // client's, so it is a 500 as well.
    spdlog::error("{} {}: unhandled exception: {}", to_string(req.method), req.path, err.what());
  } catch (...) {
    spdlog::error("{} {}: unhandled non-standard exception", to_string(req.method), req.path);
  }
  return internal_error(english);
}

Response dispatch(const Router& router, Request& req, Metrics* metrics) {
  const auto start = Clock::now();
  const std::string* route = &kUnmatched;
  Response resp;
  try {
    const auto match = router.match(req);
    if (match.handler) {
      route = match.pattern;
      resp = (*match.handler)(req);
    } else if (match.method_not_allowed) {
      route = match.pattern;
      const bool english = req.prefers_english();
      resp = error_json(405, "method_not_allowed",
                        english ? "Method not allowed for this endpoint" : "该地址不支持此请求方法");
      resp.headers["Allow"] = match.allow;
    } else if (const auto* fallback = router.fallback()) {
      route = &kStatic;
      resp = (*fallback)(req);
    } else {
      throw no_route_error();
    }
  } catch (...) {
    resp = error_response(std::current_exception(), req);
  }
  // A fallback 404 is a path nothing serves; count it with the other unmatched requests.
  if (route == &kStatic && resp.status == 404) route = &kUnmatched;
  finish(req, resp, *route, start, metrics);
  return resp;
}

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  Metrics& metrics;

  // Declared before `server` so that it is destroyed after it: the acceptor socket and timers
  // inside `server` need the io_context's services when they are destroyed.
  asio::io_context io;
  std::unique_ptr<HttpServer> server;
  std::vector<std::thread> threads;
  std::atomic<std::uint16_t> port{0};
  // Requests handed to a handler whose response is not yet written. Shared with RESTinio's
  // write callbacks, which may run (as "write group destroyed") while the io_context itself
  // is being torn down.
  std::shared_ptr<std::atomic<int>> in_flight = std::make_shared<std::atomic<int>>(0);

  std::mutex state_mutex;
  bool started = false;
  bool stopped = false;

  Impl(ServerOptions o, const Router& r, Metrics& m) : options(std::move(o)), router(r), metrics(m) {}

  restinio::request_handling_status_t handle(const restinio::request_handle_t& handle);
  Response respond(const restinio::request_t& in, Request& req, Clock::time_point start);
  void send(const restinio::request_handle_t& handle, const Request& req, Response resp);
};

Response Server::Impl::respond(const restinio::request_t& in, Request& req,
                               Clock::time_point start) {
  // Early rejections skip routing: the request is not something a handler should see.
  std::optional<Error> rejected;
  if (in.body().size() > options.max_body_bytes) {
    rejected = Error(ErrorKind::payload_too_large, "body_too_large",
                     fmt::format("请求体不能超过 {} 字节", options.max_body_bytes),
                     fmt::format("The request body must not exceed {} bytes",
                                 options.max_body_bytes));
  } else if (!parse_target(req.target, req.path, req.query)) {
    req.path.clear();
    req.query.clear();
    rejected = bad_request("invalid_target", "请求地址格式错误",
                           "Malformed request target (path or query encoding)");
  }
  if (rejected) {
    Response resp = error_json(*rejected, req.prefers_english());
    finish(req, resp, kUnmatched, start, &metrics);
    return resp;
  }
  req.body = in.body();
  return dispatch(router, req, &metrics);
}

void Server::Impl::send(const restinio::request_handle_t& handle, const Request& req,
                        Response resp) {
  auto out = handle->create_response<restinio::user_controlled_output_t>(
      restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
          std::string(reason_phrase(resp.status))});
  for (const auto& [name, value] : resp.headers) {
    if (!is_framing_header(name)) out.append_header(name, value);
  }
  // HEAD reports the GET body's length without the body. RESTinio always writes a
  // Content-Length, so 204/304 say 0.
  const bool bodiless = resp.status == 204 || resp.status == 304 || resp.status < 200;
  out.set_content_length(bodiless ? 0 : resp.content().size());
  if (!bodiless && req.method != Method::HEAD) {
    // A shared body goes out as RESTinio's shared_ptr buffer: the socket writes from the
    // cache's own bytes, which stay alive until the write completes.
    if (resp.shared_body) {
      if (!resp.shared_body->empty()) out.set_body(std::move(resp.shared_body));
    } else {
      out.set_body(std::move(resp.body));
    }
  }
  out.done([counter = in_flight](const asio::error_code&) { --*counter; });
}

restinio::request_handling_status_t Server::Impl::handle(const restinio::request_handle_t& handle) {
  const auto start = Clock::now();
  ++*in_flight;
  Request req;
  Response resp;
  try {
    req = to_request(*handle);
    resp = respond(*handle, req, start);
  } catch (...) {
    // Only allocation failures get here (dispatch maps everything else).
    resp = error_response(std::current_exception(), req);
  }
  try {
    send(handle, req, std::move(resp));
  } catch (const std::exception& e) {
    --*in_flight;
    spdlog::error("failed to send a response: {}", e.what());
    return restinio::request_rejected();
  }
  return restinio::request_accepted();
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() { stop(); }

void Server::start() {
  std::lock_guard lock(impl_->state_mutex);
  if (impl_->started) throw std::logic_error("Server::start called twice");
  const auto& o = impl_->options;
  Impl* impl = impl_.get();

  auto gate = std::make_shared<ConnectionGate>(std::max<std::size_t>(o.max_connections, 1));
  const std::uint64_t body_slack = std::max<std::uint64_t>(o.max_body_bytes, 64 * 1024);
  auto settings =
      restinio::server_settings_t<Traits>{}
          .address(o.address)
          .port(o.port)
          .max_pipelined_requests(std::max<std::size_t>(o.max_pipelined_requests, 1))
          .ip_blocker(gate)
          .connection_state_listener(gate)
          .incoming_http_msg_limits(
              restinio::incoming_http_msg_limits_t{}.max_body_size(o.max_body_bytes + body_slack))
          // Small JSON responses must not wait for Nagle's algorithm (40 ms delayed-ACK stalls).
          .socket_options_setter([](restinio::socket_options_t& socket) {
            socket.set_option(asio::ip::tcp::no_delay{true});
          })
          .acceptor_post_bind_hook(
              [impl](asio::ip::tcp::acceptor& acceptor) { impl->port = acceptor.local_endpoint().port(); })
          .request_handler(
              [impl](const restinio::request_handle_t& handle) { return impl->handle(handle); });

  impl_->server = std::make_unique<HttpServer>(restinio::external_io_context(impl_->io),
                                               std::move(settings));
  // Opened on this thread before the pool runs, so a bind failure is thrown to the caller and
  // port() is valid as soon as start() returns.
  impl_->server->open_sync();
  impl_->started = true;
  const std::size_t threads = std::max<std::size_t>(o.threads, 1);
  for (std::size_t i = 0; i < threads; ++i) {
    impl_->threads.emplace_back([impl] {
      // RESTinio's handlers do not throw; should one, log it and keep the thread serving.
      while (true) {
        try {
          impl->io.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("HTTP worker: unexpected exception: {}", e.what());
        }
      }
    });
  }
  spdlog::info("HTTP server listening on {}:{} ({} threads)", o.address, impl_->port.load(),
               threads);
}

void Server::stop() {
  std::lock_guard lock(impl_->state_mutex);
  if (!impl_->started || impl_->stopped) return;
  impl_->stopped = true;

  // Park the pool first (threads finish the handler they are in), then close the listening
  // socket from this thread. RESTinio's close_async would run the close on an executor that
  // is not serialised with its accept loop, a data race ThreadSanitizer reports.
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  impl_->server->close_sync();

  // Let responses already produced be written (and requests already read be answered) on
  // this thread; idle keep-alive connections are dropped when the io_context goes away.
  impl_->io.restart();
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (*impl_->in_flight > 0 && Clock::now() < deadline) {
    impl_->io.run_for(std::chrono::milliseconds(10));
  }
  impl_->io.stop();
  spdlog::info("HTTP server stopped");
}

void Server::run_until_signal() {
  bool started = false;
  {
    std::lock_guard lock(impl_->state_mutex);
    started = impl_->started;
  }
  if (!started) start();
  asio::io_context signal_io;
  asio::signal_set signals(signal_io, SIGINT, SIGTERM);
  signals.async_wait([](const asio::error_code& ec, int signal) {
    if (!ec) spdlog::info("received signal {}, shutting down", signal);
  });
  signal_io.run();  // returns once the one wait above has completed
  stop();
}

std::uint16_t Server::port() const { return impl_->port.load(); }

}  // namespace ql::http
