#include "auth/scope.hpp"

#include <gtest/gtest.h>

namespace ql::auth {
namespace {

region::Region make_region(std::string code, std::string path) {
  region::Region r;
  r.code = std::move(code);
  r.path = std::move(path);
  return r;
}

Principal principal(DataScope scope) {
  Principal p;
  p.user_id = 7;
  p.data_scope = scope;
  p.region_code = "339902001001";
  p.region_path = "/339902001000/339902001001/";
  return p;
}

TEST(Scope, CoversBySubtree) {
  const auto own_community = make_region("339902001001", "/339902001000/339902001001/");
  const auto own_grid = make_region("339902001001001", "/339902001000/339902001001/339902001001001/");
  const auto other = make_region("339902001002", "/339902001000/339902001002/");
  const auto street = make_region("339902001000", "/339902001000/");
  auto below = principal(DataScope::region_and_below);
  Scope s(below);
  EXPECT_TRUE(s.covers(own_community));
  EXPECT_TRUE(s.covers(own_grid));
  EXPECT_FALSE(s.covers(other));
  EXPECT_FALSE(s.covers(street));
  auto only = principal(DataScope::region);
  EXPECT_TRUE(Scope(only).covers(own_community));
  EXPECT_FALSE(Scope(only).covers(own_grid));
  auto all = principal(DataScope::all);
  EXPECT_TRUE(Scope(all).covers(other));
  EXPECT_EQ(Scope(all).visible_path(), "");
  EXPECT_EQ(s.visible_path(), "/339902001000/339902001001/");
}

TEST(Scope, CodesThatShareAPrefixAreNotConfused) {
  // '/3399020010010/' must not count as below '/339902001001/': paths end with '/'.
  auto p = principal(DataScope::region_and_below);
  EXPECT_FALSE(Scope(p).covers(make_region("3399020010010", "/339902001000/3399020010010/")));
}

}  // namespace
}  // namespace ql::auth
