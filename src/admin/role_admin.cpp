#include "admin/role_admin.hpp"

#include <algorithm>

#include "audit/operation_log.hpp"
#include "auth/permission.hpp"
#include "auth/user.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace ql::admin {
namespace {
void check_names(const std::optional<std::string>& zh, const std::optional<std::string>& en) {
  if (zh) text::require_length("name_zh", *zh, 1, 30);
  if (en) text::require_length("name_en", *en, 1, 60);
}
nlohmann::json audit_view(const auth::Role& r) {
  auto j = auth::to_json(r);
  j.erase("created_at");
  j.erase("updated_at");
  return j;
}
}  // namespace

std::vector<auth::Role> list_roles(store::Connection& c, const auth::Principal& actor) {
  actor.require("system:role:read");
  return auth::list_roles(c);
}

auth::Role create_role(store::Connection& c, const auth::Principal& actor, auth::Role role) {
  actor.require("system:role:write");
  const bool code_ok = role.code.size() >= 2 && role.code.size() <= 32 &&
                       std::all_of(role.code.begin(), role.code.end(), [](char ch) {
                         return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
                       });
  if (!code_ok)
    throw invalid_field("code", "须为 2 到 32 位小写字母、数字或下划线", "must be 2-32 of a-z, 0-9, '_'");
  check_names(role.name_zh, role.name_en);
  auth::check_permissions(role.permissions, "permissions");
  auth::check_can_assign(actor, role, "permissions");
  role.builtin = false;
  role.created_at = role.updated_at = now_iso();
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (auth::find_role(tx, role.code))
      throw Error(ErrorKind::conflict, "duplicate_role", "角色代码 " + role.code + " 已存在",
                  "Role code " + role.code + " already exists", "code");
    auth::insert_role(tx, role);
    audit::record(tx, actor, "create", "role", role.code, std::nullopt, {{"after", audit_view(role)}});
    return role;
  });
}

auth::Role update_role(store::Connection& c, const auth::Principal& actor, const std::string& code,
                       const RolePatch& patch) {
  actor.require("system:role:write");
  check_names(patch.name_zh, patch.name_en);
  if (patch.permissions) auth::check_permissions(*patch.permissions, "permissions");
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto before = auth::get_role(tx, code);
    auth::check_can_assign(actor, before, "permissions");  // may not edit a role more powerful than oneself
    auto after = before;
    if (patch.name_zh) after.name_zh = *patch.name_zh;
    if (patch.name_en) after.name_en = *patch.name_en;
    if (patch.data_scope) after.data_scope = *patch.data_scope;
    if (patch.permissions) after.permissions = *patch.permissions;
    auth::check_can_assign(actor, after, "permissions");
    if (code == actor.role_code && !auth::permits(after.permissions, "system:role:write"))
      throw Error(ErrorKind::conflict, "cannot_change_self", "不能移除自己角色的角色管理权限",
                  "You cannot remove role management from your own role", "permissions");
    after.updated_at = now_iso();
    auth::update_role(tx, after);
    audit::record(tx, actor, "update", "role", code, std::nullopt,
                  audit::diff(audit_view(before), audit_view(after)));
    return after;
  });
}

}  // namespace ql::admin
