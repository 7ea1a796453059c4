#pragma once
// Versioned schema migrations (schema/NNNN_name.sql, compiled into the binary).
#include <string>
#include <vector>

#include "store/database.hpp"

namespace ql::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // may contain dialect tokens, see docs/STORAGE.md
};

// All migrations compiled into this binary, ascending by version (generated file).
const std::vector<Migration>& embedded_migrations();

// Rewrites dialect tokens for the backend: {{id}} -> an auto-increment integer primary key,
// {{bigint}}, {{text_c}} (text with byte-order collation), {{blob}}. Throws Error(internal)
// for an unknown or unclosed token, so a typo fails on both backends alike.
std::string render_migration_sql(const std::string& sql, Backend backend);

// Applies every migration newer than the database's, each in its own transaction, recording
// it in schema_migrations(version, name, applied_at). Returns how many were applied. A database
// whose newest version is above the binary's throws Error(conflict, "database_too_new") naming
// both versions. Safe to run concurrently from two processes (the second waits or no-ops).
// Migration SQL therefore must not contain BEGIN/COMMIT, nor statements PostgreSQL refuses
// inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM). migrations must be in ascending
// version order (Error(internal) otherwise); c must not be inside a transaction.
int migrate(Connection& c, const std::vector<Migration>& migrations = embedded_migrations());

// Highest applied version, 0 for an empty database.
int current_schema_version(Connection& c);

}  // namespace ql::store
