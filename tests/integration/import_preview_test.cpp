// The columns of every import's dry run (assets, contracts, vouchers, accounts), on whichever
// backend QL_TEST_BACKEND names: each preview lists its rows' keys in the order of the file's
// columns (the template's headers), labelled in the caller's language with a kind that says
// how to show the value, so a client lays out any import's preview without knowing the kind.
#include <set>
#include <string>
#include <vector>

#include "api_fixture.hpp"
#include "core/csv.hpp"

namespace ql::test {
namespace {

using nlohmann::json;

constexpr const char* kLiuwan = "339902001203";  // 柳湾村: no demo books

class ImportPreview : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    clerk_ = login("liuwan.clerk");
  }

  // The header row of the kind's CSV template.
  std::vector<std::string> template_headers(const std::string& kind) {
    auto t = get("/api/v1/ledger/" + kind + "/template?format=csv", clerk_);
    EXPECT_EQ(t.status, 200) << t.raw.body;
    auto body = t.raw.body;
    if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.erase(0, 3);  // the BOM Excel needs
    const auto rows = csv::parse(body);
    EXPECT_FALSE(rows.empty());
    return rows.empty() ? std::vector<std::string>{} : rows.front().fields;
  }

  // The dry run of the kind's own CSV template, in the language asked.
  ApiResult preview(const std::string& kind, const std::string& lang) {
    auto t = get("/api/v1/ledger/" + kind + "/template?format=csv", clerk_);
    return call(http::Method::POST,
                "/api/v1/ledger/" + kind + "/import?region=" + kLiuwan + "&dry_run=true&opening_date=2025-12-31",
                t.raw.body, clerk_, {{"Content-Type", "application/octet-stream"}, {"Accept-Language", lang}});
  }

  std::string clerk_;
};

TEST_F(ImportPreview, EveryKindListsItsColumnsInTheFilesOrder) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> kinds = {
      {"assets",
       {"code", "name", "category", "original_value_fen", "acquired_date", "location", "custodian", "status", "note"}},
      {"contracts",
       {"number", "kind", "subject_type", "subject_code", "counterparty", "counterparty_id_no", "counterparty_phone",
        "start_date", "end_date", "area_milli", "area_unit", "unit_price_fen", "total_fen", "note"}},
      {"vouchers",
       {"date", "number", "summary", "account_code", "account_name", "debit_fen", "credit_fen", "counterparty",
        "settlement", "attachment_count", "approval_ref", "unapproved_reason"}},
      {"accounts", {"code", "name", "parent_code", "category", "direction", "is_cash", "is_bank", "opening_fen"}}};
  for (const auto& [kind, keys] : kinds) {
    SCOPED_TRACE(kind);
    const auto headers = template_headers(kind);
    auto r = preview(kind, "zh-CN");
    ASSERT_EQ(r.status, 200) << r.raw.body;
    const auto& columns = r.json["columns"];
    ASSERT_TRUE(columns.is_array()) << r.raw.body;
    std::vector<std::string> got;
    for (const auto& c : columns) got.push_back(c["key"]);
    EXPECT_EQ(got, keys);
    // In the file's order: the template's headers come first, in the same order (the voucher
    // import reads two optional columns the template leaves out, 审批编号 and 例外原因).
    ASSERT_GE(columns.size(), headers.size());
    for (std::size_t i = 0; i < headers.size(); ++i) {
      EXPECT_EQ(columns[i]["header"], headers[i]) << i;
      EXPECT_EQ(columns[i]["label"], headers[i]) << i;  // zh-CN: the file's own header
    }
    // The columns describe every row exactly: no key is left unlabelled, none invented.
    const std::set<std::string> want(keys.begin(), keys.end());
    ASSERT_FALSE(r.json["rows"].empty());
    for (const auto& row : r.json["rows"]) {
      std::set<std::string> have;
      for (const auto& [k, v] : row.items())
        if (k != "row") have.insert(k);
      EXPECT_EQ(have, want) << row.dump();
    }
    // Money is in fen and says so; the kinds are the few a client knows how to show; a column
    // of codes labels every value the rows hold.
    for (const auto& c : columns) {
      const auto key = c["key"].get<std::string>();
      const auto ckind = c["kind"].get<std::string>();
      EXPECT_TRUE((std::set<std::string>{"text", "date", "integer", "fen", "milli", "flag"}.count(ckind))) << ckind;
      EXPECT_EQ(ckind == "fen", key.ends_with("_fen")) << key;
      EXPECT_EQ(ckind == "milli", key.ends_with("_milli")) << key;
      if (!c.contains("values")) continue;
      for (const auto& row : r.json["rows"]) {
        if (!row[key].is_string() || row[key].get<std::string>().empty()) continue;
        EXPECT_TRUE(c["values"].contains(row[key].get<std::string>())) << key << ": " << row[key];
      }
    }
  }
}

