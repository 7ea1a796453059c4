// OpenAPI documentation of the asset, resource and contract routes (api_assets.cpp).
#include <string>
#include <vector>

#include "disclosure/attachment.hpp"
#include "http/export.hpp"
#include "http/openapi_list.hpp"
#include "http/openapi_spec.hpp"
#include "ledger/asset.hpp"
#include "ledger/contract.hpp"
#include "ledger/resource.hpp"

namespace ql::http::openapi {
namespace {

constexpr const char* kTag = "assets";
constexpr const char* kScope403 = kVillageScope403;
constexpr std::int64_t kMaxFen = ledger::kMaxValueFen;
constexpr std::int64_t kMaxId = 999'999'999'999;

void schemas(Spec& s) {
  const auto fen = [](std::string d) { return described(integer(), std::move(d)); };
  Properties asset = {{"id", integer(1)},
                            {"region_code", text()},
                            {"region_name", text()},
                            {"code", described(text(), "资产编号, unique per village")},
                            {"name", text()},
                            {"category", described(text(), "a value of the asset_category dictionary")},
                            {"original_value_fen", fen("原值 in fen")},
                            {"acquired_date", text()},
                            {"location", text()},
                            {"custodian", text()},
                            {"status", one_of(ledger::kAssetStatuses)},
                            {"note", text()},
                            {"disposal_ref", described(nullable(text()), "the asset deal that disposed of it")},
                            {"active_contracts", integer(0)},
                            {"photo_count", integer(0)},
                            {"created_at", date_time()},
                            {"updated_at", date_time()}};
  s.schema("Asset", record(asset));
  s.schema("AssetPhoto", record({{"id", integer(1)},
                                 {"asset_id", integer(1)},
                                 {"filename", text()},
                                 {"content_type", text()},
                                 {"size_bytes", integer(1)},
                                 {"sha256", text()},
                                 {"created_at", date_time()}}));
  asset.push_back({"photos", array_of(ref("AssetPhoto"))});
  s.schema("AssetDetail", record(asset));
  s.schema("AssetPage", page_of("Asset"));
  s.schema("Resource", record({{"id", integer(1)},
                               {"region_code", text()},
                               {"region_name", text()},
                               {"code", text()},
                               {"name", text()},
                               {"kind", one_of(ledger::kResourceKinds)},
                               {"arable", described(boolean(), "耕地 (the arable term limit applies)")},
                               {"location", text()},
                               {"area_milli", described(integer(0), "area in thousandths of area_unit")},
                               {"area_unit", one_of(ledger::kAreaUnits)},
                               {"ownership", text()},
                               {"status", one_of(ledger::kResourceStatuses)},
                               {"note", text()},
                               {"active_contracts", integer(0)},
                               {"created_at", date_time()},
                               {"updated_at", date_time()}}));
  s.schema("ResourcePage", page_of("Resource"));
  Properties contract = {
      {"id", integer(1)},
      {"region_code", text()},
      {"region_name", text()},
      {"number", text()},
      {"kind", one_of(ledger::kContractKinds)},
      {"subject_type", one_of({"resource", "asset"})},
      {"subject_id", nullable(integer(1))},
      {"subject_code", text()},
      {"subject_name", text()},
      {"subject_kind", described(text(), "the resource's kind, or asset")},
      {"arable", boolean()},
      {"counterparty", text()},
      {"counterparty_id_no", described(text(), "masked: first 3 and last 4 characters")},
      {"counterparty_phone", text()},
      {"start_date", text()},
      {"end_date", text()},
      {"area_milli", integer(0)},
      {"area_unit", one_of(ledger::kAreaUnits)},
      {"unit_price_fen", fen("per unit of area per year")},
      {"reference_price_fen", described(nullable(integer()), "the region's reference for the subject's kind and unit")},
      {"total_fen", integer(1)},
      {"status", one_of(ledger::kContractStatuses)},
      {"note", text()},
      {"paid_fen", integer(0)},
      {"arrears_fen", described(integer(0), "due before today and not paid")},
      {"days_overdue", described(integer(0), "of the oldest instalment in arrears")},
      {"next_due_date", nullable(text())},
      {"expiry", one_of({"current", "expiring", "expired"})},
      {"warning_level", described(nullable(text()), "the most severe warning: red, yellow, blue or null")},
      {"warning_count", integer(0)},
      {"created_at", date_time()},
      {"updated_at", date_time()}};
  s.schema("ContractSummary", record(contract));
  s.schema("ContractPage", page_of("ContractSummary"));
  const auto warning = record({{"type", one_of(ledger::kWarningTypes)},
                               {"level", one_of(ledger::kWarningLevels)},
                               {"evidence", described(free_object(), "the figures that raised it")}});
  contract.push_back({"instalments", array_of(record({{"seq", integer(1)},
                                                       {"due_date", text()},
                                                       {"amount_fen", integer(1)},
                                                       {"paid_fen", integer(0)},
                                                       {"arrears_fen", integer(0)},
                                                       {"days_overdue", integer(0)}}))});
  contract.push_back({"payments", array_of(record({{"id", integer(1)},
                                                    {"amount_fen", integer(1)},
                                                    {"paid_date", text()},
                                                    {"voucher_ref", text()},
                                                    {"note", text()},
                                                    {"created_at", date_time()}}))});
  contract.push_back({"warnings", array_of(warning)});
  s.schema("Contract", record(contract));
  s.schema("ContractWarningPage",
           page_of("ContractWarning"));
  s.schema("ContractWarning", record({{"contract_id", integer(1)},
                                      {"region_code", text()},
                                      {"region_name", text()},
                                      {"number", text()},
                                      {"kind", one_of(ledger::kContractKinds)},
                                      {"counterparty", text()},
                                      {"subject_name", text()},
                                      {"type", one_of(ledger::kWarningTypes)},
                                      {"level", one_of(ledger::kWarningLevels)},
                                      {"evidence", free_object()}}));
  s.schema("AssetSummary",
           record({{"as_of", text()},
                   {"assets", record({{"count", integer(0)}, {"original_value_fen", integer(0)}, {"by_status", free_object()}})},
                   {"resources", record({{"count", integer(0)}, {"by_kind", free_object()}})},
                   {"contracts", record({{"active", integer(0)},
                                         {"total_fen", integer(0)},
                                         {"paid_fen", integer(0)},
                                         {"arrears_fen", integer(0)},
                                         {"expiring", integer(0)},
                                         {"expired", integer(0)}})},
                   {"warnings", record({{"by_level", free_object()}, {"by_type", free_object()}})}}));
  s.schema("AssetSettings", record({{"region_code", text()},
                                    {"max_term_years", integer(1, ledger::kMaxTermYears)},
                                    {"max_term_years_arable", integer(1, ledger::kMaxTermYears)},
                                    {"min_price_percent", integer(0, 100)},
                                    {"inherited_from", described(nullable(text()), "the region whose settings apply; null: defaults")},
                                    {"reference_prices", array_of(record({{"kind", text()},
                                                                          {"area_unit", one_of(ledger::kAreaUnits)},
                                                                          {"price_fen", integer(1)},
                                                                          {"region_code", text()}}))}}));
  s.schema("ImportPreview", record({{"dry_run", boolean()},
                                    {"valid", described(boolean(), "true: committing would import every row")},
                                    {"total_rows", integer(0)},
                                    {"rows", described(array_of(free_object()), "the parsed rows (first 1000), each with its row")},
                                    {"problems", array_of(record({{"row", integer(0)}, {"column", text()}, {"message", text()}}))},
                                    {"columns", described(array_of(object({{"key", described(text(), "the rows' key")},
                                                                            {"header", described(text(), "the importer's header, as problems name the column")},
                                                                            {"label", described(text(), "the header in the caller's language")},
                                                                            {"kind", one_of({"text", "date", "integer", "fen", "milli", "flag"})},
                                                                            {"values", described(free_object(), "a column of codes: each code's label")}},
                                                                           {"key", "header", "label", "kind"})),
                                                          "the rows' columns in the order of the file's columns")}}));
  s.schema("ImportResult", record({{"created", integer(0)}}));
}

Properties asset_fields() {
  std::vector<std::string> statuses = {"in_use", "idle", "leased"};
  return {{"code", described(text(40, 1), "资产编号, unique per village")},
          {"name", text(100, 1)},
          {"category", described(text(40, 1), "asset_category value or label (房屋建筑物, 机器设备 ...)")},
          {"original_value_fen", described(integer(0, kMaxFen), "原值 in fen")},
          {"acquired_date", date_text("取得日期, not in the future")},
          {"location", text(100)},
          {"custodian", text(50)},
          {"status", described(one_of(statuses), "disposed is set only by an asset deal (409 disposal_requires_deal)")},
          {"note", text(500)}};
}

Properties resource_fields() {
  return {{"code", text(40, 1)},
          {"name", text(100, 1)},
          {"kind", one_of(ledger::kResourceKinds)},
          {"arable", described(boolean(), "land only: 耕地")},
          {"location", text(100)},
          {"area_milli", described(integer(0, ledger::kMaxAreaMilli), "thousandths of area_unit (12.5 亩 = 12500)")},
          {"area_unit", described(one_of(ledger::kAreaUnits), "mu 亩 (default) or m2")},
          {"ownership", text(100)},
          {"status", one_of(ledger::kResourceStatuses)},
          {"note", text(500)}};
}

void import_ops(Spec& s, const std::string& what, const std::string& path, const std::string& id_part,
                const std::string& zh) {
  s.add(Method::POST, path + "/import", "import" + id_part, "Import " + what + " / 导入" + zh, kTag)
      .permission(ledger::kAssetWritePermission)
      .describe("The body is an .xlsx or CSV (UTF-8 or GB18030) file with the template's headers (docs/IMPORT.md). "
                "All or nothing. dry_run=true writes nothing and answers the parsed rows and every problem.")
      .query("region", described(text(15), "the village the rows belong to (required)"), "village")
      .query("dry_run", boolean(), "preview only")
      .raw_body("application/octet-stream", "the file's bytes (any Content-Type)")
      .returns(200, ref("ImportPreview"), "dry_run: the preview")
      .returns(201, ref("ImportResult"), "Imported")
      .fails(400, "import_rejected: error.problems lists every row problem (row, column, message); invalid_query "
                  "region; empty_file; missing_column; invalid_field region: not a village")
      .fails(403, kScope403);
  s.add(Method::GET, path + "/template", "get" + id_part + "Template", "Import template / 下载" + zh + "导入模板", kTag)
      .permission(ledger::kAssetReadPermission)
      .query("format", one_of({"xlsx", "csv"}), "default xlsx")
      .returns_file(200, {kXlsxMediaType, kCsvMediaType}, "The template with example rows");
}

}  // namespace

void document_assets(Spec& s) {
  s.tag(kTag, "Collective assets, resources and contracts (三资·资产/资源/合同) with arrears and warnings");
  schemas(s);
  const std::string read = ledger::kAssetReadPermission, write = ledger::kAssetWritePermission;
  const auto village_body = described(text(15, 1), "the village (community)");

  // Assets
  exported_list(s.add(Method::GET, "/api/v1/ledger/assets", "listAssets", "Asset register / 资产台账", kTag).permission(read),
                {{"code", "name", "acquired_date", "original_value_fen", "created_at"},
                 "code",
                 {status_filter(ledger::kAssetStatuses), q_filter("code, name, location or custodian"),
                  {"category", text(40), "category value or label"}},
                 "the assets as a spreadsheet",
                 "AssetPage",
                 "A page of assets"});
  Properties create = {{"region_code", village_body}};
  for (auto& p : asset_fields()) create.push_back(p);
  s.add(Method::POST, "/api/v1/ledger/assets", "createAsset", "Register an asset / 登记资产", kTag)
      .permission(write)
      .json_body(object(create, {"region_code", "code", "name", "category", "original_value_fen", "acquired_date"}))
      .returns(201, ref("AssetDetail"), "Registered")
      .fails(403, kScope403)
      .fails(409, "duplicate_asset_code; disposal_requires_deal: status disposed is set only by an asset deal");
  by_id(s.add(Method::GET, "/api/v1/ledger/assets/{id}", "getAsset", "Get an asset / 资产详情", kTag).permission(read),
        "asset")
      .returns(200, ref("AssetDetail"), "The asset with its photos");
  by_id(s.add(Method::PATCH, "/api/v1/ledger/assets/{id}", "updateAsset", "Edit an asset / 修改资产", kTag)
            .permission(write),
        "asset")
      .describe("Any of the fields; status changes are in the operation log. Setting status disposed is refused: "
                "disposal goes through an asset deal (三资交易).")
      .json_body(object(asset_fields(), {}))
      .returns(200, ref("AssetDetail"), "The changed asset")
      .fails(409, "disposal_requires_deal; asset_disposed: a disposed asset is fixed; duplicate_asset_code");
  const std::vector<std::string> types = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"};
  by_id(s.add(Method::POST, "/api/v1/ledger/assets/{id}/photos", "addAssetPhoto", "Upload a photo / 上传资产照片", kTag)
            .permission(write),
        "asset")
      .describe("The body is the file itself (image or PDF, type sniffed from the content, at most " +
                std::to_string(disclosure::kMaxAttachmentBytes) + " bytes), as for publication attachments; at most " +
                std::to_string(ledger::kMaxAssetPhotos) + " per asset.")
      .query("filename", text(disclosure::kMaxFilenameChars, 1), "the file's name (required)")
      .raw_body("application/octet-stream", "the file's bytes; Content-Type may also be its own type")
      .returns(201, ref("AssetPhoto"), "Stored")
      .fails(400, "invalid_field: filename missing or unusable, or file empty")
      .fails(409, "asset_disposed; too_many_photos")
      .fails(413, "attachment_too_large")
      .fails(415, "unsupported_attachment_type; attachment_type_mismatch");
  by_id(s.add(Method::GET, "/api/v1/ledger/assets/{id}/photos/{photo_id}", "getAssetPhoto",
              "Download a photo / 下载资产照片", kTag)
            .permission(read),
        "asset")
      .path_param("photo_id", integer(1), "photo id")
      .fails(404, "not_found: no such photo of that asset")
      .returns_file(200, types, "The file, Content-Disposition inline");
  import_ops(s, "assets", "/api/v1/ledger/assets", "Assets", "资产");

  // Resources
  exported_list(s.add(Method::GET, "/api/v1/ledger/resources", "listResources", "Resources / 资源台账", kTag).permission(read),
                {{"code", "name", "kind", "area_milli", "created_at"},
                 "code",
                 {status_filter(ledger::kResourceStatuses), q_filter("code, name or location"),
                  {"kind", one_of({"land", "arable", "water", "forest", "building", "other"}), "kind (arable: arable land)"}},
                 "the resources as a spreadsheet",
                 "ResourcePage",
                 "A page of resources"});
  Properties rcreate = {{"region_code", village_body}};
  for (auto& p : resource_fields()) rcreate.push_back(p);
  s.add(Method::POST, "/api/v1/ledger/resources", "createResource", "Register a resource / 登记资源", kTag)
      .permission(write)
      .json_body(object(rcreate, {"region_code", "code", "name", "kind"}))
      .returns(201, ref("Resource"), "Registered")
      .fails(403, kScope403)
      .fails(409, "duplicate_resource_code");
  by_id(s.add(Method::GET, "/api/v1/ledger/resources/{id}", "getResource", "Get a resource / 资源详情", kTag)
            .permission(read),
        "resource")
      .returns(200, ref("Resource"), "The resource");
  by_id(s.add(Method::PATCH, "/api/v1/ledger/resources/{id}", "updateResource", "Edit a resource / 修改资源", kTag)
            .permission(write),
        "resource")
      .json_body(object(resource_fields(), {}))
      .returns(200, ref("Resource"), "The changed resource")
      .fails(409, "duplicate_resource_code");

  // Contracts
  exported_list(s.add(Method::GET, "/api/v1/ledger/contracts", "listContracts", "Contracts / 合同台账", kTag).permission(read),
                {{"number", "start_date", "end_date", "total_fen", "created_at"},
                 "number",
                 {status_filter(ledger::kContractStatuses), q_filter("number or counterparty"),
                  {"kind", one_of(ledger::kContractKinds), "contracting 发包 or lease 出租"},
                  {"expiring", boolean(), "active and ending within 90 days or already ended (or the others)"}},
                 "the contracts with paid, arrears and warning level as a spreadsheet",
                 "ContractPage",
                 "A page of contracts with derived figures"});
  const auto instalment = object({{"due_date", date_text("due")}, {"amount_fen", integer(1, kMaxFen)}},
                                 {"due_date", "amount_fen"});
  s.add(Method::POST, "/api/v1/ledger/contracts", "createContract", "Register a contract / 登记合同", kTag)
      .permission(write)
      .describe("Without a schedule a yearly one is generated (an instalment at the start and each anniversary, the "
                "total split evenly). A given schedule must sum to total_fen (400 naming schedule).")
      .json_body(object({{"region_code", village_body},
                         {"number", described(text(40, 1), "合同编号, unique per village")},
                         {"kind", described(one_of(ledger::kContractKinds), "发包 contracting or 出租 lease")},
                         {"subject_type", one_of({"resource", "asset"})},
                         {"subject_id", described(integer(1, kMaxId), "a resource or asset of the same village")},
                         {"counterparty", described(text(100, 1), "承包方/承租方")},
                         {"counterparty_id_no", described(text(18), "15 or 18 characters; masked in every output")},
                         {"counterparty_phone", text(20)},
                         {"start_date", date_text("first day")},
                         {"end_date", date_text("last day (inclusive)")},
                         {"area_milli", described(integer(0, ledger::kMaxAreaMilli), "thousandths of area_unit")},
                         {"area_unit", described(one_of(ledger::kAreaUnits), "default: the resource's unit, else m2")},
                         {"unit_price_fen", described(integer(0, kMaxFen), "per unit of area per year")},
                         {"total_fen", integer(1, kMaxFen)},
                         {"schedule", described(array_of(instalment, ledger::kMaxInstalments), "付款计划")},
                         {"note", text(500)}},
                        {"region_code", "number", "kind", "subject_type", "subject_id", "counterparty", "start_date",
                         "end_date", "total_fen"}))
      .returns(201, ref("Contract"), "Registered, with schedule and warnings")
      .fails(403, kScope403)
      .fails(409, "duplicate_contract_number");
  by_id(s.add(Method::GET, "/api/v1/ledger/contracts/{id}", "getContract", "Get a contract / 合同详情", kTag)
            .permission(read),
        "contract")
      .returns(200, ref("Contract"), "The contract with instalments (arrears per instalment), payments and warnings");
  by_id(s.add(Method::PATCH, "/api/v1/ledger/contracts/{id}", "updateContract", "Edit a contract / 修改合同", kTag)
            .permission(write),
        "contract")
      .json_body(object({{"status", one_of(ledger::kContractStatuses)}, {"note", text(500)}, {"counterparty_phone", text(20)}},
                        {}))
      .returns(200, ref("Contract"), "The changed contract");
  by_id(s.add(Method::POST, "/api/v1/ledger/contracts/{id}/payments", "recordContractPayment",
              "Record a payment / 登记收款", kTag)
            .permission(write),
        "contract")
      .describe("Payments settle the oldest instalments first.")
      .json_body(object({{"amount_fen", integer(1, kMaxFen)},
                         {"paid_date", date_text("received, not in the future")},
                         {"voucher_ref", described(text(64), "the voucher that booked it, e.g. 2026-03 第12号")},
                         {"note", text(200)}},
                        {"amount_fen", "paid_date"}))
      .returns(201, ref("Contract"), "The contract after the payment")
      .fails(409, "payment_exceeds_total: payments would pass the contract's total");
  import_ops(s, "contracts", "/api/v1/ledger/contracts", "Contracts", "合同");

  regional_list(s.add(Method::GET, "/api/v1/ledger/contract-warnings", "listContractWarnings",
                      "Contract warnings / 合同预警", kTag)
                    .permission(read),
                {"level"}, "level", {})
      .describe("Computed as of today (Asia/Shanghai): term over the region's limit (red), rent overdue more than 2 "
                "months (red) or overdue (yellow), unit price below the region's minimum share of the reference "
                "(red), ending within 90 days (blue) or ended while active (yellow). Red first, then by days overdue.")
      .query("level", one_of(ledger::kWarningLevels), "level")
      .query("type", one_of(ledger::kWarningTypes), "type")
      .returns(200, ref("ContractWarningPage"), "One item per warning with its evidence");
  region_filter(s.add(Method::GET, "/api/v1/ledger/asset-summary", "getAssetSummary", "Assets dashboard / 三资概览", kTag)
                    .permission(read))
      .returns(200, ref("AssetSummary"), "Counts, totals, arrears and warnings of the scope");
  s.add(Method::GET, "/api/v1/ledger/asset-settings", "getAssetSettings", "Warning thresholds / 预警阈值", kTag)
      .permission(read)
      .query("region", described(text(15), "the region (required)"), "region")
      .returns(200, ref("AssetSettings"), "The thresholds in force: the region's own, the nearest ancestor's, or defaults")
      .fails(400, "invalid_query: region missing")
      .fails(403, kScope403);
  s.add(Method::PUT, "/api/v1/ledger/asset-settings", "putAssetSettings", "Set warning thresholds / 设置预警阈值", kTag)
      .permission(ledger::kAssetSettingsPermission)
      .describe("Replaces the region's own thresholds and reference prices; they apply to every village below it "
                "that has none of its own.")
      .json_body(object({{"region_code", described(text(15, 1), "a street or village")},
                         {"max_term_years", described(integer(1, ledger::kMaxTermYears), "default 20")},
                         {"max_term_years_arable", described(integer(1, ledger::kMaxTermYears), "default 30")},
                         {"min_price_percent", described(integer(0, 100), "unit price below this % of reference is red; default 50")},
                         {"reference_prices",
                          described(array_of(object({{"kind", described(text(20, 1), "land, arable, water, forest, building, other or asset")},
                                                     {"area_unit", text(10, 1)},
                                                     {"price_fen", described(integer(1, kMaxFen), "per unit per year")}},
                                                    {"kind", "area_unit", "price_fen"}),
                                             50),
                                    "reference unit prices")}},
                        {"region_code", "max_term_years", "max_term_years_arable", "min_price_percent"}))
      .returns(200, ref("AssetSettings"), "The new settings")
      .fails(403, kScope403);
}

}  // namespace ql::http::openapi
