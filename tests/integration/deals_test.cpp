// Asset deals (三资交易) and the yearly stock-take (年度清查) end to end, on whichever backend
// QL_TEST_BACKEND names: the 16 steps strictly in order by the right roles, no self-approval,
// the three stage disclosures in the publication log, the lease contract made by the deal,
// disposal only through a deal, per-region templates; stock-take figures against an
// independent calculation, closing rules and the read-only closed session.
#include <gtest/gtest.h>

#include <map>

#include "api_fixture.hpp"
#include "core/clock.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;

constexpr const char* kHefeng = "339902001001";
constexpr const char* kStreet = "339902001000";

class Deals : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");
    set_clock_for_testing([pinned] { return pinned; });
    for (const auto* u : {"hefeng.clerk", "hefeng.secretary", "hefeng.supervisor", "street", "zhuxi.clerk", "admin"})
      tokens_[u] = login(u);
  }
  void TearDown() override {
    set_clock_for_testing(nullptr);
    ApiTest::TearDown();
  }

  std::int64_t make_asset(const std::string& code, std::int64_t fen, const std::string& location = "村委会大院") {
    auto r = post("/api/v1/ledger/assets",
                  json{{"region_code", kHefeng}, {"code", code}, {"name", "资产" + code}, {"category", "building"},
                       {"original_value_fen", fen}, {"acquired_date", "2018-03-01"}, {"location", location},
                       {"custodian", "村文书"}},
                  tokens_["hefeng.clerk"]);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json["id"].get<std::int64_t>();
  }

  json start(const std::string& kind, const std::string& type, std::int64_t subject, const std::string& as = "hefeng.clerk") {
    auto r = post("/api/v1/ledger/deals",
                  json{{"region_code", kHefeng}, {"title", "测试交易"}, {"kind", kind}, {"subject_type", type},
                       {"subject_id", subject}, {"reserve_price_fen", 1'000'000}, {"method", "auction"},
                       {"description", "公开竞价 | 三年期"}},
                  tokens_[as]);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json;
  }

  // The Hefeng user of a role (the street's staff for street_office).
  std::string user_for(const std::string& role) {
    return role == "street_office" ? "street" : "hefeng." + role;
  }

  ApiResult act(std::int64_t deal, int seq, json body, const std::string& as) {
    return post("/api/v1/ledger/deals/" + std::to_string(deal) + "/steps/" + std::to_string(seq), body, tokens_[as]);
  }

  // Completes steps from the deal's current one up to `until` with the right users.
  json walk(const json& deal, int until) {
    json d = deal;
    const auto id = d["id"].get<std::int64_t>();
    for (int seq = d["current_step"].get<int>(); seq <= until; ++seq) {
      const auto& step = d["steps"][static_cast<std::size_t>(seq - 1)];
      json body = {{"action", "complete"}, {"note", "第" + std::to_string(seq) + "步"}, {"attachments", 1}};
      if (step["action"] == "record_result") {
        body["winner"] = "李记粮油店";
        body["price_fen"] = 1'230'000;
      }
      if (step["action"] == "sign_contract") {
        body["contract"] = d["kind"] == "disposal" ? json{{"number", "CS-" + std::to_string(id)}}
                                                   : json{{"number", "ZL-" + std::to_string(id)},
                                                          {"start_date", "2027-01-01"},
                                                          {"end_date", "2029-12-31"}};
      }
      auto r = act(id, seq, body, user_for(step["role"]));
      EXPECT_EQ(r.status, 200) << "step " << seq << ": " << r.raw.body;
      if (r.status != 200) return d;
      d = r.json;
    }
    return d;
  }

  std::map<std::string, std::string> tokens_;
};

