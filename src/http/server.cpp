// The only translation unit that includes RESTinio (see docs/CONVENTIONS.md).
#include "http/server.hpp"

// Room for a response's usual headers (RESTinio reserves 4, and growing the vector moves
// every field each time). Only this translation unit includes RESTinio, so the value is the
// same everywhere it is used.
#define RESTINIO_HEADER_FIELDS_DEFAULT_RESERVE_COUNT 12
#include <restinio/http_server.hpp>
#include <restinio/message_builders.hpp>

#include <asio/post.hpp>
#include <asio/thread_pool.hpp>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <set>
#include <thread>
#include <utility>
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

// Caps open connections at ServerOptions::max_connections, across every shard. RESTinio 0.6.16
// has its own connection_count_limiter, but each connection's lifetime monitor points into the
// acceptor, so a keep-alive connection still open when the server is destroyed (its pending
// read is destroyed with the io_context, after the acceptor) writes to freed memory; ASan shows
// it. This gate counts connections through the state listener instead and refuses new ones over
// the cap at accept time (they are closed at once rather than left in the backlog).
class ConnectionGate {
 public:
  explicit ConnectionGate(std::size_t max) : max_(max) {}

  bool allow() {
    std::lock_guard lock(mutex_);
    if (open_.size() < max_) return true;
    spdlog::warn("refusing a connection: {} connections open", open_.size());
    return false;
  }
  // Connection ids are per RESTinio server, so each shard's are kept apart. A set (not a
  // counter) because close() may report the same connection twice.
  void opened(std::size_t shard, restinio::connection_id_t id) {
    std::lock_guard lock(mutex_);
    open_.emplace(shard, id);
  }
  void closed(std::size_t shard, restinio::connection_id_t id) {
    std::lock_guard lock(mutex_);
    open_.erase({shard, id});
  }

 private:
  std::mutex mutex_;
  std::set<std::pair<std::size_t, restinio::connection_id_t>> open_;
  const std::size_t max_;
};

// One shard's view of the shared gate, in the shape RESTinio's traits ask for.
class ShardGate {
 public:
  ShardGate(std::shared_ptr<ConnectionGate> gate, std::size_t shard) : gate_(std::move(gate)), shard_(shard) {}

  // RESTinio's IP-blocker interface, called for every accepted socket.
  restinio::ip_blocker::inspection_result_t inspect(const restinio::ip_blocker::incoming_info_t&) noexcept {
    return gate_->allow() ? restinio::ip_blocker::allow() : restinio::ip_blocker::deny();
  }

  // RESTinio's connection-state-listener interface.
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    const auto cause = notice.cause();
    try {
      if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
        gate_->opened(shard_, notice.connection_id());
      } else if (restinio::holds_alternative<restinio::connection_state::closed_t>(cause)) {
        gate_->closed(shard_, notice.connection_id());
      }
    } catch (const std::bad_alloc&) {
      // Not counted: the cap is a safeguard, not worth failing a connection over.
    }
  }

 private:
  std::shared_ptr<ConnectionGate> gate_;
  std::size_t shard_;
};

// Each shard's io_context is run by exactly one thread, so RESTinio's per-connection strands
// are not needed (single_thread_traits_t: no strand, no locking on the connection's work).
struct Traits : restinio::single_thread_traits_t<restinio::asio_timer_manager_t, SpdlogLogger> {
  using ip_blocker_t = ShardGate;
  using connection_state_listener_t = ShardGate;
};
using HttpServer = restinio::http_server_t<Traits>;

// Headers RESTinio writes itself from the response it frames; a handler's copy would duplicate
// or contradict them.
bool is_framing_header(std::string_view name) {
  const auto equal = [](std::string_view a, std::string_view b) {
    const CaseInsensitiveLess less;
    return a.size() == b.size() && !less(a, b) && !less(b, a);
  };
  return equal(name, "Content-Length") || equal(name, "Transfer-Encoding") || equal(name, "Connection");
}

