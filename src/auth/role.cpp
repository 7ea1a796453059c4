#include "auth/role.hpp"

#include "auth/permission.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"

namespace ql::auth {
namespace {

Role from_row(const store::Row& r) {
  Role out;
  out.code = r.get<std::string>("code");
  out.name_zh = r.get<std::string>("name_zh");
  out.name_en = r.get<std::string>("name_en");
  out.data_scope = parse_data_scope(r.get<std::string>("data_scope")).value_or(DataScope::own);
  out.permissions = nlohmann::json::parse(r.get<std::string>("permissions")).get<std::vector<std::string>>();
  out.builtin = r.get<bool>("builtin");
  out.created_at = r.get<std::string>("created_at");
  out.updated_at = r.get<std::string>("updated_at");
  return out;
}

constexpr const char* kSelect =
    "SELECT code, name_zh, name_en, data_scope, permissions, builtin, created_at, updated_at FROM role";

}  // namespace

std::string_view to_string(DataScope s) {
  switch (s) {
    case DataScope::all: return "all";
    case DataScope::region_and_below: return "region_and_below";
    case DataScope::region: return "region";
    case DataScope::own: return "own";
  }
  return "own";
}

std::optional<DataScope> parse_data_scope(std::string_view s) {
  for (auto d : {DataScope::all, DataScope::region_and_below, DataScope::region, DataScope::own})
    if (to_string(d) == s) return d;
  return std::nullopt;
}

nlohmann::json to_json(const Role& r) {
  return {{"code", r.code},           {"name_zh", r.name_zh},
          {"name_en", r.name_en},     {"data_scope", to_string(r.data_scope)},
          {"permissions", r.permissions}, {"builtin", r.builtin},
          {"created_at", r.created_at}, {"updated_at", r.updated_at}};
}

const std::vector<Role>& builtin_roles() {
  // Defaults follow DOMAIN.md's table of who does what; a region's admin can change them.
  static const std::vector<Role> roles = {
      {"admin", "系统管理员", "Administrator", DataScope::all, {"*"}, true, {}, {}},
      {"discipline", "纪检监察", "Discipline inspection", DataScope::region_and_below,
       {"system:user:read", "system:region:read", "system:dict:read", "system:oplog:read",
        "system:loginlog:read", "disclosure:catalog:read", "disclosure:publication:read",
        "disclosure:log:admin", "ledger:fund:read", "ledger:asset:read", "ledger:deal:read", "power:chart:read",
        "power:item:read", "power:case:read"}, true, {}, {}},
      {"street_office", "街道工作人员", "Street office staff", DataScope::region_and_below,
       {"system:user:read", "system:region:read", "system:dict:read", "system:oplog:read",
        "disclosure:catalog:read", "disclosure:catalog:write", "disclosure:publication:read",
        // 村账镇管: the street's 三资中心 may keep a village's books and closes its months.
        "ledger:fund:read", "ledger:fund:write", "ledger:fund:close",
        // The 三资中心 also sets the contract warning thresholds of its villages.
        "ledger:asset:read", "ledger:asset:write", "ledger:asset:settings",
        // 三资交易: the street confirms prices, reviews plans and runs the bidding; sets the steps.
        "ledger:deal:read", "ledger:deal:write", "ledger:deal:act", "ledger:deal:template", "ledger:inventory:write",
        "power:chart:read",
        // 小微权力: the street keeps its villages' item list and approves above-threshold steps.
        "power:item:read", "power:item:write", "power:case:read", "power:case:act"},
       true, {}, {}},
      {"secretary", "村(社区)书记", "Village/community secretary", DataScope::region_and_below,
       {"system:user:read", "system:region:read", "system:dict:read", "system:oplog:read",
        "disclosure:catalog:read", "disclosure:catalog:write", "disclosure:publication:read",
        "disclosure:publication:write", "disclosure:publication:publish", "disclosure:comment:answer",
        // The secretary answers for the books: reads them and closes the month, but does not post.
        "ledger:fund:read", "ledger:fund:close", "ledger:asset:read", "ledger:deal:read", "ledger:deal:act",
        "power:chart:read", "power:item:read", "power:item:write", "power:case:read", "power:case:start",
        "power:case:act", "power:seal:write"},
       true, {}, {}},
      {"supervisor", "监督委员会成员", "Supervision committee member", DataScope::region_and_below,
       {"system:user:read", "system:region:read", "system:dict:read", "system:oplog:read",
        "disclosure:catalog:read", "disclosure:publication:read", "disclosure:comment:moderate",
        "ledger:fund:read", "ledger:asset:read", "ledger:deal:read", "ledger:deal:act", "power:chart:read",
        // Supervision members co-sign joint steps and minute meetings.
        "power:item:read", "power:case:read", "power:case:act"},
       true, {}, {}},
      {"clerk", "村(社区)文书", "Village/community clerk", DataScope::region_and_below,
       {"system:region:read", "system:dict:read", "disclosure:catalog:read",
        "disclosure:publication:read", "disclosure:publication:write",
        "disclosure:publication:publish", "disclosure:comment:answer", "ledger:fund:read",
        "ledger:fund:write", "ledger:asset:read", "ledger:asset:write", "ledger:deal:read",
        "ledger:deal:write", "ledger:deal:act", "ledger:inventory:write", "power:chart:read",
        "power:item:read", "power:case:read", "power:case:start", "power:case:act", "power:seal:write"}, true, {}, {}},
      {"resident", "居民", "Resident", DataScope::own, {}, true, {}, {}},
  };
  return roles;
}

namespace {

std::vector<std::string> string_list(const std::optional<std::string>& json_text) {
  if (!json_text) return {};
  return nlohmann::json::parse(*json_text).get<std::vector<std::string>>();
}

}  // namespace

void seed_builtin_roles(store::Connection& c) {
  const auto at = now_iso();
  for (const auto& r : builtin_roles()) {
    const auto defaults = nlohmann::json(r.permissions).dump();
    c.query(
        "INSERT INTO role (code, name_zh, name_en, data_scope, permissions, builtin, builtin_granted, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $5, $6, $6) ON CONFLICT (code) DO NOTHING",
        {r.code, r.name_zh, r.name_en, std::string(to_string(r.data_scope)), defaults, at});
    // An existing built-in role gets the defaults it was never given (added by a newer
    // version), once; builtin_granted remembers every default ever given, so what an
    // administrator removed is not given back.
    auto rs = c.query("SELECT permissions, builtin_granted FROM role WHERE code = $1 AND builtin = 1", {r.code});
    if (rs.empty()) continue;
    auto held = string_list(rs.front().get<std::string>(0));
    auto granted = string_list(rs.front().opt<std::string>(1));
    bool changed = false;
    for (const auto& p : r.permissions) {
      if (among(granted, p)) continue;
      granted.push_back(p);
      if (!among(held, p)) held.push_back(p);
      changed = true;
    }
    if (changed)
      c.query("UPDATE role SET permissions = $2, builtin_granted = $3, updated_at = $4 WHERE code = $1",
              {r.code, nlohmann::json(held).dump(), nlohmann::json(granted).dump(), at});
  }
}

std::vector<Role> list_roles(store::Connection& c) {
  auto rs = c.query(std::string(kSelect) + " ORDER BY builtin DESC, code");
  std::vector<Role> out;
  for (const auto& row : rs) out.push_back(from_row(row));
  return out;
}

std::optional<Role> find_role(store::Connection& c, const std::string& code) {
  auto rs = c.query(std::string(kSelect) + " WHERE code = $1", {code});
  if (rs.empty()) return std::nullopt;
  return from_row(rs.front());
}

Role get_role(store::Connection& c, const std::string& code) {
  auto r = find_role(c, code);
  if (!r) throw not_found("角色 " + code, "Role " + code);
  return *r;
}

void check_permissions(const std::vector<std::string>& permissions, const std::string& field) {
  for (const auto& p : permissions)
    if (!is_known_permission(p))
      throw invalid_field(field, "含有未知权限 " + p, "contains unknown permission '" + p + "'");
}

void insert_role(store::Connection& c, const Role& r) {
  c.query(
      "INSERT INTO role (code, name_zh, name_en, data_scope, permissions, builtin, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {r.code, r.name_zh, r.name_en, std::string(to_string(r.data_scope)),
       nlohmann::json(r.permissions).dump(), store::to_param(r.builtin), r.created_at, r.updated_at});
}

void update_role(store::Connection& c, const Role& r) {
  c.query(
      "UPDATE role SET name_zh = $2, name_en = $3, data_scope = $4, permissions = $5, "
      "updated_at = $6 WHERE code = $1",
      {r.code, r.name_zh, r.name_en, std::string(to_string(r.data_scope)),
       nlohmann::json(r.permissions).dump(), r.updated_at});
}

}  // namespace ql::auth