TEST_F(Deals, SixteenStepsByTheRightUsersPublishThreeStagesAndMakeTheContract) {
  const auto asset = make_asset("JY-A1", 32'000'000);
  auto deal = start("lease", "asset", asset);
  ASSERT_EQ(deal["steps"].size(), 16u);
  EXPECT_EQ(deal["number"], "JY-2026-001");
  EXPECT_EQ(deal["next_role"], "clerk");
  EXPECT_TRUE(deal["template_from"].is_null());
  const auto id = deal["id"].get<std::int64_t>();
  deal = walk(deal, 16);
  EXPECT_EQ(deal["status"], "completed");
  EXPECT_EQ(deal["current_step"], 17);
  EXPECT_EQ(deal["winner"], "李记粮油店");
  EXPECT_EQ(deal["price_fen"], 1'230'000);
  for (const auto& s : deal["steps"]) {
    EXPECT_EQ(s["status"], "done");
    EXPECT_EQ(s["attachments"], 1);
    EXPECT_FALSE(s["done_by_name"].is_null());
  }
  EXPECT_EQ(deal["events"].size(), 16u);

  // Three disclosures, at steps 5, 8 and 15, with stages before/during/after, each published
  // by its own log entry and linking back to the deal.
  ASSERT_EQ(deal["disclosures"].size(), 3u);
  const std::vector<std::pair<int, std::string>> expected = {{5, "before"}, {8, "during"}, {15, "after"}};
  auto c = connect();
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& x = deal["disclosures"][i];
    EXPECT_EQ(x["seq"], expected[i].first);
    EXPECT_EQ(x["stage"], expected[i].second);
    const auto rows = c->query("SELECT d.stage, d.status, d.links, d.body, e.kind FROM disclosure d JOIN tlog_entry e ON "
                               "e.disclosure_id = d.id AND e.idx = d.log_index WHERE d.id = $1",
                               {x["id"].get<std::int64_t>()});
    ASSERT_EQ(rows.size(), 1u) << "no log entry for disclosure " << x["id"];
    EXPECT_EQ(rows.front().get<std::string>(0), expected[i].second);
    EXPECT_EQ(rows.front().get<std::string>(1), "published");
    EXPECT_EQ(json::parse(rows.front().get<std::string>(2)),
              json::array({{{"type", "asset_deal"}, {"id", std::to_string(id)}}}));
    EXPECT_NE(rows.front().get<std::string>(3).find(deal["number"].get<std::string>()), std::string::npos);
    EXPECT_EQ(rows.front().get<std::string>(4), "publish");
  }
  const auto after_body = *c->scalar("SELECT body FROM disclosure WHERE id = $1", {deal["disclosures"][2]["id"].get<std::int64_t>()});
  EXPECT_NE(after_body.find("12,300.00 元"), std::string::npos) << after_body;  // the price
  EXPECT_NE(after_body.find("公开竞价 \\| 三年期"), std::string::npos) << "pipes escaped in the table";

  // The lease contract was made from the deal's result.
  ASSERT_FALSE(deal["contract_id"].is_null());
  auto k = get("/api/v1/ledger/contracts/" + deal["contract_id"].dump(), tokens_["hefeng.clerk"]);
  ASSERT_EQ(k.status, 200) << k.raw.body;
  EXPECT_EQ(k.json["number"], "ZL-" + std::to_string(id));
  EXPECT_EQ(k.json["kind"], "lease");
  EXPECT_EQ(k.json["counterparty"], "李记粮油店");
  EXPECT_EQ(k.json["total_fen"], 1'230'000);
  EXPECT_EQ(k.json["subject_type"], "asset");

  // Each is on the residents' pages.
  for (const auto& x : deal["disclosures"]) {
    auto page = call(Method::GET, "/p/" + std::string(kHefeng) + "/d/" + x["id"].dump());
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.raw.body.find(x["title"].get<std::string>()), std::string::npos);
  }

  // A completed deal takes no more steps.
  auto r = act(id, 16, {{"action", "complete"}}, "hefeng.clerk");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "deal_completed");
}

