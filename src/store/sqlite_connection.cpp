#include "store/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>
#include <variant>

namespace ql::store {

namespace {

// The constraint kinds PostgreSQL reports as SQLSTATE class 23; other SQLITE_CONSTRAINT_*
// codes (trigger RAISE, STRICT datatype, ...) are not the client's duplicate or dangling
// reference and stay internal.
bool is_constraint_violation(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_CHECK: return true;
    default: return false;
  }
}

// Resets a cached statement however the query ends, so it holds no read snapshot (which
// would block WAL checkpoints) and no pointers to the caller's parameters.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* s) : s_(s) {}
  ~ResetOnExit() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* s_;
};

// Parameter values are bound SQLITE_STATIC: they outlive the statement's use, and
// ResetOnExit clears the bindings before the caller's Params go away.
int bind_one(sqlite3_stmt* s, int index, const Param& p) {
  if (const auto* i = std::get_if<std::int64_t>(&p)) return sqlite3_bind_int64(s, index, *i);
  if (const auto* d = std::get_if<double>(&p)) return sqlite3_bind_double(s, index, *d);
  if (const auto* t = std::get_if<std::string>(&p)) {
    return sqlite3_bind_text64(s, index, t->data(), t->size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  if (const auto* b = std::get_if<Blob>(&p)) {
    // A zero-length blob still binds as a blob (not NULL): sqlite wants a non-null pointer.
    static const char empty = 0;
    return sqlite3_bind_blob64(s, index, b->bytes.empty() ? &empty : b->bytes.data(), b->bytes.size(),
                               SQLITE_STATIC);
  }
  return sqlite3_bind_null(s, index);
}

// Row values are kept as text, the form PostgreSQL returns, so Row converts both alike.
std::optional<std::string> column_value(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL: return std::nullopt;
    case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: return detail::format_double(sqlite3_column_double(s, i));
    case SQLITE_BLOB: {  // raw bytes, as the PostgreSQL driver returns bytea
      const auto* p = static_cast<const char*>(sqlite3_column_blob(s, i));
      const int n = sqlite3_column_bytes(s, i);
      return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
    }
    default: {  // TEXT (and BLOB): the stored bytes
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      const int n = sqlite3_column_bytes(s, i);  // after column_text, as the API requires
      return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
    }
  }
}

}  // namespace

void SqliteConnection::StmtDeleter::operator()(sqlite3_stmt* s) const noexcept {
  sqlite3_finalize(s);
}

