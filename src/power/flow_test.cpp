#include "power/flow.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ql::power {
namespace {

nlohmann::json purchase_flow() {
  return nlohmann::json::parse(R"({"steps":[
    {"key":"apply","name_zh":"提出申请","kind":"submit","roles":["clerk"]},
    {"key":"head","name_zh":"主任审批","kind":"approve","roles":["secretary"],"bands":["small"],"time_limit_days":3},
    {"key":"joint","name_zh":"联席会议会签","kind":"joint","roles":["secretary","supervisor"],"bands":["medium"],
     "risks":[{"text":"拆分项目规避招标","level":"high","control":"12 个月内累计计算金额"}]},
    {"key":"reps","name_zh":"村民代表会议决议","kind":"meeting","meeting_body":"representatives","roles":["supervisor"],
     "bands":["large","township"]},
    {"key":"publish","name_zh":"决议公开","kind":"disclose","disclose":{"stage":"during","category":"affairs"},
     "bands":["large","township"]},
    {"key":"file","name_zh":"归档","kind":"record","roles":["clerk"]}
  ]})");
}

std::string field_of(const nlohmann::json& j) {
  try {
    flow_from_json(j);
  } catch (const Error& e) {
    return e.field();
  }
  return "(accepted)";
}

TEST(PowerFlow, RoundTripsThroughJson) {
  auto f = flow_from_json(purchase_flow());
  ASSERT_EQ(f.steps.size(), 6u);
  EXPECT_EQ(f.steps[2].kind, StepKind::joint);
  EXPECT_EQ(f.steps[2].risks.at(0).level, RiskLevel::high);
  auto again = flow_from_json(flow_to_json(f));
  EXPECT_EQ(flow_to_json(again), flow_to_json(f));
  EXPECT_EQ(flow_to_json(f)["steps"][4]["disclose"]["stage"], "during");
  EXPECT_TRUE(flow_to_json(f)["steps"][0]["disclose"].is_null());
}

TEST(PowerFlow, RouteFollowsBands) {
  auto f = flow_from_json(purchase_flow());
  auto keys = [&](AmountBand b) {
    std::string out;
    for (const auto* s : route_for(f, b)) out += s->key + " ";
    return out;
  };
  EXPECT_EQ(keys(AmountBand::small), "apply head file ");
  EXPECT_EQ(keys(AmountBand::medium), "apply joint file ");
  EXPECT_EQ(keys(AmountBand::large), "apply reps publish file ");
  EXPECT_EQ(keys(AmountBand::none), "apply file ");
}

TEST(PowerFlow, RejectsBadFlowsNamingTheField) {
  auto j = purchase_flow();
  j["steps"][0]["kind"] = "approve";
  EXPECT_EQ(field_of(j), "steps[0].kind");

  j = purchase_flow();
  j["steps"][3]["key"] = "joint";
  EXPECT_EQ(field_of(j), "steps[3].key");

  j = purchase_flow();
  j["steps"][2]["roles"] = {"secretary"};
  EXPECT_EQ(field_of(j), "steps[2].roles");

  j = purchase_flow();
  j["steps"][1]["roles"] = {"mayor"};
  EXPECT_EQ(field_of(j), "steps[1].roles[0]");

  j = purchase_flow();
  j["steps"][3].erase("meeting_body");
  EXPECT_EQ(field_of(j), "steps[3].meeting_body");

  j = purchase_flow();
  j["steps"][4]["disclose"] = nullptr;
  EXPECT_EQ(field_of(j), "steps[4].disclose");

  j = purchase_flow();
  j["steps"][4]["disclose"]["category"] = "gossip";
  EXPECT_EQ(field_of(j), "steps[4].disclose.category");

  j = purchase_flow();
  j["steps"][1]["bands"] = {"huge"};
  EXPECT_EQ(field_of(j), "steps[1].bands[0]");

  j = purchase_flow();
  j["steps"][2]["risks"][0]["level"] = "extreme";
  EXPECT_EQ(field_of(j), "steps[2].risks[0].level");

  j = purchase_flow();
  j["steps"][1]["time_limit_days"] = -1;
  EXPECT_EQ(field_of(j), "steps[1].time_limit_days");

  j = purchase_flow();
  j["steps"][1]["key"] = "Head Step";
  EXPECT_EQ(field_of(j), "steps[1].key");

  j = purchase_flow();
  j["steps"][1]["colour"] = "red";
  EXPECT_EQ(field_of(j), "steps[1].colour");

  EXPECT_EQ(field_of(nlohmann::json::parse(R"({"steps":[]})")), "steps");
}

}  // namespace
}  // namespace ql::power
