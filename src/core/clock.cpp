#include "core/clock.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace ql {
namespace {
std::mutex clock_mu;
std::function<TimePoint()> clock_override;
std::atomic<bool> has_override{false};
}  // namespace

TimePoint now() {
  if (has_override.load(std::memory_order_acquire)) {
    std::lock_guard lock(clock_mu);
    if (clock_override) return clock_override();
  }
  return std::chrono::system_clock::now();
}

void set_clock_for_testing(std::function<TimePoint()> fn) {
  std::lock_guard lock(clock_mu);
  clock_override = std::move(fn);
  has_override.store(static_cast<bool>(clock_override), std::memory_order_release);
}

std::string to_iso(TimePoint t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<TimePoint> parse_iso(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  std::string str(s);
  char tail = 0;
  if (s.size() == 10) {
    if (std::sscanf(str.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3) return std::nullopt;
  } else if (s.size() == 20) {
    if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%c", &y, &mo, &d, &h, &mi, &sec, &tail) != 6 ||
        s.back() != 'Z')
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0) return std::nullopt;
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec};
}

Date business_day(TimePoint t) {
  // Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact
  // for every date the platform handles and needs no tz database on the server.
  return std::chrono::floor<std::chrono::days>(t + std::chrono::hours{8});
}

std::string business_date(TimePoint t) { return to_date_string(business_day(t)); }

std::string business_time_text(std::string_view utc) {
  const auto t = utc.size() == 20 ? parse_iso(utc) : std::nullopt;
  if (!t) return std::string(utc);
  const auto local = std::chrono::floor<std::chrono::minutes>(*t + std::chrono::hours(8));
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss hms{local - day};
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return to_date_string(Date{day}) + buf;
}

std::string to_date_string(Date d) {
  const std::chrono::year_month_day ymd{d};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<Date> parse_date(std::string_view s) {
  // Exactly digits and dashes: parse_iso also takes full times, and sscanf would accept "+5".
  if (s.size() != 10) return std::nullopt;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return std::nullopt;
  auto t = parse_iso(s);
  if (!t) return std::nullopt;
  return std::chrono::floor<std::chrono::days>(*t);
}

}  // namespace ql
