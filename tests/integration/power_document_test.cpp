// Case documents (办件材料) end to end on whichever backend QL_TEST_BACKEND names: uploads to an
// open step by its actors or the requester, naming a required document; the case page's marks;
// completing a step with a document missing is allowed and recorded; documents freeze once the
// step is done; and the 内审工作核查表's missing_attachments, payment_unapproved and
// payment_exceeds_case checks fire on crafted data and stay quiet on clean data.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api_fixture.hpp"
#include "attachment_samples.hpp"
#include "core/clock.hpp"

namespace ql::test {
namespace {

using nlohmann::json;

constexpr const char* kHefeng = "339902001001";

class PowerDocuments : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");
    set_clock_for_testing([pinned] { return pinned; });
    for (const auto* u : {"hefeng.clerk", "hefeng.bookkeeper", "hefeng.secretary", "hefeng.supervisor", "discipline",
                          "zhuxi.clerk"})
      tokens_[u] = login(u);
    // Purchases: the head approves after the application; the approval needs two documents.
    const json flow = {{"steps",
                        {{{"key", "submit"}, {"name_zh", "提出申请"}, {"kind", "submit"}, {"attachments", {"申请书"}}},
                         {{"key", "approve"},
                          {"name_zh", "书记审批"},
                          {"kind", "approve"},
                          {"roles", {"secretary"}},
                          {"attachments", {"报价单", "发票"}}},
                         {{"key", "file"}, {"name_zh", "归档"}, {"kind", "record"}, {"roles", {"clerk"}}}}}};
    auto item = post("/api/v1/power/items",
                     {{"region", kHefeng}, {"code", "test.docs"}, {"name_zh", "材料测试"}, {"group", "collective"},
                      {"kind", "spending"}, {"flow", flow}},
                     tokens_["hefeng.secretary"]);
    ASSERT_EQ(item.status, 201) << item.raw.body;
  }
  void TearDown() override {
    set_clock_for_testing(nullptr);
    ApiTest::TearDown();
  }

  std::string start(const std::string& title, std::int64_t amount_fen = 50000) {
    auto r = post("/api/v1/power/cases", {{"item", "test.docs"}, {"region", kHefeng}, {"title", title}, {"amount_fen", amount_fen}},
                  tokens_["hefeng.clerk"]);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return "/api/v1/power/cases/" + r.json["id"].dump();
  }
  ApiResult upload(const std::string& kase, const std::string& query, const std::string& body, const std::string& who,
                   const std::string& type = "application/pdf") {
    return call(http::Method::POST, kase + "/documents?" + query, body, tokens_[who], {{"Content-Type", type}});
  }
  ApiResult act(const std::string& kase, const std::string& step, const std::string& action, const std::string& who) {
    return post(kase + "/actions", {{"step", step}, {"action", action}}, tokens_[who]);
  }
  static const json& step_of(const json& kase, const std::string& key) {
    for (const auto& s : kase["route"])
      if (s["key"] == key) return s;
    throw std::runtime_error("no step " + key);
  }
  std::map<std::string, int> findings(const json& checklist) {
    std::map<std::string, int> out;
    for (const auto& k : checklist["checks"]) out[k["code"]] = k["findings"];
    return out;
  }

  std::map<std::string, std::string> tokens_;
};

// "报价单" and "发票", percent-encoded for the query string.
const std::string kQuote = "%E6%8A%A5%E4%BB%B7%E5%8D%95", kInvoice = "%E5%8F%91%E7%A5%A8";

