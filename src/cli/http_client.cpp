#include "cli/http_client.hpp"

#include <asio.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <cctype>
#include <optional>

#include "core/error.hpp"

namespace ql::cli {
namespace {

constexpr std::size_t kMaxResponseBytes = 16 * 1024 * 1024;

Error http_error(const std::string& zh, const std::string& en) {
  return Error(ErrorKind::unavailable, "http_error", zh, en);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

Error malformed(const std::string& why) {
  return http_error("服务器的 HTTP 响应无效: " + why, "Malformed HTTP response: " + why);
}

std::string dechunk(std::string_view in) {
  std::string out;
  for (;;) {
    const auto eol = in.find("\r\n");
    if (eol == std::string_view::npos) throw malformed("truncated chunk size");
    const auto size_text = trim(in.substr(0, std::min(eol, in.find(';'))));
    std::size_t size = 0;
    try {
      size = std::stoul(size_text, nullptr, 16);
    } catch (const std::exception&) {
      throw malformed("bad chunk size");
    }
    in.remove_prefix(eol + 2);
    if (size == 0) return out;
    if (in.size() < size + 2) throw malformed("truncated chunk");
    out.append(in.substr(0, size));
    in.remove_prefix(size + 2);
  }
}

// Whether raw already holds a whole response (so a server keeping the connection open does not
// make us wait for the deadline).
bool complete(const std::string& raw) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return false;
  const auto head = lower(raw.substr(0, head_end));
  const auto body = raw.size() - head_end - 4;
  if (head.find("\r\ntransfer-encoding:") != std::string::npos && head.find("chunked") != std::string::npos)
    return raw.ends_with("\r\n0\r\n\r\n") || (body == 5 && raw.ends_with("0\r\n\r\n"));
  const auto at = head.find("\r\ncontent-length:");
  if (at == std::string::npos) return false;
  try {
    return body >= std::stoull(head.substr(at + 17));
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

HttpResponse parse_http_response(const std::string& raw) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) throw malformed("no end of headers");
  const std::string_view head(raw.data(), head_end);
  const auto first_eol = head.find("\r\n");
  const auto status_line = head.substr(0, first_eol);
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) throw malformed("bad status line");
  HttpResponse r;
  try {
    r.status = std::stoi(std::string(status_line.substr(9, 3)));
  } catch (const std::exception&) {
    throw malformed("bad status code");
  }
  std::optional<std::size_t> length;
  bool chunked = false;
  std::string_view rest = first_eol == std::string_view::npos ? std::string_view() : head.substr(first_eol + 2);
  while (!rest.empty()) {
    const auto eol = rest.find("\r\n");
    const auto line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) throw malformed("bad header line");
    const auto name = lower(std::string(line.substr(0, colon)));
    const auto value = trim(line.substr(colon + 1));
    if (name == "content-length") {
      try {
        length = std::stoull(value);
      } catch (const std::exception&) {
        throw malformed("bad Content-Length");
      }
    } else if (name == "transfer-encoding") {
      chunked = lower(value).find("chunked") != std::string::npos;
    } else if (name == "content-type") {
      r.content_type = value;
    }
  }
  const std::string_view body(raw.data() + head_end + 4, raw.size() - head_end - 4);
  if (chunked) {
    r.body = dechunk(body);
  } else if (length) {
    if (body.size() < *length) throw malformed("body shorter than Content-Length");
    r.body = std::string(body.substr(0, *length));
  } else {
    r.body = std::string(body);
  }
  return r;
}

