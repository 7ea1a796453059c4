// Publications and the publication log end to end, on whichever backend QL_TEST_BACKEND names.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "disclosure/log_verify.hpp"
#include "disclosure/tlog_note.hpp"
#include "disclosure/tlog_tree.hpp"

namespace ql::test {
namespace {

using http::Method;
constexpr const char* kHefeng = "339902001001";

class DisclosureApi : public ApiTest {
 protected:
  nlohmann::json draft(const std::string& token, const std::string& title = "2026年第三季度财务收支公开") {
    auto r = post("/api/v1/disclosures",
                  {{"region", kHefeng}, {"category", "finance"}, {"stage", "after"}, {"title", title},
                   {"body", "## 收入\n\n- 租金收入 **12,000.00** 元\n\n<script>alert(1)</script>"}, {"period", "2026-Q3"}},
                  token);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json;
  }
  std::string id_of(const nlohmann::json& d) { return std::to_string(d["id"].get<std::int64_t>()); }
  disclosure::VerifyReport verify() {
    auto c = connect();
    return disclosure::verify_log(*c, app_->log_identity().signer.verifier());
  }
};

TEST_F(DisclosureApi, DraftPublishFreeze) {
  auto clerk = login("hefeng.clerk");
  auto d = draft(clerk);
  EXPECT_EQ(d["status"], "draft");
  auto id = id_of(d);
  EXPECT_EQ(patch("/api/v1/disclosures/" + id, {{"title", "2026年第三季度财务收支明细"}}, clerk).status, 200);
  auto pub = call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk);
  ASSERT_EQ(pub.status, 200) << pub.raw.body;
  EXPECT_EQ(pub.json["log_index"], 0);
  EXPECT_EQ(pub.json["disclosure"]["status"], "published");
  EXPECT_EQ(pub.json["disclosure"]["published_by"], "hefeng.clerk");
  // Frozen: no edit, no delete, no second publish.
  EXPECT_EQ(patch("/api/v1/disclosures/" + id, {{"title", "悄悄改"}}, clerk).error_code(), "disclosure_frozen");
  EXPECT_EQ(call(Method::DELETE, "/api/v1/disclosures/" + id, "", clerk).status, 409);
  EXPECT_EQ(call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk).status, 409);
  EXPECT_EQ(get("/api/v1/disclosures/" + id, clerk).json["title"], "2026年第三季度财务收支明细");
  // The entry is the canonical JSON of what was published.
  auto entry = call(Method::GET, "/log/entries/0");
  ASSERT_EQ(entry.status, 200);
  EXPECT_EQ(entry.json["title"], "2026年第三季度财务收支明细");
  EXPECT_EQ(entry.json["kind"], "publish");
  EXPECT_EQ(entry.raw.body, entry.json.dump());
  EXPECT_TRUE(verify().ok) << verify().first_mismatch;
}

TEST_F(DisclosureApi, CorrectAndWithdrawAppendEntries) {
  auto clerk = login("hefeng.clerk");
  auto id = id_of(draft(clerk));
  call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk);
  auto corrected = post("/api/v1/disclosures/" + id + "/correct",
                        {{"category", "finance"}, {"stage", "after"}, {"title", "2026年第三季度财务收支公开(更正)"},
                         {"body", "更正后的数字"}, {"period", "2026-Q3"}},
                        clerk);
  ASSERT_EQ(corrected.status, 201) << corrected.raw.body;
  EXPECT_EQ(corrected.json["log_index"], 1);
  auto new_id = id_of(corrected.json["disclosure"]);
  EXPECT_EQ(corrected.json["disclosure"]["supersedes_id"].get<std::int64_t>(), std::stoll(id));
  EXPECT_EQ(get("/api/v1/disclosures/" + id, clerk).json["status"], "superseded");
  EXPECT_EQ(post("/api/v1/disclosures/" + id + "/withdraw", {{"reason", "重复"}}, clerk).status, 409);
  auto w = post("/api/v1/disclosures/" + new_id + "/withdraw", {{"reason", "数据有误,重新核对"}}, clerk);
  ASSERT_EQ(w.status, 200) << w.raw.body;
  EXPECT_EQ(w.json["log_index"], 1);  // the publication's index; the withdrawal is entry 2
  EXPECT_EQ(call(Method::GET, "/log/entries/2").json["kind"], "withdraw");
  EXPECT_EQ(call(Method::GET, "/log/entries/3").status, 404);
  EXPECT_TRUE(verify().ok) << verify().first_mismatch;
  EXPECT_EQ(verify().entries, 3u);
}

