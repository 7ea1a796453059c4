#include "auth/principal.hpp"

#include "auth/permission.hpp"
#include "core/error.hpp"

namespace ql::auth {

bool Principal::can(std::string_view permission) const { return permits(permissions, permission); }

void Principal::require(std::string_view permission) const {
  if (!can(permission))
    throw Error(ErrorKind::forbidden, "permission_denied",
                "没有权限: " + std::string(permission),
                "Permission required: " + std::string(permission));
}

Principal system_principal(std::string username) {
  Principal p;
  p.username = std::move(username);
  p.role_code = "admin";
  p.permissions = {"*"};
  p.data_scope = DataScope::all;
  p.ip = "local";
  return p;
}

}  // namespace ql::auth
