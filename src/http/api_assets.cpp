// Routes of collective assets, resources and contracts (三资·资产/资源/合同):
// /api/v1/ledger/assets, /resources, /contracts (with payments), /contract-warnings,
// /asset-summary, /asset-settings, and the imports with their templates.
#include <map>

#include "core/error.hpp"
#include "core/xlsx_writer.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/import_response.hpp"
#include "http/input.hpp"
#include "http/list_route.hpp"
#include "http/stored_file.hpp"
#include "ledger/asset.hpp"
#include "ledger/asset_import.hpp"
#include "ledger/contract.hpp"
#include "ledger/resource.hpp"

namespace ql::http {
namespace {

constexpr const char* kRead = ledger::kAssetReadPermission;
constexpr const char* kWrite = ledger::kAssetWritePermission;
constexpr std::int64_t kMaxFen = ledger::kMaxValueFen;

const CodeLabels kAssetStatus = {
    {"in_use", {"在用", "in use"}}, {"idle", {"闲置", "idle"}}, {"leased", {"出租", "leased"}}, {"disposed", {"已处置", "disposed"}}};
const CodeLabels kResourceKind = {
    {"land", {"土地", "land"}}, {"water", {"水域", "water"}}, {"forest", {"林地", "forest"}},
    {"building", {"房屋", "building"}}, {"other", {"其他", "other"}}};
const CodeLabels kResourceStatus = {
    {"available", {"未发包", "available"}}, {"contracted", {"已发包", "contracted"}}, {"leased", {"已出租", "leased"}},
    {"other", {"其他", "other"}}};
const CodeLabels kUnit = {{"mu", {"亩", "mu"}}, {"m2", {"平方米", "m²"}}};
const CodeLabels kContractKind = {
    {"contracting", {"发包", "contracting"}}, {"lease", {"出租", "lease"}}};
const CodeLabels kContractStatus = {
    {"active", {"履行中", "active"}}, {"terminated", {"已终止", "terminated"}}};

// A resource's or contract's area_milli (thousandths of its unit) as a decimal.
std::string area_of(const nlohmann::json& item, bool) { return milli_text(item.value("area_milli", nlohmann::json(0))); }

const std::vector<ExportColumn>& asset_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> c = {
      {"code", "资产编号", "Code"},
      {"name", "资产名称", "Name"},
      {"category", "资产类别", "Category"},
      {"original_value_fen", "原值(元)", "Original value", K::money},
      {"acquired_date", "取得日期", "Acquired", K::date},
      {"location", "存放地点", "Location"},
      {"custodian", "保管人", "Custodian"},
      {"status", "状态", "Status", K::text, labelled("status", kAssetStatus)},
      {"region_name", "所属村社", "Village"},
      {"note", "备注", "Note"}};
  return c;
}

const std::vector<ExportColumn>& resource_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> c = {
      {"code", "资源编号", "Code"},
      {"name", "资源名称", "Name"},
      {"kind", "种类", "Kind", K::text,
       [](const nlohmann::json& i, bool en) {
         return i.value("arable", false) ? (en ? "arable land" : "耕地") : code_label(i, "kind", en, kResourceKind);
       }},
      {"location", "坐落", "Location"},
      {"area_milli", "面积", "Area", K::text, area_of},
      {"area_unit", "面积单位", "Unit", K::text, labelled("area_unit", kUnit)},
      {"ownership", "权属", "Ownership"},
      {"status", "状态", "Status", K::text, labelled("status", kResourceStatus)},
      {"region_name", "所属村社", "Village"}};
  return c;
}

const std::vector<ExportColumn>& contract_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> c = {
      {"number", "合同编号", "Number"},
      {"kind", "合同类型", "Kind", K::text, labelled("kind", kContractKind)},
      {"subject_name", "标的", "Subject"},
      {"counterparty", "承包方", "Counterparty"},
      {"start_date", "开始日期", "Start", K::date},
      {"end_date", "结束日期", "End", K::date},
      {"area_milli", "面积", "Area", K::text, area_of},
      {"area_unit", "面积单位", "Unit", K::text, labelled("area_unit", kUnit)},
      {"unit_price_fen", "单价(元)", "Unit price", K::money},
      {"total_fen", "总价(元)", "Total", K::money},
      {"paid_fen", "已收(元)", "Paid", K::money},
      {"arrears_fen", "欠款(元)", "Arrears", K::money},
      {"days_overdue", "逾期天数", "Days overdue", K::integer},
      {"status", "状态", "Status", K::text, labelled("status", kContractStatus)},
      {"warning_level", "预警", "Warning", K::text,
       [](const nlohmann::json& i, bool en) {
         const auto& w = i["warning_level"];
         if (w.is_null()) return std::string();
         if (w == "red") return std::string(en ? "red" : "红");
         if (w == "yellow") return std::string(en ? "yellow" : "黄");
         return std::string(en ? "blue" : "蓝");
       }},
      {"region_name", "所属村社", "Village"}};
  return c;
}

