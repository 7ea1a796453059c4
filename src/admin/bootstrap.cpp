#include "admin/bootstrap.hpp"

#include "auth/role.hpp"
#include "dict/dictionary.hpp"
#include "store/migration.hpp"

namespace ql::admin {

int bootstrap_database(store::Connection& c) {
  int applied = store::migrate(c);
  store::with_transaction(c, [](store::Connection& tx) {
    auth::seed_builtin_roles(tx);
    dict::seed_builtin(tx);
  });
  return applied;
}

}  // namespace ql::admin
