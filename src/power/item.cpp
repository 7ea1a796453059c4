#include "power/item.hpp"

#include <algorithm>
#include <set>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "power/default_items.hpp"

namespace ql::power {

namespace {

const std::vector<std::string> kGroups = {"collective", "service"};
const std::vector<std::string> kKinds = {"decision", "works",   "purchase",  "service",     "asset_deal", "spending",
                                         "seal",     "subsidy", "homestead", "certificate", "other"};

store::Param actor_param(const auth::Principal& a) { return a.user_id ? store::Param(a.user_id) : store::Param(); }

// Region codes of a path "/a/b/c/", nearest first.
std::vector<std::string> chain_of(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start < path.size()) {
    const auto end = path.find('/', start);
    if (end == std::string::npos) break;
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

constexpr const char* kCols =
    "i.id, i.region_code, i.code, i.name_zh, i.name_en, i.item_group, i.kind, i.legal_basis, i.description, "
    "i.enabled, i.flow_version, i.sort, i.created_at, i.updated_at";

nlohmann::json item_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"code", r.get<std::string>("code")},
          {"name_zh", r.get<std::string>("name_zh")},
          {"name_en", r.get<std::string>("name_en")},
          {"group", r.get<std::string>("item_group")},
          {"kind", r.get<std::string>("kind")},
          {"legal_basis", r.get<std::string>("legal_basis")},
          {"description", r.get<std::string>("description")},
          {"enabled", r.get<bool>("enabled")},
          {"flow_version", r.get<std::int64_t>("flow_version")},
          {"sort", r.get<std::int64_t>("sort")},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

void check_fields(const std::optional<std::string>& name_zh, const std::optional<std::string>& name_en,
                  const std::optional<std::string>& group, const std::optional<std::string>& kind,
                  const std::optional<std::string>& legal_basis, const std::optional<std::string>& description) {
  if (name_zh) text::require_length("name_zh", *name_zh, 1, 50);
  if (name_en) text::require_length("name_en", *name_en, 0, 100);
  if (group && !among(kGroups, *group)) throw invalid_field("group", "须为 collective 或 service", "must be collective or service");
  if (kind && !among(kKinds, *kind))
    throw invalid_field("kind", "须为 decision、works、purchase、service、asset_deal、spending、seal、subsidy、homestead、certificate 或 other",
                        "must be decision, works, purchase, service, asset_deal, spending, seal, subsidy, homestead, certificate or other");
  if (legal_basis) text::require_length("legal_basis", *legal_basis, 0, 500);
  if (description) text::require_length("description", *description, 0, 2000);
}

std::int64_t insert_item(store::Connection& tx, const std::string& region, const std::string& code,
                         const std::string& name_zh, const std::string& name_en, const std::string& group,
                         const std::string& kind, const std::string& legal_basis, const std::string& description,
                         int sort, const Flow& flow, const auth::Principal& actor, const std::string& at) {
  const auto id = tx.query("INSERT INTO power_item (region_code, code, name_zh, name_en, item_group, kind, legal_basis, "
                           "description, enabled, flow_version, sort, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                           "$5, $6, $7, $8, 1, 1, $9, $10, $10) RETURNING id",
                           {region, code, name_zh, name_en, group, kind, legal_basis, description, sort, at})
                      .front()
                      .get<std::int64_t>(0);
  tx.query("INSERT INTO power_item_flow (item_id, version, flow, created_by, created_at) VALUES ($1, 1, $2, $3, $4)",
           {id, flow_to_json(flow).dump(), actor_param(actor), at});
  return id;
}

// Copies the template into `region`; returns the number of items.
std::size_t copy_template(store::Connection& tx, const auth::Principal& actor, const std::string& region) {
  const auto at = now_iso();
  int sort = 0;
  for (const auto& s : default_power_items())
    insert_item(tx, region, s.code, s.name_zh, s.name_en, s.group, s.kind, s.legal_basis, s.description, sort += 10,
                s.flow, actor, at);
  return default_power_items().size();
}

bool chain_has_items(store::Connection& c, const std::vector<std::string>& chain) {
  for (const auto& code : chain)
    if (c.scalar("SELECT COUNT(*) FROM power_item WHERE region_code = $1", {code}) != "0") return true;
  return false;
}

nlohmann::json load_item(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM power_item i WHERE i.id = $1", {id});
  if (rs.empty()) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("权力事项", "Power item");
    throw forbidden();
  }
  auto j = item_json(rs.front());
  // An item of an ancestor (the street's list) is readable by the villages under it.
  const auto region = region::find(c, j["region_code"].get<std::string>());
  const auth::Scope scope(actor);
  if (!region || !(scope.covers(*region) || actor.region_path.starts_with(region->path))) throw forbidden();
  return j;
}

