// OpenAPI documentation of the funds ledger routes (api_ledger.cpp, api_ledger_reports.cpp).
#include <string>
#include <tuple>
#include <vector>

#include "disclosure/attachment.hpp"
#include "http/export.hpp"
#include "http/openapi_list.hpp"
#include "http/openapi_spec.hpp"
#include "ledger/period.hpp"
#include "ledger/voucher_check.hpp"

namespace ql::http::openapi {
namespace {

constexpr const char* kTag = "ledger";
constexpr const char* kScope403 = kVillageScope403;
constexpr const char* kReportFile =
    "the report as a spreadsheet: in .xlsx a title row (village, report, range) above the header, money in yuan as "
    "numbers formatted #,##0.00, opening/total/closing rows; CSV without the title row";

Json fen(std::string description) { return described(integer(), std::move(description)); }

// The region filter every ledger report requires.
Operation& village(Operation& op) {
  return op.query("region", described(text(15), "the village (community) whose books to read; required"),
                  "village code")
      .fails(400, "invalid_query: region missing; invalid_field region: not a village/community")
      .fails(403, kScope403);
}

Operation& dated(Operation& op) {
  const auto date = described(text(10, 10), "YYYY-MM-DD");
  return op.query("from", date, "first day (default: 1 January of the year of 'to')")
      .query("to", date, "last day (default: today in Asia/Shanghai)")
      .fails(400, "invalid_field from: after 'to'");
}

Operation& voucher_id(Operation& op) {
  return op.path_param("id", integer(1), "voucher id")
      .fails(400, "invalid_id: the id is not a number")
      .fails(403, kScope403 + std::string(" (also for a voucher that does not exist)"))
      .fails(404, "not_found: no such voucher (callers scoped to a region get 403 instead)");
}

Operation& account_id(Operation& op) {
  return op.path_param("id", integer(1), "account id")
      .fails(400, "invalid_id: the id is not a number")
      .fails(403, kScope403 + std::string(" (also for an account that does not exist)"))
      .fails(404, "not_found: no such account (callers scoped to a region get 403 instead)");
}

Json voucher_body(bool with_region) {
  std::vector<std::string> settlements;
  for (auto s : ledger::kSettlements) settlements.emplace_back(s);
  Json line = object({{"account_code", described(text(40, 1), "an active leaf account of the village, e.g. 102.01")},
                      {"summary", described(text(200), "default: the voucher's summary")},
                      {"debit_fen", described(integer(0, ledger::kMaxAmountFen), "借方 in fen; 0 or absent on a credit line")},
                      {"credit_fen", described(integer(0, ledger::kMaxAmountFen), "贷方 in fen")},
                      {"counterparty", text(100)}},
                     {"account_code"});
  Properties p;
  if (with_region) p.push_back({"region_code", described(text(15, 1), "the village")});
  p.push_back({"date", described(text(10, 10), "business date YYYY-MM-DD; its month must be open")});
  p.push_back({"number", described(integer(1, ledger::kMaxVoucherNumber), "凭证号; default: next free in the month")});
  p.push_back({"summary", described(text(200, 1), "摘要")});
  p.push_back({"settlement", described(one_of(settlements), "结算方式 (default none)")});
  p.push_back({"counterparty", described(text(100), "往来单位")});
  p.push_back({"attachment_count", described(integer(0, ledger::kMaxAttachments), "附件张数 (paper originals)")});
  p.push_back({"approval_ref", described(text(64), "the approval that authorised a payment (e.g. a power case number)")});
  p.push_back({"unapproved_exception",
               described(object({{"reason", text(200, 1)}}, {"reason"}),
                         "flags a payment made without approval, with the reason (red-flag input)")});
  p.push_back({"lines", described(array_of(line, ledger::kMaxLines), "2 to 500 lines; debits must equal credits")});
  std::vector<std::string> required = {"date", "summary", "lines"};
  if (with_region) required.insert(required.begin(), "region_code");
  return object(std::move(p), std::move(required));
}

void schemas(Spec& s) {
  const auto categories = one_of({"asset", "liability", "equity", "cost", "profit_loss"});
  const auto direction = one_of({"debit", "credit"});
  Properties head = {{"code", text()},
                     {"name", text()},
                     {"category", categories},
                     {"direction", described(direction, "normal balance side; amounts are signed towards it")},
                     {"parent_code", nullable(text())},
                     {"is_leaf", boolean()}};
  const auto with = [&head](Properties more) {
    Properties p = head;
    for (auto& m : more) p.push_back(std::move(m));
    return record(std::move(p));
  };
  s.schema("LedgerAccount", record({{"id", integer(1)},
                                    {"region_code", text()},
                                    {"code", described(text(), "101, 102, ...; sub-accounts add .NN (102.01)")},
                                    {"name", text()},
                                    {"category", categories},
                                    {"direction", direction},
                                    {"parent_code", nullable(text())},
                                    {"level", integer(1, 4)},
                                    {"is_cash", described(boolean(), "in the cash journal (现金日记账)")},
                                    {"is_bank", described(boolean(), "in the bank journal (银行存款日记账)")},
                                    {"is_leaf", described(boolean(), "only leaves take postings")},
                                    {"active", boolean()},
                                    {"builtin", described(boolean(), "from the default template: fixed")},
                                    {"created_at", date_time()},
                                    {"updated_at", date_time()}}));
  s.schema("LedgerChart", record({{"region_code", text()},
                                  {"initialized", described(boolean(), "false: no chart yet (copied on first use)")},
                                  {"accounts", array_of(ref("LedgerAccount"))}}));
  s.schema("LedgerVoucherLine", record({{"line_no", integer(1)},
                                        {"account_id", integer(1)},
                                        {"account_code", text()},
                                        {"account_name", text()},
                                        {"summary", text()},
                                        {"debit_fen", integer(0)},
                                        {"credit_fen", integer(0)},
                                        {"counterparty", text()}}));
  s.schema("LedgerScan", record({{"id", integer(1)},
                                 {"voucher_id", integer(1)},
                                 {"filename", text()},
                                 {"content_type", text()},
                                 {"size_bytes", integer(1)},
                                 {"sha256", text()},
                                 {"created_at", date_time()}}));
  Properties voucher = {{"id", integer(1)},
                        {"region_code", text()},
                        {"region_name", text()},
                        {"period", described(text(), "YYYY-MM")},
                        {"number", integer(1)},
                        {"date", described(text(), "YYYY-MM-DD")},
                        {"summary", text()},
                        {"settlement", text()},
                        {"counterparty", text()},
                        {"attachment_count", integer(0)},
                        {"total_fen", fen("sum of debits = sum of credits")},
                        {"is_payment", described(boolean(), "credits cash/bank while money leaves the collective")},
                        {"approval_ref", nullable(text())},
                        {"unapproved", described(boolean(), "a payment flagged as made without approval")},
                        {"unapproved_reason", nullable(text())},
                        {"status", one_of({"posted", "void"})},
                        {"reverses_id", described(nullable(integer(1)), "this voucher reverses that one")},
                        {"reversed_by_id", described(nullable(integer(1)), "reversed by that voucher")},
                        {"void_reason", nullable(text())},
                        {"scan_count", integer(0)},
                        {"created_by", nullable(integer(1))},
                        {"created_at", date_time()},
                        {"updated_at", date_time()}};
  s.schema("LedgerVoucherSummary", record(voucher));
  voucher.push_back({"lines", array_of(ref("LedgerVoucherLine"))});
  voucher.push_back({"scans", array_of(ref("LedgerScan"))});
  s.schema("LedgerVoucher", record(voucher));
  s.schema("LedgerVoucherPage", page_of("LedgerVoucherSummary"));
  Properties period = {{"period", text()},
                       {"status", one_of({"open", "closed"})},
                       {"closed_at", nullable(date_time())},
                       {"voucher_count", integer(0)}};
  s.schema("LedgerPeriod", record(period));
  s.schema("LedgerPeriods", record({{"region_code", text()},
                                    {"year", integer(2000, 2100)},
                                    {"periods", array_of(ref("LedgerPeriod"))}}));
  s.schema("LedgerBalances",
           record({{"region_code", text()},
                   {"from", text()},
                   {"to", text()},
                   {"accounts", array_of(with({{"opening_fen", fen("balance before 'from'")},
                                               {"debit_fen", integer(0)},
                                               {"credit_fen", integer(0)},
                                               {"closing_fen", fen("balance at the end of 'to'")}}))},
                   {"totals", record({{"opening_debit_fen", integer(0)},
                                      {"opening_credit_fen", integer(0)},
                                      {"debit_fen", integer(0)},
                                      {"credit_fen", integer(0)},
                                      {"closing_debit_fen", integer(0)},
                                      {"closing_credit_fen", integer(0)}})}}));
  const auto amounts = [](Properties p) {
    p.push_back({"opening_fen", integer()});
    p.push_back({"debit_fen", integer(0)});
    p.push_back({"credit_fen", integer(0)});
    p.push_back({"closing_fen", integer()});
    return p;
  };
  s.schema("LedgerDetail",
           record(amounts({{"region_code", text()},
                           {"from", text()},
                           {"to", text()},
                           {"account", nullable(record(head))},
                           {"kind", one_of({"cash", "bank", "account"})},
                           {"direction", direction},
                           {"lines", array_of(record({{"date", text()},
                                                      {"period", text()},
                                                      {"number", integer(1)},
                                                      {"voucher_id", integer(1)},
                                                      {"line_no", integer(1)},
                                                      {"summary", text()},
                                                      {"account_code", text()},
                                                      {"account_name", text()},
                                                      {"counterparty", text()},
                                                      {"debit_fen", integer(0)},
                                                      {"credit_fen", integer(0)},
                                                      {"balance_fen", fen("running balance after the line")}}))},
                           {"days", array_of(record({{"date", text()},
                                                     {"debit_fen", integer(0)},
                                                     {"credit_fen", integer(0)},
                                                     {"balance_fen", integer()}}))}})));
  s.schema("LedgerGeneral", record(amounts({{"region_code", text()},
                                            {"from", text()},
                                            {"to", text()},
                                            {"account", record(head)},
                                            {"months", array_of(record({{"period", text()},
                                                                        {"debit_fen", integer(0)},
                                                                        {"credit_fen", integer(0)},
                                                                        {"balance_fen", integer()}}))}})));
  const auto amount_line = with({{"amount_fen", integer()}});
  s.schema("LedgerIncome", record({{"region_code", text()},
                                   {"from", text()},
                                   {"to", text()},
                                   {"income", array_of(amount_line)},
                                   {"expenditure", array_of(amount_line)},
                                   {"income_fen", integer()},
                                   {"expenditure_fen", integer()},
                                   {"net_fen", integer()}}));
  Properties sheet_head = head;
  sheet_head[0] = {"code", described(nullable(text()), "null for the unclosed result line")};
  sheet_head.push_back({"amount_fen", integer()});
  const auto sheet_line = record(sheet_head);
  s.schema("LedgerBalanceSheet", record({{"region_code", text()},
                                         {"date", text()},
                                         {"assets", array_of(sheet_line)},
                                         {"liabilities", array_of(sheet_line)},
                                         {"equity", array_of(sheet_line)},
                                         {"assets_fen", integer()},
                                         {"liabilities_fen", integer()},
                                         {"equity_fen", integer()},
                                         {"liabilities_and_equity_fen", integer()},
                                         {"balanced", boolean()}}));
  const auto compare = record({{"base_fen", integer()}, {"year_fen", integer()}, {"change_fen", integer()}});
  const auto compare_line =
      with({{"base_fen", integer()}, {"year_fen", integer()}, {"change_fen", described(integer(), "year - base")}});
  s.schema("LedgerComparison", record({{"region_code", text()},
                                       {"base_year", integer(2000, 2100)},
                                       {"year", integer(2000, 2100)},
                                       {"income", array_of(compare_line)},
                                       {"expenditure", array_of(compare_line)},
                                       {"income_total", compare},
                                       {"expenditure_total", compare},
                                       {"net", compare}}));
}

}  // namespace

void document_ledger(Spec& s) {
  s.tag(kTag, "Village funds books (三资·资金): chart of accounts, vouchers, periods, reports / 村集体资金账");
  schemas(s);
  const std::string read = ledger::kReadPermission, write = ledger::kWritePermission,
                    close = ledger::kClosePermission;
  const auto village_body = described(text(15, 1), "the village (community)");

  // Chart of accounts
  village(s.add(Method::GET, "/api/v1/ledger/accounts", "listLedgerAccounts", "Chart of accounts / 科目表", kTag)
              .permission(read))
      .query("include_inactive", boolean(), "also deactivated accounts")
      .returns(200, ref("LedgerChart"), "The village's accounts ordered by code");
  s.add(Method::POST, "/api/v1/ledger/accounts/init", "initLedgerChart", "Copy the default chart / 初始化科目表", kTag)
      .permission(write)
      .describe("Copies the default template (村集体经济组织会计制度) into the village. Writing a first voucher or "
                "sub-account does this too.")
      .json_body(object({{"region_code", village_body}}, {"region_code"}))
      .returns(201, ref("LedgerChart"), "The new chart")
      .fails(403, kScope403)
      .fails(409, "chart_exists: the village already has a chart");
  s.add(Method::POST, "/api/v1/ledger/accounts", "addLedgerAccount", "Add a sub-account / 增设明细科目", kTag)
      .permission(write)
      .json_body(object({{"region_code", village_body},
                         {"parent_code", described(text(40, 1), "the account to split, e.g. 102")},
                         {"code", described(text(40), "parent code + '.NN'; default the next free")},
                         {"name", text(50, 1)},
                         {"is_cash", described(boolean(), "default: the parent's")},
                         {"is_bank", described(boolean(), "default: the parent's")}},
                        {"region_code", "parent_code", "name"}))
      .returns(201, ref("LedgerAccount"), "Created")
      .fails(403, kScope403)
      .fails(409, "duplicate_account: code taken; account_in_use: the parent has postings");
  account_id(s.add(Method::PATCH, "/api/v1/ledger/accounts/{id}", "updateLedgerAccount",
                   "Rename or (de)activate a sub-account / 修改明细科目", kTag)
                 .permission(write))
      .json_body(object({{"name", text(50)}, {"active", boolean()}}, {}))
      .returns(200, ref("LedgerAccount"), "The changed account")
      .fails(409, "builtin_account: template accounts are fixed; account_has_balance, account_has_children, "
                  "parent_inactive");
  account_id(s.add(Method::DELETE, "/api/v1/ledger/accounts/{id}", "deleteLedgerAccount",
                   "Delete an unused sub-account / 删除明细科目", kTag)
                 .permission(write))
      .returns_nothing("Deleted")
      .fails(409, "account_in_use: it has postings (deactivate it); builtin_account; account_has_children");

  // Vouchers
  s.add(Method::GET, "/api/v1/ledger/vouchers", "listLedgerVouchers", "List vouchers / 凭证列表", kTag)
      .permission(read)
      .paging({"date", "number", "total_fen", "created_at"}, "-date")
      .query("region", described(text(15), "that region and everything below it"), "region filter")
      .query("period", described(text(7, 7), "YYYY-MM"), "one month")
      .query("from", described(text(10, 10), "YYYY-MM-DD"), "voucher date from")
      .query("to", described(text(10, 10), "YYYY-MM-DD"), "voucher date to")
      .query("status", one_of({"posted", "void"}), "status")
      .query("account", text(40), "vouchers with a line on this account or its sub-accounts")
      .query("is_payment", boolean(), "payments only (or none)")
      .query("unapproved", boolean(), "payments flagged as made without approval")
      .query("q", text(50), "summary or counterparty contains")
      .exports("the vouchers (one row each, without lines) as a spreadsheet")
      .returns(200, ref("LedgerVoucherPage"), "A page of vouchers (without lines)")
      .fails(403, "forbidden: the region is outside the caller's data scope");
  s.add(Method::POST, "/api/v1/ledger/vouchers", "createLedgerVoucher", "Enter a voucher / 录入记账凭证", kTag)
      .permission(write)
      .describe("Double entry in integer fen: every line has exactly one of debit_fen/credit_fen positive, and "
                "debits equal credits. A payment (money leaves cash/bank) needs approval_ref or an explicit "
                "unapproved_exception. error.field names the line, e.g. lines[1].account_code.")
      .json_body(voucher_body(true))
      .returns(201, ref("LedgerVoucher"), "Posted")
      .fails(403, kScope403)
      .fails(409, "period_closed: the month is closed; duplicate_number: the number is used in the month");
  voucher_id(s.add(Method::GET, "/api/v1/ledger/vouchers/{id}", "getLedgerVoucher", "Get a voucher / 凭证详情", kTag)
                 .permission(read))
      .returns(200, ref("LedgerVoucher"), "The voucher with its lines and scans");
  voucher_id(s.add(Method::PUT, "/api/v1/ledger/vouchers/{id}", "updateLedgerVoucher", "Edit a voucher / 修改凭证", kTag)
                 .permission(write))
      .describe("Replaces the content of a posted voucher whose month (and new month) is open.")
      .json_body(voucher_body(false))
      .returns(200, ref("LedgerVoucher"), "The changed voucher")
      .fails(409, "period_closed; voucher_void; voucher_reversed; voucher_is_reversal; duplicate_number");
  voucher_id(s.add(Method::POST, "/api/v1/ledger/vouchers/{id}/void", "voidLedgerVoucher", "Void a voucher / 作废凭证", kTag)
                 .permission(write))
      .json_body(object({{"reason", text(200, 1)}}, {"reason"}))
      .returns(200, ref("LedgerVoucher"), "Void: kept with its number, out of every report")
      .fails(409, "period_closed; voucher_void; voucher_reversed");
  voucher_id(s.add(Method::POST, "/api/v1/ledger/vouchers/{id}/reverse", "reverseLedgerVoucher",
                   "Reverse a voucher / 冲销凭证", kTag)
                 .permission(write))
      .describe("Posts a voucher with debits and credits swapped, in an open month, citing the original (whose "
                "month may be closed); the original then shows reversed_by_id.")
      .json_body(object({{"date", described(text(10, 10), "YYYY-MM-DD in an open month")},
                         {"number", integer(1, ledger::kMaxVoucherNumber)},
                         {"summary", text(200)}},
                        {"date"}))
      .returns(201, ref("LedgerVoucher"), "The reversing voucher")
      .fails(409, "already_reversed; voucher_void; voucher_is_reversal; period_closed; duplicate_number");
  const std::vector<std::string> types = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"};
  voucher_id(s.add(Method::POST, "/api/v1/ledger/vouchers/{id}/scans", "addLedgerScan",
                   "Upload a scanned original / 上传原始凭证扫描件", kTag)
                 .permission(write))
      .describe("The body is the file itself (PDF or image, type sniffed from the content, at most " +
                std::to_string(disclosure::kMaxAttachmentBytes) + " bytes), as for publication attachments.")
      .query("filename", text(disclosure::kMaxFilenameChars, 1), "the file's name (required)")
      .raw_body("application/octet-stream", "the file's bytes; Content-Type may also be its own type")
      .returns(201, ref("LedgerScan"), "Stored")
      .fails(400, "invalid_field: filename missing or unusable, or file empty")
      .fails(409, "voucher_void")
      .fails(413, "attachment_too_large")
      .fails(415, "unsupported_attachment_type; attachment_type_mismatch");
  voucher_id(s.add(Method::GET, "/api/v1/ledger/vouchers/{id}/scans/{scan_id}", "getLedgerScan",
                   "Download a scan / 下载扫描件", kTag)
                 .permission(read))
      .path_param("scan_id", integer(1), "scan id")
      .fails(404, "not_found: no such scan of that voucher")
      .returns_file(200, types, "The file, Content-Disposition inline");

  // Periods
  village(s.add(Method::GET, "/api/v1/ledger/periods", "listLedgerPeriods", "Months of a year / 会计期间", kTag)
              .permission(read))
      .query("year", integer(2000, 2100), "default: the current year")
      .returns(200, ref("LedgerPeriods"), "The twelve months, open or closed");
  s.add(Method::POST, "/api/v1/ledger/periods/close", "closeLedgerPeriod", "Close a month / 结账", kTag)
      .permission(close)
      .describe("Final: a closed month takes no voucher writes (409 period_closed); corrections go into an open month "
                "as reversing vouchers. Months close in order, and only after they end.")
      .json_body(object({{"region_code", village_body}, {"period", described(text(7, 1), "YYYY-MM")}},
                        {"region_code", "period"}))
      .returns(200, ref("LedgerPeriod"), "Closed")
      .fails(403, kScope403)
      .fails(409, "period_closed: already closed; period_not_ended; earlier_period_open");

  // Reports
  const auto date = described(text(10, 10), "YYYY-MM-DD");
  dated(village(s.add(Method::GET, "/api/v1/ledger/balances", "getLedgerBalances", "Account balances / 科目余额表", kTag)
                    .permission(read)
                    .describe("Per account: opening, debit, credit and closing in fen, parents including their "
                              "sub-accounts. ?date= gives the year up to that date (opening = the year's).")))
      .query("date", date, "as of this date (overrides from/to)")
      .exports(kReportFile)
      .returns(200, ref("LedgerBalances"), "The balances and trial-balance totals");
  dated(village(s.add(Method::GET, "/api/v1/ledger/journal/{kind}", "getLedgerJournal",
                      "Cash or bank journal / 现金、银行存款日记账", kTag)
                    .permission(read)
                    .path_param("kind", one_of({"cash", "bank"}), "cash: 现金日记账; bank: 银行存款日记账")))
      .exports(kReportFile)
      .returns(200, ref("LedgerDetail"), "Lines with running balance, daily totals, opening and closing")
      .fails(400, "invalid_path: kind is not cash or bank; range_too_large: too many lines, narrow the dates");
  dated(village(s.add(Method::GET, "/api/v1/ledger/detail", "getLedgerDetail", "Detail ledger / 明细账", kTag)
                    .permission(read)))
      .query("account", described(text(40), "account code; its sub-accounts are included (required)"), "account")
      .exports(kReportFile)
      .returns(200, ref("LedgerDetail"), "Lines with running balance")
      .fails(400, "invalid_query: account missing; invalid_field account: no such account; range_too_large");
  dated(village(s.add(Method::GET, "/api/v1/ledger/general", "getLedgerGeneral", "General ledger / 总账", kTag)
                    .permission(read)))
      .query("account", described(text(40), "account code (required)"), "account")
      .exports(kReportFile)
      .returns(200, ref("LedgerGeneral"), "Month by month")
      .fails(400, "invalid_query: account missing; invalid_field account: no such account");
  dated(village(s.add(Method::GET, "/api/v1/ledger/income", "getLedgerIncome",
                      "Income and expenditure / 收益表(收支明细)", kTag)
                    .permission(read)))
      .exports(kReportFile)
      .returns(200, ref("LedgerIncome"), "Income and expenditure accounts with totals and net");
  village(s.add(Method::GET, "/api/v1/ledger/balance-sheet", "getLedgerBalanceSheet", "Balance sheet / 资产负债表", kTag)
              .permission(read))
      .query("date", date, "as of this date (default today)")
      .exports(kReportFile)
      .returns(200, ref("LedgerBalanceSheet"), "Assets = liabilities + equity");
  village(s.add(Method::GET, "/api/v1/ledger/comparison", "getLedgerComparison",
                "Yearly comparison / 收支年度对比", kTag)
              .permission(read))
      .query("year", integer(2000, 2100), "default: the current year")
      .query("base_year", integer(2000, 2100), "default: the year before")
      .exports(kReportFile)
      .returns(200, ref("LedgerComparison"), "Per account in both years with the change");

  // Imports (凭证、科目导入): the raw body is the file; same shape as the asset imports.
  const auto voucher_result = record({{"created", described(integer(0), "vouchers created (as ImportResult.created)")},
                   {"vouchers", integer(0)},
                   {"lines", integer(0)}});
  const auto account_result = record({{"created", described(integer(0), "sub-accounts added")},
                   {"accounts", described(integer(0), "rows read (existing accounts only carry balances)")},
                   {"opening_voucher", described(nullable(record({{"date", described(text(10, 10), "YYYY-MM-DD: the opening_date")},
                                                                  {"lines", integer(1)},
                                                                  {"total_fen", integer(0)}})),
                                                 "the opening-balance voucher (期初余额), null without balances")}});
  const auto import_op = [&](const std::string& path, const std::string& id, const std::string& summary,
                             const std::string& what, const Json& result) -> Operation& {
    return s.add(Method::POST, path, id, summary, kTag)
        .permission(write)
        .describe("The body is an .xlsx or CSV (UTF-8 or GB18030) file, " + what +
                  " (docs/IMPORT.md). All or nothing. dry_run=true writes nothing and answers the parsed rows "
                  "(first 1000) and every problem.")
        .query("region", described(text(15), "the village the rows belong to (required)"), "village")
        .query("dry_run", boolean(), "preview only")
        .raw_body("application/octet-stream", "the file's bytes (any Content-Type)")
        .returns(200, ref("ImportPreview"), "dry_run: the preview")
        .returns(201, result, "Imported")
        .fails(403, kScope403);
  };
  import_op("/api/v1/ledger/vouchers/import", "importLedgerVouchers", "Import vouchers / 导入凭证",
            "one row per voucher line: 日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数 "
            "and optional 审批编号, 例外原因; rows are grouped into vouchers by (month of 日期, 凭证号)",
            voucher_result)
      .query("unapproved_reason", described(text(800, 1), "2..200 characters"),
             "for historic books: flags every payment without 审批编号 as an unapproved exception with this reason")
      .fails(400, "import_rejected: error.problems lists every row problem (row, column, message): bad date, unknown "
                  "account, 科目名称 not the code's, unbalanced voucher, duplicate number in the month, three "
                  "decimals, ...; invalid_query region; empty_file; missing_column; invalid_field region (not a "
                  "village) or unapproved_reason");
  import_op("/api/v1/ledger/accounts/import", "importLedgerAccounts", "Import the chart of accounts / 导入科目及年初余额",
            "科目编码,科目名称,上级科目,类别,余额方向,现金科目,银行科目,年初余额: sub-accounts are added, opening "
            "balances become one opening voucher dated opening_date",
            account_result)
      .query("opening_date", described(text(10, 10), "YYYY-MM-DD: date of the opening-balance voucher; required when 年初余额 is given"),
             "e.g. 2025-12-31")
      .fails(400, "import_rejected: error.problems lists every row problem (row, column, message); invalid_query "
                  "region; empty_file; missing_column; invalid_field region or opening_date");
  for (const auto& [path, id, zh] : {std::tuple{"/api/v1/ledger/vouchers/template", "getLedgerVouchersTemplate", "凭证"},
                                     std::tuple{"/api/v1/ledger/accounts/template", "getLedgerAccountsTemplate", "科目"}})
    s.add(Method::GET, path, id, std::string("Import template / 下载") + zh + "导入模板", kTag)
        .permission(read)
        .query("format", one_of({"xlsx", "csv"}), "default xlsx")
        .fails(400, "invalid_query: format")
        .returns_file(200, {kXlsxMediaType, kCsvMediaType}, "The template with example rows that import as they are");
}

}  // namespace ql::http::openapi
