// Routes of works projects (工程项目) and the two reports from the seeds: the yearly project
// check table (年度工程项目汇总核查表, /api/v1/ledger/project-check) and the term audit
// (离任经济责任审计, /api/v1/ledger/term-audit), each also as a download.
#include <chrono>
#include <map>

#include "core/clock.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/xlsx_workbook.hpp"
#include "core/xlsx_writer.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"
#include "http/list_route.hpp"
#include "ledger/asset.hpp"
#include "ledger/period.hpp"
#include "ledger/project.hpp"
#include "ledger/term_audit.hpp"

namespace ql::http {
namespace {

constexpr const char* kRead = ledger::kReadPermission;
constexpr const char* kWrite = ledger::kWritePermission;
constexpr std::int64_t kMaxFen = ledger::kMaxValueFen;

using Labels = std::map<std::string, std::pair<std::string, std::string>>;
const Labels kCategory = {{"works", {"工程", "works"}}, {"purchase", {"采购", "purchase"}}, {"service", {"服务", "service"}}};
const Labels kAcceptance = {{"passed", {"合格", "passed"}}, {"failed", {"不合格", "failed"}}};

std::string label(const nlohmann::json& v, bool en, const Labels& labels) {
  if (!v.is_string()) return {};
  auto it = labels.find(v.get<std::string>());
  return it == labels.end() ? v.get<std::string>() : (en ? it->second.second : it->second.first);
}

std::string checks_text(const nlohmann::json& item, bool en) {
  std::string out;
  for (const auto& f : item["checks"]) {
    if (!out.empty()) out += en ? "; " : ";";
    out += (f["severity"] == "error" ? (en ? "[error] " : "【红】") : (en ? "[warning] " : "【黄】")) +
           f[en ? "message_en" : "message_zh"].get<std::string>();
  }
  return out;
}

const std::vector<ExportColumn>& project_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> c = {
      {"name", "项目名称", "Project"},
      {"year", "年度", "Year", K::integer},
      {"category", "类别", "Category", K::text, [](const nlohmann::json& i, bool en) { return label(i["category"], en, kCategory); }},
      {"contract_amount_fen", "合同金额(元)", "Contract amount", K::money},
      {"contractor", "承建单位", "Contractor"},
      {"procurement_method", "采购方式", "Procurement method", K::text,
       [](const nlohmann::json& i, bool en) { return i[en ? "procurement_method_en" : "procurement_method_zh"].get<std::string>(); }},
      {"start_date", "开工日期", "Start", K::date},
      {"finish_date", "完工日期", "Finish", K::date},
      {"acceptance_date", "验收日期", "Acceptance", K::date},
      {"acceptance_result", "验收结果", "Acceptance result", K::text,
       [](const nlohmann::json& i, bool en) { return label(i["acceptance_result"], en, kAcceptance); }},
      {"audit_date", "审计日期", "Audit", K::date},
      {"audited_amount_fen", "审定金额(元)", "Audited amount", K::money},
      {"settlement_amount_fen", "结算金额(元)", "Settlement", K::money},
      {"paid_fen", "已付金额(元)", "Paid", K::money},
      {"payment_count", "付款笔数", "Payments", K::integer},
      {"last_paid_date", "最近付款日期", "Last paid", K::date},
      {"checks", "核查结果", "Check findings", K::text, checks_text},
      {"region_name", "所属村社", "Village"}};
  return c;
}

std::optional<std::string> opt_date_field(JsonInput& in, const std::string& name) {
  auto v = in.optional_string(name, 10);
  if (v && v->empty()) return std::nullopt;
  return v;
}

ledger::ProjectInput read_project(JsonInput& in, bool with_region) {
  ledger::ProjectInput p;
  if (with_region) p.region_code = in.required_string("region_code", 15);
  p.name = in.required_string("name", 100);
  p.year = static_cast<int>(in.required_int("year", 2000, 2100));
  p.category = in.required_string("category", 20);
  p.contract_amount_fen = in.required_int("contract_amount_fen", 0, kMaxFen);
  p.contractor = in.optional_string("contractor", 100).value_or("");
  p.procurement_method = in.required_string("procurement_method", 40);
  p.start_date = opt_date_field(in, "start_date");
  p.finish_date = opt_date_field(in, "finish_date");
  p.acceptance_date = opt_date_field(in, "acceptance_date");
  p.acceptance_result = in.optional_string("acceptance_result", 20);
  if (p.acceptance_result && p.acceptance_result->empty()) p.acceptance_result.reset();
  p.audit_date = opt_date_field(in, "audit_date");
  p.audited_amount_fen = in.optional_int("audited_amount_fen", 0, kMaxFen);
  p.settlement_amount_fen = in.optional_int("settlement_amount_fen", 0, kMaxFen);
  p.power_case_id = in.optional_int("power_case_id", 1, 999'999'999'999);
  p.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
  in.finish();
  return p;
}

std::string required_region(const Request& req) {
  auto region = query_string(req, "region", 15);
  if (!region)
    throw bad_request("invalid_query", "缺少查询参数 region(村或社区代码)",
                      "Query parameter 'region' (a village's code) is required", "region");
  return *region;
}

std::optional<Date> date_param(const Request& req, const std::string& name) {
  auto text = query_string(req, name, 10);
  if (!text) return std::nullopt;
  return ledger::require_date(name, *text);
}

Date required_date(const Request& req, const std::string& name) {
  auto d = date_param(req, name);
  if (!d)
    throw bad_request("invalid_query", "缺少查询参数 " + name + "(YYYY-MM-DD)", "Query parameter '" + name + "' is required",
                      name);
  return *d;
}

// ---- Term audit workbook: one sheet per section.
using K = xlsx::ColumnKind;
xlsx::Cell fen_cell(const nlohmann::json& v) { return v.is_number() ? xlsx::Cell(v.get<std::int64_t>()) : xlsx::Cell(); }
xlsx::Cell text_cell(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "是" : "否");
  return {};
}

xlsx::Table sheet(const std::string& name, std::vector<xlsx::Column> cols, std::vector<std::vector<xlsx::Cell>> rows,
                  std::string title = {}) {
  xlsx::Table t;
  t.sheet_name = name;
  t.title = std::move(title);
  t.columns = std::move(cols);
  t.rows = std::move(rows);
  return t;
}

xlsx::Table voucher_sheet(const std::string& name, const nlohmann::json& list, bool en) {
  std::vector<std::vector<xlsx::Cell>> rows;
  for (const auto& v : list)
    rows.push_back({text_cell(v["date"]), text_cell(v["period"]), text_cell(v["number"]), text_cell(v["summary"]),
                    text_cell(v["counterparty"]), fen_cell(v["total_fen"]), text_cell(v["status"]),
                    text_cell(v["approval_ref"]), text_cell(v["unapproved_reason"]), text_cell(v["void_reason"])});
  return sheet(name,
               {{en ? "Date" : "日期", K::date}, {en ? "Period" : "期间"}, {en ? "No." : "凭证号", K::integer},
                {en ? "Summary" : "摘要"}, {en ? "Counterparty" : "往来单位"}, {en ? "Amount" : "金额(元)", K::money},
                {en ? "Status" : "状态"}, {en ? "Approval" : "审批依据"}, {en ? "Unapproved reason" : "未审批原因"},
                {en ? "Void reason" : "作废原因"}},
               std::move(rows));
}

std::vector<xlsx::Table> term_audit_sheets(const nlohmann::json& r, bool en) {
  std::vector<xlsx::Table> sheets;
  const auto title = r["region_name"].get<std::string>() + " " + r["cadre"]["name"].get<std::string>() + " " +
                     r["from"].get<std::string>() + " ~ " + r["to"].get<std::string>() +
                     (en ? " term audit" : " 离任经济责任审计");
  {
    std::vector<std::vector<xlsx::Cell>> rows;
    for (const auto& p : r["positions"])
      rows.push_back({text_cell(p["account_code"]), text_cell(p["account_name"]), fen_cell(p["opening_fen"]),
                      fen_cell(p["closing_fen"]), fen_cell(p["change_fen"])});
    rows.push_back({std::string(), std::string(en ? "Income in the term" : "任期收入"), xlsx::Cell(), fen_cell(r["income_fen"]), xlsx::Cell()});
    rows.push_back({std::string(), std::string(en ? "Spending in the term" : "任期支出"), xlsx::Cell(), fen_cell(r["expenditure_fen"]), xlsx::Cell()});
    rows.push_back({std::string(), std::string(en ? "Arrears at the end" : "期末合同欠款"), xlsx::Cell(), fen_cell(r["arrears_fen"]), xlsx::Cell()});
    sheets.push_back(sheet(en ? "Positions" : "期初期末", {{en ? "Account" : "科目编码"}, {en ? "Name" : "项目"},
                                                       {en ? "Opening" : "期初(元)", K::money}, {en ? "Closing" : "期末(元)", K::money},
                                                       {en ? "Change" : "变动(元)", K::money}},
                           std::move(rows), title));
  }
  {
    std::vector<std::vector<xlsx::Cell>> rows;
    for (const char* side : {"income", "expenditure"})
      for (const auto& a : r[side])
        rows.push_back({std::string(side == std::string("income") ? (en ? "income" : "收入") : (en ? "spending" : "支出")),
                        text_cell(a["code"]), text_cell(a["name"]), fen_cell(a["amount_fen"])});
    sheets.push_back(sheet(en ? "Income and spending" : "收支", {{en ? "Side" : "类别"}, {en ? "Account" : "科目编码"},
                                                               {en ? "Name" : "科目名称"}, {en ? "Amount" : "金额(元)", K::money}},
                           std::move(rows)));
  }
  sheets.push_back(voucher_sheet(en ? "Vouchers" : "经手凭证", r["vouchers"], en));
  sheets.push_back(voucher_sheet(en ? "Unapproved" : "未审批付款", r["unapproved"], en));
  for (const auto& [key, zh, e] : {std::tuple{"assets_acquired", "新增资产", "Assets acquired"},
                                   std::tuple{"assets_disposed", "处置资产", "Assets disposed"}}) {
    std::vector<std::vector<xlsx::Cell>> rows;
    for (const auto& a : r[key])
      rows.push_back({text_cell(a["code"]), text_cell(a["name"]), text_cell(a["category"]), fen_cell(a["original_value_fen"]),
                      text_cell(a["acquired_date"]), text_cell(a["status"]), text_cell(a["disposal_ref"])});
    sheets.push_back(sheet(en ? e : zh, {{en ? "Code" : "资产编号"}, {en ? "Name" : "名称"}, {en ? "Category" : "类别"},
                                         {en ? "Value" : "原值(元)", K::money}, {en ? "Acquired" : "取得日期", K::date},
                                         {en ? "Status" : "状态"}, {en ? "Disposal" : "处置依据"}},
                           std::move(rows)));
  }
  for (const auto& [key, zh, e] : {std::tuple{"contracts_signed", "签订合同", "Contracts signed"},
                                   std::tuple{"contracts_changed", "变更合同", "Contracts changed"}}) {
    std::vector<std::vector<xlsx::Cell>> rows;
    for (const auto& k : r[key])
      rows.push_back({text_cell(k["number"]), text_cell(k["kind"]), text_cell(k["counterparty"]), text_cell(k["start_date"]),
                      text_cell(k["end_date"]), fen_cell(k["total_fen"]), text_cell(k["status"])});
    sheets.push_back(sheet(en ? e : zh, {{en ? "Number" : "合同编号"}, {en ? "Kind" : "类型"}, {en ? "Counterparty" : "承包方"},
                                         {en ? "Start" : "开始", K::date}, {en ? "End" : "结束", K::date},
                                         {en ? "Total" : "总价(元)", K::money}, {en ? "Status" : "状态"}},
                           std::move(rows)));
  }
  {
    std::vector<std::vector<xlsx::Cell>> rows;
    for (const auto& a : r["arrears"])
      rows.push_back({text_cell(a["number"]), text_cell(a["counterparty"]), fen_cell(a["total_fen"]), fen_cell(a["paid_fen"]),
                      fen_cell(a["arrears_fen"]), text_cell(a["days_overdue"])});
    sheets.push_back(sheet(en ? "Arrears" : "期末欠款", {{en ? "Contract" : "合同编号"}, {en ? "Counterparty" : "承包方"},
                                                       {en ? "Total" : "总价(元)", K::money}, {en ? "Paid" : "已收(元)", K::money},
                                                       {en ? "Arrears" : "欠款(元)", K::money}, {en ? "Days overdue" : "逾期天数", K::integer}},
                           std::move(rows)));
  }
  {
    auto t = export_table(r["projects"], project_columns(), en, en ? "Projects" : "工程项目");
    sheets.push_back(std::move(t));
  }
  sheets.push_back(voucher_sheet(en ? "Reversals" : "冲销凭证", r["reversals"], en));
  sheets.push_back(voucher_sheet(en ? "Voids" : "作废凭证", r["voids"], en));
  return sheets;
}

}  // namespace