void require_writable(store::Connection& c, const auth::Principal& actor, const nlohmann::json& item) {
  auth::Scope(actor).require_region(c, item["region_code"].get<std::string>());
}

const char* rule_kinds_zh() { return "decision、works、purchase、service、asset_deal、spending、seal、subsidy、homestead、certificate、other 或 *"; }

}  // namespace

nlohmann::json list_items(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                          bool enabled_only) {
  actor.require(kItemRead);
  const auto region = auth::Scope(actor).require_region(c, region_code, "region");
  const auto chain = chain_of(region.path);
  nlohmann::json items = nlohmann::json::array();
  std::set<std::string> seen;
  bool own = false, inherited = false;
  for (const auto& code : chain) {
    for (const auto& r : c.query(std::string("SELECT ") + kCols + " FROM power_item i WHERE i.region_code = $1 "
                                                                  "ORDER BY i.sort, i.id",
                                 {code})) {
      auto j = item_json(r);
      if (!seen.insert(j["code"].get<std::string>()).second) continue;
      j["inherited"] = code != region.code;
      (code == region.code ? own : inherited) = true;
      if (enabled_only && !j["enabled"].get<bool>()) continue;
      items.push_back(std::move(j));
    }
  }
  std::string source = own ? "region" : inherited ? "inherited" : "template";
  if (source == "template") {
    int sort = 0;
    for (const auto& s : default_power_items())
      items.push_back({{"id", nullptr},     {"region_code", nullptr},      {"code", s.code},
                       {"name_zh", s.name_zh}, {"name_en", s.name_en},     {"group", s.group},
                       {"kind", s.kind},     {"legal_basis", s.legal_basis}, {"description", s.description},
                       {"enabled", true},    {"flow_version", 0},         {"sort", sort += 10},
                       {"inherited", false}, {"created_at", nullptr},     {"updated_at", nullptr}});
  } else {
    // Order by the owning list's sort, own items and inherited ones interleaved by sort.
    std::stable_sort(items.begin(), items.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
      return a["sort"].get<std::int64_t>() < b["sort"].get<std::int64_t>();
    });
  }
  return {{"region_code", region.code}, {"source", source}, {"items", std::move(items)}};
}

nlohmann::json init_items(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  actor.require(kItemWrite);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auth::Scope(actor).require_region(tx, region_code, "region");
    if (tx.scalar("SELECT COUNT(*) FROM power_item WHERE region_code = $1", {region_code}) != "0")
      throw conflict("catalogue_exists", "该地区已有小微权力清单", "This region already has its power items");
    const auto n = copy_template(tx, actor, region_code);
    audit::record(tx, actor, "init", "power_catalogue", region_code, region_code,
                  {{"after", {{"template", "default"}, {"items", n}}}});
    return list_items(tx, actor, region_code, false);
  });
}

nlohmann::json create_item(store::Connection& c, const auth::Principal& actor, const ItemInput& in) {
  actor.require(kItemWrite);
  text::require_length("code", in.code, 1, 64);
  if (!std::all_of(in.code.begin(), in.code.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-';
      }))
    throw invalid_field("code", "只能由小写字母、数字和 . _ - 组成", "may contain lower-case letters, digits, '.', '_' and '-' only");
  check_fields(in.name_zh, in.name_en, in.group, in.kind, in.legal_basis, in.description);
  const auto flow = [&] {
    if (in.flow.is_null()) throw invalid_field("flow", "不能为空", "is required");
    return flow_from_json(in.flow);
  }();
  return store::with_transaction(c, [&](store::Connection& tx) {
    auth::Scope(actor).require_region(tx, in.region_code, "region");
    if (tx.scalar("SELECT COUNT(*) FROM power_item WHERE region_code = $1 AND code = $2", {in.region_code, in.code}) != "0")
      throw Error(ErrorKind::conflict, "item_exists", "该地区已有编码为 " + in.code + " 的事项",
                  "This region already has an item with code " + in.code, "code");
    const auto id = insert_item(tx, in.region_code, in.code, in.name_zh, in.name_en, in.group, in.kind, in.legal_basis,
                                in.description, in.sort, flow, actor, now_iso());
    auto out = get_item(tx, actor, id);
    audit::record(tx, actor, "create", "power_item", std::to_string(id), in.region_code, {{"after", out}});
    return out;
  });
}

