#include "core/strings.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ql {
namespace {

TEST(Among, FindsOnlyExactMembers) {
  const std::vector<std::string> kinds = {"decision", "works", "purchase"};
  EXPECT_TRUE(among(kinds, "works"));
  EXPECT_TRUE(among(kinds, std::string("purchase")));
  EXPECT_FALSE(among(kinds, "work"));    // no prefix match
  EXPECT_FALSE(among(kinds, "Works"));   // codes are case-sensitive
  EXPECT_FALSE(among(kinds, ""));
  EXPECT_FALSE(among(std::vector<std::string>{}, "works"));
}

TEST(Among, TakesArraysAndLiteralLists) {
  constexpr std::string_view kSettlements[] = {"none", "cash"};
  EXPECT_TRUE(among(kSettlements, "cash"));
  EXPECT_FALSE(among(kSettlements, "bank"));
  EXPECT_TRUE(among({"approve", "reject", "return"}, "reject"));
  EXPECT_FALSE(among({"approve", "reject", "return"}, "sign"));
  // A value holding a NUL is not cut short at it.
  EXPECT_FALSE(among({"a"}, std::string_view("a\0b", 3)));
}

}  // namespace
}  // namespace ql
