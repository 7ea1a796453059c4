#pragma once
// A minimal blocking HTTP/1.1 client for the command line (`qinglian log witness`): http://
// only, one request per connection (Connection: close), Content-Length or chunked response
// bodies, a deadline per request. Domain code takes an HttpFetcher, so tests inject a fake.
#include <chrono>
#include <cstdint>
#include <string>

namespace ql::cli {

struct HttpResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// What the witness needs of HTTP. Implementations throw ql::Error (unavailable, http_error)
// when no response could be had; any HTTP status is returned, not thrown.
class HttpFetcher {
 public:
  virtual ~HttpFetcher() = default;
  // path: absolute path with query, e.g. "/log/checkpoint".
  virtual HttpResponse get(const std::string& path) = 0;
  virtual HttpResponse post(const std::string& path, const std::string& body, const std::string& content_type) = 0;
};

class HttpClient final : public HttpFetcher {
 public:
  // base_url: "http://HOST[:PORT][/PREFIX]". Throws ql::Error bad_request (invalid_url) for
  // anything else (https is not supported: put the witness next to a TLS-terminating proxy's
  // plain side, or use a tunnel).
  explicit HttpClient(const std::string& base_url, std::chrono::milliseconds timeout = std::chrono::seconds(15));

  HttpResponse get(const std::string& path) override;
  HttpResponse post(const std::string& path, const std::string& body, const std::string& content_type) override;

  const std::string& host() const noexcept { return host_; }
  std::uint16_t port() const noexcept { return port_; }

 private:
  HttpResponse request(const std::string& method, const std::string& path, const std::string* body,
                       const std::string& content_type);

  std::string host_;
  std::uint16_t port_ = 80;
  std::string prefix_;
  std::chrono::milliseconds timeout_;
};

// Parses a complete HTTP/1.1 response (status line, headers, body by Content-Length, chunked
// or up to the end). Throws ql::Error (unavailable, http_error) when it is malformed.
HttpResponse parse_http_response(const std::string& raw);

}  // namespace ql::cli
