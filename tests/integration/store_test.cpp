// The storage layer's contract on the backend selected by QL_TEST_BACKEND (see test_db.hpp):
// the same assertions must hold on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <thread>

#include "core/error.hpp"
#include "store/database.hpp"
#include "store/migration.hpp"
#include "store/pool.hpp"
#include "test_db.hpp"

namespace ql::store {
namespace {

// DOUBLE PRECISION, not REAL: REAL is 4 bytes on PostgreSQL.
const std::vector<Migration> kSchema = {
    {1, "store_test",
     "CREATE TABLE parent (id {{id}}, code {{text_c}} NOT NULL UNIQUE);"
     "CREATE TABLE item (id {{id}}, parent_id {{bigint}} REFERENCES parent(id),"
     " name {{text_c}} NOT NULL, qty {{bigint}} CHECK (qty >= 0), big {{bigint}},"
     " price DOUBLE PRECISION, flag INTEGER NOT NULL DEFAULT 0, note TEXT);"},
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

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db = test::make_test_database();
    c = db->connect();
    migrate(*c, kSchema);
  }
  std::int64_t count(const std::string& table) {
    return c->query("SELECT COUNT(*) FROM " + table).front().get<std::int64_t>(0);
  }
  std::int64_t insert_item(const std::string& name, std::int64_t qty = 0) {
    return c->query("INSERT INTO item (name, qty) VALUES ($1, $2) RETURNING id", {name, qty})
        .front()
        .get<std::int64_t>(0);
  }

  std::unique_ptr<test::TestDatabase> db;
  std::unique_ptr<Connection> c;
};

TEST(StoreConnect, UnreachableServerIsUnavailable) {
  // Port 1 on loopback: refused at once, no server needed.
  const Error e = error_of([] { connect("postgresql://postgres@127.0.0.1:1/none"); });
  EXPECT_EQ(e.kind(), ErrorKind::unavailable);
  EXPECT_EQ(e.code(), "database_unavailable");
}

TEST_F(StoreTest, RunsOnTheSelectedBackend) {
  const Backend expected =
      test::backend_name() == "postgresql" ? Backend::postgresql : Backend::sqlite;
  EXPECT_EQ(c->backend(), expected);
}

TEST_F(StoreTest, ParametersOfEveryTypeRoundTrip) {
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min();
  const std::int64_t hi = std::numeric_limits<std::int64_t>::max();
  const std::vector<double> doubles = {0.1, 1.0 / 3, -2.5e-10, 1e300, 123456789.125};
  for (std::size_t i = 0; i < doubles.size(); ++i) {
    c->query("INSERT INTO item (name, qty, big, price, flag, note) VALUES ($1, $2, $3, $4, $5, $6)",
             {to_param("n" + std::to_string(i)), to_param(static_cast<int>(i)),
              to_param(i % 2 ? lo : hi), to_param(doubles[i]), to_param(i % 2 == 1),
              to_param(std::optional<std::string>("x"))});
  }
  const auto r = c->query("SELECT name, qty, big, price, flag, note FROM item ORDER BY qty");
  ASSERT_EQ(r.size(), doubles.size());
  for (std::size_t i = 0; i < doubles.size(); ++i) {
    EXPECT_EQ(r[i].get<std::string>("name"), "n" + std::to_string(i));
    EXPECT_EQ(r[i].get<int>("qty"), static_cast<int>(i));
    EXPECT_EQ(r[i].get<std::int64_t>("big"), i % 2 ? lo : hi);
    EXPECT_EQ(r[i].get<double>("price"), doubles[i]);
    EXPECT_EQ(r[i].get<bool>("flag"), i % 2 == 1);
    EXPECT_EQ(r[i].get<std::string>("note"), "x");
  }
  // Untyped parameters (PostgreSQL infers text) read back through the same conversions.
  const auto row = c->query("SELECT $1 AS i, $2 AS s, 1 = 1 AS yes", {42, "s"});
  EXPECT_EQ(row.front().get<int>("i"), 42);
  EXPECT_EQ(row.front().get<std::string>("s"), "s");
  EXPECT_TRUE(row.front().get<bool>("yes"));  // "t" on PostgreSQL, 1 on SQLite
}

TEST_F(StoreTest, NullsAndOptionals) {
  const auto id = insert_item("a");
  c->query("UPDATE item SET qty = $1, price = $2, note = $3 WHERE id = $4",
           {to_param(std::optional<int>{}), Param{}, to_param(std::optional<std::string>{}), id});
  const auto r = c->query("SELECT qty, price, note FROM item WHERE id = $1", {id});
  EXPECT_EQ(r.front().opt<std::int64_t>("qty"), std::nullopt);
  EXPECT_EQ(r.front().opt<double>("price"), std::nullopt);
  EXPECT_EQ(r.front().opt<std::string>("note"), std::nullopt);
  EXPECT_EQ(error_of([&] { r.front().get<std::int64_t>("qty"); }).kind(), ErrorKind::internal);
  // NULL and the empty string stay distinct.
  c->query("UPDATE item SET note = '' WHERE id = $1", {id});
  EXPECT_EQ(c->scalar("SELECT note FROM item WHERE id = $1", {id}), "");
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM item WHERE qty IS NULL").front().get<std::int64_t>(0),
            1);
}

