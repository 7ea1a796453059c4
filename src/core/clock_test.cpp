#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace ql {

TEST(Clock, IsoRoundTripAndValidation) {
  auto t = parse_iso("2026-11-21T08:09:10Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(to_iso(*t), "2026-11-21T08:09:10Z");
  EXPECT_EQ(to_iso(*parse_iso("2024-02-29")), "2024-02-29T00:00:00Z");
  EXPECT_FALSE(parse_iso("2023-02-29"));
  EXPECT_FALSE(parse_iso("2026-11-21T24:00:00Z"));
  EXPECT_FALSE(parse_iso("2026-11-21 08:09:10"));
  EXPECT_FALSE(parse_iso(""));
}

TEST(Clock, TestOverride) {
  auto fixed = *parse_iso("2030-01-01T00:00:00Z");
  set_clock_for_testing([fixed] { return fixed; });
  EXPECT_EQ(now_iso(), "2030-01-01T00:00:00Z");
  set_clock_for_testing(nullptr);
  EXPECT_NE(now_iso(), "2030-01-01T00:00:00Z");
}

TEST(Clock, BusinessDateIsShanghaiCalendarDay) {
  // 15:59:59Z is 23:59:59 in Shanghai, 16:00:00Z already the next day there.
  EXPECT_EQ(business_date(*parse_iso("2026-03-31T15:59:59Z")), "2026-03-31");
  EXPECT_EQ(business_date(*parse_iso("2026-03-31T16:00:00Z")), "2026-04-01");
  EXPECT_EQ(business_date(*parse_iso("2026-12-31T16:00:00Z")), "2027-01-01");
  EXPECT_EQ(business_date(*parse_iso("2026-07-01T00:00:00Z")), "2026-07-01");
}

TEST(Clock, BusinessTimeTextIsShanghaiWallClock) {
  EXPECT_EQ(business_time_text("2026-12-31T16:05:59Z"), "2027-01-01 00:05");
  EXPECT_EQ(business_time_text("2026-11-21T02:30:00Z"), "2026-11-21 10:30");
  EXPECT_EQ(business_time_text("2026-11-21"), "2026-11-21");  // not a time: unchanged
  EXPECT_EQ(business_time_text("garbage"), "garbage");
}

TEST(Clock, DateParsingAndArithmetic) {
  auto d = parse_date("2024-02-28");
  ASSERT_TRUE(d);
  EXPECT_EQ(to_date_string(*d + std::chrono::days{1}), "2024-02-29");
  EXPECT_EQ(to_date_string(*d + std::chrono::days{2}), "2024-03-01");
  EXPECT_EQ((*parse_date("2027-01-20") - *parse_date("2026-12-31")).count(), 20);
  EXPECT_FALSE(parse_date("2026-02-30"));
  EXPECT_FALSE(parse_date("2026-1-05"));
  EXPECT_FALSE(parse_date("2026-01-05T00:00:00Z"));
  EXPECT_FALSE(parse_date("20260105xx"));
  EXPECT_FALSE(parse_date("2026-01-+5"));
  EXPECT_FALSE(parse_date(""));
}

}  // namespace ql
