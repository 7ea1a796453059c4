#include "ledger/contract_warning.hpp"

#include <algorithm>

namespace ql::ledger {

Date add_months(Date d, int n) {
  using namespace std::chrono;
  const year_month_day ymd{d};
  const auto ym = year_month{ymd.year(), ymd.month()} + months{n};
  const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  return sys_days{ym.year() / ym.month() / std::min(ymd.day(), last)};
}

std::vector<InstalmentState> apply_payments(const std::vector<Instalment>& schedule, std::int64_t paid_total,
                                            Date today) {
  auto ordered = schedule;
  std::stable_sort(ordered.begin(), ordered.end(), [](const Instalment& a, const Instalment& b) {
    return a.due < b.due || (a.due == b.due && a.seq < b.seq);
  });
  std::vector<InstalmentState> out;
  std::int64_t left = paid_total;
  for (const auto& i : ordered) {
    InstalmentState s{i.seq, i.due, i.amount_fen, std::min(left, i.amount_fen), 0, 0};
    left -= s.paid_fen;
    if (i.due < today && s.paid_fen < s.amount_fen) {
      s.arrears_fen = s.amount_fen - s.paid_fen;
      s.days_overdue = static_cast<int>((today - i.due).count());
    }
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const InstalmentState& a, const InstalmentState& b) { return a.seq < b.seq; });
  return out;
}

std::vector<Instalment> default_schedule(Date start, Date end, std::int64_t total_fen) {
  std::vector<Date> dues;
  for (int y = 0;; ++y) {
    const auto d = add_months(start, 12 * y);
    if (y > 0 && d > end) break;
    dues.push_back(d);
    if (y >= 999) break;  // guarded by the term check; never loops unbounded
  }
  const auto n = static_cast<std::int64_t>(dues.size());
  std::vector<Instalment> out;
  for (std::int64_t k = 0; k < n; ++k)
    out.push_back({static_cast<int>(k + 1), dues[static_cast<std::size_t>(k)],
                   total_fen / n + (k < total_fen % n ? 1 : 0)});
  return out;
}

std::vector<Warning> contract_warnings(const ContractFacts& c, const WarningLimits& limits, Date today) {
  std::vector<Warning> out;
  const int limit = c.arable ? limits.max_term_years_arable : limits.max_term_years;
  const auto day_after_end = c.end + std::chrono::days{1};
  if (day_after_end > add_months(c.start, 12 * limit)) {
    // Whole years and months of the term, for people.
    int months = 0;
    while (add_months(c.start, months + 1) <= day_after_end) ++months;
    out.push_back({"term_too_long", "red",
                   {{"start_date", to_date_string(c.start)},
                    {"end_date", to_date_string(c.end)},
                    {"term_months", months},
                    {"limit_years", limit},
                    {"arable", c.arable}}});
  }
  if (c.reference_price_fen && *c.reference_price_fen > 0 &&
      c.unit_price_fen * 100 < *c.reference_price_fen * limits.min_price_percent) {
    out.push_back({"price_below_reference", "red",
                   {{"unit_price_fen", c.unit_price_fen},
                    {"reference_price_fen", *c.reference_price_fen},
                    {"percent_of_reference", c.unit_price_fen * 100 / *c.reference_price_fen},
                    {"min_percent", limits.min_price_percent}}});
  }
  if (c.active) {
    for (const auto& i : c.instalments) {
      if (i.arrears_fen <= 0) continue;
      const bool red = today > add_months(i.due, 2);
      out.push_back({"payment_overdue", red ? "red" : "yellow",
                     {{"seq", i.seq},
                      {"due_date", to_date_string(i.due)},
                      {"amount_fen", i.amount_fen},
                      {"paid_fen", i.paid_fen},
                      {"arrears_fen", i.arrears_fen},
                      {"days_overdue", i.days_overdue}}});
    }
    const auto left = (c.end - today).count();
    if (c.end < today)
      out.push_back({"expired", "yellow", {{"end_date", to_date_string(c.end)}, {"days_since_end", -left}}});
    else if (left <= kExpiringDays)
      out.push_back({"expiring", "blue", {{"end_date", to_date_string(c.end)}, {"days_left", left}}});
  }
  const auto rank = [](const std::string& level) { return level == "red" ? 0 : level == "yellow" ? 1 : 2; };
  std::stable_sort(out.begin(), out.end(), [&](const Warning& a, const Warning& b) { return rank(a.level) < rank(b.level); });
  return out;
}

}  // namespace ql::ledger
