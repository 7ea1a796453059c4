// Runs a real Server on a free loopback port and talks raw HTTP/1.1 to it with a small
// blocking client, so framing (Content-Length, HEAD, pipelining, early rejections) is tested
// the way a browser or wrk sees it. dispatch() alone is tested at the bottom, without sockets.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <asio.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <future>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/error.hpp"

namespace ql::http {
namespace {

using namespace std::chrono_literals;

struct ClientResponse {
  int status = 0;
  std::string reason;
  Headers headers;
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// One keep-alive connection. Reads are bounded by a timeout so a server bug fails the test
// instead of hanging it.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(io_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
  }

  void send(const std::string& raw) { asio::write(socket_, asio::buffer(raw)); }

  // Reads one response; head: the request was HEAD, so no body follows the headers.
  ClientResponse read(bool head = false) {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) throw std::runtime_error("connection closed before a full response");
    }
    ClientResponse r;
    const std::string head_text = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    std::size_t line_end = head_text.find("\r\n");
    const std::string status_line = head_text.substr(0, line_end);
    r.status = std::stoi(status_line.substr(9, 3));
    r.reason = status_line.size() > 13 ? status_line.substr(13) : "";
    while (line_end != std::string::npos) {
      const auto start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      const auto line = head_text.substr(start, line_end == std::string::npos ? std::string::npos
                                                                              : line_end - start);
      const auto colon = line.find(':');
      r.headers[line.substr(0, colon)] = line.substr(line.find_first_not_of(' ', colon + 1));
    }
    const std::size_t length =
        head ? 0 : std::stoul(r.headers.count("Content-Length") ? r.headers["Content-Length"] : "0");
    while (buffer_.size() < length) {
      if (!fill()) throw std::runtime_error("connection closed inside a body");
    }
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
  }

  ClientResponse request(const std::string& method, const std::string& target,
                         const std::string& extra_headers = "", const std::string& body = "") {
    send(method + " " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers +
         (body.empty() ? "" : "Content-Length: " + std::to_string(body.size()) + "\r\n") +
         "\r\n" + body);
    return read(method == "HEAD");
  }

  // True when the server closes the connection without sending anything more.
  bool closed_without_response() {
    try {
      while (fill()) {
      }
    } catch (const std::runtime_error&) {
      return false;  // timed out: still open
    }
    return buffer_.empty();
  }

 private:
  // Appends what arrives within 3 s; false on EOF or reset.
  bool fill() {
    char chunk[4096];
    std::optional<asio::error_code> result;
    std::size_t n = 0;
    socket_.async_read_some(asio::buffer(chunk), [&](const asio::error_code& ec, std::size_t got) {
      result = ec;
      n = got;
    });
    io_.restart();
    io_.run_for(3s);
    if (!result) {
      socket_.cancel();
      io_.restart();
      io_.run();
      throw std::runtime_error("timed out waiting for the server");
    }
    if (*result) return false;
    buffer_.append(chunk, n);
    return true;
  }

  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  std::string buffer_;
};

Router test_router() {
  Router r;
  r.add(Method::GET, "/hello", [](Request&) { return Response::text(200, "hello"); });
  r.add(Method::POST, "/echo", [](Request& req) {
    return Response::text(200, req.body + "|" + req.header("X-Tag").value_or(""));
  });
  r.add(Method::GET, "/api/v1/items/{id}", [](Request& req) {
    return Response::json(200, nlohmann::json{{"id", req.path_param("id")},
                                              {"q", req.query_param("q").value_or("")}}
                                   .dump());
  });
  r.add(Method::GET, "/api/v1/cached", [](Request&) {
    auto res = Response::json(200, "{}");
    res.headers["Cache-Control"] = "max-age=60";
    return res;
  });
  r.add(Method::GET, "/api/v1/fail/ql", [](Request&) -> Response {
    throw bad_request("bad_thing", "坏了", "Broken", "thing");
  });
  r.add(Method::GET, "/api/v1/fail/internal", [](Request&) -> Response {
    throw Error(ErrorKind::internal, "db", "数据库", "SQL secret: relation users");
  });
  r.add(Method::GET, "/api/v1/fail/std", [](Request&) -> Response {
    throw std::runtime_error("secret detail");
  });
  r.add(Method::GET, "/api/v1/fail/json", [](Request&) -> Response {
    return Response::json(200, nlohmann::json::parse("{").dump());
  });
  r.add(Method::GET, "/api/v1/fail/unknown", [](Request&) -> Response { throw 42; });
  r.add(Method::GET, "/slow", [](Request&) {
    std::this_thread::sleep_for(300ms);
    return Response::text(200, "slow");
  });
  r.add(Method::DELETE, "/api/v1/items/{id}", [](Request&) { return Response::no_content(); });
  // A body shared with a cache, as the public page sends it: 40 KB, more than one socket write.
  static const auto shared = std::make_shared<const std::string>(std::string(40000, 'x') + "end");
  r.add(Method::GET, "/shared", [](Request&) { return Response::shared(200, shared, "text/html; charset=utf-8"); });
  return r;
}

