#include "disclosure/due_period.hpp"

#include <cstdio>

namespace ql::disclosure {
namespace {

using namespace std::chrono;

Date last_day_of(int y, unsigned m) { return sys_days{year{y} / month{m} / last}; }

DuePeriod make(std::string period, Date end, int due_days) {
  return {std::move(period), end, end + days{due_days}};
}

std::string two_digits(unsigned n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", n);
  return buf;
}

}  // namespace

std::string_view to_string(Frequency f) {
  switch (f) {
    case Frequency::immediate: return "immediate";
    case Frequency::monthly: return "monthly";
    case Frequency::quarterly: return "quarterly";
    case Frequency::yearly: return "yearly";
  }
  return "immediate";
}

std::optional<Frequency> parse_frequency(std::string_view s) {
  for (auto f : {Frequency::immediate, Frequency::monthly, Frequency::quarterly, Frequency::yearly})
    if (s == to_string(f)) return f;
  return std::nullopt;
}

std::vector<DuePeriod> due_periods(int y, Frequency f, int due_days) {
  std::vector<DuePeriod> out;
  const auto ys = std::to_string(y);
  switch (f) {
    case Frequency::immediate: break;
    case Frequency::monthly:
      for (unsigned m = 1; m <= 12; ++m) out.push_back(make(ys + "-" + two_digits(m), last_day_of(y, m), due_days));
      break;
    case Frequency::quarterly:
      for (unsigned q = 1; q <= 4; ++q)
        out.push_back(make(ys + "-Q" + std::to_string(q), last_day_of(y, q * 3), due_days));
      break;
    case Frequency::yearly: out.push_back(make(ys, last_day_of(y, 12), due_days)); break;
  }
  return out;
}

std::optional<DuePeriod> due_period(Frequency f, int due_days, std::string_view period) {
  if (period.size() < 4) return std::nullopt;
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (period[i] < '0' || period[i] > '9') return std::nullopt;
    y = y * 10 + (period[i] - '0');
  }
  // Generating the year's periods and matching the name keeps one definition of the names.
  for (auto& p : due_periods(y, f, due_days))
    if (p.period == period) return std::move(p);
  return std::nullopt;
}

}  // namespace ql::disclosure
