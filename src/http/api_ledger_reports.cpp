// Report routes of the funds ledger: balances (科目余额表), cash and bank journals (日记账),
// detail and general ledgers (明细账/总账), income statement (收益表), balance sheet
// (资产负债表) and the yearly comparison. All GET, all for one village (?region=CODE); each
// also as a download with ?format=xlsx|csv (ledger_report_export.hpp).
#include <chrono>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"
#include "http/ledger_report_export.hpp"
#include "ledger/period.hpp"
#include "ledger/report.hpp"
#include "region/region.hpp"

namespace ql::http {
namespace {

constexpr const char* kRead = ledger::kReadPermission;

std::optional<Date> date_param(const Request& req, const std::string& name) {
  auto text = query_string(req, name, 10);
  if (!text) return std::nullopt;
  return ledger::require_date(name, *text);
}

// Every parameter is checked for its format before any is required, so a bad value is
// reported under its own name.
struct Query {
  std::optional<std::string> region;
  std::optional<Date> from, to, date;
  std::optional<std::string> account;

  explicit Query(const Request& req)
      : region(query_string(req, "region", 15)),
        from(date_param(req, "from")),
        to(date_param(req, "to")),
        date(date_param(req, "date")),
        account(query_string(req, "account", 40)) {}

  std::string village() const {
    if (!region)
      throw bad_request("invalid_query", "缺少查询参数 region(村或社区代码)",
                        "Query parameter 'region' (a village's code) is required", "region");
    return *region;
  }
  std::string account_code() const {
    if (!account)
      throw bad_request("invalid_query", "缺少查询参数 account(科目编码)", "Query parameter 'account' is required",
                        "account");
    return *account;
  }
  // [from, to]: given, or the year of `to` (default today) up to `to`.
  std::pair<Date, Date> range() const {
    const Date end = to.value_or(business_day(now()));
    const auto y = std::chrono::year_month_day{end}.year();
    return {from.value_or(std::chrono::sys_days{y / 1 / 1}), end};
  }
};

// The report as JSON, or with ?format=xlsx|csv as a download titled with the village's name
// (the report call has already checked the caller's scope for that village).
Response report_response(Call& call, ExportFormat format, LedgerReport kind, nlohmann::json report) {
  if (format == ExportFormat::json) return json_response(200, report);
  const auto code = report.value("region_code", "");
  const auto region = region::find(call.db, code);
  const auto name = region ? region->name : code;
  auto file = ledger_report_file(kind, report, name, call.english);
  return export_response(format, file.table, name + "-" + file.name_zh, code + "-" + file.name_en, call.english);
}

}  // namespace

void register_ledger_report_routes(Api& api) {
  api.route(Method::GET, "/api/v1/ledger/balances", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    Query q(call.req);
    auto region = q.village();
    // ?date= is "as of that day": from the start of its year (the opening is the year's).
    auto [from, to] = q.range();
    if (q.date) {
      to = *q.date;
      from = std::chrono::sys_days{std::chrono::year_month_day{to}.year() / 1 / 1};
    }
    return report_response(call, format, LedgerReport::balances,
                           ledger::balances(call.db, call.actor(), region, from, to));
  });

  api.route(Method::GET, "/api/v1/ledger/journal/{kind}", kRead, [](Call& call) {
    const auto& kind = call.req.path_param("kind");
    if (kind != "cash" && kind != "bank")
      throw bad_request("invalid_path", "日记账类别须为 cash 或 bank", "The journal must be cash or bank", "kind");
    const auto format = export_format(call.req);
    Query q(call.req);
    auto region = q.village();
    auto [from, to] = q.range();
    ledger::AccountSelector sel{kind == "cash" ? ledger::AccountSelector::cash : ledger::AccountSelector::bank, {}};
    return report_response(call, format, LedgerReport::journal,
                           ledger::detail_ledger(call.db, call.actor(), region, sel, from, to));
  });

  api.route(Method::GET, "/api/v1/ledger/detail", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    Query q(call.req);
    auto region = q.village();
    auto account = q.account_code();
    auto [from, to] = q.range();
    return report_response(call, format, LedgerReport::detail,
                           ledger::detail_ledger(call.db, call.actor(), region,
                                                 {ledger::AccountSelector::code, account}, from, to));
  });

  api.route(Method::GET, "/api/v1/ledger/general", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    Query q(call.req);
    auto region = q.village();
    auto account = q.account_code();
    auto [from, to] = q.range();
    return report_response(call, format, LedgerReport::general,
                           ledger::general_ledger(call.db, call.actor(), region, account, from, to));
  });

  api.route(Method::GET, "/api/v1/ledger/income", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    Query q(call.req);
    auto region = q.village();
    auto [from, to] = q.range();
    return report_response(call, format, LedgerReport::income,
                           ledger::income_statement(call.db, call.actor(), region, from, to));
  });

  api.route(Method::GET, "/api/v1/ledger/balance-sheet", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    Query q(call.req);
    auto region = q.village();
    return report_response(
        call, format, LedgerReport::balance_sheet,
        ledger::balance_sheet(call.db, call.actor(), region, q.date.value_or(business_day(now()))));
  });

  api.route(Method::GET, "/api/v1/ledger/comparison", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    auto region = query_string(call.req, "region", 15);
    auto year = query_int(call.req, "year", 2000, 2100);
    auto base = query_int(call.req, "base_year", 2000, 2100);
    if (!region)
      throw bad_request("invalid_query", "缺少查询参数 region(村或社区代码)",
                        "Query parameter 'region' (a village's code) is required", "region");
    const int y = year ? static_cast<int>(*year)
                       : static_cast<int>(std::chrono::year_month_day{business_day(now())}.year());
    const int b = base ? static_cast<int>(*base) : y - 1;
    return report_response(call, format, LedgerReport::comparison,
                           ledger::yearly_comparison(call.db, call.actor(), *region, b, y));
  });
}

}  // namespace ql::http
