#include "ledger/period.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/error.hpp"
#include "region/region.hpp"

namespace ql::ledger {
namespace {

bool digits(std::string_view s) {
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::string format_period(int y, unsigned m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u", y, m);
  return buf;
}

}  // namespace

bool is_period(std::string_view s) {
  if (s.size() != 7 || s[4] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2))) return false;
  const int y = to_int(s.substr(0, 4)), m = to_int(s.substr(5, 2));
  return y >= 2000 && y <= 2100 && m >= 1 && m <= 12;
}

std::string period_of(Date d) {
  const std::chrono::year_month_day ymd{d};
  return format_period(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()));
}

std::string next_period(std::string_view period) {
  int y = to_int(period.substr(0, 4)), m = to_int(period.substr(5, 2)) + 1;
  if (m == 13) m = 1, ++y;
  return format_period(y, static_cast<unsigned>(m));
}

Date period_first_day(std::string_view period) {
  using namespace std::chrono;
  return sys_days{year{to_int(period.substr(0, 4))} / month{static_cast<unsigned>(to_int(period.substr(5, 2)))} / 1};
}

Date period_last_day(std::string_view period) {
  using namespace std::chrono;
  return sys_days{year{to_int(period.substr(0, 4))} / month{static_cast<unsigned>(to_int(period.substr(5, 2)))} /
                  last};
}

Date require_date(const std::string& field, std::string_view text) {
  auto d = parse_date(text);
  if (d) {
    const int y = static_cast<int>(std::chrono::year_month_day{*d}.year());
    if (y >= 2000 && y <= 2100) return *d;
  }
  throw invalid_field(field, "须为 2000 到 2100 年间的日期 YYYY-MM-DD",
                      "must be a date YYYY-MM-DD from 2000 to 2100");
}

void require_village(store::Connection& c, const auth::Principal& actor, const std::string& code,
                     const std::string& field) {
  auto r = auth::Scope(actor).require_region(c, code, field);
  if (r.level != region::Level::community)
    throw invalid_field(field, "账套按村(社区)设立,须为村或社区", "books are kept per village: must be a community");
}

std::set<std::string> closed_periods(store::Connection& c, const std::string& region_code) {
  std::set<std::string> out;
  for (const auto& r : c.query("SELECT period FROM ledger_period WHERE region_code = $1", {region_code}))
    out.insert(r.get<std::string>(0));
  return out;
}

void require_open(store::Connection& c, const std::string& region_code, const std::string& period) {
  if (c.scalar("SELECT COUNT(*) FROM ledger_period WHERE region_code = $1 AND period = $2", {region_code, period}) !=
      "0")
    throw Error(ErrorKind::conflict, "period_closed", "会计期间 " + period + " 已结账,不能修改;请在未结账期间做冲销凭证",
                "Period " + period + " is closed; correct it with a reversing voucher in an open period", "date");
}

nlohmann::json list_periods(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                            int year) {
  actor.require(kReadPermission);
  require_village(c, actor, region_code);
  const std::string first = std::to_string(year) + "-01", last = std::to_string(year) + "-12";
  std::map<std::string, std::int64_t> counts;
  for (const auto& r : c.query("SELECT period, COUNT(*) AS n FROM ledger_voucher WHERE region_code = $1 AND "
                               "period >= $2 AND period <= $3 AND status = 'posted' GROUP BY period",
                               {region_code, first, last}))
    counts[r.get<std::string>(0)] = r.get<std::int64_t>(1);
  std::map<std::string, std::string> closed;
  for (const auto& r : c.query("SELECT period, closed_at FROM ledger_period WHERE region_code = $1 AND period >= $2 "
                               "AND period <= $3",
                               {region_code, first, last}))
    closed[r.get<std::string>(0)] = r.get<std::string>(1);
  nlohmann::json periods = nlohmann::json::array();
  for (std::string p = first;; p = next_period(p)) {
    auto it = closed.find(p);
    periods.push_back({{"period", p},
                       {"status", it == closed.end() ? "open" : "closed"},
                       {"closed_at", it == closed.end() ? nlohmann::json() : nlohmann::json(it->second)},
                       {"voucher_count", counts.count(p) ? counts[p] : 0}});
    if (p == last) break;
  }
  return {{"region_code", region_code}, {"year", year}, {"periods", std::move(periods)}};
}

nlohmann::json close_period(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                            const std::string& period, Date today) {
  actor.require(kClosePermission);
  if (!is_period(period))
    throw invalid_field("period", "须为月份 YYYY-MM", "must be a month YYYY-MM");
  require_village(c, actor, region_code, "region_code");
  if (period_last_day(period) >= today)
    throw conflict("period_not_ended", "会计期间 " + period + " 尚未结束,不能结账",
                   "Period " + period + " has not ended yet and cannot be closed");
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto closed = closed_periods(tx, region_code);
    if (closed.count(period)) require_open(tx, region_code, period);
    // Every earlier month from the first one with vouchers must be closed already, so the books
    // are closed in order and no month is skipped.
    auto first = tx.scalar("SELECT MIN(period) FROM ledger_voucher WHERE region_code = $1", {region_code});
    if (first && *first < period) {
      for (std::string p = *first; p < period; p = next_period(p))
        if (!closed.count(p))
          throw conflict("earlier_period_open", "须先结账 " + p + "(更早的期间)",
                         "Close " + p + " first: earlier periods must be closed before " + period);
    }
    const auto at = now_iso();
    tx.query("INSERT INTO ledger_period (region_code, period, closed_at, closed_by) VALUES ($1, $2, $3, $4)",
             {region_code, period, at, actor.user_id ? store::Param(actor.user_id) : store::Param()});
    auto n = tx.scalar("SELECT COUNT(*) FROM ledger_voucher WHERE region_code = $1 AND period = $2 AND status = "
                       "'posted'",
                       {region_code, period});
    nlohmann::json out = {{"period", period},
                          {"status", "closed"},
                          {"closed_at", at},
                          {"voucher_count", std::stoll(n.value_or("0"))}};
    audit::record(tx, actor, "close", "ledger_period", region_code + "/" + period, region_code, {{"after", out}});
    return out;
  });
}

}  // namespace ql::ledger
