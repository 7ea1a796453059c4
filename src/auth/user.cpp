#include "auth/user.hpp"

#include <algorithm>

#include "audit/operation_log.hpp"
#include "auth/password.hpp"
#include "auth/permission.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "store/page_query.hpp"

namespace ql::auth {
namespace {

#define QL_USER_COLUMNS                                                                      \
  "u.id, u.username, u.display_name, u.role_code, r.name_zh AS role_name_zh, "             \
  "r.name_en AS role_name_en, r.data_scope, r.permissions, u.region_code, g.name AS "      \
  "region_name, g.path AS region_path, u.phone, u.enabled, u.locked_until, u.created_at, " \
  "u.updated_at"
#define QL_USER_FROM \
  "app_user u JOIN role r ON r.code = u.role_code JOIN region g ON g.code = u.region_code"
// The list's columns: QL_USER_COLUMNS without the role's permissions. Those are a JSON array of
// a dozen codes per row since the disclosure and ledger permissions came; parsing them for every
// row of a list that never returns them doubled the list's cost (docs/PERFORMANCE.md).
constexpr const char* kListColumns =
    "u.id, u.username, u.display_name, u.role_code, r.name_zh AS role_name_zh, "
    "r.name_en AS role_name_en, r.data_scope, u.region_code, g.name AS region_name, g.path AS region_path, "
    "u.phone, u.enabled, u.locked_until, u.created_at, u.updated_at";
constexpr const char* kFrom = QL_USER_FROM;
constexpr const char* kSelect = "SELECT " QL_USER_COLUMNS " FROM " QL_USER_FROM;

// A user from a row of QL_USER_COLUMNS, or of kListColumns when with_permissions is false
// (permissions then stay empty).
User from_row(const store::Row& r, bool with_permissions = true) {
  User u;
  u.id = r.get<std::int64_t>("id");
  u.username = r.get<std::string>("username");
  u.display_name = r.get<std::string>("display_name");
  u.role_code = r.get<std::string>("role_code");
  u.role_name_zh = r.get<std::string>("role_name_zh");
  u.role_name_en = r.get<std::string>("role_name_en");
  u.data_scope = parse_data_scope(r.get<std::string>("data_scope")).value_or(DataScope::own);
  if (with_permissions)
    u.permissions = nlohmann::json::parse(r.get<std::string>("permissions")).get<std::vector<std::string>>();
  u.region_code = r.get<std::string>("region_code");
  u.region_name = r.get<std::string>("region_name");
  u.region_path = r.get<std::string>("region_path");
  u.phone = r.opt<std::string>("phone");
  u.enabled = r.get<bool>("enabled");
  u.locked_until = r.opt<std::string>("locked_until");
  u.created_at = r.get<std::string>("created_at");
  u.updated_at = r.get<std::string>("updated_at");
  return u;
}

int scope_rank(DataScope s) {
  switch (s) {
    case DataScope::own: return 0;
    case DataScope::region: return 1;
    case DataScope::region_and_below: return 2;
    case DataScope::all: return 3;
  }
  return 0;
}

// The audited view of a user: what an admin would want to see change (never the hash).
nlohmann::json audit_view(const User& u) {
  return {{"username", u.username}, {"display_name", u.display_name}, {"role", u.role_code},
          {"region_code", u.region_code}, {"phone", u.phone ? nlohmann::json(*u.phone) : nlohmann::json()},
          {"enabled", u.enabled}};
}

void check_display_name(const std::string& name) { text::require_length("display_name", name, 1, 30); }

void check_phone(const std::optional<std::string>& phone) {
  if (!phone || phone->empty()) return;
  const bool ok = phone->size() <= 20 && std::all_of(phone->begin(), phone->end(), [](char ch) {
                    return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == ' ';
                  });
  if (!ok) throw invalid_field("phone", "只能包含数字、空格、+ 和 -", "may contain only digits, spaces, + and -");
}

Role role_for_assignment(store::Connection& c, const Principal& actor, const std::string& code) {
  auto role = find_role(c, code);
  if (!role) throw invalid_field("role", "角色不存在", "refers to a role that does not exist");
  check_can_assign(actor, *role);
  return *role;
}

}  // namespace

nlohmann::json to_json(const User& u, bool english) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role_code},
          {"role_name", english ? u.role_name_en : u.role_name_zh},
          {"region_code", u.region_code},
          {"region_name", u.region_name},
          {"data_scope", to_string(u.data_scope)},
          {"phone", u.phone ? nlohmann::json(*u.phone) : nlohmann::json()},
          {"enabled", u.enabled},
          {"locked_until", u.locked_until ? nlohmann::json(*u.locked_until) : nlohmann::json()},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at}};
}

