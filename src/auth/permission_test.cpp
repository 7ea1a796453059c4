#include "auth/permission.hpp"

#include <gtest/gtest.h>

#include "auth/password.hpp"
#include "auth/role.hpp"
#include "core/error.hpp"

namespace ql::auth {
namespace {

TEST(Permission, WildcardsAndExactMatches) {
  EXPECT_TRUE(permits({"*"}, "system:user:write"));
  EXPECT_TRUE(permits({"system:*"}, "system:user:write"));
  EXPECT_FALSE(permits({"system:*"}, "ledger:voucher:write"));
  EXPECT_TRUE(permits({"system:user:read"}, "system:user:read"));
  EXPECT_FALSE(permits({"system:user:read"}, "system:user:write"));
  EXPECT_FALSE(permits({"system:user"}, "system:user:read"));
  EXPECT_FALSE(permits({}, "system:user:read"));
}

TEST(Permission, KnownPermissions) {
  EXPECT_TRUE(is_known_permission("*"));
  EXPECT_TRUE(is_known_permission("system:user:read"));
  EXPECT_TRUE(is_known_permission("system:*"));
  EXPECT_FALSE(is_known_permission("nothing:*"));
  EXPECT_FALSE(is_known_permission("system:user:fly"));
  for (const auto& r : builtin_roles()) EXPECT_NO_THROW(check_permissions(r.permissions, "permissions")) << r.code;
}

TEST(Password, HashVerifyAndPolicy) {
  set_password_hash_strength(HashStrength::minimal);
  auto h = hash_password("Secret123");
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("Secret123", h));
  EXPECT_FALSE(verify_password("Secret124", h));
  EXPECT_FALSE(verify_password("Secret123", "not a hash"));
  EXPECT_NE(hash_password("Secret123"), h);  // salted
  EXPECT_NO_THROW(check_password_policy("abcd1234"));
  EXPECT_NO_THROW(check_password_policy("清廉村居2026"));
  EXPECT_THROW(check_password_policy("abc123"), Error);
  EXPECT_THROW(check_password_policy("abcdefghij"), Error);
  EXPECT_THROW(check_password_policy("1234567890"), Error);
  EXPECT_THROW(check_password_policy(std::string(129, 'a') + "1"), Error);
  EXPECT_THROW(check_password_policy(" abcd1234"), Error);
  EXPECT_THROW(check_password_policy("abcd1234 "), Error);
}

TEST(Role, DataScopeNamesRoundTrip) {
  for (auto s : {DataScope::all, DataScope::region_and_below, DataScope::region, DataScope::own})
    EXPECT_EQ(parse_data_scope(to_string(s)), s);
  EXPECT_FALSE(parse_data_scope("everything"));
}

}  // namespace
}  // namespace ql::auth
