#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ql::http {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

TEST(Metrics, CountersAndErrorFamilies) {
  Metrics m;
  m.observe("GET", "/api/v1/users", 200, 0.002);
  m.observe("GET", "/api/v1/users", 200, 0.004);
  m.observe("POST", "/api/v1/users", 400, 0.001);
  m.observe("GET", "/api/v1/users", 404, 0.001);
  m.observe("PATCH", "/api/v1/users", 404, 0.001);
  m.observe("GET", "/api/v1/users", 503, 0.5);
  const auto text = m.render();

  EXPECT_TRUE(has_line(
      text, R"(qinglian_http_requests_total{method="GET",route="/api/v1/users",status="200"} 2)"));
  EXPECT_TRUE(has_line(
      text, R"(qinglian_http_requests_total{method="POST",route="/api/v1/users",status="400"} 1)"));
  // 4xx and 5xx are summed over methods.
  EXPECT_TRUE(has_line(text, R"(qinglian_http_client_errors_total{route="/api/v1/users",status="404"} 2)"));
  EXPECT_TRUE(has_line(text, R"(qinglian_http_client_errors_total{route="/api/v1/users",status="400"} 1)"));
  EXPECT_TRUE(has_line(text, R"(qinglian_http_errors_total{route="/api/v1/users",status="503"} 1)"));
  EXPECT_EQ(count(text, "qinglian_http_errors_total{"), 1u);
}

TEST(Metrics, HistogramIsCumulative) {
  Metrics m;
  m.observe("GET", "/r", 200, 0.0004);  // <= 0.0005
  m.observe("GET", "/r", 200, 0.0005);  // le is inclusive
  m.observe("GET", "/r", 200, 0.03);    // <= 0.05
  m.observe("GET", "/r", 200, 10);      // +Inf only
  const auto text = m.render();
  const std::string p = R"(qinglian_http_request_duration_seconds_bucket{method="GET",route="/r",le=)";
  EXPECT_TRUE(has_line(text, p + R"("0.0005"} 2)"));
  EXPECT_TRUE(has_line(text, p + R"("0.025"} 2)"));
  EXPECT_TRUE(has_line(text, p + R"("0.05"} 3)"));
  EXPECT_TRUE(has_line(text, p + R"("5"} 3)"));
  EXPECT_TRUE(has_line(text, p + R"("+Inf"} 4)"));
  EXPECT_TRUE(has_line(text, R"(qinglian_http_request_duration_seconds_count{method="GET",route="/r"} 4)"));
  EXPECT_EQ(count(text, p), 14u);  // 13 bounds + +Inf

  Metrics exact;  // binary-exact values, so the sum can be compared as text
  exact.observe("GET", "/r", 200, 0.25);
  exact.observe("GET", "/r", 200, 0.5);
  EXPECT_TRUE(has_line(exact.render(),
                       R"(qinglian_http_request_duration_seconds_sum{method="GET",route="/r"} 0.75)"));
}

TEST(Metrics, HelpAndTypeOncePerFamily) {
  Metrics m;
  m.observe("GET", "/a", 200, 0.01);
  m.observe("GET", "/b", 500, 0.01);
  m.observe("POST", "/b", 200, 0.01);
  const auto text = m.render();
  for (const char* family :
       {"qinglian_http_requests_total", "qinglian_http_client_errors_total",
        "qinglian_http_errors_total", "qinglian_http_request_duration_seconds",
        "process_start_time_seconds", "qinglian_uptime_seconds"}) {
    EXPECT_EQ(count(text, std::string("# HELP ") + family + " "), 1u) << family;
    EXPECT_EQ(count(text, std::string("# TYPE ") + family + " "), 1u) << family;
  }
  EXPECT_NE(text.find("# TYPE qinglian_http_request_duration_seconds histogram\n"),
            std::string::npos);
  EXPECT_NE(text.find("\nprocess_start_time_seconds "), std::string::npos);
  EXPECT_NE(text.find("\nqinglian_uptime_seconds "), std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  Metrics m;
  m.observe("GET", "/a\"b\\c\nd", 200, 0);
  EXPECT_TRUE(has_line(
      m.render(),
      R"(qinglian_http_requests_total{method="GET",route="/a\"b\\c\nd",status="200"} 1)"));
}

TEST(Metrics, CollectorsAreAppendedAndFailuresSkipped) {
  Metrics m;
  m.add_collector([] { return std::string("# TYPE pool_size gauge\npool_size 3"); });
  m.add_collector([]() -> std::string { throw std::runtime_error("db down"); });
  m.add_collector([] { return std::string("other 1\n"); });
  const auto text = m.render();
  EXPECT_TRUE(has_line(text, "pool_size 3"));
  EXPECT_TRUE(has_line(text, "other 1"));
  EXPECT_EQ(text.back(), '\n');
}

TEST(Metrics, ConcurrentObserveLosesNothing) {
  Metrics m;
  constexpr int kThreads = 8, kEach = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&m, t] {
      const std::string route = "/r" + std::to_string(t % 3);
      for (int i = 0; i < kEach; ++i) {
        m.observe("GET", route, 200, 0.001);
        if (i % 500 == 0) (void)m.render();
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto text = m.render();
  // Threads 0,3,6 -> /r0; 1,4,7 -> /r1; 2,5 -> /r2.
  EXPECT_TRUE(has_line(text, R"(qinglian_http_requests_total{method="GET",route="/r0",status="200"} 6000)"));
  EXPECT_TRUE(has_line(text, R"(qinglian_http_requests_total{method="GET",route="/r1",status="200"} 6000)"));
  EXPECT_TRUE(has_line(text, R"(qinglian_http_requests_total{method="GET",route="/r2",status="200"} 4000)"));
}

}  // namespace
}  // namespace ql::http
