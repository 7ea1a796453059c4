#include "ledger/inventory.hpp"

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "ledger/asset.hpp"
#include "ledger/asset_common.hpp"
#include "ledger/period.hpp"
#include "ledger/resource.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kColumns =
    "v.id, v.region_code, g.name AS region_name, v.year, v.status, v.note, v.created_by, v.created_at, v.closed_by, "
    "v.closed_at, v.updated_at, "
    "(SELECT COUNT(*) FROM inventory_item i WHERE i.inventory_id = v.id) AS total, "
    "(SELECT COUNT(*) FROM inventory_item i WHERE i.inventory_id = v.id AND i.result = 'pending') AS pending, "
    "(SELECT COUNT(*) FROM inventory_item i WHERE i.inventory_id = v.id AND i.result = 'found' AND i.item_type <> "
    "'surplus') AS found, "
    "(SELECT COUNT(*) FROM inventory_item i WHERE i.inventory_id = v.id AND i.result = 'missing') AS missing, "
    "(SELECT COUNT(*) FROM inventory_item i WHERE i.inventory_id = v.id AND i.result = 'changed') AS changed, "
    "(SELECT COUNT(*) FROM inventory_item i WHERE i.inventory_id = v.id AND i.item_type = 'surplus') AS surplus";
constexpr const char* kFrom = "inventory v JOIN region g ON g.code = v.region_code";

constexpr const char* kItemColumns =
    "id, inventory_id, item_type, ref_id, code, name, category, book_value_fen, book_area_milli, area_unit, "
    "book_location, book_custodian, result, new_value_fen, new_area_milli, new_location, new_custodian, note, "
    "surplus_kind, acquired_date, add_to_register, counted_by, counted_at";

nlohmann::json opt_text(const store::Row& r, const char* k) {
  return r.is_null(k) ? nlohmann::json() : nlohmann::json(r.get<std::string>(k));
}
nlohmann::json opt_int(const store::Row& r, const char* k) {
  return r.is_null(k) ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>(k));
}

nlohmann::json session_json(const store::Row& r) {
  const auto total = r.get<std::int64_t>("total"), pending = r.get<std::int64_t>("pending");
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"year", r.get<std::int64_t>("year")},
          {"status", r.get<std::string>("status")},
          {"note", r.get<std::string>("note")},
          {"progress",
           {{"total", total},
            {"counted", total - pending},
            {"pending", pending},
            {"found", r.get<std::int64_t>("found")},
            {"missing", r.get<std::int64_t>("missing")},
            {"changed", r.get<std::int64_t>("changed")},
            {"surplus", r.get<std::int64_t>("surplus")}}},
          {"created_by", opt_int(r, "created_by")},
          {"created_at", r.get<std::string>("created_at")},
          {"closed_by", opt_int(r, "closed_by")},
          {"closed_at", opt_text(r, "closed_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

nlohmann::json item_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"inventory_id", r.get<std::int64_t>("inventory_id")},
          {"item_type", r.get<std::string>("item_type")},
          {"ref_id", opt_int(r, "ref_id")},
          {"code", r.get<std::string>("code")},
          {"name", r.get<std::string>("name")},
          {"category", r.get<std::string>("category")},
          {"book_value_fen", r.get<std::int64_t>("book_value_fen")},
          {"book_area_milli", r.get<std::int64_t>("book_area_milli")},
          {"area_unit", r.get<std::string>("area_unit")},
          {"book_location", r.get<std::string>("book_location")},
          {"book_custodian", r.get<std::string>("book_custodian")},
          {"result", r.get<std::string>("result")},
          {"new_value_fen", opt_int(r, "new_value_fen")},
          {"new_area_milli", opt_int(r, "new_area_milli")},
          {"new_location", opt_text(r, "new_location")},
          {"new_custodian", opt_text(r, "new_custodian")},
          {"note", r.get<std::string>("note")},
          {"surplus_kind", opt_text(r, "surplus_kind")},
          {"acquired_date", opt_text(r, "acquired_date")},
          {"add_to_register", r.get<bool>("add_to_register")},
          {"counted_by", opt_int(r, "counted_by")},
          {"counted_at", opt_text(r, "counted_at")}};
}

