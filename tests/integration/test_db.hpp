#pragma once
// A fresh, empty database per test on the backend chosen by the environment, so every
// integration test runs unchanged on SQLite and PostgreSQL:
//   QL_TEST_BACKEND=sqlite (default)  a new file in a temporary directory;
//   QL_TEST_BACKEND=postgresql        a new database on the server whose URL is in the file
//                                     named by QL_TEST_PG_URL_FILE (written by
//                                     tests/pg/start.sh). A missing file is an error, never
//                                     a skip, so a PostgreSQL run cannot pass vacuously.
#include <memory>
#include <string>

#include "store/database.hpp"

namespace ql::test {

class TestDatabase {
 public:
  virtual ~TestDatabase() = default;  // drops the database
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // URL for store::connect / store::Pool / the qinglian binary.
  const std::string& url() const { return url_; }
  // A new connection to this database.
  std::unique_ptr<store::Connection> connect() const { return store::connect(url_); }

 protected:
  explicit TestDatabase(std::string url) : url_(std::move(url)) {}

 private:
  std::string url_;
};

// "sqlite" or "postgresql", from QL_TEST_BACKEND; throws for anything else.
std::string backend_name();

// Creates an empty database on the selected backend; throws std::runtime_error when it
// cannot (e.g. the PostgreSQL URL file is missing).
std::unique_ptr<TestDatabase> make_test_database();

}  // namespace ql::test
