// SQLite driver, Row/Result conversions, Transaction and Pool. The same behaviours run on
// both backends in tests/integration/store_test.cpp.
#include "store/sqlite_connection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <thread>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/pool.hpp"

namespace ql::store {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "ql-store-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::string url(const std::string& file = "test.db") const {
    return "sqlite:" + (path_ / file).string();
  }

 private:
  fs::path path_;
};

template <typename Fn>
Error error_of(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ql::Error";
  return Error(ErrorKind::internal, "none", "", "");
}

class SqliteConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c = connect("sqlite::memory:");
    c->exec_script(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);"
        "CREATE TABLE item (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id),"
        " name TEXT NOT NULL, qty INTEGER CHECK (qty >= 0), price REAL, note TEXT);");
  }
  std::int64_t count(const std::string& table) {
    return c->query("SELECT COUNT(*) FROM " + table).front().get<std::int64_t>(0);
  }
  std::unique_ptr<Connection> c;
};

TEST(SqliteConnect, CreatesParentDirectoryAndSetsPragmas) {
  TempDir dir;
  const auto c = connect(dir.url("a/b/test.db"));
  EXPECT_EQ(c->backend(), Backend::sqlite);
  EXPECT_TRUE(fs::exists(dir.path() / "a/b/test.db"));
  EXPECT_EQ(c->scalar("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(c->scalar("PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(c->scalar("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(c->scalar("PRAGMA busy_timeout"), "10000");
}

TEST(SqliteConnect, RejectsUnknownSchemesAndEmptyPath) {
  for (const char* url : {"mysql://localhost/x", "sqlite:", "", "file.db"}) {
    const Error e = error_of([&] { connect(url); });
    EXPECT_EQ(e.kind(), ErrorKind::bad_request) << url;
    EXPECT_EQ(e.code(), "invalid_db_url") << url;
  }
}

TEST(SqliteConnect, UnreadableFileIsUnavailable) {
  TempDir dir;
  std::ofstream(dir.path() / "junk.db") << std::string(4096, 'x');
  const Error e = error_of([&] { connect(dir.url("junk.db")); });
  EXPECT_EQ(e.kind(), ErrorKind::unavailable);
  EXPECT_EQ(e.code(), "database_unavailable");
  EXPECT_NE(e.message_en().find("not a database"), std::string::npos) << e.message_en();
}

TEST_F(SqliteConnectionTest, BindsEveryParameterType) {
  const std::optional<std::int64_t> none, some = 7;
  const std::string s = "text";
  const auto r = c->query(
      "SELECT $1 AS i, $2 AS big, $3 AS d, $4 AS s, $5 AS n, $6 AS t, $7 AS f,"
      " $8 AS o_none, $9 AS o_some, $10 AS sv, $11 AS cs, $12 AS small",
      {to_param(42), to_param(std::numeric_limits<std::int64_t>::min()), to_param(2.5), to_param(s),
       to_param(nullptr), to_param(true), to_param(false), to_param(none), to_param(some),
       to_param(std::string_view("view")), to_param("literal"), to_param(-1)});
  ASSERT_EQ(r.size(), 1u);
  const Row& row = r.front();
  EXPECT_EQ(row.get<int>("i"), 42);
  EXPECT_EQ(row.get<std::int64_t>("big"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(row.get<double>("d"), 2.5);
  EXPECT_EQ(row.get<std::string>("s"), "text");
  EXPECT_TRUE(row.is_null("n"));
  EXPECT_TRUE(row.get<bool>("t"));
  EXPECT_FALSE(row.get<bool>("f"));
  EXPECT_EQ(row.get<std::int64_t>("t"), 1);  // flags are stored as 0/1 integers
  EXPECT_TRUE(row.is_null("o_none"));
  EXPECT_EQ(row.get<int>("o_some"), 7);
  EXPECT_EQ(row.get<std::string>("sv"), "view");
  EXPECT_EQ(row.get<std::string>("cs"), "literal");
  EXPECT_EQ(row.get<int>("small"), -1);
  EXPECT_EQ(r.columns().size(), 12u);
  EXPECT_EQ(r.columns()[0], "i");
}

TEST_F(SqliteConnectionTest, DoublesRoundTripExactly) {
  for (const double d : {0.1, 1.0 / 3, -2.5e-10, 1e300, 123456789.125, 0.0}) {
    EXPECT_EQ(c->query("SELECT $1", {d}).front().get<double>(0), d);
  }
  // Whole doubles still read back as text a double parser accepts.
  EXPECT_EQ(c->scalar("SELECT 3.0"), "3");
}

TEST_F(SqliteConnectionTest, NullsReadAsNulloptAndFailTypedGet) {
  c->query("INSERT INTO item (name, qty, price, note) VALUES ($1, $2, $3, $4)",
           {"a", to_param(std::optional<int>{}), Param{}, to_param(std::optional<std::string>{})});
  const auto r = c->query("SELECT qty, price, note FROM item");
  const Row& row = r.front();
  EXPECT_EQ(row.opt<std::int64_t>("qty"), std::nullopt);
  EXPECT_EQ(row.opt<double>(1), std::nullopt);
  EXPECT_EQ(row.opt<std::string>("note"), std::nullopt);
  const Error e = error_of([&] { row.get<std::string>("note"); });
  EXPECT_EQ(e.kind(), ErrorKind::internal);
  EXPECT_NE(e.message_en().find("'note'"), std::string::npos) << e.message_en();
  EXPECT_EQ(c->scalar("SELECT note FROM item"), std::nullopt);
  EXPECT_EQ(c->scalar("SELECT note FROM item WHERE 0"), std::nullopt);
}

TEST_F(SqliteConnectionTest, TypedAccessRejectsValuesThatDoNotConvert) {
  const auto r = c->query("SELECT 'abc' AS s, '12.0' AS f, 2 AS two, $1 AS huge, '' AS empty",
                          {std::numeric_limits<std::int64_t>::max()});
  const Row& row = r.front();
  const auto expect_internal = [&](auto fn, const char* what) {
    EXPECT_EQ(error_of(fn).kind(), ErrorKind::internal) << what;
  };
  expect_internal([&] { row.get<std::int64_t>("s"); }, "text as int64");
  expect_internal([&] { row.get<std::int64_t>("f"); }, "12.0 as int64");
  expect_internal([&] { row.get<double>("s"); }, "text as double");
  expect_internal([&] { row.get<bool>("two"); }, "2 as bool");
  expect_internal([&] { row.get<int>("huge"); }, "int64 max as int");
  expect_internal([&] { row.get<std::int64_t>("empty"); }, "empty as int64");
  expect_internal([&] { row.get<int>("no_such_column"); }, "unknown column");
  EXPECT_THROW(row.get<int>(99), std::out_of_range);
  EXPECT_EQ(row.get<double>("f"), 12.0);
  EXPECT_EQ(row.get<std::int64_t>("huge"), std::numeric_limits<std::int64_t>::max());
}

TEST_F(SqliteConnectionTest, UnicodeTextRoundTrips) {
  const std::string text = "青莲区 🌸 Ünïcødé\ttab\nline\\slash 'quote' \"dq\"";
  c->query("INSERT INTO item (name) VALUES ($1)", {text});
  const auto r = c->query("SELECT name, length(name) AS chars FROM item WHERE name = $1", {text});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.front().get<std::string>("name"), text);
  EXPECT_EQ(r.front().get<int>("chars"), 41);  // characters, not bytes
}

TEST_F(SqliteConnectionTest, ParametersMustMatchTheSql) {
  EXPECT_EQ(error_of([&] { c->query("SELECT $1"); }).kind(), ErrorKind::internal);
  EXPECT_EQ(error_of([&] { c->query("SELECT $1", {1, 2}); }).kind(), ErrorKind::internal);
  EXPECT_EQ(error_of([&] { c->query("SELECT ?", {1}); }).kind(), ErrorKind::internal);
  // A parameter used twice is one parameter, as on PostgreSQL.
  EXPECT_EQ(c->query("SELECT $1 + $1", {20}).front().get<int>(0), 40);
  EXPECT_EQ(c->query("SELECT $2 || $1", {"b", "a"}).front().get<std::string>(0), "ab");
  EXPECT_EQ(c->query("SELECT $1 + $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 + $10",
                     {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
                .front()
                .get<int>(0),
            55);
}

TEST_F(SqliteConnectionTest, QueryRunsExactlyOneStatement) {
  EXPECT_EQ(error_of([&] { c->query("SELECT 1; SELECT 2"); }).kind(), ErrorKind::internal);
  EXPECT_EQ(error_of([&] { c->query("  "); }).kind(), ErrorKind::internal);
  EXPECT_EQ(c->scalar("SELECT 1;\n"), "1");
}

TEST_F(SqliteConnectionTest, DriverErrorsAreInternalAndCarryTheMessage) {
  const Error e = error_of([&] { c->query("SELEC 1"); });
  EXPECT_EQ(e.kind(), ErrorKind::internal);
  EXPECT_EQ(e.code(), "database_error");
  EXPECT_NE(e.message_en().find("syntax error"), std::string::npos) << e.message_en();
  EXPECT_NE(e.message_en().find("SELEC 1"), std::string::npos) << e.message_en();
  EXPECT_EQ(error_of([&] { c->exec_script("CREATE TABLE item (x)"); }).kind(), ErrorKind::internal);
}

TEST_F(SqliteConnectionTest, ConstraintViolationsAreConflicts) {
  c->query("INSERT INTO parent (id, code) VALUES (1, 'p1')");
  const std::vector<std::pair<const char*, Params>> cases = {
      {"INSERT INTO parent (id, code) VALUES ($1, $2)", {2, "p1"}},       // unique
      {"INSERT INTO parent (id, code) VALUES ($1, $2)", {1, "p2"}},       // primary key
      {"INSERT INTO item (parent_id, name) VALUES ($1, $2)", {99, "x"}},  // foreign key
      {"INSERT INTO item (name) VALUES ($1)", {Param{}}},                 // not null
      {"INSERT INTO item (name, qty) VALUES ($1, $2)", {"x", -1}},        // check
  };
  for (const auto& [sql, params] : cases) {
    const Error e = error_of([&] { c->query(sql, params); });
    EXPECT_EQ(e.kind(), ErrorKind::conflict) << sql;
    EXPECT_EQ(e.code(), "constraint_violation") << sql;
    EXPECT_FALSE(e.message_zh().empty());
  }
  EXPECT_EQ(count("item"), 0);
}

TEST_F(SqliteConnectionTest, TransactionCommitsAndRollsBack) {
  {
    Transaction tx(*c);
    EXPECT_TRUE(c->in_transaction());
    c->query("INSERT INTO item (name) VALUES ('kept')");
    tx.commit();
  }
  EXPECT_FALSE(c->in_transaction());
  {
    Transaction tx(*c);
    c->query("INSERT INTO item (name) VALUES ('dropped')");
  }  // no commit: rolled back
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(c->query("SELECT name FROM item").size(), 1u);
}

TEST_F(SqliteConnectionTest, WithTransactionRollsBackOnException) {
  EXPECT_THROW(with_transaction(*c,
                                [](Connection& tx) {
                                  tx.query("INSERT INTO item (name) VALUES ('x')");
                                  throw std::runtime_error("boom");
                                }),
               std::runtime_error);
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count("item"), 0);
  const std::int64_t id = with_transaction(*c, [](Connection& tx) {
    return tx.query("INSERT INTO item (name) VALUES ('y') RETURNING id")
        .front()
        .get<std::int64_t>(0);
  });
  EXPECT_EQ(id, 1);
  EXPECT_EQ(count("item"), 1);
}

TEST_F(SqliteConnectionTest, TransactionMisuseIsInternal) {
  Transaction tx(*c);
  EXPECT_EQ(error_of([&] { c->begin(); }).kind(), ErrorKind::internal);
  tx.commit();
  EXPECT_EQ(error_of([&] { c->commit(); }).kind(), ErrorKind::internal);
  EXPECT_NO_THROW(c->rollback());  // nothing open: no-op
}

TEST_F(SqliteConnectionTest, AffectedCountsRowsChangedByWrites) {
  c->query("INSERT INTO item (name) VALUES ('a'), ('b'), ('c')");
  EXPECT_EQ(c->query("UPDATE item SET qty = 1 WHERE name <> $1", {"a"}).affected(), 2);
  EXPECT_EQ(c->query("SELECT * FROM item").affected(), 0);  // not the last write's count
  const auto r = c->query("DELETE FROM item WHERE qty = 1 RETURNING name");
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(r.affected(), 2);
}

TEST_F(SqliteConnectionTest, StatementCacheReusesStatements) {
  auto& sqlite = dynamic_cast<SqliteConnection&>(*c);
  for (int i = 0; i < 5; ++i)
    c->query("INSERT INTO item (name, qty) VALUES ($1, $2)", {"n" + std::to_string(i), i});
  const std::size_t cached = sqlite.cached_statements();
  for (int i = 0; i < 5; ++i) {
    // Same text, new values: the statement is reset and rebound each time.
    const auto r = c->query("SELECT name FROM item WHERE qty >= $1 ORDER BY qty", {i});
    ASSERT_EQ(r.size(), static_cast<std::size_t>(5 - i));
    EXPECT_EQ(r.front().get<std::string>(0), "n" + std::to_string(i));
  }
  EXPECT_EQ(sqlite.cached_statements(), cached + 1);
  // A statement that failed mid-way is reset too and runs again.
  EXPECT_THROW(c->query("INSERT INTO item (name, qty) VALUES ($1, $2)", {"bad", -5}), Error);
  c->query("INSERT INTO item (name, qty) VALUES ($1, $2)", {"ok", 5});
  EXPECT_EQ(count("item"), 6);
}

TEST_F(SqliteConnectionTest, StatementCacheIsBounded) {
  auto& sqlite = dynamic_cast<SqliteConnection&>(*c);
  for (std::size_t i = 0; i < detail::kMaxCachedStatements + 20; ++i) {
    EXPECT_EQ(c->scalar("SELECT " + std::to_string(i)), std::to_string(i));
  }
  EXPECT_LE(sqlite.cached_statements(), detail::kMaxCachedStatements);
}

TEST_F(SqliteConnectionTest, BulkWriterInsertsInsideTheCallersTransaction) {
  const std::vector<std::string> tricky = {"tab\there", "new\nline", "cr\rhere", "back\\slash",
                                           "\\N",       "",          "青莲"};
  {
    Transaction tx(*c);
    auto w = c->bulk_writer("item", {"name", "qty", "price", "note"});
    for (std::size_t i = 0; i < tricky.size(); ++i) {
      w->add_row({tricky[i], static_cast<std::int64_t>(i), 0.5, Param{}});
    }
    EXPECT_EQ(w->finish(), static_cast<std::int64_t>(tricky.size()));
    tx.commit();
  }
  const auto r = c->query("SELECT name, qty, price, note FROM item ORDER BY qty");
  ASSERT_EQ(r.size(), tricky.size());
  for (std::size_t i = 0; i < tricky.size(); ++i) {
    EXPECT_EQ(r[i].get<std::string>("name"), tricky[i]);
    EXPECT_EQ(r[i].get<double>("price"), 0.5);
    EXPECT_TRUE(r[i].is_null("note"));
  }
  {
    Transaction tx(*c);
    auto w = c->bulk_writer("item", {"name"});
    w->add_row({"discarded"});
    w->finish();
  }  // rolled back with the caller's transaction
  EXPECT_EQ(count("item"), static_cast<std::int64_t>(tricky.size()));
}

TEST_F(SqliteConnectionTest, BulkWriterRefusesMisuse) {
  EXPECT_EQ(error_of([&] { c->bulk_writer("item", {"name"}); }).kind(), ErrorKind::internal);
  Transaction tx(*c);
  for (const auto& [table, column] :
       std::vector<std::pair<std::string, std::string>>{{"item", "name; DROP TABLE item"},
                                                        {"item", "Name"},
                                                        {"item x", "name"},
                                                        {"item", "1name"},
                                                        {"", "name"}}) {
    EXPECT_EQ(error_of([&] { c->bulk_writer(table, {column}); }).kind(), ErrorKind::internal)
        << table << " / " << column;
  }
  EXPECT_EQ(error_of([&] { c->bulk_writer("item", {}); }).kind(), ErrorKind::internal);
  auto w = c->bulk_writer("item", {"name", "qty"});
  EXPECT_EQ(error_of([&] { w->add_row({"only one"}); }).kind(), ErrorKind::internal);
  EXPECT_EQ(error_of([&] { w->add_row({"neg", -1}); }).kind(), ErrorKind::conflict);
}

TEST_F(SqliteConnectionTest, PrefixUpperBoundSelectsExactlyThePrefix) {
  c->exec_script("CREATE TABLE region (path TEXT PRIMARY KEY)");
  for (const char* p : {"/1/", "/1/2/", "/1/2/青/", "/10/", "/1", "/2/"}) {
    c->query("INSERT INTO region (path) VALUES ($1)", {p});
  }
  const auto under = [&](const std::string& prefix) {
    std::vector<std::string> out;
    for (const Row& r :
         c->query("SELECT path FROM region WHERE path >= $1 AND path < $2 ORDER BY path",
                  {prefix, prefix_upper_bound(prefix)})) {
      out.push_back(r.get<std::string>(0));
    }
    return out;
  };
  EXPECT_EQ(under("/1/"), (std::vector<std::string>{"/1/", "/1/2/", "/1/2/青/"}));
  EXPECT_EQ(under("/1/2/青"), (std::vector<std::string>{"/1/2/青/"}));
  EXPECT_EQ(under("/3/"), std::vector<std::string>{});
}

TEST(SqliteConcurrency, WritersOnSeparateConnectionsTakeTurns) {
  TempDir dir;
  connect(dir.url())->exec_script(
      "CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0)");
  // Read-then-write transactions: with a deferred BEGIN the second writer would fail with
  // SQLITE_BUSY at its upgrade; BEGIN IMMEDIATE makes it wait its turn instead.
  const auto work = [&] {
    auto c = connect(dir.url());
    for (int i = 0; i < 50; ++i) {
      with_transaction(*c, [](Connection& tx) {
        const auto n = tx.query("SELECT n FROM counter").front().get<std::int64_t>(0);
        tx.query("UPDATE counter SET n = $1", {n + 1});
      });
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  EXPECT_EQ(connect(dir.url())->scalar("SELECT n FROM counter"), "100");
}

// ---- Pool ---------------------------------------------------------------------------------

TEST(SqlitePool, OpensLazilyAndBlocksWhenAllAreLent) {
  TempDir dir;
  Pool pool(dir.url(), 2);
  EXPECT_EQ(pool.backend(), Backend::sqlite);
  EXPECT_EQ(pool.stats().size, 1u);  // the first at once, to fail fast
  auto a = pool.acquire();
  auto b = pool.acquire();
  EXPECT_EQ(pool.stats().size, 2u);
  EXPECT_EQ(pool.stats().in_use, 2u);

  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto c = pool.acquire();
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(got);
  { auto released = std::move(a); }
  waiter.join();
  EXPECT_TRUE(got);
  const PoolStats s = pool.stats();
  EXPECT_EQ(s.size, 2u);
  EXPECT_EQ(s.in_use, 1u);
  EXPECT_EQ(s.waits, 1u);
  EXPECT_EQ(s.acquired, 3u);
}

TEST(SqlitePool, RollsBackAConnectionReturnedInsideATransaction) {
  TempDir dir;
  Pool pool(dir.url(), 1);
  pool.acquire()->exec_script("CREATE TABLE t (x INTEGER)");
  {
    auto c = pool.acquire();
    c->begin();
    c->query("INSERT INTO t VALUES (1)");
  }  // returned mid-transaction, e.g. after an exception
  auto c = pool.acquire();
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(c->scalar("SELECT COUNT(*) FROM t"), "0");
  EXPECT_EQ(pool.stats().size, 1u);
}

TEST(SqlitePool, MoveAssigningALeaseReturnsTheOldConnection) {
  TempDir dir;
  Pool pool(dir.url(), 2);
  auto a = pool.acquire();
  auto b = pool.acquire();
  a = std::move(b);
  EXPECT_EQ(pool.stats().in_use, 1u);
  EXPECT_EQ(a->scalar("SELECT 1"), "1");
}

TEST(SqlitePool, RejectsBadConfiguration) {
  TempDir dir;
  EXPECT_EQ(error_of([&] { Pool(dir.url(), 0); }).code(), "invalid_pool_size");
  EXPECT_EQ(error_of([&] { Pool("nope://x", 2); }).code(), "invalid_db_url");
}

}  // namespace
}  // namespace ql::store
