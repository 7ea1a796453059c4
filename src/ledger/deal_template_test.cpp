#include "ledger/deal_template.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ql::ledger {
namespace {

std::string field_of(const std::vector<DealStepDef>& steps) {
  try {
    check_deal_steps(steps);
  } catch (const Error& e) {
    return e.field();
  }
  return "";
}

TEST(DealTemplate, DefaultHasSixteenValidStepsWithThreeDisclosures) {
  const auto& d = default_deal_steps();
  ASSERT_EQ(d.size(), 16u);
  EXPECT_EQ(field_of(d), "");
  int disclosures = 0;
  for (const auto& s : d) disclosures += s.action.starts_with("disclose_") ? 1 : 0;
  EXPECT_EQ(disclosures, 3);
  EXPECT_EQ(d[4].action, "disclose_before");
  EXPECT_EQ(d[7].action, "disclose_plan");
  EXPECT_EQ(d[14].action, "disclose_after");
}

TEST(DealTemplate, RejectsMissingOrMisorderedActionsAndBadFields) {
  auto steps = default_deal_steps();
  auto swapped = steps;
  std::swap(swapped[4].action, swapped[7].action);  // plan published before the "before" stage
  EXPECT_EQ(field_of(swapped), "steps[4].action");
  auto missing = steps;
  missing[14].action = "none";
  EXPECT_EQ(field_of(missing), "steps");
  auto twice = steps;
  twice[15].action = "disclose_after";
  EXPECT_EQ(field_of(twice), "steps[15].action");
  auto role = steps;
  role[2].role = "resident";
  EXPECT_EQ(field_of(role), "steps[2].role");
  auto name = steps;
  name[3].name = "";
  EXPECT_EQ(field_of(name), "steps[3].name");
  auto first = steps;
  first[0].approval = true;
  EXPECT_EQ(field_of(first), "steps[0].action");
  EXPECT_EQ(field_of({steps[0], steps[4]}), "steps");  // too few
}

TEST(DealTemplate, JsonRoundTrip) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& s : default_deal_steps()) j.push_back(to_json(s));
  const auto back = deal_steps_from_json(j);
  ASSERT_EQ(back.size(), 16u);
  EXPECT_EQ(back[11].action, "record_result");
  EXPECT_TRUE(back[1].approval);
  EXPECT_EQ(back[12].role, "supervisor");
}

}  // namespace
}  // namespace ql::ledger
