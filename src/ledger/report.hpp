#pragma once
// Reports of a village's books, every figure computed from posted voucher lines with SQL
// aggregates (SUM ... GROUP BY) that run unchanged on SQLite and PostgreSQL; parent accounts
// roll up their sub-accounts in C++ over the (small) chart. Voided vouchers never count.
// Balances are signed in the account's normal direction (借/贷): positive on its normal side.
// All reads need ledger:fund:read and a village in the actor's scope.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace ql::ledger {

// 科目余额表 for [from, to]: per account opening_fen (before from), debit_fen, credit_fen (in the
// range) and closing_fen (through to), parents including their sub-accounts; totals of the
// first-level accounts as a trial balance: {"opening_debit_fen","opening_credit_fen",
// "debit_fen","credit_fen","closing_debit_fen","closing_credit_fen"} (each pair equal).
nlohmann::json balances(store::Connection& c, const auth::Principal& actor, const std::string& region_code, Date from,
                        Date to);

// Which accounts a journal or ledger covers: the cash accounts, the bank accounts, or one
// account code with its sub-accounts.
struct AccountSelector {
  enum Kind { cash, bank, code } kind = code;
  std::string account_code;
};

// 日记账 / 明细账: the selected accounts' lines in [from, to] in date and voucher order with the
// running balance, per-day totals, opening and closing. 400 range_too_large beyond
// kMaxDetailLines lines (narrow the dates).
inline constexpr std::size_t kMaxDetailLines = 20000;
nlohmann::json detail_ledger(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             const AccountSelector& sel, Date from, Date to);

// 总账: one account (with its sub-accounts) month by month in [from, to]: opening, then per
// month debit, credit and balance, and the closing balance.
nlohmann::json general_ledger(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                              const std::string& account_code, Date from, Date to);

// 收益表 / 收支明细 for [from, to]: income accounts (normal side credit) and expenditure accounts
// (debit) of the profit-and-loss category with their amounts, and income_fen, expenditure_fen,
// net_fen (income - expenditure).
nlohmann::json income_statement(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                Date from, Date to);

// 资产负债表 as of `date`: first-level accounts' balances under assets (asset and cost accounts,
// net debit: 累计折旧 counts negative), liabilities and equity (net credit), equity including
// the not yet carried-forward result of the profit-and-loss accounts; totals and balanced
// (assets == liabilities + equity, which double entry guarantees).
nlohmann::json balance_sheet(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             Date date);

// Income and expenditure per account in two calendar years side by side, with the change.
nlohmann::json yearly_comparison(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                 int base_year, int year);

}  // namespace ql::ledger