TEST_F(StoreTest, UnicodeTextAndByteOrder) {
  const std::string text = "青莲区 🌸 Ünïcødé\ttab\nline\\slash 'quote' \"dq\"";
  const auto id = insert_item(text);
  const auto r = c->query("SELECT name, length(name) AS chars FROM item WHERE id = $1", {id});
  EXPECT_EQ(r.front().get<std::string>("name"), text);
  EXPECT_EQ(r.front().get<int>("chars"), 41);  // characters, not bytes
  // {{text_c}} sorts by bytes on both backends.
  for (const char* name : {"b", "青", "a", "ä", "B"}) insert_item(name);
  std::vector<std::string> sorted;
  for (const Row& row : c->query("SELECT name FROM item WHERE id <> $1 ORDER BY name", {id})) {
    sorted.push_back(row.get<std::string>(0));
  }
  EXPECT_EQ(sorted, (std::vector<std::string>{"B", "a", "b", "ä", "青"}));
}

TEST_F(StoreTest, PrefixMatchWithUpperBound) {
  for (const char* p : {"/1/", "/1/2/", "/1/2/青/", "/10/", "/1", "/2/"}) {
    c->query("INSERT INTO parent (code) VALUES ($1)", {p});
  }
  std::vector<std::string> under;
  for (const Row& row :
       c->query("SELECT code FROM parent WHERE code >= $1 AND code < $2 ORDER BY code",
                {"/1/", prefix_upper_bound("/1/")})) {
    under.push_back(row.get<std::string>(0));
  }
  EXPECT_EQ(under, (std::vector<std::string>{"/1/", "/1/2/", "/1/2/青/"}));
}

TEST_F(StoreTest, TransactionsCommitAndRollBack) {
  with_transaction(*c,
                   [&](Connection& tx) { tx.query("INSERT INTO item (name) VALUES ('kept')"); });
  EXPECT_THROW(with_transaction(*c,
                                [&](Connection& tx) {
                                  tx.query("INSERT INTO item (name) VALUES ('dropped')");
                                  throw std::runtime_error("boom");
                                }),
               std::runtime_error);
  {
    Transaction tx(*c);
    insert_item("also dropped");
  }
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count("item"), 1);
  EXPECT_EQ(c->scalar("SELECT name FROM item"), "kept");
}

TEST_F(StoreTest, NestedTransactionsAreSavepoints) {
  c->query("INSERT INTO parent (code) VALUES ('p')");
  {
    Transaction outer(*c);
    insert_item("outer");
    // An inner unit that fails, even with a failed statement, undoes only itself.
    EXPECT_EQ(error_of([&] {
                with_transaction(*c, [&](Connection& tx) {
                  tx.query("INSERT INTO item (name) VALUES ('inner dropped')");
                  tx.query("INSERT INTO parent (code) VALUES ('p')");
                });
              }).kind(),
              ErrorKind::conflict);
    EXPECT_TRUE(c->in_transaction());
    with_transaction(*c, [&](Connection& tx) { tx.query("INSERT INTO item (name) VALUES ('inner kept')"); });
    outer.commit();
  }
  EXPECT_EQ(count("item"), 2);
  {
    Transaction outer(*c);
    with_transaction(*c, [&](Connection& tx) { tx.query("INSERT INTO item (name) VALUES ('released')"); });
  }  // the outer rollback takes the released savepoint's work with it
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count("item"), 2);
}