ledger::AssetPatch read_asset_patch(JsonInput& in) {
  ledger::AssetPatch p;
  p.code = in.optional_string("code", 40);
  p.name = in.optional_string("name", 100);
  p.category = in.optional_string("category", 40);
  p.original_value_fen = in.optional_int("original_value_fen", 0, kMaxFen);
  p.acquired_date = in.optional_string("acquired_date", 10);
  p.location = in.optional_string("location", 100);
  p.custodian = in.optional_string("custodian", 50);
  p.status = in.optional_string("status", 20);
  p.note = in.optional_string("note", 500, TextKind::multiline);
  return p;
}

ledger::ResourcePatch read_resource_patch(JsonInput& in) {
  ledger::ResourcePatch p;
  p.code = in.optional_string("code", 40);
  p.name = in.optional_string("name", 100);
  p.kind = in.optional_string("kind", 20);
  p.arable = in.optional_bool("arable");
  p.location = in.optional_string("location", 100);
  p.area_milli = in.optional_int("area_milli", 0, ledger::kMaxAreaMilli);
  p.area_unit = in.optional_string("area_unit", 20);
  p.ownership = in.optional_string("ownership", 100);
  p.status = in.optional_string("status", 20);
  p.note = in.optional_string("note", 500, TextKind::multiline);
  return p;
}

ledger::ContractInput read_contract(JsonInput& in) {
  ledger::ContractInput k;
  k.region_code = in.required_string("region_code", 15);
  k.number = in.required_string("number", 40);
  k.kind = in.required_string("kind", 20);
  k.subject_type = in.required_string("subject_type", 20);
  k.subject_id = in.required_int("subject_id", 1, 999'999'999'999);
  k.counterparty = in.required_string("counterparty", 100);
  k.counterparty_id_no = in.optional_string("counterparty_id_no", 18).value_or("");
  k.counterparty_phone = in.optional_string("counterparty_phone", 20).value_or("");
  k.start_date = in.required_string("start_date", 10);
  k.end_date = in.required_string("end_date", 10);
  k.area_milli = in.optional_int("area_milli", 0, ledger::kMaxAreaMilli).value_or(0);
  k.area_unit = in.optional_string("area_unit", 20);
  k.unit_price_fen = in.optional_int("unit_price_fen", 0, kMaxFen).value_or(0);
  k.total_fen = in.required_int("total_fen", 1, kMaxFen);
  k.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
  if (const auto* s = in.raw("schedule")) {
    if (!s->is_array()) throw invalid_field("schedule", "须为数组", "must be an array");
    if (s->size() > ledger::kMaxInstalments)
      throw invalid_field("schedule", "最多 1200 期", "must have at most 1200 items");
    std::vector<ledger::InstalmentInput> list;
    for (std::size_t i = 0; i < s->size(); ++i)
      list.push_back(nested("schedule[" + std::to_string(i) + "]", [&] {
        JsonInput item((*s)[i]);
        ledger::InstalmentInput x;
        x.due_date = item.required_string("due_date", 10);
        x.amount_fen = item.required_int("amount_fen", 1, kMaxFen);
        item.finish();
        return x;
      }));
    k.schedule = std::move(list);
  }
  return k;
}

Response template_response(const Request& req, ledger::ImportKind kind, bool english) {
  return template_download(req, ledger::asset_import_template(kind),
                           kind == ledger::ImportKind::assets ? "asset-import-template" : "contract-import-template", english);
}

Response import_response(Call& call, ledger::ImportKind kind) {
  const bool dry_run = query_bool(call.req, "dry_run").value_or(false);
  const auto region = required_region_query(call.req);
  require_file(call.req);
  auto out = ledger::import_table(call.db, call.actor(), kind, region, call.req.body, dry_run);
  return import_answer(std::move(out),
                       kind == ledger::ImportKind::assets ? ledger::ImportTable::assets : ledger::ImportTable::contracts,
                       dry_run, call.english);
}

}  // namespace

