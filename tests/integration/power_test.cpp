// Petty power (小微权力) end to end, on whichever backend QL_TEST_BACKEND names: routing by
// amount (the 30,000 元 / 60,000 元 purchases), the rules no one can bypass (self-
// approval, order, joint signatures, rejection, amount rises, role and scope), a 60,000 元 case
// walked through 四议两公开 with its meetings checked for quorum and majority and its
// disclosures on the community's public page, versioned flows, routing rules per region, the
// seal log, and payment vouchers that may cite only a fully approved case.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "core/clock.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;

constexpr const char* kHefeng = "339902001001";

std::vector<std::string> keys(const json& route) {
  std::vector<std::string> out;
  for (const auto& s : route) out.push_back(s["key"]);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& k) { return std::find(v.begin(), v.end(), k) != v.end(); }

class Power : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T02:00:00Z");
    set_clock_for_testing([pinned] { return pinned; });
    clerk_ = login("hefeng.clerk");
    secretary_ = login("hefeng.secretary");
    supervisor_ = login("hefeng.supervisor");
    street_ = login("street");
    // The second clerk (报账员): the first one starts cases and may not review their own.
    bookkeeper_ = login("hefeng.bookkeeper");
  }

  json start(std::int64_t amount_fen, const std::string& title = "采购办公设备") {
    auto r = post("/api/v1/power/cases",
                  {{"item", "collective.purchase"}, {"region", kHefeng}, {"title", title}, {"amount_fen", amount_fen},
                   {"counterparty", "青莲办公设备公司"}},
                  clerk_);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json;
  }

  ApiResult act(const json& c, const std::string& step, const std::string& action, const std::string& token,
                json extra = json::object()) {
    json body = {{"step", step}, {"action", action}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    return post("/api/v1/power/cases/" + c["id"].dump() + "/actions", body, token);
  }

  json ok(const ApiResult& r) {
    EXPECT_EQ(r.status, 200) << r.raw.body;
    return r.json;
  }

  static json meeting(int total, int present, int yes) {
    return {{"meeting", {{"members_total", total}, {"present", present}, {"votes_for", yes}, {"votes_against", present - yes},
                         {"attendees", "张三、李四"}, {"resolution", "同意采购"}}}};
  }

  std::string clerk_, secretary_, supervisor_, street_, bookkeeper_;
};

TEST_F(Power, AmountsRouteToTheirBands) {
  // The route is shown before anything is started.
  auto preview = get("/api/v1/power/route?region=" + std::string(kHefeng) + "&item=collective.purchase&amount_fen=3000000", clerk_);
  ASSERT_EQ(preview.status, 200) << preview.raw.body;
  EXPECT_EQ(preview.json["band"], "medium");
  EXPECT_EQ(count("power_case"), 0);

  auto medium = start(3'000'000);  // 30,000 元
  EXPECT_EQ(medium["band"], "medium");
  EXPECT_TRUE(std::string(medium["number"]).starts_with("QL-339902001001-2026-"));
  const auto m = keys(medium["route"]);
  EXPECT_TRUE(has(m, "joint_meeting"));
  EXPECT_FALSE(has(m, "representatives"));
  EXPECT_FALSE(has(m, "head_approve"));
  EXPECT_EQ(keys(preview.json["route"]), m);
  for (const auto& s : medium["route"])
    if (s["key"] == "joint_meeting") {
      EXPECT_EQ(s["kind"], "joint");
      EXPECT_EQ(s["roles"], json({"secretary", "supervisor"}));
      EXPECT_FALSE(s["risks"].empty());
    }

  auto large = start(6'000'000);  // 60,000 元
  EXPECT_EQ(large["band"], "large");
  const auto l = keys(large["route"]);
  for (const auto* k : {"party_proposal", "two_committees", "party_meeting", "representatives", "resolution_public",
                        "village_tender"})
    EXPECT_TRUE(has(l, k)) << k;
  EXPECT_FALSE(has(l, "joint_meeting"));
  EXPECT_NE(medium["number"], large["number"]);
  // The first step after submit is current, with its due date from the step's time limit.
  EXPECT_EQ(large["current_step"], "clerk_review");
  EXPECT_EQ(large["current_due_at"], "2026-11-23T02:00:00Z");

  // A street lowers the purchase thresholds for its villages: 30,000 元 is then large.
  auto rules = call(Method::PUT, "/api/v1/power/rules?region=339902001000",
                    json({{"rules", {{{"kind", "purchase"}, {"medium_from_fen", 100000}, {"large_from_fen", 2000000}}}}}).dump(),
                    street_);
  ASSERT_EQ(rules.status, 200) << rules.raw.body;
  auto village = get("/api/v1/power/rules?region=" + std::string(kHefeng), clerk_);
  for (const auto& r : village.json["rules"])
    if (r["kind"] == "purchase") {
      EXPECT_EQ(r["source"], "339902001000");
      EXPECT_EQ(r["large_from_fen"], 2000000);
    }
  EXPECT_EQ(start(3'000'000)["band"], "large");
  auto bad = call(Method::PUT, "/api/v1/power/rules?region=339902001000",
                  json({{"rules", {{{"kind", "purchase"}, {"medium_from_fen", 100000}, {"large_from_fen", 100}}}}}).dump(), street_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "rules[0].large_from_fen");
  EXPECT_EQ(call(Method::PUT, "/api/v1/power/rules?region=339902001000",
                 json({{"rules", {{{"kind", "purchase"}, {"medium_from_fen", 1}, {"large_from_fen", 2}}}}}).dump(), clerk_)
                .status,
            403);
}