void check_username(const std::string& username) {
  const bool ok = username.size() >= 3 && username.size() <= 32 && username[0] >= 'a' &&
                  username[0] <= 'z' &&
                  std::all_of(username.begin(), username.end(), [](char ch) {
                    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                           ch == '_' || ch == '-';
                  });
  if (!ok)
    throw invalid_field("username", "须为 3 到 32 位小写字母、数字、点、下划线或连字符,且以字母开头",
                        "must be 3-32 of a-z, 0-9, '.', '_', '-', starting with a letter");
}

std::optional<User> load_user(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string(kSelect) + " WHERE u.id = $1", {id});
  if (rs.empty()) return std::nullopt;
  return from_row(rs.front());
}

std::optional<User> load_user_by_name(store::Connection& c, const std::string& username) {
  auto rs = c.query(std::string(kSelect) + " WHERE u.username = $1", {username});
  if (rs.empty()) return std::nullopt;
  return from_row(rs.front());
}

std::optional<SessionUser> load_session_user(store::Connection& c, const std::string& token_hash,
                                             const std::string& now) {
  auto rs = c.query("SELECT " QL_USER_COLUMNS ", s.csrf_token, s.expires_at FROM " QL_USER_FROM
                    " JOIN user_session s ON s.user_id = u.id WHERE s.token_hash = $1 AND "
                    "s.revoked_at IS NULL AND s.expires_at > $2 AND u.enabled = 1",
                    {token_hash, now});
  if (rs.empty()) return std::nullopt;
  const auto& row = rs.front();
  return SessionUser{from_row(row), row.get<std::string>("csrf_token"), row.get<std::string>("expires_at")};
}

Principal principal_of(const User& u, std::string ip) {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.display_name = u.display_name;
  p.role_code = u.role_code;
  p.permissions = u.permissions;
  p.data_scope = u.data_scope;
  p.region_code = u.region_code;
  p.region_path = u.region_path;
  p.ip = std::move(ip);
  return p;
}

void check_can_assign(const Principal& actor, const Role& role, const std::string& field) {
  if (scope_rank(role.data_scope) > scope_rank(actor.data_scope))
    throw Error(ErrorKind::forbidden, "role_too_wide", "不能授予比自己数据范围更大的角色",
                "Cannot grant a role with a wider data scope than your own",
                field == "role" ? field : "data_scope");
  for (const auto& p : role.permissions)
    if (!permits(actor.permissions, p))
      throw Error(ErrorKind::forbidden, "role_too_wide", "不能授予自己没有的权限: " + p,
                  "Cannot grant a permission you do not hold: " + p, field);
}

