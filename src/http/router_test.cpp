#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ql::http {
namespace {

Handler named(std::string name) {
  return [name](Request&) { return Response::text(200, name); };
}

Request request(Method method, std::string path) {
  Request r;
  r.method = method;
  r.path = std::move(path);
  return r;
}

// Runs the matched handler and returns its body, or "" when nothing matched.
std::string run(const Router& router, Request req) {
  const auto m = router.match(req);
  return m.handler ? (*m.handler)(req).body : "";
}

TEST(Router, LiteralAndCaptureSegments) {
  Router router;
  router.add(Method::GET, "/", named("root"));
  router.add(Method::GET, "/api/v1/users", named("list"));
  router.add(Method::GET, "/api/v1/users/{id}", named("one"));
  router.add(Method::GET, "/api/v1/dicts/{code}/items/{value}", named("item"));

  EXPECT_EQ(run(router, request(Method::GET, "/")), "root");
  EXPECT_EQ(run(router, request(Method::GET, "/api/v1/users")), "list");

  auto req = request(Method::GET, "/api/v1/users/42");
  auto m = router.match(req);
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(*m.pattern, "/api/v1/users/{id}");
  EXPECT_EQ(req.path_param("id"), "42");

  req = request(Method::GET, "/api/v1/dicts/gender/items/a b");  // path is already decoded
  m = router.match(req);
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(req.path_params.at("code"), "gender");
  EXPECT_EQ(req.path_params.at("value"), "a b");
}

TEST(Router, NoMatch) {
  Router router;
  router.add(Method::GET, "/api/v1/users/{id}", named("one"));
  for (const char* path : {"/api/v1/users", "/api/v1/users/", "/api/v1/users//", "/api/v1/users/1/x",
                           "/api/v1/users//x", "/api/v2/users/1", "/"}) {
    auto req = request(Method::GET, path);
    const auto m = router.match(req);
    EXPECT_FALSE(m.handler) << path;
    EXPECT_FALSE(m.method_not_allowed) << path;
    EXPECT_FALSE(m.pattern) << path;
  }
}

TEST(Router, LiteralBeatsCaptureRegardlessOfOrder) {
  Router router;
  router.add(Method::GET, "/users/{id}", named("capture"));
  router.add(Method::GET, "/users/me", named("me"));
  router.add(Method::GET, "/{a}/x", named("a-x"));
  router.add(Method::GET, "/users/{id}/x", named("users-x"));
  EXPECT_EQ(run(router, request(Method::GET, "/users/me")), "me");
  EXPECT_EQ(run(router, request(Method::GET, "/users/7")), "capture");
  // The leftmost literal decides.
  EXPECT_EQ(run(router, request(Method::GET, "/users/7/x")), "users-x");
  EXPECT_EQ(run(router, request(Method::GET, "/groups/x")), "a-x");
}

TEST(Router, MethodNotAllowedListsAllowedMethods) {
  Router router;
  router.add(Method::GET, "/users/{id}", named("get"));
  router.add(Method::PATCH, "/users/{id}", named("patch"));
  router.add(Method::POST, "/users/me", named("post-me"));

  auto req = request(Method::DELETE, "/users/5");
  auto m = router.match(req);
  EXPECT_FALSE(m.handler);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, PATCH");
  ASSERT_TRUE(m.pattern);
  EXPECT_EQ(*m.pattern, "/users/{id}");

  req = request(Method::DELETE, "/users/me");
  m = router.match(req);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST, PATCH");
  EXPECT_EQ(*m.pattern, "/users/me");

  // A method on a different, less specific route still matches.
  EXPECT_EQ(run(router, request(Method::GET, "/users/me")), "get");
  EXPECT_EQ(run(router, request(Method::OTHER, "/users/me")), "");
}

TEST(Router, HeadUsesGetRouteUnlessItHasItsOwn) {
  Router router;
  router.add(Method::GET, "/a", named("get-a"));
  router.add(Method::GET, "/b", named("get-b"));
  router.add(Method::HEAD, "/b", named("head-b"));
  router.add(Method::POST, "/c", named("post-c"));
  EXPECT_EQ(run(router, request(Method::HEAD, "/a")), "get-a");
  EXPECT_EQ(run(router, request(Method::HEAD, "/b")), "head-b");
  auto req = request(Method::HEAD, "/c");
  const auto m = router.match(req);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "POST");
}

TEST(Router, RejectsBadPatternsAndDuplicates) {
  Router router;
  router.add(Method::GET, "/users/{id}", named("x"));
  EXPECT_THROW(router.add(Method::GET, "/users/{uid}", named("y")), std::invalid_argument);
  EXPECT_NO_THROW(router.add(Method::POST, "/users/{uid}", named("y")));
  for (const char* bad : {"", "users", "/a//b", "/a/", "/{}", "/x{id}", "/{a}/{a}", "/{a/b}"}) {
    EXPECT_THROW(router.add(Method::GET, bad, named("z")), std::invalid_argument) << bad;
  }
  EXPECT_THROW(router.add(Method::OTHER, "/other", named("z")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::GET, "/empty", Handler{}), std::invalid_argument);
}

