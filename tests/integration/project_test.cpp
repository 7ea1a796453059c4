// Works projects, the yearly project check table and the term audit, on whichever backend
// QL_TEST_BACKEND names: each check fires on a project crafted for it and on no other rule,
// a clean project raises nothing, paid figures come from the linked vouchers (void ones count
// 0), and the term audit's figures equal an independent calculation from the vouchers posted.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.hpp"
#include "core/clock.hpp"
#include "core/xlsx_reader.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;

constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";

struct Line {
  std::string account;
  std::int64_t debit = 0, credit = 0;
};

class Projects : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");  // business date 2026-11-21
    set_clock_for_testing([pinned] { return pinned; });
    clerk_ = login("hefeng.clerk");
  }
  void TearDown() override {
    set_clock_for_testing(nullptr);
    ApiTest::TearDown();
  }

  // Posts a voucher as hefeng.clerk; a payment carries an unapproved exception. Returns its id.
  std::int64_t voucher(const std::string& date, const std::vector<Line>& lines, bool payment) {
    json ls = json::array();
    for (const auto& l : lines) {
      json j{{"account_code", l.account}};
      if (l.debit) j["debit_fen"] = l.debit;
      if (l.credit) j["credit_fen"] = l.credit;
      ls.push_back(j);
      posted_.push_back({date, l});
    }
    json body{{"region_code", kHefeng}, {"date", date}, {"summary", "测试凭证"}, {"lines", ls}};
    if (payment) body["unapproved_exception"] = {{"reason", "事后补批"}};
    auto r = post("/api/v1/ledger/vouchers", body, clerk_);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json.value("id", std::int64_t{0});
  }
  // A payment of `fen` from the bank for a project (expense 541.03).
  std::int64_t pay(const std::string& date, std::int64_t fen) {
    return voucher(date, {{"541.03", fen, 0}, {"102", 0, fen}}, true);
  }
  std::int64_t project(json body) {
    body["region_code"] = kHefeng;
    if (!body.contains("year")) body["year"] = 2026;
    if (!body.contains("category")) body["category"] = "works";
    auto r = post("/api/v1/ledger/projects", body, clerk_);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json.value("id", std::int64_t{0});
  }
  void link(std::int64_t project_id, std::int64_t voucher_id) {
    auto r = post("/api/v1/ledger/projects/" + std::to_string(project_id) + "/payments", json{{"voucher_id", voucher_id}},
                  clerk_);
    EXPECT_EQ(r.status, 201) << r.raw.body;
  }
  std::set<std::string> codes(const json& item) {
    std::set<std::string> out;
    for (const auto& c : item["checks"]) out.insert(c["code"].get<std::string>());
    return out;
  }

  std::string clerk_;
  std::vector<std::pair<std::string, Line>> posted_;  // every line posted, with its date
};

