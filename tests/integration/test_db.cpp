#include "test_db.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace ql::test {

namespace {

namespace fs = std::filesystem;

// Unique on the machine: test processes running in parallel share the temp directory and
// the PostgreSQL server.
std::string unique_name() {
  static std::atomic<int> counter{0};
  return "qlt_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

class SqliteTestDatabase final : public TestDatabase {
 public:
  explicit SqliteTestDatabase(const fs::path& dir)
      : TestDatabase("sqlite:" + (dir / "test.db").string()), dir_(dir) {
    fs::remove_all(dir_);  // left by a crashed earlier run with a recycled pid
  }
  // The directory also holds the -wal and -shm files.
  ~SqliteTestDatabase() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

 private:
  fs::path dir_;
};

std::string read_server_url() {
  const char* file = std::getenv("QL_TEST_PG_URL_FILE");
  if (!file || !*file) {
    throw std::runtime_error(
        "QL_TEST_BACKEND=postgresql needs QL_TEST_PG_URL_FILE (written by tests/pg/start.sh)");
  }
  std::ifstream in(file);
  std::string url;
  if (!(in >> url)) {
    throw std::runtime_error(std::string("cannot read a PostgreSQL URL from ") + file +
                             " (start a server with tests/pg/start.sh DIR)");
  }
  return url;
}

// The same server with another database: replaces the URI's path, keeping any ?options.
std::string with_database(const std::string& url, const std::string& database) {
  const std::size_t host = url.find("://") + 3;
  const std::size_t options = std::min(url.find('?', host), url.size());
  const std::size_t path = std::min(url.find('/', host), options);
  return url.substr(0, path) + "/" + database + url.substr(options);
}

class PgTestDatabase final : public TestDatabase {
 public:
  PgTestDatabase(const std::string& server_url, std::string name)
      : TestDatabase(with_database(server_url, name)),
        server_url_(server_url),
        name_(std::move(name)) {
    const auto admin = store::connect(server_url_);
    // Separate calls: neither statement may run inside a (multi-statement) transaction.
    // A database of a crashed earlier run with a recycled pid may still exist.
    admin->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    admin->exec_script("CREATE DATABASE " + name_);
  }
  ~PgTestDatabase() override {
    try {
      // FORCE: a test may still hold (or have leaked) connections.
      store::connect(server_url_)
          ->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      std::cerr << "warning: cannot drop test database " << name_ << ": " << e.what() << "\n";
    }
  }

 private:
  std::string server_url_, name_;
};

}  // namespace

std::string backend_name() {
  const char* env = std::getenv("QL_TEST_BACKEND");
  const std::string name = env && *env ? env : "sqlite";
  if (name != "sqlite" && name != "postgresql") {
    throw std::runtime_error("QL_TEST_BACKEND must be sqlite or postgresql, not '" + name + "'");
  }
  return name;
}

std::unique_ptr<TestDatabase> make_test_database() {
  if (backend_name() == "postgresql") {
    return std::make_unique<PgTestDatabase>(read_server_url(), unique_name());
  }
  return std::make_unique<SqliteTestDatabase>(fs::temp_directory_path() / unique_name());
}

}  // namespace ql::test