TEST(Router, RestCaptureTakesTheRestOfThePath) {
  Router router;
  router.add(Method::GET, "/log/tile/{tile...}", named("tile"));
  router.add(Method::GET, "/log/tile/entries/{bundle...}", named("bundle"));
  router.add(Method::GET, "/log/tile/{level}/special", named("special"));
  ASSERT_EQ(router.routes()[0].pattern, "/log/tile/{tile}");  // the OpenAPI spelling
  EXPECT_TRUE(router.routes()[0].rest);

  auto req = request(Method::GET, "/log/tile/0/x001/234.p/8");
  auto m = router.match(req);
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(*m.pattern, "/log/tile/{tile}");
  EXPECT_EQ(req.path_params.at("tile"), "0/x001/234.p/8");
  req = request(Method::GET, "/log/tile/1");
  ASSERT_TRUE(router.match(req).handler);
  EXPECT_EQ(req.path_params.at("tile"), "1");
  // A longer literal prefix wins over a shorter one, and a route without a rest capture
  // wins over one with it.
  EXPECT_EQ(run(router, request(Method::GET, "/log/tile/entries/000.p/3")), "bundle");
  req = request(Method::GET, "/log/tile/entries/000.p/3");
  m = router.match(req);
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(*m.pattern, "/log/tile/entries/{bundle}");
  EXPECT_EQ(req.path_params.at("bundle"), "000.p/3");
  EXPECT_EQ(run(router, request(Method::GET, "/log/tile/3/special")), "special");
  EXPECT_EQ(run(router, request(Method::GET, "/log/tile/3/special/x")), "tile");
  // Empty segments are never captured, and the rest capture needs at least one segment.
  for (const char* path : {"/log/tile", "/log/tile/", "/log/tile/0//1", "/log/tile/0/", "/log/tiles/0"})
    EXPECT_EQ(run(router, request(Method::GET, path)), "") << path;
  EXPECT_EQ(run(router, request(Method::POST, "/log/tile/0/000")), "");

  EXPECT_THROW(router.add(Method::GET, "/log/tile/{other...}", named("z")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::GET, "/a/{x...}/b", named("z")), std::invalid_argument);
  EXPECT_THROW(router.add(Method::GET, "/a/{...}", named("z")), std::invalid_argument);
  EXPECT_NO_THROW(router.add(Method::GET, "/log/{x}/{y}", named("z")));  // not the same shape
}

TEST(Router, PathParamsAreReplacedOnEachMatch) {
  Router router;
  router.add(Method::GET, "/a/{x}", named("a"));
  router.add(Method::GET, "/b/{y}", named("b"));
  auto req = request(Method::GET, "/a/1");
  router.match(req);
  req.path = "/b/2";
  router.match(req);
  EXPECT_EQ(req.path_params.size(), 1u);
  EXPECT_EQ(req.path_params.at("y"), "2");
}

// The router files routes by segment count and the literal at one position (the module in
// /api/v1/<module>); captures at that position, and rest captures, must still be found.
TEST(Router, CapturesWhereTheIndexLooksAreStillFound) {
  Router router;
  router.add(Method::GET, "/{page}", named("page"));
  router.add(Method::GET, "/p", named("p"));
  router.add(Method::GET, "/p/{code}", named("community"));
  router.add(Method::DELETE, "/api/v1/{kind}/me", named("delete-any"));
  router.add(Method::GET, "/api/v1/users/me", named("me"));
  router.add(Method::GET, "/api/v1/users/{id}", named("user"));
  router.add(Method::GET, "/files/{path...}", named("file"));

  EXPECT_EQ(run(router, request(Method::GET, "/p")), "p");
  EXPECT_EQ(run(router, request(Method::GET, "/q")), "page");
  EXPECT_EQ(run(router, request(Method::GET, "/p/339902001001")), "community");
  EXPECT_EQ(run(router, request(Method::GET, "/api/v1/users/me")), "me");
  EXPECT_EQ(run(router, request(Method::GET, "/api/v1/users/7")), "user");
  EXPECT_EQ(run(router, request(Method::DELETE, "/api/v1/users/me")), "delete-any");
  EXPECT_EQ(run(router, request(Method::DELETE, "/api/v1/groups/me")), "delete-any");
  EXPECT_EQ(run(router, request(Method::GET, "/files/a/b/c/d/e")), "file");
  EXPECT_EQ(run(router, request(Method::GET, "/api/v1/users/me/x")), "");

  auto req = request(Method::POST, "/api/v1/users/me");
  const auto m = router.match(req);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, DELETE");
  EXPECT_EQ(*m.pattern, "/api/v1/users/me");
}

TEST(Router, Fallback) {
  Router router;
  EXPECT_FALSE(router.fallback());
  router.set_fallback(named("fb"));
  ASSERT_TRUE(router.fallback());
  Request req;
  EXPECT_EQ((*router.fallback())(req).body, "fb");
}

}  // namespace
}  // namespace ql::http
