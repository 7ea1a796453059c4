#include "ledger/voucher_import.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <set>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "ledger/account.hpp"
#include "ledger/import_rows.hpp"
#include "ledger/period.hpp"
#include "ledger/voucher.hpp"
#include "ledger/voucher_check.hpp"

namespace ql::ledger {
namespace {

// Column indexes in voucher_import_columns().
enum Col : std::size_t { kDate, kNumber, kSummary, kCode, kName, kDebit, kCredit, kParty, kSettle, kAttach, kApproval, kReason };
const std::vector<std::string>& names() {
  static const std::vector<std::string> n = [] {
    std::vector<std::string> out;
    for (const auto& c : voucher_import_columns()) out.push_back(c.name);
    return out;
  }();
  return n;
}

// 凭证号 as accounting software writes it: "12", "0012", "记-12", "记12", "记字12号".
std::optional<int> parse_number(std::string_view s) {
  for (std::string_view prefix : {"记字第", "记字", "记-", "记"})
    if (s.substr(0, prefix.size()) == prefix) {
      s.remove_prefix(prefix.size());
      break;
    }
  if (s.size() >= 3 && s.substr(s.size() - 3) == "号") s.remove_suffix(3);
  if (s.empty() || s.size() > 9) return std::nullopt;
  int n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n < 1 || n > kMaxVoucherNumber) return std::nullopt;
  return n;
}

std::optional<int> parse_count(std::string_view s) {
  int n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n < 0 || n > kMaxAttachments) return std::nullopt;
  return n;
}

// 科目名称 agrees with the account when it is its name or its path from the first level joined
// by -, /, _ or \ (银行存款-基本户), as other software prints sub-accounts.
bool name_matches(std::string_view given, const Account& a, const std::map<std::string, Account>& chart) {
  if (given == a.name) return true;
  std::string path = a.name;
  for (std::string p = a.parent_code; !p.empty();) {
    auto it = chart.find(p);
    if (it == chart.end()) break;
    path = it->second.name + "-" + path;
    p = it->second.parent_code;
  }
  std::string norm(given);
  for (auto& ch : norm)
    if (ch == '/' || ch == '_' || ch == '\\') ch = '-';
  return norm == path;
}

// A voucher-level cell (结算方式, 附件数, 审批编号, 例外原因) may be repeated on every line of the
// voucher or given once; two different values are a problem of the later row.
bool agree(std::string& kept, std::string_view cell) {
  if (cell.empty()) return true;
  if (kept.empty()) {
    kept = std::string(cell);
    return true;
  }
  return kept == cell;
}

struct VoucherCells {
  std::string settlement, attachments, approval, reason;
  int first_row = 0, last_row = 0;
};

// The voucher being assembled from consecutive rows.
struct OpenVoucher {
  VoucherInput v;
  VoucherCells cells;
  std::size_t problems_from = 0;  // rd.problems' size before its first row was read
};

// (month, 凭证号) of every voucher of the file -> the row it starts on, in 8 bytes per voucher
// (open addressing, at most half full) instead of whole vouchers or string keys: what the
// duplicate check across a million-line file needs.
class FirstRows {
 public:
  // Key of a valid "YYYY-MM-DD" date's month and a number 1..99999; never 0.
  static std::uint64_t key(std::string_view date, int number) {
    int year = 0, month = 0;
    std::from_chars(date.data(), date.data() + 4, year);
    std::from_chars(date.data() + 5, date.data() + 7, month);
    return (static_cast<std::uint64_t>(year * 12 + month) << 17) | static_cast<std::uint64_t>(number);
  }
  // The row stored for key, or 0 after storing `row` for a new key.
  int find_or_add(std::uint64_t key, int row) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const auto mask = slots_.size() - 1;
    for (auto i = hash(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        // A row beyond 2^26 (only a file of 67M mostly blank lines) is kept as the largest one.
        const auto r = std::min<std::uint64_t>(static_cast<std::uint64_t>(row), (std::uint64_t{1} << kRowBits) - 1);
        slots_[i] = (key << kRowBits) | r;
        ++size_;
        return 0;
      }
      if (slots_[i] >> kRowBits == key) return static_cast<int>(slots_[i] & ((std::uint64_t{1} << kRowBits) - 1));
    }
  }

 private:
  // Rows below 2^26; keys (17 bits of month from year 0..9999, 17 of number) fit above them.
  static constexpr int kRowBits = 26;
  static std::size_t hash(std::uint64_t k) { return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> 20); }
  void grow() {
    std::vector<std::uint64_t> old(std::max<std::size_t>(slots_.size() * 2, 1024), 0);
    old.swap(slots_);
    size_ = 0;
    const auto mask = slots_.size() - 1;
    for (auto s : old)
      if (s != 0) {
        auto i = hash(s >> kRowBits) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = s;
        ++size_;
      }
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

}  // namespace

