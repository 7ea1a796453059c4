#include "ledger/default_chart.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace ql::ledger {
namespace {

// The template is copied into every village: its codes must be unique, parents must precede
// their sub-accounts with the same category and direction, and the cash/bank flags must sit
// on 现金 and 银行存款 only.
TEST(DefaultChart, IsConsistent) {
  std::set<std::string> seen;
  int cash = 0, bank = 0;
  for (const auto& a : default_chart()) {
    EXPECT_TRUE(seen.insert(std::string(a.code)).second) << a.code;
    const auto parent = parent_code_of(a.code);
    if (!parent.empty()) {
      EXPECT_TRUE(seen.count(std::string(parent))) << a.code;
      for (const auto& p : default_chart())
        if (p.code == parent) {
          EXPECT_EQ(p.category, a.category) << a.code;
          EXPECT_EQ(p.direction, a.direction) << a.code;
        }
    }
    cash += a.is_cash;
    bank += a.is_bank;
    // First digit of the code is its category in the 2004 system.
    const char first = a.code.front();
    const char expected = a.category == Category::asset       ? '1'
                          : a.category == Category::liability ? '2'
                          : a.category == Category::equity    ? '3'
                          : a.category == Category::cost      ? '4'
                                                              : '5';
    EXPECT_EQ(first, expected) << a.code;
  }
  EXPECT_EQ(cash, 1);
  EXPECT_EQ(bank, 1);
  EXPECT_GE(default_chart().size(), 33u);
}

TEST(DefaultChart, ParentCode) {
  EXPECT_EQ(parent_code_of("102.01"), "102");
  EXPECT_EQ(parent_code_of("102.01.03"), "102.01");
  EXPECT_EQ(parent_code_of("102"), "");
}

}  // namespace
}  // namespace ql::ledger
