#include "ledger/period.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ql::ledger {
namespace {

TEST(Period, Parsing) {
  EXPECT_TRUE(is_period("2026-01"));
  EXPECT_TRUE(is_period("2026-12"));
  EXPECT_FALSE(is_period("2026-13"));
  EXPECT_FALSE(is_period("2026-00"));
  EXPECT_FALSE(is_period("2026-1"));
  EXPECT_FALSE(is_period("1999-12"));
  EXPECT_FALSE(is_period("2026/01"));
}

TEST(Period, Arithmetic) {
  EXPECT_EQ(next_period("2026-12"), "2027-01");
  EXPECT_EQ(next_period("2026-02"), "2026-03");
  EXPECT_EQ(to_date_string(period_last_day("2028-02")), "2028-02-29");
  EXPECT_EQ(to_date_string(period_first_day("2026-11")), "2026-11-01");
  EXPECT_EQ(period_of(*parse_date("2026-07-31")), "2026-07");
}

TEST(Period, DatesAreValidatedNamingTheField) {
  EXPECT_EQ(to_date_string(require_date("date", "2026-03-08")), "2026-03-08");
  try {
    require_date("from", "2026-02-30");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "from");
    EXPECT_EQ(e.http_status(), 400);
  }
  EXPECT_THROW(require_date("date", "1999-12-31"), Error);
}

}  // namespace
}  // namespace ql::ledger