std::vector<table::ColumnSpec> voucher_import_columns() {
  auto cols = import_template::voucher_columns();
  cols.push_back({"审批编号", false, {"审批单号", "approval_ref"}});
  cols.push_back({"例外原因", false, {"未审批原因", "unapproved_reason"}});
  return cols;
}

nlohmann::json import_vouchers(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               std::string bytes, const VoucherImportOptions& options) {
  actor.require(kWritePermission);
  if (options.unapproved_reason) {
    const auto n = text::char_count(*options.unapproved_reason);
    if (n < 2 || n > 200)
      throw invalid_field("unapproved_reason", "未经审批的原因须为 2 到 200 个字符", "must have 2 to 200 characters");
  }
  require_village(c, actor, region_code, "region");
  const auto& col = names();

  // The whole import is one transaction: the chart a first import copies, the checks and the
  // writes. Vouchers are checked as soon as their last row is read and written a batch at a
  // time while the file has no problem; a dry run or any problem, even in the last row, rolls
  // everything back. So memory holds one batch, not the file's vouchers.
  store::Transaction tx(c);
  ensure_chart(c, region_code);
  VoucherBulk bulk(c, actor, region_code, options.batch_vouchers);
  const auto& chart = bulk.chart();
  const auto lookup = [&chart](const std::string& code) -> const Account* {
    auto it = chart.find(code);
    return it == chart.end() ? nullptr : &it->second;
  };

  import_rows::Reader rd;
  FirstRows first_rows;
  std::optional<OpenVoucher> open;  // the voucher the previous row belonged to
  std::size_t total_rows = 0;

  // A voucher is complete once a row of another voucher starts (its rows are consecutive) or the
  // file ends: the bulk path checks what needs the books (accounts, balance, closed months,
  // numbers in the database), and its problems join the file's. A cell already reported by the
  // reading is not reported twice (an unreadable amount is 0 for the bulk path).
  const auto complete = [&](OpenVoucher& o) {
    auto& v = o.v;
    const auto& vc = o.cells;
    if (!vc.settlement.empty()) v.settlement = parse_settlement(vc.settlement).value_or("none");
    if (!vc.attachments.empty()) v.attachment_count = parse_count(vc.attachments).value_or(0);
    if (!vc.approval.empty()) v.approval_ref = vc.approval;
    if (!vc.reason.empty()) v.unapproved_reason = vc.reason;
    if (options.unapproved_reason && !v.approval_ref && !v.unapproved_reason && is_payment(v, lookup))
      v.unapproved_reason = options.unapproved_reason;
    std::vector<RowProblem> found;
    bulk.check(v, found);
    std::set<std::pair<int, std::string>> reported;
    for (auto i = o.problems_from; i < rd.problems.size(); ++i) reported.insert({rd.problems[i].row, rd.problems[i].column});
    for (auto& p : found) {
      if (reported.count({p.row, p.column})) continue;
      // A voucher-wide problem (balance, line count) names the voucher's rows, not only its first.
      if (p.row == vc.first_row && vc.last_row > p.row && p.column == col[kDebit]) {
        const auto first = std::to_string(p.row), last = std::to_string(vc.last_row);
        p.message_zh += "(凭证第 " + first + "–" + last + " 行)";
        p.message_en += " (voucher rows " + first + "-" + last + ")";
      }
      rd.problems.push_back(std::move(p));
    }
    if (rd.problems.empty() && !options.dry_run) bulk.add(std::move(v));
  };

  table::read(std::move(bytes), voucher_import_columns(), [&](const table::Row& r) {
    ++total_rows;
    const int n = r.number();
    const auto before = rd.problems.size();
    const auto date = rd.date(n, col[kDate], r[kDate]);
    const bool date_ok = rd.problems.size() == before;
    std::optional<int> number;
    if (r[kNumber].empty()) rd.problems.push_back({n, col[kNumber], "不能为空", "is required", "required"});
    else if (!(number = parse_number(r[kNumber])))
      rd.problems.push_back({n, col[kNumber], "凭证号须为 1 到 99999 之间的整数", "must be an integer from 1 to 99999",
                             "invalid_number"});
    LineInput line;
    line.row = n;
    line.account_code = rd.required(n, col[kCode], r[kCode]);
    line.debit_fen = rd.money(n, col[kDebit], r[kDebit], false);
    line.credit_fen = rd.money(n, col[kCredit], r[kCredit], false);
    line.counterparty = std::string(r[kParty]);
    if (!r[kName].empty() && !line.account_code.empty())
      if (auto it = chart.find(line.account_code); it != chart.end() && !name_matches(r[kName], it->second, chart))
        rd.problems.push_back({n, col[kName],
                               "科目名称与科目编码 " + line.account_code + " 的名称“" + it->second.name + "”不一致",
                               "does not match the name '" + it->second.name + "' of account " + line.account_code,
                               "account_name_mismatch"});
    if (!r[kSettle].empty() && !parse_settlement(r[kSettle]))
      rd.problems.push_back({n, col[kSettle], "结算方式须为 现金、银行转账、转账、支票、网银、其他 之一",
                             "must be one of 现金, 银行转账, 转账, 支票, 网银, 其他 (or cash, bank_transfer, ...)",
                             "invalid_settlement"});
    if (!r[kAttach].empty() && !parse_count(r[kAttach]))
      rd.problems.push_back({n, col[kAttach], "附件数须为 0 到 999 之间的整数", "must be an integer from 0 to 999",
                             "invalid_count"});

    if (rd.rows.size() < import_rows::Reader::kPreviewRows)
      rd.keep({{"row", n}, {"date", date}, {"number", number ? nlohmann::json(*number) : nlohmann::json()},
               {"summary", r[kSummary]}, {"account_code", line.account_code}, {"account_name", r[kName]},
               {"debit_fen", line.debit_fen}, {"credit_fen", line.credit_fen}, {"counterparty", line.counterparty},
               {"settlement", r[kSettle]}, {"attachment_count", r[kAttach]}, {"approval_ref", r[kApproval]},
               {"unapproved_reason", r[kReason]}});
    // Without a month and a number the row belongs to no voucher (its own problem says why); the
    // voucher before it stays open, so its next lines are not taken for a duplicate number.
    if (!date_ok || !number) return;
    const int first_row = first_rows.find_or_add(FirstRows::key(date, *number), n);
    if (first_row != 0 && !(open && open->cells.first_row == first_row)) {
      // The number was used by an earlier voucher of the month, with other vouchers between.
      const auto month = date.substr(0, 7);
      rd.problems.push_back({n, col[kNumber],
                             "凭证号 " + std::to_string(*number) + " 在 " + month + " 重复(第 " +
                                 std::to_string(first_row) + " 行起已使用)",
                             "Duplicate voucher number " + std::to_string(*number) + " in " + month +
                                 " (used from row " + std::to_string(first_row) + ")",
                             "duplicate_number"});
      return;
    }
    if (first_row == 0) {
      if (open) complete(*open);
      open.emplace();
      open->v.region_code = region_code;
      open->v.date = date;
      open->v.number = number;
      open->v.summary = std::string(r[kSummary]);
      open->v.row = n;
      open->cells.first_row = n;
      open->problems_from = before;
    }
    auto& v = open->v;
    auto& vc = open->cells;
    vc.last_row = n;
    if (v.date != date)
      rd.problems.push_back({n, col[kDate], "同一凭证各行的日期须相同(本凭证为 " + v.date + ")",
                             "all lines of a voucher must have the same date (" + v.date + ")", "date_mismatch"});
    if (r[kSummary].empty()) {
      if (v.summary.empty()) rd.problems.push_back({n, col[kSummary], "不能为空", "is required", "required"});
    } else if (r[kSummary] != v.summary) {
      line.summary = std::string(r[kSummary]);  // a line summary of its own; the same one is not repeated
    }
    if (v.counterparty.empty()) v.counterparty = line.counterparty;
    for (auto [kept, idx] : {std::pair{&vc.settlement, kSettle}, std::pair{&vc.attachments, kAttach},
                             std::pair{&vc.approval, kApproval}, std::pair{&vc.reason, kReason}})
      if (!agree(*kept, r[idx]))
        rd.problems.push_back({n, col[idx], "与本凭证前面各行的“" + *kept + "”不一致",
                               "differs from '" + *kept + "' on the voucher's earlier lines", "voucher_cell_mismatch"});
    v.lines.push_back(std::move(line));
  });
  if (open) complete(*open);
  if (total_rows == 0) throw bad_request("empty_file", "文件中没有数据行", "The file has no data rows", "file");

  if (options.dry_run) return import_rows::outcome(std::move(rd.problems), std::move(rd.rows), total_rows, true);
  import_rows::outcome(std::move(rd.problems), nullptr, total_rows, false);
  const auto created = bulk.finish();
  tx.commit();
  return {{"created", created["vouchers"]}, {"vouchers", created["vouchers"]}, {"lines", created["lines"]}};
}

}  // namespace ql::ledger
