// List downloads (?format=xlsx|csv): the files open with our own import reader, carry exactly
// the rows the JSON list has (filters, sort and data scope included), and are named properly.
#include <gtest/gtest.h>

#include <cmath>

#include "api_fixture.hpp"
#include "core/clock.hpp"
#include "core/table_reader.hpp"
#include "core/xlsx_reader.hpp"
#include "http/export.hpp"

namespace ql::test {
namespace {

using http::Method;

class Export : public ApiTest {
 protected:
  bool demo_books() const override { return true; }  // reads the demo books and assets
  // Reads a downloaded file through the import reader: one map per row, by header.
  std::vector<std::map<std::string, std::string>> rows(const ApiResult& r, const std::vector<std::string>& headers) {
    std::vector<table::ColumnSpec> specs;
    for (const auto& h : headers) specs.push_back({h});
    std::vector<std::map<std::string, std::string>> out;
    table::read(r.raw.body, specs, [&](const table::Row& row) {
      std::map<std::string, std::string> m;
      for (std::size_t i = 0; i < headers.size(); ++i) m[headers[i]] = std::string(row[i]);
      out.push_back(std::move(m));
    });
    return out;
  }

  static std::string today() {
    auto d = business_date(now());
    d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
    return d;
  }
};

TEST_F(Export, UsersAsXlsxMatchTheJsonList) {
  const auto admin = login("admin");
  const auto json = get("/api/v1/users?size=200", admin);
  ASSERT_EQ(json.status, 200);

  const auto r = get("/api/v1/users?format=xlsx", admin);
  ASSERT_EQ(r.status, 200) << r.raw.body.substr(0, 300);
  EXPECT_EQ(r.raw.headers.at("Content-Type"), http::kXlsxMediaType);
  EXPECT_EQ(r.raw.headers.at("Content-Disposition"),
            "attachment; filename=\"users-" + today() +
                ".xlsx\"; filename*=UTF-8''%E7%94%A8%E6%88%B7%E5%88%97%E8%A1%A8-" + today() + ".xlsx");
  EXPECT_EQ(xlsx::sheet_names(r.raw.body), (std::vector<std::string>{"用户"}));
  const auto got = rows(r, {"用户名", "姓名", "角色", "所属区划", "状态", "创建时间"});
  ASSERT_EQ(got.size(), json.json["items"].size());
  ASSERT_EQ(static_cast<std::int64_t>(got.size()), json.json["total"].get<std::int64_t>());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const auto& u = json.json["items"][i];
    EXPECT_EQ(got[i].at("用户名"), u["username"]);  // same default sort
    EXPECT_EQ(got[i].at("姓名"), u["display_name"]);
    EXPECT_EQ(got[i].at("角色"), u["role_name"]);
    EXPECT_EQ(got[i].at("状态"), "启用");
    // A real date cell, shown in Beijing time: stored UTC + 8 hours.
    EXPECT_EQ(got[i].at("创建时间"), xlsx::utc_to_beijing(u["created_at"].get<std::string>()));
  }
}

TEST_F(Export, CsvKeepsFiltersSortScopeAndLanguage) {
  const auto admin = login("admin");
  auto r = get("/api/v1/users?format=csv&region=339902001001&sort=-username", admin);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.raw.headers.at("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(r.raw.body.starts_with("\xEF\xBB\xBF" "用户名,姓名,角色,区划代码,所属区划,数据范围,电话,状态,锁定至,创建时间\r\n"));
  auto got = rows(r, {"用户名"});
  std::vector<std::string> names;
  for (const auto& g : got) names.push_back(g.at("用户名"));
  EXPECT_EQ(names, (std::vector<std::string>{"hefeng.supervisor", "hefeng.secretary", "hefeng.resident", "hefeng.clerk",
                                              "hefeng.bookkeeper"}));

  // A secretary sees only the users of the community, in the file as in the list.
  const auto secretary = login("zhuxi.secretary");
  got = rows(get("/api/v1/users?format=csv", secretary), {"用户名", "区划代码"});
  ASSERT_EQ(got.size(), 5u);
  for (const auto& g : got) EXPECT_EQ(g.at("区划代码"), "339902001002");
  EXPECT_EQ(get("/api/v1/users?format=csv&region=339902001001", secretary).status, 403);

  // English headers and file name with Accept-Language: en.
  r = call(Method::GET, "/api/v1/regions?format=csv&level=community", "", admin, {{"Accept-Language", "en"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.raw.headers.at("Content-Disposition").find("filename*=UTF-8''regions-"), std::string::npos);
  got = rows(r, {"Code", "Name", "Level", "Parent code"});
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0].at("Code"), "339902001001");
  EXPECT_EQ(got[0].at("Name"), "荷风社区");
  EXPECT_EQ(got[0].at("Level"), "community");
  EXPECT_EQ(got[0].at("Parent code"), "339902001000");
}

TEST_F(Export, RegionsXlsxInChineseAndBadFormat) {
  const auto admin = login("admin");
  const auto r = get("/api/v1/regions?format=xlsx&q=%E8%8D%B7%E9%A3%8E", admin);  // q=荷风
  ASSERT_EQ(r.status, 200);
  const auto got = rows(r, {"区划代码", "名称", "层级", "排序"});
  ASSERT_GE(got.size(), 4u);  // the community and its grids
  EXPECT_EQ(got[0].at("名称"), "荷风社区");
  EXPECT_EQ(got[0].at("层级"), "社区");
  EXPECT_EQ(got[0].at("排序"), "0");  // a number cell

  const auto bad = call(Method::GET, "/api/v1/regions?format=pdf", "", admin, {{"Accept-Language", "en"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "invalid_query");
  EXPECT_EQ(bad.json["error"]["field"], "format");
  EXPECT_EQ(get("/api/v1/regions?format=json", admin).json["page"], 1);
}

TEST_F(Export, DisclosuresWithFormulaLikeTitlesStayText) {
  const auto clerk = login("hefeng.clerk");
  const auto created = post("/api/v1/disclosures",
                            {{"region", "339902001001"}, {"category", "finance"}, {"stage", "after"},
                             {"title", "=1+1 三季度财务公开"}, {"body", "正文"}, {"period", "2026-Q3"}},
                            clerk);
  ASSERT_EQ(created.status, 201) << created.raw.body;
  auto csv = get("/api/v1/disclosures?format=csv", clerk);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.raw.body.find(",'=1+1 三季度财务公开,"), std::string::npos) << csv.raw.body;
  const auto xlsx_file = get("/api/v1/disclosures?format=xlsx", clerk);
  ASSERT_EQ(xlsx_file.status, 200);
  const auto got = rows(xlsx_file, {"编号", "标题", "状态", "期间"});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].at("标题"), "=1+1 三季度财务公开");  // a string cell, not a formula
  EXPECT_EQ(got[0].at("编号"), std::to_string(created.json["id"].get<std::int64_t>()));
  EXPECT_EQ(got[0].at("状态"), "draft");
  // Another community's clerk downloads an empty list (header only), not hefeng's draft.
  const auto other = get("/api/v1/disclosures?format=csv", login("zhuxi.clerk"));
  EXPECT_EQ(rows(other, {"标题"}).size(), 0u);
}

// ---- Funds ledger reports (桃源村 keeps demo books for last year and this year until last month)

constexpr const char* kTaoyuan = "339902001201";

// Every cell of the first sheet as text by (row, column), both 1-based as Excel shows them,
// with number cells marked "#" in front so a test sees the type.
std::map<std::pair<int, int>, std::string> sheet(const std::string& bytes) {
  std::map<std::pair<int, int>, std::string> out;
  xlsx::read_sheet(bytes, "", [&](const xlsx::RowView& r) {
    for (const auto& c : r.cells)
      out[{r.number, static_cast<int>(c.column) + 1}] =
          (c.type == xlsx::CellType::number ? "#" : "") + std::string(c.text);
  });
  return out;
}

// A yuan number cell ("#1234.5") in fen; -1 when the cell is not a number.
std::int64_t fen_of(const std::string& cell) {
  if (!cell.starts_with("#")) return -1;
  return static_cast<std::int64_t>(std::llround(std::stod(cell.substr(1)) * 100));
}

TEST_F(Export, LedgerBalancesXlsxHasTitleHeaderAndYuanNumbers) {
  const auto clerk = login("taoyuan.clerk");
  const std::string q = std::string("/api/v1/ledger/balances?region=") + kTaoyuan + "&from=2026-01-01&to=2026-03-31";
  const auto json = get(q, clerk);
  ASSERT_EQ(json.status, 200) << json.raw.body;
  const auto r = get(q + "&format=xlsx", clerk);
  ASSERT_EQ(r.status, 200) << r.raw.body.substr(0, 300);
  EXPECT_EQ(r.raw.headers.at("Content-Type"), http::kXlsxMediaType);
  // 桃源村-科目余额表-<day>.xlsx, ASCII fallback with the village code.
  EXPECT_EQ(r.raw.headers.at("Content-Disposition"),
            "attachment; filename=\"339902001201-balances-" + today() +
                ".xlsx\"; filename*=UTF-8''%E6%A1%83%E6%BA%90%E6%9D%91-%E7%A7%91%E7%9B%AE%E4%BD%99%E9%A2%9D%E8%A1%A8-" +
                today() + ".xlsx");
  auto cells = sheet(r.raw.body);
  EXPECT_EQ(cells[std::make_pair(1, 1)], "桃源村 科目余额表 2026-01-01 至 2026-03-31(单位:元)");
  EXPECT_EQ(cells[std::make_pair(2, 1)], "科目编码");
  EXPECT_EQ(cells[std::make_pair(2, 4)], "期初余额");
  EXPECT_EQ(cells[std::make_pair(2, 7)], "期末余额");
  const auto& accounts = json.json["accounts"];
  ASSERT_GT(accounts.size(), 30u);
  bool some_money = false;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    const int row = static_cast<int>(i) + 3;
    const auto& a = accounts[i];
    EXPECT_EQ(cells[std::make_pair(row, 1)], a["code"]) << row;
    EXPECT_EQ(cells[std::make_pair(row, 3)], a["direction"] == "debit" ? "借" : "贷");
    EXPECT_EQ(fen_of(cells[std::make_pair(row, 4)]), a["opening_fen"].get<std::int64_t>()) << a["code"];
    EXPECT_EQ(fen_of(cells[std::make_pair(row, 5)]), a["debit_fen"].get<std::int64_t>()) << a["code"];
    EXPECT_EQ(fen_of(cells[std::make_pair(row, 7)]), a["closing_fen"].get<std::int64_t>()) << a["code"];
    some_money = some_money || a["debit_fen"].get<std::int64_t>() % 100 != 0 || a["debit_fen"] > 0;
  }
  EXPECT_TRUE(some_money);
  // Trial-balance rows: debit totals equal credit totals, as in the JSON.
  const int debit_row = static_cast<int>(accounts.size()) + 3, credit_row = debit_row + 1;
  EXPECT_EQ(cells[std::make_pair(debit_row, 1)], "合计(借方)");
  const auto& t = json.json["totals"];
  EXPECT_EQ(fen_of(cells[std::make_pair(debit_row, 5)]), t["debit_fen"].get<std::int64_t>());
  EXPECT_EQ(fen_of(cells[std::make_pair(credit_row, 6)]), t["credit_fen"].get<std::int64_t>());
  EXPECT_EQ(t["debit_fen"], t["credit_fen"]);
  EXPECT_GT(t["debit_fen"].get<std::int64_t>(), 0);
}

