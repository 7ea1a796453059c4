#include "power/default_items.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "power/routing.hpp"

namespace ql::power {
namespace {

const Thresholds& defaults_for(const std::string& kind) {
  for (const auto& t : default_thresholds())
    if (t.kind == kind) return t;
  ADD_FAILURE() << "no default thresholds for " << kind;
  return default_thresholds().back();
}

bool has_step(const std::vector<const FlowStep*>& route, StepKind kind, const std::string& body = {}) {
  return std::any_of(route.begin(), route.end(),
                     [&](const FlowStep* s) { return s->kind == kind && (body.empty() || s->meeting_body == body); });
}

bool is_amount_routed(const std::string& kind) {
  return kind == "purchase" || kind == "works" || kind == "service" || kind == "spending" || kind == "asset_deal";
}

TEST(DefaultItems, AboutThirtySixWithUniqueCodesInBothGroups) {
  const auto& items = default_power_items();
  EXPECT_EQ(items.size(), 36u);
  std::set<std::string> codes;
  int collective = 0, service = 0;
  for (const auto& i : items) {
    EXPECT_TRUE(codes.insert(i.code).second) << "duplicate code " << i.code;
    EXPECT_FALSE(i.name_zh.empty()) << i.code;
    EXPECT_FALSE(i.name_en.empty()) << i.code;
    EXPECT_FALSE(i.legal_basis.empty()) << i.code;
    EXPECT_FALSE(i.description.empty()) << i.code;
    if (i.group == "collective") ++collective;
    else if (i.group == "service") ++service;
    else ADD_FAILURE() << i.code << " has group " << i.group;
    EXPECT_EQ(i.code.rfind(i.group + ".", 0), 0u) << i.code << " should start with its group";
  }
  EXPECT_GE(collective, 17);
  EXPECT_GE(service, 15);
}

TEST(DefaultItems, EveryFlowSurvivesTheJsonRoundTripUnchanged) {
  for (const auto& i : default_power_items()) {
    SCOPED_TRACE(i.code);
    const auto j = flow_to_json(i.flow);
    Flow back;
    ASSERT_NO_THROW(back = flow_from_json(j));
    EXPECT_EQ(flow_to_json(back), j);
  }
}

TEST(DefaultItems, EveryHighRiskHasAControlAndEveryStepARoleOrAMeaning) {
  int risks = 0;
  for (const auto& i : default_power_items()) {
    for (const auto& s : i.flow.steps) {
      for (const auto& r : s.risks) {
        ++risks;
        if (r.level == RiskLevel::high) {
          EXPECT_FALSE(r.control.empty()) << i.code << "/" << s.key << ": " << r.text;
        }
      }
      if (s.kind == StepKind::approve || s.kind == StepKind::record) {
        EXPECT_FALSE(s.roles.empty()) << i.code << "/" << s.key;
      }
    }
  }
  // A catalogue without risk points would make the 廉政风险点一览表 empty.
  EXPECT_GT(risks, 100);
}

TEST(DefaultItems, AmountRoutedItemsRouteThirtyThousandToTheJointMeetingAndSixtyThousandToFourDeliberations) {
  int checked = 0;
  for (const auto& i : default_power_items()) {
    if (!is_amount_routed(i.kind)) continue;
    SCOPED_TRACE(i.code);
    ++checked;
    const auto& t = defaults_for(i.kind);
    // Every band a case can fall into has an approval: nobody may skip the decision.
    for (auto band : {AmountBand::small, AmountBand::medium, AmountBand::large, AmountBand::township,
                      AmountBand::county}) {
      const auto route = route_for(i.flow, band);
      EXPECT_TRUE(has_step(route, StepKind::approve) || has_step(route, StepKind::joint)) << to_string(band);
    }
    const auto b30 = band_for(t, 3'000'000);   // 30,000 元
    const auto b60 = band_for(t, 6'000'000);   // 60,000 元
    const auto r30 = route_for(i.flow, b30);
    const auto r60 = route_for(i.flow, b60);
    if (b30 == AmountBand::medium) {
      // 两委联席会议 with the 监审小组 signing, and no 四议两公开.
      auto joint = std::find_if(r30.begin(), r30.end(), [](const FlowStep* s) { return s->kind == StepKind::joint; });
      ASSERT_NE(joint, r30.end());
      EXPECT_NE(std::find((*joint)->roles.begin(), (*joint)->roles.end(), "supervisor"), (*joint)->roles.end());
      EXPECT_FALSE(has_step(r30, StepKind::meeting, "representatives"));
    }
    ASSERT_EQ(b60, AmountBand::large);
    EXPECT_TRUE(has_step(r60, StepKind::meeting, "two_committees"));
    EXPECT_TRUE(has_step(r60, StepKind::meeting, "party_members"));
    EXPECT_TRUE(has_step(r60, StepKind::meeting, "representatives"));
    EXPECT_TRUE(has_step(r60, StepKind::disclose));
    EXPECT_FALSE(std::any_of(r60.begin(), r60.end(), [](const FlowStep* s) { return s->key == "head_approve"; }));
    if (i.kind == "spending") {
      // Large spending needs the 监审小组 jointly (财务审批流程图).
      EXPECT_TRUE(std::any_of(r60.begin(), r60.end(), [](const FlowStep* s) {
        return s->kind == StepKind::joint && s->roles.size() >= 3;
      }));
    }
    if (i.code == "collective.purchase" || i.code == "collective.works" || i.code == "collective.service_purchase") {
      EXPECT_EQ(b30, AmountBand::medium);
      EXPECT_TRUE(has_step(r60, StepKind::tender));
      EXPECT_FALSE(has_step(r30, StepKind::tender));
      // Above the township threshold the trading centre replaces the village tender.
      const auto big = route_for(i.flow, band_for(t, 100'000'000));
      ASSERT_TRUE(has_step(big, StepKind::tender));
      EXPECT_TRUE(std::any_of(big.begin(), big.end(), [](const FlowStep* s) { return s->key == "township_tender"; }));
      EXPECT_FALSE(std::any_of(big.begin(), big.end(), [](const FlowStep* s) { return s->key == "village_tender"; }));
    }
  }
  EXPECT_GE(checked, 6);
}

}  // namespace
}  // namespace ql::power