TEST_F(Power, RulesCannotBeBypassed) {
  auto c = start(3'000'000);
  // The requester does not review their own case; another clerk does.
  auto r = act(c, "clerk_review", "approve", clerk_);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "self_approval");
  // Wrong role.
  r = act(c, "clerk_review", "approve", supervisor_);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "wrong_role");
  // Skipping ahead names the current step.
  r = act(c, "joint_meeting", "sign", secretary_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "step_out_of_order");
  EXPECT_NE(r.json["error"]["message"].get<std::string>().find("clerk_review"), std::string::npos);
  // Another village's secretary is outside the scope.
  EXPECT_EQ(act(c, "clerk_review", "approve", login("taoyuan.clerk")).status, 403);
  c = ok(act(c, "clerk_review", "approve", bookkeeper_));
  EXPECT_EQ(c["current_step"], "joint_meeting");
  EXPECT_NE(c["first_approved_at"], nullptr);

  // Joint step: one signature does not complete it; the next step stays closed.
  EXPECT_EQ(act(c, "joint_meeting", "approve", secretary_).status, 400);  // joint steps are signed
  c = ok(act(c, "joint_meeting", "sign", secretary_, {{"comment", "同意"}}));
  EXPECT_EQ(c["current_step"], "joint_meeting");
  r = act(c, "quotations", "record", clerk_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "step_out_of_order");
  EXPECT_NE(r.json["error"]["message"].get<std::string>().find("监督委员会成员"), std::string::npos);
  r = act(c, "joint_meeting", "sign", secretary_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "already_signed");

  // The amount cannot rise after the first approval; lowering it is fine.
  r = patch("/api/v1/power/cases/" + c["id"].dump(), {{"amount_fen", 3'100'000}}, clerk_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "amount_rise");
  EXPECT_EQ(patch("/api/v1/power/cases/" + c["id"].dump(), {{"amount_fen", 2'900'000}}, clerk_).status, 200);

  c = ok(act(c, "joint_meeting", "sign", supervisor_));
  EXPECT_EQ(c["current_step"], "quotations");
  for (const auto& s : c["route"])
    if (s["key"] == "joint_meeting") {
      EXPECT_EQ(s["signatures"].size(), 2u);
    }

  // The to-do list of the supervisor no longer holds it; the clerk's does.
  auto todo = get("/api/v1/power/cases?todo=true", clerk_);
  ASSERT_EQ(todo.status, 200) << todo.raw.body;
  EXPECT_EQ(todo.json["total"], 1);
  EXPECT_EQ(get("/api/v1/power/cases?todo=true", supervisor_).json["total"], 0);

  // Return for changes: the requester edits and resubmits, the approvals start again.
  auto d = start(50'000, "采购茶叶");  // 500 元: small
  EXPECT_EQ(d["band"], "small");
  d = ok(act(d, "clerk_review", "approve", bookkeeper_));
  EXPECT_EQ(act(d, "head_approve", "return", secretary_).status, 400);  // a return says why
  d = ok(act(d, "head_approve", "return", secretary_, {{"comment", "请补充报价单"}}));
  EXPECT_EQ(d["status"], "returned");
  EXPECT_EQ(d["can_act"], json::array());
  EXPECT_EQ(act(d, "head_approve", "approve", secretary_).error_code(), "case_returned");
  EXPECT_EQ(ok(get("/api/v1/power/cases/" + d["id"].dump(), clerk_))["can_act"], json({"submit"}));
  d = ok(act(d, "submit", "submit", clerk_, {{"comment", "已补充"}}));
  EXPECT_EQ(d["status"], "in_progress");
  EXPECT_EQ(d["current_step"], "clerk_review");

  // A rejected case stops.
  d = ok(act(d, "clerk_review", "reject", bookkeeper_, {{"comment", "无预算"}}));
  EXPECT_EQ(d["status"], "rejected");
  r = act(d, "clerk_review", "approve", bookkeeper_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "case_rejected");
  // Every action is in the case's history and the operation log.
  EXPECT_GE(d["history"].size(), 5u);
  auto ops = get("/api/v1/oplog?object_type=power_case&object_id=" + d["id"].dump(), login("admin"));
  ASSERT_EQ(ops.status, 200) << ops.raw.body;
  EXPECT_GE(ops.json["total"].get<int>(), 5);
}

