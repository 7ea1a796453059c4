#pragma once
// Matches method + path to a handler. Patterns are literal segments and {name} captures,
// e.g. "/api/v1/users/{id}". A path that matches a pattern with another method gets 405.
#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace ql::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // route_name is the pattern itself; it labels metrics so that ids do not explode them.
  void add(Method method, std::string pattern, Handler handler);
  // Fallback for paths no route matches (static files, SPA index).
  void set_fallback(Handler handler) { fallback_ = std::move(handler); }

  struct Match {
    const Handler* handler = nullptr;
    const std::string* pattern = nullptr;  // matched pattern, for metrics
    bool method_not_allowed = false;
  };
  // Fills req.path_params on success.
  Match match(Request& req) const;
  const Handler* fallback() const { return fallback_ ? &fallback_ : nullptr; }

  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace ql::http
