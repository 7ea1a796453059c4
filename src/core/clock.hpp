#pragma once
// Wall-clock time in UTC and its one storage format, ISO-8601 "YYYY-MM-DDTHH:MM:SSZ"
// (sorts lexicographically in both databases). Tests may pin the clock.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ql {

using TimePoint = std::chrono::system_clock::time_point;

// The current time; std::chrono::system_clock unless a test set an override.
TimePoint now();
// Test hook: make now() return fn(). Pass nullptr to restore the real clock.
void set_clock_for_testing(std::function<TimePoint()> fn);

// Formats t (truncated to seconds) as "YYYY-MM-DDTHH:MM:SSZ".
std::string to_iso(TimePoint t);
inline std::string now_iso() { return to_iso(now()); }
// Parses "YYYY-MM-DDTHH:MM:SSZ" or a date "YYYY-MM-DD" (midnight UTC); nullopt if malformed.
std::optional<TimePoint> parse_iso(std::string_view s);

}  // namespace ql
