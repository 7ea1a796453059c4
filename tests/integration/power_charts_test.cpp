// The 三图三表 routes end to end on whichever backend QL_TEST_BACKEND names: the risk table
// lists every risk point of the catalogue (the template's, then the region's own items), the
// responsibility chart names the users of the village and its street, the flow charts draw the
// item's steps and risks by version, and the internal-audit checklist finds what the cases of
// the period did wrong.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.hpp"
#include "core/clock.hpp"
#include "power/default_items.hpp"

namespace ql::test {
namespace {

using nlohmann::json;

constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";

std::string header(const ApiResult& r, const std::string& name) {
  auto it = r.raw.headers.find(name);
  return it == r.raw.headers.end() ? "" : it->second;
}

class PowerCharts : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");
    set_clock_for_testing([pinned] { return pinned; });
    for (const auto* u : {"hefeng.clerk", "hefeng.secretary", "hefeng.supervisor", "street", "zhuxi.clerk", "discipline",
                          "hefeng.resident", "admin"})
      tokens_[u] = login(u);
  }
  void TearDown() override {
    set_clock_for_testing(nullptr);
    ApiTest::TearDown();
  }

  // An item of the village written as the catalogue service stores it, with `versions` flows.
  std::int64_t insert_item(const std::string& region, const std::string& code, const std::string& kind,
                           const std::vector<json>& versions) {
    auto c = connect();
    const std::string at = "2026-11-01T00:00:00Z";
    auto id = c->query(
                   "INSERT INTO power_item (region_code, code, name_zh, name_en, item_group, kind, legal_basis, "
                   "description, enabled, flow_version, sort, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                   "'collective', $5, '《中华人民共和国村民委员会组织法》第二十四条', '测试事项', 1, $6, 1, $7, $7) RETURNING id",
                   {region, code, "测试事项" + code, "Test " + code, kind, static_cast<std::int64_t>(versions.size()), at})
                  .front()
                  .get<std::int64_t>(0);
    for (std::size_t v = 0; v < versions.size(); ++v)
      c->query("INSERT INTO power_item_flow (item_id, version, flow, created_at) VALUES ($1, $2, $3, $4)",
               {id, static_cast<std::int64_t>(v + 1), versions[v].dump(), at});
    return id;
  }

  static json flow_with_risk(const std::string& risk) {
    return json{{"steps",
                 {{{"key", "submit"}, {"name_zh", "提出申请"}, {"kind", "submit"}},
                  {{"key", "head"},
                   {"name_zh", "书记审批"},
                   {"kind", "approve"},
                   {"roles", {"secretary"}},
                   {"time_limit_days", 3},
                   {"bands", {"small"}},
                   {"risks", {{{"text", risk}, {"level", "high"}, {"control", "监委会核对"}}}}},
                  {{"key", "joint"},
                   {"name_zh", "联席会议会签"},
                   {"kind", "joint"},
                   {"roles", {"secretary", "supervisor"}},
                   {"bands", {"medium", "large"}}}}}};
  }

  std::map<std::string, std::string> tokens_;
};

