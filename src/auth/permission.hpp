#pragma once
// The catalogue of permission strings ("module:object:action") that roles may carry.
// Each module adds its permissions here so roles and the admin screens can list them.
#include <string>
#include <string_view>
#include <vector>

namespace ql::auth {

struct PermissionInfo {
  std::string_view code;
  std::string_view name_zh;
  std::string_view name_en;
};

// Every known permission, in display order. "*" (all) is not listed; it is a role value.
const std::vector<PermissionInfo>& all_permissions();
bool is_known_permission(std::string_view code);

// True when `granted` (a role's permission list) allows `required`. "*" allows everything;
// "module:*" allows every permission of a module.
bool permits(const std::vector<std::string>& granted, std::string_view required);

}  // namespace ql::auth