SqliteConnection::SqliteConnection(const std::string& path) {
  if (path != ":memory:") {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      throw detail::database_unavailable("cannot create directory " + parent.string() + ": " +
                                         ec.message());
    }
  }
  // NOMUTEX: a Connection is used by one thread at a time (Pool), so SQLite's own
  // per-connection mutex would only cost time.
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  // busy_timeout comes first so that switching to WAL waits for other connections.
  // synchronous=FULL: a committed write survives power loss, also in WAL mode.
  const char* setup =
      "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
      "PRAGMA foreign_keys=ON;";
  int setup_rc = rc == SQLITE_OK ? sqlite3_exec(db_, setup, nullptr, nullptr, nullptr) : rc;
  // Two processes opening a new database at once can race on the switch to WAL, which
  // answers SQLITE_BUSY without consulting the busy handler: retry for up to ~10 s.
  for (int attempt = 0; rc == SQLITE_OK && (setup_rc & 0xff) == SQLITE_BUSY && attempt < 200; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    setup_rc = sqlite3_exec(db_, setup, nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK || setup_rc != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    throw detail::database_unavailable(path + ": " + why);
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqliteConnection::~SqliteConnection() {
  cache_.clear();         // statements must be finalized before the connection closes
  sqlite3_close_v2(db_);  // rolls back an open transaction
}

void SqliteConnection::fail(std::string_view sql) const {
  const int code = sqlite3_extended_errcode(db_);
  const char* message = sqlite3_errmsg(db_);
  if (is_constraint_violation(code)) throw detail::constraint_violation(message);
  throw detail::database_error(message, sql);
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
  if (const auto it = cache_.find(sql); it != cache_.end()) return it->second.get();
  // Safe to drop everything: no cached statement is mid-query between calls.
  if (cache_.size() >= detail::kMaxCachedStatements) cache_.clear();
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  Stmt stmt(raw);
  if (rc != SQLITE_OK) fail(sql);
  if (!stmt) throw detail::database_error("query(): empty statement", sql);
  const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (rest.find_first_not_of("; \t\r\n") != std::string_view::npos) {
    throw detail::database_error("query() runs one statement; use exec_script for several", sql);
  }
  return cache_.emplace(std::string(sql), std::move(stmt)).first->second.get();
}

Result SqliteConnection::query(std::string_view sql, const Params& params) {
  sqlite3_stmt* s = prepare(sql);
  ResetOnExit reset(s);

  // PostgreSQL rejects a parameter count that does not match the SQL; do the same here
  // rather than let SQLite treat a missing value as NULL.
  if (sqlite3_bind_parameter_count(s) != static_cast<int>(params.size())) {
    throw detail::database_error("statement takes " +
                                     std::to_string(sqlite3_bind_parameter_count(s)) +
                                     " parameters, " + std::to_string(params.size()) + " given",
                                 sql);
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string name = "$" + std::to_string(i + 1);
    const int index = sqlite3_bind_parameter_index(s, name.c_str());
    if (index == 0) {
      throw detail::database_error("parameter " + name + " not found (write them $1..$n)", sql);
    }
    if (bind_one(s, index, params[i]) != SQLITE_OK) fail(sql);
  }

  const int ncols = sqlite3_column_count(s);
  std::vector<std::string> columns;
  columns.reserve(static_cast<std::size_t>(ncols));
  for (int i = 0; i < ncols; ++i) columns.emplace_back(sqlite3_column_name(s, i));

  std::vector<std::vector<std::optional<std::string>>> rows;
  for (;;) {
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail(sql);
    auto& row = rows.emplace_back();
    row.reserve(static_cast<std::size_t>(ncols));
    for (int i = 0; i < ncols; ++i) row.push_back(column_value(s, i));
  }
  Result result(std::move(columns), std::move(rows));
  // sqlite3_changes keeps the last write's count, so ask only statements that write.
  if (!sqlite3_stmt_readonly(s)) result.set_affected(sqlite3_changes64(db_));
  return result;
}

void SqliteConnection::exec_script(std::string_view sql) {
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail(sql);
  }
}

void SqliteConnection::begin() {
  if (in_transaction()) throw detail::database_error("begin(): a transaction is already open");
  // IMMEDIATE takes the write lock now. A deferred transaction that reads and then writes
  // fails with SQLITE_BUSY (busy_timeout cannot help) when another writer got in between.
  query("BEGIN IMMEDIATE");
}

void SqliteConnection::commit() {
  if (!in_transaction()) throw detail::database_error("commit(): no transaction is open");
  query("COMMIT");
}

void SqliteConnection::rollback() {
  // SQLite rolls back by itself after some errors (e.g. SQLITE_FULL); nothing left to undo.
  if (in_transaction()) query("ROLLBACK");
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

// Each row runs one prepared single-row INSERT inside the caller's transaction. The writer
// owns its statement and binds by position ($1..$n are generated in column order), so a row
// costs the bind calls and one sqlite3_step, without the generic query()'s statement lookup,
// parameter-name lookups and Result: close to what a hand-written sqlite3 loop costs, with the
// same error mapping.
class SqliteBulkWriter final : public BulkWriter {
 public:
  SqliteBulkWriter(SqliteConnection& c, std::string insert_sql, std::size_t width)
      : c_(c), sql_(std::move(insert_sql)), width_(width) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(c_.db_, sql_.c_str(), static_cast<int>(sql_.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                           nullptr) != SQLITE_OK)
      c_.fail(sql_);
    stmt_.reset(raw);
  }

  void add_row(const Params& values) override {
    detail::check_row_width(values.size(), width_);
    ResetOnExit reset(stmt_.get());
    for (std::size_t i = 0; i < values.size(); ++i)
      if (bind_one(stmt_.get(), static_cast<int>(i + 1), values[i]) != SQLITE_OK) c_.fail(sql_);
    if (sqlite3_step(stmt_.get()) != SQLITE_DONE) c_.fail(sql_);
    ++rows_;
  }
  std::int64_t finish() override { return rows_; }

 private:
  SqliteConnection& c_;
  std::string sql_;
  std::size_t width_;
  SqliteConnection::Stmt stmt_;
  std::int64_t rows_ = 0;
};

std::unique_ptr<BulkWriter> SqliteConnection::bulk_writer(std::string table,
                                                          std::vector<std::string> columns) {
  std::string sql = "INSERT INTO " + detail::bulk_target(*this, table, columns) + " VALUES (";
  for (std::size_t i = 1; i <= columns.size(); ++i) {
    sql += (i > 1 ? ", $" : "$") + std::to_string(i);
  }
  sql += ")";
  return std::make_unique<SqliteBulkWriter>(*this, std::move(sql), columns.size());
}

}  // namespace ql::store
