// bench_restinio_constant: the baseline for bench/run.sh. A bare RESTinio server that answers
// every request with the same bytes, configured like src/http/server.cpp (N shards, each an
// io_context run by one thread with single-thread traits and its own acceptor on the port via
// SO_REUSEPORT; asio timer manager, max_pipelined_requests, TCP_NODELAY, body limit), so
// that a wrk run against it measures what RESTinio itself costs on this machine in the same
// run as the measurement of qinglian. It does no routing, parsing or database work on purpose.
// Not copied: qinglian's cap on open connections, which is checked once per accepted
// connection (not per request) and is far above the connections a benchmark opens.
//
// Usage:
//   bench_restinio_constant [--address 127.0.0.1] [--port 0] [--threads 2]
//                           [--body TEXT | --body-file PATH] [--content-type TYPE]
//                           [--header 'Name: value']...
// Prints "listening on ADDRESS:PORT (N threads, B body bytes)" once bound (port 0 picks a free
// port), then serves until SIGINT/SIGTERM. Exit status 2 on bad arguments, 1 on start failure.
#include <restinio/http_server.hpp>
#include <restinio/message_builders.hpp>
#include <restinio/null_logger.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

// The traits and timer manager of src/http/server.cpp; the logger is null (ours demotes
// everything RESTinio says to spdlog debug, i.e. logs nothing at the default level).
using Traits = restinio::single_thread_traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
using HttpServer = restinio::http_server_t<Traits>;

// ServerOptions defaults from src/http/server.hpp.
constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;
constexpr std::size_t kMaxPipelinedRequests = 16;

struct Options {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
  std::size_t threads = 2;
  std::string body = "ok\n";
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "bench_restinio_constant: " << problem << "\n"
            << "usage: bench_restinio_constant [--address A] [--port P] [--threads N]\n"
            << "         [--body TEXT | --body-file PATH] [--content-type TYPE]\n"
            << "         [--header 'Name: value']...\n";
  std::exit(2);
}

unsigned long parse_number(const std::string& flag, const std::string& text, unsigned long max) {
  std::size_t used = 0;
  unsigned long value = 0;
  try {
    value = std::stoul(text, &used);
  } catch (const std::exception&) {
    usage(flag + " needs a number, got '" + text + "'");
  }
  if (used != text.size() || value > max) usage(flag + " out of range: '" + text + "'");
  return value;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") usage("help");
    if (i + 1 >= argc) usage("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--address") {
      o.address = value;
    } else if (flag == "--port") {
      o.port = static_cast<std::uint16_t>(parse_number(flag, value, 65535));
    } else if (flag == "--threads") {
      o.threads = parse_number(flag, value, 256);
      if (o.threads == 0) usage("--threads must be at least 1");
    } else if (flag == "--body") {
      o.body = value;
    } else if (flag == "--body-file") {
      std::ifstream in(value, std::ios::binary);
      if (!in) usage("cannot read --body-file " + value);
      o.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } else if (flag == "--content-type") {
      o.content_type = value;
    } else if (flag == "--header") {
      const auto colon = value.find(':');
      if (colon == std::string::npos || colon == 0) usage("--header needs 'Name: value'");
      std::string_view v(value);
      v.remove_prefix(colon + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.remove_suffix(1);
      o.headers.emplace_back(value.substr(0, colon), std::string(v));
    } else {
      usage("unknown option " + flag);
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);

  struct Shard {
    asio::io_context io{1};  // before `server`, which needs it while being destroyed
    std::unique_ptr<HttpServer> server;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Shard>> shards;
  std::atomic<std::uint16_t> bound_port{o.port};
  const std::uint64_t body_slack = std::max<std::uint64_t>(kMaxBodyBytes, 64 * 1024);
  const bool reuse_port = o.threads > 1;
  try {
    for (std::size_t i = 0; i < o.threads; ++i) {
      auto shard = std::make_unique<Shard>();
      auto settings =
          restinio::server_settings_t<Traits>{}
              .address(o.address)
              .port(bound_port.load())  // shard 0 binds o.port (0: a free one); the rest its port
              .max_pipelined_requests(kMaxPipelinedRequests)
              .incoming_http_msg_limits(
                  restinio::incoming_http_msg_limits_t{}.max_body_size(kMaxBodyBytes + body_slack))
              .socket_options_setter([](restinio::socket_options_t& socket) {
                socket.set_option(asio::ip::tcp::no_delay{true});
              })
              .acceptor_options_setter([reuse_port](restinio::acceptor_options_t& acceptor) {
                acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
                if (reuse_port) acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
              })
              .acceptor_post_bind_hook([&bound_port](asio::ip::tcp::acceptor& acceptor) {
                bound_port = acceptor.local_endpoint().port();
              })
              .request_handler([&o](const restinio::request_handle_t& req) {
                auto resp = req->create_response();
                resp.append_header(restinio::http_field::content_type, o.content_type);
                for (const auto& [name, value] : o.headers) resp.append_header(name, value);
                resp.set_body(o.body);  // a copy per response, as a handler building a string would
                return resp.done();
              });
      shard->server = std::make_unique<HttpServer>(restinio::external_io_context(shard->io), std::move(settings));
      shard->server->open_sync();
      shards.push_back(std::move(shard));
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_restinio_constant: cannot listen on " << o.address << ":" << o.port << ": "
              << e.what() << "\n";
    return 1;
  }

  for (auto& shard : shards) shard->thread = std::thread([io = &shard->io] { io->run(); });
  std::cout << "listening on " << o.address << ":" << bound_port.load() << " (" << o.threads
            << " threads, " << o.body.size() << " body bytes)" << std::endl;

  asio::io_context signal_io;
  asio::signal_set signals(signal_io, SIGINT, SIGTERM);
  signals.async_wait([](const asio::error_code&, int) {});
  signal_io.run();

  // As src/http/server.cpp: park the threads, then close the acceptors on this thread.
  for (auto& shard : shards) shard->io.stop();
  for (auto& shard : shards) shard->thread.join();
  for (auto& shard : shards) shard->server->close_sync();
  return 0;
}