TEST_F(DisclosureApi, IndependentVerifierChecksCheckpointInclusionAndConsistency) {
  auto clerk = login("hefeng.clerk");
  for (int i = 0; i < 5; ++i) call(Method::POST, "/api/v1/disclosures/" + id_of(draft(clerk, "公开 " + std::to_string(i))) + "/publish", "", clerk);
  // What an outside verifier knows: the vkey and the formats.
  auto vkey = call(Method::GET, "/log/key").raw.body;
  while (!vkey.empty() && vkey.back() == '\n') vkey.pop_back();
  auto verifier = tlog::Verifier::from_vkey(vkey);
  auto note = call(Method::GET, "/log/checkpoint").raw.body;
  auto cp = tlog::open_checkpoint(note, verifier, verifier.name());
  EXPECT_EQ(cp.size, 5u);
  auto entry = call(Method::GET, "/log/entries/3").raw.body;
  auto proof_json = call(Method::GET, "/api/v1/log/proof/inclusion?index=3&size=5").json;
  tlog::Proof proof;
  for (const auto& h : proof_json) proof.push_back(*tlog::parse_hash_base64(h.get<std::string>()));
  EXPECT_TRUE(tlog::verify_inclusion(tlog::leaf_hash(entry), 3, 5, proof, cp.root));
  EXPECT_FALSE(tlog::verify_inclusion(tlog::leaf_hash(entry + " "), 3, 5, proof, cp.root));
  // Consistency between the checkpoint of size 2 (recomputed from entries 0..1) and size 5.
  tlog::MemoryHashStore first_two;
  first_two.append(call(Method::GET, "/log/entries/0").raw.body);
  first_two.append(call(Method::GET, "/log/entries/1").raw.body);
  tlog::Proof cons;
  for (const auto& h : call(Method::GET, "/api/v1/log/proof/consistency?from=2&to=5").json)
    cons.push_back(*tlog::parse_hash_base64(h.get<std::string>()));
  EXPECT_TRUE(tlog::verify_consistency(2, 5, cons, first_two.root(), cp.root));
  // Bad proof requests are 400s naming the parameter.
  EXPECT_EQ(call(Method::GET, "/api/v1/log/proof/inclusion?index=5&size=5").json["error"]["field"], "index");
  EXPECT_EQ(call(Method::GET, "/api/v1/log/proof/inclusion?index=0&size=9").json["error"]["field"], "size");
  EXPECT_EQ(call(Method::GET, "/api/v1/log/proof/consistency?from=4&to=2").json["error"]["field"], "from");
  EXPECT_EQ(call(Method::GET, "/api/v1/log/proof/inclusion?size=2").json["error"]["field"], "index");
}

