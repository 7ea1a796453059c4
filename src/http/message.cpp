#include "http/message.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace ql::http {

namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view ws = " \t";
  const auto first = s.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(ws);
  return s.substr(first, last - first + 1);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). Decoded paths and query
// values end up in JSON and logs; rejecting bad bytes here keeps a client's typo a 400 instead
// of a serialisation failure (500) deep inside a handler.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    char32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

bool has_control_char(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

// The weight (RFC 9110 12.4.2) of one Accept-Language or Accept-Encoding entry: "q=0.8" among
// its parameters; 1 when absent, and 0 (not acceptable) when malformed so that garbage never wins.
double quality(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() < 2 || ascii_lower(param[0]) != 'q' || param[1] != '=') continue;
    const auto value = param.substr(2);
    // Hand-rolled because the grammar is tiny (0, 0.x.., 1, 1.000) and from_chars for double
    // would also accept exponents and the like.
    if (value.empty() || (value[0] != '0' && value[0] != '1')) return 0;
    double q = value[0] - '0';
    if (value.size() > 1) {
      if (value[1] != '.' || value.size() > 5) return 0;
      double scale = 0.1;
      for (char c : value.substr(2)) {
        if (c < '0' || c > '9') return 0;
        q += (c - '0') * scale;
        scale /= 10;
      }
    }
    return std::min(q, 1.0);
  }
  return 1;
}

}  // namespace

std::string_view to_string(Method m) {
  switch (m) {
    case Method::GET: return "GET";
    case Method::HEAD: return "HEAD";
    case Method::POST: return "POST";
    case Method::PUT: return "PUT";
    case Method::PATCH: return "PATCH";
    case Method::DELETE: return "DELETE";
    case Method::OPTIONS: return "OPTIONS";
    case Method::OTHER: return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view token) {
  for (Method m : {Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::PATCH,
                   Method::DELETE, Method::OPTIONS}) {
    if (token == to_string(m)) return m;
  }
  return Method::OTHER;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 423: return "Locked";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(),
      [](char x, char y) { return ascii_lower(x) < ascii_lower(y); });
}

std::optional<std::string> Request::query_param(std::string_view key) const {
  for (const auto& [k, v] : query) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::header(std::string_view name) const {
  const auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  const auto cookies = header("Cookie");
  if (!cookies) return std::nullopt;
  std::string_view rest = *cookies;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    const auto pair = trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
    auto value = trim(pair.substr(eq + 1));
    // RFC 6265 allows a cookie value in double quotes; the quotes are not part of it.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

namespace {

// Calls fn(token, weight) for each entry of a weighted list header (Accept-Language,
// Accept-Encoding: "a;q=0.5, b"), in order.
template <typename Fn>
void for_each_weighted(std::string_view list, Fn fn) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto entry = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    const auto semi = entry.find(';');
    fn(trim(entry.substr(0, semi)), semi == std::string_view::npos ? 1.0 : quality(entry.substr(semi + 1)));
  }
}

}  // namespace

bool Request::prefers_english() const {
  const auto accept = header("Accept-Language");
  if (!accept) return false;
  std::string_view best_tag;
  double best_q = 0;
  for_each_weighted(*accept, [&](std::string_view tag, double q) {
    // Strictly greater: on equal q the earlier entry wins, as browsers list by preference.
    if (!tag.empty() && q > best_q) {
      best_q = q;
      best_tag = tag;
    }
  });
  return best_tag.size() >= 2 && iequals(best_tag.substr(0, 2), "en") &&
         (best_tag.size() == 2 || best_tag[2] == '-');
}

bool Request::accepts_gzip() const {
  const auto accept = header("Accept-Encoding");
  if (!accept) return false;
  double gzip_q = -1, any_q = -1;  // -1: not listed
  for_each_weighted(*accept, [&](std::string_view coding, double q) {
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gzip_q = std::max(gzip_q, q);
    else if (coding == "*") any_q = std::max(any_q, q);
  });
  // An explicit entry for gzip wins over "*" (RFC 9110 12.5.3).
  return gzip_q >= 0 ? gzip_q > 0 : any_q > 0;
}

const std::string& Request::path_param(const std::string& name) const {
  const auto it = path_params.find(name);
  if (it == path_params.end()) {
    throw Error(ErrorKind::internal, "internal", "服务器内部错误", "Internal server error: route "
                "has no path parameter '" + name + "'");
  }
  return it->second;
}

Response Response::json(int status, std::string body) {
  return text(status, std::move(body), "application/json; charset=utf-8");
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.headers.emplace("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

Response Response::shared(int status, std::shared_ptr<const std::string> body, std::string content_type) {
  Response r;
  r.status = status;
  r.headers.emplace("Content-Type", std::move(content_type));
  r.shared_body = std::move(body);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

std::string percent_decode(std::string_view s, bool plus_as_space, bool& ok) {
  ok = true;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      const int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        ok = false;
        return {};
      }
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      c = ' ';
    }
    if (c == '\0') {
      ok = false;
      return {};
    }
    out.push_back(c);
  }
  return out;
}

bool parse_target(std::string_view target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& query) {
  // Only origin-form: absolute-form and "*" are for proxies and OPTIONS *, which we don't serve.
  if (target.empty() || target.front() != '/') return false;
  // A fragment is never sent by browsers; if a client sends one it is not part of the resource.
  target = target.substr(0, target.find('#'));
  const auto qmark = target.find('?');
  bool ok = false;
  path = percent_decode(target.substr(0, qmark), false, ok);
  if (!ok || has_control_char(path) || !valid_utf8(path)) return false;

  query.clear();
  if (qmark == std::string_view::npos) return true;
  std::string_view rest = target.substr(qmark + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto piece = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (piece.empty()) continue;  // "a=1&&b=2" or a trailing '&'
    const auto eq = piece.find('=');
    std::string key = percent_decode(piece.substr(0, eq), true, ok);
    if (!ok || !valid_utf8(key)) return false;
    std::string value;
    if (eq != std::string_view::npos) {
      value = percent_decode(piece.substr(eq + 1), true, ok);
      if (!ok || !valid_utf8(value)) return false;
    }
    query.emplace_back(std::move(key), std::move(value));
  }
  return true;
}

}  // namespace ql::http