HttpClient::HttpClient(const std::string& base_url, std::chrono::milliseconds timeout) : timeout_(timeout) {
  const auto bad = [&](const std::string& why_zh, const std::string& why_en) {
    return bad_request("invalid_url", "地址 " + base_url + " 无效: " + why_zh, "Invalid URL " + base_url + ": " + why_en);
  };
  if (base_url.starts_with("https://")) throw bad("不支持 https", "https is not supported, use http://");
  if (!base_url.starts_with("http://")) throw bad("须以 http:// 开头", "must start with http://");
  std::string rest = base_url.substr(7);
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) prefix_ = rest.substr(slash);
  while (!prefix_.empty() && prefix_.back() == '/') prefix_.pop_back();
  if (authority.empty() || authority.find('@') != std::string::npos) throw bad("缺少主机名", "no host");
  std::string port_text;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) throw bad("IPv6 地址缺少 ]", "unterminated IPv6 address");
    host_ = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') throw bad("端口格式错误", "bad port");
      port_text = authority.substr(close + 2);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string::npos) {
    host_ = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  } else {
    host_ = authority;
  }
  if (host_.empty()) throw bad("缺少主机名", "no host");
  if (!port_text.empty()) {
    if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw bad("端口格式错误", "bad port");
    const auto p = std::stoul(port_text);
    if (p == 0 || p > 65535) throw bad("端口超出范围", "port out of range");
    port_ = static_cast<std::uint16_t>(p);
  }
}

HttpResponse HttpClient::get(const std::string& path) { return request("GET", path, nullptr, ""); }

HttpResponse HttpClient::post(const std::string& path, const std::string& body, const std::string& content_type) {
  return request("POST", path, &body, content_type);
}

HttpResponse HttpClient::request(const std::string& method, const std::string& path, const std::string* body,
                                 const std::string& content_type) {
  const std::string where = "http://" + host_ + ":" + std::to_string(port_) + prefix_ + path;
  std::string req = method + " " + prefix_ + path + " HTTP/1.1\r\n";
  req += "Host: " + (host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_) + ":" + std::to_string(port_) + "\r\n";
  req += "User-Agent: qinglian-witness\r\nAccept: */*\r\nConnection: close\r\n";
  if (body) {
    req += "Content-Type: " + content_type + "\r\n";
    req += "Content-Length: " + std::to_string(body->size()) + "\r\n";
  }
  req += "\r\n";
  if (body) req += *body;

  asio::io_context io;
  asio::ip::tcp::resolver resolver(io);
  asio::ip::tcp::socket socket(io);
  asio::error_code failure;
  std::string stage = "resolve";
  std::string raw;
  std::array<char, 16384> chunk{};
  bool done = false;

  std::function<void()> read_more = [&] {
    socket.async_read_some(asio::buffer(chunk), [&](const asio::error_code& ec, std::size_t n) {
      raw.append(chunk.data(), n);
      if (ec == asio::error::eof || (!ec && complete(raw))) {
        done = true;
        return;
      }
      if (ec) {
        failure = ec;
        return;
      }
      if (raw.size() > kMaxResponseBytes) {
        failure = asio::error::message_size;
        return;
      }
      read_more();
    });
  };
  resolver.async_resolve(host_, std::to_string(port_), [&](const asio::error_code& ec, asio::ip::tcp::resolver::results_type results) {
    if (ec) {
      failure = ec;
      return;
    }
    stage = "connect";
    asio::async_connect(socket, results, [&](const asio::error_code& ec2, const asio::ip::tcp::endpoint&) {
      if (ec2) {
        failure = ec2;
        return;
      }
      stage = "send";
      asio::async_write(socket, asio::buffer(req), [&](const asio::error_code& ec3, std::size_t) {
        if (ec3) {
          failure = ec3;
          return;
        }
        stage = "receive";
        read_more();
      });
    });
  });
  io.run_for(timeout_);
  if (!done && !failure) {
    asio::error_code ignored;
    socket.close(ignored);
    io.run_for(std::chrono::milliseconds(100));  // let the handlers see the cancellation
    throw http_error(where + " 超时(" + stage + ")", "Timed out (" + stage + ") requesting " + where);
  }
  if (failure)
    throw http_error("请求 " + where + " 失败(" + stage + "): " + failure.message(),
                     "Request to " + where + " failed (" + stage + "): " + failure.message());
  return parse_http_response(raw);
}

}  // namespace ql::cli
