// Routes of the funds ledger's imports (凭证、科目导入) with their templates:
// POST /api/v1/ledger/vouchers/import, GET /api/v1/ledger/vouchers/template,
// POST /api/v1/ledger/accounts/import, GET /api/v1/ledger/accounts/template.
// Same shape as the asset imports: the raw body is the file, ?region=&dry_run=true previews.
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/api.hpp"
#include "http/import_response.hpp"
#include "http/input.hpp"
#include "ledger/account_import.hpp"
#include "ledger/period.hpp"
#include "ledger/voucher_import.hpp"

namespace ql::http {

void register_ledger_import_routes(Api& api) {
  api.route(Method::GET, "/api/v1/ledger/vouchers/template", ledger::kReadPermission, [](Call& call) {
    return template_download(call.req, import_template::voucher_template(), "voucher-import-template", call.english);
  });
  api.route(Method::POST, "/api/v1/ledger/vouchers/import", ledger::kWritePermission, [](Call& call) {
    ledger::VoucherImportOptions o;
    o.dry_run = query_bool(call.req, "dry_run").value_or(false);
    o.unapproved_reason = query_string(call.req, "unapproved_reason", 800);
    if (!o.unapproved_reason && call.req.query_param("unapproved_reason")) o.unapproved_reason = "";  // given empty
    // Options are checked before the region, so a bad one is named whatever else is missing.
    if (o.unapproved_reason && (text::char_count(*o.unapproved_reason) < 2 || text::char_count(*o.unapproved_reason) > 200))
      throw invalid_field("unapproved_reason", "未经审批的原因须为 2 到 200 个字符", "must have 2 to 200 characters");
    const auto region = required_region_query(call.req);
    require_file(call.req);
    return import_answer(ledger::import_vouchers(call.db, call.actor(), region, call.req.body, o),
                         ledger::ImportTable::vouchers, o.dry_run, call.english);
  });
  api.route(Method::GET, "/api/v1/ledger/accounts/template", ledger::kReadPermission, [](Call& call) {
    return template_download(call.req, ledger::account_import_template(), "account-import-template", call.english);
  });
  api.route(Method::POST, "/api/v1/ledger/accounts/import", ledger::kWritePermission, [](Call& call) {
    ledger::AccountImportOptions o;
    o.dry_run = query_bool(call.req, "dry_run").value_or(false);
    o.opening_date = query_string(call.req, "opening_date", 10);
    if (o.opening_date) ledger::require_date("opening_date", *o.opening_date);
    const auto region = required_region_query(call.req);
    require_file(call.req);
    return import_answer(ledger::import_accounts(call.db, call.actor(), region, call.req.body, o),
                         ledger::ImportTable::accounts, o.dry_run, call.english);
  });
}

}  // namespace ql::http