TEST_F(PowerDocuments, UploadedToAnOpenStepMarkedOnTheCaseAndFrozenOnceTheStepIsDone) {
  const auto kase = start("采购打印机");
  // The application's document follows the submission: the submit step takes it until the
  // approval is decided, from the requester only.
  auto r = upload(kase, "step=submit&document=%E7%94%B3%E8%AF%B7%E4%B9%A6&filename=apply.pdf", kPdfFile, "hefeng.clerk");
  ASSERT_EQ(r.status, 201) << r.raw.body;
  EXPECT_EQ(r.json["document"], "申请书");
  EXPECT_EQ(r.json["content_type"], "application/pdf");
  const auto apply_id = r.json["id"].dump();
  EXPECT_EQ(upload(kase, "step=submit&filename=x.png", kPngFile, "hefeng.secretary", "image/png").error_code(),
            "not_step_actor");
  // The approver uploads the quotation; a name the step does not require is refused.
  r = upload(kase, "step=approve&document=" + kQuote + "&filename=quote.png", kPngFile, "hefeng.secretary", "image/png");
  ASSERT_EQ(r.status, 201) << r.raw.body;
  const auto quote_id = r.json["id"].dump();
  r = upload(kase, "step=approve&document=%E5%90%88%E5%90%8C&filename=c.pdf", kPdfFile, "hefeng.secretary");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "document") << r.raw.body;
  // A later step is not open yet; the type is checked by content.
  EXPECT_EQ(upload(kase, "step=file&filename=a.pdf", kPdfFile, "hefeng.clerk").error_code(), "step_closed");
  EXPECT_EQ(upload(kase, "step=approve&filename=a.pdf", "plain text", "hefeng.clerk").status, 415);
  EXPECT_EQ(upload(kase, "step=approve&filename=a.pdf", kPdfFile, "zhuxi.clerk").status, 403);

  // The case page marks what is there and what is missing, and who may upload where.
  auto k = get(kase, tokens_["hefeng.secretary"]);
  ASSERT_EQ(k.status, 200);
  const auto& approve = step_of(k.json, "approve");
  ASSERT_EQ(approve["documents"].size(), 1u);
  EXPECT_EQ(approve["documents"][0]["document"], "报价单");
  EXPECT_EQ(approve["missing_documents"], json::array({"发票"}));
  EXPECT_TRUE(approve["can_upload"].get<bool>());
  EXPECT_FALSE(step_of(k.json, "submit")["can_upload"].get<bool>());  // the secretary is not the requester
  EXPECT_EQ(step_of(k.json, "submit")["missing_documents"], json::array());

  // Download (scope-checked) gives the bytes back with their sniffed type.
  auto d = get(kase + "/documents/" + quote_id, tokens_["hefeng.supervisor"]);
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(d.raw.body, kPngFile);
  EXPECT_EQ(d.raw.headers["Content-Type"], "image/png");
  EXPECT_EQ(get(kase + "/documents/" + quote_id, tokens_["zhuxi.clerk"]).status, 403);
  auto list = get(kase + "/documents?step=approve", tokens_["discipline"]);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["items"].size(), 1u);

  // Only the uploader deletes, while the step is open; the history and the log record both.
  EXPECT_EQ(call(http::Method::DELETE, kase + "/documents/" + quote_id, "", tokens_["hefeng.clerk"]).error_code(),
            "not_uploader");
  const auto ops_before = count("op_log");
  ASSERT_EQ(call(http::Method::DELETE, kase + "/documents/" + quote_id, "", tokens_["hefeng.secretary"]).status, 204);
  EXPECT_EQ(count("op_log"), ops_before + 1);
  r = upload(kase, "step=approve&document=" + kQuote + "&filename=quote.png", kPngFile, "hefeng.secretary", "image/png");
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(upload(kase, "step=approve&filename=again.png", kPngFile, "hefeng.secretary", "image/png").error_code(),
            "document_exists");

  // Approving without the invoice is allowed, and the history names what was missing.
  auto done = act(kase, "approve", "approve", "hefeng.secretary");
  ASSERT_EQ(done.status, 200) << done.raw.body;
  bool recorded = false;
  int uploads = 0, deletes = 0;
  for (const auto& e : done.json["history"]) {
    if (e["action"] == "approve") recorded = e["detail"]["missing_documents"] == json::array({"发票"});
    uploads += e["action"] == "document_add";
    deletes += e["action"] == "document_delete";
  }
  EXPECT_TRUE(recorded) << done.json["history"].dump();
  EXPECT_EQ(uploads, 3);
  EXPECT_EQ(deletes, 1);
  // Frozen: the approval step takes no more documents and loses none, nor does the submit step.
  EXPECT_EQ(upload(kase, "step=approve&document=" + kInvoice + "&filename=inv.pdf", kPdfFile, "hefeng.secretary")
                .error_code(),
            "step_closed");
  EXPECT_EQ(call(http::Method::DELETE, kase + "/documents/" + r.json["id"].dump(), "", tokens_["hefeng.secretary"])
                .error_code(),
            "step_closed");
  EXPECT_EQ(call(http::Method::DELETE, kase + "/documents/" + apply_id, "", tokens_["hefeng.clerk"]).error_code(),
            "step_closed");
  // The current step (filing) is open to its actors: the other clerk uploads there.
  EXPECT_EQ(upload(kase, "step=file&filename=archive.pdf", kPdfFile, "hefeng.bookkeeper").status, 201);
}

