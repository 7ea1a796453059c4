#pragma once
// User accounts (账号): who they are, their role and region. Every function takes the acting
// principal, checks permission and data scope, and records writes in the operation log in the
// same transaction.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "store/database.hpp"

namespace ql::auth {

struct User {
  std::int64_t id = 0;
  std::string username, display_name, role_code, role_name_zh, role_name_en;
  std::string region_code, region_name, region_path;
  std::optional<std::string> phone;
  bool enabled = true;
  DataScope data_scope = DataScope::own;
  std::vector<std::string> permissions;
  std::optional<std::string> locked_until;
  std::string created_at, updated_at;
};

// english selects role_name's language.
nlohmann::json to_json(const User& u, bool english = false);

// Username: 3-32 characters of a-z, 0-9, '.', '_', '-', starting with a letter.
void check_username(const std::string& username);

struct NewUser {
  std::string username, display_name, password, role_code, region_code;
  std::optional<std::string> phone;
  // hash_password(password) when the caller has hashed it already (the demo hashes its users'
  // passwords on every core at once); empty: create_user hashes it.
  std::string password_hash = {};
};
struct UserPatch {
  std::optional<std::string> display_name, role_code, region_code, phone;
  std::optional<bool> enabled;
};
struct UserFilter {
  std::optional<std::string> region, q, role;
  std::optional<bool> enabled;
};

// Loads a user by id without any scope check (for authentication). nullopt if absent.
std::optional<User> load_user(store::Connection& c, std::int64_t id);
std::optional<User> load_user_by_name(store::Connection& c, const std::string& username);

// The enabled user holding a live (unexpired, unrevoked) session with this token hash, with
// the session's csrf_token and expires_at, in one query: this runs on every API request.
struct SessionUser {
  User user;
  std::string csrf_token, expires_at;
};
std::optional<SessionUser> load_session_user(store::Connection& c, const std::string& token_hash,
                                             const std::string& now);

// The principal a user acts as.
Principal principal_of(const User& u, std::string ip);

// {"items":[...],"total":N} within the actor's scope. Sort fields: username, display_name, created_at.
nlohmann::json list_users(store::Connection& c, const Principal& actor, const UserFilter& f,
                          const PageRequest& page, bool english);
User get_user(store::Connection& c, const Principal& actor, std::int64_t id);
User create_user(store::Connection& c, const Principal& actor, const NewUser& u);
User update_user(store::Connection& c, const Principal& actor, std::int64_t id, const UserPatch& p);
void reset_password(store::Connection& c, const Principal& actor, std::int64_t id,
                    const std::string& password);
void unlock_user(store::Connection& c, const Principal& actor, std::int64_t id);

// Throws forbidden unless actor may hand out `role` (no permission or scope beyond its own).
// field names the input that asked for it ("role" on users, "permissions" on roles).
void check_can_assign(const Principal& actor, const Role& role, const std::string& field = "role");

}  // namespace ql::auth
