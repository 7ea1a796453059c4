// List downloads (?format=xlsx|csv): the files open with our own import reader, carry exactly
// the rows the JSON list has (filters, sort and data scope included), and are named properly.
#include <gtest/gtest.h>

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
  EXPECT_EQ(names, (std::vector<std::string>{"hefeng.supervisor", "hefeng.secretary", "hefeng.resident", "hefeng.clerk"}));

  // A secretary sees only the users of the community, in the file as in the list.
  const auto secretary = login("zhuxi.secretary");
  got = rows(get("/api/v1/users?format=csv", secretary), {"用户名", "区划代码"});
  ASSERT_EQ(got.size(), 4u);
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

}  // namespace
}  // namespace ql::test