TEST_F(PowerDocuments, AuditChecklistFindsMissingDocumentsAndPaymentsOnCraftedDataOnly) {
  const std::string audit = "/api/v1/power/charts/audit?region=" + std::string(kHefeng) + "&from=2026-01-01&to=2026-12-31";
  // A clean case: every required document uploaded before its step was done.
  const auto clean = start("采购碳粉", 30000);
  ASSERT_EQ(upload(clean, "step=submit&document=%E7%94%B3%E8%AF%B7%E4%B9%A6&filename=a.pdf", kPdfFile, "hefeng.clerk").status,
            201);
  ASSERT_EQ(upload(clean, "step=approve&document=" + kQuote + "&filename=q.png", kPngFile, "hefeng.secretary", "image/png")
                .status,
            201);
  ASSERT_EQ(upload(clean, "step=approve&document=" + kInvoice + "&filename=i.pdf", kPdfFile, "hefeng.secretary").status,
            201);
  ASSERT_EQ(act(clean, "approve", "approve", "hefeng.secretary").status, 200);
  ASSERT_EQ(act(clean, "file", "record", "hefeng.bookkeeper").status, 200);
  auto r = get(audit, tokens_["discipline"]);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  auto f = findings(r.json);
  EXPECT_EQ(f.count("missing_attachments"), 1u);
  EXPECT_EQ(f["missing_attachments"], 0) << r.json["rows"].dump();
  EXPECT_EQ(f["payment_unapproved"], 0);
  EXPECT_EQ(f["payment_exceeds_case"], 0);

  // A case whose approval was taken without the invoice, and its application never filed.
  const auto bad = start("采购复印纸", 40000);
  ASSERT_EQ(upload(bad, "step=approve&document=" + kQuote + "&filename=q.png", kPngFile, "hefeng.secretary", "image/png")
                .status,
            201);
  ASSERT_EQ(act(bad, "approve", "approve", "hefeng.secretary").status, 200);
  r = get(audit, tokens_["discipline"]);
  f = findings(r.json);
  EXPECT_EQ(f["missing_attachments"], 2) << r.json["rows"].dump();
  std::multiset<std::string> details;
  for (const auto& row : r.json["rows"])
    if (row["check"] == "missing_attachments") details.insert(row["detail_zh"].get<std::string>() + "@" + row["step_name"].get<std::string>());
  EXPECT_EQ(details.count("缺少材料:发票@书记审批"), 1u) << r.json["rows"].dump();
  EXPECT_EQ(details.count("缺少材料:申请书@提出申请"), 1u) << r.json["rows"].dump();

  // Payments: one citing the clean case within its amount is clean; a payment flagged as an
  // unapproved exception is a finding.
  auto clean_case = get(clean, tokens_["hefeng.clerk"]);
  const auto number = clean_case.json["number"].get<std::string>();
  const auto pay = [&](const json& extra, std::int64_t fen) {
    json v = {{"region_code", kHefeng}, {"date", "2026-11-20"}, {"summary", "购买碳粉"},
              {"lines", json::array({json{{"account_code", "541.03"}, {"debit_fen", fen}},
                                     json{{"account_code", "102"}, {"credit_fen", fen}}})}};
    v.update(extra);
    return post("/api/v1/ledger/vouchers", v, tokens_["hefeng.clerk"]);
  };
  auto v = pay({{"approval_ref", number}}, 30000);
  ASSERT_EQ(v.status, 201) << v.raw.body;
  r = get(audit, tokens_["discipline"]);
  f = findings(r.json);
  EXPECT_EQ(f["payment_unapproved"], 0);
  EXPECT_EQ(f["payment_exceeds_case"], 0);
  v = pay({{"unapproved_exception", {{"reason", "事后补批"}}}}, 12345);
  ASSERT_EQ(v.status, 201) << v.raw.body;
  // A hand edit lowers the approved amount under what was paid: the API never allows it.
  connect()->query("UPDATE power_case SET amount_fen = 20000 WHERE number = $1", {number});
  r = get(audit, tokens_["discipline"]);
  f = findings(r.json);
  EXPECT_EQ(f["payment_unapproved"], 1) << r.json["rows"].dump();
  EXPECT_EQ(f["payment_exceeds_case"], 1) << r.json["rows"].dump();
  bool unapproved = false, exceeds = false;
  for (const auto& row : r.json["rows"]) {
    if (row["check"] == "payment_unapproved")
      unapproved = row["case_id"].is_null() && row["voucher_id"] == v.json["id"] &&
                   row["detail_zh"].get<std::string>().find("123.45 元未经审批,例外原因:事后补批") != std::string::npos;
    if (row["check"] == "payment_exceeds_case")
      exceeds = row["case_number"] == number &&
                row["detail_zh"] == "引用该办件的付款合计 300.00 元,超过审批金额 200.00 元";
  }
  EXPECT_TRUE(unapproved) << r.json["rows"].dump();
  EXPECT_TRUE(exceeds) << r.json["rows"].dump();
  // The voucher dated outside the period is not this period's finding.
  r = get("/api/v1/power/charts/audit?region=" + std::string(kHefeng) + "&from=2026-01-01&to=2026-11-19",
          tokens_["discipline"]);
  EXPECT_EQ(findings(r.json)["payment_unapproved"], 0);
  // The exports carry the new rows.
  auto csv = get(audit + "&format=csv", tokens_["discipline"]);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.raw.body.find("未经审批的例外付款"), std::string::npos);
  EXPECT_NE(csv.raw.body.find("缺少材料:发票"), std::string::npos);
  EXPECT_NE(csv.raw.body.find("付款超过办件审批金额"), std::string::npos);
  auto xlsx = get(audit + "&format=xlsx", tokens_["discipline"]);
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.raw.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace ql::test
