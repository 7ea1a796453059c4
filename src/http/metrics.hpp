#pragma once
// Prometheus-style counters and a latency histogram per route, rendered as text exposition
// format for GET /metrics. Thread-safe and cheap on the request path.
#include <cstdint>
#include <functional>
#include <string>

namespace ql::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  // route: the matched pattern (or "unmatched"); method e.g. "GET"; status the HTTP status.
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // Extra gauges appended at render time, e.g. the DB pool: fn returns lines in exposition format.
  void add_collector(std::function<std::string()> fn);
  std::string render() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace ql::http
