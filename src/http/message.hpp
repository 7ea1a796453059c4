#pragma once
// Qinglian's own HTTP request/response types. Handlers see only these, never RESTinio's.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ql::http {

enum class Method { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, OTHER };
// The method's token, e.g. "GET"; "OTHER" for methods we do not route.
std::string_view to_string(Method m);
// Exact (case-sensitive, as RFC 9110 says) token to Method; unknown tokens give OTHER.
Method parse_method(std::string_view token);
// Standard reason phrase for a status code ("Not Found"); "Unknown" for unlisted codes.
std::string_view reason_phrase(int status);

// Header names are compared case-insensitively.
struct CaseInsensitiveLess {
  using is_transparent = void;  // lets Headers::find take a string_view without a copy
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

struct Request {
  Method method = Method::GET;
  std::string target;                               // raw target, e.g. /api/v1/users?page=2
  std::string path;                                 // percent-decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  std::string remote_ip;
  std::map<std::string, std::string> path_params;   // filled by the Router from {name} segments

  // First query value for key, if present.
  std::optional<std::string> query_param(std::string_view key) const;
  std::optional<std::string> header(std::string_view name) const;
  // Value of cookie `name` from the Cookie header.
  std::optional<std::string> cookie(std::string_view name) const;
  // True when the best-ranked Accept-Language tag (highest q, earliest on ties) is English
  // (en, en-US, ...). Absent, empty or anything else means zh-CN, the default.
  bool prefers_english() const;
  // True when Accept-Encoding accepts gzip with a non-zero weight (by name, or through "*"
  // when gzip is not listed).
  bool accepts_gzip() const;
  // Value of a {name} capture of the matched route. Absence is a programming error (pattern
  // and handler disagree), so it throws ql::Error of kind internal.
  const std::string& path_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the bytes sent instead of `body`: an immutable buffer shared with a cache (a
  // rendered public page), which the server hands to the socket as it is. A busy page then costs
  // no per-request copy of its bytes.
  std::shared_ptr<const std::string> shared_body;

  // The bytes that will be sent: *shared_body when set, else body.
  std::string_view content() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }

  // body is already-serialised JSON; sets Content-Type application/json; charset=utf-8.
  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  // Like text(), sending the shared bytes without copying them (see shared_body).
  static Response shared(int status, std::shared_ptr<const std::string> body, std::string content_type);
  // 204 with an empty body.
  static Response no_content();
};

// Splits an origin-form target ("/path?query") into the decoded path and decoded query pairs
// (keys without '=' get an empty value; '+' in the query means space). Returns false, leaving
// the outputs unspecified, when the target does not start with '/', has a malformed %XX, or
// decodes to a NUL byte, a control character in the path, or invalid UTF-8.
bool parse_target(std::string_view target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& query);
// Decodes %XX escapes (and '+' as space if asked). ok is set to false for a malformed escape
// or a NUL byte; the returned string is then meaningless.
std::string percent_decode(std::string_view s, bool plus_as_space, bool& ok);

}  // namespace ql::http
