#pragma once
// An App on a fresh test database (SQLite or PostgreSQL, by QL_TEST_BACKEND) with the demo
// street loaded, driven in-process through the same dispatch the server uses.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "admin/demo.hpp"
#include "http/app.hpp"
#include "test_db.hpp"

namespace ql::test {

struct ApiResult {
  int status = 0;
  nlohmann::json json;  // parsed body when it is JSON, else null
  http::Response raw;
  std::string error_code() const { return json.contains("error") ? json["error"].value("code", "") : ""; }
};

// App options for a test database: no web root, a small pool, and a log key outside the
// source tree (one per test process).
http::AppOptions test_app_options(const TestDatabase& db);

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Sends a request; token (if any) as Bearer. body is sent verbatim.
  ApiResult call(http::Method m, const std::string& target, const std::string& body = "",
                 const std::string& token = "", http::Headers headers = {});
  ApiResult get(const std::string& target, const std::string& token) { return call(http::Method::GET, target, "", token); }
  ApiResult post(const std::string& target, const nlohmann::json& body, const std::string& token) {
    return call(http::Method::POST, target, body.dump(), token);
  }
  ApiResult patch(const std::string& target, const nlohmann::json& body, const std::string& token) {
    return call(http::Method::PATCH, target, body.dump(), token);
  }
  // Whether SetUp also loads the demo books and assets (two years of vouchers, assets,
  // resources, contracts), not only the demo regions and users. They take most of a test's
  // set-up, so only suites that read them override this to true; a single test may instead
  // call load_demo_books() (after pinning the clock, since the demo is dated from now()).
  virtual bool demo_books() const { return false; }
  void load_demo_books();
  // Logs in a demo user by name and returns the bearer token.
  std::string login(const std::string& username);
  std::int64_t user_id(const std::string& username);
  std::int64_t count(const std::string& table);
  // The number of a completed power case of `amount_fen` in village `region`, for payment
  // vouchers to cite: started by `<slug>.clerk` under a two-step test item that
  // `<slug>.secretary` approves (power_fixture.cpp).
  std::string approved_power_case(const std::string& region, const std::string& slug, std::int64_t amount_fen);
  std::unique_ptr<store::Connection> connect() { return db_->connect(); }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<http::App> app_;
  std::map<std::string, std::string> passwords_;
};

}  // namespace ql::test
