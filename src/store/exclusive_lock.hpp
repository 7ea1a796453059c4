#pragma once
// Serialising writers of one logical resource (e.g. the publication log's next index) across
// connections and processes, for the rest of the current transaction.
#include <string_view>

#include "store/database.hpp"

namespace ql::store {

// Takes an exclusive lock named `name` until the caller's transaction ends. PostgreSQL: a
// transaction-scoped advisory lock keyed by the name's hash. SQLite: nothing to do, because
// our transactions begin IMMEDIATE and so already hold the database's single write lock.
// Must be called inside a transaction.
void lock_exclusively(Connection& c, std::string_view name);

}  // namespace ql::store
