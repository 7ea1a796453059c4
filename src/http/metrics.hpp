#pragma once
// Prometheus-style counters and a latency histogram per route, rendered as text exposition
// format for GET /metrics. Thread-safe and cheap on the request path.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace ql::http {

class Metrics {
 public:
  // Content-Type of render()'s output (Prometheus text format 0.0.4).
  static constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // route: the matched pattern (or "unmatched"); method e.g. "GET"; status the HTTP status.
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // Extra gauges appended at render time, e.g. the DB pool: fn returns lines in exposition format.
  // A collector that throws is logged and skipped, so one broken gauge cannot break /metrics.
  void add_collector(std::function<std::string()> fn);
  // The whole exposition: request counters, 4xx/5xx counters, latency histograms, process
  // start time and uptime, then every collector's lines.
  std::string render() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ql::http
