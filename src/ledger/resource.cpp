#include "ledger/resource.hpp"

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "ledger/asset.hpp"
#include "ledger/asset_common.hpp"
#include "ledger/period.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kColumns =
    "r.id, r.region_code, g.name AS region_name, r.code, r.name, r.kind, r.arable, r.location, r.area_milli, "
    "r.area_unit, r.ownership, r.status, r.note, r.created_at, r.updated_at, "
    "(SELECT COUNT(*) FROM contract k WHERE k.resource_id = r.id AND k.status = 'active') AS active_contracts";
constexpr const char* kFrom = "resource r JOIN region g ON g.code = r.region_code";

nlohmann::json resource_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"code", r.get<std::string>("code")},
          {"name", r.get<std::string>("name")},
          {"kind", r.get<std::string>("kind")},
          {"arable", r.get<bool>("arable")},
          {"location", r.get<std::string>("location")},
          {"area_milli", r.get<std::int64_t>("area_milli")},
          {"area_unit", r.get<std::string>("area_unit")},
          {"ownership", r.get<std::string>("ownership")},
          {"status", r.get<std::string>("status")},
          {"note", r.get<std::string>("note")},
          {"active_contracts", r.get<std::int64_t>("active_contracts")},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

nlohmann::json load(store::Connection& c, std::int64_t id) {
  return resource_json(c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE r.id = $1", {id}).front());
}

nlohmann::json load_checked(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE r.id = $1", {id});
  if (rs.empty()) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("资源", "Resource");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, rs.front().get<std::string>("region_code"));
  return resource_json(rs.front());
}

nlohmann::json audit_view(nlohmann::json a) {
  for (const char* k : {"created_at", "updated_at", "region_name", "active_contracts"}) a.erase(k);
  return a;
}

void check(const ResourceInput& r) {
  text::require_length("code", r.code, 1, 40);
  text::require_length("name", r.name, 1, 100);
  if (!among(kResourceKinds, r.kind))
    throw invalid_field("kind", "须为 land、water、forest、building 或 other", "must be land, water, forest, building or other");
  if (r.arable && r.kind != "land") throw invalid_field("arable", "只有土地可标为耕地", "only land can be arable");
  text::require_length("location", r.location, 0, 100);
  if (r.area_milli < 0 || r.area_milli > kMaxAreaMilli)
    throw invalid_field("area_milli", "须为 0 到 999999999999", "must be from 0 to 999999999999");
  if (!among(kAreaUnits, r.area_unit)) throw invalid_field("area_unit", "须为 mu 或 m2", "must be mu or m2");
  text::require_length("ownership", r.ownership, 0, 100);
  if (!among(kResourceStatuses, r.status))
    throw invalid_field("status", "须为 available、contracted、leased 或 other", "must be available, contracted, leased or other");
  text::require_length("note", r.note, 0, 500);
}

void require_free_code(store::Connection& c, const std::string& region, const std::string& code, std::int64_t except) {
  if (c.scalar("SELECT COUNT(*) FROM resource WHERE region_code = $1 AND code = $2 AND id <> $3",
               {region, code, except}) != "0")
    throw Error(ErrorKind::conflict, "duplicate_resource_code", "资源编号 " + code + " 在本村已存在",
                "Resource code " + code + " already exists in this village", "code");
}

}  // namespace

nlohmann::json create_resource(store::Connection& c, const auth::Principal& actor, const ResourceInput& in) {
  actor.require(kAssetWritePermission);
  require_village(c, actor, in.region_code, "region_code");
  check(in);
  return store::with_transaction(c, [&](store::Connection& tx) {
    require_free_code(tx, in.region_code, in.code, 0);
    const auto at = now_iso();
    const auto id = tx.query("INSERT INTO resource (region_code, code, name, kind, arable, location, area_milli, "
                             "area_unit, ownership, status, note, created_by, created_at, updated_at) VALUES ($1, $2, "
                             "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                             {in.region_code, in.code, in.name, in.kind, store::to_param(in.arable), in.location,
                              in.area_milli, in.area_unit, in.ownership, in.status, in.note, actor_param(actor), at})
                        .front()
                        .get<std::int64_t>(0);
    auto out = load(tx, id);
    audit::record(tx, actor, "create", "resource", std::to_string(id), in.region_code, {{"after", audit_view(out)}});
    return out;
  });
}

nlohmann::json get_resource(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kAssetReadPermission);
  return load_checked(c, actor, id);
}

nlohmann::json update_resource(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const ResourcePatch& p) {
  actor.require(kAssetWritePermission);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = load_checked(tx, actor, id);
    ResourceInput r;
    r.region_code = before["region_code"];
    r.code = p.code.value_or(before["code"].get<std::string>());
    r.name = p.name.value_or(before["name"].get<std::string>());
    r.kind = p.kind.value_or(before["kind"].get<std::string>());
    r.arable = p.arable.value_or(before["arable"].get<bool>());
    if (p.kind && !p.arable && r.kind != "land") r.arable = false;
    r.location = p.location.value_or(before["location"].get<std::string>());
    r.area_milli = p.area_milli.value_or(before["area_milli"].get<std::int64_t>());
    r.area_unit = p.area_unit.value_or(before["area_unit"].get<std::string>());
    r.ownership = p.ownership.value_or(before["ownership"].get<std::string>());
    r.status = p.status.value_or(before["status"].get<std::string>());
    r.note = p.note.value_or(before["note"].get<std::string>());
    check(r);
    if (p.code) require_free_code(tx, r.region_code, r.code, id);
    tx.query("UPDATE resource SET code = $2, name = $3, kind = $4, arable = $5, location = $6, area_milli = $7, "
             "area_unit = $8, ownership = $9, status = $10, note = $11, updated_at = $12 WHERE id = $1",
             {id, r.code, r.name, r.kind, store::to_param(r.arable), r.location, r.area_milli, r.area_unit, r.ownership,
              r.status, r.note, now_iso()});
    auto after = load(tx, id);
    audit::record(tx, actor, "update", "resource", std::to_string(id), r.region_code,
                  audit::diff(audit_view(before), audit_view(after)));
    return after;
  });
}

nlohmann::json list_resources(store::Connection& c, const auth::Principal& actor, const ResourceFilter& f,
                              const PageRequest& page) {
  actor.require(kAssetReadPermission);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "r.region_code", "r.created_by", params);
  const auto add = [&](const std::string& cond, store::Param v) {
    params.push_back(std::move(v));
    where += " AND " + cond + std::to_string(params.size());
  };
  if (f.kind) {
    if (*f.kind == "arable") where += " AND r.arable = 1";
    else if (!among(kResourceKinds, *f.kind))
      throw invalid_field("kind", "须为 land、arable、water、forest、building 或 other",
                          "must be land, arable, water, forest, building or other");
    else add("r.kind = $", *f.kind);
  }
  if (f.status) {
    if (!among(kResourceStatuses, *f.status))
      throw invalid_field("status", "须为 available、contracted、leased 或 other",
                          "must be available, contracted, leased or other");
    add("r.status = $", *f.status);
  }
  if (f.q) where += " AND " + store::contains_condition({"r.code", "r.name", "r.location"}, *f.q, params);
  PageRequest p = page;
  p.sort = "r." + (p.sort.empty() ? std::string("code") : p.sort);
  auto rows = store::query_page(c, kColumns, kFrom, where, std::move(params), p, "r.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(resource_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

}  // namespace ql::ledger