class ServerLoopback : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.max_body_bytes = 1024;
    server_.emplace(o, router_, metrics_);
    server_->start();
    ASSERT_NE(server_->port(), 0);
  }
  void TearDown() override { server_.reset(); }

  Client client() { return Client(server_->port()); }

  Router router_ = test_router();
  Metrics metrics_;
  std::optional<Server> server_;
};

TEST_F(ServerLoopback, GetAndHead) {
  auto c = client();
  auto r = c.request("GET", "/hello");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.reason, "OK");
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.headers["Content-Type"], "text/plain; charset=utf-8");
  EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_FALSE(r.headers.count("Cache-Control"));

  // HEAD: the GET route, GET's Content-Length, no body (else the next response would not parse).
  r = c.request("HEAD", "/hello");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["Content-Length"], "5");
  r = c.request("GET", "/api/v1/items/%E4%B8%AD?q=a+b");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json(), (nlohmann::json{{"id", "中"}, {"q", "a b"}}));
  EXPECT_EQ(r.headers["Cache-Control"], "no-store");

  r = c.request("DELETE", "/api/v1/items/1");
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(ServerLoopback, SharedBodyIsSentWhole) {
  auto c = client();
  for (int i = 0; i < 3; ++i) {  // the same buffer again and again, on one connection
    auto r = c.request("GET", "/shared");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["Content-Length"], "40003");
    EXPECT_EQ(r.body, std::string(40000, 'x') + "end");
    EXPECT_EQ(r.headers["Content-Type"], "text/html; charset=utf-8");
  }
  auto head = c.request("HEAD", "/shared");
  EXPECT_EQ(head.headers["Content-Length"], "40003");
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(c.request("GET", "/hello").body, "hello");  // the stream is still in step
}

TEST_F(ServerLoopback, PostBodyAndRepeatedHeaders) {
  auto c = client();
  auto r = c.request("POST", "/echo", "X-Tag: a\r\nX-Tag: b\r\n", "{\"k\":1}");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{\"k\":1}|a, b");
}