nlohmann::json get_item(store::Connection& c, const auth::Principal& actor, std::int64_t id, std::optional<int> version) {
  actor.require(kItemRead);
  auto j = load_item(c, actor, id);
  const auto current = j["flow_version"].get<std::int64_t>();
  const std::int64_t v = version.value_or(static_cast<int>(current));
  auto rs = c.query("SELECT flow FROM power_item_flow WHERE item_id = $1 AND version = $2", {id, v});
  if (rs.empty()) throw not_found("流程版本", "Flow version");
  j["flow"] = nlohmann::json::parse(rs.front().get<std::string>(0));
  j["flow_version"] = v;
  j["current_version"] = current;
  return j;
}

nlohmann::json update_item(store::Connection& c, const auth::Principal& actor, std::int64_t id, const ItemPatch& p) {
  actor.require(kItemWrite);
  check_fields(p.name_zh, p.name_en, p.group, p.kind, p.legal_basis, p.description);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto before = load_item(tx, actor, id);
    require_writable(tx, actor, before);
    auto after = before;
    if (p.name_zh) after["name_zh"] = *p.name_zh;
    if (p.name_en) after["name_en"] = *p.name_en;
    if (p.group) after["group"] = *p.group;
    if (p.kind) after["kind"] = *p.kind;
    if (p.legal_basis) after["legal_basis"] = *p.legal_basis;
    if (p.description) after["description"] = *p.description;
    if (p.enabled) after["enabled"] = *p.enabled;
    if (p.sort) after["sort"] = *p.sort;
    tx.query("UPDATE power_item SET name_zh = $2, name_en = $3, item_group = $4, kind = $5, legal_basis = $6, "
             "description = $7, enabled = $8, sort = $9, updated_at = $10 WHERE id = $1",
             {id, after["name_zh"].get<std::string>(), after["name_en"].get<std::string>(),
              after["group"].get<std::string>(), after["kind"].get<std::string>(),
              after["legal_basis"].get<std::string>(), after["description"].get<std::string>(),
              store::to_param(after["enabled"].get<bool>()), after["sort"].get<std::int64_t>(), now_iso()});
    audit::record(tx, actor, "update", "power_item", std::to_string(id), before["region_code"].get<std::string>(),
                  audit::diff(before, after));
    return get_item(tx, actor, id);
  });
}

nlohmann::json put_flow(store::Connection& c, const auth::Principal& actor, std::int64_t id, const nlohmann::json& flow_json) {
  actor.require(kItemWrite);
  const auto flow = flow_from_json(flow_json);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto item = load_item(tx, actor, id);
    require_writable(tx, actor, item);
    // Bumping the item row first serialises concurrent saves of the same item.
    const auto at = now_iso();
    tx.query("UPDATE power_item SET flow_version = flow_version + 1, updated_at = $2 WHERE id = $1", {id, at});
    const auto v = std::stoll(*tx.scalar("SELECT flow_version FROM power_item WHERE id = $1", {id}));
    tx.query("INSERT INTO power_item_flow (item_id, version, flow, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
             {id, v, flow_to_json(flow).dump(), actor_param(actor), at});
    audit::record(tx, actor, "update_flow", "power_item", std::to_string(id), item["region_code"].get<std::string>(),
                  {{"version", v}, {"steps", flow.steps.size()}});
    return get_item(tx, actor, id);
  });
}

nlohmann::json list_versions(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kItemRead);
  load_item(c, actor, id);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : c.query("SELECT f.version, f.created_at, f.flow, u.display_name, "
                               "(SELECT COUNT(*) FROM power_case k WHERE k.flow_id = f.id) AS cases "
                               "FROM power_item_flow f LEFT JOIN app_user u ON u.id = f.created_by "
                               "WHERE f.item_id = $1 ORDER BY f.version DESC",
                               {id}))
    items.push_back({{"version", r.get<std::int64_t>(0)},
                     {"created_at", r.get<std::string>(1)},
                     {"flow", nlohmann::json::parse(r.get<std::string>(2))},
                     {"created_by_name", r.is_null(3) ? nlohmann::json() : nlohmann::json(r.get<std::string>(3))},
                     {"cases", r.get<std::int64_t>(4)}});
  return {{"items", std::move(items)}};
}