TEST_F(DisclosureApi, HandEditsAreCaughtByVerify) {
  auto clerk = login("hefeng.clerk");
  auto id = id_of(draft(clerk));
  call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk);
  auto other = id_of(draft(clerk, "另一条"));
  call(Method::POST, "/api/v1/disclosures/" + other + "/publish", "", clerk);
  ASSERT_TRUE(verify().ok);
  auto c = connect();
  auto expect_caught = [&](const std::string& tamper, const std::string& undo, const std::string& needle) {
    c->query(tamper);
    auto r = verify();
    EXPECT_FALSE(r.ok) << tamper;
    EXPECT_NE(r.first_mismatch.find(needle), std::string::npos) << r.first_mismatch;
    c->query(undo);
    EXPECT_TRUE(verify().ok) << undo << ": " << verify().first_mismatch;
  };
  expect_caught("UPDATE disclosure SET title = '改过的标题' WHERE id = " + id,
                "UPDATE disclosure SET title = '2026年第三季度财务收支公开' WHERE id = " + id, "entry 0");
  expect_caught("UPDATE disclosure SET status = 'withdrawn' WHERE id = " + other,
                "UPDATE disclosure SET status = 'published' WHERE id = " + other, "disclosure " + other);
  auto hash = *c->scalar("SELECT hash FROM tlog_hash WHERE idx = 0");
  expect_caught("UPDATE tlog_hash SET hash = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' WHERE idx = 0",
                "UPDATE tlog_hash SET hash = '" + hash + "' WHERE idx = 0", "stored hash 0");
  // The admin screen's button runs the same check through the API.
  auto admin = login("admin");
  EXPECT_EQ(call(Method::POST, "/api/v1/log/verify", "", admin).json["ok"], true);
  c->query("UPDATE disclosure SET title = '又改了' WHERE id = " + id);
  auto report = call(Method::POST, "/api/v1/log/verify", "", admin);
  EXPECT_EQ(report.json["ok"], false);
  EXPECT_NE(report.json["first_mismatch"].get<std::string>().find("entry 0"), std::string::npos);
  EXPECT_EQ(call(Method::POST, "/api/v1/log/verify", "", clerk).status, 403);
  c->query("INSERT INTO disclosure (region_code, category, stage, title, body, status, log_index, created_at, updated_at) "
           "VALUES ('339902001001', 'finance', 'after', '冒充', '冒充', 'published', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  EXPECT_FALSE(verify().ok);
}

TEST_F(DisclosureApi, ScopeAndValidation) {
  auto hefeng = login("hefeng.clerk");
  auto id = id_of(draft(hefeng));
  auto zhuxi = login("zhuxi.clerk");
  EXPECT_EQ(get("/api/v1/disclosures/" + id, zhuxi).status, 403);
  EXPECT_EQ(call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", zhuxi).status, 403);
  EXPECT_EQ(post("/api/v1/disclosures", {{"region", kHefeng}, {"category", "finance"}, {"stage", "after"},
                                         {"title", "x"}, {"body", "y"}}, zhuxi).status, 403);
  EXPECT_EQ(get("/api/v1/disclosures", zhuxi).json["total"], 0);
  EXPECT_EQ(get("/api/v1/disclosures?region=" + std::string(kHefeng), zhuxi).status, 403);
  auto bad = post("/api/v1/disclosures", {{"region", kHefeng}, {"category", "gossip"}, {"stage", "after"},
                                          {"title", "x"}, {"body", "y"}}, hefeng);
  EXPECT_EQ(bad.json["error"]["field"], "category");
  EXPECT_EQ(post("/api/v1/disclosures", {{"region", kHefeng}, {"category", "finance"}, {"stage", "later"},
                                         {"title", "x"}, {"body", "y"}}, hefeng).json["error"]["field"], "stage");
  EXPECT_EQ(post("/api/v1/disclosures", {{"region", kHefeng}, {"category", "finance"}, {"stage", "after"},
                                         {"title", "x"}, {"body", "y"}, {"links", "nope"}}, hefeng).json["error"]["field"], "links");
  // A resident cannot draft; the supervisor reads but does not publish.
  EXPECT_EQ(get("/api/v1/disclosures", login("hefeng.resident")).status, 403);
  auto supervisor = login("hefeng.supervisor");
  EXPECT_EQ(get("/api/v1/disclosures/" + id, supervisor).status, 200);
  EXPECT_EQ(call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", supervisor).status, 403);
  EXPECT_EQ(get("/api/v1/disclosures?status=draft", login("discipline")).json["total"], 1);
}

}  // namespace
}  // namespace ql::test