std::optional<nlohmann::json> find(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE v.id = $1", {id});
  if (rs.empty()) return std::nullopt;
  return session_json(rs.front());
}

nlohmann::json load_checked(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto v = find(c, id);
  if (!v) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("清查", "Stock-take");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, (*v)["region_code"].get<std::string>());
  return *v;
}

void require_open(const nlohmann::json& v) {
  if (v["status"] == "closed")
    throw conflict("inventory_closed", "该清查已结束,只能查看", "The stock-take is closed and read-only");
}

nlohmann::json load_item(store::Connection& c, std::int64_t inventory_id, std::int64_t item_id) {
  auto rs = c.query(std::string("SELECT ") + kItemColumns + " FROM inventory_item WHERE id = $1 AND inventory_id = $2",
                    {item_id, inventory_id});
  if (rs.empty()) throw not_found("清查明细", "Stock-take line");
  return item_json(rs.front());
}

std::vector<nlohmann::json> all_items(store::Connection& c, std::int64_t id) {
  std::vector<nlohmann::json> out;
  for (const auto& r : c.query(std::string("SELECT ") + kItemColumns +
                                   " FROM inventory_item WHERE inventory_id = $1 ORDER BY item_type, code, id",
                               {id}))
    out.push_back(item_json(r));
  return out;
}

}  // namespace

nlohmann::json create_inventory(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                int year, const std::string& note) {
  actor.require(kInventoryWritePermission);
  require_village(c, actor, region_code, "region_code");
  const int this_year = std::stoi(to_date_string(business_day(now())).substr(0, 4));
  if (year < 2000 || year > this_year)
    throw invalid_field("year", "须为 2000 年到今年", "must be from 2000 to the current year");
  text::require_length("note", note, 0, 500);
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (tx.scalar("SELECT COUNT(*) FROM inventory WHERE region_code = $1 AND year = $2",
                  {region_code, std::int64_t{year}}) != "0")
      throw Error(ErrorKind::conflict, "duplicate_inventory", "本村 " + std::to_string(year) + " 年度清查已存在",
                  "The village already has a stock-take for " + std::to_string(year), "year");
    const auto at = now_iso();
    const auto id = tx.query("INSERT INTO inventory (region_code, year, status, note, created_by, created_at, updated_at) "
                             "VALUES ($1, $2, 'open', $3, $4, $5, $5) RETURNING id",
                             {region_code, std::int64_t{year}, note, actor_param(actor), at})
                        .front()
                        .get<std::int64_t>(0);
    // The snapshot: what the register says at the start, so later edits do not move the
    // session's book figures.
    tx.query("INSERT INTO inventory_item (inventory_id, item_type, ref_id, code, name, category, book_value_fen, "
             "book_area_milli, area_unit, book_location, book_custodian, result) SELECT $1, 'asset', id, code, name, "
             "category, original_value_fen, 0, '', location, custodian, 'pending' FROM asset WHERE region_code = $2 AND "
             "status <> 'disposed'",
             {id, region_code});
    tx.query("INSERT INTO inventory_item (inventory_id, item_type, ref_id, code, name, category, book_value_fen, "
             "book_area_milli, area_unit, book_location, book_custodian, result) SELECT $1, 'resource', id, code, name, "
             "kind, 0, area_milli, area_unit, location, '', 'pending' FROM resource WHERE region_code = $2",
             {id, region_code});
    auto out = *find(tx, id);
    audit::record(tx, actor, "create", "inventory", std::to_string(id), region_code,
                  {{"year", year}, {"items", out["progress"]["total"]}});
    return out;
  });
}

