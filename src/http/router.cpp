#include "http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string_view>

namespace ql::http {

namespace {

// "/" has no segments; "/a/b/" has "a", "b" and "" (so a trailing slash never matches a route
// without one).
// The result is a per-thread buffer, valid until the thread's next call: routing runs on
// every request, and this spares it an allocation.
const std::vector<std::string_view>& split_path(std::string_view path) {
  thread_local std::vector<std::string_view> out;
  out.clear();
  if (path.empty() || path == "/") return out;
  if (path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_capture(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::string_view capture_name(std::string_view segment) {
  return segment.substr(1, segment.size() - 2);
}

bool segments_match(const Router::Route& route, const std::vector<std::string_view>& path) {
  const auto& pattern = route.segments;
  if (route.rest ? path.size() < pattern.size() : pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i >= pattern.size() || is_capture(pattern[i])) {  // past the end only for a rest capture
      if (path[i].empty()) return false;  // "/users//x" must not capture an empty id
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

// True when a is more specific than b: at the first position where one has a literal and the
// other a capture, the literal wins. Both match the same path, so literals at the same
// position are equal.
// A rest capture loses to any route without one, and among rest routes the one with more
// segments before its rest capture wins (it names more of the path).
bool more_specific(const Router::Route& a, const Router::Route& b) {
  for (std::size_t i = 0; i < std::min(a.segments.size(), b.segments.size()); ++i) {
    const bool ca = is_capture(a.segments[i]);
    const bool cb = is_capture(b.segments[i]);
    if (ca != cb) return cb;
  }
  if (a.rest != b.rest) return b.rest;
  return a.segments.size() > b.segments.size();
}

bool same_shape(const Router::Route& a, const Router::Route& b) {
  if (a.segments.size() != b.segments.size() || a.rest != b.rest) return false;
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    const bool ca = is_capture(a.segments[i]);
    if (ca != is_capture(b.segments[i])) return false;
    if (!ca && a.segments[i] != b.segments[i]) return false;
  }
  return true;
}

constexpr Method kAllMethods[] = {Method::GET,   Method::HEAD,   Method::POST,   Method::PUT,
                                  Method::PATCH, Method::DELETE, Method::OPTIONS};

}  // namespace

Error no_route_error() {
  return Error(ErrorKind::not_found, "not_found", "请求的地址不存在", "No such endpoint");
}

void Router::add(Method method, std::string pattern, Handler handler, QuickHandler quick) {
  const auto fail = [&](const std::string& why) {
    throw std::invalid_argument("route " + std::string(to_string(method)) + " " + pattern +
                                ": " + why);
  };
  if (method == Method::OTHER) fail("method OTHER cannot be routed");
  if (pattern.empty() || pattern.front() != '/') fail("pattern must start with '/'");
  if (!handler) fail("empty handler");

  Route route{method, pattern, {}, std::move(handler), false, std::move(quick)};
  std::set<std::string> names;
  const auto segments = split_path(pattern);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    std::string segment(segments[i]);
    if (segment.empty()) fail("empty segment");
    if (is_capture(segment) && segment.ends_with("...}")) {
      if (i + 1 != segments.size()) fail("a rest capture must be the last segment");
      route.rest = true;
      segment.erase(segment.size() - 4, 3);                         // "{name...}" -> "{name}"
      route.pattern = pattern.substr(0, pattern.size() - 4) + "}";  // it is the last segment
    }
    if (is_capture(segment)) {
      const auto name = capture_name(segment);
      if (name.empty() || name.find_first_of("{}/") != std::string_view::npos) {
        fail("bad capture name");
      }
      if (!names.insert(std::string(name)).second) fail("duplicate capture name");
    } else if (segment.find_first_of("{}") != std::string_view::npos) {
      fail("a capture must be a whole segment");
    }
    route.segments.push_back(std::move(segment));
  }
  for (const auto& existing : routes_) {
    if (existing.method == method && same_shape(existing, route)) {
      fail("duplicates " + existing.pattern);
    }
  }
  const std::size_t index = routes_.size();
  const std::size_t n = route.segments.size();
  if (route.rest) {
    rest_.push_back(index);
  } else {
    if (by_count_.size() <= n) by_count_.resize(n + 1);
    Level& level = by_count_[n];
    const std::size_t k = key_position(n);
    if (k < n && is_capture(route.segments[k])) {
      level.wildcard.push_back(index);
    } else {
      level.by_literal[k < n ? route.segments[k] : std::string()].push_back(index);
    }
  }
  routes_.push_back(std::move(route));
}

Router::Match Router::match(Request& req) const {
  const auto& path = split_path(req.path);
  const Route* best = nullptr;           // same method
  const Route* best_get = nullptr;       // GET route serving a HEAD request
  const Route* best_any = nullptr;       // any method, for 405
  bool allowed[std::size(kAllMethods)] = {};

  // The candidates: the routes filed under this path's shape (see Level), in the order they
  // were added, so that ties resolve as a scan of every route would.
  static const std::vector<std::size_t> kNone;
  const std::vector<std::size_t>* literal = &kNone;
  const std::vector<std::size_t>* wildcard = &kNone;
  if (path.size() < by_count_.size()) {
    const Level& level = by_count_[path.size()];
    const std::size_t k = key_position(path.size());
    const auto it = level.by_literal.find(k < path.size() ? path[k] : std::string_view());
    if (it != level.by_literal.end()) literal = &it->second;
    wildcard = &level.wildcard;
  }
  std::size_t a = 0, b = 0, c = 0;
  const auto next = [&]() -> const Route* {
    std::size_t best_index = routes_.size();
    if (a < literal->size()) best_index = std::min(best_index, (*literal)[a]);
    if (b < wildcard->size()) best_index = std::min(best_index, (*wildcard)[b]);
    if (c < rest_.size()) best_index = std::min(best_index, rest_[c]);
    if (best_index == routes_.size()) return nullptr;
    if (a < literal->size() && (*literal)[a] == best_index) ++a;
    else if (b < wildcard->size() && (*wildcard)[b] == best_index) ++b;
    else ++c;
    return &routes_[best_index];
  };

  while (const Route* candidate = next()) {
    const Route& route = *candidate;
    if (!segments_match(route, path)) continue;
    allowed[static_cast<std::size_t>(route.method)] = true;
    if (!best_any || more_specific(route, *best_any)) best_any = &route;
    if (route.method == req.method) {
      if (!best || more_specific(route, *best)) best = &route;
    } else if (req.method == Method::HEAD && route.method == Method::GET) {
      if (!best_get || more_specific(route, *best_get)) best_get = &route;
    }
  }

  Match m;
  if (!best) best = best_get;
  if (best) {
    req.path_params.clear();
    const std::size_t n = best->segments.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (is_capture(best->segments[i])) {
        req.path_params.emplace(std::string(capture_name(best->segments[i])),
                                std::string(path[i]));
      }
    }
    if (best->rest) {  // the rest capture also takes every segment after its own
      auto& value = req.path_params[std::string(capture_name(best->segments[n - 1]))];
      for (std::size_t i = n; i < path.size(); ++i) value.append("/").append(path[i]);
    }
    m.handler = &best->handler;
    if (best->quick) m.quick = &best->quick;
    m.pattern = &best->pattern;
  } else if (best_any) {
    // Every GET route also answers HEAD (see above), so Allow must say so.
    allowed[static_cast<std::size_t>(Method::HEAD)] |=
        allowed[static_cast<std::size_t>(Method::GET)];
    m.method_not_allowed = true;
    m.pattern = &best_any->pattern;
    for (const Method method : kAllMethods) {
      if (!allowed[static_cast<std::size_t>(method)]) continue;
      if (!m.allow.empty()) m.allow += ", ";
      m.allow += to_string(method);
    }
  }
  return m;
}

}  // namespace ql::http
