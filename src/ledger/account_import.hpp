#pragma once
// Import of a village's chart of accounts (科目表) with opening balances (年初余额/期初余额), for a
// village switching to the system: its sub-accounts (明细科目) are added below the template's
// accounts, and the balances it carries over are posted as one opening voucher (期初余额) dated
// the day before its first month in the system (see docs/LEDGER.md § Opening balances). Layout
// (docs/IMPORT.md): 科目编码* 科目名称* 上级科目 类别 余额方向 现金科目 银行科目 年初余额. All or
// nothing, every problem with row and column, as the other imports.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/import_template.hpp"
#include "store/database.hpp"

namespace ql::ledger {

struct AccountImportOptions {
  bool dry_run = false;
  // Date of the opening voucher (the last day before the books start in the system, e.g.
  // 2025-12-31); required when any 年初余额 is not zero; its month must be open.
  std::optional<std::string> opening_date;
};

// The downloadable template (headers and example rows that import as they are).
import_template::Template account_import_template();

// Reads the file and adds its sub-accounts and opening balances to village `region_code`
// (ledger:fund:write, in scope). Rows of accounts that exist (template or earlier imports) must
// agree with them and only carry balances. dry_run: the common preview (see import_rows.hpp).
// Otherwise {"created": new accounts, "accounts", "opening_voucher": {"lines","total_fen"}|null},
// or 400 import_rejected listing every problem; 400 naming opening_date for a bad option.
nlohmann::json import_accounts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               std::string bytes, const AccountImportOptions& options);

}  // namespace ql::ledger
