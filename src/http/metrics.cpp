#include "http/metrics.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

namespace ql::http {

namespace {

// Latency buckets in seconds: fine below 10 ms where most API calls land, coarse up to 5 s.
constexpr std::array<double, 13> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                            0.1,    0.25,  0.5,    1,     2.5,  5};
// The same bounds as written in the `le` label; kept literal so they never render as 0.00050000001.
constexpr std::array<std::string_view, 13> kBoundLabels = {
    "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
    "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5"};

struct MethodSeries {
  std::map<int, std::uint64_t> by_status;
  std::array<std::uint64_t, kBounds.size() + 1> buckets{};  // non-cumulative; last is +Inf
  double sum = 0;
  std::uint64_t count = 0;
};
// std::less<> allows lookups by string without building a key string on every request.
using RouteSeries = std::map<std::string, MethodSeries, std::less<>>;   // by method
using RouteMap = std::map<std::string, RouteSeries, std::less<>>;       // by route

// Requests on different routes take different locks, so the pool threads rarely contend; a
// route always hashes to the same shard, so render() can merge shards by plain insertion.
struct Shard {
  std::mutex mutex;
  RouteMap routes;
};
constexpr std::size_t kShards = 16;

std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

void family_header(std::string& out, std::string_view name, std::string_view type,
                   std::string_view help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

// Counts of 4xx or 5xx responses per (route, status), summed over methods.
void error_family(std::string& out, const RouteMap& routes, std::string_view name,
                  std::string_view help, int status_class) {
  family_header(out, name, "counter", help);
  for (const auto& [route, methods] : routes) {
    std::map<int, std::uint64_t> counts;
    for (const auto& [method, series] : methods) {
      for (const auto& [status, n] : series.by_status) {
        if (status / 100 == status_class) counts[status] += n;
      }
    }
    for (const auto& [status, n] : counts) {
      fmt::format_to(std::back_inserter(out), "{}{{route=\"{}\",status=\"{}\"}} {}\n", name,
                     escape_label(route), status, n);
    }
  }
}

}  // namespace

struct Metrics::Impl {
  std::array<Shard, kShards> shards;
  std::mutex collectors_mutex;
  std::vector<std::function<std::string()>> collectors;
  // Taken when the Metrics object is built, which the server does at start-up; close enough to
  // the process start for "when did it restart" and cheaper than parsing /proc.
  std::chrono::system_clock::time_point started_wall = std::chrono::system_clock::now();
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  Shard& shard_for(std::string_view route) {
    return shards[std::hash<std::string_view>{}(route) % kShards];
  }
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  if (!(seconds >= 0)) seconds = 0;  // also catches NaN, which would poison _sum forever
  std::size_t bucket = 0;
  while (bucket < kBounds.size() && seconds > kBounds[bucket]) ++bucket;

  Shard& shard = impl_->shard_for(route);
  std::lock_guard lock(shard.mutex);
  auto route_it = shard.routes.find(route);
  if (route_it == shard.routes.end()) route_it = shard.routes.emplace(route, RouteSeries{}).first;
  auto method_it = route_it->second.find(method);
  if (method_it == route_it->second.end()) {
    method_it = route_it->second.emplace(method, MethodSeries{}).first;
  }
  MethodSeries& series = method_it->second;
  ++series.by_status[status];
  ++series.buckets[bucket];
  series.sum += seconds;
  ++series.count;
}

void Metrics::add_collector(std::function<std::string()> fn) {
  std::lock_guard lock(impl_->collectors_mutex);
  impl_->collectors.push_back(std::move(fn));
}

std::string Metrics::render() const {
  // Copy under the locks and format outside them, so a scrape never stalls requests.
  RouteMap routes;
  for (auto& shard : impl_->shards) {
    std::lock_guard lock(shard.mutex);
    routes.insert(shard.routes.begin(), shard.routes.end());
  }

  std::string out;
  auto it = std::back_inserter(out);

  family_header(out, "qinglian_http_requests_total", "counter",
                "HTTP requests served, by method, route pattern and status.");
  for (const auto& [route, methods] : routes) {
    for (const auto& [method, series] : methods) {
      for (const auto& [status, n] : series.by_status) {
        fmt::format_to(it,
                       "qinglian_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} "
                       "{}\n",
                       escape_label(method), escape_label(route), status, n);
      }
    }
  }

  error_family(out, routes, "qinglian_http_client_errors_total",
               "HTTP responses with a 4xx status, by route pattern and status.", 4);
  error_family(out, routes, "qinglian_http_errors_total",
               "HTTP responses with a 5xx status, by route pattern and status.", 5);

  family_header(out, "qinglian_http_request_duration_seconds", "histogram",
                "Time from request parsed to response ready, by method and route pattern.");
  for (const auto& [route, methods] : routes) {
    const auto route_label = escape_label(route);
    for (const auto& [method, series] : methods) {
      const auto labels = fmt::format("method=\"{}\",route=\"{}\"", escape_label(method),
                                      route_label);
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kBounds.size(); ++i) {
        cumulative += series.buckets[i];
        fmt::format_to(it, "qinglian_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                       labels, kBoundLabels[i], cumulative);
      }
      fmt::format_to(it, "qinglian_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                     labels, series.count);
      fmt::format_to(it, "qinglian_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                     series.sum);
      fmt::format_to(it, "qinglian_http_request_duration_seconds_count{{{}}} {}\n", labels,
                     series.count);
    }
  }

  using seconds = std::chrono::duration<double>;
  family_header(out, "process_start_time_seconds", "gauge",
                "Start time of the server since the Unix epoch in seconds.");
  fmt::format_to(it, "process_start_time_seconds {:.3f}\n",
                 seconds(impl_->started_wall.time_since_epoch()).count());
  family_header(out, "qinglian_uptime_seconds", "gauge", "Seconds since the server started.");
  fmt::format_to(it, "qinglian_uptime_seconds {:.3f}\n",
                 seconds(std::chrono::steady_clock::now() - impl_->started).count());

  std::vector<std::function<std::string()>> collectors;
  {
    std::lock_guard lock(impl_->collectors_mutex);
    collectors = impl_->collectors;
  }
  for (const auto& collect : collectors) {
    try {
      std::string lines = collect();
      if (!lines.empty() && lines.back() != '\n') lines.push_back('\n');
      out += lines;
    } catch (const std::exception& e) {
      spdlog::error("metrics collector failed: {}", e.what());
    } catch (...) {
      spdlog::error("metrics collector failed with a non-standard exception");
    }
  }
  return out;
}

}  // namespace ql::http
