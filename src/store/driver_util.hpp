#pragma once
// Helpers shared by the SQLite and PostgreSQL drivers. Private to src/store: included only by
// the store .cpp files (and their tests), never by other modules.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"

namespace ql::store::detail {

// Prepared statements cached per connection, keyed by SQL text (looked up by string_view
// without copying). Application SQL is a fixed set of literals, but code that builds SQL
// (e.g. IN lists of varying length) could grow the cache without bound, so a connection
// drops its whole cache when it reaches this size: simpler than LRU and the rare re-prepare
// is cheap.
inline constexpr std::size_t kMaxCachedStatements = 512;

struct SqlHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <typename V>
using StatementCache = std::unordered_map<std::string, V, SqlHash, std::equal_to<>>;

// Error(internal, "database_error") carrying the driver's message and the start of the SQL
// in message_en, for the log; the HTTP layer never shows 500 details to clients.
Error database_error(std::string_view driver_message, std::string_view sql = {});

// Error(conflict, "constraint_violation") for unique / foreign-key / not-null / check
// violations. The driver's detail (table and constraint names) is logged at debug level
// but kept out of the message, which may reach clients.
Error constraint_violation(std::string_view driver_message);

// Error(unavailable, "database_unavailable"): the database could not be opened or reached.
Error database_unavailable(std::string_view why);

// Shortest text that parses back to exactly v ("0.1", "1e+300", "inf", "nan").
std::string format_double(double v);

// Validates a bulk-write target and renders "table (col1, col2, ...)". Names must be plain
// lower-case identifiers because they are spliced into SQL; the caller must already be
// inside a transaction (see BulkWriter). Throws Error(internal) otherwise.
std::string bulk_target(const Connection& c, const std::string& table,
                        const std::vector<std::string>& columns);

// Throws Error(internal) unless a row handed to a BulkWriter has one value per column.
void check_row_width(std::size_t got, std::size_t expected);

}  // namespace ql::store::detail