nlohmann::json list_inventories(store::Connection& c, const auth::Principal& actor, const InventoryFilter& f,
                                const PageRequest& page) {
  actor.require(kAssetReadPermission);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "v.region_code", "v.created_by", params);
  if (f.status) {
    if (*f.status != "open" && *f.status != "closed")
      throw invalid_field("status", "须为 open 或 closed", "must be open or closed");
    params.push_back(*f.status);
    where += " AND v.status = $" + std::to_string(params.size());
  }
  if (f.year) {
    params.push_back(std::int64_t{*f.year});
    where += " AND v.year = $" + std::to_string(params.size());
  }
  PageRequest p = page;
  p.sort = "v." + (p.sort.empty() ? std::string("year") : p.sort);
  auto rows = store::query_page(c, kColumns, kFrom, where, std::move(params), p, "v.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(session_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json get_inventory(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kAssetReadPermission);
  return load_checked(c, actor, id);
}

nlohmann::json list_inventory_items(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                    const ItemFilter& f, const PageRequest& page) {
  actor.require(kAssetReadPermission);
  load_checked(c, actor, id);
  store::Params params{id};
  std::string where = "inventory_id = $1";
  if (f.result) {
    if (!among(kInventoryResults, *f.result))
      throw invalid_field("result", "须为 pending、found、missing 或 changed", "must be pending, found, missing or changed");
    params.push_back(*f.result);
    where += " AND result = $" + std::to_string(params.size());
  }
  if (f.item_type) {
    if (!among(kInventoryItemTypes, *f.item_type))
      throw invalid_field("item_type", "须为 asset、resource 或 surplus", "must be asset, resource or surplus");
    params.push_back(*f.item_type);
    where += " AND item_type = $" + std::to_string(params.size());
  }
  if (f.q) where += " AND " + store::contains_condition({"code", "name", "book_location"}, *f.q, params);
  PageRequest p = page;
  if (p.sort.empty()) p.sort = "code";
  auto rows = store::query_page(c, kItemColumns, "inventory_item", where, std::move(params), p, "id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(item_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json record_inventory_item(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                     std::int64_t item_id, const ItemCount& in) {
  actor.require(kInventoryWritePermission);
  if (in.result != "found" && in.result != "missing" && in.result != "changed")
    throw invalid_field("result", "须为 found、missing 或 changed", "must be found, missing or changed");
  text::require_length("note", in.note, 0, 500);
  if (in.new_location) text::require_length("new_location", *in.new_location, 0, 100);
  if (in.new_custodian) text::require_length("new_custodian", *in.new_custodian, 0, 50);
  const bool any_new = in.new_value_fen || in.new_area_milli || in.new_location || in.new_custodian;
  if (in.result != "changed" && any_new) {
    const char* f = in.new_value_fen ? "new_value_fen" : in.new_area_milli ? "new_area_milli"
                    : in.new_location ? "new_location" : "new_custodian";
    throw invalid_field(f, "只有“变动”才填写新值", "is given only when the result is changed");
  }
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto v = load_checked(tx, actor, id);
    require_open(v);
    const auto before = load_item(tx, id, item_id);
    const auto type = before["item_type"].get<std::string>();
    if (type == "surplus" && in.result != "found")
      throw invalid_field("result", "盘盈项目的结果只能是 found", "a surplus item can only be found");
    if (in.result == "changed") {
      const bool asset = type == "asset";
      if (!asset && (in.new_value_fen || in.new_custodian))
        throw invalid_field(in.new_value_fen ? "new_value_fen" : "new_custodian", "资源没有价值和保管人",
                            "resources have no value or custodian");
      if (asset && in.new_area_milli)
        throw invalid_field("new_area_milli", "资产没有面积", "assets have no area");
      const bool differs =
          (in.new_value_fen && *in.new_value_fen != before["book_value_fen"].get<std::int64_t>()) ||
          (in.new_area_milli && *in.new_area_milli != before["book_area_milli"].get<std::int64_t>()) ||
          (in.new_location && *in.new_location != before["book_location"].get<std::string>()) ||
          (in.new_custodian && *in.new_custodian != before["book_custodian"].get<std::string>());
      if (!differs)
        throw invalid_field("result", "“变动”须至少填写一项与账面不同的新值",
                            "changed needs at least one new value that differs from the book");
    }
    const auto at = now_iso();
    tx.query("UPDATE inventory_item SET result = $2, new_value_fen = $3, new_area_milli = $4, new_location = $5, "
             "new_custodian = $6, note = $7, counted_by = $8, counted_at = $9 WHERE id = $1",
             {item_id, in.result, store::to_param(in.new_value_fen), store::to_param(in.new_area_milli),
              store::to_param(in.new_location), store::to_param(in.new_custodian), in.note, actor_param(actor), at});
    tx.query("UPDATE inventory SET updated_at = $2 WHERE id = $1", {id, at});
    auto after = load_item(tx, id, item_id);
    audit::record(tx, actor, "count", "inventory", std::to_string(id), v["region_code"].get<std::string>(),
                  {{"item", item_id}, {"code", after["code"]}, {"result", {{"from", before["result"]}, {"to", in.result}}}});
    return after;
  });
}

