#include "ledger/month_total.hpp"

#include <chrono>

#include "ledger/period.hpp"  // period_of

namespace ql::ledger {
namespace {

// Adds per-account sums of the posted lines dated in [first, end) to `out`: lines before
// `from` to the opening, the others to debit and credit.
void add_lines(store::Connection& c, const std::string& region_code, const std::vector<std::string>& account_codes,
               const std::string& first, const std::string& end, const std::string& from,
               std::map<std::int64_t, AccountSums>& out) {
  if (account_codes.empty()) return;
  store::Params params{region_code, first, end, from};
  std::string in;
  for (const auto& code : account_codes) {
    params.push_back(code);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  for (const auto& r : c.query(
           "SELECT account_id, SUM(CASE WHEN entry_date < $4 THEN debit_fen - credit_fen ELSE 0 END), "
           "SUM(CASE WHEN entry_date >= $4 THEN debit_fen ELSE 0 END), "
           "SUM(CASE WHEN entry_date >= $4 THEN credit_fen ELSE 0 END) FROM ledger_entry WHERE region_code = $1 AND "
           "account_code IN (" + in + ") AND entry_date >= $2 AND entry_date < $3 AND posted = 1 GROUP BY account_id",
           params)) {
    auto& s = out[r.get<std::int64_t>(0)];
    s.opening += r.get<std::int64_t>(1);
    s.debit += r.get<std::int64_t>(2);
    s.credit += r.get<std::int64_t>(3);
  }
}

}  // namespace

void MonthTotals::add(const std::string& date, std::int64_t account_id, std::int64_t debit_fen,
                      std::int64_t credit_fen, int sign) {
  auto& t = changes_[{date.substr(0, 7), account_id}];
  t.first += sign * debit_fen;
  t.second += sign * credit_fen;
}

void MonthTotals::write(store::Connection& tx) const {
  for (const auto& [key, t] : changes_) {
    if (t.first == 0 && t.second == 0) continue;
    tx.query("INSERT INTO ledger_month_total (region_code, period, account_id, debit_fen, credit_fen) VALUES ($1, $2, "
             "$3, $4, $5) ON CONFLICT (region_code, period, account_id) DO UPDATE SET debit_fen = "
             "ledger_month_total.debit_fen + excluded.debit_fen, credit_fen = ledger_month_total.credit_fen + "
             "excluded.credit_fen",
             {region_code_, key.first, key.second, t.first, t.second});
  }
}

void unpost_voucher_totals(store::Connection& tx, std::int64_t voucher_id) {
  auto rs = tx.query("SELECT region_code, entry_date, account_id, debit_fen, credit_fen FROM ledger_entry WHERE "
                     "voucher_id = $1 AND posted = 1",
                     {voucher_id});
  if (rs.empty()) return;
  MonthTotals t(rs.front().get<std::string>(0));
  for (const auto& r : rs)
    t.add(r.get<std::string>(1), r.get<std::int64_t>(2), r.get<std::int64_t>(3), r.get<std::int64_t>(4), -1);
  t.write(tx);
}

std::map<std::int64_t, AccountSums> account_sums(store::Connection& c, const std::string& region_code,
                                                 const std::vector<std::string>& account_codes, Date from, Date to) {
  std::map<std::int64_t, AccountSums> out;
  const auto from_s = to_date_string(from);
  const auto first_month = period_of(from);
  // Months before the one holding the day after `to` lie wholly on or before `to`.
  const Date after = to + std::chrono::days{1};
  const auto end_month = period_of(after);
  for (const auto& r : c.query("SELECT account_id, SUM(CASE WHEN period < $2 THEN debit_fen - credit_fen ELSE 0 END), "
                               "SUM(CASE WHEN period >= $2 THEN debit_fen ELSE 0 END), "
                               "SUM(CASE WHEN period >= $2 THEN credit_fen ELSE 0 END) FROM ledger_month_total WHERE "
                               "region_code = $1 AND period < $3 GROUP BY account_id",
                               {region_code, first_month, end_month})) {
    auto& s = out[r.get<std::int64_t>(0)];
    s.opening += r.get<std::int64_t>(1);
    s.debit += r.get<std::int64_t>(2);
    s.credit += r.get<std::int64_t>(3);
  }
  // The month of `from`, counted whole above as in the range: its lines before `from` belong
  // to the opening (taken out of the range, put into the opening).
  const auto month_start = first_month + "-01";
  if (first_month < end_month && from_s != month_start) {
    std::map<std::int64_t, AccountSums> early;
    add_lines(c, region_code, account_codes, month_start, from_s, month_start, early);
    for (const auto& [id, e] : early) {
      auto& s = out[id];
      s.opening += e.debit - e.credit;
      s.debit -= e.debit;
      s.credit -= e.credit;
    }
  }
  // The month of the day after `to`, when `to` is not its month's last day: its lines through
  // `to` (split at `from` when the range starts in that month too).
  const auto after_s = to_date_string(after);
  const auto end_start = end_month + "-01";
  if (after_s != end_start) add_lines(c, region_code, account_codes, end_start, after_s, from_s, out);
  return out;
}

}  // namespace ql::ledger