ResolvedItem resolve_item(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                          const std::string& code_or_id) {
  const auto region = region::get(c, region_code);
  const auto chain = chain_of(region.path);
  if (!chain_has_items(c, chain)) {
    // First use: the region gets its own copy of the template, logged like an explicit init.
    const auto n = copy_template(c, actor, region_code);
    audit::record(c, actor, "init", "power_catalogue", region_code, region_code,
                  {{"after", {{"template", "default"}, {"items", n}, {"on", "first case"}}}});
  }
  const bool numeric = !code_or_id.empty() && std::all_of(code_or_id.begin(), code_or_id.end(), [](char ch) {
    return ch >= '0' && ch <= '9';
  }) && code_or_id.size() < 18;
  std::optional<std::int64_t> found;
  if (numeric) {
    auto rs = c.query("SELECT region_code FROM power_item WHERE id = $1", {std::stoll(code_or_id)});
    if (!rs.empty() && among(chain, rs.front().get<std::string>(0)))
      found = std::stoll(code_or_id);
  } else {
    for (const auto& code : chain) {
      auto rs = c.query("SELECT id FROM power_item WHERE region_code = $1 AND code = $2", {code, code_or_id});
      if (!rs.empty()) {
        found = rs.front().get<std::int64_t>(0);
        break;
      }
    }
  }
  if (!found)
    throw invalid_field("item", "该地区没有此权力事项", "is not a power item of this region");
  auto rs = c.query("SELECT i.id, i.region_code, i.code, i.name_zh, i.name_en, i.kind, i.enabled, f.id, f.version, f.flow "
                    "FROM power_item i JOIN power_item_flow f ON f.item_id = i.id AND f.version = i.flow_version "
                    "WHERE i.id = $1",
                    {*found});
  const auto& r = rs.front();
  if (!r.get<bool>(6)) throw invalid_field("item", "该权力事项已停用", "is disabled in this region");
  ResolvedItem out;
  out.id = r.get<std::int64_t>(0);
  out.region_code = r.get<std::string>(1);
  out.code = r.get<std::string>(2);
  out.name_zh = r.get<std::string>(3);
  out.name_en = r.get<std::string>(4);
  out.kind = r.get<std::string>(5);
  out.flow_id = r.get<std::int64_t>(7);
  out.flow_version = r.get<int>(8);
  out.flow = flow_from_json(nlohmann::json::parse(r.get<std::string>(9)));
  return out;
}

nlohmann::json get_rules(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  actor.require(kItemRead);
  const auto region = auth::Scope(actor).require_region(c, region_code, "region");
  const auto chain = chain_of(region.path);
  std::vector<std::string> kinds;
  for (const auto& t : default_thresholds()) kinds.push_back(t.kind);
  for (const auto& r : c.query("SELECT DISTINCT kind FROM power_rule WHERE region_code = $1", {region.code}))
    if (!among(kinds, r.get<std::string>(0))) kinds.push_back(r.get<std::string>(0));
  nlohmann::json rules = nlohmann::json::array();
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  for (const auto& kind : kinds) {
    std::string source = "default";
    for (const auto& code : chain)
      if (c.scalar("SELECT COUNT(*) FROM power_rule WHERE region_code = $1 AND kind = $2", {code, kind}) != "0") {
        source = code == region.code ? "region" : code;
        break;
      }
    const auto t = thresholds_for(c, region.code, kind);
    rules.push_back({{"kind", kind},
                     {"medium_from_fen", t.medium_from_fen},
                     {"large_from_fen", t.large_from_fen},
                     {"township_from_fen", opt(t.township_from_fen)},
                     {"county_from_fen", opt(t.county_from_fen)},
                     {"source", source}});
  }
  return {{"region_code", region.code}, {"rules", std::move(rules)}};
}

