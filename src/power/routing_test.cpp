#include "power/routing.hpp"

#include <gtest/gtest.h>

namespace ql::power {
namespace {

const Thresholds& defaults(const std::string& kind) {
  for (const auto& t : default_thresholds())
    if (t.kind == kind) return t;
  throw std::runtime_error("no default for " + kind);
}

TEST(PowerRouting, PurchaseBandsFollowDomainDefaults) {
  const auto& t = defaults("purchase");
  EXPECT_EQ(band_for(t, std::nullopt), AmountBand::none);
  EXPECT_EQ(band_for(t, 199999), AmountBand::small);       // 1,999.99 元: the head
  EXPECT_EQ(band_for(t, 200000), AmountBand::medium);      // 2,000 元: joint meeting
  EXPECT_EQ(band_for(t, 3000000), AmountBand::medium);     // 30,000 元
  EXPECT_EQ(band_for(t, 4999999), AmountBand::medium);
  EXPECT_EQ(band_for(t, 5000000), AmountBand::large);      // 50,000 元: 四议两公开
  EXPECT_EQ(band_for(t, 6000000), AmountBand::large);      // 60,000 元
  EXPECT_EQ(band_for(t, 50000000), AmountBand::township);  // 50万
  EXPECT_EQ(band_for(t, 400000000), AmountBand::county);   // 400万
}

TEST(PowerRouting, KindsWithoutTradingCentreStayLarge) {
  const auto& t = defaults("spending");
  EXPECT_EQ(band_for(t, 99999), AmountBand::small);
  EXPECT_EQ(band_for(t, 150000), AmountBand::medium);
  EXPECT_EQ(band_for(t, 900000000), AmountBand::large);
}

TEST(PowerRouting, EveryDefaultIsOrdered) {
  bool has_star = false;
  for (const auto& t : default_thresholds()) {
    has_star |= t.kind == "*";
    EXPECT_GT(t.medium_from_fen, 0) << t.kind;
    EXPECT_GT(t.large_from_fen, t.medium_from_fen) << t.kind;
    if (t.township_from_fen) {
      EXPECT_GT(*t.township_from_fen, t.large_from_fen) << t.kind;
    }
    if (t.county_from_fen) {
      EXPECT_GT(*t.county_from_fen, t.township_from_fen.value_or(0)) << t.kind;
    }
  }
  EXPECT_TRUE(has_star);
}

}  // namespace
}  // namespace ql::power