TEST_F(Projects, EachCheckFiresOnItsProjectAndNotOnACleanOne) {
  // Clean: 8万 (public tender band), accepted, advance of 2万 (25 %) before acceptance, the
  // rest after, paid = settlement, no audit needed below 10万.
  const auto clean = project({{"name", "清洁项目"}, {"contract_amount_fen", 8000000}, {"procurement_method", "公开招标"},
                              {"start_date", "2026-03-01"}, {"finish_date", "2026-04-20"},
                              {"acceptance_date", "2026-05-01"}, {"settlement_amount_fen", 7800000}});
  link(clean, pay("2026-03-10", 2000000));
  link(clean, pay("2026-06-01", 5800000));
  const auto over_settle = project({{"name", "超结算"}, {"contract_amount_fen", 1500000}, {"procurement_method", "direct"},
                                    {"acceptance_date", "2026-02-01"}, {"settlement_amount_fen", 1000000}});
  link(over_settle, pay("2026-02-10", 1200000));
  const auto over_contract = project({{"name", "超合同"}, {"contract_amount_fen", 1000000}, {"procurement_method", "direct"},
                                      {"finish_date", "2026-02-28"}, {"acceptance_date", "2026-03-01"},
                                      {"acceptance_result", "passed"}});
  link(over_contract, pay("2026-03-05", 1100000));
  const auto early = project({{"name", "验收前付款"}, {"contract_amount_fen", 1000000}, {"procurement_method", "direct"},
                              {"acceptance_date", "2026-08-01"}});
  link(early, pay("2026-07-01", 500000));
  const auto below = project({{"name", "规避交易中心"}, {"contract_amount_fen", 60000000}, {"procurement_method", "public_tender"}});
  const auto unaudited = project({{"name", "未审计结算"}, {"contract_amount_fen", 20000000}, {"procurement_method", "public_tender"},
                                  {"settlement_amount_fen", 20000000}});
  const auto over_audit = project({{"name", "超审定"}, {"contract_amount_fen", 10000000}, {"procurement_method", "public_tender"},
                                   {"audit_date", "2026-09-01"}, {"audited_amount_fen", 9000000},
                                   {"settlement_amount_fen", 9500000}});
  const auto no_acceptance = project({{"name", "未验收"}, {"contract_amount_fen", 1000000}, {"procurement_method", "direct"},
                                      {"finish_date", "2026-10-01"}});
  // Another year's project is not in the 2026 table.
  project({{"name", "去年项目"}, {"year", 2025}, {"contract_amount_fen", 60000000}, {"procurement_method", "direct"}});

  auto r = get("/api/v1/ledger/project-check?region=" + std::string(kHefeng) + "&year=2026", clerk_);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  std::map<std::int64_t, json> by_id;
  for (const auto& i : r.json["items"]) by_id[i["id"].get<std::int64_t>()] = i;
  ASSERT_EQ(by_id.size(), 8u);
  EXPECT_EQ(codes(by_id[clean]), std::set<std::string>{}) << by_id[clean].dump();
  EXPECT_EQ(by_id[clean]["paid_fen"], 7800000);
  EXPECT_EQ(by_id[clean]["amount_band"], "large");
  EXPECT_EQ(codes(by_id[over_settle]), std::set<std::string>{"paid_over_settlement"});
  EXPECT_EQ(codes(by_id[over_contract]), std::set<std::string>{"paid_over_contract"});
  EXPECT_EQ(codes(by_id[early]), std::set<std::string>{"paid_before_acceptance"});
  EXPECT_EQ(by_id[early]["checks"][0]["evidence"]["advance_limit_fen"], 300000);
  EXPECT_EQ(codes(by_id[below]), std::set<std::string>{"procurement_below_required"});
  EXPECT_EQ(by_id[below]["checks"][0]["evidence"]["required_method"], "township_centre");
  EXPECT_EQ(codes(by_id[unaudited]), std::set<std::string>{"settled_without_audit"});
  EXPECT_EQ(codes(by_id[over_audit]), std::set<std::string>{"settlement_over_audit"});
  EXPECT_EQ(codes(by_id[no_acceptance]), std::set<std::string>{"acceptance_missing"});
  EXPECT_EQ(by_id[no_acceptance]["checks"][0]["severity"], "warning");
  EXPECT_EQ(r.json["totals"]["projects"], 8);
  EXPECT_EQ(r.json["totals"]["flagged_projects"], 7);
  EXPECT_EQ(r.json["totals"]["errors"], 6);
  EXPECT_EQ(r.json["totals"]["warnings"], 1);

  // The advance rule is at the boundary: 30 % exactly is allowed, one fen more is not.
  const auto edge = project({{"name", "预付款边界"}, {"contract_amount_fen", 1000000}, {"procurement_method", "direct"}});
  link(edge, pay("2026-07-02", 300000));
  EXPECT_EQ(codes(get("/api/v1/ledger/projects/" + std::to_string(edge), clerk_).json), std::set<std::string>{});
  const auto extra = pay("2026-07-03", 1);
  link(edge, extra);
  EXPECT_EQ(codes(get("/api/v1/ledger/projects/" + std::to_string(edge), clerk_).json),
            std::set<std::string>{"paid_before_acceptance"});
  // A voided payment counts 0: the finding goes away and the payment shows as void.
  ASSERT_EQ(post("/api/v1/ledger/vouchers/" + std::to_string(extra) + "/void", json{{"reason", "录错"}}, clerk_).status, 200);
  auto e = get("/api/v1/ledger/projects/" + std::to_string(edge), clerk_).json;
  EXPECT_EQ(codes(e), std::set<std::string>{});
  EXPECT_EQ(e["paid_fen"], 300000);
  EXPECT_EQ(e["payments"][1]["state"], "void");

  // The download: xlsx with a row per project and the findings as text.
  auto x = get("/api/v1/ledger/project-check?region=" + std::string(kHefeng) + "&year=2026&format=xlsx", clerk_);
  ASSERT_EQ(x.status, 200);
  bool found = false;
  int rows = 0;
  xlsx::read_sheet(x.raw.body, "", [&](const xlsx::RowView& row) {
    ++rows;
    for (const auto& cell : row.cells) found = found || std::string(cell.text).find("超过结算金额") != std::string::npos;
  });
  EXPECT_TRUE(found);
  EXPECT_EQ(rows, 2 + 9);  // title, header, nine projects
}

