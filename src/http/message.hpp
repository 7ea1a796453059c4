#pragma once
// Qinglian's own HTTP request/response types. Handlers see only these, never RESTinio's.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ql::http {

enum class Method { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, OTHER };
std::string_view to_string(Method m);

// Header names are compared case-insensitively.
struct CaseInsensitiveLess {
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
  // True when Accept-Language prefers English (en, en-US, ...) over Chinese.
  bool prefers_english() const;
  const std::string& path_param(const std::string& name) const;  // throws if absent
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();
};

// Splits a target into decoded path and query pairs. Returns nullopt for a malformed
// percent-encoding.
bool parse_target(std::string_view target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& query);
std::string percent_decode(std::string_view s, bool plus_as_space, bool& ok);

}  // namespace ql::http