nlohmann::json put_rules(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                         const nlohmann::json& rules) {
  actor.require(kItemWrite);
  if (!rules.is_array() || rules.empty()) throw invalid_field("rules", "须为非空数组", "must be a non-empty array");
  if (rules.size() > 20) throw invalid_field("rules", "至多 20 条", "must have at most 20 items");
  struct Parsed {
    std::string kind;
    bool inherit = false;
    Thresholds t;
  };
  std::vector<Parsed> parsed;
  std::set<std::string> kinds;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto f = "rules[" + std::to_string(i) + "]";
    const auto& r = rules[i];
    if (!r.is_object()) throw invalid_field(f, "须为对象", "must be an object");
    for (auto it = r.begin(); it != r.end(); ++it)
      if (it.key() != "kind" && it.key() != "inherit" && it.key() != "medium_from_fen" && it.key() != "large_from_fen" &&
          it.key() != "township_from_fen" && it.key() != "county_from_fen" && it.key() != "source")
        throw invalid_field(f + "." + it.key(), "未知字段", "is not a known field");
    Parsed p;
    if (!r.contains("kind") || !r["kind"].is_string()) throw invalid_field(f + ".kind", "不能为空", "is required");
    p.kind = r["kind"].get<std::string>();
    if (p.kind != "*" && !among(kKinds, p.kind))
      throw invalid_field(f + ".kind", std::string("须为 ") + rule_kinds_zh(), "is not a known item kind");
    if (!kinds.insert(p.kind).second) throw invalid_field(f + ".kind", "重复", "is listed twice");
    p.inherit = r.contains("inherit") && r["inherit"].is_boolean() && r["inherit"].get<bool>();
    if (!p.inherit) {
      auto money = [&](const char* k, bool required) -> std::optional<std::int64_t> {
        if (!r.contains(k) || r[k].is_null()) {
          if (required) throw invalid_field(f + "." + k, "不能为空", "is required");
          return std::nullopt;
        }
        if (!r[k].is_number_integer() || r[k].get<std::int64_t>() <= 0 || r[k].get<std::int64_t>() > 99999999999999)
          throw invalid_field(f + "." + k, "须为正整数(分)", "must be a positive integer in fen");
        return r[k].get<std::int64_t>();
      };
      p.t.kind = p.kind;
      p.t.medium_from_fen = *money("medium_from_fen", true);
      p.t.large_from_fen = *money("large_from_fen", true);
      p.t.township_from_fen = money("township_from_fen", false);
      p.t.county_from_fen = money("county_from_fen", false);
      if (p.t.large_from_fen <= p.t.medium_from_fen)
        throw invalid_field(f + ".large_from_fen", "须大于 medium_from_fen", "must be above medium_from_fen");
      if (p.t.township_from_fen && *p.t.township_from_fen <= p.t.large_from_fen)
        throw invalid_field(f + ".township_from_fen", "须大于 large_from_fen", "must be above large_from_fen");
      if (p.t.county_from_fen && *p.t.county_from_fen <= p.t.township_from_fen.value_or(p.t.large_from_fen))
        throw invalid_field(f + ".county_from_fen", "须大于乡镇交易中心起点和 large_from_fen",
                            "must be above township_from_fen and large_from_fen");
    }
    parsed.push_back(std::move(p));
  }
  return store::with_transaction(c, [&](store::Connection& tx) {
    auth::Scope(actor).require_region(tx, region_code, "region");
    const auto before = get_rules(tx, actor, region_code);
    const auto at = now_iso();
    for (const auto& p : parsed) {
      if (p.inherit) {
        tx.query("DELETE FROM power_rule WHERE region_code = $1 AND kind = $2", {region_code, p.kind});
        continue;
      }
      tx.query("INSERT INTO power_rule (region_code, kind, medium_from_fen, large_from_fen, township_from_fen, "
               "county_from_fen, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT "
               "(region_code, kind) DO UPDATE SET medium_from_fen = excluded.medium_from_fen, large_from_fen = "
               "excluded.large_from_fen, township_from_fen = excluded.township_from_fen, county_from_fen = "
               "excluded.county_from_fen, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
               {region_code, p.kind, p.t.medium_from_fen, p.t.large_from_fen, store::to_param(p.t.township_from_fen),
                store::to_param(p.t.county_from_fen), actor_param(actor), at});
    }
    auto after = get_rules(tx, actor, region_code);
    audit::record(tx, actor, "update", "power_rule", region_code, region_code,
                  {{"before", before["rules"]}, {"after", after["rules"]}});
    return after;
  });
}

}  // namespace ql::power
