#pragma once
// Matches method + path to a handler. Patterns are literal segments and {name} captures,
// e.g. "/api/v1/users/{id}". A path that matches a pattern with another method gets 405.
// The last segment may be a rest capture {name...}: it takes one or more non-empty segments,
// joined with '/', for resources addressed by a path of their own (c2sp.org/tlog-tiles
// "tile/0/x001/234.p/8"). Its route's pattern is stored as {name}, the OpenAPI spelling.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace ql::http {

using Handler = std::function<Response(Request&)>;
// A route's fast path, run on the I/O thread that read the request, before (and usually
// instead of) the handler: it answers from memory, without the database and without blocking,
// or declines with nullopt, and the route's handler then runs on the worker pool as usual.
// Keeping the busiest cached page off the pool saves a thread handoff per request.
using QuickHandler = std::function<std::optional<Response>(Request&)>;

// The 404 for a path nothing serves: code "not_found", in zh-CN and English. Shared by the
// dispatcher and the static-file fallback so both say the same thing.
Error no_route_error();

class Router {
 public:
  // route_name is the pattern itself; it labels metrics so that ids do not explode them.
  // pattern must start with '/'; a {name} capture must be a whole segment with a non-empty
  // name. Throws std::invalid_argument for a malformed pattern or a second route with the same
  // method and shape (e.g. /users/{id} and /users/{uid}), as both are programming errors.
  // quick, if given, is the route's fast path (see QuickHandler).
  void add(Method method, std::string pattern, Handler handler, QuickHandler quick = {});
  // Fallback for paths no route matches (static files, SPA index).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  struct Match {
    const Handler* handler = nullptr;
    const QuickHandler* quick = nullptr;  // set with handler when the route has a fast path
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
    QuickHandler quick;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // Routes that can match a path of n segments, found without scanning every route: match()
  // is on every request, and most of ~250 routes share the prefix /api/v1. Routes of n
  // segments are filed under their literal at key_position(n) (the module in /api/v1/<module>),
  // or as wildcards when a capture stands there. Rest routes can match any longer path and are
  // always candidates. Each list holds indices into routes_, ascending.
  struct Level {
    std::map<std::string, std::vector<std::size_t>, std::less<>> by_literal;
    std::vector<std::size_t> wildcard;
  };
  static std::size_t key_position(std::size_t segments) { return segments >= 3 ? 2 : 0; }

  std::vector<Route> routes_;
  std::vector<Level> by_count_;  // indexed by segment count
  std::vector<std::size_t> rest_;
  Handler fallback_;
};

}  // namespace ql::http
