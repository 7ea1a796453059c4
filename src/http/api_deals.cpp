// Routes of asset deals (三资交易) and the yearly stock-take (年度清查):
// /api/v1/ledger/deals (+ /{id}/steps/{n}), /deal-template, /inventories (+ items, surplus,
// close, report). Design: docs/ASSETS.md.
#include <map>

#include "core/error.hpp"
#include "core/xlsx_writer.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"
#include "http/list_route.hpp"
#include "ledger/asset.hpp"
#include "ledger/deal.hpp"
#include "ledger/inventory.hpp"
#include "ledger/resource.hpp"

namespace ql::http {
namespace {

constexpr std::int64_t kMaxFen = ledger::kMaxValueFen;

const CodeLabels kKind = {
    {"disposal", {"处置(出售)", "disposal"}}, {"lease", {"出租", "lease"}}, {"contracting", {"发包", "contracting"}}};
const CodeLabels kMethod = {
    {"auction", {"公开竞价", "auction"}}, {"tender", {"招标", "tender"}}, {"listing", {"挂牌", "listing"}},
    {"negotiation", {"协议", "negotiation"}}};
const CodeLabels kStatus = {
    {"in_progress", {"进行中", "in progress"}}, {"completed", {"已完成", "completed"}}};

const std::vector<ExportColumn>& deal_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> c = {
      {"number", "交易编号", "Number"},
      {"title", "交易事项", "Title"},
      {"kind", "交易类型", "Kind", K::text, labelled("kind", kKind)},
      {"subject_name", "标的", "Subject"},
      {"reserve_price_fen", "底价(元)", "Reserve price", K::money},
      {"method", "交易方式", "Method", K::text, labelled("method", kMethod)},
      {"status", "状态", "Status", K::text, labelled("status", kStatus)},
      {"current_step", "当前环节", "Current step", K::integer},
      {"next_step", "待办环节", "Next step"},
      {"winner", "成交人", "Winner"},
      {"price_fen", "成交价(元)", "Price", K::money},
      {"contract_number", "合同编号", "Contract"},
      {"region_name", "所属村社", "Village"},
      {"created_at", "发起时间", "Started", K::datetime}};
  return c;
}

const CodeLabels kDiscrepancy = {
    {"missing", {"盘亏", "missing"}}, {"changed", {"变动", "changed"}}, {"surplus", {"盘盈", "surplus"}}};

// The report as one table: a row per discrepancy (盘亏, 变动, 盘盈) with book and counted figures.
const std::vector<ExportColumn>& report_columns() {
  using K = xlsx::ColumnKind;
  const auto text_of = [](const char* key) {
    return [key](const nlohmann::json& i, bool) { return i[key].is_null() ? std::string() : i[key].get<std::string>(); };
  };
  static const std::vector<ExportColumn> c = {
      {"discrepancy", "差异类型", "Discrepancy", K::text,
       labelled("discrepancy", kDiscrepancy)},
      {"item_type", "类别", "Type", K::text,
       [](const nlohmann::json& i, bool en) {
         const auto t = i["item_type"] == "surplus" ? i["surplus_kind"].get<std::string>() : i["item_type"].get<std::string>();
         return t == "asset" ? std::string(en ? "asset" : "资产") : std::string(en ? "resource" : "资源");
       }},
      {"code", "编号", "Code"},
      {"name", "名称", "Name"},
      {"category", "资产类别/资源种类", "Category"},
      {"book_value_fen", "账面价值(元)", "Book value", K::money},
      {"new_value_fen", "清查价值(元)", "Counted value", K::money},
      {"book_location", "账面地点", "Book location"},
      {"new_location", "清查地点", "Counted location", K::text, text_of("new_location")},
      {"book_custodian", "账面保管人", "Book custodian"},
      {"new_custodian", "清查保管人", "Counted custodian", K::text, text_of("new_custodian")},
      {"book_area_milli", "账面面积", "Book area", K::text,
       [](const nlohmann::json& i, bool) {
         return i["item_type"] == "asset" ? std::string() : milli_text(i["book_area_milli"]);
       }},
      {"new_area_milli", "清查面积", "Counted area", K::text,
       [](const nlohmann::json& i, bool) { return milli_text(i["new_area_milli"]); }},
      {"area_unit", "面积单位", "Unit"},
      {"note", "备注", "Note"}};
  return c;
}

ledger::DealStepDef read_step(const nlohmann::json& j) {
  JsonInput in(j);
  ledger::DealStepDef s;
  s.name = in.required_string("name", 50);
  s.role = in.required_string("role", 20);
  s.content = in.optional_string("content", 500, TextKind::multiline).value_or("");
  s.output = in.optional_string("output", 200).value_or("");
  s.action = in.optional_string("action", 20).value_or("none");
  s.approval = in.optional_bool("approval").value_or(false);
  in.finish();
  return s;
}

}  // namespace

