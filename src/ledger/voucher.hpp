#pragma once
// Vouchers (记账凭证) of a village's books: create, edit and void in an open month, reverse
// (冲销) into an open month, list, and the bulk path importers use. A voucher is identified
// for people by village + month + number (凭证号), unique per month; numbers are never reused
// (a voided voucher keeps its number). Amounts are integer fen. The rules every voucher
// satisfies are in voucher_check.hpp; writes are one transaction each with the operation log.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/stored_file.hpp"
#include "core/paging.hpp"
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
