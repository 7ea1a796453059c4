#include "disclosure/default_catalog.hpp"

namespace ql::disclosure {
namespace {

// Days after a period's end: monthly accounts by the 10th of the next month, quarterly items by
// the 20th of the next quarter's first month, yearly items by the end of January; immediate
// items within 3 days of the decision or payment.
constexpr int kMonthly = 10, kQuarterly = 20, kYearly = 31, kImmediate = 3;
constexpr std::int64_t kLargeSpendingFen = 5'000'000;  // 5万元

}  // namespace

const std::vector<CatalogItemSpec>& default_catalog_items() {
  using F = Frequency;
  static const std::vector<CatalogItemSpec> items = {
      // 党务公开
      {"party.organization_life", "“三会一课”及主题党日开展情况", "party", F::quarterly, kQuarterly, {},
       "支部党员大会、支委会、党小组会、党课及主题党日的次数、主题和参加人数", 10},
      {"party.dues", "党费收缴、使用和管理情况", "party", F::quarterly, kQuarterly, {},
       "按月收缴、按季公开:应缴、实缴人数和金额,党费使用明细", 20},
      {"party.member_development", "发展党员各阶段公示", "party", F::immediate, kImmediate, {},
       "确定入党积极分子、发展对象、预备党员和预备党员转正前公示", 30},
      {"party.annual_review", "党组织书记述职评议及民主评议党员结果", "party", F::yearly, kYearly, {},
       "抓基层党建述职评议考核结果、民主评议党员等次", 40},
      {"party.annual_plan", "党组织年度工作计划及完成情况", "party", F::yearly, kYearly, {},
       "年初计划、年终完成情况及党风廉政建设责任落实", 50},
      // 村务/居务公开
      {"affairs.four_deliberations", "“四议两公开”决议事项及实施结果", "affairs", F::immediate, kImmediate, {},
       "党组织提议、两委商议、党员大会审议、村(居)民代表会议决议后公开决议,实施后公开结果", 110},
      {"affairs.major_matters", "“三重一大”事项决策及执行情况", "affairs", F::immediate, kImmediate, {},
       "重大事项决策、重要干部任免、重大项目安排、大额度资金使用", 120},
      {"affairs.projects", "建设项目立项、招投标、施工及验收情况", "affairs", F::quarterly, kQuarterly, {},
       "项目名称、资金来源、承建单位、合同金额、进度和验收结果(事前、事中、事后)", 130},
      {"affairs.land_housing", "宅基地审批及土地征收征用补偿情况", "affairs", F::quarterly, kQuarterly, {},
       "宅基地申请审批结果,征地补偿标准、分配方案和发放情况", 140},
      {"affairs.annual_plan", "村(居)年度工作目标及完成情况", "affairs", F::yearly, kYearly, {},
       "村(居)民委员会年度工作报告", 150},
      {"affairs.cadre_pay", "村(社区)干部报酬、误工补贴及考核结果", "affairs", F::yearly, kYearly, {},
       "干部基本报酬、绩效考核报酬、误工补贴标准和发放情况", 160},
      // 财务公开
      {"finance.monthly_accounts", "月度财务收支明细", "finance", F::monthly, kMonthly, {},
       "财务往来较多的村(社区)按月公开收支明细", 210},
      {"finance.quarterly_income", "季度财务收入情况", "finance", F::quarterly, kQuarterly, {},
       "经营、发包、上级补助、投资等各项收入", 220},
      {"finance.quarterly_expense", "季度财务支出明细", "finance", F::quarterly, kQuarterly, {},
       "各项支出逐笔列示,含非生产性开支", 230},
      {"finance.large_expense", "单笔支出 5 万元以上", "finance", F::immediate, kImmediate, kLargeSpendingFen,
       "单笔支出达到 5 万元即时公开用途、金额、决策程序和收款方", 240},
      {"finance.assets_contracts", "集体资产资源发包、出租及合同履行情况", "finance", F::quarterly, kQuarterly,
       {}, "“三资”发包出租对象、期限、价格,租金收缴和合同履行", 250},
      {"finance.annual_budget", "年度财务预决算及集体收益分配", "finance", F::yearly, kYearly, {},
       "年度预算、决算和集体经济收益分配方案", 260},
      {"finance.debts", "集体债权债务情况", "finance", F::yearly, kYearly, {},
       "年末债权债务余额及清收、偿还情况", 270},
      // 服务公开
      {"service.social_assistance", "低保、特困供养及临时救助情况", "service", F::quarterly, kQuarterly, {},
       "救助对象、标准和金额(不公开身份证号等个人敏感信息)", 310},
      {"service.subsidies", "惠农惠民补贴发放情况", "service", F::quarterly, kQuarterly, {},
       "种粮、耕地地力保护、养老、残疾人等补贴的对象、标准和金额", 320},
      {"service.guide", "便民服务事项办事指南及服务承诺", "service", F::yearly, kYearly, {},
       "代办事项清单、办理流程、所需材料、时限和监督电话", 330},
  };
  return items;
}

}  // namespace ql::disclosure
