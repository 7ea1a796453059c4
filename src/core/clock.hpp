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

// ---- Business dates: calendar days in Asia/Shanghai (UTC+8 all year, no DST), the dates
// deadlines such as "by the 20th" are counted in. Date arithmetic is plain sys_days arithmetic
// (d + std::chrono::days{n}, (a - b).count()).
using Date = std::chrono::sys_days;

// The Asia/Shanghai calendar day that t falls on.
Date business_day(TimePoint t);
// business_day(t) as "YYYY-MM-DD".
std::string business_date(TimePoint t);
// A stored UTC time ("YYYY-MM-DDTHH:MM:SSZ") as residents read it: "YYYY-MM-DD HH:MM" in
// Asia/Shanghai. Text that is not such a time is returned unchanged.
std::string business_time_text(std::string_view utc);
// "YYYY-MM-DD".
std::string to_date_string(Date d);
// A valid calendar date written exactly "YYYY-MM-DD"; nullopt otherwise.
std::optional<Date> parse_date(std::string_view s);

}  // namespace ql