void register_deal_routes(Api& api, const disclosure::LogIdentity& log) {
  // ---- Deals (三资交易)
  api.route(Method::GET, "/api/v1/ledger/deals", ledger::kDealReadPermission, [](Call& call) {
    auto page = parse_paging(call.req, {"created_at", "number", "reserve_price_fen", "updated_at"}, "-created_at");
    ledger::DealFilter f{query_string(call.req, "region", 15), query_string(call.req, "status", 20),
                         query_string(call.req, "kind", 20), query_string(call.req, "q", 50)};
    return list_or_export(
        call.req, call.english, page, [&](const PageRequest& p) { return ledger::list_deals(call.db, call.actor(), f, p); },
        {deal_columns(), "三资交易", "Deals", "三资交易", "asset-deals"});
  });

  api.route(Method::POST, "/api/v1/ledger/deals", ledger::kDealWritePermission, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    ledger::DealInput d;
    d.region_code = in.required_string("region_code", 15);
    d.title = in.required_string("title", 100);
    d.kind = in.required_string("kind", 20);
    d.subject_type = in.required_string("subject_type", 20);
    d.subject_id = in.required_int("subject_id", 1, 999'999'999'999);
    d.reserve_price_fen = in.required_int("reserve_price_fen", 0, kMaxFen);
    d.method = in.required_string("method", 20);
    d.description = in.optional_string("description", 1000, TextKind::multiline).value_or("");
    in.finish();
    return json_response(201, ledger::create_deal(call.db, call.actor(), d));
  });

  api.route(Method::GET, "/api/v1/ledger/deals/{id}", ledger::kDealReadPermission, [](Call& call) {
    return json_response(200, ledger::get_deal(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::POST, "/api/v1/ledger/deals/{id}/steps/{n}", ledger::kDealActPermission, [&log](Call& call) {
    const auto id = path_id(call.req, "id");
    const auto n = path_id(call.req, "n");
    if (n > static_cast<std::int64_t>(ledger::kMaxDealSteps))
      throw bad_request("invalid_id", "环节序号须为 1 到 30", "The step number must be from 1 to 30", "n");
    auto in = JsonInput::parse(call.req);
    ledger::StepAct a;
    a.action = in.required_string("action", 20);
    a.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
    a.attachments = in.optional_int("attachments", 0, 999).value_or(0);
    a.winner = in.optional_string("winner", 100);
    a.price_fen = in.optional_int("price_fen", 0, kMaxFen);
    if (const auto* k = in.raw("contract")) {
      if (!k->is_object()) throw invalid_field("contract", "须为对象", "must be an object");
      a.contract = nested("contract", [&] {
        JsonInput c(*k);
        ledger::ContractTerms t;
        t.number = c.required_string("number", 40);
        t.start_date = c.optional_string("start_date", 10).value_or("");
        t.end_date = c.optional_string("end_date", 10).value_or("");
        c.finish();
        return t;
      });
    }
    in.finish();
    return json_response(200, ledger::act_on_step(call.db, call.actor(), log, id, static_cast<int>(n), a));
  });

  api.route(Method::GET, "/api/v1/ledger/deal-template", ledger::kDealReadPermission, [](Call& call) {
    auto region = query_string(call.req, "region", 15);
    if (!region)
      throw bad_request("invalid_query", "缺少查询参数 region", "Query parameter 'region' is required", "region");
    return json_response(200, ledger::get_deal_template(call.db, call.actor(), *region));
  });

  api.route(Method::PUT, "/api/v1/ledger/deal-template", ledger::kDealTemplatePermission, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    const auto region = in.required_string("region_code", 15);
    const auto* list = in.raw("steps");
    if (!list) throw invalid_field("steps", "须填写环节列表", "is required");
    if (!list->is_array()) throw invalid_field("steps", "须为数组", "must be an array");
    if (list->size() > ledger::kMaxDealSteps) throw invalid_field("steps", "最多 30 个环节", "must have at most 30 items");
    std::vector<ledger::DealStepDef> steps;
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i].is_object())
        throw invalid_field("steps[" + std::to_string(i) + "]", "须为对象", "must be an object");
      steps.push_back(nested("steps[" + std::to_string(i) + "]", [&] { return read_step((*list)[i]); }));
    }
    in.finish();
    return json_response(200, ledger::put_deal_template(call.db, call.actor(), region, steps));
  });
}

