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
