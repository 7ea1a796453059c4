#pragma once
// Bringing a database up to this binary: migrations, then the built-in roles and dictionaries.
#include "store/database.hpp"

namespace ql::admin {

// Applies pending migrations and seeds what is missing. Returns the migrations applied.
// Throws Error(conflict, "database_too_new") for a database made by a newer qinglian.
int bootstrap_database(store::Connection& c);

}  // namespace ql::admin
