#include "ledger/deal_template.hpp"

#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"

namespace ql::ledger {

const std::vector<DealStepDef>& default_deal_steps() {
  // Sources and reasoning: docs/ASSETS.md § Asset deals. Three steps publish: before the plan
  // is made (5), after the plan (8) and after the deal (15), as seed 003 describes.
  static const std::vector<DealStepDef> steps = {
      {"提出交易申请", "clerk", "经办人填写交易申请,说明标的、交易方式、期限和用途", "交易申请书", "none", false},
      {"班子集体研究", "secretary", "村(社区)党组织、经济联社班子集体研究是否交易及交易条件", "班子会议纪要", "none", true},
      {"资产评估与底价确定", "street_office", "街道三资中心组织评估或比价,确定交易底价", "评估报告、底价确认单", "none", true},
      {"拟定交易方案", "clerk", "拟定交易方案:标的、底价、交易方式、期限、竞买人条件、保证金", "交易方案(草案)", "none", false},
      {"方案生成前公开", "clerk", "将拟交易的三资信息向成员公开,征求意见", "事前公开(自动发布)", "disclose_before", false},
      {"成员(代表)会议表决", "secretary", "召开党员大会及成员(代表)会议审议表决交易方案,到会过半数同意", "表决决议", "none", true},
      {"街道审核", "street_office", "街道农村集体资产交易管理部门审核交易方案及表决程序", "审核意见", "none", true},
      {"交易方案公示", "clerk", "公示经表决和审核的交易方案,公示期不少于5个工作日", "方案公示(自动发布)", "disclose_plan", false},
      {"发布交易公告", "street_office", "在区三资交易平台发布交易公告", "交易公告", "none", false},
      {"报名与资格审查", "street_office", "受理竞买报名,审查竞买人资格,监委会成员在场监督", "资格审查表", "none", true},
      {"缴纳保证金", "clerk", "确认合格竞买人已按公告缴纳交易保证金", "保证金收款凭证", "none", false},
      {"组织竞价", "street_office", "按公告方式组织竞价或招标,成交价不得低于底价,登记成交人和成交价", "成交确认书", "record_result", false},
      {"结果确认", "supervisor", "监委会成员核对交易过程和结果,确认无异议", "监督意见", "none", true},
      {"签订合同", "secretary", "按交易结果与成交人签订合同,合同条款不得变更交易条件", "交易合同", "sign_contract", false},
      {"交易结果公开", "clerk", "公开成交人、成交价、合同期限等交易结果", "事后公开(自动发布)", "disclose_after", false},
      {"资料归档", "clerk", "将申请、纪要、决议、公告、合同等全套资料归档", "交易档案", "none", false},
  };
  return steps;
}

void check_deal_steps(const std::vector<DealStepDef>& steps) {
  if (steps.size() < kMinDealSteps || steps.size() > kMaxDealSteps)
    throw invalid_field("steps", "须有 5 到 30 个环节", "must have 5 to 30 steps");
  std::size_t next_action = 1;  // index into kDealStepActions of the next special action expected
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    const auto f = "steps[" + std::to_string(i) + "].";
    const auto n = text::char_count(s.name);
    if (n < 1 || n > 50) throw invalid_field(f + "name", "须为 1 到 50 个字符", "must have 1 to 50 characters");
    if (!among(kDealStepRoles, s.role))
      throw invalid_field(f + "role", "须为 clerk、secretary、supervisor 或 street_office",
                          "must be clerk, secretary, supervisor or street_office");
    if (text::char_count(s.content) > 500) throw invalid_field(f + "content", "至多 500 个字符", "must have at most 500 characters");
    if (text::char_count(s.output) > 200) throw invalid_field(f + "output", "至多 200 个字符", "must have at most 200 characters");
    if (!among(kDealStepActions, s.action))
      throw invalid_field(f + "action",
                          "须为 none、disclose_before、disclose_plan、record_result、sign_contract 或 disclose_after",
                          "must be none, disclose_before, disclose_plan, record_result, sign_contract or disclose_after");
    if (s.action == "none") continue;
    if (next_action >= kDealStepActions.size() || kDealStepActions[next_action] != s.action)
      throw invalid_field(f + "action",
                          "特殊环节须各出现一次,顺序为:事前公开、方案公示、登记成交结果、签订合同、事后公开",
                          "special steps must each appear once, in the order disclose_before, disclose_plan, "
                          "record_result, sign_contract, disclose_after");
    ++next_action;
  }
  if (next_action != kDealStepActions.size())
    throw invalid_field("steps", "缺少特殊环节 " + kDealStepActions[next_action],
                        "the step with action " + kDealStepActions[next_action] + " is missing");
  if (steps.front().action != "none" || steps.front().approval)
    throw invalid_field("steps[0].action", "第一个环节须为提出申请(普通环节)",
                        "the first step must be the application (action none, no approval)");
}

nlohmann::json to_json(const DealStepDef& s) {
  return {{"name", s.name},     {"role", s.role},     {"content", s.content},
          {"output", s.output}, {"action", s.action}, {"approval", s.approval}};
}

std::vector<DealStepDef> deal_steps_from_json(const nlohmann::json& j) {
  std::vector<DealStepDef> out;
  for (const auto& s : j)
    out.push_back({s.at("name").get<std::string>(), s.at("role").get<std::string>(), s.value("content", ""),
                   s.value("output", ""), s.value("action", "none"), s.value("approval", false)});
  return out;
}

}  // namespace ql::ledger