TEST_F(ServerLoopback, PipelinedRequestsAnswerInOrder) {
  auto c = client();
  c.send(
      "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"
      "GET /api/v1/items/9 HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(c.read().body, "hello");
  EXPECT_EQ(c.read().body, "abc|");
  EXPECT_EQ(c.read().json()["id"], "9");
  EXPECT_EQ(c.read().status, 404);
}

TEST_F(ServerLoopback, NotFoundAndMethodNotAllowed) {
  auto c = client();
  auto r = c.request("GET", "/api/v1/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["error"]["code"], "not_found");
  EXPECT_EQ(r.headers["Content-Type"], "application/json; charset=utf-8");
  EXPECT_EQ(r.headers["Cache-Control"], "no-store");

  r = c.request("DELETE", "/hello", "Accept-Language: en\r\n");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.reason, "Method Not Allowed");
  EXPECT_EQ(r.headers["Allow"], "GET, HEAD");
  EXPECT_EQ(r.json()["error"]["code"], "method_not_allowed");
  EXPECT_EQ(r.json()["error"]["message"], "Method not allowed for this endpoint");
}

TEST_F(ServerLoopback, OversizedBodies) {
  auto c = client();
  auto r = c.request("POST", "/echo", "", std::string(2000, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json()["error"]["code"], "body_too_large");
  // Within the hard cap the connection stays usable.
  EXPECT_EQ(c.request("GET", "/hello").status, 200);
  EXPECT_EQ(c.request("POST", "/echo", "", std::string(1024, 'y')).status, 200);

  // Beyond it, RESTinio's parser rejects the Content-Length before reading the body: the
  // connection is closed without a response (never a 500).
  auto big = client();
  big.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n");
  EXPECT_TRUE(big.closed_without_response());
}

TEST_F(ServerLoopback, MalformedTargetIs400) {
  auto c = client();
  for (const char* target : {"/a%zz", "/a%00b", "/ok?x=%G1", "/%FF"}) {
    const auto r = c.request("GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.json()["error"]["code"], "invalid_target") << target;
  }
}

TEST_F(ServerLoopback, ErrorMappingInBothLanguages) {
  auto c = client();
  auto r = c.request("GET", "/api/v1/fail/ql");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json(), (nlohmann::json{{"error", {{"code", "bad_thing"}, {"message", "坏了"},
                                                 {"field", "thing"}}}}));
  r = c.request("GET", "/api/v1/fail/ql", "Accept-Language: en-US,en;q=0.9\r\n");
  EXPECT_EQ(r.json()["error"]["message"], "Broken");

  for (const char* path : {"/api/v1/fail/internal", "/api/v1/fail/std", "/api/v1/fail/json",
                           "/api/v1/fail/unknown"}) {
    r = c.request("GET", path);
    EXPECT_EQ(r.status, 500) << path;
    EXPECT_EQ(r.json(), (nlohmann::json{{"error", {{"code", "internal"},
                                                   {"message", "服务器内部错误"}}}}))
        << path;
    r = c.request("GET", path, "Accept-Language: en\r\n");
    EXPECT_EQ(r.json()["error"]["message"], "Internal server error") << path;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << path;
  }
}

TEST_F(ServerLoopback, CacheControlAndMetrics) {
  auto c = client();
  EXPECT_EQ(c.request("GET", "/api/v1/cached").headers["Cache-Control"], "max-age=60");
  c.request("GET", "/api/v1/items/1");
  c.request("GET", "/api/v1/items/2");
  c.request("GET", "/nothing");
  const auto text = metrics_.render();
  EXPECT_NE(text.find(R"(qinglian_http_requests_total{method="GET",route="/api/v1/items/{id}",status="200"} 2)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(route="unmatched",status="404"} 1)"), std::string::npos);
}

TEST_F(ServerLoopback, StopWaitsForRequestsInProgress) {
  auto c = client();
  c.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  std::this_thread::sleep_for(100ms);  // let the handler start
  auto stopped = std::async(std::launch::async, [this] { server_->stop(); });
  EXPECT_EQ(c.read().body, "slow");
  stopped.get();
  server_->stop();  // idempotent
  EXPECT_THROW(Client(server_->port()), asio::system_error);  // no longer listening
}

TEST_F(ServerLoopback, BusyPortThrowsAndStartIsOnce) {
  ServerOptions o;
  o.port = server_->port();
  Server other(o, router_, metrics_);
  EXPECT_ANY_THROW(other.start());
  EXPECT_THROW(server_->start(), std::logic_error);
}

TEST(ServerLimits, ConnectionsOverTheCapAreClosed) {
  Router router = test_router();
  Metrics metrics;
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.max_connections = 2;
  Server server(o, router, metrics);
  server.start();
  Client a(server.port()), b(server.port());
  EXPECT_EQ(a.request("GET", "/hello").status, 200);  // answered, so surely counted
  EXPECT_EQ(b.request("GET", "/hello").status, 200);
  Client c(server.port());  // the kernel accepts; the server closes it at once
  EXPECT_TRUE(c.closed_without_response());
  // Closing one frees a slot.
  a.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(a.read().status, 200);
  EXPECT_TRUE(a.closed_without_response());
  // The server counts the close just after the client sees it, so allow a few attempts.
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    try {
      Client d(server.port());
      served = d.request("GET", "/hello").status == 200;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(10ms);
    }
  }
  EXPECT_TRUE(served);
}

TEST(ServerLimits, TheCapCountsEveryShard) {
  Router router = test_router();
  Metrics metrics;
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  o.io_threads = 2;
  o.max_connections = 2;
  Server server(o, router, metrics);
  server.start();
  // The kernel spreads connections over the shards' sockets; the cap is still for all.
  Client a(server.port()), b(server.port());
  EXPECT_EQ(a.request("GET", "/hello").status, 200);
  EXPECT_EQ(b.request("GET", "/hello").status, 200);
  Client c(server.port());
  EXPECT_TRUE(c.closed_without_response());
}

TEST(ServerShards, EveryShardServesAndAPortInUseIsRefused) {
  Router router = test_router();
  Metrics metrics;
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  o.io_threads = 3;
  Server server(o, router, metrics);
  server.start();
  // Enough connections that each of the three sockets gets some (the kernel hashes them).
  std::deque<Client> clients;  // a Client does not move
  for (int i = 0; i < 24; ++i) clients.emplace_back(server.port());
  for (auto& c : clients) EXPECT_EQ(c.request("GET", "/hello").body, "hello");
  // SO_REUSEPORT must not let a second server share the port.
  ServerOptions same = o;
  same.port = server.port();
  Server other(same, router, metrics);
  EXPECT_THROW(other.start(), asio::system_error);
}

TEST(ServerShards, QuickPathAnswersOrDeclines) {
  Router router;
  router.add(
      Method::GET, "/q", [](Request&) { return Response::text(200, "handler"); },
      [](Request& req) -> std::optional<Response> {
        if (req.query_param("fail")) throw std::runtime_error("fast path broke");
        if (req.query_param("fast")) return Response::text(200, "quick");
        return std::nullopt;
      });
  Metrics metrics;
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  Server server(o, router, metrics);
  server.start();
  Client c(server.port());
  auto r = c.request("GET", "/q?fast=1");
  EXPECT_EQ(r.body, "quick");
  EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");  // finished like any response
  EXPECT_EQ(c.request("GET", "/q").body, "handler");
  EXPECT_EQ(c.request("GET", "/q?fail=1").body, "handler");  // a failing fast path declines
  EXPECT_NE(metrics.render().find("route=\"/q\""), std::string::npos);
}

TEST(ServerShards, ASlowHandlerDoesNotHoldUpItsShard) {
  Router router = test_router();
  Metrics metrics;
  ServerOptions o;
  o.port = 0;
  o.threads = 2;     // two workers
  o.io_threads = 1;  // one shard: both connections are on it
  Server server(o, router, metrics);
  server.start();
  Client slow(server.port()), other(server.port());
  slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");  // the handler sleeps 300 ms
  std::this_thread::sleep_for(50ms);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(other.request("GET", "/hello").body, "hello");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 200ms);
  EXPECT_EQ(slow.read().body, "slow");
}