TEST_F(Power, FourDeliberationsToThePublicPage) {
  auto c = start(6'000'000, "采购村委会办公家具");
  c = ok(act(c, "clerk_review", "approve", bookkeeper_));
  c = ok(act(c, "party_proposal", "approve", secretary_, {{"comment", "支委会研究同意提议"}}));
  // The requester may not minute a meeting on their own case: the clerk is no recorder anyway.
  EXPECT_EQ(act(c, "two_committees", "meeting", clerk_, meeting(7, 7, 7)).error_code(), "wrong_role");
  // Bad figures are refused before anything is recorded.
  auto r = act(c, "two_committees", "meeting", secretary_, meeting(7, 8, 7));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "meeting.present");
  c = ok(act(c, "two_committees", "meeting", secretary_, meeting(7, 6, 6)));
  EXPECT_EQ(c["current_step"], "party_meeting");
  // Fewer than two thirds present: recorded, void, and the step waits for a new meeting.
  c = ok(act(c, "party_meeting", "meeting", supervisor_, meeting(45, 29, 29)));
  EXPECT_EQ(c["meeting"]["passed"], false);
  EXPECT_EQ(c["meeting"]["quorum"], false);
  EXPECT_EQ(c["current_step"], "party_meeting");
  EXPECT_EQ(c["status"], "in_progress");
  c = ok(act(c, "party_meeting", "meeting", supervisor_, meeting(45, 30, 23)));
  EXPECT_EQ(c["meeting"]["passed"], true);
  // 四议两公开: the representatives resolve; the resolution is published at once.
  c = ok(act(c, "representatives", "meeting", supervisor_, meeting(35, 31, 28)));
  EXPECT_EQ(c["current_step"], "street_review");
  ASSERT_EQ(c["disclosures"].size(), 1u);
  const auto resolution = c["disclosures"][0]["id"];
  auto pub = get("/api/v1/disclosures/" + resolution.dump(), secretary_);
  ASSERT_EQ(pub.status, 200) << pub.raw.body;
  EXPECT_EQ(pub.json["status"], "published");
  const auto body = pub.json["body"].get<std::string>();
  EXPECT_NE(body.find("60,000.00"), std::string::npos) << body;
  EXPECT_NE(body.find("| 35 | 31 | 28 | 3 | 0 | 通过 |"), std::string::npos) << body;

  c = ok(act(c, "street_review", "approve", street_));
  EXPECT_EQ(act(c, "village_tender", "tender", clerk_).status, 400);  // the result is required
  c = ok(act(c, "village_tender", "tender", clerk_,
             {{"tender", {{"winner", "清河家具有限公司"}, {"price_fen", 5'880'000}, {"bidders", 3}}}}));
  EXPECT_EQ(c["counterparty"], "清河家具有限公司");
  // A payment cannot cite the case before it is fully approved.
  auto voucher = [&](std::int64_t fen) {
    return json{{"region_code", kHefeng},
                {"date", "2026-11-20"},
                {"summary", "支付办公家具款"},
                {"approval_ref", c["number"]},
                {"lines", {{{"account_code", "541.02"}, {"debit_fen", fen}, {"credit_fen", 0}},
                           {{"account_code", "102"}, {"debit_fen", 0}, {"credit_fen", fen}}}}};
  };
  r = post("/api/v1/ledger/vouchers", voucher(5'880'000), clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "approval_ref");

  c = ok(act(c, "acceptance", "sign", bookkeeper_));
  c = ok(act(c, "acceptance", "sign", supervisor_));
  c = ok(act(c, "payment", "approve", secretary_));
  EXPECT_EQ(c["status"], "completed");
  EXPECT_EQ(c["disclosures"].size(), 3u);  // resolution, award, result
  // The seal log ties every stamp to a case.
  auto seal = post("/api/v1/power/seal-uses",
                   {{"case_id", c["id"]}, {"seal_name", "荷风社区股份经济合作社印章"}, {"document", "采购合同"}, {"copies", 2},
                    {"stamped_by", "荷风社区文书"}},
                   clerk_);
  ASSERT_EQ(seal.status, 201) << seal.raw.body;
  EXPECT_EQ(get("/api/v1/power/seal-uses?region=" + std::string(kHefeng), secretary_).json["total"], 1);
  auto open = start(10'000, "采购纸张");
  r = post("/api/v1/power/seal-uses",
           {{"case_id", open["id"]}, {"seal_name", "印章"}, {"document", "合同"}, {"stamped_by", "文书"}}, clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "case_id");

  // Now the case covers payments up to its amount, in total.
  r = post("/api/v1/ledger/vouchers", voucher(6'000'001), clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "approval_ref");
  EXPECT_EQ(post("/api/v1/ledger/vouchers", voucher(5'880'000), clerk_).status, 201);
  EXPECT_EQ(post("/api/v1/ledger/vouchers", voucher(120'001), clerk_).status, 400);
  EXPECT_EQ(post("/api/v1/ledger/vouchers", voucher(120'000), clerk_).status, 201);

  // The community's public page shows the resolution and the result.
  auto page = call(Method::GET, std::string("/p/") + kHefeng);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(std::string(page.raw.content()).find("采购村委会办公家具"), std::string::npos);

  // Completed: nothing more happens to it.
  EXPECT_EQ(act(c, "payment", "approve", secretary_).error_code(), "case_completed");
  auto list = get("/api/v1/power/cases?region=" + std::string(kHefeng) + "&status=completed&band=large", secretary_);
  EXPECT_EQ(list.json["total"], 1);
  auto xlsx = get("/api/v1/power/cases?region=" + std::string(kHefeng) + "&format=xlsx", secretary_);
  EXPECT_EQ(xlsx.status, 200);
}

TEST_F(Power, RepresentativesVotingItDownStopsTheCase) {
  auto c = start(6'000'000);
  c = ok(act(c, "clerk_review", "approve", bookkeeper_));
  c = ok(act(c, "party_proposal", "approve", secretary_));
  c = ok(act(c, "two_committees", "meeting", secretary_, meeting(7, 7, 5)));
  c = ok(act(c, "party_meeting", "meeting", supervisor_, meeting(45, 40, 30)));
  // Quorate, but 17 of 35 is not more than half of the members.
  c = ok(act(c, "representatives", "meeting", supervisor_, meeting(35, 30, 17)));
  EXPECT_EQ(c["meeting"]["quorum"], true);
  EXPECT_EQ(c["meeting"]["passed"], false);
  EXPECT_EQ(c["status"], "rejected");
  EXPECT_TRUE(c["disclosures"].empty());
}

TEST_F(Power, FlowsAreVersionedAndCasesKeepTheirs) {
  auto c = start(50'000);
  const auto item_id = c["item_id"];
  auto item = get("/api/v1/power/items/" + item_id.dump(), secretary_);
  ASSERT_EQ(item.status, 200) << item.raw.body;
  EXPECT_EQ(item.json["flow_version"], 1);
  auto flow = item.json["flow"];
  // Bad flows are refused naming the step.
  auto bad = flow;
  bad["steps"][1]["roles"] = {"mayor"};
  auto r = call(Method::PUT, "/api/v1/power/items/" + item_id.dump() + "/flow", json({{"flow", bad}}).dump(), secretary_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "steps[1].roles[0]");
  // Drop the bookkeeper's review in version 2.
  flow["steps"].erase(1);
  r = call(Method::PUT, "/api/v1/power/items/" + item_id.dump() + "/flow", json({{"flow", flow}}).dump(), secretary_);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["flow_version"], 2);
  auto versions = get("/api/v1/power/items/" + item_id.dump() + "/versions", secretary_);
  ASSERT_EQ(versions.json["items"].size(), 2u);
  EXPECT_EQ(versions.json["items"][1]["cases"], 1);
  // The running case keeps version 1; a new one takes version 2.
  auto again = get("/api/v1/power/cases/" + c["id"].dump(), clerk_);
  EXPECT_EQ(again.json["flow_version"], 1);
  EXPECT_EQ(again.json["current_step"], "clerk_review");
  auto d = start(50'000);
  EXPECT_EQ(d["flow_version"], 2);
  EXPECT_EQ(d["current_step"], "head_approve");
  // The catalogue: Hefeng's own copy was made by the first case; the street inherits nothing.
  auto list = get("/api/v1/power/items?region=" + std::string(kHefeng), clerk_);
  EXPECT_EQ(list.json["source"], "region");
  EXPECT_GE(list.json["items"].size(), 30u);
  EXPECT_EQ(get("/api/v1/power/items?region=339902001000", street_).json["source"], "template");
  EXPECT_EQ(post("/api/v1/power/items/init?region=" + std::string(kHefeng), json::object(), secretary_).error_code(),
            "catalogue_exists");
  EXPECT_EQ(post("/api/v1/power/items/init?region=339902001002", json::object(), clerk_).status, 403);
  auto patched = patch("/api/v1/power/items/" + item_id.dump(), {{"legal_basis", "《村民委员会组织法》第二十四条"}}, secretary_);
  EXPECT_EQ(patched.status, 200) << patched.raw.body;
}

}  // namespace
}  // namespace ql::test