void register_asset_routes(Api& api) {
  // ---- Assets (资产)
  api.route(Method::GET, "/api/v1/ledger/assets", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"code", "name", "acquired_date", "original_value_fen", "created_at"}, "code");
    ledger::AssetFilter f{query_string(call.req, "region", 15), query_string(call.req, "category", 40),
                          query_string(call.req, "status", 20), query_string(call.req, "q", 50)};
    return list_or_export(
        call.req, call.english, page, [&](const PageRequest& p) { return ledger::list_assets(call.db, call.actor(), f, p); },
        {asset_columns(), "资产", "Assets", "资产台账", "assets"});
  });

  api.route(Method::POST, "/api/v1/ledger/assets", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    ledger::AssetInput a;
    a.region_code = in.required_string("region_code", 15);
    a.code = in.required_string("code", 40);
    a.name = in.required_string("name", 100);
    a.category = in.required_string("category", 40);
    a.original_value_fen = in.required_int("original_value_fen", 0, kMaxFen);
    a.acquired_date = in.required_string("acquired_date", 10);
    a.location = in.optional_string("location", 100).value_or("");
    a.custodian = in.optional_string("custodian", 50).value_or("");
    a.status = in.optional_string("status", 20).value_or("in_use");
    a.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
    in.finish();
    return json_response(201, ledger::create_asset(call.db, call.actor(), a));
  });

  api.route(Method::GET, "/api/v1/ledger/assets/template", kRead,
            [](Call& call) { return template_response(call.req, ledger::ImportKind::assets, call.english); });
  api.route(Method::POST, "/api/v1/ledger/assets/import", kWrite,
            [](Call& call) { return import_response(call, ledger::ImportKind::assets); });

  api.route(Method::GET, "/api/v1/ledger/assets/{id}", kRead, [](Call& call) {
    return json_response(200, ledger::get_asset(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::PATCH, "/api/v1/ledger/assets/{id}", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    auto p = read_asset_patch(in);
    in.finish();
    return json_response(200, ledger::update_asset(call.db, call.actor(), id, p));
  });

  api.route(Method::POST, "/api/v1/ledger/assets/{id}/photos", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    return json_response(201, ledger::add_asset_photo(call.db, call.actor(), id, upload_filename(call.req),
                                                      call.req.header("Content-Type"), std::move(call.req.body)));
  });

  api.route(Method::GET, "/api/v1/ledger/assets/{id}/photos/{photo_id}", kRead, [](Call& call) {
    const auto id = path_id(call.req, "id");
    const auto photo_id = path_id(call.req, "photo_id");
    auto photo = ledger::get_asset_photo(call.db, call.actor(), id, photo_id);
    return stored_file_response(std::move(photo));
  });

  // ---- Resources (资源)
  api.route(Method::GET, "/api/v1/ledger/resources", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"code", "name", "kind", "area_milli", "created_at"}, "code");
    ledger::ResourceFilter f{query_string(call.req, "region", 15), query_string(call.req, "kind", 20),
                             query_string(call.req, "status", 20), query_string(call.req, "q", 50)};
    return list_or_export(
        call.req, call.english, page,
        [&](const PageRequest& p) { return ledger::list_resources(call.db, call.actor(), f, p); },
        {resource_columns(), "资源", "Resources", "资源台账", "resources"});
  });

  api.route(Method::POST, "/api/v1/ledger/resources", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    ledger::ResourceInput r;
    r.region_code = in.required_string("region_code", 15);
    r.code = in.required_string("code", 40);
    r.name = in.required_string("name", 100);
    r.kind = in.required_string("kind", 20);
    r.arable = in.optional_bool("arable").value_or(false);
    r.location = in.optional_string("location", 100).value_or("");
    r.area_milli = in.optional_int("area_milli", 0, ledger::kMaxAreaMilli).value_or(0);
    r.area_unit = in.optional_string("area_unit", 20).value_or("mu");
    r.ownership = in.optional_string("ownership", 100).value_or("");
    r.status = in.optional_string("status", 20).value_or("available");
    r.note = in.optional_string("note", 500, TextKind::multiline).value_or("");
    in.finish();
    return json_response(201, ledger::create_resource(call.db, call.actor(), r));
  });

  api.route(Method::GET, "/api/v1/ledger/resources/{id}", kRead, [](Call& call) {
    return json_response(200, ledger::get_resource(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::PATCH, "/api/v1/ledger/resources/{id}", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    auto p = read_resource_patch(in);
    in.finish();
    return json_response(200, ledger::update_resource(call.db, call.actor(), id, p));
  });

  // ---- Contracts (合同)
  api.route(Method::GET, "/api/v1/ledger/contracts", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"number", "start_date", "end_date", "total_fen", "created_at"}, "number");
    ledger::ContractFilter f{query_string(call.req, "region", 15), query_string(call.req, "kind", 20),
                             query_string(call.req, "status", 20), query_string(call.req, "q", 50),
                             query_bool(call.req, "expiring")};
    return list_or_export(
        call.req, call.english, page,
        [&](const PageRequest& p) { return ledger::list_contracts(call.db, call.actor(), f, p); },
        {contract_columns(), "合同", "Contracts", "合同台账", "contracts"});
  });

  api.route(Method::POST, "/api/v1/ledger/contracts", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto k = read_contract(in);
    in.finish();
    return json_response(201, ledger::create_contract(call.db, call.actor(), k));
  });

  api.route(Method::GET, "/api/v1/ledger/contracts/template", kRead,
            [](Call& call) { return template_response(call.req, ledger::ImportKind::contracts, call.english); });
  api.route(Method::POST, "/api/v1/ledger/contracts/import", kWrite,
            [](Call& call) { return import_response(call, ledger::ImportKind::contracts); });

  api.route(Method::GET, "/api/v1/ledger/contracts/{id}", kRead, [](Call& call) {
    return json_response(200, ledger::get_contract(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::PATCH, "/api/v1/ledger/contracts/{id}", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    ledger::ContractPatch p;
    p.status = in.optional_string("status", 20);
    p.note = in.optional_string("note", 500, TextKind::multiline);
    p.counterparty_phone = in.optional_string("counterparty_phone", 20);
    in.finish();
    return json_response(200, ledger::update_contract(call.db, call.actor(), id, p));
  });

  api.route(Method::POST, "/api/v1/ledger/contracts/{id}/payments", kWrite, [](Call& call) {
    const auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    ledger::PaymentInput p;
    p.amount_fen = in.required_int("amount_fen", 1, kMaxFen);
    p.paid_date = in.required_string("paid_date", 10);
    p.voucher_ref = in.optional_string("voucher_ref", 64).value_or("");
    p.note = in.optional_string("note", 200).value_or("");
    in.finish();
    return json_response(201, ledger::record_payment(call.db, call.actor(), id, p));
  });

  api.route(Method::GET, "/api/v1/ledger/contract-warnings", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"level"}, "level");
    ledger::WarningFilter f{query_string(call.req, "region", 15), query_string(call.req, "level", 20),
                            query_string(call.req, "type", 30)};
    auto r = ledger::list_contract_warnings(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::GET, "/api/v1/ledger/asset-summary", kRead, [](Call& call) {
    return json_response(200, ledger::asset_summary(call.db, call.actor(), query_string(call.req, "region", 15)));
  });

  // ---- Warning thresholds (预警阈值)
  api.route(Method::GET, "/api/v1/ledger/asset-settings", kRead, [](Call& call) {
    return json_response(200, ledger::get_asset_settings(call.db, call.actor(), required_region_query(call.req)));
  });

  api.route(Method::PUT, "/api/v1/ledger/asset-settings", ledger::kAssetSettingsPermission, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    ledger::AssetSettings s;
    s.region_code = in.required_string("region_code", 15);
    s.limits.max_term_years = static_cast<int>(in.required_int("max_term_years", 1, ledger::kMaxTermYears));
    s.limits.max_term_years_arable = static_cast<int>(in.required_int("max_term_years_arable", 1, ledger::kMaxTermYears));
    s.limits.min_price_percent = static_cast<int>(in.required_int("min_price_percent", 0, 100));
    if (const auto* list = in.raw("reference_prices")) {
      if (!list->is_array()) throw invalid_field("reference_prices", "须为数组", "must be an array");
      if (list->size() > 50) throw invalid_field("reference_prices", "最多 50 项", "must have at most 50 items");
      for (std::size_t i = 0; i < list->size(); ++i)
        s.reference_prices.push_back(nested("reference_prices[" + std::to_string(i) + "]", [&] {
          JsonInput item((*list)[i]);
          ledger::ReferencePrice p;
          p.kind = item.required_string("kind", 20);
          p.area_unit = item.required_string("area_unit", 10);
          p.price_fen = item.required_int("price_fen", 1, kMaxFen);
          item.finish();
          return p;
        }));
    }
    in.finish();
    return json_response(200, ledger::put_asset_settings(call.db, call.actor(), s));
  });
}

}  // namespace ql::http
