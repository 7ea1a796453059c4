#pragma once
// Qinglian's thin storage layer over the sqlite3 C API and libpq. One SQL text serves both:
// parameters are written $1, $2, ... (SQLite binds them by name via
// sqlite3_bind_parameter_index), statements are prepared once per connection and cached.
// Portable-SQL rules the schema and queries follow are in docs/STORAGE.md.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace ql::store {

enum class Backend { sqlite, postgresql };

// Binary content for a {{blob}} column (BLOB / BYTEA), bound as bytes rather than text, so it
// may hold NUL bytes and invalid UTF-8. Read back, a blob column is the same raw bytes in
// Row::get<std::string> on both backends (the PostgreSQL driver decodes bytea's hex form).
struct Blob {
  std::string bytes;
};

// A bound parameter. NULL is std::monostate. Booleans are bound as 0/1 integers (the schema
// stores flags as INTEGER on both backends).
using Param = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;
using Params = std::vector<Param>;

// Builds a Param from common C++ types, including std::optional (empty -> NULL).
Param to_param(std::nullptr_t);
Param to_param(bool v);
Param to_param(int v);
Param to_param(std::int64_t v);
Param to_param(double v);
Param to_param(std::string v);
Param to_param(std::string_view v);
Param to_param(const char* v);
Param to_param(Blob v);
template <typename T>
Param to_param(const std::optional<T>& v) {
  return v ? to_param(*v) : Param{};
}

// One result row; columns are addressed by index or name. Values come back as the backend
// gave them and are converted on access: get<T> throws ql::Error(internal) for NULL or a value
// that does not convert; opt<T> returns std::nullopt for NULL. A Row refers to its Result's
// column names: keep the Result alive while using its rows.
class Row {
 public:
  Row(const std::vector<std::string>* columns, std::vector<std::optional<std::string>> values)
      : columns_(columns), values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return !values_.at(i).has_value(); }
  bool is_null(std::string_view column) const { return is_null(index(column)); }
  std::size_t index(std::string_view column) const;  // throws if no such column

  template <typename T> T get(std::size_t i) const;
  template <typename T> T get(std::string_view column) const { return get<T>(index(column)); }
  template <typename T> std::optional<T> opt(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return get<T>(i);
  }
  template <typename T> std::optional<T> opt(std::string_view column) const {
    return opt<T>(index(column));
  }

 private:
  const std::vector<std::string>* columns_;
  std::vector<std::optional<std::string>> values_;  // text form of each value
};

// Supported T: std::int64_t, int, double, bool (0/1, t/f, true/false), std::string.
// Integers must be exact decimal text ("12", not "12.0"); int also checks its range.
template <> std::int64_t Row::get<std::int64_t>(std::size_t i) const;
template <> int Row::get<int>(std::size_t i) const;
template <> double Row::get<double>(std::size_t i) const;
template <> bool Row::get<bool>(std::size_t i) const;
template <> std::string Row::get<std::string>(std::size_t i) const;

// All rows of a query, fully read.
class Result {
 public:
  Result() = default;
  Result(std::vector<std::string> columns, std::vector<std::vector<std::optional<std::string>>> rows);
  Result(Result&&) noexcept;
  Result& operator=(Result&&) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const Row& operator[](std::size_t i) const { return rows_.at(i); }
  const Row& front() const { return rows_.at(0); }
  std::vector<Row>::const_iterator begin() const { return rows_.begin(); }
  std::vector<Row>::const_iterator end() const { return rows_.end(); }
  const std::vector<std::string>& columns() const { return *columns_; }
  // Rows changed by an INSERT/UPDATE/DELETE (with or without RETURNING); 0 for a SELECT.
  std::int64_t affected() const { return affected_; }
  void set_affected(std::int64_t n) { affected_ = n; }

 private:
  std::unique_ptr<std::vector<std::string>> columns_ = std::make_unique<std::vector<std::string>>();
  std::vector<Row> rows_;
  std::int64_t affected_ = 0;
};