nlohmann::json list_users(store::Connection& c, const Principal& actor, const UserFilter& f,
                          const PageRequest& page, bool english) {
  actor.require("system:user:read");
  store::Params params;
  std::string where = Scope(actor).list_condition(c, f.region, "u.region_code", "u.id", params);
  if (f.q) where += " AND " + store::contains_condition({"u.username", "u.display_name"}, *f.q, params);
  if (f.role) {
    params.emplace_back(*f.role);
    where += " AND u.role_code = $" + std::to_string(params.size());
  }
  if (f.enabled) {
    params.emplace_back(std::int64_t{*f.enabled ? 1 : 0});
    where += " AND u.enabled = $" + std::to_string(params.size());
  }
  auto page_rows = store::query_page(c, kListColumns, kFrom, where, std::move(params),
                                     PageRequest{page.page, page.size, "u." + page.sort, page.desc},
                                     "u.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page_rows.rows) items.push_back(to_json(from_row(r, false), english));
  return {{"items", std::move(items)}, {"total", page_rows.total}};
}

User get_user(store::Connection& c, const Principal& actor, std::int64_t id) {
  actor.require("system:user:read");
  auto u = load_user(c, id);
  // Someone else's account under `own` scope, or outside the region scope, is 403 like a
  // missing one would be for a scoped user: nothing about it is revealed.
  if (!u) {
    if (actor.data_scope == DataScope::all) throw not_found("用户", "User");
    throw forbidden();
  }
  Scope scope(actor);
  auto region = region::get(c, u->region_code);
  if (!scope.covers(region) || (actor.data_scope == DataScope::own && u->id != actor.user_id))
    throw forbidden();
  return *u;
}

User create_user(store::Connection& c, const Principal& actor, const NewUser& nu) {
  actor.require("system:user:write");
  check_username(nu.username);
  check_display_name(nu.display_name);
  check_password_policy(nu.password);
  check_phone(nu.phone);
  // slow: keep it outside the transaction
  auto hash = nu.password_hash.empty() ? hash_password(nu.password) : nu.password_hash;
  return store::with_transaction(c, [&](store::Connection& tx) {
    Scope(actor).require_region(tx, nu.region_code, "region_code");
    role_for_assignment(tx, actor, nu.role_code);
    if (load_user_by_name(tx, nu.username))
      throw Error(ErrorKind::conflict, "duplicate_username", "用户名 " + nu.username + " 已存在",
                  "Username " + nu.username + " is taken", "username");
    const auto at = now_iso();
    auto id = tx.query(
                    "INSERT INTO app_user (username, display_name, password_hash, role_code, "
                    "region_code, phone, enabled, created_by, created_at, updated_at) VALUES "
                    "($1, $2, $3, $4, $5, $6, 1, $7, $8, $8) RETURNING id",
                    {nu.username, nu.display_name, hash, nu.role_code, nu.region_code,
                     store::to_param(nu.phone), actor.user_id ? store::Param(actor.user_id) : store::Param(), at})
                  .front()
                  .get<std::int64_t>(0);
    auto u = *load_user(tx, id);
    audit::record(tx, actor, "create", "user", std::to_string(id), u.region_code,
                  {{"after", audit_view(u)}});
    return u;
  });
}

User update_user(store::Connection& c, const Principal& actor, std::int64_t id, const UserPatch& p) {
  actor.require("system:user:write");
  if (p.display_name) check_display_name(*p.display_name);
  check_phone(p.phone);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto before = get_user(tx, actor, id);
    if (p.region_code) Scope(actor).require_region(tx, *p.region_code, "region_code");
    if (p.role_code) role_for_assignment(tx, actor, *p.role_code);
    if (id == actor.user_id && ((p.enabled && !*p.enabled) || (p.role_code && *p.role_code != before.role_code)))
      throw Error(ErrorKind::conflict, "cannot_change_self", "不能停用自己或修改自己的角色",
                  "You cannot disable yourself or change your own role");
    tx.query(
        "UPDATE app_user SET display_name = COALESCE($2, display_name), role_code = COALESCE($3, "
        "role_code), region_code = COALESCE($4, region_code), phone = CASE WHEN $5 = 1 THEN $6 ELSE "
        "phone END, enabled = COALESCE($7, enabled), updated_at = $8 WHERE id = $1",
        {id, store::to_param(p.display_name), store::to_param(p.role_code),
         store::to_param(p.region_code), std::int64_t{p.phone ? 1 : 0},
         p.phone && !p.phone->empty() ? store::Param(*p.phone) : store::Param(),
         p.enabled ? store::Param(std::int64_t{*p.enabled ? 1 : 0}) : store::Param(), now_iso()});
    if (p.enabled && !*p.enabled)  // a disabled account's sessions end now
      tx.query("UPDATE user_session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
               {id, now_iso()});
    auto after = *load_user(tx, id);
    audit::record(tx, actor, "update", "user", std::to_string(id), after.region_code,
                  audit::diff(audit_view(before), audit_view(after)));
    return after;
  });
}

void reset_password(store::Connection& c, const Principal& actor, std::int64_t id,
                    const std::string& password) {
  actor.require("system:user:write");
  check_password_policy(password);
  auto hash = hash_password(password);
  store::with_transaction(c, [&](store::Connection& tx) {
    auto u = get_user(tx, actor, id);
    if (id != actor.user_id) {
      auto role = get_role(tx, u.role_code);
      check_can_assign(actor, role);  // resetting an admin's password would take over the admin
    }
    const auto at = now_iso();
    tx.query("UPDATE app_user SET password_hash = $2, failed_logins = 0, locked_until = NULL, "
             "updated_at = $3 WHERE id = $1",
             {id, hash, at});
    tx.query("UPDATE user_session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL", {id, at});
    audit::record(tx, actor, "reset_password", "user", std::to_string(id), u.region_code,
                  nlohmann::json::object());
  });
}

void unlock_user(store::Connection& c, const Principal& actor, std::int64_t id) {
  actor.require("system:user:write");
  store::with_transaction(c, [&](store::Connection& tx) {
    auto u = get_user(tx, actor, id);
    tx.query("UPDATE app_user SET failed_logins = 0, locked_until = NULL, updated_at = $2 WHERE id = $1",
             {id, now_iso()});
    audit::record(tx, actor, "unlock", "user", std::to_string(id), u.region_code,
                  {{"locked_until", {{"from", u.locked_until ? nlohmann::json(*u.locked_until) : nlohmann::json()}, {"to", nullptr}}}});
  });
}

}  // namespace ql::auth