TEST_F(PowerCharts, RiskTableListsEveryRiskPointOfTheTemplateUntilTheVillageHasItsOwnItems) {
  auto r = get("/api/v1/power/charts/risks?region=" + std::string(kHefeng), tokens_["hefeng.supervisor"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["source"], "template");
  std::multiset<std::string> expected, got;
  int high = 0;
  for (const auto& i : power::default_power_items())
    for (const auto& s : i.flow.steps)
      for (const auto& k : s.risks) {
        expected.insert(i.code + "|" + s.key + "|" + k.text + "|" + power::to_string(k.level) + "|" + k.control);
        high += k.level == power::RiskLevel::high;
      }
  for (const auto& row : r.json["rows"])
    got.insert(row["item_code"].get<std::string>() + "|" + row["step_key"].get<std::string>() + "|" +
               row["risk"].get<std::string>() + "|" + row["level"].get<std::string>() + "|" +
               row["control"].get<std::string>());
  EXPECT_EQ(got, expected);
  EXPECT_EQ(r.json["counts"]["high"], high);

  // Once the village has its own catalogue, that is what the table lists.
  insert_item(kHefeng, "collective.test", "purchase", {flow_with_risk("拆分采购规避联席会议")});
  r = get("/api/v1/power/charts/risks?region=" + std::string(kHefeng), tokens_["hefeng.supervisor"]);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json["source"], "region");
  ASSERT_EQ(r.json["rows"].size(), 1u);
  EXPECT_EQ(r.json["rows"][0]["risk"], "拆分采购规避联席会议");
  EXPECT_EQ(r.json["rows"][0]["step_name"], "书记审批");
  EXPECT_EQ(r.json["rows"][0]["bands"], json::array({"small"}));

  auto x = get("/api/v1/power/charts/risks?format=xlsx&region=" + std::string(kHefeng), tokens_["hefeng.supervisor"]);
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(header(x, "Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(x.raw.body.substr(0, 2), "PK");
  auto csv = get("/api/v1/power/charts/risks?format=csv&region=" + std::string(kHefeng), tokens_["hefeng.supervisor"]);
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.raw.body.find("拆分采购规避联席会议"), std::string::npos);
  EXPECT_NE(csv.raw.body.find("防控措施"), std::string::npos);

  // Another village's table is outside a clerk's scope; a resident has no permission.
  EXPECT_EQ(get("/api/v1/power/charts/risks?region=" + std::string(kHefeng), tokens_["zhuxi.clerk"]).status, 403);
  EXPECT_EQ(get("/api/v1/power/charts/risks?region=" + std::string(kHefeng), tokens_["hefeng.resident"]).status, 403);
  EXPECT_EQ(get("/api/v1/power/charts/risks", tokens_["hefeng.clerk"]).status, 400);
}

TEST_F(PowerCharts, ResponsibilityChartNamesTheVillagesUsersAndItsStreetsStaff) {
  auto r = get("/api/v1/power/charts/responsibility?region=" + std::string(kHefeng), tokens_["hefeng.secretary"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(header(r, "Content-Type").substr(0, 13), "image/svg+xml");
  EXPECT_NE(header(r, "Content-Disposition").find(".svg"), std::string::npos);
  const auto& svg = r.raw.body;
  for (const char* name : {"荷风社区书记", "荷风社区文书", "荷风社区监委会成员", "青莲街道纪工委", "青莲街道三资中心",
                           "荷风社区党风廉政建设责任一览图", "第一责任人"})
    EXPECT_NE(svg.find(name), std::string::npos) << name;
  EXPECT_EQ(svg.find("竹溪社区书记"), std::string::npos);
  EXPECT_EQ(svg.find("荷风社区居民"), std::string::npos);  // residents carry no duty here

  // A disabled user is not named any more.
  connect()->query("UPDATE app_user SET enabled = 0 WHERE username = 'hefeng.supervisor'");
  r = get("/api/v1/power/charts/responsibility?region=" + std::string(kHefeng), tokens_["hefeng.secretary"]);
  EXPECT_EQ(r.raw.body.find("荷风社区监委会成员"), std::string::npos);
  EXPECT_NE(r.raw.body.find("尚未配备"), std::string::npos);

  auto page = get("/api/v1/power/charts/responsibility?format=html&region=" + std::string(kHefeng),
                  tokens_["discipline"]);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(header(page, "Content-Type").substr(0, 9), "text/html");
  EXPECT_NE(page.raw.body.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(page.raw.body.find("<svg"), std::string::npos);
  EXPECT_EQ(get("/api/v1/power/charts/responsibility?format=pdf&region=" + std::string(kHefeng), tokens_["discipline"])
                .status,
            400);
}

TEST_F(PowerCharts, ApprovalAndTradingChartsDrawTheTemplatesSpendingAndTradingFlows) {
  auto r = get("/api/v1/power/charts/approval?region=" + std::string(kHefeng), tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  for (const char* text : {"财务审批流程图", "监审小组联合审批", "村民代表会议决议", "按金额分档", "1,000.00 元",
                           "坐收坐支"})
    EXPECT_NE(r.raw.body.find(text), std::string::npos) << text;
  r = get("/api/v1/power/charts/trading?kind=purchase&region=" + std::string(kHefeng), tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 200);
  for (const char* text : {"物资采购", "村级公开招标", "进乡镇公共资源交易中心交易", "围标串标", "50,000.00 元"})
    EXPECT_NE(r.raw.body.find(text), std::string::npos) << text;
  r = get("/api/v1/power/charts/trading?kind=works&band=medium&region=" + std::string(kHefeng), tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.raw.body.find("两委联席会议审议"), std::string::npos);
  EXPECT_EQ(r.raw.body.find("村级公开招标"), std::string::npos);
  EXPECT_EQ(get("/api/v1/power/charts/trading?kind=land&region=" + std::string(kHefeng), tokens_["hefeng.clerk"]).status,
            400);

  // A village whose own catalogue lacks a spending item has no approval chart.
  insert_item(kZhuxi, "collective.test", "purchase", {flow_with_risk("风险")});
  auto z = get("/api/v1/power/charts/approval?region=" + std::string(kZhuxi), tokens_["zhuxi.clerk"]);
  EXPECT_EQ(z.status, 404) << z.raw.body;
}

TEST_F(PowerCharts, FlowChartOfAnItemFollowsItsVersions) {
  const auto id = insert_item(kHefeng, "collective.test", "purchase",
                              {flow_with_risk("第一版风险点"), flow_with_risk("第二版新增风险点")});
  const auto url = "/api/v1/power/charts/flow?item=" + std::to_string(id);
  auto r = get(url, tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_NE(r.raw.body.find("第二版新增风险点"), std::string::npos);
  EXPECT_NE(r.raw.body.find("联席会议会签"), std::string::npos);
  EXPECT_NE(r.raw.body.find("流程第 2 版"), std::string::npos);
  r = get(url + "&version=1", tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.raw.body.find("第一版风险点"), std::string::npos);
  EXPECT_EQ(r.raw.body.find("第二版新增风险点"), std::string::npos);
  EXPECT_EQ(get(url + "&version=3", tokens_["hefeng.clerk"]).status, 404);
  EXPECT_EQ(get(url, tokens_["zhuxi.clerk"]).status, 403);
  EXPECT_EQ(get("/api/v1/power/charts/flow?item=999999", tokens_["admin"]).status, 404);
  EXPECT_EQ(get("/api/v1/power/charts/flow?item=999999", tokens_["street"]).status, 403);  // scoped: no probing ids
  EXPECT_EQ(get("/api/v1/power/charts/flow?item=" + std::to_string(id) + "&band=huge", tokens_["street"]).status, 400);
}

TEST_F(PowerCharts, AuditChecklistFindsWhatTheCasesOfThePeriodDidWrong) {
  const auto item = insert_item(kHefeng, "collective.test", "purchase", {flow_with_risk("风险")});
  auto c = connect();
  const auto flow_id = c->query("SELECT id FROM power_item_flow WHERE item_id = $1", {item}).front().get<std::int64_t>(0);
  const auto requester = user_id("hefeng.clerk");
  const auto add_case = [&](const std::string& number, const std::string& status, const std::string& created) {
    return c->query("INSERT INTO power_case (region_code, number, item_id, flow_id, kind, band, title, amount_fen, status, "
                    "current_seq, steps_total, requester_id, requester_name, created_at, updated_at) VALUES ($1, $2, $3, "
                    "$4, 'purchase', 'medium', $5, 3000000, $6, 2, 4, $7, '荷风社区文书', $8, $8) RETURNING id",
                    {std::string(kHefeng), number, item, flow_id, "采购" + number, status, requester, created})
        .front()
        .get<std::int64_t>(0);
  };
  const auto add_step = [&](std::int64_t case_id, int seq, const std::string& kind, const std::string& roles,
                            const std::string& status, std::optional<std::string> due, std::optional<std::string> done) {
    c->query("INSERT INTO power_case_step (case_id, seq, step_key, name_zh, kind, roles, status, started_at, due_at, "
             "done_at) VALUES ($1, $2, $3, $4, $5, $6, $7, '2026-03-01T00:00:00Z', $8, $9)",
             {case_id, store::to_param(seq), "s" + std::to_string(seq), "环节" + std::to_string(seq), kind, roles, status,
              store::to_param(due), store::to_param(done)});
  };
  // A completed case: step 2 done two days late, joint step 3 signed by the secretary only,
  // meeting step 4 done without a meeting record, disclose step 5 without a disclosure, and
  // step 6 never done.
  const auto bad = add_case("QL-339902001001-2026-0001", "completed", "2026-03-01T02:00:00Z");
  add_step(bad, 1, "submit", "[]", "done", std::nullopt, "2026-03-01T02:00:00Z");
  add_step(bad, 2, "approve", "[\"secretary\"]", "done", "2026-03-04T02:00:00Z", "2026-03-06T03:00:00Z");
  add_step(bad, 3, "joint", "[\"secretary\",\"supervisor\"]", "done", std::nullopt, "2026-03-07T00:00:00Z");
  add_step(bad, 4, "meeting", "[]", "done", std::nullopt, "2026-03-08T00:00:00Z");
  add_step(bad, 5, "disclose", "[]", "done", std::nullopt, "2026-03-09T00:00:00Z");
  add_step(bad, 6, "record", "[\"clerk\"]", "pending", std::nullopt, std::nullopt);
  c->query("INSERT INTO power_case_signature (case_id, seq, round, role, user_id, user_name, at) VALUES ($1, 3, 0, "
           "'secretary', $2, '荷风社区书记', '2026-03-07T00:00:00Z')",
           {bad, user_id("hefeng.secretary")});
  // A clean case: the joint step fully signed, the meeting passed.
  const auto good = add_case("QL-339902001001-2026-0002", "in_progress", "2026-04-01T02:00:00Z");
  add_step(good, 1, "submit", "[]", "done", std::nullopt, "2026-04-01T02:00:00Z");
  add_step(good, 2, "joint", "[\"secretary\",\"supervisor\"]", "done", "2026-04-10T00:00:00Z", "2026-04-02T00:00:00Z");
  for (const char* role : {"secretary", "supervisor"})
    c->query("INSERT INTO power_case_signature (case_id, seq, round, role, user_id, user_name, at) VALUES ($1, 2, 0, "
             "$2, $3, 'x', '2026-04-02T00:00:00Z')",
             {good, std::string(role), user_id(std::string("hefeng.") + role)});
  add_step(good, 3, "meeting", "[]", "done", std::nullopt, "2026-04-03T00:00:00Z");
  c->query("INSERT INTO power_meeting (case_id, seq, body, held_at, members_total, present, votes_for, votes_against, "
           "votes_abstain, passed, recorded_by_name, recorded_at) VALUES ($1, 3, 'two_committees', "
           "'2026-04-03T00:00:00Z', 7, 6, 5, 1, 0, 1, '荷风社区文书', '2026-04-03T00:00:00Z')",
           {good});
  // Still open past its limit (the clock says 2026-11-21).
  add_step(good, 4, "approve", "[\"secretary\"]", "active", "2026-11-11T00:00:00Z", std::nullopt);
  // A case of last year is outside the period.
  const auto old = add_case("QL-339902001001-2025-0001", "completed", "2025-06-01T00:00:00Z");
  add_step(old, 1, "record", "[\"clerk\"]", "pending", std::nullopt, std::nullopt);

  auto r = get("/api/v1/power/charts/audit?region=" + std::string(kHefeng) + "&from=2026-01-01&to=2026-11-21",
               tokens_["discipline"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["cases_checked"], 2);
  std::map<std::string, int> findings;
  for (const auto& k : r.json["checks"]) findings[k["code"]] = k["findings"];
  EXPECT_EQ(findings["overdue_step"], 2);
  EXPECT_EQ(findings["joint_incomplete"], 1);
  EXPECT_EQ(findings["meeting_not_passed"], 1);
  EXPECT_EQ(findings["disclosure_missing"], 1);
  EXPECT_EQ(findings["step_skipped"], 1);
  std::set<std::string> details;
  for (const auto& row : r.json["rows"]) details.insert(row["detail_zh"].get<std::string>());
  EXPECT_TRUE(details.count("缺少签署:监委会")) << r.json["rows"].dump();
  EXPECT_TRUE(details.count("超时限 2 天办结(时限至 2026-03-04T02:00:00Z)")) << r.json["rows"].dump();
  EXPECT_TRUE(details.count("已超时限 10 天仍未办理(时限至 2026-11-11T00:00:00Z)")) << r.json["rows"].dump();

  // The street sees its villages' cases through the street's code; the year of 2025 alone has one.
  r = get("/api/v1/power/charts/audit?region=339902001000&from=2025-01-01&to=2025-12-31", tokens_["street"]);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json["cases_checked"], 1);
  auto x = get("/api/v1/power/charts/audit?format=xlsx&region=" + std::string(kHefeng), tokens_["discipline"]);
  EXPECT_EQ(x.status, 200);
  EXPECT_EQ(x.raw.body.substr(0, 2), "PK");
  EXPECT_EQ(get("/api/v1/power/charts/audit?region=" + std::string(kHefeng) + "&from=2026-05-01&to=2026-04-01",
                tokens_["discipline"])
                .status,
            400);
  EXPECT_EQ(get("/api/v1/power/charts/audit?region=" + std::string(kHefeng), tokens_["zhuxi.clerk"]).status, 403);
}

}  // namespace
}  // namespace ql::test
