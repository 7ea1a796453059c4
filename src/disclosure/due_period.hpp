#pragma once
// When a catalogue item falls due (公开时限). Periodic items are due once per period: a month
// ("2026-07"), a quarter ("2026-Q3") or a year ("2026"), each by its end date plus the item's
// due_days, counted in business dates (Asia/Shanghai). Immediate items (即时公开: 四议两公开
// resolutions, spending of 5万 or more) are due a number of days after their triggering event
// and so have no periods. Pure functions: no clock, no database.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace ql::disclosure {

enum class Frequency { immediate, monthly, quarterly, yearly };

std::string_view to_string(Frequency f);
std::optional<Frequency> parse_frequency(std::string_view s);

struct DuePeriod {
  std::string period;  // "2026-07", "2026-Q3" or "2026", as disclosure.period stores it
  Date end;            // the period's last day
  Date due;            // end + due_days: the last day on which publishing is on time
};

// Every period of `year` for frequency f, in order (12, 4 or 1; none for immediate).
std::vector<DuePeriod> due_periods(int year, Frequency f, int due_days);

// The period named `period` if it is one of f's periods (e.g. "2026-Q3" for quarterly), else
// nullopt; for checking the period a disclosure claims to fulfil.
std::optional<DuePeriod> due_period(Frequency f, int due_days, std::string_view period);

}  // namespace ql::disclosure