TEST_F(ImportPreview, LabelsFollowTheCallersLanguageAndValuesKeepTheirUnits) {
  auto zh = preview("assets", "zh-CN");
  auto en = preview("assets", "en");
  ASSERT_EQ(zh.status, 200) << zh.raw.body;
  ASSERT_EQ(en.status, 200) << en.raw.body;
  EXPECT_EQ(zh.json["columns"][3], (json{{"key", "original_value_fen"}, {"header", "原值(元)"}, {"label", "原值(元)"},
                                        {"kind", "fen"}}));
  // English labels, while the header stays the file's (as the problems name their column).
  EXPECT_EQ(en.json["columns"][3], (json{{"key", "original_value_fen"}, {"header", "原值(元)"},
                                        {"label", "Original value"}, {"kind", "fen"}}));
  EXPECT_EQ(en.json["rows"][0]["original_value_fen"], 180'000'000);  // 1,800,000.00 元 in the template

  // The contract template's 12.5 亩 is thousandths; the accounts' 是/否 are flags.
  auto k = preview("contracts", "en");
  ASSERT_EQ(k.status, 200) << k.raw.body;
  EXPECT_EQ(k.json["columns"][9]["kind"], "milli");
  EXPECT_EQ(k.json["columns"][9]["label"], "Area");
  EXPECT_EQ(k.json["rows"][0]["area_milli"], 12'500);
  auto a = preview("accounts", "zh-CN");
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.json["valid"], true) << a.raw.body;
  ASSERT_EQ(a.json["rows"].size(), 3u);
  EXPECT_EQ(a.json["rows"][0]["is_cash"], true);  // 101 现金: 是
  EXPECT_EQ(a.json["rows"][0]["is_bank"], false);
  EXPECT_EQ(a.json["rows"][1]["is_bank"], true);  // 102.01 农商银行基本户
  EXPECT_EQ(a.json["columns"][5]["header"], "现金科目");
  EXPECT_EQ(a.json["columns"][5]["kind"], "flag");
  // Columns of codes say how people read them, in the caller's language.
  EXPECT_EQ(a.json["rows"][0]["category"], "asset");
  EXPECT_EQ(a.json["columns"][3]["values"]["asset"], "资产");
  EXPECT_EQ(a.json["columns"][4]["values"], (json{{"debit", "借"}, {"credit", "贷"}}));
  EXPECT_FALSE(a.json["columns"][0].contains("values"));
  EXPECT_EQ(en.json["columns"][7]["key"], "status");
  EXPECT_EQ(en.json["columns"][7]["values"]["in_use"], "in use");
}

// A refused commit answers the error (no preview), and a file with problems still previews its
// columns, so the dialog can show the rows beside the problems.
TEST_F(ImportPreview, AFileWithProblemsStillNamesItsColumns) {
  const std::string csv = "日期,凭证号,摘要,科目编码,借方金额,贷方金额\n2025-01-02,1,收取押金,101,100.00,\n"
                          "2025-01-02,1,收取押金,999,,100.00\n";
  const std::string url = std::string("/api/v1/ledger/vouchers/import?region=") + kLiuwan;
  auto r = call(http::Method::POST, url + "&dry_run=true", csv, clerk_);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["valid"], false);
  EXPECT_EQ(r.json["columns"].size(), 12u);
  EXPECT_EQ(r.json["columns"][0]["key"], "date");
  auto c = call(http::Method::POST, url, csv, clerk_);
  ASSERT_EQ(c.status, 400) << c.raw.body;
  EXPECT_FALSE(c.json.contains("columns"));
  EXPECT_EQ(c.error_code(), "import_rejected");
}

}  // namespace
}  // namespace ql::test