// Fast path for importers: rows appended in order (one cached prepared INSERT per row on
// SQLite, COPY FROM STDIN on PostgreSQL). Must be created and finished inside a transaction
// the caller owns, so an import is all-or-nothing; finish() flushes and returns the row
// count. Errors (e.g. a constraint violation) may surface only at finish() on PostgreSQL.
// While a writer is open, use the connection for nothing else; destroying an unfinished
// writer abandons its rows (the caller's transaction must then be rolled back).
class BulkWriter {
 public:
  virtual ~BulkWriter() = default;
  // values.size() must equal the number of columns given to Connection::bulk_writer.
  virtual void add_row(const Params& values) = 0;
  virtual std::int64_t finish() = 0;
};

// One database connection. Not thread-safe: one thread uses it at a time (see Pool).
// Errors throw ql::Error: unique / foreign-key / not-null / check violations as
// conflict("constraint_violation"), everything else as internal("database_error"). After a
// failed statement inside a transaction, roll back: PostgreSQL refuses further statements
// in that transaction (commit() then throws), so do not catch and carry on.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;

  // Runs one statement with $n parameters. Prepared once and cached by SQL text.
  virtual Result query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;

  // Transactions. Prefer the Transaction RAII guard below. begin() throws internal when a
  // transaction is already open (no nesting); SQLite begins IMMEDIATE, taking the write lock
  // at once. commit() throws when none is open; rollback() is a no-op then.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // True inside a transaction, and for a PostgreSQL connection that was lost.
  virtual bool in_transaction() const = 0;

  // table and columns must be plain identifiers ([a-z_][a-z0-9_]*); see BulkWriter.
  virtual std::unique_ptr<BulkWriter> bulk_writer(std::string table,
                                                  std::vector<std::string> columns) = 0;

  // Convenience: first row's first column, or nullopt when there is no row or it is NULL.
  std::optional<std::string> scalar(std::string_view sql, const Params& params = {});
};

// Opens a connection from a URL: "sqlite:PATH" (creates the file and its directory; WAL,
// synchronous=FULL, foreign_keys=ON, busy_timeout), "sqlite::memory:" (private to this
// connection) or "postgresql://..." / "postgres://..." (libpq URI).
// Throws ql::Error(bad_request, "invalid_db_url") for an unknown scheme and
// ql::Error(unavailable, "database_unavailable") when the database cannot be opened.
std::unique_ptr<Connection> connect(const std::string& url);

// Upper bound for a prefix search that behaves the same on both backends and can use an
// index: `col >= $1 AND col < $2` with $1 = prefix, $2 = prefix_upper_bound(prefix), on a
// {{text_c}} column (byte order). See docs/STORAGE.md.
std::string prefix_upper_bound(std::string_view prefix);

// RAII transaction: begins in the constructor, rolls back in the destructor unless commit()
// succeeded. The destructor never throws (a failed rollback is logged). Opened while the
// connection is already in a transaction, it is a savepoint inside it: commit() releases the
// savepoint and the destructor rolls back to it, leaving the outer transaction usable.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
  Connection& conn() { return c_; }

 private:
  Connection& c_;
  std::string savepoint_;  // empty for a top-level transaction
  bool done_ = false;
};

// Number of top-level transactions committed in this process so far. An in-memory cache of
// data read from the database remembers it, and treats the data as possibly changed once it
// moves (see disclosure/page_cache.hpp). Writes by other processes do not move it.
std::uint64_t commit_generation();

// Runs fn inside a transaction on c and commits; rolls back and rethrows on exception.
template <typename Fn>
auto with_transaction(Connection& c, Fn&& fn) -> decltype(fn(c)) {
  Transaction tx(c);
  if constexpr (std::is_void_v<decltype(fn(c))>) {
    fn(c);
    tx.commit();
  } else {
    auto r = fn(c);
    tx.commit();
    return r;
  }
}

}  // namespace ql::store
