#pragma once
// Matches method + path to a handler. Patterns are literal segments and {name} captures,
// e.g. "/api/v1/users/{id}". A path that matches a pattern with another method gets 405.
// The last segment may be a rest capture {name...}: it takes one or more non-empty segments,
// joined with '/', for resources addressed by a path of their own (c2sp.org/tlog-tiles
// "tile/0/x001/234.p/8"). Its route's pattern is stored as {name}, the OpenAPI spelling.
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace ql::http {

using Handler = std::function<Response(Request&)>;

// The 404 for a path nothing serves: code "not_found", in zh-CN and English. Shared by the
// dispatcher and the static-file fallback so both say the same thing.
Error no_route_error();

class Router {
 public:
  // route_name is the pattern itself; it labels metrics so that ids do not explode them.
  // pattern must start with '/'; a {name} capture must be a whole segment with a non-empty
  // name. Throws std::invalid_argument for a malformed pattern or a second route with the same
  // method and shape (e.g. /users/{id} and /users/{uid}), as both are programming errors.
  void add(Method method, std::string pattern, Handler handler);
  // Fallback for paths no route matches (static files, SPA index).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  struct Match {
    const Handler* handler = nullptr;
    // Matched pattern, for metrics. Also set when method_not_allowed (the pattern the path
    // matched), so a 405 is counted against its route.
    const std::string* pattern = nullptr;
    bool method_not_allowed = false;
    // With method_not_allowed: the methods the path does accept, for the Allow header,
    // e.g. "GET, HEAD, POST".
    std::string allow;
  };
  // Literal segments win over captures (left to right), so /users/me beats /users/{id}. HEAD
  // falls back to the GET route when there is no HEAD route. Fills req.path_params on success.
  Match match(Request& req) const;
  const Handler* fallback() const { return fallback_ ? &fallback_ : nullptr; }

  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;  // a capture is stored as "{name}"
    Handler handler;
    bool rest = false;  // the last segment is a rest capture ({name...} in the pattern)
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace ql::http
