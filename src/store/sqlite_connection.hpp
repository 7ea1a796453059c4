#pragma once
// SQLite implementation of store::Connection. Private to src/store and its tests: other
// modules open connections through store::connect("sqlite:PATH"). sqlite3.h stays in the .cpp.
#include <cstddef>
#include <memory>
#include <string>

#include "store/database.hpp"
#include "store/driver_util.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ql::store {

class SqliteConnection final : public Connection {
 public:
  // path: a file (its parent directories are created) or ":memory:". Sets WAL,
  // synchronous=FULL, foreign_keys=ON and busy_timeout=10000. Throws
  // Error(unavailable, "database_unavailable") when the database cannot be opened.
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Backend backend() const override { return Backend::sqlite; }
  Result query(std::string_view sql, const Params& params = {}) override;
  void exec_script(std::string_view sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;
  std::unique_ptr<BulkWriter> bulk_writer(std::string table,
                                          std::vector<std::string> columns) override;

  // Number of prepared statements currently cached (for tests).
  std::size_t cached_statements() const { return cache_.size(); }

 private:
  friend class SqliteBulkWriter;  // binds and steps its own prepared INSERT on db_
  struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const noexcept;
  };
  using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

  // The cached statement for sql, prepared on first use.
  sqlite3_stmt* prepare(std::string_view sql);
  // Throws the connection's last error as ql::Error (constraint kinds as conflict).
  [[noreturn]] void fail(std::string_view sql) const;

  sqlite3* db_ = nullptr;
  detail::StatementCache<Stmt> cache_;
};

}  // namespace ql::store
