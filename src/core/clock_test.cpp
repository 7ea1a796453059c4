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

}  // namespace ql
