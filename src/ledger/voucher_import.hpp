#pragma once
// Import of vouchers (记账凭证) from .xlsx or CSV (UTF-8 or GB18030): one row per voucher line
// with the headers 日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数
// (import_template::voucher_columns) plus the optional 审批编号 and 例外原因. Rows are grouped
// into vouchers by (month of 日期, 凭证号) and checked and written by ledger::VoucherBulk (the
// path behind create_vouchers), so the rules are the API's; the file is imported whole or not at
// all, and every problem comes back with its row (as Excel shows it) and column. Memory holds one
// batch of vouchers and a few bytes per voucher, not the file's vouchers. Used by the HTTP route
// (with a dry-run preview), the CLI `qinglian import vouchers` and bench/voucher_import.cpp,
// which times this very path.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/import_template.hpp"
#include "core/table_reader.hpp"
#include "ledger/voucher.hpp"
#include "store/database.hpp"

namespace ql::ledger {

struct VoucherImportOptions {
  bool dry_run = false;
  // For historic books: every payment voucher without 审批编号 (and without its own 例外原因) is
  // flagged as an unapproved exception with this reason (2..200 characters).
  std::optional<std::string> unapproved_reason;
  // Vouchers written per bulk write (all in the import's one transaction); tests lower it to
  // cover files of many batches with small ones.
  std::size_t batch_vouchers = VoucherBulk::kDefaultBatch;
};

// The voucher import's columns: the ten template headers and the optional 审批编号 (approval_ref)
// and 例外原因 (unapproved exception reason).
std::vector<table::ColumnSpec> voucher_import_columns();

// Reads the file and imports its vouchers into village `region_code` (ledger:fund:write, the
// village in scope). dry_run: nothing is written; the answer is the common preview
// {"dry_run","valid","total_rows","rows":[first 1000 parsed lines with "row"],"problems"}.
// Otherwise {"created": vouchers, "vouchers", "lines"}, or 400 import_rejected listing every
// problem (row, column) with nothing written. File-level errors (not a table, a missing
// column, no data rows) are 400 naming "file"; a bad option is 400 naming unapproved_reason.
nlohmann::json import_vouchers(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               std::string bytes, const VoucherImportOptions& options);

}  // namespace ql::ledger
