#pragma once
// Creating and editing roles. Writes are logged; nobody can grant more than they hold.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/role.hpp"
#include "store/database.hpp"

namespace ql::admin {

struct RolePatch {
  std::optional<std::string> name_zh, name_en;
  std::optional<auth::DataScope> data_scope;
  std::optional<std::vector<std::string>> permissions;
};

std::vector<auth::Role> list_roles(store::Connection& c, const auth::Principal& actor);
// code: 2-32 of a-z, 0-9, '_'.
auth::Role create_role(store::Connection& c, const auth::Principal& actor, auth::Role role);
auth::Role update_role(store::Connection& c, const auth::Principal& actor, const std::string& code,
                       const RolePatch& patch);

}  // namespace ql::admin