void register_inventory_routes(Api& api) {
  const std::string read = ledger::kAssetReadPermission, write = ledger::kInventoryWritePermission;
  api.route(Method::GET, "/api/v1/ledger/inventories", read, [](Call& call) {
    auto page = parse_paging(call.req, {"year", "created_at"}, "-year");
    ledger::InventoryFilter f;
    f.region = query_string(call.req, "region", 15);
    f.status = query_string(call.req, "status", 20);
    if (auto y = query_int(call.req, "year", 2000, 2100)) f.year = static_cast<int>(*y);
    auto r = ledger::list_inventories(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::POST, "/api/v1/ledger/inventories", write, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    const auto region = in.required_string("region_code", 15);
    const auto year = in.required_int("year", 2000, 2100);
    const auto note = in.optional_string("note", 500, TextKind::multiline).value_or("");
    in.finish();
    return json_response(201, ledger::create_inventory(call.db, call.actor(), region, static_cast<int>(year), note));
  });

  api.route(Method::GET, "/api/v1/ledger/inventories/{id}", read, [](Call& call) {
    return json_response(200, ledger::get_inventory(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::GET, "/api/v1/ledger/inventories/{id}/items", read, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto page = parse_paging(call.req, {"code", "item_type", "result"}, "code");
    ledger::ItemFilter f{query_string(call.req, "result", 20), query_string(call.req, "item_type", 20),
                         query_string(call.req, "q", 50)};
    auto r = ledger::list_inventory_items(call.db, call.actor(), id, f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::PUT, "/api/v1/ledger/inventories/{id}/items/{item_id}", write, [](Call& call) {
    const auto id = path_id(call.req, "id");
    const auto item = path_id(call.req, "item_id");
    auto in = JsonInput::parse(call.req);
    ledger::ItemCount c;
    c.result = in.required_string("result", 20);
    c.new_value_fen = in.optional_int("new_value_fen", 0, kMaxFen);
    c.new_area_milli = in.optional_int("new_area_milli", 0, ledger::kMaxAreaMilli);
    c.new_location = in.optional_string("new_location", 100);
    c.new_custodian = in.optional_string("new_custodian", 50);
    c.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
    in.finish();
    return json_response(200, ledger::record_inventory_item(call.db, call.actor(), id, item, c));
  });

  api.route(Method::POST, "/api/v1/ledger/inventories/{id}/surplus", write, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    ledger::SurplusInput s;
    s.kind = in.required_string("kind", 20);
    s.code = in.required_string("code", 40);
    s.name = in.required_string("name", 100);
    s.category = in.required_string("category", 40);
    s.value_fen = in.optional_int("value_fen", 0, kMaxFen).value_or(0);
    s.acquired_date = in.optional_string("acquired_date", 10).value_or("");
    s.location = in.optional_string("location", 100).value_or("");
    s.custodian = in.optional_string("custodian", 50).value_or("");
    s.area_milli = in.optional_int("area_milli", 0, ledger::kMaxAreaMilli).value_or(0);
    s.area_unit = in.optional_string("area_unit", 20).value_or("mu");
    s.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
    s.add_to_register = in.optional_bool("add_to_register").value_or(false);
    in.finish();
    return json_response(201, ledger::add_inventory_surplus(call.db, call.actor(), id, s));
  });

  api.route(Method::POST, "/api/v1/ledger/inventories/{id}/close", write, [](Call& call) {
    return json_response(200, ledger::close_inventory(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::GET, "/api/v1/ledger/inventories/{id}/report", read, [](Call& call) {
    auto report = ledger::inventory_report(call.db, call.actor(), path_id(call.req, "id"));
    if (const auto format = export_format(call.req); format != ExportFormat::json) {
      nlohmann::json rows = nlohmann::json::array();
      for (const char* part : {"missing", "changes", "surplus"})
        for (auto row : report[part]) {
          row["discrepancy"] = std::string(part) == "changes" ? "changed" : part;
          rows.push_back(std::move(row));
        }
      const auto year = report["inventory"]["year"].dump();
      const auto village = report["inventory"]["region_name"].get<std::string>();
      return export_response(format, export_table(rows, report_columns(), call.english, call.english ? "Report" : "清查差异"),
                             village + year + "年度清查差异表", "stock-take-" + year, call.english);
    }
    return json_response(200, report);
  });
}

}  // namespace ql::http