void register_project_routes(Api& api) {
  api.route(Method::GET, "/api/v1/ledger/projects", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"name", "year", "contract_amount_fen", "created_at"}, "name");
    const auto year = query_int(call.req, "year", 2000, 2100);
    ledger::ProjectFilter f{query_string(call.req, "region", 15), query_string(call.req, "category", 20),
                            query_string(call.req, "procurement_method", 40), query_string(call.req, "q", 50),
                            year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt};
    return list_or_export(
        call.req, call.english, page, [&](const PageRequest& p) { return ledger::list_projects(call.db, call.actor(), f, p); },
        {project_columns(), "工程项目", "Projects", "工程项目", "projects"});
  });

  api.route(Method::POST, "/api/v1/ledger/projects", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto p = read_project(in, true);
    return json_response(201, ledger::create_project(call.db, call.actor(), p));
  });

  api.route(Method::GET, "/api/v1/ledger/projects/{id}", kRead, [](Call& call) {
    return json_response(200, ledger::get_project(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::PUT, "/api/v1/ledger/projects/{id}", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    auto p = read_project(in, false);
    return json_response(200, ledger::update_project(call.db, call.actor(), id, p));
  });

  api.route(Method::DELETE, "/api/v1/ledger/projects/{id}", kWrite, [](Call& call) {
    ledger::delete_project(call.db, call.actor(), path_id(call.req, "id"));
    return Response::no_content();
  });

  api.route(Method::POST, "/api/v1/ledger/projects/{id}/payments", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    const auto voucher = in.required_int("voucher_id", 1, 999'999'999'999);
    in.finish();
    return json_response(201, ledger::link_payment(call.db, call.actor(), id, voucher));
  });

  api.route(Method::DELETE, "/api/v1/ledger/projects/{id}/payments/{voucher_id}", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    const auto voucher = path_id(call.req, "voucher_id");
    return json_response(200, ledger::unlink_payment(call.db, call.actor(), id, voucher));
  });

  api.route(Method::GET, "/api/v1/ledger/project-check", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    const auto year = query_int(call.req, "year", 2000, 2100);
    const auto region = required_region(call.req);
    const int y = year ? static_cast<int>(*year)
                       : static_cast<int>(std::chrono::year_month_day{business_day(now())}.year());
    auto r = ledger::project_check(call.db, call.actor(), region, y);
    if (format == ExportFormat::json) return json_response(200, r);
    auto table = export_table(r["items"], project_columns(), call.english, call.english ? "Project check" : "工程项目核查表");
    table.title = r["region_name"].get<std::string>() + " " + std::to_string(y) +
                  (call.english ? " yearly project check table" : "年度工程项目汇总核查表");
    return export_response(format, table, std::to_string(y) + "年度工程项目汇总核查表", "project-check-" + std::to_string(y),
                           call.english);
  });

  api.route(Method::GET, "/api/v1/ledger/term-audit/cadres", kRead, [](Call& call) {
    return json_response(200, ledger::term_audit_cadres(call.db, call.actor(), required_region(call.req)));
  });

  api.route(Method::GET, "/api/v1/ledger/term-audit", kRead, [](Call& call) {
    const auto format = export_format(call.req);
    // Every parameter's format is checked before any is required, so a bad one is named.
    ledger::TermAuditQuery q;
    q.user_id = query_int(call.req, "user", 1, 999'999'999'999);
    q.cadre_name = query_string(call.req, "cadre_name", 50);
    const auto from = date_param(call.req, "from"), to = date_param(call.req, "to");
    q.region_code = required_region(call.req);
    q.from = required_date(call.req, "from");
    q.to = required_date(call.req, "to");
    (void)from;
    (void)to;
    auto r = ledger::term_audit(call.db, call.actor(), q);
    if (format == ExportFormat::json) return json_response(200, r);
    const auto sheets = term_audit_sheets(r, call.english);
    Response resp;
    resp.status = 200;
    std::string ext;
    if (format == ExportFormat::xlsx) {
      resp.body = xlsx::to_xlsx_workbook(sheets);
      resp.headers["Content-Type"] = kXlsxMediaType;
      ext = ".xlsx";
    } else {
      // One file: each section's name on a line of its own, then its table, then a blank line.
      resp.body = "\xEF\xBB\xBF";
      for (const auto& t : sheets) {
        auto part = xlsx::to_csv(t);
        resp.body += csv::escape(t.sheet_name) + "\r\n" + part.substr(3) + "\r\n";
      }
      resp.headers["Content-Type"] = std::string(kCsvMediaType) + "; charset=utf-8";
      ext = ".csv";
    }
    const auto name = r["cadre"]["name"].get<std::string>() + "离任经济责任审计-" + r["to"].get<std::string>() + ext;
    resp.headers["Content-Disposition"] = content_disposition(name, "term-audit-" + r["to"].get<std::string>() + ext);
    return resp;
  });
}

}  // namespace ql::http