TEST_F(StoreTest, TransactionMisuseIsInternal) {
  {
    Transaction tx(*c);
    EXPECT_EQ(error_of([&] { c->begin(); }).kind(), ErrorKind::internal);
    tx.commit();
  }
  EXPECT_EQ(error_of([&] { c->commit(); }).kind(), ErrorKind::internal);
  EXPECT_NO_THROW(c->rollback());
}

TEST_F(StoreTest, FailedStatementInsideTransactionRollsBackEverything) {
  c->query("INSERT INTO parent (code) VALUES ('p')");
  EXPECT_EQ(error_of([&] {
              with_transaction(*c, [&](Connection& tx) {
                tx.query("INSERT INTO item (name) VALUES ('before')");
                tx.query("INSERT INTO parent (code) VALUES ('p')");
              });
            }).kind(),
            ErrorKind::conflict);
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count("item"), 0);
  insert_item("connection still usable");
}

TEST_F(StoreTest, CommitAfterSwallowedErrorIsRefusedOnPostgres) {
  if (c->backend() != Backend::postgresql) GTEST_SKIP() << "SQLite keeps the transaction usable";
  Transaction tx(*c);
  insert_item("lost");
  EXPECT_THROW(c->query("SELEC 1"), Error);
  EXPECT_EQ(error_of([&] { tx.commit(); }).kind(), ErrorKind::internal);
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count("item"), 0);
}

TEST_F(StoreTest, ConstraintViolationsAreConflicts) {
  c->query("INSERT INTO parent (id, code) VALUES (1, 'p1')");
  const std::vector<std::pair<const char*, Params>> cases = {
      {"INSERT INTO parent (code) VALUES ($1)", {"p1"}},                  // unique
      {"INSERT INTO parent (id, code) VALUES ($1, $2)", {1, "p2"}},       // primary key
      {"INSERT INTO item (parent_id, name) VALUES ($1, $2)", {99, "x"}},  // foreign key
      {"INSERT INTO item (name) VALUES ($1)", {Param{}}},                 // not null
      {"INSERT INTO item (name, qty) VALUES ($1, $2)", {"x", -1}},        // check
  };
  for (const auto& [sql, params] : cases) {
    const Error e = error_of([&] { c->query(sql, params); });
    EXPECT_EQ(e.kind(), ErrorKind::conflict) << sql;
    EXPECT_EQ(e.code(), "constraint_violation") << sql;
  }
  EXPECT_EQ(count("item"), 0);
}

TEST_F(StoreTest, DriverErrorsAreInternal) {
  const Error e = error_of([&] { c->query("SELECT * FROM no_such_table"); });
  EXPECT_EQ(e.kind(), ErrorKind::internal);
  EXPECT_EQ(e.code(), "database_error");
  EXPECT_NE(e.message_en().find("no_such_table"), std::string::npos) << e.message_en();
  EXPECT_EQ(error_of([&] { c->query("SELECT $1, $2", {1}); }).kind(), ErrorKind::internal);
}

TEST_F(StoreTest, ReturningIdsAndAffectedRows) {
  const auto first = insert_item("a");
  const auto second = insert_item("b");
  EXPECT_GT(first, 0);
  EXPECT_EQ(second, first + 1);
  const auto updated = c->query("UPDATE item SET qty = 5 WHERE id IN ($1, $2)", {first, second});
  EXPECT_EQ(updated.affected(), 2);
  EXPECT_TRUE(updated.empty());
  EXPECT_EQ(c->query("SELECT * FROM item").affected(), 0);
  const auto deleted = c->query("DELETE FROM item WHERE id = $1 RETURNING name", {first});
  EXPECT_EQ(deleted.affected(), 1);
  EXPECT_EQ(deleted.front().get<std::string>("name"), "a");
}

TEST_F(StoreTest, LimitOffsetParametersAndCounts) {
  for (int i = 1; i <= 10; ++i) c->query("INSERT INTO item (name, qty) VALUES ($1, $2)", {"n", i});
  std::vector<int> page;
  for (const Row& r : c->query("SELECT qty FROM item ORDER BY qty LIMIT $1 OFFSET $2", {3, 4})) {
    page.push_back(r.get<int>(0));
  }
  EXPECT_EQ(page, (std::vector<int>{5, 6, 7}));
  // COUNT(*) is bigint on PostgreSQL, SUM(bigint) numeric: both read as int64.
  const auto r = c->query(
      "SELECT COUNT(*) AS n, SUM(qty) AS total, MAX(qty) AS top FROM item WHERE qty > $1", {2});
  EXPECT_EQ(r.front().get<std::int64_t>("n"), 8);
  EXPECT_EQ(r.front().get<std::int64_t>("total"), 52);
  EXPECT_EQ(r.front().get<int>("top"), 10);
}