TEST_F(Deals, OrderRolesSelfApprovalReturnsAndPrices) {
  const auto asset = make_asset("JY-A2", 500'000);
  auto deal = start("lease", "asset", asset);
  const auto id = deal["id"].get<std::int64_t>();
  auto r = act(id, 3, {{"action", "complete"}}, "street");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "step_out_of_order");
  r = act(id, 1, {{"action", "complete"}}, "hefeng.secretary");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "wrong_role");
  r = act(id, 1, {{"action", "complete"}}, "zhuxi.clerk");  // another village's clerk
  EXPECT_EQ(r.status, 403);
  r = act(id, 1, {{"action", "return"}, {"note", "退回"}}, "hefeng.clerk");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "step_not_returnable");
  deal = walk(deal, 1);
  // The secretary returns step 2 to the clerk (a note is required), then the clerk redoes it.
  r = act(id, 2, {{"action", "return"}}, "hefeng.secretary");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "note");
  r = act(id, 2, {{"action", "return"}, {"note", "申请材料不全"}}, "hefeng.secretary");
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["current_step"], 1);
  EXPECT_EQ(r.json["steps"][0]["status"], "pending");
  EXPECT_EQ(r.json["events"].back()["action"], "return");
  EXPECT_EQ(r.json["events"].back()["note"], "申请材料不全");
  deal = walk(r.json, 5);
  // Step 6 cannot go back to the published step 5.
  r = act(id, 6, {{"action", "return"}, {"note", "重新公开"}}, "hefeng.secretary");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "step_not_returnable");
  deal = walk(deal, 11);
  // The result: winner and price needed, never below the reserve price.
  r = act(id, 12, {{"action", "complete"}}, "street");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "winner");
  r = act(id, 12, {{"action", "complete"}, {"winner", "张三"}, {"price_fen", 999'999}}, "street");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "price_fen");
  r = act(id, 11, {{"action", "complete"}, {"winner", "张三"}}, "hefeng.clerk");
  EXPECT_EQ(r.status, 409);  // step 11 is done; order is checked first
  // Nothing of the refused attempts was written.
  EXPECT_EQ(get("/api/v1/ledger/deals/" + std::to_string(id), tokens_["admin"]).json["winner"], nullptr);

  // Self-approval: a deal started by the street's staff cannot have its price confirmed by them.
  const auto other = make_asset("JY-A3", 100'000);
  auto street_deal = start("lease", "asset", other, "street");
  street_deal = walk(street_deal, 2);
  r = act(street_deal["id"].get<std::int64_t>(), 3, {{"action", "complete"}}, "street");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "self_approval");
  // One open deal per subject.
  r = post("/api/v1/ledger/deals",
           json{{"region_code", kHefeng}, {"title", "重复"}, {"kind", "lease"}, {"subject_type", "asset"},
                {"subject_id", other}, {"reserve_price_fen", 1}, {"method", "tender"}},
           tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "deal_in_progress");
  // The list shows who acts next.
  auto list = get("/api/v1/ledger/deals?region=" + std::string(kStreet) + "&status=in_progress", tokens_["street"]);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["total"], 2);
}

TEST_F(Deals, AnAssetIsDisposedOnlyThroughADeal) {
  const auto asset = make_asset("JY-A4", 800'000);
  auto r = patch("/api/v1/ledger/assets/" + std::to_string(asset), json{{"status", "disposed"}}, tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "disposal_requires_deal");
  // Kinds must fit their subjects.
  r = post("/api/v1/ledger/deals",
           json{{"region_code", kHefeng}, {"title", "x"}, {"kind", "contracting"}, {"subject_type", "asset"},
                {"subject_id", asset}, {"reserve_price_fen", 1}, {"method", "tender"}},
           tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "kind");
  auto deal = start("disposal", "asset", asset);
  deal = walk(deal, 15);
  EXPECT_EQ(get("/api/v1/ledger/assets/" + std::to_string(asset), tokens_["hefeng.clerk"]).json["status"], "in_use");
  deal = walk(deal, 16);
  EXPECT_EQ(deal["status"], "completed");
  EXPECT_TRUE(deal["contract_id"].is_null());  // a sale makes no lease contract
  const auto a = get("/api/v1/ledger/assets/" + std::to_string(asset), tokens_["hefeng.clerk"]).json;
  EXPECT_EQ(a["status"], "disposed");
  EXPECT_EQ(a["disposal_ref"], deal["number"]);
  r = post("/api/v1/ledger/deals",
           json{{"region_code", kHefeng}, {"title", "再处置"}, {"kind", "disposal"}, {"subject_type", "asset"},
                {"subject_id", asset}, {"reserve_price_fen", 1}, {"method", "tender"}},
           tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "asset_disposed");
  // The operation log has the disposal, citing the deal.
  EXPECT_EQ(*connect()->scalar("SELECT COUNT(*) FROM op_log WHERE action = 'dispose' AND object_type = 'asset' AND "
                               "object_id = $1",
                               {std::to_string(asset)}),
            "1");
}

TEST_F(Deals, AStreetTemplateAppliesToNewDealsOnly) {
  const auto a1 = make_asset("JY-A5", 1000), a2 = make_asset("JY-A6", 1000);
  const auto running = start("lease", "asset", a1);
  auto t = get("/api/v1/ledger/deal-template?region=" + std::string(kHefeng), tokens_["hefeng.clerk"]);
  ASSERT_EQ(t.status, 200);
  EXPECT_TRUE(t.json["inherited_from"].is_null());
  EXPECT_EQ(t.json["steps"].size(), 16u);
  const json five = json::array({{{"name", "申请"}, {"role", "clerk"}},
                                 {{"name", "事前公开"}, {"role", "clerk"}, {"action", "disclose_before"}},
                                 {{"name", "方案公示"}, {"role", "secretary"}, {"action", "disclose_plan"}, {"approval", true}},
                                 {{"name", "竞价"}, {"role", "street_office"}, {"action", "record_result"}},
                                 {{"name", "签约"}, {"role", "secretary"}, {"action", "sign_contract"}},
                                 {{"name", "结果公开"}, {"role", "clerk"}, {"action", "disclose_after"}}});
  auto bad = five;
  std::swap(bad[1], bad[2]);
  auto r = call(Method::PUT, "/api/v1/ledger/deal-template", json{{"region_code", kStreet}, {"steps", bad}}.dump(),
                tokens_["street"]);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "steps[1].action");
  r = call(Method::PUT, "/api/v1/ledger/deal-template", json{{"region_code", kStreet}, {"steps", five}}.dump(),
           tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 403);
  r = call(Method::PUT, "/api/v1/ledger/deal-template", json{{"region_code", kStreet}, {"steps", five}}.dump(),
           tokens_["street"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  t = get("/api/v1/ledger/deal-template?region=" + std::string(kHefeng), tokens_["hefeng.clerk"]);
  EXPECT_EQ(t.json["inherited_from"], kStreet);
  EXPECT_EQ(t.json["steps"].size(), 6u);
  const auto fresh = start("lease", "asset", a2);
  EXPECT_EQ(fresh["steps_total"], 6);
  EXPECT_EQ(fresh["template_from"], kStreet);
  EXPECT_EQ(get("/api/v1/ledger/deals/" + running["id"].dump(), tokens_["hefeng.clerk"]).json["steps"].size(), 16u);
  const auto done = walk(fresh, 6);
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["disclosures"].size(), 3u);
}

TEST_F(Deals, StockTakeReportMatchesAnIndependentCalculation) {
  const auto a1 = make_asset("QC-01", 1'000'000), a2 = make_asset("QC-02", 250'050), a3 = make_asset("QC-03", 77'700);
  auto r = post("/api/v1/ledger/resources",
                json{{"region_code", kHefeng}, {"code", "QR-01"}, {"name", "西塘"}, {"kind", "water"},
                     {"area_milli", 12'500}, {"location", "西塘"}},
                tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 201);
  const auto res = r.json["id"].get<std::int64_t>();
  r = post("/api/v1/ledger/inventories", json{{"region_code", kHefeng}, {"year", 2027}}, tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "year");
  r = post("/api/v1/ledger/inventories", json{{"region_code", kHefeng}, {"year", 2026}}, tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  const auto inv = r.json["id"].get<std::int64_t>();
  const std::string url = "/api/v1/ledger/inventories/" + std::to_string(inv);
  // The snapshot: every asset and resource of the village, independently counted.
  auto c = connect();
  const auto expected_lines = std::stoll(*c->scalar("SELECT COUNT(*) FROM asset WHERE region_code = $1 AND status <> "
                                                    "'disposed'", {std::string(kHefeng)})) +
                              std::stoll(*c->scalar("SELECT COUNT(*) FROM resource WHERE region_code = $1", {std::string(kHefeng)}));
  EXPECT_EQ(r.json["progress"]["total"], expected_lines);
  EXPECT_EQ(r.json["progress"]["pending"], expected_lines);
  r = post("/api/v1/ledger/inventories", json{{"region_code", kHefeng}, {"year", 2026}}, tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "duplicate_inventory");

  auto items = get(url + "/items?size=200", tokens_["hefeng.clerk"]).json["items"];
  std::map<std::int64_t, std::int64_t> line_of;  // asset/resource id -> line id
  for (const auto& it : items) line_of[it["ref_id"].get<std::int64_t>() * 10 + (it["item_type"] == "asset" ? 1 : 2)] = it["id"].get<std::int64_t>();
  const auto line = [&](std::int64_t ref, bool asset) { return url + "/items/" + std::to_string(line_of[ref * 10 + (asset ? 1 : 2)]); };
  const auto count = [&](const std::string& target, const json& body) {
    return call(Method::PUT, target, body.dump(), tokens_["hefeng.clerk"]);
  };
  // a1 missing, a2 moved and revalued, the pond's area corrected, the rest found.
  ASSERT_EQ(count(line(a1, true), {{"result", "missing"}, {"note", "未找到"}}).status, 200);
  r = count(line(a2, true), {{"result", "changed"}, {"new_value_fen", 200'000}, {"new_location", "新仓库"}});
  ASSERT_EQ(r.status, 200) << r.raw.body;
  r = count(line(a3, true), {{"result", "changed"}, {"new_location", "村委会大院"}});
  EXPECT_EQ(r.status, 400) << "changed needs a new value that differs";
  r = count(line(a3, true), {{"result", "found"}, {"new_location", "x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "new_location");
  r = count(line(res, false), {{"result", "changed"}, {"new_custodian", "x"}});
  EXPECT_EQ(r.status, 400);
  ASSERT_EQ(count(line(res, false), {{"result", "changed"}, {"new_area_milli", 13'000}}).status, 200);
  // A surplus item found in the warehouse, to be registered.
  r = post(url + "/surplus",
           json{{"kind", "asset"}, {"code", "QC-99"}, {"name", "旧打谷机"}, {"category", "机器设备"}, {"value_fen", 30'000},
                {"location", "仓库"}, {"add_to_register", true}},
           tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  r = post(url + "/surplus", json{{"kind", "asset"}, {"code", "QC-01"}, {"name", "重复"}, {"category", "other"}},
           tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "duplicate_asset_code");
  r = post(url + "/close", json::object(), tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "inventory_incomplete");
  const auto pending = get(url + "/items?result=pending&size=200", tokens_["hefeng.clerk"]);
  ASSERT_EQ(pending.status, 200) << pending.raw.body;
  for (const auto& it : pending.json["items"])
    ASSERT_EQ(count(url + "/items/" + it["id"].dump(), {{"result", "found"}}).status, 200);

  // The report against figures computed here from what was recorded.
  const auto report = get(url + "/report", tokens_["hefeng.supervisor"]);
  ASSERT_EQ(report.status, 200) << report.raw.body;
  const auto& sum = report.json["summary"];
  EXPECT_EQ(sum["total"], expected_lines + 1);
  EXPECT_EQ(sum["missing"], 1);
  EXPECT_EQ(sum["changed"], 2);
  EXPECT_EQ(sum["surplus"], 1);
  EXPECT_EQ(sum["found"], expected_lines - 3);
  EXPECT_EQ(sum["missing_value_fen"], 1'000'000);
  EXPECT_EQ(sum["surplus_value_fen"], 30'000);
  EXPECT_EQ(sum["value_change_fen"], 200'000 - 250'050);
  ASSERT_EQ(report.json["missing"].size(), 1u);
  EXPECT_EQ(report.json["missing"][0]["code"], "QC-01");

  r = post(url + "/close", json::object(), tokens_["hefeng.supervisor"]);
  EXPECT_EQ(r.status, 403);  // supervisors inspect, clerks count
  r = post(url + "/close", json::object(), tokens_["hefeng.clerk"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["status"], "closed");
  // Changes applied through the register; the missing asset is flagged, not disposed.
  auto a = get("/api/v1/ledger/assets/" + std::to_string(a2), tokens_["hefeng.clerk"]).json;
  EXPECT_EQ(a["location"], "新仓库");
  EXPECT_EQ(a["original_value_fen"], 250'050);  // value differences are reported, not booked
  EXPECT_EQ(get("/api/v1/ledger/assets/" + std::to_string(a1), tokens_["hefeng.clerk"]).json["status"], "in_use");
  EXPECT_EQ(get("/api/v1/ledger/resources/" + std::to_string(res), tokens_["hefeng.clerk"]).json["area_milli"], 13'000);
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM op_log WHERE action = 'inventory_missing' AND object_id = $1",
                       {std::to_string(a1)}),
            "1");
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM asset WHERE region_code = $1 AND code = 'QC-99' AND original_value_fen = 30000",
                       {std::string(kHefeng)}),
            "1");
  // Closed: read-only.
  r = count(line(a3, true), {{"result", "missing"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "inventory_closed");
  r = post(url + "/surplus", json{{"kind", "resource"}, {"code", "QR-9"}, {"name", "x"}, {"category", "land"}},
           tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  r = post(url + "/close", json::object(), tokens_["hefeng.clerk"]);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "inventory_closed");
  // Downloads.
  auto csv = get(url + "/report?format=csv", tokens_["hefeng.clerk"]);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.raw.headers["Content-Type"].substr(0, 8), "text/csv");
  for (const char* s : {"盘亏", "变动", "盘盈", "QC-01", "QC-02", "QC-99", "10000.00", "2000.00"})
    EXPECT_NE(csv.raw.body.find(s), std::string::npos) << s << "\n" << csv.raw.body;
  auto xlsx = get(url + "/report?format=xlsx", tokens_["hefeng.clerk"]);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.body.substr(0, 2), "PK");
  // Another village's clerk sees nothing of it.
  EXPECT_EQ(get(url, tokens_["zhuxi.clerk"]).status, 403);
}

}  // namespace
}  // namespace ql::test