nlohmann::json add_inventory_surplus(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                     const SurplusInput& in) {
  actor.require(kInventoryWritePermission);
  if (in.kind != "asset" && in.kind != "resource") throw invalid_field("kind", "须为 asset 或 resource", "must be asset or resource");
  text::require_length("code", in.code, 1, 40);
  text::require_length("name", in.name, 1, 100);
  text::require_length("location", in.location, 0, 100);
  text::require_length("custodian", in.custodian, 0, 50);
  text::require_length("note", in.note, 0, 500);
  if (in.value_fen < 0 || in.value_fen > kMaxValueFen)
    throw invalid_field("value_fen", "须为 0 到 99999999999999 分", "must be from 0 to 99999999999999 fen");
  if (in.area_milli < 0 || in.area_milli > kMaxAreaMilli)
    throw invalid_field("area_milli", "须为 0 到 999999999999", "must be from 0 to 999999999999");
  if (in.kind == "resource" && (in.value_fen || !in.custodian.empty() || !in.acquired_date.empty()))
    throw invalid_field(in.value_fen ? "value_fen" : !in.custodian.empty() ? "custodian" : "acquired_date",
                        "资源不填写价值、保管人和取得日期", "is not given for a resource");
  if (in.kind == "asset" && in.area_milli) throw invalid_field("area_milli", "资产没有面积", "assets have no area");
  if (!among(kAreaUnits, in.area_unit)) throw invalid_field("area_unit", "须为 mu 或 m2", "must be mu or m2");
  std::string acquired = in.acquired_date;
  if (in.kind == "asset" && !acquired.empty()) {
    const auto d = parse_date(acquired);
    if (!d) throw invalid_field("acquired_date", "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
    if (*d > business_day(now())) throw invalid_field("acquired_date", "不能晚于今天", "must not be in the future");
  }
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto v = load_checked(tx, actor, id);
    require_open(v);
    const auto region = v["region_code"].get<std::string>();
    std::string category = in.category;
    if (in.kind == "asset") {
      auto cat = asset_category(tx, in.category);
      if (!cat) throw invalid_field("category", "不是资产类别字典中的类别", "is not a category of the asset_category dictionary");
      category = *cat;
    } else if (!among(kResourceKinds, in.category)) {
      throw invalid_field("category", "须为资源种类 land、water、forest、building 或 other",
                          "must be a resource kind: land, water, forest, building or other");
    }
    const std::string table = in.kind == "asset" ? "asset" : "resource";
    const bool taken =
        tx.scalar("SELECT COUNT(*) FROM " + table + " WHERE region_code = $1 AND code = $2", {region, in.code}) != "0" ||
        tx.scalar("SELECT COUNT(*) FROM inventory_item WHERE inventory_id = $1 AND item_type = 'surplus' AND "
                  "surplus_kind = $2 AND code = $3",
                  {id, in.kind, in.code}) != "0";
    if (taken)
      throw Error(ErrorKind::conflict, in.kind == "asset" ? "duplicate_asset_code" : "duplicate_resource_code",
                  "编号 " + in.code + " 已在台账或本次清查中使用", "Code " + in.code + " is already used", "code");
    const auto at = now_iso();
    const auto item = tx.query("INSERT INTO inventory_item (inventory_id, item_type, code, name, category, "
                               "book_value_fen, book_area_milli, area_unit, book_location, book_custodian, result, "
                               "new_value_fen, new_area_milli, note, surplus_kind, acquired_date, add_to_register, "
                               "counted_by, counted_at) VALUES ($1, 'surplus', $2, $3, $4, 0, 0, $5, $6, $7, 'found', "
                               "$8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                               {id, in.code, in.name, category, in.kind == "resource" ? in.area_unit : std::string(),
                                in.location, in.custodian, in.kind == "asset" ? store::Param(in.value_fen) : store::Param(),
                                in.kind == "resource" ? store::Param(in.area_milli) : store::Param(), in.note, in.kind,
                                acquired.empty() ? store::Param() : store::Param(acquired),
                                store::to_param(in.add_to_register), actor_param(actor), at})
                          .front()
                          .get<std::int64_t>(0);
    auto out = load_item(tx, id, item);
    audit::record(tx, actor, "add_surplus", "inventory", std::to_string(id), region, {{"after", out}});
    return out;
  });
}