TEST_F(StoreTest, ManyDistinctStatementsOverflowTheCacheSafely) {
  // More distinct SQL texts than a connection caches: the cache is dropped and refilled.
  for (int i = 0; i < 600; ++i) {
    ASSERT_EQ(c->scalar("SELECT COUNT(*) + " + std::to_string(i) + " FROM item"),
              std::to_string(i));
  }
  Transaction tx(*c);
  for (int i = 0; i < 600; ++i)
    c->query("INSERT INTO item (name, qty) VALUES ($1, " + std::to_string(i) + ")", {"x"});
  tx.commit();
  EXPECT_EQ(count("item"), 600);
}

TEST_F(StoreTest, BulkWriterKeepsSpecialValuesIntact) {
  const std::vector<std::string> names = {"tab\there",   "new\nline",  "cr\rhere",
                                          "back\\slash", "\\N",        "",
                                          "青莲 🌸",      "trailing\\", "\\t literal"};
  {
    Transaction tx(*c);
    auto w = c->bulk_writer("item", {"name", "qty", "big", "price", "note"});
    for (std::size_t i = 0; i < names.size(); ++i) {
      w->add_row({names[i], static_cast<std::int64_t>(i), std::numeric_limits<std::int64_t>::min(),
                  0.1 * static_cast<double>(i), i % 2 ? Param{} : Param{names[i]}});
    }
    EXPECT_EQ(w->finish(), static_cast<std::int64_t>(names.size()));
    tx.commit();
  }
  const auto r = c->query("SELECT name, big, price, note FROM item ORDER BY qty");
  ASSERT_EQ(r.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(r[i].get<std::string>("name"), names[i]) << i;
    EXPECT_EQ(r[i].get<std::int64_t>("big"), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(r[i].get<double>("price"), 0.1 * static_cast<double>(i));
    EXPECT_EQ(r[i].opt<std::string>("note"), i % 2 ? std::nullopt : std::optional(names[i])) << i;
  }
}

TEST_F(StoreTest, BulkWriterLoads50kRows) {
  constexpr std::int64_t kRows = 50'000;
  const auto start = std::chrono::steady_clock::now();
  {
    Transaction tx(*c);
    auto w = c->bulk_writer("item", {"name", "qty"});
    for (std::int64_t i = 0; i < kRows; ++i) w->add_row({"row " + std::to_string(i), i});
    EXPECT_EQ(w->finish(), kRows);
    tx.commit();
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("bulk_50k_seconds", std::to_string(seconds));
  EXPECT_EQ(count("item"), kRows);
  EXPECT_EQ(c->query("SELECT SUM(qty) FROM item").front().get<std::int64_t>(0),
            kRows * (kRows - 1) / 2);
  EXPECT_EQ(c->scalar("SELECT name FROM item WHERE qty = $1", {kRows - 1}), "row 49999");
}

TEST_F(StoreTest, BulkWriterErrorsRollBackTheImport) {
  insert_item("existing");
  c->query("INSERT INTO parent (code) VALUES ('dup')");
  const Error e = error_of([&] {
    with_transaction(*c, [&](Connection& tx) {
      auto w = tx.bulk_writer("parent", {"code"});
      w->add_row({"new"});
      w->add_row({"dup"});  // SQLite reports here, PostgreSQL at finish()
      w->finish();
    });
  });
  EXPECT_EQ(e.kind(), ErrorKind::conflict);
  EXPECT_EQ(count("parent"), 1);
  EXPECT_FALSE(c->in_transaction());
  insert_item("connection still usable");
}

TEST_F(StoreTest, AbandonedBulkWriterLeavesConnectionUsable) {
  {
    Transaction tx(*c);
    auto w = c->bulk_writer("item", {"name"});
    w->add_row({"never finished"});
  }  // writer, then transaction, go out of scope
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count("item"), 0);
  insert_item("fine");
  EXPECT_EQ(count("item"), 1);
}

TEST_F(StoreTest, BulkWriterRefusesMisuse) {
  EXPECT_EQ(error_of([&] { c->bulk_writer("item", {"name"}); }).kind(), ErrorKind::internal);
  Transaction tx(*c);
  EXPECT_EQ(error_of([&] { c->bulk_writer("item", {"name) FROM STDIN; --"}); }).kind(),
            ErrorKind::internal);
  EXPECT_EQ(error_of([&] { c->bulk_writer("item; DROP TABLE item", {"name"}); }).kind(),
            ErrorKind::internal);
  auto w = c->bulk_writer("item", {"name", "qty"});
  EXPECT_EQ(error_of([&] { w->add_row({"one value"}); }).kind(), ErrorKind::internal);
}

TEST_F(StoreTest, MigrateIsIdempotentAndRefusesNewerDatabases) {
  EXPECT_EQ(current_schema_version(*c), 1);
  EXPECT_EQ(migrate(*c, kSchema), 0);
  auto next = kSchema;
  next.push_back({2, "more", "CREATE TABLE extra (id {{id}}, data {{blob}}, n {{bigint}});"});
  EXPECT_EQ(migrate(*c, next), 1);
  EXPECT_EQ(c->query("INSERT INTO extra (n) VALUES (1) RETURNING id").front().get<std::int64_t>(0),
            1);
  const Error e = error_of([&] { migrate(*c, kSchema); });
  EXPECT_EQ(e.kind(), ErrorKind::conflict);
  EXPECT_EQ(e.code(), "database_too_new");
  EXPECT_NE(e.message_en().find('2'), std::string::npos);
  EXPECT_FALSE(c->in_transaction());
  const auto applied_at = c->scalar("SELECT applied_at FROM schema_migrations WHERE version = 2");
  ASSERT_TRUE(applied_at);
  EXPECT_EQ(applied_at->size(), 20u) << *applied_at;  // YYYY-MM-DDTHH:MM:SSZ
  EXPECT_EQ(applied_at->back(), 'Z');
}

TEST_F(StoreTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  std::vector<Migration> many = kSchema;
  for (int v = 2; v <= 15; ++v) {
    // Not idempotent on purpose: applying one twice would fail.
    many.push_back(
        {v, "t" + std::to_string(v), "CREATE TABLE t" + std::to_string(v) + " (x INTEGER);"});
  }
  std::atomic<int> applied{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      try {
        applied += migrate(*db->connect(), many);
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(applied, 14);
  EXPECT_EQ(current_schema_version(*c), 15);
}

TEST_F(StoreTest, PoolServesFourThreads) {
  const auto counter = insert_item("counter");
  Pool pool(db->url(), 2);  // fewer connections than threads: some must wait
  EXPECT_EQ(pool.backend(), c->backend());
  constexpr int kThreads = 4, kOps = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOps; ++i) {
        try {
          auto lease = pool.acquire();
          with_transaction(*lease, [&](Connection& tx) {
            tx.query("INSERT INTO item (name, qty) VALUES ($1, $2)", {"t" + std::to_string(t), i});
            // Increment in SQL, not read-modify-write in C++: PostgreSQL runs READ
            // COMMITTED, where the latter would lose updates.
            tx.query("UPDATE item SET qty = qty + 1 WHERE id = $1", {counter});
          });
        } catch (const std::exception& e) {
          ++failures;
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(count("item"), 1 + kThreads * kOps);
  EXPECT_EQ(c->scalar("SELECT qty FROM item WHERE id = $1", {counter}),
            std::to_string(kThreads * kOps));
  const PoolStats s = pool.stats();
  EXPECT_LE(s.size, 2u);
  EXPECT_EQ(s.in_use, 0u);
  EXPECT_EQ(s.acquired, static_cast<std::uint64_t>(kThreads * kOps));
}

TEST_F(StoreTest, PoolRollsBackAbandonedTransactions) {
  Pool pool(db->url(), 1);
  {
    auto lease = pool.acquire();
    lease->begin();
    lease->query("INSERT INTO item (name) VALUES ('abandoned')");
  }
  auto lease = pool.acquire();
  EXPECT_FALSE(lease->in_transaction());
  EXPECT_EQ(lease->scalar("SELECT COUNT(*) FROM item"), "0");
}

}  // namespace
}  // namespace ql::store
