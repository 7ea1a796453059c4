#pragma once
// The rules a voucher (记账凭证) must satisfy, independent of storage so that the API, the bulk
// path for importers and the unit tests share one implementation:
// - a date, a summary (摘要), a settlement method, 2..500 lines;
// - each line names an active leaf account of the village's chart and has exactly one of
//   debit_fen / credit_fen positive (integer fen, at most kMaxAmountFen);
// - debits equal credits, to the fen;
// - a payment (a line credits a cash or bank account while not every debit goes to cash or
//   bank, i.e. money leaves the collective) carries the approval that authorised it
//   (approval_ref) or is explicitly flagged as an exception with a reason (unapproved_reason,
//   which feeds the red-flag rules); never both. Reversing vouchers are exempt: they cite the
//   original.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/account.hpp"

namespace ql::ledger {

inline constexpr std::int64_t kMaxAmountFen = 10'000'000'000'000;  // 1000亿元
inline constexpr std::size_t kMaxLines = 500;
inline constexpr int kMaxVoucherNumber = 99999;
inline constexpr int kMaxAttachments = 999;

// Settlement methods (结算方式).
inline constexpr std::string_view kSettlements[] = {"none", "cash", "bank_transfer", "cheque", "online", "other"};
// The code for an English code or a Chinese label as an import file writes it (现金, 银行转账,
// 转账, 支票, 网银, 电子支付, 其他, 无 or empty -> none); nullopt when unknown.
std::optional<std::string> parse_settlement(std::string_view s);

struct LineInput {
  std::string account_code;
  std::string summary;  // empty: the voucher's summary
  std::int64_t debit_fen = 0, credit_fen = 0;
  std::string counterparty;
  int row = 0;  // source row of an import file, for its problem list
};

struct VoucherInput {
  std::string region_code;
  std::string date;                  // YYYY-MM-DD, business date
  std::optional<int> number;         // 凭证号; default: next free in the month
  std::string summary;
  std::string settlement = "none";
  std::string counterparty;
  int attachment_count = 0;
  std::optional<std::string> approval_ref;
  std::optional<std::string> unapproved_reason;
  std::vector<LineInput> lines;
  int row = 0;  // source row of the voucher's first line in an import file
};

// One rule broken: line is the 0-based line index or -1 for the voucher itself; field is the
// API field ("date", "lines[2].debit_fen"). zh/en never name the line, because who reports the
// problem knows best how to: the voucher form says which line (message_zh/message_en), an
// import gives the line's row in the file instead.
struct Problem {
  int line = -1;
  std::string field;
  std::string zh, en;

  // The message naming the line for a line's problem: "第 2 行缺少科目", "line 2: the account
  // is missing"; zh/en unchanged for the voucher itself.
  std::string message_zh() const;
  std::string message_en() const;
};

// Every problem of v against the chart (`lookup` returns the account with that code or
// nullptr). Lines with a bad account still have their amounts checked, so an import reports
// everything at once.
std::vector<Problem> check_voucher(const VoucherInput& v,
                                   const std::function<const Account*(const std::string&)>& lookup,
                                   bool is_reversal = false);

// Whether the voucher's lines make it a payment (see above); accounts are looked up as in
// check_voucher and unknown ones count as neither cash nor bank.
bool is_payment(const VoucherInput& v, const std::function<const Account*(const std::string&)>& lookup);

}  // namespace ql::ledger
