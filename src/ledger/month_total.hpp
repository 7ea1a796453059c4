#pragma once
// Monthly totals of posted voucher lines per village and account (table ledger_month_total,
// schema/0017_ledger_perf.sql), so that balances over years read about one row per account
// and month instead of every line. The table is a pure function of the posted lines: every
// write of ledger_entry (src/ledger/voucher.cpp) adds or subtracts its lines here in the same
// transaction, and report readers take whole months from it and the partial months at the
// edges of a date range from ledger_entry.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace ql::ledger {

// Debits and credits to add to (or, negative, take from) one village's monthly totals.
class MonthTotals {
 public:
  explicit MonthTotals(std::string region_code) : region_code_(std::move(region_code)) {}
  // One line on `account_id` dated `date` ('YYYY-MM-DD'); sign -1 takes it out.
  void add(const std::string& date, std::int64_t account_id, std::int64_t debit_fen, std::int64_t credit_fen,
           int sign = 1);
  // Applies the collected changes with one upsert per (month, account); call inside the
  // transaction that writes the lines.
  void write(store::Connection& tx) const;

 private:
  std::string region_code_;
  std::map<std::pair<std::string, std::int64_t>, std::pair<std::int64_t, std::int64_t>> changes_;
};

// Takes voucher `voucher_id`'s posted lines out of the totals, before they are deleted or
// marked unposted (void, edit).
void unpost_voucher_totals(store::Connection& tx, std::int64_t voucher_id);

// Per account id: lines dated before `from` summed as debit minus credit (opening), and the
// debits and credits dated from `from` through `to` — what SUM(CASE WHEN entry_date < from ...)
// over ledger_entry gives, read from the monthly totals plus the lines of at most two partial
// months. `account_codes` is the village's chart (the partial months are read through the
// (region_code, account_code, entry_date) index, one range per account).
struct AccountSums {
  std::int64_t opening = 0, debit = 0, credit = 0;
};
std::map<std::int64_t, AccountSums> account_sums(store::Connection& c, const std::string& region_code,
                                                 const std::vector<std::string>& account_codes, Date from, Date to);

}  // namespace ql::ledger
