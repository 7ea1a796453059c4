#pragma once
// The only place that knows RESTinio. Accepts connections, turns RESTinio requests into
// ql::http::Request, runs the Router on a thread pool, maps escaped exceptions to the error
// shape, and records metrics.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace ql::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;          // 0: pick a free port (tests); see Server::port()
  std::size_t threads = 4;
  std::size_t max_body_bytes = 8 * 1024 * 1024;   // larger bodies get 413
  std::size_t max_pipelined_requests = 16;
  std::size_t max_connections = 4096;
};

// Maps an exception escaping a handler to a response (the boundary: ql::Error -> its status
// and {"error":{"code","message"}}; anything else -> 500 without internals).
Response error_response(std::exception_ptr e, const Request& req);

// Runs the full pipeline for one request: routing, 404/405, handler, error mapping, metrics.
// The server calls this; tests call it directly without sockets.
Response dispatch(const Router& router, Request& req, Metrics* metrics);

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();
  // Binds and starts serving on background threads; returns once listening.
  void start();
  // Stops accepting, finishes in-flight requests, joins threads.
  void stop();
  // Blocks until SIGINT/SIGTERM, then stops.
  void run_until_signal();
  std::uint16_t port() const;  // the bound port (useful with port 0)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ql::http
