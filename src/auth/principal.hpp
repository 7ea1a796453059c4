#pragma once
// Who is acting: the authenticated user with the role's permissions and data scope.
// Every domain service takes one; the HTTP layer builds it from the session.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/role.hpp"

namespace ql::auth {

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string role_code;
  std::vector<std::string> permissions;
  DataScope data_scope = DataScope::own;
  std::string region_code;
  std::string region_path;  // the user's region's ancestor path
  std::string ip;           // of the request, for the logs

  bool can(std::string_view permission) const;
  // Throws forbidden naming the permission unless can(permission).
  void require(std::string_view permission) const;
};

// A principal for command-line and system work (init, imports run by an operator): all data,
// all permissions, logged under `username`.
Principal system_principal(std::string username = "system");

}  // namespace ql::auth
