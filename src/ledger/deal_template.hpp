#pragma once
// The step list of an asset deal (三资交易流程): the built-in 16-step default reconstructed from
// seed 003's 东塱 明白纸 and the Guangzhou/Foshan district rules (docs/ASSETS.md), and the checks
// a region's own list must pass. Pure: no database, unit tested.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ql::ledger {

// What completing a step does besides recording who and when.
inline const std::vector<std::string> kDealStepActions = {"none",          "disclose_before", "disclose_plan",
                                                          "record_result", "sign_contract",   "disclose_after"};
// The roles that may act on a step (DOMAIN.md role codes).
inline const std::vector<std::string> kDealStepRoles = {"clerk", "secretary", "supervisor", "street_office"};
inline constexpr std::size_t kMinDealSteps = 5, kMaxDealSteps = 30;

struct DealStepDef {
  std::string name;     // 1..50 characters
  std::string role;     // one of kDealStepRoles
  std::string content;  // 实施内容, up to 500
  std::string output;   // what it produces, up to 200
  std::string action = "none";
  bool approval = false;  // a decision: the deal's requester may not take it
};

// The built-in 16 steps.
const std::vector<DealStepDef>& default_deal_steps();

// Checks a step list: kMinDealSteps..kMaxDealSteps steps, each valid, and every action other
// than "none" exactly once, in the order of kDealStepActions (before the plan, the plan, the
// result, the contract, after the deal). Throws invalid_field naming "steps[i].field" or "steps".
void check_deal_steps(const std::vector<DealStepDef>& steps);

nlohmann::json to_json(const DealStepDef& s);
// Parses a stored list (written by this module; a malformed one is an internal error).
std::vector<DealStepDef> deal_steps_from_json(const nlohmann::json& j);

}  // namespace ql::ledger