nlohmann::json close_inventory(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kInventoryWritePermission);
  actor.require(kAssetWritePermission);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto v = load_checked(tx, actor, id);
    require_open(v);
    const auto pending = v["progress"]["pending"].get<std::int64_t>();
    if (pending > 0)
      throw conflict("inventory_incomplete", "还有 " + std::to_string(pending) + " 项未清点,不能结束清查",
                     std::to_string(pending) + " line(s) are not counted yet");
    const auto region = v["region_code"].get<std::string>();
    const auto today = to_date_string(business_day(now()));
    nlohmann::json applied = nlohmann::json::array();
    for (const auto& it : all_items(tx, id)) {
      const auto type = it["item_type"].get<std::string>();
      const auto result = it["result"].get<std::string>();
      if (type == "asset" && !it["ref_id"].is_null()) {
        const auto asset_id = it["ref_id"].get<std::int64_t>();
        const auto status = tx.scalar("SELECT status FROM asset WHERE id = $1", {asset_id});
        if (!status || *status == "disposed") continue;  // disposed by a deal meanwhile: nothing to apply
        if (result == "changed" && (!it["new_location"].is_null() || !it["new_custodian"].is_null())) {
          AssetPatch p;
          if (!it["new_location"].is_null()) p.location = it["new_location"].get<std::string>();
          if (!it["new_custodian"].is_null()) p.custodian = it["new_custodian"].get<std::string>();
          update_asset(tx, actor, asset_id, p);
          applied.push_back({{"asset", asset_id}, {"code", it["code"]}});
        } else if (result == "missing") {
          // Flagged in the asset's history; disposal still needs a deal.
          audit::record(tx, actor, "inventory_missing", "asset", std::to_string(asset_id), region,
                        {{"inventory", id}, {"year", v["year"]}, {"note", it["note"]}});
        }
      } else if (type == "resource" && result == "changed" && !it["ref_id"].is_null()) {
        ResourcePatch p;
        if (!it["new_location"].is_null()) p.location = it["new_location"].get<std::string>();
        if (!it["new_area_milli"].is_null()) p.area_milli = it["new_area_milli"].get<std::int64_t>();
        update_resource(tx, actor, it["ref_id"].get<std::int64_t>(), p);
        applied.push_back({{"resource", it["ref_id"]}, {"code", it["code"]}});
      } else if (type == "resource" && result == "missing") {
        audit::record(tx, actor, "inventory_missing", "resource", it["ref_id"].dump(), region,
                      {{"inventory", id}, {"year", v["year"]}, {"note", it["note"]}});
      } else if (type == "surplus" && it["add_to_register"].get<bool>()) {
        nlohmann::json made;
        if (it["surplus_kind"] == "asset") {
          AssetInput a;
          a.region_code = region;
          a.code = it["code"];
          a.name = it["name"];
          a.category = it["category"];
          a.original_value_fen = it["new_value_fen"].is_null() ? 0 : it["new_value_fen"].get<std::int64_t>();
          a.acquired_date = it["acquired_date"].is_null() ? today : it["acquired_date"].get<std::string>();
          a.location = it["book_location"];
          a.custodian = it["book_custodian"];
          a.note = "年度清查盘盈(" + v["year"].dump() + ")";
          made = create_asset(tx, actor, a);
        } else {
          ResourceInput r;
          r.region_code = region;
          r.code = it["code"];
          r.name = it["name"];
          r.kind = it["category"];
          r.location = it["book_location"];
          r.area_milli = it["new_area_milli"].is_null() ? 0 : it["new_area_milli"].get<std::int64_t>();
          r.area_unit = it["area_unit"].get<std::string>().empty() ? "mu" : it["area_unit"].get<std::string>();
          r.note = "年度清查盘盈(" + v["year"].dump() + ")";
          made = create_resource(tx, actor, r);
        }
        tx.query("UPDATE inventory_item SET ref_id = $2 WHERE id = $1", {it["id"].get<std::int64_t>(), made["id"].get<std::int64_t>()});
        applied.push_back({{it["surplus_kind"].get<std::string>(), made["id"]}, {"code", it["code"]}, {"registered", true}});
      }
    }
    const auto at = now_iso();
    const auto closed = tx.query("UPDATE inventory SET status = 'closed', closed_by = $2, closed_at = $3, updated_at = $3 "
                                 "WHERE id = $1 AND status = 'open'",
                                 {id, actor_param(actor), at});
    if (closed.affected() != 1) throw conflict("inventory_closed", "该清查已结束", "The stock-take is already closed");
    audit::record(tx, actor, "close", "inventory", std::to_string(id), region, {{"applied", applied}});
    return *find(tx, id);
  });
}

