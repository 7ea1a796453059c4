#include "auth/permission.hpp"

namespace ql::auth {

const std::vector<PermissionInfo>& all_permissions() {
  static const std::vector<PermissionInfo> all = {
      {"system:user:read", "查看用户", "View users"},
      {"system:user:write", "管理用户", "Manage users"},
      {"system:role:read", "查看角色", "View roles"},
      {"system:role:write", "管理角色", "Manage roles"},
      {"system:region:read", "查看行政区划", "View regions"},
      {"system:region:write", "管理行政区划", "Manage regions"},
      {"system:dict:read", "查看数据字典", "View dictionaries"},
      {"system:dict:write", "管理数据字典", "Manage dictionaries"},
      {"system:oplog:read", "查看操作日志", "View the operation log"},
      {"system:loginlog:read", "查看登录日志", "View the login log"},
      {"disclosure:catalog:read", "查看公开目录", "View disclosure catalogues"},
      {"disclosure:catalog:write", "管理公开目录", "Manage disclosure catalogues"},
      {"disclosure:publication:read", "查看公开事项(含草稿)", "View disclosures, drafts included"},
      {"disclosure:publication:write", "编辑公开草稿", "Edit disclosure drafts"},
      {"disclosure:publication:publish", "发布、更正、撤回公开", "Publish, correct and withdraw disclosures"},
      {"disclosure:comment:moderate", "审核居民留言", "Moderate residents' comments"},
      {"disclosure:comment:answer", "答复居民留言", "Answer residents' comments"},
      {"disclosure:log:admin", "管理公开日志(见证签名)", "Administer the publication log (cosignatures)"},
      {"ledger:fund:read", "查看村集体资金账(凭证、账簿、报表)", "View village funds books (vouchers, ledgers, reports)"},
      {"ledger:fund:write", "记账(科目、凭证、冲销、作废)", "Keep the funds books (accounts, vouchers, reversals)"},
      {"ledger:fund:close", "会计期间结账", "Close accounting periods"},
      {"ledger:asset:read", "查看资产、资源、合同及预警", "View assets, resources, contracts and their warnings"},
      {"ledger:asset:write", "登记资产、资源、合同及收款", "Record assets, resources, contracts and payments"},
      {"ledger:asset:settings", "设置合同预警阈值和参考价", "Set contract warning thresholds and reference prices"},
      {"ledger:deal:read", "查看三资交易及其流程", "View asset deals and their steps"},
      {"ledger:deal:write", "发起三资交易", "Start asset deals"},
      {"ledger:deal:act", "办理三资交易环节(按环节角色)", "Take asset deal steps (by the step's role)"},
      {"ledger:deal:template", "设置三资交易流程模板", "Set the asset deal step template"},
      {"ledger:inventory:write", "年度清查:清点、盘盈登记、结束清查", "Yearly stock-take: count, record surplus, close"},
      {"power:chart:read", "查看三图三表(责任图、流程图、风险点表、内审核查表)",
       "View the three charts and three tables (responsibility, flows, risks, internal audit)"},
      {"power:item:read", "查看小微权力清单、流程和审批权限", "View power items, their flows and routing rules"},
      {"power:item:write", "管理小微权力清单、流程版本和审批权限", "Manage power items, flow versions and routing rules"},
      {"power:case:read", "查看小微权力办件和用章登记", "View power cases and the seal log"},
      {"power:case:start", "发起、修改、重新提交办件", "Start, edit and resubmit power cases"},
      {"power:case:act", "办理办件环节(按环节角色)", "Act on power case steps (by the step's role)"},
      {"power:seal:write", "登记印章使用", "Record seal use"},
  };
  return all;
}

bool is_known_permission(std::string_view code) {
  if (code == "*") return true;
  for (const auto& p : all_permissions())
    if (p.code == code) return true;
  // "module:*" is valid when some permission of that module exists.
  if (code.size() > 2 && code.substr(code.size() - 2) == ":*") {
    auto module = code.substr(0, code.size() - 1);
    for (const auto& p : all_permissions())
      if (p.code.substr(0, module.size()) == module) return true;
  }
  return false;
}

bool permits(const std::vector<std::string>& granted, std::string_view required) {
  for (const auto& g : granted) {
    if (g == "*" || g == required) return true;
    if (g.size() > 2 && g.compare(g.size() - 2, 2, ":*") == 0 &&
        required.substr(0, g.size() - 1) == std::string_view(g).substr(0, g.size() - 1))
      return true;
  }
  return false;
}

}  // namespace ql::auth
