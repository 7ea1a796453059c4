#pragma once
// Roles: a named set of permissions plus a data scope (which regions' data the holder sees).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace ql::auth {

enum class DataScope {
  all,               // every region
  region_and_below,  // the user's region and everything below it
  region,            // the user's region only
  own,               // only records the user created / is
};
std::string_view to_string(DataScope s);
std::optional<DataScope> parse_data_scope(std::string_view s);

struct Role {
  std::string code;
  std::string name_zh, name_en;
  DataScope data_scope = DataScope::own;
  std::vector<std::string> permissions;
  bool builtin = false;
  std::string created_at, updated_at;
};

nlohmann::json to_json(const Role& r);

// The roles of DOMAIN.md, with their default permissions and scopes.
const std::vector<Role>& builtin_roles();
// Inserts the built-in roles that are missing and gives existing built-in roles the default
// permissions they were never given (a newer version's), once: an administrator's edits,
// removals included, are kept.
void seed_builtin_roles(store::Connection& c);

std::vector<Role> list_roles(store::Connection& c);
std::optional<Role> find_role(store::Connection& c, const std::string& code);
Role get_role(store::Connection& c, const std::string& code);  // throws not_found

// Throws invalid_field naming `field` when a permission is unknown.
void check_permissions(const std::vector<std::string>& permissions, const std::string& field);

void insert_role(store::Connection& c, const Role& r);
void update_role(store::Connection& c, const Role& r);

}  // namespace ql::auth
