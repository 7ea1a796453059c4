#include "ledger/asset_import.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/money.hpp"
#include "core/table_reader.hpp"
#include "ledger/asset.hpp"
#include "ledger/asset_common.hpp"
#include "ledger/contract.hpp"
#include "ledger/import_rows.hpp"

namespace ql::ledger {
namespace {

using K = xlsx::ColumnKind;

std::vector<table::ColumnSpec> asset_specs() {
  return {{"资产编号", true, {"编号", "asset_code", "code"}},
          {"资产名称", true, {"名称", "name"}},
          {"资产类别", true, {"类别", "category"}},
          {"原值(元)", true, {"原值", "原值（元）", "original_value"}},
          {"取得日期", true, {"购置日期", "acquired_date"}},
          {"存放地点", false, {"地点", "location"}},
          {"保管人", false, {"使用人", "custodian"}},
          {"状态", false, {"status"}},
          {"备注", false, {"note"}}};
}

std::vector<table::ColumnSpec> contract_specs() {
  return {{"合同编号", true, {"编号", "number"}},
          {"合同类型", true, {"类型", "kind"}},
          {"标的类型", true, {"subject_type"}},
          {"标的编号", true, {"资源编号", "资产编号", "subject_code"}},
          {"承包方", true, {"承租方", "承包方/承租方", "counterparty"}},
          {"证件号码", false, {"身份证号", "身份证号码", "id_no"}},
          {"联系电话", false, {"电话", "phone"}},
          {"开始日期", true, {"起始日期", "start_date"}},
          {"结束日期", true, {"终止日期", "end_date"}},
          {"面积", false, {"area"}},
          {"面积单位", false, {"单位", "area_unit"}},
          {"单价(元)", false, {"单价", "单价（元）", "unit_price"}},
          {"总价(元)", true, {"总价", "总价（元）", "合同金额", "total"}},
          {"备注", false, {"note"}}};
}

using import_rows::Reader;

const std::map<std::string, std::string> kStatusLabels = {
    {"在用", "in_use"}, {"闲置", "idle"}, {"出租", "leased"}, {"已出租", "leased"}, {"已处置", "disposed"},
    {"in_use", "in_use"}, {"idle", "idle"}, {"leased", "leased"}, {"disposed", "disposed"}};
const std::map<std::string, std::string> kKindLabels = {
    {"发包", "contracting"}, {"承包", "contracting"}, {"出租", "lease"}, {"租赁", "lease"},
    {"contracting", "contracting"}, {"lease", "lease"}};
const std::map<std::string, std::string> kSubjectLabels = {
    {"资源", "resource"}, {"资产", "asset"}, {"resource", "resource"}, {"asset", "asset"}};
const std::map<std::string, std::string> kUnitLabels = {
    {"亩", "mu"}, {"平方米", "m2"}, {"㎡", "m2"}, {"mu", "mu"}, {"m2", "m2"}};

}  // namespace

import_template::Template asset_import_template(ImportKind kind) {
  if (kind == ImportKind::assets)
    return import_template::build(
        "资产导入模板", "资产", asset_specs(),
        {K::text, K::text, K::text, K::money, K::date, K::text, K::text, K::text, K::text},
        {{std::string("ZC-001"), std::string("村委会办公楼"), std::string("房屋建筑物"), std::int64_t{180'000'000},
          std::string("2015-06-30"), std::string("村委会大院"), std::string("张文书"), std::string("在用"),
          std::string("")}});
  return import_template::build(
      "合同导入模板", "合同", contract_specs(),
      {K::text, K::text, K::text, K::text, K::text, K::text, K::text, K::date, K::date, K::text, K::text, K::money,
       K::money, K::text},
      {{std::string("HT-2026-001"), std::string("发包"), std::string("资源"), std::string("ZY-001"),
        std::string("李四"), std::string(""), std::string("13800000000"), std::string("2026-01-01"),
        std::string("2030-12-31"), std::string("12.5"), std::string("亩"), std::int64_t{80'000},
        std::int64_t{5'000'000}, std::string("")}});
}

nlohmann::json import_table(store::Connection& c, const auth::Principal& actor, ImportKind kind,
                            const std::string& region_code, std::string bytes, bool dry_run) {
  actor.require(kAssetWritePermission);
  Reader rd;
  std::vector<AssetInput> assets;
  std::vector<ContractInput> contracts;
  std::vector<bool> clean;  // per parsed row: no parse problem
  const auto specs = kind == ImportKind::assets ? asset_specs() : contract_specs();
  table::read(std::move(bytes), specs, [&](const table::Row& r) {
    const auto before = rd.problems.size();
    const int n = r.number();
    nlohmann::json row = {{"row", n}};
    if (kind == ImportKind::assets) {
      AssetInput a;
      a.row = n;
      a.code = rd.required(n, "资产编号", r[0]);
      a.name = rd.required(n, "资产名称", r[1]);
      a.category = rd.required(n, "资产类别", r[2]);
      a.original_value_fen = rd.money(n, "原值(元)", r[3], true);
      a.acquired_date = rd.date(n, "取得日期", r[4]);
      a.location = std::string(r[5]);
      a.custodian = std::string(r[6]);
      if (auto s = rd.label(n, "状态", r[7], kStatusLabels); !s.empty()) a.status = s;
      a.note = std::string(r[8]);
      row.update({{"code", a.code}, {"name", a.name}, {"category", a.category}, {"original_value_fen", a.original_value_fen},
                  {"acquired_date", a.acquired_date}, {"location", a.location}, {"custodian", a.custodian},
                  {"status", a.status}, {"note", a.note}});
      assets.push_back(std::move(a));
    } else {
      ContractInput k;
      k.row = n;
      k.number = rd.required(n, "合同编号", r[0]);
      k.kind = rd.label(n, "合同类型", rd.required(n, "合同类型", r[1]), kKindLabels);
      k.subject_type = rd.label(n, "标的类型", rd.required(n, "标的类型", r[2]), kSubjectLabels);
      k.subject_code = rd.required(n, "标的编号", r[3]);
      k.counterparty = rd.required(n, "承包方", r[4]);
      k.counterparty_id_no = std::string(r[5]);
      k.counterparty_phone = std::string(r[6]);
      k.start_date = rd.date(n, "开始日期", r[7]);
      k.end_date = rd.date(n, "结束日期", r[8]);
      if (!r[9].empty()) {
        const auto m = parse_milli(std::string(r[9]));
        if (m < 0) rd.problems.push_back({n, "面积", "须为数字,至多三位小数", "must be a number with at most 3 decimals"});
        else k.area_milli = m;
      }
      if (auto u = rd.label(n, "面积单位", r[10], kUnitLabels); !u.empty()) k.area_unit = u;
      k.unit_price_fen = rd.money(n, "单价(元)", r[11], false);
      k.total_fen = rd.money(n, "总价(元)", r[12], true);
      k.note = std::string(r[13]);
      row.update({{"number", k.number}, {"kind", k.kind}, {"subject_type", k.subject_type}, {"subject_code", k.subject_code},
                  {"counterparty", k.counterparty}, {"counterparty_id_no", mask_id_number(k.counterparty_id_no)},
                  {"counterparty_phone", k.counterparty_phone}, {"start_date", k.start_date}, {"end_date", k.end_date},
                  {"area_milli", k.area_milli}, {"area_unit", k.area_unit ? nlohmann::json(*k.area_unit) : nlohmann::json()},
                  {"unit_price_fen", k.unit_price_fen}, {"total_fen", k.total_fen}, {"note", k.note}});
      contracts.push_back(std::move(k));
    }
    clean.push_back(rd.problems.size() == before);
    rd.keep(std::move(row));
  });
  if (clean.empty()) throw bad_request("empty_file", "文件中没有数据行", "The file has no data rows", "file");

  // Rows that parsed are checked against the database by the same bulk path that writes them,
  // inside a transaction that is rolled back unless everything is clean and this is no dry run.
  std::vector<RowProblem> problems = rd.problems;
  store::Transaction tx(c);
  nlohmann::json created;
  try {
    if (kind == ImportKind::assets) {
      std::vector<AssetInput> ok;
      for (std::size_t i = 0; i < assets.size(); ++i)
        if (clean[i]) ok.push_back(assets[i]);
      created = create_assets(c, actor, region_code, ok);
    } else {
      std::vector<ContractInput> ok;
      for (std::size_t i = 0; i < contracts.size(); ++i)
        if (clean[i]) ok.push_back(contracts[i]);
      created = create_contracts(c, actor, region_code, ok);
    }
  } catch (const Error& e) {
    for (auto& p : import_rows::problems_of(e)) problems.push_back(p);
  }
  if (dry_run) return import_rows::outcome(std::move(problems), std::move(rd.rows), clean.size(), true);
  import_rows::outcome(std::move(problems), nullptr, clean.size(), false);
  tx.commit();
  return created;
}

}  // namespace ql::ledger
