#include "http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace ql::http {
namespace {

namespace fs = std::filesystem;

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("ql_static_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    write(root_ / "index.html", "<!doctype html><title>app</title>");
    write(root_ / "assets" / "index-abc123.js", "console.log(1)");
    write(root_ / "favicon.svg", "<svg/>");
    write(root_ / ".env", "SECRET=1");
    write(base_ / "secret.txt", "outside");
    handler_ = make_static_handler(root_.string());
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& p, const std::string& content) {
    std::ofstream(p, std::ios::binary) << content;
  }

  Response get(const std::string& path, Method method = Method::GET,
               const std::string& if_none_match = "") {
    Request req;
    req.method = method;
    req.path = path;
    if (!if_none_match.empty()) req.headers["If-None-Match"] = if_none_match;
    return handler_(req);
  }

  // The status of a request that is expected to throw a ql::Error (404 for unknown paths).
  int error_status(const std::string& path, Method method = Method::GET) {
    try {
      get(path, method);
    } catch (const Error& e) {
      return e.http_status();
    }
    return 0;
  }

  fs::path base_, root_;
  Handler handler_;
};

TEST_F(StaticFiles, ServesIndexAndAssetsWithCacheHeaders) {
  auto r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(r.headers.at("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.headers.at("Cache-Control"), "no-cache");
  EXPECT_FALSE(r.headers.at("ETag").empty());

  r = get("/assets/index-abc123.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.headers.at("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.headers.at("Cache-Control"), "public, max-age=31536000, immutable");

  r = get("/favicon.svg", Method::HEAD);
  EXPECT_EQ(r.headers.at("Content-Type"), "image/svg+xml");
  EXPECT_EQ(r.headers.at("Cache-Control"), "no-cache");
}

TEST_F(StaticFiles, SpaFallbackButNotForServerPaths) {
  auto r = get("/users/42/edit");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(r.headers.at("Cache-Control"), "no-cache");
  EXPECT_EQ(get("/regions/").status, 200);

  for (const char* path : {"/api", "/api/v1/nope", "/p/x", "/log/abc", "/assets/missing.js"}) {
    EXPECT_EQ(error_status(path), 404) << path;
  }
  EXPECT_EQ(error_status("/", Method::POST), 404);
  EXPECT_EQ(get("/apiary").status, 200);  // only whole segments are reserved
}

TEST_F(StaticFiles, ETagGives304) {
  const auto first = get("/assets/index-abc123.js");
  const auto etag = first.headers.at("ETag");
  auto r = get("/assets/index-abc123.js", Method::GET, etag);
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.headers.at("ETag"), etag);
  EXPECT_EQ(get("/assets/index-abc123.js", Method::GET, "\"x\", W/" + etag).status, 304);
  EXPECT_EQ(get("/assets/index-abc123.js", Method::GET, "*").status, 304);
  EXPECT_EQ(get("/assets/index-abc123.js", Method::GET, "\"other\"").status, 200);

  // A rebuilt file gets a new tag.
  write(root_ / "assets" / "index-abc123.js", "console.log(22)");
  EXPECT_NE(get("/assets/index-abc123.js").headers.at("ETag"), etag);
}

TEST_F(StaticFiles, NoTraversalDotFilesOrEscapingSymlinks) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/.env", "//etc/passwd",
                           "/./index.html"}) {
    EXPECT_EQ(error_status(path), 404) << path;
  }
  fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  fs::create_directory_symlink(base_, root_ / "up");
  // Not served as files; as extension-less-looking SPA paths they get index.html instead.
  auto r = get("/link.txt");
  EXPECT_NE(r.body, "outside");
  r = get("/up/secret.txt");
  EXPECT_NE(r.body, "outside");
  // A symlink that stays inside the root is fine.
  fs::create_symlink(root_ / "favicon.svg", root_ / "icon.svg");
  EXPECT_EQ(get("/icon.svg").body, "<svg/>");
}

TEST_F(StaticFiles, NotBuiltGives503Page) {
  fs::remove(root_ / "index.html");
  auto r = get("/");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("make build"), std::string::npos);
  EXPECT_EQ(r.headers.at("Content-Type"), "text/html; charset=utf-8");
  // Existing files and reserved paths behave as before.
  EXPECT_EQ(get("/favicon.svg").status, 200);
  EXPECT_EQ(error_status("/api/v1/x"), 404);

  auto missing = make_static_handler((base_ / "no-such-dir").string());
  Request req;
  req.path = "/users";
  EXPECT_EQ(missing(req).status, 503);
}

}  // namespace
}  // namespace ql::http
