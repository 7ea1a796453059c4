#pragma once
// Import of assets and contracts from .xlsx or CSV (UTF-8 or GB18030), through the web UI
// (with a dry-run preview) and `qinglian import assets|contracts`. One file is one village's
// rows; the import is all or nothing, and every problem comes back with its row (as Excel
// shows it) and column (the header). The headers are the templates' (docs/IMPORT.md):
//   assets:    资产编号* 资产名称* 资产类别* 原值(元)* 取得日期* 存放地点 保管人 状态 备注
//   contracts: 合同编号* 合同类型* 标的类型* 标的编号* 承包方* 证件号码 联系电话 开始日期* 结束日期*
//              面积 面积单位 单价(元) 总价(元)* 备注
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/import_template.hpp"
#include "store/database.hpp"

namespace ql::ledger {

enum class ImportKind { assets, contracts };

// The downloadable template (headers, one or two example rows) for a kind.
import_template::Template asset_import_template(ImportKind kind);

// Reads the file and checks every row against the database. dry_run: nothing is written and
// the answer is {"dry_run":true,"valid","rows":[parsed rows with "row"],"problems":[...]}.
// Otherwise the rows are created in one transaction ({"created":N}) or, with any problem,
// 400 import_rejected listing all of them (nothing written). Needs ledger:asset:write and a
// village in scope; file-level errors (not a table, missing column) are 400 naming "file".
nlohmann::json import_table(store::Connection& c, const auth::Principal& actor, ImportKind kind,
                            const std::string& region_code, std::string bytes, bool dry_run);

}  // namespace ql::ledger
