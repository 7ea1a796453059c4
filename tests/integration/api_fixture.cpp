#include "api_fixture.hpp"

#include <unistd.h>

#include <filesystem>

#include "admin/demo_assets.hpp"
#include "admin/demo_ledger.hpp"
#include "auth/password.hpp"
#include "core/clock.hpp"

namespace ql::test {

http::AppOptions test_app_options(const TestDatabase& db) {
  http::AppOptions opts;
  opts.db_url = db.url();
  opts.web_root = "/nonexistent-web-root";
  opts.db_pool_size = 2;
  opts.log_key_file = (std::filesystem::temp_directory_path() /
                       ("qinglian-test-log-" + std::to_string(::getpid()) + ".key"))
                          .string();
  opts.log_origin = "test.qinglian/log";
  return opts;
}

void ApiTest::SetUp() {
  auth::set_password_hash_strength(auth::HashStrength::minimal);
  db_ = make_test_database();
  app_ = std::make_unique<http::App>(test_app_options(*db_));
  auto lease = app_->pool().acquire();
  for (const auto& c : admin::create_demo(*lease, {.books = false})) passwords_[c.username] = c.password;
  if (demo_books()) load_demo_books();
}

void ApiTest::load_demo_books() {
  auto lease = app_->pool().acquire();
  store::Transaction tx(*lease);
  admin::create_demo_books(*lease, app_->log_identity());
  admin::create_demo_assets(*lease);
  tx.commit();
}

void ApiTest::TearDown() {
  set_clock_for_testing(nullptr);
  app_.reset();
  db_.reset();
}

ApiResult ApiTest::call(http::Method m, const std::string& target, const std::string& body,
                        const std::string& token, http::Headers headers) {
  http::Request req;
  req.method = m;
  req.target = target;
  EXPECT_TRUE(http::parse_target(target, req.path, req.query)) << target;
  req.headers = std::move(headers);
  if (!token.empty()) req.headers["Authorization"] = "Bearer " + token;
  if (!body.empty() && !req.headers.count("Content-Type")) req.headers["Content-Type"] = "application/json";
  req.body = body;
  req.remote_ip = "127.0.0.1";
  ApiResult r;
  r.raw = app_->handle(req);
  // What a client receives: the server sends a shared body instead of `body` when one is set.
  if (r.raw.shared_body) r.raw.body = std::string(r.raw.content());
  r.status = r.raw.status;
  if (auto ct = r.raw.headers.find("Content-Type");
      ct != r.raw.headers.end() && ct->second.starts_with("application/json"))
    r.json = nlohmann::json::parse(r.raw.body);
  return r;
}

std::string ApiTest::login(const std::string& username) {
  auto r = post("/api/v1/auth/login", {{"username", username}, {"password", passwords_.at(username)}}, "");
  EXPECT_EQ(r.status, 200) << r.raw.body;
  return r.json.value("token", "");
}

std::int64_t ApiTest::user_id(const std::string& username) {
  auto c = connect();
  return std::stoll(*c->scalar("SELECT id FROM app_user WHERE username = $1", {username}));
}

std::int64_t ApiTest::count(const std::string& table) {
  auto c = connect();
  return std::stoll(*c->scalar("SELECT COUNT(*) FROM " + table));
}

}  // namespace ql::test