// dispatch() without sockets.

Request make_request(Method method, std::string path) {
  Request r;
  r.method = method;
  r.path = std::move(path);
  return r;
}

TEST(HttpDispatch, FallbackLabelsAndHeaders) {
  Router router;
  router.add(Method::GET, "/x", [](Request&) { return Response::text(200, "x"); });
  Metrics metrics;
  auto req = make_request(Method::GET, "/whatever");
  auto r = dispatch(router, req, &metrics);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["message"], "请求的地址不存在");

  router.set_fallback([](Request& req) -> Response {
    if (req.path == "/api/missing") throw no_route_error();
    return Response::text(200, "spa");
  });
  req = make_request(Method::GET, "/whatever");
  r = dispatch(router, req, &metrics);
  EXPECT_EQ(r.body, "spa");
  EXPECT_EQ(r.headers.at("X-Content-Type-Options"), "nosniff");
  req = make_request(Method::GET, "/api/missing");
  r = dispatch(router, req, nullptr);  // metrics are optional
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.headers.at("Cache-Control"), "no-store");
  req = make_request(Method::GET, "/api/missing");
  dispatch(router, req, &metrics);

  const auto text = metrics.render();
  EXPECT_NE(text.find(R"(route="static",status="200"} 1)"), std::string::npos);
  EXPECT_NE(text.find(R"(route="unmatched",status="404"} 2)"), std::string::npos);
}

TEST(HttpDispatch, RowProblemsAreListed) {
  Router router;
  router.add(Method::POST, "/import", [](Request&) -> Response {
    throw bad_request("invalid_rows", "有错误", "Rows have errors")
        .with_problems({{3, "name", "不能为空", "must not be empty"}});
  });
  auto req = make_request(Method::POST, "/import");
  req.headers["Accept-Language"] = "en";
  const auto body = nlohmann::json::parse(dispatch(router, req, nullptr).body);
  EXPECT_EQ(body["error"]["code"], "invalid_rows");
  EXPECT_EQ(body["error"]["problems"],
            (nlohmann::json::array({{{"row", 3}, {"column", "name"}, {"message", "must not be empty"}}})));

  router.add(Method::POST, "/plain", [](Request&) -> Response { throw bad_request("x", "x", "x"); });
  req = make_request(Method::POST, "/plain");
  EXPECT_FALSE(nlohmann::json::parse(dispatch(router, req, nullptr).body)["error"].contains("problems"));
}

TEST(HttpDispatch, ErrorResponseWithoutException) {
  Request req;
  const auto r = error_response(nullptr, req);
  EXPECT_EQ(r.status, 500);
}

}  // namespace
}  // namespace ql::http