TEST_F(Projects, ValidationScopeAndLinks) {
  const auto bad = [&](json body, const std::string& field) {
    body["region_code"] = kHefeng;
    for (const char* k : {"name", "year", "category", "contract_amount_fen", "procurement_method"})
      if (!body.contains(k))
        body[k] = std::string(k) == "year" ? json(2026) : std::string(k) == "contract_amount_fen" ? json(100)
                  : std::string(k) == "category" ? json("works") : std::string(k) == "procurement_method" ? json("direct")
                  : json("项目");
    auto r = post("/api/v1/ledger/projects", body, clerk_);
    EXPECT_EQ(r.status, 400) << r.raw.body;
    EXPECT_EQ(r.json["error"].value("field", ""), field) << r.raw.body;
  };
  bad({{"procurement_method", "抓阄"}}, "procurement_method");
  bad({{"category", "other"}}, "category");
  bad({{"start_date", "2026-05-01"}, {"finish_date", "2026-04-01"}}, "finish_date");
  bad({{"acceptance_result", "passed"}}, "acceptance_date");
  bad({{"audited_amount_fen", 5}}, "audit_date");
  bad({{"acceptance_date", "2026-13-01"}}, "acceptance_date");
  const auto id = project({{"name", "路灯"}, {"contract_amount_fen", 100000}, {"procurement_method", "询价"}});
  const auto url = "/api/v1/ledger/projects/" + std::to_string(id);
  EXPECT_EQ(get(url, clerk_).json["procurement_method"], "inquiry");
  // Other villages' clerks see nothing of it.
  EXPECT_EQ(get(url, login("zhuxi.clerk")).status, 403);
  // Only the village's posted payment vouchers link, and only once.
  const auto income = voucher("2026-02-01", {{"102", 1000, 0}, {"511.01", 0, 1000}}, false);
  auto r = post(url + "/payments", json{{"voucher_id", income}}, clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "voucher_id");
  const auto p = pay("2026-02-02", 500);
  link(id, p);
  const auto other = project({{"name", "另一项目"}, {"contract_amount_fen", 100000}, {"procurement_method", "direct"}});
  r = post("/api/v1/ledger/projects/" + std::to_string(other) + "/payments", json{{"voucher_id", p}}, clerk_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "voucher_already_linked");
  auto zr = post("/api/v1/ledger/vouchers",
                 json{{"region_code", kZhuxi}, {"date", "2026-02-02"}, {"summary", "竹溪付款"},
                      {"unapproved_exception", {{"reason", "事后补批"}}},
                      {"lines", json::array({json{{"account_code", "541.03"}, {"debit_fen", 9}},
                                             json{{"account_code", "102"}, {"credit_fen", 9}}})}},
                 login("zhuxi.clerk"));
  ASSERT_EQ(zr.status, 201) << zr.raw.body;
  r = post(url + "/payments", json{{"voucher_id", zr.json["id"]}}, clerk_);
  EXPECT_EQ(r.status, 400);
  // Unlink, then delete; the operation log has every write.
  EXPECT_EQ(call(Method::DELETE, url + "/payments/" + std::to_string(p), "", clerk_).json["paid_fen"], 0);
  EXPECT_EQ(call(Method::DELETE, url + "/payments/" + std::to_string(p), "", clerk_).status, 404);
  EXPECT_EQ(call(Method::DELETE, url, "", clerk_).status, 204);
  EXPECT_EQ(get(url, clerk_).status, 403);  // scoped callers learn nothing of missing ids
  EXPECT_EQ(get(url, login("admin")).status, 404);
  // create, link, unlink, delete: each write has its log entry, the refused ones none.
  EXPECT_EQ(*connect()->scalar("SELECT COUNT(*) FROM op_log WHERE object_type = 'project' AND object_id = $1",
                               {std::to_string(id)}),
            "4");
}

