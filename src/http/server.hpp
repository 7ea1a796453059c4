#pragma once
// The only place that knows RESTinio. Accepts connections, turns RESTinio requests into
// ql::http::Request, runs the Router's handlers on a thread pool, maps escaped exceptions to the error
// shape, and records metrics.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace ql::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;          // 0: pick a free port (tests); see Server::port()
  std::size_t threads = 4;             // worker threads that run handlers
  // Threads that read, parse and write (each with its own listening socket on the port, see
  // server.cpp); 0: as many as `threads`, at most one per CPU.
  std::size_t io_threads = 0;
  // Larger bodies get 413 with the JSON error shape. RESTinio only hands over complete
  // requests, so the server reads up to max_body_bytes + max(max_body_bytes, 64 KiB) before
  // answering; beyond that hard cap it closes the connection without a response (the parser
  // rejects the Content-Length), which bounds the memory a client can make us hold.
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::size_t max_pipelined_requests = 16;
  std::size_t max_connections = 4096;  // further connections are closed as soon as accepted
};

// Maps an exception escaping a handler to a response (the boundary: ql::Error -> its status
// and {"error":{"code","message","field"?}} in zh-CN or English per req.prefers_english();
// anything else, and ql::Error of kind internal, -> 500 with a generic message, the details
// going only to the error log).
Response error_response(std::exception_ptr e, const Request& req);

// Runs the full pipeline for one request: routing, the route's fast path if it has one, else
// 404/405 or the handler, error mapping, metrics
// (labelled by route pattern, "static" for the fallback, "unmatched" for 404s), common headers
// (X-Content-Type-Options; Cache-Control: no-store on /api/ unless set) and the debug access
// log line. The server calls this; tests call it directly without sockets. Never throws
// except std::bad_alloc.
Response dispatch(const Router& router, Request& req, Metrics* metrics);

// router and metrics must outlive the Server. Handlers run on options.threads pool threads,
// so they may block (database) but must be thread-safe; a route's QuickHandler runs on the
// I/O thread that read the request and must not block.
class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();  // stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  // Binds and starts serving on background threads; returns once listening. Throws when the
  // address cannot be bound. A Server starts at most once.
  void start();
  // Lets running handlers finish, stops accepting, gives responses already produced up to
  // 5 s to be written, then drops the remaining (idle) connections. Idempotent; must not be
  // called from a handler (it joins the pool).
  void stop();
  // Starts if needed, blocks until SIGINT/SIGTERM, then stops.
  void run_until_signal();
  std::uint16_t port() const;  // the bound port (useful with port 0)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ql::http
