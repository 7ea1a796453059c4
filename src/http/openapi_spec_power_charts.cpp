// Documentation of the 三图三表 routes (api_power_charts.cpp).
#include "http/openapi_spec.hpp"

namespace ql::http::openapi {

namespace {

constexpr const char* kTag = "Power charts";
constexpr const char* kPermission = "power:chart:read";
constexpr const char* kScope403 = "forbidden: the village is outside the caller's data scope";

const std::vector<std::string> kBands = {"none", "small", "medium", "large", "township", "county"};

Operation& chart(Operation& op) {
  return op.permission(kPermission)
      .query("format", one_of({"svg", "html"}),
             "svg (default): the chart as a standalone SVG download; html: a printable A4 page around it (print to "
             "PDF from the browser)")
      .returns_file(200, {"image/svg+xml", "text/html"}, "The chart");
}

void schemas(Spec& s) {
  s.schema("PowerRiskRow", record({{"no", integer(1)},
                                   {"item_id", described(integer(0), "0 when the region shows the template")},
                                   {"item_code", text()},
                                   {"item_name", text()},
                                   {"item_name_en", text()},
                                   {"group", one_of({"collective", "service"})},
                                   {"step_key", text()},
                                   {"step_name", text()},
                                   {"bands", array_of(one_of(kBands))},
                                   {"risk", text()},
                                   {"level", one_of({"high", "medium", "low"})},
                                   {"control", text()}}));
  s.schema("PowerRiskTable",
           record({{"region_code", text()},
                   {"region_name", text()},
                   {"source", described(one_of({"region", "inherited", "template"}),
                                        "inherited: only an ancestor's items apply; template: nothing initialised "
                                        "up the tree")},
                   {"counts", record({{"high", integer(0)}, {"medium", integer(0)}, {"low", integer(0)}})},
                   {"rows", array_of(ref("PowerRiskRow"))}}));
  s.schema("PowerAuditChecklist",
           record({{"region_code", text()},
                   {"region_name", text()},
                   {"from", text()},
                   {"to", text()},
                   {"cases_checked", integer(0)},
                   {"checks", array_of(record({{"code", one_of({"overdue_step", "joint_incomplete", "meeting_not_passed",
                                                                "disclosure_missing", "step_skipped",
                                                                "missing_attachments", "payment_unapproved",
                                                                "payment_exceeds_case"})},
                                               {"title_zh", text()},
                                               {"title_en", text()},
                                               {"findings", integer(0)}}))},
                   {"rows", array_of(object({{"check", text()},
                                             {"check_zh", text()},
                                             {"case_id", described(nullable(integer(1)), "null on payment_unapproved rows")},
                                             {"case_number", text()},
                                             {"case_title", described(text(), "the voucher's summary on payment_unapproved")},
                                             {"item_name", text()},
                                             {"step_name", text()},
                                             {"voucher_id", described(integer(1), "payment_unapproved rows only")},
                                             {"detail_zh", text()},
                                             {"detail_en", text()}},
                                            {"check", "check_zh", "case_id", "case_number", "case_title", "item_name",
                                             "step_name", "detail_zh", "detail_en"}))}}));
}

}  // namespace

void document_power_charts(Spec& s) {
  s.tag(kTag,
        "The 三图三表 of a village, generated from its data: responsibility chart, financial approval and trading flow "
        "charts (SVG, or a printable HTML page), the risk-point table and the internal-audit checklist (JSON, .xlsx, "
        "CSV)");
  schemas(s);
  const auto region = described(text(15), "the village (required)");
  const auto band = described(one_of(kBands), "draw only this band's route");

  chart(s.add(Method::GET, "/api/v1/power/charts/responsibility", "getPowerResponsibilityChart",
              "Responsibility chart / 党风廉政建设责任一览图", kTag))
      .describe("Who answers for what: the street's discipline committee and office staff (nearest region above with "
                "such users), the village's secretary (第一责任人), committee members and supervision committee, each "
                "with the names of the enabled users holding the role.")
      .query("region", region, "the village")
      .fails(400, "invalid_query: region missing or format unknown")
      .fails(403, kScope403);
  chart(s.add(Method::GET, "/api/v1/power/charts/approval", "getPowerApprovalChart",
              "Financial approval flow chart / 财务审批流程图", kTag))
      .describe("The flow of the region's spending item (the template's when the catalogue is not initialised): one "
                "lane per amount band labelled with the region's thresholds, the 监审小组's joint step for large "
                "amounts, numbered risk points with a legend.")
      .query("region", region, "the village")
      .query("band", band, "one band")
      .fails(400, "invalid_query: region missing, band or format unknown")
      .fails(403, kScope403)
      .fails(404, "not_found: the region's catalogue has no enabled spending item");
  chart(s.add(Method::GET, "/api/v1/power/charts/trading", "getPowerTradingChart",
              "Public resource trading flow chart / 公共资源交易流程图", kTag))
      .describe("The flow of the region's works, purchase or service item with its trading steps (village tender, "
                "township and county trading centres) and risk points.")
      .query("region", region, "the village")
      .query("kind", one_of({"works", "purchase", "service"}), "which trading chart (default works)")
      .query("band", band, "one band")
      .fails(400, "invalid_query: region missing, kind, band or format unknown")
      .fails(403, kScope403)
      .fails(404, "not_found: the region's catalogue has no enabled item of that kind");
  chart(s.add(Method::GET, "/api/v1/power/charts/flow", "getPowerFlowChart", "An item's flow chart / 流程图", kTag))
      .describe("Any catalogue item's flow, its current version or an earlier one.")
      .query("item", described(integer(1, 999'999'999'999), "the power item's id (required)"), "item")
      .query("version", integer(1, 1'000'000), "a flow version (default the current one)")
      .query("band", band, "one band")
      .fails(400, "invalid_query: item missing, version or band invalid")
      .fails(403, "forbidden: the item's region is neither in the caller's scope nor above it (also for an id that does "
                 "not exist, for scoped callers)")
      .fails(404, "not_found: no such item (all-scope callers) or version");
  s.add(Method::GET, "/api/v1/power/charts/risks", "getPowerRiskTable", "Risk-point table / 廉政风险点一览表", kTag)
      .permission(kPermission)
      .describe("Every risk point of every enabled item of the region (or of the template), with step, bands, level "
                "and control measure.")
      .query("region", region, "the village")
      .exports("the table as a spreadsheet")
      .returns(200, ref("PowerRiskTable"), "The table")
      .fails(400, "invalid_query: region missing")
      .fails(403, kScope403);
  s.add(Method::GET, "/api/v1/power/charts/audit", "getPowerAuditChecklist", "Internal audit checklist / 内审工作核查表",
        kTag)
      .permission(kPermission)
      .describe("Checks the cases started in [from, to] in the region and below: steps done or still open past their "
                "time limit, joint steps done without every role's signature in the last round, meeting steps done "
                "without a passed meeting record, disclose steps done without a disclosure, completed cases with "
                "steps not done, steps done without every required document (missing_attachments, naming them). "
                "For a caller who may read the books (ledger:fund:read) also payment_unapproved (posted payment "
                "vouchers dated in the period flagged as unapproved exceptions) and payment_exceeds_case (the "
                "payments citing a case exceed its approved amount); otherwise those two checks are absent.")
      .query("region", region, "the region")
      .query("from", described(text(10), "YYYY-MM-DD, default 1 January of this year"), "first day")
      .query("to", described(text(10), "YYYY-MM-DD, default today"), "last day")
      .exports("the findings as a spreadsheet")
      .returns(200, ref("PowerAuditChecklist"), "The checklist")
      .fails(400, "invalid_query: region missing or a date malformed; invalid_field: to before from")
      .fails(403, kScope403);
}

}  // namespace ql::http::openapi
