#pragma once
// Vouchers (记账凭证) of a village's books: create, edit and void in an open month, reverse
// (冲销) into an open month, list, and the bulk path importers use. A voucher is identified
// for people by village + month + number (凭证号), unique per month; numbers are never reused
// (a voided voucher keeps its number). Amounts are integer fen. The rules every voucher
// satisfies are in voucher_check.hpp; writes are one transaction each with the operation log.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/error.hpp"
#include "core/stored_file.hpp"
#include "core/paging.hpp"
#include "ledger/month_total.hpp"
#include "ledger/voucher_check.hpp"
#include "store/database.hpp"

namespace ql::ledger {

// Creates a voucher (ledger:fund:write) in v.region_code, copying the default chart there first
// if the village has none. 400 invalid_field naming the first broken rule's field, 409
// period_closed, duplicate_number. Returns the voucher with its lines.
nlohmann::json create_voucher(store::Connection& c, const auth::Principal& actor, const VoucherInput& v);

// One voucher with lines, scan list and, for a reversed one, reversed_by_id (ledger:fund:read).
nlohmann::json get_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct VoucherFilter {
  std::optional<std::string> region;        // this region and below
  std::optional<std::string> period;        // YYYY-MM
  std::optional<std::string> from, to;      // dates, inclusive
  std::optional<std::string> status;        // posted / void
  std::optional<std::string> account_code;  // has a line on this account or below
  std::optional<bool> is_payment, unapproved;
  std::optional<std::string> q;             // summary or counterparty contains
};
// A page of vouchers without lines: {"items","total"}. Sort: date, number, total_fen, created_at.
nlohmann::json list_vouchers(store::Connection& c, const auth::Principal& actor, const VoucherFilter& f,
                             const PageRequest& page);

// Replaces a posted voucher's content (ledger:fund:write); its village stays. The old and the
// new month must be open (409 period_closed); a reversed voucher or a reversal is fixed
// (409 voucher_reversed / voucher_is_reversal). The number stays unless given or the month
// changes (then the next free one).
nlohmann::json update_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              VoucherInput v);

// Voids a posted voucher in an open month (ledger:fund:write): it stays with its number,
// status void, and drops out of every report. 409 voucher_void, voucher_reversed, period_closed.
nlohmann::json void_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                            const std::string& reason);

struct ReverseInput {
  std::string date;                    // in an open month
  std::optional<int> number;
  std::optional<std::string> summary;  // default "冲销 <period> 第<n>号凭证 <summary>"
};
// Posts a reversing voucher (debits and credits swapped) that cites the original, which then
// shows reversed_by_id; the original's month may be closed. 409 already_reversed,
// voucher_void, voucher_is_reversal, period_closed. Returns the new voucher.
nlohmann::json reverse_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const ReverseInput& in);

// For importers: validates every voucher of one village and creates them all in one
// transaction (a savepoint when the caller already has one open), or none. Problems are
// reported together as 400 import_rejected with ql::RowProblem rows taken from
// VoucherInput::row / LineInput::row and columns named as the import file's headers
// (日期, 凭证号, 摘要, 科目编码, 借方金额, 贷方金额, 往来单位, 结算方式, 附件数). A number already
// used in the month, in the database or earlier in the batch, is a problem of that voucher.
// Accounts, closed months and existing numbers are preloaded and rows are written with
// store::BulkWriter, so the cost per line is one row write. Returns {"vouchers","lines"}.
nlohmann::json create_vouchers(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               const std::vector<VoucherInput>& vouchers);

// The bulk path behind create_vouchers, for callers that cannot hold all their vouchers at once
// (the voucher import of a million lines): vouchers are checked one by one against the books and
// the vouchers checked before them, and written a batch at a time, all inside the caller's one
// transaction, so an import stays all or nothing while memory holds one batch plus a bit per
// (month, number) and the monthly totals. The caller has checked ledger:fund:write and the
// village (require_village), opened the transaction and copied the chart (ensure_chart).
class VoucherBulk {
 public:
  static constexpr std::size_t kDefaultBatch = 2000;  // vouchers per bulk write
  VoucherBulk(store::Connection& tx, const auth::Principal& actor, std::string region_code,
              std::size_t batch = kDefaultBatch);
  // Appends every problem of v (rows from VoucherInput/LineInput::row, columns named as the
  // import file's headers) against the books and the vouchers checked before: the voucher
  // rules, the approval it cites, a closed month, a number already used in the month (in the
  // database or by an earlier checked voucher). A given number is reserved even when v has
  // problems, so a file is reported in full at once.
  void check(const VoucherInput& v, std::vector<RowProblem>& problems);
  // Gives an unnumbered, checked voucher the next free number of its month, after every number
  // reserved so far.
  void assign_number(VoucherInput& v);
  // Queues a checked, numbered voucher without problems; writes the queue when it holds a batch.
  void add(VoucherInput v);
  // Writes what is queued, the monthly totals and one operation-log entry for the whole import;
  // returns {"vouchers","lines"}. Call only when nothing had problems.
  nlohmann::json finish();
  // The village's chart, as loaded at construction.
  const std::map<std::string, Account>& chart() const { return chart_; }

 private:
  struct MonthNumbers {
    std::vector<bool> used;  // by number, 1..kMaxVoucherNumber
    int max = 0;
  };
  MonthNumbers& numbers_of(const std::string& period);
  void flush();

  store::Connection& tx_;
  const auth::Principal& actor_;
  std::string region_code_;
  std::size_t batch_;
  std::map<std::string, Account> chart_;
  std::function<const Account*(const std::string&)> lookup_;
  std::set<std::string> closed_;
  std::map<std::string, MonthNumbers> numbers_;  // loaded from the database at a month's first voucher
  std::map<std::string, std::int64_t> ref_paid_;  // approval_ref -> paid before the import + by checked vouchers
  std::vector<VoucherInput> queue_;
  MonthTotals totals_;
  std::string first_period_ = "9999-99", last_period_ = "0000-00", at_;
  std::int64_t vouchers_ = 0, lines_ = 0;
};

// Scans (原始凭证扫描件): PDF or image files checked as publication attachments are
// (disclosure::check_upload: type sniffed from the bytes, size limit, filename cleaned).
// Stores a scan of voucher `id` (ledger:fund:write; the voucher's month may be closed, as a
// scan adds evidence without changing figures; 409 voucher_void). Returns {"id","voucher_id",
// "filename","content_type","size_bytes","sha256","created_at"}.
nlohmann::json add_scan(store::Connection& c, const auth::Principal& actor, std::int64_t voucher_id,
                        const std::string& filename, const std::optional<std::string>& declared_type,
                        std::string bytes);
// The scan's bytes (ledger:fund:read); 404 when the voucher has no such scan.
StoredFile get_scan(store::Connection& c, const auth::Principal& actor, std::int64_t voucher_id, std::int64_t scan_id);

}  // namespace ql::ledger
