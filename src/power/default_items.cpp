#include "power/default_items.hpp"

#include <utility>

namespace ql::power {

namespace {

using Strings = std::vector<std::string>;
using Bands = std::vector<AmountBand>;
using Risks = std::vector<RiskPoint>;

constexpr auto kHigh = RiskLevel::high;
constexpr auto kMedium = RiskLevel::medium;
constexpr auto kLow = RiskLevel::low;

// Bands that go through 四议两公开: large, and the trading-centre bands above it.
const Bands kLargeUp = {AmountBand::large, AmountBand::township, AmountBand::county};

RiskPoint risk(RiskLevel level, std::string text, std::string control) {
  return RiskPoint{std::move(text), level, std::move(control)};
}

FlowStep make(std::string key, std::string zh, std::string en, StepKind kind, Strings roles, int days,
              Strings attachments = {}, Risks risks = {}, Bands bands = {}) {
  FlowStep s;
  s.key = std::move(key);
  s.name_zh = std::move(zh);
  s.name_en = std::move(en);
  s.kind = kind;
  s.roles = std::move(roles);
  s.time_limit_days = days;
  s.attachments = std::move(attachments);
  s.risks = std::move(risks);
  s.bands = std::move(bands);
  return s;
}

// The requester's application; the engine lets whoever starts the case act here, so no role.
FlowStep submit(std::string zh, std::string en, Strings attachments, Risks risks = {}) {
  return make("submit", std::move(zh), std::move(en), StepKind::submit, {}, 0, std::move(attachments),
              std::move(risks));
}

FlowStep approve(std::string key, std::string zh, std::string en, Strings roles, int days, Strings attachments = {},
                 Risks risks = {}, Bands bands = {}) {
  return make(std::move(key), std::move(zh), std::move(en), StepKind::approve, std::move(roles), days,
              std::move(attachments), std::move(risks), std::move(bands));
}

FlowStep record(std::string key, std::string zh, std::string en, Strings roles, int days, Strings attachments = {},
                Risks risks = {}, Bands bands = {}) {
  return make(std::move(key), std::move(zh), std::move(en), StepKind::record, std::move(roles), days,
              std::move(attachments), std::move(risks), std::move(bands));
}

FlowStep joint(std::string key, std::string zh, std::string en, Strings roles, int days, Strings attachments = {},
               Risks risks = {}, Bands bands = {}) {
  return make(std::move(key), std::move(zh), std::move(en), StepKind::joint, std::move(roles), days,
              std::move(attachments), std::move(risks), std::move(bands));
}

FlowStep meeting(std::string key, std::string zh, std::string en, std::string body, int days, Strings attachments = {},
                 Risks risks = {}, Bands bands = {}) {
  auto s = make(std::move(key), std::move(zh), std::move(en), StepKind::meeting, {}, days, std::move(attachments),
                std::move(risks), std::move(bands));
  s.meeting_body = std::move(body);
  return s;
}

FlowStep tender(std::string key, std::string zh, std::string en, Strings roles, int days, Strings attachments,
                Risks risks, Bands bands) {
  return make(std::move(key), std::move(zh), std::move(en), StepKind::tender, std::move(roles), days,
              std::move(attachments), std::move(risks), std::move(bands));
}

FlowStep disclose(std::string key, std::string zh, std::string en, std::string stage, std::string category, int days,
                  Bands bands = {}, Risks risks = {}) {
  auto s = make(std::move(key), std::move(zh), std::move(en), StepKind::disclose, {}, days, {}, std::move(risks),
                std::move(bands));
  s.disclose = StepDisclosure{std::move(stage), std::move(category)};
  return s;
}

void append(std::vector<FlowStep>& to, std::vector<FlowStep> more) {
  for (auto& s : more) to.push_back(std::move(s));
}

// 四议两公开 (DOMAIN.md four_deliberations): 党组织提议 → 两委商议 → 党员大会审议 → 村民代表会议决议,
// then 决议公开. The proposal is the party secretary's act on behalf of the branch committee; the
// three deliberations are meetings whose attendance and votes the engine records.
std::vector<FlowStep> four_deliberations(const Bands& bands, const std::string& category) {
  return {
      approve("party_proposal", "村党组织提议", "Party branch proposal", {"secretary"}, 7, {"支委会会议记录", "提议书"},
              {risk(kMedium, "书记个人拍板,未经支委会集体研究", "提议须附支委会会议记录,由全体支委签字")}, bands),
      meeting("two_committees", "村两委商议", "Two committees deliberate", "two_committees", 7, {"两委联席会议记录"},
              {risk(kMedium, "商议走过场,不同意见未记录", "会议记录逐人签字,监委会列席并记录意见")}, bands),
      meeting("party_meeting", "党员大会审议", "Party members' meeting reviews", "party_members", 10,
              {"党员大会记录", "签到表"},
              {risk(kHigh, "到会人数不足或代签、代表决", "到会须达应到人数三分之二,表决票由监委会监督计票并存档")},
              bands),
      meeting("representatives", "村民代表会议决议", "Villagers' representatives resolve", "representatives", 10,
              {"村民代表会议决议", "签到表", "表决票"},
              {risk(kHigh, "会前未充分告知、临时动议表决", "议题提前 3 日书面告知代表,临时动议不得表决")}, bands),
      disclose("resolution_public", "决议公开", "Resolution disclosed", "before", category, 3, bands),
  };
}

// The approval tiers of an amount-routed item (routing.hpp): small by the head, medium by the
// 两委联席会议 with the 监审小组 signing together, large and above by 四议两公开 and the street's
// 三资中心. `subject` names what is being approved in the step names.
std::vector<FlowStep> approval_tiers(const std::string& category) {
  std::vector<FlowStep> out = {
      approve("head_approve", "村党组织书记(主任)审批", "Secretary (head) approves", {"secretary"}, 3, {},
              {risk(kHigh, "化整为零、拆分事项规避集体决策", "同一事项 12 个月内累计计算金额,监委会每月核对")},
              {AmountBand::small}),
      joint("joint_meeting", "两委联席会议审议(监审小组会签)", "Joint meeting with the audit group co-signing",
            {"secretary", "supervisor"}, 5, {"联席会议记录"},
            {risk(kMedium, "监审小组未实际参与、事后补签", "会签须在联席会议当日完成,系统记录签署时间")},
            {AmountBand::medium}),
  };
  append(out, four_deliberations(kLargeUp, category));
  out.push_back(approve("street_review", "街道(乡镇)三资中心审核", "Street asset centre reviews", {"street_office"}, 5,
                        {"村民代表会议决议"},
                        {risk(kMedium, "审核把关不严、只看程序不看实质", "三资中心按审核要点逐项留痕")}, kLargeUp));
  return out;
}

// The trading part of works, purchases and services: three quotations for the medium band,
// village public tender for large, the township or county trading centre above that.
std::vector<FlowStep> trading_steps(const std::string& what_zh) {
  return {
      record("quotations", "询价比价(不少于三家)", "At least three quotations", {"clerk"}, 7, {"三家以上报价单", "比价记录"},
             {risk(kMedium, "虚假比价、陪标", "报价单须由供应商盖章,监委会抽查核实报价人")}, {AmountBand::medium}),
      tender("village_tender", "村级公开招标(比选)", "Village public tender", {"clerk"}, 20,
             {"招标公告", "评标报告", "中标通知书"},
             {risk(kHigh, "量身定制资格条件、围标串标", "资格条件经联席会议审定;公告不少于 5 个工作日;监委会全程监督"),
              risk(kMedium, "评标专家或评委与投标人有利害关系", "评委随机抽取,签署回避承诺")},
             {AmountBand::large}),
      tender("township_tender", "进乡镇公共资源交易中心交易", "Township public resource trading centre",
             {"street_office"}, 30, {"交易委托书", "交易结果确认书"},
             {risk(kHigh, "应进未进、场外交易" + what_zh, "达到限额的项目一律进场,三资中心凭交易结果确认书付款")},
             {AmountBand::township}),
      tender("county_tender", "进县级公共资源交易中心交易", "County public resource trading centre", {"street_office"}, 45,
             {"交易委托书", "交易结果确认书"},
             {risk(kHigh, "应进未进、场外交易" + what_zh, "达到限额的项目一律进场,三资中心凭交易结果确认书付款")},
             {AmountBand::county}),
      disclose("award_public", "中标(成交)结果公示", "Award disclosed", "during", "affairs", 3, kLargeUp),
  };
}

Flow flow_of(std::vector<FlowStep> steps) { return Flow{std::move(steps)}; }

// ---- 集体管理事项 -----------------------------------------------------------------------------

PowerItemSpec major_decision() {
  std::vector<FlowStep> s = {
      submit("事项提出(村民、两委成员或村民小组建议)", "Matter raised", {"事项建议书"}),
      approve("prelim", "村党组织研究确定议题", "Branch committee sets the agenda", {"secretary"}, 5, {"支委会会议记录"},
              {risk(kMedium, "应列入而未列入决策议题", "监委会对照三重一大事项目录审查议题")}),
  };
  append(s, four_deliberations({}, "affairs"));
  append(s, {
                approve("street_record", "报街道(乡镇)备案", "Filed with the street", {"street_office"}, 5, {"决议备案表"}),
                record("implement", "组织实施", "Implementation", {"secretary"}, 0, {"实施情况记录"},
                       {risk(kHigh, "不按决议实施或擅自变更决议内容", "变更须重新履行四议两公开程序,监委会跟踪监督")}),
                disclose("result_public", "实施结果公开", "Result disclosed", "after", "affairs", 5),
                record("archive", "资料归档", "Filed", {"clerk"}, 10, {"全过程资料"}),
            });
  return {"collective.major_decision", "重大事项决策(四议两公开)", "Major decisions (four deliberations, two disclosures)",
          "collective", "decision",
          "《中华人民共和国村民委员会组织法》第二十四条、第二十五条;《中国共产党农村基层组织工作条例》",
          "涉及村集体和村民切身利益的重大事项,按\"四议两公开\"程序决策,决议和实施结果向村民公开。", flow_of(std::move(s))};
}

PowerItemSpec works() {
  std::vector<FlowStep> s = {
      submit("项目申报(立项建议)", "Project proposal", {"项目建议书", "预算或估算"},
             {risk(kMedium, "虚报项目、重复申报", "立项前对照项目库和年度计划核查")}),
      approve("clerk_review", "村务工作人员初审(核对预算与项目库)", "Clerk checks budget and project list", {"clerk"}, 3,
              {"预算书"}),
  };
  append(s, approval_tiers("affairs"));
  append(s, trading_steps("(工程)"));
  append(s, {
                record("contract", "签订施工合同", "Contract signed", {"secretary"}, 10, {"施工合同"},
                       {risk(kMedium, "合同条款与招标文件不一致", "合同经三资中心审核后签订")}),
                record("supervise", "施工监督(监委会、群众代表)", "Construction supervised", {"supervisor"}, 0,
                       {"施工监督日志"},
                       {risk(kHigh, "偷工减料、隐蔽工程未验收即覆盖", "隐蔽工程由监委会和群众代表现场签字确认")}),
                joint("acceptance", "竣工验收(监审小组会同)", "Completion acceptance", {"secretary", "supervisor", "street_office"},
                      15, {"竣工验收报告", "结算审计报告"},
                      {risk(kHigh, "验收走过场、结算虚增工程量", "结算须经第三方审计,验收人员签字负责")}),
                approve("payment", "工程款支付审批", "Payment approved", {"street_office"}, 5, {"付款申请", "发票"},
                        {risk(kHigh, "超进度、超合同付款", "按合同节点付款,三资中心审核后拨付")}),
                disclose("result_public", "工程结果公开(造价、验收、结算)", "Result disclosed", "after", "finance", 5),
                record("archive", "资料归档", "Filed", {"clerk"}, 10, {"工程档案"}),
            });
  return {"collective.works", "村级工程项目建设", "Village construction projects", "collective", "works",
          "《中华人民共和国村民委员会组织法》第二十四条;《中华人民共和国招标投标法》第三条;《建设工程质量管理条例》",
          "村集体投资的道路、水利、房屋等工程,按金额分级决策,达到限额的公开招标或进公共资源交易中心。",
          flow_of(std::move(s))};
}

PowerItemSpec purchase() {
  std::vector<FlowStep> s = {
      submit("采购申请(品名、数量、预算)", "Purchase request", {"采购申请单"},
             {risk(kMedium, "超标准、超预算采购", "对照年度预算和配置标准审核")}),
      approve("clerk_review", "报账员审核预算", "Bookkeeper checks the budget", {"clerk"}, 2),
  };
  append(s, approval_tiers("affairs"));
  append(s, trading_steps("(采购)"));
  append(s, {
                joint("acceptance", "验收入库(经办人、监委会)", "Goods accepted", {"clerk", "supervisor"}, 5,
                      {"验收单", "入库单"},
                      {risk(kMedium, "以次充好、数量不足", "监委会参与验收,验收单双人签字")}),
                approve("payment", "付款审批", "Payment approved", {"secretary"}, 3, {"发票", "验收单"}),
                disclose("result_public", "采购结果公开", "Result disclosed", "after", "finance", 5),
            });
  return {"collective.purchase", "物资采购", "Purchase of goods", "collective", "purchase",
          "《中华人民共和国村民委员会组织法》第二十四条;《农村集体经济组织财务制度》;《中华人民共和国招标投标法》",
          "村集体采购办公用品、设备、材料等,按金额分级审批,大额采购实行四议两公开和公开招标。", flow_of(std::move(s))};
}

PowerItemSpec service_purchase() {
  std::vector<FlowStep> s = {
      submit("服务采购申请(保洁、绿化、安保、咨询等)", "Service purchase request", {"服务需求说明", "预算"},
             {risk(kMedium, "服务内容和标准不明确", "需求说明须列明服务范围、标准和考核办法")}),
      approve("clerk_review", "报账员审核预算", "Bookkeeper checks the budget", {"clerk"}, 2),
  };
  append(s, approval_tiers("affairs"));
  append(s, trading_steps("(服务)"));
  append(s, {
                record("contract", "签订服务合同", "Contract signed", {"secretary"}, 10, {"服务合同"}),
                joint("assessment", "服务考核(监委会参与)", "Service assessed", {"clerk", "supervisor"}, 0, {"考核记录"},
                      {risk(kMedium, "考核流于形式、照单全付", "按考核结果付款,考核记录公开")}),
                approve("payment", "付款审批", "Payment approved", {"secretary"}, 3, {"发票", "考核记录"}),
                disclose("result_public", "服务采购结果公开", "Result disclosed", "after", "finance", 5),
            });
  return {"collective.service_purchase", "服务采购", "Purchase of services", "collective", "service",
          "《中华人民共和国村民委员会组织法》第二十四条;《农村集体经济组织财务制度》;《中华人民共和国招标投标法》",
          "村集体购买保洁、绿化、安保、法律顾问等服务,按金额分级决策和采购。", flow_of(std::move(s))};
}

PowerItemSpec asset_deal() {
  std::vector<FlowStep> s = {
      submit("提出处置/出租方案(标的、底价、期限)", "Disposal or lease plan", {"处置方案", "资产评估报告"},
             {risk(kHigh, "低估资产价值、底价明显偏低", "价值较大的须第三方评估,底价参照同类市场价")}),
      approve("clerk_review", "三资管理员核对台账", "Asset clerk checks the register", {"clerk"}, 3, {"资产台账"}),
  };
  append(s, approval_tiers("affairs"));
  append(s, {
                disclose("deal_notice", "交易公告", "Deal announced", "before", "affairs", 5),
                tender("village_tender", "村级公开竞价", "Village public bidding", {"clerk"}, 20, {"竞价记录", "成交确认书"},
                       {risk(kHigh, "暗箱操作、指定承租人、串通压价", "公开竞价,监委会现场监督,竞价过程留存影像")},
                       {AmountBand::small, AmountBand::medium, AmountBand::large}),
                tender("township_tender", "进乡镇农村产权交易平台交易", "Township rural property exchange",
                       {"street_office"}, 30, {"交易委托书", "成交确认书"},
                       {risk(kHigh, "应进未进、场外交易", "达到限额一律进场交易")}, {AmountBand::township}),
                tender("county_tender", "进县级农村产权交易中心交易", "County rural property exchange", {"street_office"}, 45,
                       {"交易委托书", "成交确认书"}, {risk(kHigh, "应进未进、场外交易", "达到限额一律进场交易")},
                       {AmountBand::county}),
                disclose("award_public", "成交结果公示", "Result disclosed", "during", "affairs", 5),
                record("contract", "签订合同并收取价款", "Contract signed, price collected", {"clerk"}, 10,
                       {"合同", "收款凭证"},
                       {risk(kHigh, "合同期限过长、租金长期拖欠", "租期超 20 年(耕地超 30 年)须报街道审核;逾期两月预警")}),
                disclose("result_public", "合同执行情况公开", "Contract performance disclosed", "after", "finance", 5),
            });
  return {"collective.asset_deal", "集体资产资源处置/出租(三资交易)", "Disposal and lease of collective property",
          "collective", "asset_deal",
          "《中华人民共和国村民委员会组织法》第二十四条;《中华人民共和国民法典》第二百六十一条;《中华人民共和国农村集体经济组织法》",
          "集体资产、资源的出租、发包、转让和处置,经民主决策后公开交易,全过程公开。", flow_of(std::move(s))};
}

// 财务收支审批: the 财务审批流程图 of 三图三表; large amounts need the 监审小组 jointly.
PowerItemSpec spending() {
  std::vector<FlowStep> s = {
      submit("经办人填报(附原始票据)", "Handler files the expense", {"原始票据", "经办人、证明人签字"},
             {risk(kHigh, "虚开发票、白条入账", "票据真伪查验;白条一律不得入账")}),
      approve("clerk_review", "报账员审核票据", "Bookkeeper checks the receipts", {"clerk"}, 2, {},
              {risk(kMedium, "超范围、超标准开支", "对照开支范围和标准逐项审核,村级不得列支招待费")}),
      approve("supervisor_review", "村务监督委员会审核", "Supervision committee reviews", {"supervisor"}, 3, {},
              {risk(kMedium, "监督审核走形式", "监委会在票据背面签署审核意见")}),
      approve("head_approve", "村党组织书记(主任)审批", "Secretary (head) approves", {"secretary"}, 3, {},
              {risk(kHigh, "拆分报销规避联审", "同一事项 12 个月内累计计算金额")}, {AmountBand::small}),
      joint("joint_meeting", "两委联席会议审批(监审小组会签)", "Joint meeting with the audit group co-signing",
            {"secretary", "supervisor"}, 5, {"联席会议记录"},
            {risk(kMedium, "事后补签、会签流于形式", "会签在会议当日完成,系统记录签署时间")}, {AmountBand::medium}),
  };
  // Spending never goes to a trading centre: its large band is the last (routing.hpp defaults).
  append(s, four_deliberations({AmountBand::large}, "finance"));
  append(s, {
                joint("audit_group", "监审小组联合审批(书记、监委会、三资中心)", "Audit group approves jointly",
                      {"secretary", "supervisor", "street_office"}, 5, {"村民代表会议决议", "联合审批单"},
                      {risk(kHigh, "大额资金未经集体决策即支付", "大额支付凭决议和联合审批单办理")},
                      {AmountBand::large}),
                record("payment", "出纳支付", "Cashier pays", {"clerk"}, 3, {"支付凭证"},
                       {risk(kHigh, "坐收坐支、公款私存、库存现金超限", "以转账为主,库存现金不超过 5000 元,出纳与会计分设")}),
                record("booking", "街道(乡镇)三资中心审核记账", "Street asset centre books it", {"street_office"}, 10,
                       {"记账凭证"}, {risk(kMedium, "凭证附件不全即入账", "三资中心按附件清单审核,不全的退回")}),
                disclose("finance_public", "财务收支公开", "Finances disclosed", "after", "finance", 20),
            });
  return {"collective.spending", "财务收支审批", "Approval of income and spending", "collective", "spending",
          "《中华人民共和国村民委员会组织法》第三十条;《农村集体经济组织会计制度》;《农村集体经济组织财务制度》",
          "村级各项开支凭合法票据,经审核、分级审批后支付;大额开支须监审小组联合审批并公开。", flow_of(std::move(s))};
}

PowerItemSpec contract_management() {
  return {"collective.contract", "集体经济合同管理", "Collective contracts", "collective", "other",
          "《中华人民共和国民法典》合同编;《中华人民共和国村民委员会组织法》第二十四条;《农村集体经济组织财务制度》",
          "集体经济合同的起草、审查、签订、履行和归档,统一编号、统一登记。",
          flow_of({
              submit("合同起草(依据决策结果)", "Contract drafted", {"合同文本", "决策依据"}),
              approve("legal_review", "法律顾问或街道审查", "Legal review", {"street_office"}, 7, {"审查意见"},
                      {risk(kHigh, "合同条款显失公平、违反决议", "合同须与决议内容一致,经法律顾问审查")}),
              approve("sign", "村党组织书记(主任)签订", "Signed by the head", {"secretary"}, 3, {"签字盖章合同"},
                      {risk(kMedium, "未经授权签订、先履行后签订", "凭决议和审查意见签订,严禁先履行后签")}),
              record("register", "合同登记编号", "Registered", {"clerk"}, 3, {"合同登记台账"}),
              record("perform", "履约监督(收款、到期提醒)", "Performance monitored", {"supervisor"}, 0, {},
                     {risk(kHigh, "应收未收、到期不续不收回", "台账到期前 30 日预警,逾期收款纳入监督预警")}),
              disclose("contract_public", "合同信息公开", "Contract disclosed", "after", "affairs", 10),
          })};
}

PowerItemSpec seal() {
  return {"collective.seal", "村级印章使用", "Use of the village seals", "collective", "seal",
          "《国务院关于国家行政机关和企业事业单位社会团体印章管理的规定》;《中华人民共和国村民委员会组织法》",
          "村党组织、村委会、经济合作社印章由专人保管,用印须审批登记,重要事项用印须有集体决议。",
          flow_of({
              submit("用印申请(事由、文件、份数)", "Seal request", {"待盖章文件"}),
              approve("approve", "村党组织书记(主任)审批", "Head approves", {"secretary"}, 1, {},
                      {risk(kHigh, "空白介绍信、空白合同盖章", "严禁在空白文书上用印"),
                       risk(kMedium, "出具虚假证明", "证明事项须经核实并留存依据")}),
              record("stamp", "专管员用印并登记", "Keeper stamps and logs", {"clerk"}, 1, {"用印登记簿"},
                     {risk(kMedium, "印章私带外出、管用不分", "印章不得带出,保管人与审批人分设")}),
          })};
}

PowerItemSpec cadre_appointment() {
  return {"collective.cadre", "村干部任用/聘用", "Appointment of village staff", "collective", "other",
          "《中华人民共和国村民委员会组织法》第二十四条;《中国共产党农村基层组织工作条例》",
          "村级后备干部、专职工作人员、网格员等的聘用,须资格联审、民主决策并公示。",
          flow_of({
              submit("提出用人需求和条件", "Post and conditions", {"岗位说明", "报酬标准"}),
              meeting("two_committees", "两委会议研究确定人选条件", "Two committees set the conditions", "two_committees",
                      7, {"会议记录"},
                      {risk(kHigh, "因人设岗、任人唯亲", "近亲属回避;岗位条件先定后报名")}),
              disclose("recruit_notice", "招聘公告", "Recruitment notice", "before", "party", 5),
              approve("vetting", "资格联审(街道组织、纪工委)", "Candidates vetted", {"street_office", "discipline"}, 10,
                      {"联审意见表"}, {risk(kHigh, "带病提名、联审把关不严", "对照负面清单逐项联审,责任人签字")}),
              meeting("representatives", "村民代表会议表决", "Representatives vote", "representatives", 10, {"表决结果"}),
              disclose("result_public", "聘用结果公示", "Result disclosed", "after", "party", 5),
              record("archive", "签订聘用协议并备案", "Agreement filed", {"clerk"}, 10, {"聘用协议"}),
          })};
}

PowerItemSpec subsidy_payment() {
  return {"collective.subsidy_payment", "村级补助资金发放", "Payment of village subsidies", "collective", "subsidy",
          "《中华人民共和国村民委员会组织法》第二十四条、第三十条;《农村集体经济组织财务制度》",
          "误工补贴、公益岗位补贴、各类惠民资金的发放,名单公示后通过银行代发到户到人。",
          flow_of({
              submit("编制发放名单和标准", "List and amounts prepared", {"发放名单", "标准依据"},
                     {risk(kHigh, "虚报冒领、优亲厚友", "名单与户籍、死亡、财政供养人员信息比对")}),
              approve("supervisor_review", "村务监督委员会核实", "Supervision committee checks", {"supervisor"}, 5,
                      {"核实记录"}),
              disclose("list_public", "名单公示(不少于 7 天)", "List disclosed", "before", "finance", 7),
              approve("head_approve", "村党组织书记(主任)审批", "Head approves", {"secretary"}, 3),
              record("bank_pay", "通过银行代发到户", "Paid through the bank", {"clerk"}, 5, {"银行代发清单"},
                     {risk(kHigh, "截留、挪用、以现金发放", "一律银行代发到个人账户,严禁现金发放")}),
              disclose("result_public", "发放结果公开", "Result disclosed", "after", "finance", 10),
          })};
}

PowerItemSpec land_compensation() {
  std::vector<FlowStep> s = {
      submit("征地补偿款到账,拟订分配方案", "Distribution plan drafted", {"征地协议", "补偿款到账凭证", "分配方案"},
             {risk(kHigh, "分配方案侵害外嫁女等群体合法权益", "方案经街道合法性审查")}),
      approve("street_check", "街道(乡镇)合法性审查", "Street checks legality", {"street_office"}, 7, {"审查意见"}),
  };
  append(s, four_deliberations({}, "finance"));
  append(s, {
                disclose("list_public", "分配名单公示", "List disclosed", "during", "finance", 7),
                record("bank_pay", "通过银行发放到户", "Paid through the bank", {"clerk"}, 10, {"银行代发清单"},
                       {risk(kHigh, "截留、挪用、虚增人员", "银行代发到户,监委会核对名单和金额")}),
                disclose("result_public", "发放结果公开", "Result disclosed", "after", "finance", 10),
            });
  return {"collective.land_compensation", "征地补偿款分配", "Distribution of land compensation", "collective", "decision",
          "《中华人民共和国土地管理法》第四十八条;《中华人民共和国村民委员会组织法》第二十四条;《中华人民共和国民法典》第二百六十一条",
          "征地补偿费的使用和分配方案须经村民会议或村民代表会议决定,名单和金额公示后发放。", flow_of(std::move(s))};
}

PowerItemSpec land_transfer() {
  std::vector<FlowStep> s = {
      submit("提出流转方案(地块、面积、期限、底价)", "Transfer plan", {"流转方案", "地块清单"},
             {risk(kHigh, "违规改变土地用途、流转期限过长", "不得改变农业用途;期限不超过承包期剩余期限")}),
      approve("clerk_review", "核对地块权属", "Clerk checks title", {"clerk"}, 3, {"权属证明"}),
  };
  append(s, approval_tiers("affairs"));
  append(s, {
                disclose("deal_notice", "流转公告", "Transfer announced", "before", "affairs", 5),
                tender("village_tender", "公开竞价流转", "Public bidding", {"clerk"}, 20, {"竞价记录"},
                       {risk(kHigh, "暗箱操作、低价流转给关系人", "公开竞价,监委会现场监督")},
                       {AmountBand::small, AmountBand::medium, AmountBand::large}),
                tender("township_tender", "进乡镇农村产权交易平台交易", "Township rural property exchange",
                       {"street_office"}, 30, {"成交确认书"}, {risk(kHigh, "应进未进、场外交易", "达到限额一律进场交易")},
                       {AmountBand::township}),
                tender("county_tender", "进县级农村产权交易中心交易", "County rural property exchange", {"street_office"}, 45,
                       {"成交确认书"}, {risk(kHigh, "应进未进、场外交易", "达到限额一律进场交易")},
                       {AmountBand::county}),
                record("contract", "签订流转合同并备案", "Contract signed and filed", {"clerk"}, 10, {"流转合同"}),
                disclose("result_public", "流转结果公开", "Result disclosed", "after", "affairs", 5),
            });
  return {"collective.land_transfer", "集体土地流转", "Transfer of collective land", "collective", "asset_deal",
          "《中华人民共和国农村土地承包法》第三十六条、第四十八条;《中华人民共和国土地管理法》;《农村土地经营权流转管理办法》",
          "集体统一经营的土地经营权流转,经民主决策后公开交易并备案。", flow_of(std::move(s))};
}

PowerItemSpec dibao_review() {
  return {"collective.dibao_review", "低保/特困初审", "First review of minimum living and extreme poverty support",
          "collective", "subsidy",
          "《社会救助暂行办法》第十一条、第十五条;《最低生活保障审核确认办法》",
          "村(社区)受委托受理低保、特困申请,组织入户调查和民主评议,结果公示后报街道(乡镇)审核确认。",
          flow_of({
              submit("申请人提交申请", "Application", {"申请书", "家庭收入和财产状况声明", "授权核对书"}),
              record("home_visit", "入户调查(两人以上)", "Home visit", {"clerk", "supervisor"}, 10, {"入户调查表"},
                     {risk(kHigh, "关系保、人情保", "村干部近亲属申请须备案;调查人员签字负责")}),
              meeting("appraisal", "民主评议", "Democratic appraisal", "representatives", 10, {"评议记录"},
                      {risk(kMedium, "评议走过场", "评议人员不少于 9 人,监委会监督")}),
              disclose("list_public", "初审结果公示(7 天)", "Review result disclosed", "during", "service", 7),
              approve("street_approve", "报街道(乡镇)审核确认", "Street confirms", {"street_office"}, 20, {"审核确认书"},
                      {risk(kHigh, "错保、漏保、死亡未退保", "与民政、公安、社保数据比对,动态管理")}),
              disclose("result_public", "结果公开", "Result disclosed", "after", "service", 10),
          })};
}

PowerItemSpec relief() {
  return {"collective.relief", "救灾救济物资分配", "Allocation of disaster relief", "collective", "subsidy",
          "《社会救助暂行办法》第二十条至第二十三条;《自然灾害救助条例》",
          "救灾款物按受灾程度和家庭困难情况分配,名单公示,专账管理。",
          flow_of({
              submit("受灾情况登记", "Damage registered", {"受灾登记表"}),
              record("verify", "核查受灾情况(两人以上)", "Damage verified", {"clerk", "supervisor"}, 5, {"核灾记录"},
                     {risk(kHigh, "虚报灾情、优亲厚友", "村干部近亲属回避;照片留证")}),
              meeting("two_committees", "两委会议研究分配方案", "Two committees set the allocation", "two_committees", 3,
                      {"分配方案"}),
              disclose("list_public", "分配名单公示", "List disclosed", "during", "service", 3),
              record("distribute", "发放并签收", "Handed out", {"clerk"}, 5, {"签收单"},
                     {risk(kHigh, "截留、挪用、变卖救灾物资", "专账管理,受助人本人签收")}),
              disclose("result_public", "发放结果公开", "Result disclosed", "after", "service", 5),
          })};
}

PowerItemSpec affairs_disclosure() {
  return {"collective.disclosure", "村务公开", "Village affairs disclosure", "collective", "other",
          "《中华人民共和国村民委员会组织法》第三十条、第三十一条",
          "党务、村务、财务按目录定期公开,一般事项至少每季度一次,重大事项随时公开。",
          flow_of({
              submit("按公开目录拟订公开内容", "Content drafted", {"公开内容"}),
              approve("supervisor_review", "村务监督委员会审核", "Supervision committee reviews", {"supervisor"}, 3, {},
                      {risk(kMedium, "选择性公开、公开内容不真实", "对照公开目录逐项审核,原始凭证可查")}),
              approve("head_approve", "村党组织书记(主任)签发", "Head signs off", {"secretary"}, 2),
              disclose("publish", "公开发布(公开栏、一码公开)", "Published", "after", "affairs", 3, {},
                       {risk(kLow, "公开不及时", "系统按目录提醒,逾期预警")}),
              record("feedback", "收集和答复群众意见", "Feedback answered", {"clerk"}, 10, {"意见答复记录"}),
          })};
}

PowerItemSpec appraisal() {
  return {"collective.appraisal", "民主评议", "Democratic appraisal of cadres", "collective", "other",
          "《中华人民共和国村民委员会组织法》第三十三条",
          "村民委员会成员和由村民或集体承担误工补贴的人员,每年接受村民会议或村民代表会议民主评议。",
          flow_of({
              submit("制定评议方案", "Appraisal plan", {"评议方案"}),
              record("report", "述职述廉", "Reports on duties and integrity", {"secretary"}, 10, {"述职述廉报告"}),
              meeting("appraisal", "村民代表会议评议测评", "Representatives appraise", "representatives", 10,
                      {"测评票", "统计表"},
                      {risk(kMedium, "测评票被操控、拉票", "无记名测评,监委会监督计票")}),
              disclose("result_public", "评议结果公开", "Result disclosed", "after", "party", 5),
              approve("street_record", "报街道备案,不称职的依法处理", "Filed with the street", {"street_office"}, 10),
          })};
}

PowerItemSpec investment() {
  std::vector<FlowStep> s = {
      submit("提出招商项目(投资方、合作方式)", "Investment proposal", {"项目方案", "投资方资信材料"},
             {risk(kHigh, "引进项目与村干部存在利益关联", "村干部申报利益关系并回避")}),
      approve("feasibility", "街道(乡镇)可行性审查", "Street feasibility review", {"street_office"}, 15, {"可行性意见"}),
  };
  append(s, four_deliberations({}, "affairs"));
  append(s, {
                record("contract", "签订合作协议", "Agreement signed", {"secretary"}, 10, {"合作协议"},
                       {risk(kHigh, "收益约定不明、集体利益受损", "协议经法律顾问审查,约定保底收益")}),
                disclose("result_public", "项目进展和收益公开", "Progress and income disclosed", "after", "affairs", 10),
            });
  return {"collective.investment", "招商引资", "Attracting investment", "collective", "decision",
          "《中华人民共和国村民委员会组织法》第二十四条(集体经济项目的立项、承包方案)",
          "村集体引进项目、对外合作,须可行性审查和四议两公开,收益进集体账。", flow_of(std::move(s))};
}

PowerItemSpec works_change() {
  std::vector<FlowStep> s = {
      submit("施工方或监理提出变更(附变更理由和增减金额)", "Change requested", {"变更申请", "变更预算"},
             {risk(kHigh, "低价中标、高价变更", "变更金额累计超合同价 10% 须重新履行决策程序")}),
      joint("site_check", "现场核实(村、监理、监委会)", "Site check", {"secretary", "supervisor"}, 5, {"现场核实记录"}),
  };
  append(s, approval_tiers("affairs"));
  append(s, {
                record("visa", "签发变更签证", "Change order issued", {"clerk"}, 3, {"工程变更签证单"}),
                disclose("result_public", "变更情况公开", "Change disclosed", "after", "affairs", 5),
            });
  return {"collective.works_change", "工程变更签证", "Construction change orders", "collective", "works",
          "《建设工程价款结算暂行办法》;《中华人民共和国民法典》第五百四十三条",
          "工程实施中的设计变更和签证,按变更金额分级审批,事后结算审计。", flow_of(std::move(s))};
}

PowerItemSpec income_distribution() {
  std::vector<FlowStep> s = {
      submit("拟订年度收益分配方案", "Distribution plan", {"年度决算", "分配方案"},
             {risk(kHigh, "虚增收益分配、侵占集体积累", "先提取公积公益金,再按成员份额分配")}),
      approve("street_review", "街道(乡镇)三资中心审核", "Street asset centre reviews", {"street_office"}, 10,
              {"审核意见"}),
  };
  append(s, four_deliberations({}, "finance"));
  append(s, {
                record("bank_pay", "按方案发放", "Paid out", {"clerk"}, 15, {"银行代发清单"},
                       {risk(kHigh, "截留、挪用分配款", "银行代发到户")}),
                disclose("result_public", "分配结果公开", "Result disclosed", "after", "finance", 10),
            });
  return {"collective.income_distribution", "集体经济收益分配", "Distribution of collective income", "collective",
          "decision",
          "《中华人民共和国村民委员会组织法》第二十四条;《中华人民共和国农村集体经济组织法》;《农村集体经济组织财务制度》",
          "集体经济组织年度收益按章程和民主决策分配,方案和结果公开。", flow_of(std::move(s))};
}

// ---- 便民服务事项 -----------------------------------------------------------------------------

// The common shape of a convenience service: accept, check, the head's opinion, the street's
// decision where it has the power, and the result handed back.
PowerItemSpec service_item(std::string code, std::string zh, std::string en, std::string kind, std::string basis,
                           std::string description, Strings attachments, int days, Risks accept_risks,
                           bool street_decides, bool publicised = false) {
  std::vector<FlowStep> s = {
      submit("申请人提交申请", "Application", std::move(attachments)),
      approve("accept", "村(社区)受理并核实", "Village accepts and checks", {"clerk"}, days, {}, std::move(accept_risks)),
  };
  if (publicised) s.push_back(disclose("list_public", "公示(不少于 5 天)", "Disclosed", "during", "service", 5));
  s.push_back(approve("head_opinion", "村党组织书记(主任)签署意见", "Head signs an opinion", {"secretary"}, 2, {},
                      {risk(kLow, "吃拿卡要、推诿拖延", "一次性告知所需材料,超时限预警")}));
  if (street_decides)
    s.push_back(approve("street_approve", "报街道(乡镇)审批", "Street decides", {"street_office"}, 15, {"审批意见"}));
  s.push_back(record("deliver", "办结并告知申请人", "Result handed over", {"clerk"}, 2, {"办结记录"}));
  return {std::move(code), std::move(zh), std::move(en), "service", std::move(kind), std::move(basis),
          std::move(description), flow_of(std::move(s))};
}

PowerItemSpec homestead() {
  return {"service.homestead", "宅基地申请", "Homestead application", "service", "homestead",
          "《中华人民共和国土地管理法》第六十二条;《农村宅基地管理暂行办法》",
          "农村村民一户只能拥有一处宅基地;村民小组讨论、村级审查公示后报乡镇审批。",
          flow_of({
              submit("农户提出书面申请", "Household applies", {"宅基地申请表", "户口簿", "承诺书"}),
              meeting("group_discussion", "村民小组会议讨论", "Villagers' group discusses", "representatives", 10,
                      {"会议记录"}),
              approve("village_review", "村级审查(一户一宅、面积标准)", "Village review", {"clerk"}, 10, {"审查意见"},
                      {risk(kHigh, "一户多宅、超面积审批", "与不动产登记数据比对;现场丈量")}),
              disclose("list_public", "审查结果公示(不少于 5 个工作日)", "Review disclosed", "during", "affairs", 5),
              approve("head_opinion", "村党组织书记(主任)签署意见", "Head signs an opinion", {"secretary"}, 3, {},
                      {risk(kMedium, "优亲厚友、违规出具意见", "近亲属申请回避,监委会监督")}),
              approve("street_approve", "报乡镇(街道)审批", "Township approves", {"street_office"}, 20,
                      {"农村宅基地批准书"}),
              record("site_check", "开工放样、竣工验收到场", "On-site checks", {"clerk", "supervisor"}, 0,
                     {"放样记录", "验收记录"}, {risk(kMedium, "未批先建、批少建多", "放样和竣工两到场,发现违建及时上报")}),
          })};
}

PowerItemSpec certificate() {
  return service_item("service.certificate", "户籍/各类证明出具", "Certificates (household and others)", "certificate",
                      "《中华人民共和国户口登记条例》;《中华人民共和国村民委员会组织法》第二条",
                      "村(社区)在职责范围内出具居住、家庭关系等证明;法律法规未规定的证明不得出具。",
                      {"身份证", "相关证明材料"}, 1,
                      {risk(kMedium, "出具虚假证明、超范围开证明", "实行证明事项清单,清单外不得开具;用印登记")}, false);
}

PowerItemSpec birth_service() {
  return service_item("service.birth", "生育服务登记证明", "Birth service registration", "certificate",
                      "《中华人民共和国人口与计划生育法》第二十条;《母婴保健法》",
                      "为育龄群众办理生育登记服务,提供政策咨询。", {"夫妻双方身份证", "结婚证"}, 1,
                      {risk(kLow, "推诿拖延", "当场受理,一次性告知")}, false);
}

PowerItemSpec disability() {
  return service_item("service.disability", "残疾人证申办", "Disability certificate", "certificate",
                      "《中华人民共和国残疾人保障法》;《中华人民共和国残疾人证管理办法》",
                      "协助残疾人申请评定残疾等级和办理残疾人证。", {"身份证", "户口簿", "照片"}, 3,
                      {risk(kMedium, "代办中收取费用或虚假评残", "代办免费;评残由指定医疗机构进行")}, true);
}

PowerItemSpec social_insurance() {
  return service_item("service.insurance", "医保/社保参保登记", "Health and pension insurance enrolment", "other",
                      "《中华人民共和国社会保险法》第二十条、第二十五条;《国务院关于建立统一的城乡居民基本养老保险制度的意见》",
                      "代办城乡居民基本医疗保险、基本养老保险参保登记和缴费。", {"身份证", "户口簿"}, 2,
                      {risk(kMedium, "代收保费不及时上缴或挪用", "保费由参保人直接缴入经办机构账户,不经村干部之手")},
                      false);
}

PowerItemSpec elder_allowance() {
  return service_item("service.elder_allowance", "高龄补贴申领", "Old-age allowance", "subsidy",
                      "《中华人民共和国老年人权益保障法》第三十三条",
                      "为符合年龄条件的老年人申领高龄津贴,年度资格认证。", {"身份证", "户口簿", "银行卡"}, 3,
                      {risk(kHigh, "死亡未及时停发、冒领", "每年资格认证,与殡葬火化数据比对")}, true, true);
}

PowerItemSpec temporary_relief() {
  return service_item("service.temporary_relief", "临时救助申请", "Temporary assistance", "subsidy",
                      "《社会救助暂行办法》第四十七条至第五十条",
                      "因急难情况导致基本生活暂时困难的家庭或个人申请临时救助。", {"申请书", "困难情况证明"}, 5,
                      {risk(kHigh, "虚报困难、优亲厚友", "入户核实两人以上,近亲属申请须备案")}, true, true);
}

PowerItemSpec farm_subsidy() {
  return service_item("service.farm_subsidy", "农机补贴/惠农补贴申报", "Farm machinery and farming subsidies", "subsidy",
                      "《中华人民共和国农业机械化促进法》第二十七条;《农业机械购置与应用补贴实施指导意见》",
                      "受理农机购置补贴、耕地地力保护补贴等惠农补贴申报,面积和对象公示。",
                      {"身份证", "购机发票或种植面积清单", "银行卡"}, 5,
                      {risk(kHigh, "虚报面积、套取补贴", "面积与承包经营权数据比对,公示接受监督")}, true, true);
}

PowerItemSpec building_permit() {
  return service_item("service.building", "建房审批", "Rural building permit", "homestead",
                      "《中华人民共和国城乡规划法》第四十一条;《中华人民共和国土地管理法》第六十二条",
                      "农村村民建房申请乡村建设规划许可,村级审查后报乡镇审批。",
                      {"建房申请表", "宅基地批准书", "建房设计图"}, 10,
                      {risk(kHigh, "超规划、超面积建房", "对照村庄规划审查,现场核实")}, true, true);
}

PowerItemSpec funeral() {
  return service_item("service.funeral", "殡葬服务", "Funeral services", "other", "《殡葬管理条例》",
                      "办理死亡证明、火化和惠民殡葬补贴申领,倡导移风易俗。", {"死亡医学证明", "户口簿"}, 1,
                      {risk(kMedium, "借殡葬服务收取费用、大操大办", "服务免费;红白理事会监督")}, false);
}

PowerItemSpec utilities() {
  return service_item("service.utilities", "用水用电申请", "Water and power connection", "other",
                      "《电力供应与使用条例》;《城市供水条例》",
                      "协助村民办理生活、生产用水用电报装。", {"身份证", "房屋权属证明"}, 3,
                      {risk(kLow, "设卡刁难、收取好处费", "公布报装流程和收费标准")}, false);
}

PowerItemSpec employment() {
  return service_item("service.employment", "就业登记", "Employment registration", "other",
                      "《中华人民共和国就业促进法》第三十五条;《就业服务与就业管理规定》",
                      "办理就业失业登记,推送招聘信息和培训。", {"身份证"}, 1,
                      {risk(kLow, "推诿拖延", "当场办理,超时预警")}, false);
}

PowerItemSpec migrant_registration() {
  return service_item("service.migrant", "流动人口登记", "Migrant registration", "other",
                      "《居住证暂行条例》第九条",
                      "为流动人口办理居住登记,协助申领居住证。", {"身份证", "租赁合同或住所证明"}, 1,
                      {risk(kLow, "泄露个人信息", "登记信息专人管理,仅用于法定用途")}, false);
}

PowerItemSpec house_number() {
  return service_item("service.house_number", "门牌号申请", "House number plate", "other", "《地名管理条例》",
                      "为新建房屋申请编制门牌号。", {"房屋权属证明"}, 5,
                      {risk(kLow, "违建房屋编制门牌", "核对建房审批材料")}, true);
}

PowerItemSpec mediation() {
  return {"service.mediation", "调解纠纷", "Dispute mediation", "service", "other",
          "《中华人民共和国人民调解法》第八条、第二十一条", "村人民调解委员会调解邻里、婚姻家庭、土地等民间纠纷。",
          flow_of({
              submit("当事人申请调解", "Mediation requested", {"调解申请"}),
              record("investigate", "了解情况、收集证据", "Facts gathered", {"clerk"}, 5, {"调查笔录"}),
              record("mediate", "组织调解", "Mediation", {"secretary"}, 15, {"调解笔录"},
                     {risk(kMedium, "偏袒一方、利用调解谋利", "调解员与当事人有利害关系的回避;调解不收费")}),
              record("agreement", "制作调解协议并回访", "Agreement and follow-up", {"clerk"}, 30, {"调解协议书", "回访记录"}),
          })};
}

PowerItemSpec conscription() {
  return service_item("service.conscription", "征兵报名", "Military service registration", "other",
                      "《中华人民共和国兵役法》;《征兵工作条例》",
                      "组织适龄青年兵役登记和应征报名,政治考核协助。", {"身份证", "学历证明"}, 5,
                      {risk(kMedium, "政治考核弄虚作假、优亲厚友", "考核人员签字负责,结果公示")}, true);
}

PowerItemSpec student_aid() {
  return service_item("service.student_aid", "困难学生资助", "Aid for students in hardship", "subsidy",
                      "《学生资助资金管理办法》;《社会救助暂行办法》第三十三条",
                      "为困难家庭学生出具家庭经济困难情况证明,协助申请资助。", {"学生证或录取通知书", "家庭困难情况说明"}, 5,
                      {risk(kHigh, "虚报困难、人情证明", "入户核实,名单公示")}, true, true);
}

std::vector<PowerItemSpec> build() {
  return {
      major_decision(),     works(),          purchase(),         service_purchase(),  asset_deal(),
      spending(),           contract_management(), seal(),        cadre_appointment(), subsidy_payment(),
      land_compensation(),  land_transfer(),  dibao_review(),     relief(),            affairs_disclosure(),
      appraisal(),          investment(),     works_change(),     income_distribution(),
      homestead(),          certificate(),    birth_service(),    disability(),        social_insurance(),
      elder_allowance(),    temporary_relief(), farm_subsidy(),   building_permit(),   funeral(),
      utilities(),          employment(),     migrant_registration(), house_number(),  mediation(),
      conscription(),       student_aid(),
  };
}

}  // namespace

const std::vector<PowerItemSpec>& default_power_items() {
  static const std::vector<PowerItemSpec> items = build();
  return items;
}

}  // namespace ql::power