// The peer's address as text. IPv4 (nearly every peer) is formatted by hand: inet_ntop goes
// through sprintf, a noticeable part of serving a cached page.
std::string address_text(const asio::ip::address& address) {
  if (!address.is_v4()) return address.to_string();
  const auto bytes = address.to_v4().to_bytes();
  char buf[16];
  char* out = buf;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) *out++ = '.';
    const unsigned v = bytes[i];
    if (v >= 100) *out++ = static_cast<char>('0' + v / 100);
    if (v >= 10) *out++ = static_cast<char>('0' + v / 10 % 10);
    *out++ = static_cast<char>('0' + v % 10);
  }
  return std::string(buf, out);
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
  req.remote_ip = address_text(in.remote_endpoint().address());
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

namespace {

// dispatch() for a request already matched (on the I/O thread) and started at `start`.
Response run_matched(const Router& router, Request& req, const Router::Match& match, Metrics* metrics,
                     Clock::time_point start) {
  const std::string* route = &kUnmatched;
  Response resp;
  try {
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

// The matched route's fast path, finished like any response; nullopt when there is none or it
// declines. A fast path that fails declines too: the handler meets the same problem and
// reports it properly.
std::optional<Response> run_quick(Request& req, const Router::Match& match, Metrics* metrics,
                                  Clock::time_point start) {
  if (!match.quick) return std::nullopt;
  std::optional<Response> resp;
  try {
    resp = (*match.quick)(req);
  } catch (...) {
    return std::nullopt;
  }
  if (resp) finish(req, *resp, *match.pattern, start, metrics);
  return resp;
}

}  // namespace

Response dispatch(const Router& router, Request& req, Metrics* metrics) {
  const auto start = Clock::now();
  const auto match = router.match(req);
  if (auto quick = run_quick(req, match, metrics, start)) return std::move(*quick);
  return run_matched(router, req, match, metrics, start);
}

// The server is sharded like nginx's workers: each I/O thread runs its own io_context with its
// own RESTinio server, all listening on the same port (SO_REUSEPORT, the kernel spreads the
// connections), so reading, parsing and writing never contend between threads. Handlers, which
// may block on the database, run on a separate worker pool, so a slow one never holds up the
// other connections of its shard; only a route's fast path (QuickHandler) runs on the I/O
// thread.
struct Shard {
  // Declared before `server` so that it is destroyed after it: the acceptor socket and timers
  // inside `server` need the io_context's services when they are destroyed.
  asio::io_context io{1};
  std::unique_ptr<HttpServer> server;
  std::thread thread;
};

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  Metrics& metrics;

  std::shared_ptr<ConnectionGate> connection_gate;
  std::vector<std::unique_ptr<Shard>> shards;
  std::unique_ptr<asio::thread_pool> workers;
  std::atomic<std::uint16_t> port{0};
  // Requests read whose response is not yet written. Shared with RESTinio's write callbacks,
  // which may run (as "write group destroyed") while an io_context is being torn down.
  std::shared_ptr<std::atomic<int>> in_flight = std::make_shared<std::atomic<int>>(0);
  // Set by stop() once the worker pool is joined: requests still being read are then answered
  // on the thread that drains the shards.
  std::atomic<bool> draining{false};

  std::mutex state_mutex;
  bool started = false;
  bool stopped = false;

  Impl(ServerOptions o, const Router& r, Metrics& m) : options(std::move(o)), router(r), metrics(m) {}

  restinio::request_handling_status_t handle(const restinio::request_handle_t& handle);
  std::optional<Response> reject(const restinio::request_t& in, Request& req, Clock::time_point start);
  void answer(const restinio::request_handle_t& handle, Request& req, const Router::Match& match,
              Clock::time_point start);
  void send(const restinio::request_handle_t& handle, const Request& req, Response resp);
  // send(), logging a failure (the connection is gone) instead of throwing it; false then.
  bool send_logged(const restinio::request_handle_t& handle, const Request& req, Response resp);
  void open_shard(std::size_t index, std::uint16_t port, bool reuse_port);
};

std::optional<Response> Server::Impl::reject(const restinio::request_t& in, Request& req,
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
  if (!rejected) return std::nullopt;
  Response resp = error_json(*rejected, req.prefers_english());
  finish(req, resp, kUnmatched, start, &metrics);
  return resp;
}

void Server::Impl::send(const restinio::request_handle_t& handle, const Request& req,
                        Response resp) {
  auto out = handle->create_response<restinio::user_controlled_output_t>(
      restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
          std::string(reason_phrase(resp.status))});
  // Moved out node by node: RESTinio keeps its own strings, and these are not needed again.
  while (!resp.headers.empty()) {
    auto field = resp.headers.extract(resp.headers.begin());
    if (!is_framing_header(field.key())) out.append_header(std::move(field.key()), std::move(field.mapped()));
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

// Runs the matched route and sends its response; on whichever thread calls it.
void Server::Impl::answer(const restinio::request_handle_t& handle, Request& req, const Router::Match& match,
                          Clock::time_point start) {
  Response resp;
  try {
    resp = run_matched(router, req, match, &metrics, start);
  } catch (...) {
    // Only allocation failures get here (run_matched maps everything else).
    resp = error_response(std::current_exception(), req);
  }
  send_logged(handle, req, std::move(resp));
}

bool Server::Impl::send_logged(const restinio::request_handle_t& handle, const Request& req, Response resp) {
  try {
    send(handle, req, std::move(resp));
    return true;
  } catch (const std::exception& e) {
    --*in_flight;
    spdlog::error("failed to send a response: {}", e.what());
    return false;
  }
}

restinio::request_handling_status_t Server::Impl::handle(const restinio::request_handle_t& handle) {
  const auto start = Clock::now();
  ++*in_flight;
  Request req;
  std::optional<Response> now;  // a response decided on this thread
  try {
    req = to_request(*handle);
    now = reject(*handle, req, start);
    if (!now) {
      req.body = handle->body();
      auto match = router.match(req);
      now = run_quick(req, match, &metrics, start);
      if (!now) {
        if (draining) {
          answer(handle, req, match, start);
        } else {
          asio::post(*workers, [this, handle, req = std::move(req), match = std::move(match), start]() mutable {
            answer(handle, req, match, start);
          });
        }
        return restinio::request_accepted();
      }
    }
  } catch (...) {
    // Only allocation failures get here (everything above maps its errors).
    now = error_response(std::current_exception(), req);
  }
  return send_logged(handle, req, std::move(*now)) ? restinio::request_accepted() : restinio::request_rejected();
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() { stop(); }

void Server::Impl::open_shard(std::size_t index, std::uint16_t bind_port, bool reuse_port) {
  auto shard = std::make_unique<Shard>();
  const std::uint64_t body_slack = std::max<std::uint64_t>(options.max_body_bytes, 64 * 1024);
  auto shard_gate = std::make_shared<ShardGate>(connection_gate, index);
  Impl* impl = this;
  auto settings =
      restinio::server_settings_t<Traits>{}
          .address(options.address)
          .port(bind_port)
          .max_pipelined_requests(std::max<std::size_t>(options.max_pipelined_requests, 1))
          .ip_blocker(shard_gate)
          .connection_state_listener(shard_gate)
          .incoming_http_msg_limits(
              restinio::incoming_http_msg_limits_t{}.max_body_size(options.max_body_bytes + body_slack))
          // Small JSON responses must not wait for Nagle's algorithm (40 ms delayed-ACK stalls).
          .socket_options_setter([](restinio::socket_options_t& socket) {
            socket.set_option(asio::ip::tcp::no_delay{true});
          })
          .acceptor_options_setter([reuse_port](restinio::acceptor_options_t& acceptor) {
            acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
            if (reuse_port) acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
          })
          .acceptor_post_bind_hook([impl, index](asio::ip::tcp::acceptor& acceptor) {
            if (index == 0) impl->port = acceptor.local_endpoint().port();
          })
          .request_handler(
              [impl](const restinio::request_handle_t& handle) { return impl->handle(handle); });
  shard->server = std::make_unique<HttpServer>(restinio::external_io_context(shard->io), std::move(settings));
  // Opened on the caller's thread before any shard runs, so a bind failure is thrown to the
  // caller and port() is valid as soon as start() returns.
  shard->server->open_sync();
  shards.push_back(std::move(shard));
}

void Server::start() {
  std::lock_guard lock(impl_->state_mutex);
  if (impl_->started) throw std::logic_error("Server::start called twice");
  auto& impl = *impl_;
  const auto& o = impl.options;
  const std::size_t threads = std::max<std::size_t>(o.threads, 1);
  std::size_t io_threads = o.io_threads;
  if (io_threads == 0) io_threads = std::min<std::size_t>(threads, std::max(1u, std::thread::hardware_concurrency()));

  impl.connection_gate = std::make_shared<ConnectionGate>(std::max<std::size_t>(o.max_connections, 1));
  if (io_threads == 1) {
    impl.open_shard(0, o.port, false);
  } else {
    // SO_REUSEPORT would let this server share a port that another one (of the same user)
    // already listens on, so a plain bind first checks that the port is free, and picks it
    // when port 0 was asked for.
    std::uint16_t bind_port = o.port;
    {
      asio::io_context probe_io;
      asio::ip::tcp::acceptor probe(probe_io);
      const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(o.address), o.port);
      probe.open(endpoint.protocol());
      probe.set_option(asio::ip::tcp::acceptor::reuse_address(true));
      probe.bind(endpoint);  // throws asio::system_error when the port is taken
      bind_port = probe.local_endpoint().port();
    }
    for (std::size_t i = 0; i < io_threads; ++i) impl.open_shard(i, bind_port, true);
  }
  impl.workers = std::make_unique<asio::thread_pool>(threads);
  impl.started = true;
  for (auto& shard : impl.shards) {
    shard->thread = std::thread([io = &shard->io] {
      // RESTinio's handlers do not throw; should one, log it and keep the thread serving.
      while (true) {
        try {
          io->run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("HTTP I/O thread: unexpected exception: {}", e.what());
        }
      }
    });
  }
  spdlog::info("HTTP server listening on {}:{} ({} I/O threads, {} worker threads)", o.address,
               impl.port.load(), io_threads, threads);
}

void Server::stop() {
  std::lock_guard lock(impl_->state_mutex);
  if (!impl_->started || impl_->stopped) return;
  impl_->stopped = true;
  auto& impl = *impl_;

  // Park the I/O threads first, then let the workers finish every handler already handed to
  // them (their responses wait in the stopped io_contexts), then close the listening sockets
  // from this thread. RESTinio's close_async would run the close on an executor that is not
  // serialised with its accept loop, a data race ThreadSanitizer reports.
  for (auto& shard : impl.shards) shard->io.stop();
  for (auto& shard : impl.shards) shard->thread.join();
  impl.workers->join();
  impl.draining = true;
  for (auto& shard : impl.shards) shard->server->close_sync();

  // Let responses already produced be written (and requests already read be answered) on
  // this thread; idle keep-alive connections are dropped when the io_contexts go away.
  for (auto& shard : impl.shards) shard->io.restart();
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (*impl.in_flight > 0 && Clock::now() < deadline) {
    for (auto& shard : impl.shards) shard->io.run_for(std::chrono::milliseconds(2));
  }
  for (auto& shard : impl.shards) shard->io.stop();
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
