// OpenAPI documentation of the asset-deal and stock-take routes (api_deals.cpp).
#include <string>
#include <vector>

#include "http/openapi_list.hpp"
#include "http/openapi_spec.hpp"
#include "ledger/asset.hpp"
#include "ledger/deal.hpp"
#include "ledger/inventory.hpp"
#include "ledger/resource.hpp"

namespace ql::http::openapi {
namespace {

constexpr const char* kTag = "deals";
constexpr const char* kScope403 = kVillageScope403;
constexpr std::int64_t kMaxFen = ledger::kMaxValueFen;

void schemas(Spec& s) {
  const Properties step_def = {{"name", text(50, 1)},
                               {"role", described(one_of(ledger::kDealStepRoles), "the role whose users take the step")},
                               {"content", described(text(500), "实施内容: what is done")},
                               {"output", described(text(200), "what the step produces")},
                               {"action", described(one_of(ledger::kDealStepActions),
                                                    "none, or what completing it does: publish a stage, record the "
                                                    "result, make the contract")},
                               {"approval", described(boolean(), "a decision the deal's requester may not take")}};
  s.schema("DealTemplate", record({{"region_code", text()},
                                   {"inherited_from", described(nullable(text()), "the region whose list applies; null: the built-in 16 steps")},
                                   {"steps", array_of(record(step_def))}}));
  Properties deal = {{"id", integer(1)},
                     {"region_code", text()},
                     {"region_name", text()},
                     {"number", described(text(), "JY-YYYY-NNN, unique per village")},
                     {"title", text()},
                     {"kind", one_of(ledger::kDealKinds)},
                     {"subject_type", one_of({"asset", "resource"})},
                     {"subject_id", integer(1)},
                     {"subject_code", text()},
                     {"subject_name", text()},
                     {"reserve_price_fen", described(integer(0), "底价 in fen")},
                     {"method", one_of(ledger::kDealMethods)},
                     {"description", text()},
                     {"status", one_of(ledger::kDealStatuses)},
                     {"current_step", described(integer(1), "the step to take next; steps_total + 1 once completed")},
                     {"steps_total", integer(1)},
                     {"next_step", described(nullable(text()), "the next step's name")},
                     {"next_role", described(nullable(text()), "the role that takes the next step")},
                     {"template_from", nullable(text())},
                     {"winner", nullable(text())},
                     {"price_fen", described(nullable(integer(0)), "成交价 in fen")},
                     {"contract_id", described(nullable(integer(1)), "the contract record made by the contract step")},
                     {"contract_number", nullable(text())},
                     {"created_by", described(integer(0), "the requester")},
                     {"created_by_name", text()},
                     {"created_at", date_time()},
                     {"updated_at", date_time()},
                     {"completed_at", nullable(date_time())}};
  s.schema("Deal", record(deal));
  s.schema("DealPage", page_of("Deal"));
  auto step = step_def;
  step.insert(step.begin(), {"seq", integer(1)});
  for (auto p : Properties{{"status", one_of({"pending", "done"})},
                           {"done_by", nullable(integer(0))},
                           {"done_by_name", nullable(text())},
                           {"done_at", nullable(date_time())},
                           {"note", text()},
                           {"attachments", described(integer(0), "paper attachments counted")},
                           {"disclosure_id", described(nullable(integer(1)), "the disclosure this step published")},
                           {"log_index", nullable(integer(0))}})
    step.push_back(p);
  deal.push_back({"steps", array_of(record(step))});
  deal.push_back({"events", array_of(record({{"seq", integer(1)},
                                              {"action", one_of({"complete", "return"})},
                                              {"user_id", nullable(integer(0))},
                                              {"user_name", text()},
                                              {"note", text()},
                                              {"attachments", integer(0)},
                                              {"at", date_time()}}))});
  deal.push_back({"disclosures", array_of(record({{"seq", integer(1)},
                                                   {"id", integer(1)},
                                                   {"stage", one_of({"before", "during", "after"})},
                                                   {"title", text()},
                                                   {"status", text()},
                                                   {"log_index", nullable(integer(0))},
                                                   {"published_at", nullable(date_time())}}))});
  s.schema("DealDetail", record(deal));

  s.schema("Inventory", record({{"id", integer(1)},
                                {"region_code", text()},
                                {"region_name", text()},
                                {"year", integer(2000, 2100)},
                                {"status", one_of({"open", "closed"})},
                                {"note", text()},
                                {"progress", record({{"total", integer(0)},
                                                     {"counted", integer(0)},
                                                     {"pending", integer(0)},
                                                     {"found", integer(0)},
                                                     {"missing", integer(0)},
                                                     {"changed", integer(0)},
                                                     {"surplus", integer(0)}})},
                                {"created_by", nullable(integer(0))},
                                {"created_at", date_time()},
                                {"closed_by", nullable(integer(0))},
                                {"closed_at", nullable(date_time())},
                                {"updated_at", date_time()}}));
  s.schema("InventoryPage", page_of("Inventory"));
  s.schema("InventoryItem",
           record({{"id", integer(1)},
                   {"inventory_id", integer(1)},
                   {"item_type", one_of(ledger::kInventoryItemTypes)},
                   {"ref_id", described(nullable(integer(1)), "the asset or resource (surplus: the one registered at close)")},
                   {"code", text()},
                   {"name", text()},
                   {"category", described(text(), "asset category or resource kind")},
                   {"book_value_fen", integer(0)},
                   {"book_area_milli", integer(0)},
                   {"area_unit", text()},
                   {"book_location", text()},
                   {"book_custodian", text()},
                   {"result", one_of(ledger::kInventoryResults)},
                   {"new_value_fen", nullable(integer(0))},
                   {"new_area_milli", nullable(integer(0))},
                   {"new_location", nullable(text())},
                   {"new_custodian", nullable(text())},
                   {"note", text()},
                   {"surplus_kind", nullable(text())},
                   {"acquired_date", nullable(text())},
                   {"add_to_register", boolean()},
                   {"counted_by", nullable(integer(0))},
                   {"counted_at", nullable(date_time())}}));
  s.schema("InventoryItemPage", page_of("InventoryItem"));
  s.schema("InventoryReport",
           record({{"inventory", ref("Inventory")},
                   {"summary", record({{"total", integer(0)},
                                       {"pending", integer(0)},
                                       {"found", integer(0)},
                                       {"missing", integer(0)},
                                       {"changed", integer(0)},
                                       {"surplus", integer(0)},
                                       {"missing_value_fen", described(integer(0), "book value of the missing assets")},
                                       {"surplus_value_fen", described(integer(0), "value of the surplus assets")},
                                       {"value_change_fen", described(integer(), "counted minus book value of changed assets")}})},
                   {"missing", array_of(ref("InventoryItem"))},
                   {"changes", array_of(ref("InventoryItem"))},
                   {"surplus", array_of(ref("InventoryItem"))}}));
}

}  // namespace

void document_deals(Spec& s) {
  s.tag(kTag, "Asset deals (三资交易, 16 steps disclosed at three stages) and the yearly stock-take (年度清查)");
  schemas(s);
  const std::string read = ledger::kDealReadPermission;

  exported_list(s.add(Method::GET, "/api/v1/ledger/deals", "listDeals", "Asset deals / 三资交易", kTag).permission(read),
                {{"created_at", "number", "reserve_price_fen", "updated_at"},
                 "-created_at",
                 {status_filter(ledger::kDealStatuses), {"kind", one_of(ledger::kDealKinds), "kind"},
                  q_filter("number or title")},
                 "the deals as a spreadsheet",
                 "DealPage",
                 "A page of deals"});
  s.add(Method::POST, "/api/v1/ledger/deals", "createDeal", "Start an asset deal / 发起三资交易", kTag)
      .permission(ledger::kDealWritePermission)
      .describe("Copies the region's step list (its own or the nearest ancestor's template, else the built-in 16 "
                "steps); the deal keeps that copy. disposal applies to assets, contracting to resources, lease to both.")
      .json_body(object({{"region_code", described(text(15, 1), "the village")},
                         {"title", text(100, 1)},
                         {"kind", described(one_of(ledger::kDealKinds), "disposal 处置(出售), lease 出租, contracting 发包")},
                         {"subject_type", one_of({"asset", "resource"})},
                         {"subject_id", described(integer(1, 999'999'999'999), "an asset or resource of the village")},
                         {"reserve_price_fen", described(integer(0, kMaxFen), "底价 in fen")},
                         {"method", described(one_of(ledger::kDealMethods),
                                              "auction 公开竞价, tender 招标, listing 挂牌, negotiation 协议")},
                         {"description", text(1000)}},
                        {"region_code", "title", "kind", "subject_type", "subject_id", "reserve_price_fen", "method"}))
      .returns(201, ref("DealDetail"), "Started, with its steps")
      .fails(403, kScope403)
      .fails(409, "deal_in_progress: the subject already has an open deal; asset_disposed");
  by_id(s.add(Method::GET, "/api/v1/ledger/deals/{id}", "getDeal", "Get a deal / 三资交易详情", kTag).permission(read),
        "deal")
      .returns(200, ref("DealDetail"), "The deal with its steps, timeline and disclosures");
  by_id(s.add(Method::POST, "/api/v1/ledger/deals/{id}/steps/{n}", "actDealStep", "Take a deal step / 办理交易环节", kTag)
            .permission(ledger::kDealActPermission),
        "deal")
      .path_param("n", integer(1, static_cast<std::int64_t>(ledger::kMaxDealSteps)), "the step's number (the current one)")
      .describe("complete: records who, when, the note and the attachment count; a step with action disclose_* "
                "publishes its stage's disclosure in the same transaction, record_result needs winner and price_fen "
                "(not below the reserve), sign_contract needs contract (lease/contracting: the contract record is "
                "created), the last step completes the deal and disposes of the asset of a disposal. return (note "
                "required) sends the deal back to the previous step.")
      .json_body(object({{"action", one_of({"complete", "return"})},
                         {"note", text(500)},
                         {"attachments", described(integer(0, 999), "paper attachments counted")},
                         {"winner", described(text(100), "record_result: 成交人")},
                         {"price_fen", described(integer(0, kMaxFen), "record_result: 成交价 in fen")},
                         {"contract", described(object({{"number", text(40, 1)},
                                                        {"start_date", date_text("lease/contracting: first day")},
                                                        {"end_date", date_text("lease/contracting: last day")}},
                                                       {"number"}),
                                                "sign_contract: the contract")}},
                        {"action"}))
      .returns(200, ref("DealDetail"), "The deal after the step")
      .fails(400, "invalid_id: n is not a step number; invalid_field: winner, price_fen, contract.* as the step needs")
      .fails(403, "wrong_role: the step is taken by another role; self_approval: the requester on a decision step")
      .fails(409, "step_out_of_order: not the current step; deal_completed; step_not_returnable");
  s.add(Method::GET, "/api/v1/ledger/deal-template", "getDealTemplate", "Deal step template / 交易流程模板", kTag)
      .permission(read)
      .query("region", described(text(15), "the region (required)"), "region")
      .returns(200, ref("DealTemplate"), "The steps a deal started there would copy")
      .fails(400, "invalid_query: region missing")
      .fails(403, kScope403);
  s.add(Method::PUT, "/api/v1/ledger/deal-template", "putDealTemplate", "Set the deal steps / 设置交易流程模板", kTag)
      .permission(ledger::kDealTemplatePermission)
      .describe("Replaces the region's own list; deals started below it afterwards copy it, running deals keep theirs. "
                "5..30 steps; each action other than none exactly once, in the order disclose_before, disclose_plan, "
                "record_result, sign_contract, disclose_after.")
      .json_body(object({{"region_code", described(text(15, 1), "a street (or any region in scope)")},
                         {"steps", array_of(object({{"name", text(50, 1)},
                                                    {"role", one_of(ledger::kDealStepRoles)},
                                                    {"content", text(500)},
                                                    {"output", text(200)},
                                                    {"action", one_of(ledger::kDealStepActions)},
                                                    {"approval", boolean()}},
                                                   {"name", "role"}),
                                            ledger::kMaxDealSteps)}},
                        {"region_code", "steps"}))
      .returns(200, ref("DealTemplate"), "The new list")
      .fails(403, kScope403);

  // Stock-take
  const std::string aread = ledger::kAssetReadPermission, write = ledger::kInventoryWritePermission;
  regional_list(s.add(Method::GET, "/api/v1/ledger/inventories", "listInventories", "Stock-takes / 年度清查", kTag)
                    .permission(aread),
                {"year", "created_at"}, "-year", {status_filter({"open", "closed"}), {"year", integer(2000, 2100), "year"}})
      .returns(200, ref("InventoryPage"), "Sessions with their progress");
  s.add(Method::POST, "/api/v1/ledger/inventories", "createInventory", "Start a stock-take / 开始年度清查", kTag)
      .permission(write)
      .describe("Snapshots every asset (not disposed) and resource of the village as the count sheet.")
      .json_body(object({{"region_code", described(text(15, 1), "the village")},
                         {"year", described(integer(2000, 2100), "not after the current year")},
                         {"note", text(500)}},
                        {"region_code", "year"}))
      .returns(201, ref("Inventory"), "Started")
      .fails(403, kScope403)
      .fails(409, "duplicate_inventory: the village has one for that year");
  by_id(s.add(Method::GET, "/api/v1/ledger/inventories/{id}", "getInventory", "Get a stock-take / 清查详情", kTag)
            .permission(aread),
        "stock-take")
      .returns(200, ref("Inventory"), "The session with its progress");
  by_id(s.add(Method::GET, "/api/v1/ledger/inventories/{id}/items", "listInventoryItems", "Count sheet / 清查明细", kTag)
            .permission(aread),
        "stock-take")
      .paging({"code", "item_type", "result"}, "code")
      .query("result", one_of(ledger::kInventoryResults), "result")
      .query("item_type", one_of(ledger::kInventoryItemTypes), "asset, resource or surplus (盘盈)")
      .query("q", text(50), "code, name or location contains")
      .returns(200, ref("InventoryItemPage"), "A page of lines");
  by_id(s.add(Method::PUT, "/api/v1/ledger/inventories/{id}/items/{item_id}", "countInventoryItem",
              "Record a count / 登记清点结果", kTag)
            .permission(write),
        "stock-take")
      .path_param("item_id", integer(1), "line id")
      .describe("changed needs at least one new value differing from the book: value/custodian for assets, area for "
                "resources, location for both. New values only with changed.")
      .json_body(object({{"result", one_of({"found", "missing", "changed"})},
                         {"new_value_fen", integer(0, kMaxFen)},
                         {"new_area_milli", described(integer(0, ledger::kMaxAreaMilli), "thousandths of the unit")},
                         {"new_location", text(100)},
                         {"new_custodian", text(50)},
                         {"note", text(500)}},
                        {"result"}))
      .returns(200, ref("InventoryItem"), "The line")
      .fails(404, "not_found: no such line in that stock-take")
      .fails(409, "inventory_closed: a closed stock-take is read-only");
  by_id(s.add(Method::POST, "/api/v1/ledger/inventories/{id}/surplus", "addInventorySurplus",
              "Record a surplus item / 登记盘盈", kTag)
            .permission(write),
        "stock-take")
      .json_body(object({{"kind", one_of({"asset", "resource"})},
                         {"code", text(40, 1)},
                         {"name", text(100, 1)},
                         {"category", described(text(40, 1), "asset category (value or label) or resource kind")},
                         {"value_fen", described(integer(0, kMaxFen), "assets: estimated value")},
                         {"acquired_date", date_text("assets: acquisition (default: the closing day)")},
                         {"location", text(100)},
                         {"custodian", text(50)},
                         {"area_milli", described(integer(0, ledger::kMaxAreaMilli), "resources")},
                         {"area_unit", one_of(ledger::kAreaUnits)},
                         {"note", text(500)},
                         {"add_to_register", described(boolean(), "register it when the stock-take closes")}},
                        {"kind", "code", "name", "category"}))
      .returns(201, ref("InventoryItem"), "The line, counted as found")
      .fails(409, "inventory_closed; duplicate_asset_code / duplicate_resource_code: the code is taken");
  by_id(s.add(Method::POST, "/api/v1/ledger/inventories/{id}/close", "closeInventory", "Close a stock-take / 结束清查", kTag)
            .permission(write),
        "stock-take")
      .describe("Needs ledger:asset:write too. Applies changed locations, custodians and areas through the register, "
                "registers surplus items marked add_to_register, flags missing items in their operation log (no "
                "disposal: that needs a deal); value differences are only reported.")
      .returns(200, ref("Inventory"), "Closed")
      .fails(409, "inventory_closed; inventory_incomplete: lines not yet counted");
  by_id(s.add(Method::GET, "/api/v1/ledger/inventories/{id}/report", "getInventoryReport",
              "Discrepancy report / 清查差异报告", kTag)
            .permission(aread),
        "stock-take")
      .exports("the discrepancies (盘亏, 变动, 盘盈) as one table")
      .returns(200, ref("InventoryReport"), "Summary figures and the missing, changed and surplus lines");
}

}  // namespace ql::http::openapi