nlohmann::json inventory_report(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kAssetReadPermission);
  const auto v = load_checked(c, actor, id);
  nlohmann::json missing = nlohmann::json::array(), changes = nlohmann::json::array(), surplus = nlohmann::json::array();
  std::int64_t missing_value = 0, surplus_value = 0, value_change = 0;
  for (auto& it : all_items(c, id)) {
    const auto result = it["result"].get<std::string>();
    if (it["item_type"] == "surplus") {
      surplus_value += it["new_value_fen"].is_null() ? 0 : it["new_value_fen"].get<std::int64_t>();
      surplus.push_back(std::move(it));
    } else if (result == "missing") {
      missing_value += it["book_value_fen"].get<std::int64_t>();
      missing.push_back(std::move(it));
    } else if (result == "changed") {
      if (!it["new_value_fen"].is_null())
        value_change += it["new_value_fen"].get<std::int64_t>() - it["book_value_fen"].get<std::int64_t>();
      changes.push_back(std::move(it));
    }
  }
  const auto& p = v["progress"];
  return {{"inventory", v},
          {"summary",
           {{"total", p["total"]},
            {"pending", p["pending"]},
            {"found", p["found"]},
            {"missing", p["missing"]},
            {"changed", p["changed"]},
            {"surplus", p["surplus"]},
            {"missing_value_fen", missing_value},
            {"surplus_value_fen", surplus_value},
            {"value_change_fen", value_change}}},
          {"missing", std::move(missing)},
          {"changes", std::move(changes)},
          {"surplus", std::move(surplus)}};
}

}  // namespace ql::ledger
