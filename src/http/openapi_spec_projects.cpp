// OpenAPI documentation of works projects and the two seed reports (api_projects.cpp):
// /api/v1/ledger/projects, /project-check (年度工程项目汇总核查表), /term-audit (离任经济责任审计).
#include <string>
#include <vector>

#include "http/export.hpp"
#include "http/openapi_spec.hpp"
#include "ledger/asset.hpp"
#include "ledger/period.hpp"
#include "ledger/project.hpp"

namespace ql::http::openapi {
namespace {

constexpr const char* kTag = "projects";
constexpr const char* kScope403 = "forbidden: the village is outside the caller's data scope";
constexpr std::int64_t kMaxFen = ledger::kMaxValueFen;
constexpr std::int64_t kMaxId = 999'999'999'999;

Json date_text(std::string what) { return described(text(10, 10), "YYYY-MM-DD: " + std::move(what)); }
Json opt_date() { return described(nullable(text()), "YYYY-MM-DD or null"); }

Operation& by_id(Operation& op) {
  return op.path_param("id", integer(1), "project id")
      .fails(400, "invalid_id: the id is not a number")
      .fails(403, kScope403 + std::string(" (also for an id that does not exist)"))
      .fails(404, "not_found: no such project (callers scoped to a region get 403 instead)");
}

void schemas(Spec& s) {
  const auto severity = described(one_of({"error", "warning"}), "error = red, warning = yellow");
  s.schema("ProjectFinding",
           record({{"code", described(one_of({"paid_over_settlement", "paid_over_contract", "paid_before_acceptance",
                                               "procurement_below_required", "settled_without_audit",
                                               "settlement_over_audit", "acceptance_missing"}),
                                      "the rule (docs/LEDGER.md § Projects)")},
                   {"severity", severity},
                   {"message_zh", text()},
                   {"message_en", text()},
                   {"evidence", described(free_object(), "the figures (fen) and dates that raised it")}}));
  s.schema("ProjectPayment",
           record({{"voucher_id", integer(1)},
                   {"period", text()},
                   {"number", integer(1)},
                   {"date", text()},
                   {"summary", text()},
                   {"amount_fen", described(integer(0), "cash and bank credited by the voucher's posted lines")},
                   {"state", described(one_of({"posted", "void", "reversed"}), "void and reversed vouchers count 0")},
                   {"counted", boolean()}}));
  Properties p = {{"id", integer(1)},
                  {"region_code", text()},
                  {"region_name", text()},
                  {"name", text()},
                  {"year", integer(2000, 2100)},
                  {"category", one_of(ledger::kProjectCategories)},
                  {"contract_amount_fen", integer(0)},
                  {"contractor", text()},
                  {"procurement_method", described(text(), "procurement_method dictionary value")},
                  {"procurement_method_zh", text()},
                  {"procurement_method_en", text()},
                  {"amount_band", described(one_of({"none", "small", "medium", "large", "township", "county"}),
                                            "band of the contract amount under the region's routing thresholds")},
                  {"required_method", described(nullable(text()), "the least method the band requires, or null")},
                  {"start_date", opt_date()},
                  {"finish_date", opt_date()},
                  {"acceptance_date", opt_date()},
                  {"acceptance_result", nullable(one_of(ledger::kAcceptanceResults))},
                  {"audit_date", opt_date()},
                  {"audited_amount_fen", nullable(integer(0))},
                  {"settlement_amount_fen", nullable(integer(0))},
                  {"power_case_id", described(nullable(integer(1)), "the petty-power case that decided it")},
                  {"note", text()},
                  {"paid_fen", described(integer(0), "sum of the counted payment vouchers")},
                  {"payment_count", integer(0)},
                  {"last_paid_date", opt_date()},
                  {"error_count", integer(0)},
                  {"warning_count", integer(0)},
                  {"checks", array_of(ref("ProjectFinding"))},
                  {"created_by", nullable(integer(1))},
                  {"created_at", date_time()},
                  {"updated_at", date_time()}};
  s.schema("Project", record(p));
  p.push_back({"payments", array_of(ref("ProjectPayment"))});
  s.schema("ProjectDetail", record(p));
  s.schema("ProjectPage", record({{"items", array_of(ref("Project"))},
                                  {"total", integer(0)},
                                  {"page", integer(1, 10'000'000)},
                                  {"size", integer(1, 200)}}));
  s.schema("ProjectCheck",
           record({{"region_code", text()},
                   {"region_name", text()},
                   {"year", integer(2000, 2100)},
                   {"items", array_of(ref("ProjectDetail"))},
                   {"totals", record({{"projects", integer(0)},
                                      {"contract_amount_fen", integer(0)},
                                      {"settlement_amount_fen", integer(0)},
                                      {"paid_fen", integer(0)},
                                      {"flagged_projects", integer(0)},
                                      {"errors", integer(0)},
                                      {"warnings", integer(0)}})},
                   {"findings_by_code", described(free_object(), "finding code → number of projects")}}));
  const auto voucher = record({{"id", integer(1)},
                               {"period", text()},
                               {"number", integer(1)},
                               {"date", text()},
                               {"summary", text()},
                               {"counterparty", text()},
                               {"total_fen", integer(0)},
                               {"is_payment", boolean()},
                               {"status", one_of({"posted", "void"})},
                               {"approval_ref", nullable(text())},
                               {"unapproved_reason", nullable(text())},
                               {"void_reason", nullable(text())},
                               {"reverses_id", nullable(integer(1))},
                               {"created_by", nullable(integer(1))}});
  const auto asset = record({{"id", integer(1)},
                             {"code", text()},
                             {"name", text()},
                             {"category", text()},
                             {"original_value_fen", integer(0)},
                             {"acquired_date", text()},
                             {"status", text()},
                             {"disposal_ref", nullable(text())},
                             {"updated_at", date_time()}});
  const auto contract = record({{"id", integer(1)},
                                {"number", text()},
                                {"kind", text()},
                                {"counterparty", text()},
                                {"start_date", text()},
                                {"end_date", text()},
                                {"total_fen", integer(1)},
                                {"status", text()},
                                {"created_at", date_time()},
                                {"updated_at", date_time()}});
  const auto account = record({{"code", text()},
                               {"name", text()},
                               {"category", text()},
                               {"direction", one_of({"debit", "credit"})},
                               {"parent_code", nullable(text())},
                               {"is_leaf", boolean()},
                               {"amount_fen", integer()}});
  const auto cadre = record({{"user_id", nullable(integer(1))},
                             {"username", nullable(text())},
                             {"name", text()},
                             {"role", nullable(text())}});
  s.schema("TermAudit",
           record({{"region_code", text()},
                   {"region_name", text()},
                   {"from", text()},
                   {"to", text()},
                   {"cadre", cadre},
                   {"positions", described(array_of(record({{"key", one_of({"cash", "bank", "receivables", "payables"})},
                                                            {"account_code", text()},
                                                            {"account_name", text()},
                                                            {"opening_fen", described(integer(), "balance before 'from'")},
                                                            {"closing_fen", described(integer(), "balance at the end of 'to'")},
                                                            {"change_fen", integer()}})),
                                           "101 现金, 102 银行存款, 112 应收款, 202 应付款 in their normal direction")},
                   {"income", array_of(account)},
                   {"expenditure", array_of(account)},
                   {"income_fen", integer()},
                   {"expenditure_fen", integer()},
                   {"net_fen", integer()},
                   {"vouchers", described(array_of(voucher), "entered by the cadre, or whose approval_ref names them")},
                   {"unapproved", described(array_of(voucher), "payments flagged as unapproved exceptions")},
                   {"assets_acquired", array_of(asset)},
                   {"assets_disposed", described(array_of(asset), "disposed (by an asset deal) during the term")},
                   {"contracts_signed", described(array_of(contract), "starting during the term")},
                   {"contracts_changed", described(array_of(contract), "edited during the term")},
                   {"arrears", array_of(record({{"contract_id", integer(1)},
                                                {"number", text()},
                                                {"counterparty", text()},
                                                {"total_fen", integer(1)},
                                                {"paid_fen", described(integer(0), "received up to 'to'")},
                                                {"arrears_fen", integer(1)},
                                                {"days_overdue", integer(0)}}))},
                   {"arrears_fen", integer(0)},
                   {"projects", described(array_of(ref("ProjectDetail")), "year, dates or payments within the term")},
                   {"reversals", array_of(voucher)},
                   {"voids", described(array_of(voucher), "voided during the term")}}));
  s.schema("TermAuditCadres", record({{"region_code", text()}, {"cadres", array_of(cadre)}}));
}

Properties project_fields() {
  return {{"name", described(text(100, 1), "项目名称")},
          {"year", described(integer(2000, 2100), "年度")},
          {"category", described(one_of(ledger::kProjectCategories), "工程 works / 采购 purchase / 服务 service")},
          {"contract_amount_fen", described(integer(0, kMaxFen), "合同金额")},
          {"contractor", described(text(100), "承建/供货单位")},
          {"procurement_method", described(text(40, 1), "a procurement_method dictionary value or label (公开招标 ...)")},
          {"start_date", date_text("开工")},
          {"finish_date", date_text("完工, not before start_date")},
          {"acceptance_date", date_text("验收")},
          {"acceptance_result", described(one_of(ledger::kAcceptanceResults), "default passed when a date is given")},
          {"audit_date", date_text("审计")},
          {"audited_amount_fen", described(integer(0, kMaxFen), "审定金额; needs audit_date")},
          {"settlement_amount_fen", described(integer(0, kMaxFen), "结算金额")},
          {"power_case_id", described(integer(1, kMaxId), "the petty-power case (小微权力) that decided it")},
          {"note", text(500)}};
}

}  // namespace

void document_projects(Spec& s) {
  s.tag(kTag, "Works projects (工程项目), the yearly project check table and the term audit (离任经济责任审计)");
  schemas(s);
  const std::string read = ledger::kReadPermission, write = ledger::kWritePermission;
  const std::vector<std::string> required = {"name", "year", "category", "contract_amount_fen", "procurement_method"};

  s.add(Method::GET, "/api/v1/ledger/projects", "listProjects", "Projects / 工程项目", kTag)
      .permission(read)
      .paging({"name", "year", "contract_amount_fen", "created_at"}, "name")
      .query("region", described(text(15), "that region and everything below it"), "region filter")
      .query("year", integer(2000, 2100), "year")
      .query("category", one_of(ledger::kProjectCategories), "category")
      .query("procurement_method", text(40), "method value")
      .query("q", text(50), "name or contractor contains")
      .exports("the projects with paid amounts and check findings as a spreadsheet")
      .returns(200, ref("ProjectPage"), "A page of projects with paid figures and findings")
      .fails(403, "forbidden: the region is outside the caller's data scope");
  Properties create = {{"region_code", described(text(15, 1), "the village (community)")}};
  for (auto& f : project_fields()) create.push_back(f);
  auto create_required = required;
  create_required.insert(create_required.begin(), "region_code");
  s.add(Method::POST, "/api/v1/ledger/projects", "createProject", "Register a project / 登记工程项目", kTag)
      .permission(write)
      .json_body(object(create, create_required))
      .returns(201, ref("ProjectDetail"), "Registered, with its findings")
      .fails(403, kScope403);
  by_id(s.add(Method::GET, "/api/v1/ledger/projects/{id}", "getProject", "Get a project / 工程项目详情", kTag)
            .permission(read))
      .returns(200, ref("ProjectDetail"), "The project with its payment vouchers and findings");
  by_id(s.add(Method::PUT, "/api/v1/ledger/projects/{id}", "updateProject", "Edit a project / 修改工程项目", kTag)
            .permission(write))
      .describe("Full replacement of every field but the village; absent optional fields become empty.")
      .json_body(object(project_fields(), required))
      .returns(200, ref("ProjectDetail"), "The changed project");
  by_id(s.add(Method::DELETE, "/api/v1/ledger/projects/{id}", "deleteProject", "Delete a project / 删除工程项目", kTag)
            .permission(write))
      .returns_nothing("Deleted with its payment links; the vouchers stay");
  by_id(s.add(Method::POST, "/api/v1/ledger/projects/{id}/payments", "linkProjectPayment",
              "Link a payment voucher / 关联付款凭证", kTag)
            .permission(write))
      .describe("The paid amount and date come from the voucher (cash and bank it credits), never typed. A voucher "
                "pays at most one project.")
      .json_body(object({{"voucher_id", described(integer(1, kMaxId), "a posted payment voucher of the same village")}},
                        {"voucher_id"}))
      .returns(201, ref("ProjectDetail"), "The project with the payment")
      .fails(409, "voucher_already_linked: the voucher pays this or another project");
  s.add(Method::DELETE, "/api/v1/ledger/projects/{id}/payments/{voucher_id}", "unlinkProjectPayment",
        "Unlink a payment voucher / 取消关联", kTag)
      .permission(write)
      .path_param("id", integer(1), "project id")
      .path_param("voucher_id", integer(1), "voucher id")
      .returns(200, ref("ProjectDetail"), "The project without the payment")
      .fails(400, "invalid_id: an id is not a number")
      .fails(403, kScope403 + std::string(" (also for a project that does not exist)"))
      .fails(404, "not_found: no such project, or the voucher is not linked to it");

  s.add(Method::GET, "/api/v1/ledger/project-check", "getProjectCheck",
        "Yearly project check table / 年度工程项目汇总核查表", kTag)
      .permission(read)
      .describe("Every project of the year with contract amount, procurement method, acceptance, audit, settlement "
                "and payments, and the automatic findings (paid over settlement or contract, paid before acceptance "
                "beyond a 30 % advance, procurement below what the amount's band requires, settled without audit, "
                "settlement above the audited amount, acceptance missing after the finish date).")
      .query("region", described(text(15), "the village; required"), "village code")
      .query("year", integer(2000, 2100), "default: the current year")
      .exports("the check table (one row per project, findings as text) as a spreadsheet")
      .returns(200, ref("ProjectCheck"), "The projects with findings and totals")
      .fails(400, "invalid_query: region missing; invalid_field region: not a village")
      .fails(403, kScope403);

  s.add(Method::GET, "/api/v1/ledger/term-audit/cadres", "listTermAuditCadres", "Cadres of a village / 村干部", kTag)
      .permission(read)
      .query("region", described(text(15), "the village; required"), "village code")
      .returns(200, ref("TermAuditCadres"), "Secretary and clerk accounts of the village")
      .fails(400, "invalid_query: region missing; invalid_field region: not a village")
      .fails(403, kScope403);
  s.add(Method::GET, "/api/v1/ledger/term-audit", "getTermAudit", "Term audit / 离任经济责任审计", kTag)
      .permission(read)
      .describe("For a cadre's term (dates are parameters; they are not stored): opening and closing cash, bank, "
                "receivables and payables; income and spending by account; the vouchers they entered or whose "
                "approval names them; unapproved payments; assets acquired and disposed; contracts signed or changed; "
                "arrears at the end; projects with findings; reversals and voids. format=xlsx: one sheet per section.")
      .query("region", described(text(15), "the village; required"), "village code")
      .query("user", integer(1, kMaxId), "a secretary or clerk account of the village (or cadre_name)")
      .query("cadre_name", text(50), "a cadre without an account, matched in approval references (or user)")
      .query("from", described(text(10, 10), "YYYY-MM-DD"), "first day of the term (required)")
      .query("to", described(text(10, 10), "YYYY-MM-DD"), "last day of the term (required)")
      .exports("the report: .xlsx with one sheet per section, CSV with the sections one after another")
      .returns(200, ref("TermAudit"), "The report")
      .fails(400, "invalid_query: region, from or to missing; invalid_field user: not a cadre of the village, or "
                  "neither/both of user and cadre_name; to before from")
      .fails(403, kScope403);
}

}  // namespace ql::http::openapi
