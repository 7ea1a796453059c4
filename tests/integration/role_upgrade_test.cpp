// Built-in roles across versions: a database seeded by an older version gets the default
// permissions a newer version added, once, and keeps an administrator's removals.
#include <gtest/gtest.h>

#include <algorithm>

#include "admin/bootstrap.hpp"
#include "auth/role.hpp"
#include "test_db.hpp"

namespace ql {
namespace {

bool holds(store::Connection& c, const std::string& role, const std::string& permission) {
  const auto r = auth::get_role(c, role);
  return std::find(r.permissions.begin(), r.permissions.end(), permission) != r.permissions.end();
}

void set_permissions(store::Connection& c, const std::string& role, const nlohmann::json& perms,
                     const nlohmann::json& granted) {
  c.query("UPDATE role SET permissions = $2, builtin_granted = $3 WHERE code = $1",
          {role, perms.dump(), granted.dump()});
}

TEST(BuiltinRoles, NewDefaultsReachOldDatabasesOnceAndRemovalsStay) {
  auto db = test::make_test_database();
  auto c = db->connect();
  admin::bootstrap_database(*c);
  ASSERT_TRUE(holds(*c, "clerk", "ledger:fund:write"));

  // As an older version left it: the clerk never had the ledger permissions.
  nlohmann::json old_defaults = {"system:region:read", "system:dict:read", "disclosure:catalog:read"};
  set_permissions(*c, "clerk", old_defaults, old_defaults);
  // An administrator took the dictionary away from the supervisor after it was given.
  auto supervisor = auth::get_role(*c, "supervisor");
  nlohmann::json without_dict = nlohmann::json::array();
  for (const auto& p : supervisor.permissions)
    if (p != "system:dict:read") without_dict.push_back(p);
  set_permissions(*c, "supervisor", without_dict, supervisor.permissions);

  admin::bootstrap_database(*c);
  EXPECT_TRUE(holds(*c, "clerk", "ledger:fund:write"));
  EXPECT_TRUE(holds(*c, "clerk", "ledger:asset:write"));
  EXPECT_TRUE(holds(*c, "clerk", "system:region:read"));
  EXPECT_FALSE(holds(*c, "supervisor", "system:dict:read"));

  // Once given, a default the administrator then removes is not given again.
  auto clerk = auth::get_role(*c, "clerk");
  nlohmann::json fewer = nlohmann::json::array();
  for (const auto& p : clerk.permissions)
    if (p != "ledger:fund:write") fewer.push_back(p);
  c->query("UPDATE role SET permissions = $2 WHERE code = $1", {std::string("clerk"), fewer.dump()});
  admin::bootstrap_database(*c);
  EXPECT_FALSE(holds(*c, "clerk", "ledger:fund:write"));
}

}  // namespace
}  // namespace ql
