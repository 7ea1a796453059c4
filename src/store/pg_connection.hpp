#pragma once
// PostgreSQL implementation of store::Connection over libpq. Private to src/store and its
// tests: other modules use store::connect("postgresql://..."). libpq-fe.h stays in the .cpp.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "store/database.hpp"
#include "store/driver_util.hpp"

struct pg_conn;    // PGconn
struct pg_result;  // PGresult

namespace ql::store {

class PgConnection final : public Connection {
 public:
  // url: a libpq connection URI. Sets client_encoding UTF8 and time zone UTC, and routes
  // server notices to the debug log. Throws Error(unavailable, "database_unavailable").
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Backend backend() const override { return Backend::postgresql; }
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
  friend class PgBulkWriter;
  struct ResultDeleter {
    void operator()(pg_result* r) const noexcept;
  };
  using PgResult = std::unique_ptr<pg_result, ResultDeleter>;

  // The server-side name of sql's prepared statement, prepared on first use.
  const std::string& prepare(std::string_view sql);
  // Runs sql with the simple protocol (several statements allowed, no parameters).
  PgResult exec_simple(std::string_view sql);
  // Returns r if it reports success, else throws it as ql::Error (SQLSTATE class 23 as
  // conflict). A null r means the connection failed; its message is used then.
  PgResult check(PgResult r, std::string_view sql) const;

  pg_conn* conn_ = nullptr;
  detail::StatementCache<std::string> cache_;  // SQL text -> statement name
  std::uint64_t next_statement_ = 0;           // names are never reused, see prepare()
};

}  // namespace ql::store