TEST_F(Projects, TermAuditEqualsAnIndependentCalculation) {
  // Before the term: cash 10,000.00 received, a receivable of 300.00 booked.
  voucher("2025-12-15", {{"101", 1000000, 0}, {"511.01", 0, 1000000}}, false);
  voucher("2025-12-20", {{"112", 30000, 0}, {"511.01", 0, 30000}}, false);
  // The term, 2026-01-01 .. 2026-10-31.
  voucher("2026-01-10", {{"102", 50000000, 0}, {"522", 0, 50000000}}, false);
  const auto p1 = pay("2026-03-01", 1200000);
  pay("2026-04-01", 80000);
  voucher("2026-05-01", {{"101", 0, 200000}, {"102", 200000, 0}}, false);  // cash to bank: no payment
  voucher("2026-06-01", {{"541.02", 4500, 0}, {"202", 0, 4500}}, false);    // a payable
  const auto wrong = pay("2026-07-01", 777);
  ASSERT_EQ(post("/api/v1/ledger/vouchers/" + std::to_string(wrong) + "/reverse", json{{"date", "2026-07-02"}}, clerk_).status,
            201);
  posted_.push_back({"2026-07-02", {"541.03", 0, 777}});
  posted_.push_back({"2026-07-02", {"102", 777, 0}});
  // After the term: does not count.
  pay("2026-11-05", 999);
  const auto proj = project({{"name", "村道硬化"}, {"contract_amount_fen", 1000000}, {"procurement_method", "direct"}});
  link(proj, p1);

  const auto uid = std::to_string(user_id("hefeng.clerk"));
  auto r = get("/api/v1/ledger/term-audit?region=" + std::string(kHefeng) + "&user=" + uid +
                   "&from=2026-01-01&to=2026-10-31",
               login("discipline"));
  ASSERT_EQ(r.status, 200) << r.raw.body;
  const auto& a = r.json;

  // Independent calculation from the lines posted above (normal side: assets debit, others credit).
  const auto balance = [&](const std::string& code, const std::string& before_or_through, bool through, bool debit_side) {
    std::int64_t s = 0;
    for (const auto& [date, l] : posted_) {
      if (l.account != code && !l.account.starts_with(code + ".")) continue;
      if (through ? date > before_or_through : date >= before_or_through) continue;
      s += debit_side ? l.debit - l.credit : l.credit - l.debit;
    }
    return s;
  };
  std::map<std::string, json> pos;
  for (const auto& p : a["positions"]) pos[p["key"].get<std::string>()] = p;
  EXPECT_EQ(pos["cash"]["opening_fen"], balance("101", "2026-01-01", false, true));
  EXPECT_EQ(pos["cash"]["closing_fen"], balance("101", "2026-10-31", true, true));
  EXPECT_EQ(pos["bank"]["opening_fen"], 0);
  EXPECT_EQ(pos["bank"]["closing_fen"], balance("102", "2026-10-31", true, true));
  EXPECT_EQ(pos["receivables"]["closing_fen"], 30000);
  EXPECT_EQ(pos["payables"]["closing_fen"], balance("202", "2026-10-31", true, false));
  std::int64_t income = 0, spending = 0;
  for (const auto& [date, l] : posted_) {
    if (date < "2026-01-01" || date > "2026-10-31") continue;
    if (l.account.starts_with("5") && (l.account.starts_with("51") || l.account.starts_with("52")))
      income += l.credit - l.debit;
    if (l.account.starts_with("54")) spending += l.debit - l.credit;
  }
  EXPECT_EQ(a["income_fen"], income);
  EXPECT_EQ(a["expenditure_fen"], spending);
  EXPECT_EQ(spending, 1200000 + 80000 + 4500);
  // Vouchers the clerk entered in the term: 7 (income, 3 payments, transfer, payable, reversal).
  EXPECT_EQ(a["vouchers"].size(), 7u);
  EXPECT_EQ(a["unapproved"].size(), 3u);
  EXPECT_EQ(a["reversals"].size(), 1u);
  ASSERT_EQ(a["projects"].size(), 1u);
  EXPECT_EQ(a["projects"][0]["paid_fen"], 1200000);
  EXPECT_EQ(codes(a["projects"][0]), (std::set<std::string>{"paid_over_contract", "paid_before_acceptance"}));

  // By name (a cadre without an account) and as a workbook with one sheet per section.
  auto x = get("/api/v1/ledger/term-audit?region=" + std::string(kHefeng) + "&user=" + uid +
                   "&from=2026-01-01&to=2026-10-31&format=xlsx",
               login("discipline"));
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.raw.body.substr(0, 2), "PK");
  EXPECT_NE(x.raw.body.find("xl/worksheets/sheet12.xml"), std::string::npos);
  auto bad = get("/api/v1/ledger/term-audit?region=" + std::string(kHefeng) + "&user=" +
                     std::to_string(user_id("zhuxi.clerk")) + "&from=2026-01-01&to=2026-10-31",
                 login("discipline"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "user");
}

}  // namespace
}  // namespace ql::test