TEST_F(Export, EveryLedgerReportAsCsvAndXlsx) {
  const auto street = login("street");
  const std::string v = std::string("region=") + kTaoyuan;
  struct Case {
    std::string target, header;
  };
  const std::vector<Case> cases = {
      {"/api/v1/ledger/balances?" + v + "&date=2026-06-30", "科目编码,科目名称,方向,期初余额,本期借方,本期贷方,期末余额"},
      {"/api/v1/ledger/journal/cash?" + v + "&from=2026-01-01&to=2026-06-30",
       "日期,凭证字号,摘要,科目编码,科目名称,往来单位,借方,贷方,方向,余额"},
      {"/api/v1/ledger/journal/bank?" + v + "&from=2026-01-01&to=2026-06-30",
       "日期,凭证字号,摘要,科目编码,科目名称,往来单位,借方,贷方,方向,余额"},
      {"/api/v1/ledger/detail?" + v + "&account=541&from=2026-01-01&to=2026-06-30",
       "日期,凭证字号,摘要,科目编码,科目名称,往来单位,借方,贷方,方向,余额"},
      {"/api/v1/ledger/general?" + v + "&account=102&from=2026-01-01&to=2026-06-30", "月份,摘要,借方,贷方,方向,余额"},
      {"/api/v1/ledger/income?" + v + "&from=2026-01-01&to=2026-06-30", "类别,科目编码,科目名称,金额"},
      {"/api/v1/ledger/balance-sheet?" + v + "&date=2026-06-30", "类别,科目编码,项目,期末余额"},
      {"/api/v1/ledger/comparison?" + v + "&year=2026&base_year=2025", "类别,科目编码,科目名称,2025年,2026年,增减"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    const auto csv = get(c.target + "&format=csv", street);
    ASSERT_EQ(csv.status, 200) << csv.raw.body.substr(0, 300);
    EXPECT_EQ(csv.raw.headers.at("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(csv.raw.body.starts_with("\xEF\xBB\xBF" + c.header + "\r\n")) << csv.raw.body.substr(0, 200);
    const auto x = get(c.target + "&format=xlsx", street);
    ASSERT_EQ(x.status, 200);
    EXPECT_EQ(x.raw.headers.at("Content-Type"), http::kXlsxMediaType);
    EXPECT_TRUE(x.raw.body.starts_with("PK"));
    auto cells = sheet(x.raw.body);
    EXPECT_TRUE(cells[std::make_pair(1, 1)].starts_with("桃源村 ")) << cells[std::make_pair(1, 1)];
  }

  // The cash journal: an opening row, each line, a day total after each day, the period total,
  // and the running balance of the last line is the closing balance.
  const auto journal = get("/api/v1/ledger/journal/cash?" + v + "&from=2026-01-01&to=2026-06-30", street);
  ASSERT_EQ(journal.status, 200);
  const auto& lines = journal.json["lines"];
  ASSERT_GT(lines.size(), 0u);
  auto cells = sheet(get("/api/v1/ledger/journal/cash?" + v + "&from=2026-01-01&to=2026-06-30&format=xlsx", street)
                         .raw.body);
  EXPECT_EQ(cells[std::make_pair(1, 1)], "桃源村 现金日记账 2026-01-01 至 2026-06-30(单位:元)");
  EXPECT_EQ(cells[std::make_pair(3, 3)], "期初余额");
  EXPECT_EQ(fen_of(cells[std::make_pair(3, 10)]), journal.json["opening_fen"].get<std::int64_t>());
  const int last = 3 + static_cast<int>(lines.size() + journal.json["days"].size()) + 1;
  EXPECT_EQ(cells[std::make_pair(last, 3)], "本期合计");
  EXPECT_EQ(fen_of(cells[std::make_pair(last, 7)]), journal.json["debit_fen"].get<std::int64_t>());
  EXPECT_EQ(fen_of(cells[std::make_pair(last, 10)]), journal.json["closing_fen"].get<std::int64_t>());
  EXPECT_EQ(cells[std::make_pair(last - 1, 3)], "本日合计");
  EXPECT_EQ(cells[std::make_pair(4, 2)], "记字第" + std::to_string(lines[0]["number"].get<int>()) + "号 (" +
                               lines[0]["period"].get<std::string>() + ")");

  // The balance sheet in the file balances: total assets = total liabilities and equity.
  const auto bs = get("/api/v1/ledger/balance-sheet?" + v + "&date=2026-06-30", street);
  ASSERT_TRUE(bs.json["balanced"].get<bool>());
  cells = sheet(get("/api/v1/ledger/balance-sheet?" + v + "&date=2026-06-30&format=xlsx", street).raw.body);
  std::int64_t assets = -1, both = -1;
  for (auto& [at, text] : cells) {
    if (at.second != 3) continue;
    if (text == "资产总计") assets = fen_of(cells[std::make_pair(at.first, 4)]);
    if (text == "负债和所有者权益总计") both = fen_of(cells[std::make_pair(at.first, 4)]);
  }
  EXPECT_EQ(assets, bs.json["assets_fen"].get<std::int64_t>());
  EXPECT_EQ(both, assets);
  EXPECT_GT(assets, 0);
}

TEST_F(Export, LedgerExportsKeepScopeLanguageAndRejectBadFormat) {
  const std::string target = std::string("/api/v1/ledger/income?region=") + kTaoyuan + "&from=2026-01-01&to=2026-03-31";
  // Another village's clerk gets the same 403 for the file as for the JSON.
  EXPECT_EQ(get(target + "&format=xlsx", login("meiling.clerk")).status, 403);
  const auto clerk = login("taoyuan.clerk");
  const auto bad = call(Method::GET, target + "&format=pdf", "", clerk, {{"Accept-Language", "en"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "format");
  const auto en = call(Method::GET, target + "&format=csv", "", clerk, {{"Accept-Language", "en"}});
  ASSERT_EQ(en.status, 200);
  EXPECT_TRUE(en.raw.body.starts_with("\xEF\xBB\xBF" "Group,Code,Account,Amount\r\n"));
  EXPECT_NE(en.raw.body.find("Net (income - expenditure)"), std::string::npos);
  EXPECT_NE(en.raw.headers.at("Content-Disposition").find("filename=\"339902001201-income-statement-"),
            std::string::npos);
}

TEST_F(Export, VoucherListXlsxMatchesTheJsonList) {
  const auto clerk = login("taoyuan.clerk");
  const std::string q = std::string("/api/v1/ledger/vouchers?region=") + kTaoyuan + "&period=2026-03&sort=number";
  const auto json = get(q + "&size=200", clerk);
  ASSERT_EQ(json.status, 200);
  ASSERT_GT(json.json["total"].get<int>(), 3);
  const auto r = get(q + "&format=xlsx", clerk);
  ASSERT_EQ(r.status, 200);
  const auto got = rows(r, {"日期", "凭证号", "摘要", "金额", "结算方式", "状态", "村社"});
  ASSERT_EQ(got.size(), json.json["items"].size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    const auto& v = json.json["items"][i];
    EXPECT_EQ(got[i].at("凭证号"), std::to_string(v["number"].get<int>()));
    EXPECT_EQ(got[i].at("摘要"), v["summary"]);
    EXPECT_EQ(got[i].at("日期"), v["date"]);
    EXPECT_EQ(std::llround(std::stod(got[i].at("金额")) * 100), v["total_fen"].get<std::int64_t>());
    EXPECT_EQ(got[i].at("状态"), "已记账");
    EXPECT_EQ(got[i].at("村社"), "桃源村");
  }
  EXPECT_EQ(get(q + "&format=csv", login("meiling.clerk")).status, 403);
}

}  // namespace
}  // namespace ql::test
