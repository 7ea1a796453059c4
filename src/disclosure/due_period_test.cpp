#include "disclosure/due_period.hpp"

#include <gtest/gtest.h>

namespace ql::disclosure {
namespace {

std::string d(Date x) { return to_date_string(x); }

TEST(DuePeriod, QuarterlyDueBy20thOfNextQuartersFirstMonth) {
  auto ps = due_periods(2026, Frequency::quarterly, 20);
  ASSERT_EQ(ps.size(), 4u);
  EXPECT_EQ(ps[0].period, "2026-Q1");
  EXPECT_EQ(d(ps[0].end), "2026-03-31");
  EXPECT_EQ(d(ps[0].due), "2026-04-20");
  EXPECT_EQ(d(ps[1].end), "2026-06-30");
  EXPECT_EQ(d(ps[1].due), "2026-07-20");
  EXPECT_EQ(d(ps[2].due), "2026-10-20");
  EXPECT_EQ(ps[3].period, "2026-Q4");
  EXPECT_EQ(d(ps[3].end), "2026-12-31");
  EXPECT_EQ(d(ps[3].due), "2027-01-20");  // crosses into the next year
}

TEST(DuePeriod, MonthlyHandlesMonthLengthsAndLeapYears) {
  auto ps = due_periods(2024, Frequency::monthly, 10);
  ASSERT_EQ(ps.size(), 12u);
  EXPECT_EQ(ps[0].period, "2024-01");
  EXPECT_EQ(d(ps[0].due), "2024-02-10");
  EXPECT_EQ(ps[1].period, "2024-02");
  EXPECT_EQ(d(ps[1].end), "2024-02-29");
  EXPECT_EQ(d(ps[1].due), "2024-03-10");
  EXPECT_EQ(d(due_periods(2026, Frequency::monthly, 10)[1].end), "2026-02-28");
  EXPECT_EQ(d(ps[3].end), "2024-04-30");
  EXPECT_EQ(ps[11].period, "2024-12");
  EXPECT_EQ(d(ps[11].due), "2025-01-10");
}

TEST(DuePeriod, YearlyAndImmediate) {
  auto ps = due_periods(2026, Frequency::yearly, 31);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].period, "2026");
  EXPECT_EQ(d(ps[0].end), "2026-12-31");
  EXPECT_EQ(d(ps[0].due), "2027-01-31");
  EXPECT_TRUE(due_periods(2026, Frequency::immediate, 3).empty());
  EXPECT_EQ(d(due_periods(2026, Frequency::yearly, 0)[0].due), "2026-12-31");
}

TEST(DuePeriod, FindsANamedPeriodOnlyForItsFrequency) {
  auto q3 = due_period(Frequency::quarterly, 20, "2026-Q3");
  ASSERT_TRUE(q3);
  EXPECT_EQ(d(q3->due), "2026-10-20");
  EXPECT_EQ(d(due_period(Frequency::monthly, 10, "2026-07")->end), "2026-07-31");
  EXPECT_TRUE(due_period(Frequency::yearly, 31, "2026"));
  EXPECT_FALSE(due_period(Frequency::monthly, 10, "2026-Q3"));
  EXPECT_FALSE(due_period(Frequency::quarterly, 20, "2026-Q5"));
  EXPECT_FALSE(due_period(Frequency::monthly, 10, "2026-13"));
  EXPECT_FALSE(due_period(Frequency::monthly, 10, "2026-7"));
  EXPECT_FALSE(due_period(Frequency::yearly, 31, "26"));
  EXPECT_FALSE(due_period(Frequency::immediate, 3, "2026"));
}

TEST(DuePeriod, FrequencyNames) {
  for (auto f : {Frequency::immediate, Frequency::monthly, Frequency::quarterly, Frequency::yearly})
    EXPECT_EQ(parse_frequency(to_string(f)), f);
  EXPECT_FALSE(parse_frequency("weekly"));
  EXPECT_FALSE(parse_frequency(""));
}

}  // namespace
}  // namespace ql::disclosure
