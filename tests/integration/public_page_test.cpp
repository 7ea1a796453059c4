// The resident pages (/p/...) end to end, on whichever backend QL_TEST_BACKEND names: what a
// villager sees after scanning the community's QR code.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api_fixture.hpp"
#include "core/clock.hpp"
#include "core/gzip.hpp"

namespace ql::test {
namespace {

using http::Method;
constexpr const char* kHefeng = "339902001001";

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

class PublicPage : public ApiTest {
 protected:
  // A draft in 荷风社区 by hefeng.clerk; returns its id.
  std::string draft(const std::string& title, const std::string& body, const std::string& category = "finance") {
    auto r = post("/api/v1/disclosures",
                  {{"region", kHefeng}, {"category", category}, {"stage", "after"}, {"title", title}, {"body", body}},
                  clerk_);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return std::to_string(r.json.value("id", std::int64_t{0}));
  }
  // Publishes draft id and returns its log index.
  std::int64_t publish(const std::string& id) {
    auto r = call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk_);
    EXPECT_EQ(r.status, 200) << r.raw.body;
    return r.json.value("log_index", std::int64_t{-1});
  }
  ApiResult page(const std::string& target, http::Headers headers = {}) {
    return call(Method::GET, target, "", "", std::move(headers));
  }

  void SetUp() override {
    ApiTest::SetUp();
    clerk_ = login("hefeng.clerk");
  }
  std::string clerk_;
};

TEST_F(PublicPage, ShowsPublishedWithTheirLogEntryAndHidesDrafts) {
  publish(draft("第一季度党费收缴情况", "党员 **42** 人", "party"));
  publish(draft("较早的财务公开", "上月"));
  const auto index = publish(draft("2026年第三季度财务收支公开",
                                   "## 收入\n\n- 租金 12,000.00 元\n\n<script>alert(1)</script>\n\n[点](javascript:alert(2))"));
  ASSERT_EQ(index, 2);
  draft("尚未发布的草稿", "草稿内容");

  auto r = page(std::string("/p/") + kHefeng);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  const auto& html = r.raw.body;
  EXPECT_EQ(r.raw.headers.at("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(has(html, "<html lang=\"zh-CN\""));
  EXPECT_TRUE(has(html, "<meta name=\"viewport\""));
  EXPECT_TRUE(has(html, "荷风社区"));
  EXPECT_TRUE(has(html, "2026年第三季度财务收支公开"));
  // The Markdown body, rendered, its headings below the publication titles (<h3>); the log
  // entry keeps the Markdown as published.
  EXPECT_TRUE(has(html, "<h3>2026年第三季度财务收支公开</h3>"));
  EXPECT_TRUE(has(html, "<h5>收入</h5>"));
  EXPECT_FALSE(has(html, "<h2>收入</h2>"));
  EXPECT_TRUE(has(call(Method::GET, "/log/entries/" + std::to_string(index)).json["body"].get<std::string>(), "## 收入\n"));
  EXPECT_TRUE(has(html, "已存证 ✓ 日志 #2"));
  EXPECT_TRUE(has(html, "href=\"/log/entries/2\""));
  EXPECT_TRUE(has(html, "href=\"/api/v1/log/proof/inclusion?index=2&amp;size=3\""));
  EXPECT_TRUE(has(html, "党务公开"));
  EXPECT_TRUE(has(html, "事后"));
  EXPECT_FALSE(has(html, "尚未发布的草稿"));
  EXPECT_FALSE(has(html, "<script"));
  EXPECT_FALSE(has(html, "javascript:"));
  // Sections in category order (党务 first), newest first within each.
  EXPECT_LT(html.find("第一季度党费收缴情况"), html.find("2026年第三季度财务收支公开"));
  EXPECT_LT(html.find("2026年第三季度财务收支公开"), html.find("较早的财务公开"));
  EXPECT_EQ(r.raw.headers.at("Cache-Control"), "no-cache");
  EXPECT_TRUE(has(r.raw.headers.at("Content-Security-Policy"), "default-src 'none'"));
}

TEST_F(PublicPage, WithdrawnAndCorrectedAreExplained) {
  const auto first = draft("三月低保名单", "名单甲");
  publish(first);
  auto fix = post("/api/v1/disclosures/" + first + "/correct",
                  {{"category", "finance"}, {"stage", "after"}, {"title", "三月低保名单(更正)"}, {"body", "名单乙"}},
                  clerk_);
  ASSERT_EQ(fix.status, 201) << fix.raw.body;
  const auto other = draft("四月活动通知", "<b>通知</b>", "service");
  publish(other);
  ASSERT_EQ(post("/api/v1/disclosures/" + other + "/withdraw", {{"reason", "活动取消 <不再举办>"}}, clerk_).status, 200);

  const auto html = page(std::string("/p/") + kHefeng).raw.body;
  EXPECT_TRUE(has(html, "三月低保名单(更正)"));
  EXPECT_TRUE(has(html, "替代")) << html;
  EXPECT_TRUE(has(html, "《三月低保名单》"));
  EXPECT_FALSE(has(html, "名单甲"));  // the superseded body is no longer shown
  EXPECT_TRUE(has(html, "已撤回"));
  EXPECT_TRUE(has(html, "活动取消 &lt;不再举办&gt;"));  // escaped
  EXPECT_FALSE(has(html, "<b>通知</b>"));
}

TEST_F(PublicPage, LargeTextMode) {
  const auto normal = page(std::string("/p/") + kHefeng);
  EXPECT_TRUE(has(normal.raw.body, "href=\"/p/339902001001?large=1\">大字版"));
  EXPECT_FALSE(has(normal.raw.body, "<html lang=\"zh-CN\" class=\"large\""));
  const auto large = page(std::string("/p/") + kHefeng + "?large=1");
  ASSERT_EQ(large.status, 200);
  EXPECT_TRUE(has(large.raw.body, "<html lang=\"zh-CN\" class=\"large\""));
  EXPECT_TRUE(has(large.raw.body, "href=\"/p/339902001001\">标准字号"));
  EXPECT_NE(large.raw.headers.at("ETag"), normal.raw.headers.at("ETag"));
  EXPECT_EQ(page(std::string("/p/") + kHefeng + "?large=maybe").status, 400);
}

TEST_F(PublicPage, RepeatVisitsGetNotModifiedUntilSomethingIsPublished) {
  const auto first = page(std::string("/p/") + kHefeng);
  const auto etag = first.raw.headers.at("ETag");
  auto again = page(std::string("/p/") + kHefeng, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.raw.body.empty());
  EXPECT_EQ(again.raw.headers.at("ETag"), etag);
  EXPECT_EQ(page(std::string("/p/") + kHefeng, {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
  EXPECT_EQ(page(std::string("/p/") + kHefeng, {{"If-None-Match", "\"other\""}}).status, 200);

  publish(draft("新公开", "内容"));
  auto changed = page(std::string("/p/") + kHefeng, {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.raw.headers.at("ETag"), etag);
  EXPECT_TRUE(has(changed.raw.body, "新公开"));
}

// The server keeps rendered pages by ETag: a repeat visit gets the same bytes, and a publish
// or a withdrawal shows on the very next plain request, in both text sizes.
TEST_F(PublicPage, CachedPageChangesAtOnceOnPublishAndWithdrawal) {
  const std::string path = std::string("/p/") + kHefeng;
  publish(draft("一月公开", "内容一"));
  const auto first = page(path);
  const auto first_large = page(path + "?large=1");
  EXPECT_EQ(page(path).raw.body, first.raw.body);
  EXPECT_EQ(page(path + "?large=1").raw.body, first_large.raw.body);
  EXPECT_NE(first.raw.body, first_large.raw.body);
  EXPECT_FALSE(has(first.raw.body, "二月公开"));

  const auto second = draft("二月公开", "内容二");
  publish(second);
  for (const auto& target : {path, path + "?large=1"}) {
    const auto html = page(target).raw.body;
    EXPECT_TRUE(has(html, "二月公开")) << target;
    EXPECT_FALSE(has(html, "已撤回")) << target;
  }

  ASSERT_EQ(post("/api/v1/disclosures/" + second + "/withdraw", {{"reason", "发布有误"}}, clerk_).status, 200);
  for (const auto& target : {path, path + "?large=1"}) {
    const auto html = page(target).raw.body;
    EXPECT_TRUE(has(html, "已撤回")) << target;
    EXPECT_TRUE(has(html, "发布有误")) << target;
  }
}

TEST_F(PublicPage, GzipForBrowsersThatTakeIt) {
  const std::string path = std::string("/p/") + kHefeng;
  publish(draft("一月公开", "内容一"));
  const auto plain = page(path);  // renders (the handler); the requests below hit the fast path
  const auto gz = page(path, {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.raw.headers.at("Content-Encoding"), "gzip");
  EXPECT_EQ(gz.raw.headers.at("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain.raw.headers.at("Vary"), "Accept-Encoding");
  EXPECT_FALSE(plain.raw.headers.count("Content-Encoding"));
  EXPECT_EQ(gzip_decompress(gz.raw.body), plain.raw.body);
  EXPECT_LT(gz.raw.body.size() * 2, plain.raw.body.size());
  // Each representation has its own validator.
  const auto gz_tag = gz.raw.headers.at("ETag");
  EXPECT_NE(gz_tag, plain.raw.headers.at("ETag"));
  const auto revalidated = page(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_tag}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_EQ(revalidated.raw.headers.at("ETag"), gz_tag);
  EXPECT_EQ(page(path, {{"If-None-Match", gz_tag}}).status, 200);
  EXPECT_FALSE(page(path, {{"Accept-Encoding", "gzip;q=0"}}).raw.headers.count("Content-Encoding"));
}

TEST_F(PublicPage, OverdueCatalogueItemsAreShownHonestly) {
  // 2026-11-21 in Shanghai: the first three quarters' quarterly items are past due.
  const auto today = *parse_iso("2026-11-21T04:00:00Z");
  set_clock_for_testing([today] { return today; });
  const auto before = page(std::string("/p/") + kHefeng);
  EXPECT_FALSE(has(before.raw.body, "应公开未公开"));
  auto admin = login("admin");
  auto cat = post("/api/v1/disclosure/catalogs",
                  {{"region_code", kHefeng}, {"year", 2026}, {"from_default", true}}, admin);
  ASSERT_EQ(cat.status, 201) << cat.raw.body;
  // The catalogue changed the page, so the old validator must not match.
  auto after = page(std::string("/p/") + kHefeng, {{"If-None-Match", before.raw.headers.at("ETag")}});
  ASSERT_EQ(after.status, 200);
  EXPECT_TRUE(has(after.raw.body, "应公开未公开"));
  EXPECT_TRUE(has(after.raw.body, "2026-Q1"));
  auto overdue = get("/api/v1/disclosure/overdue?region=" + std::string(kHefeng) + "&as_of=2026-11-21", admin);
  ASSERT_EQ(overdue.status, 200);
  EXPECT_TRUE(has(after.raw.body, "共 " + std::to_string(overdue.json["total"].get<std::int64_t>()) + " 项逾期未公开"));
  // Another day, another list: the validator follows the business date.
  set_clock_for_testing([today] { return today + std::chrono::hours(24); });
  EXPECT_EQ(page(std::string("/p/") + kHefeng, {{"If-None-Match", after.raw.headers.at("ETag")}}).status, 200);
}

TEST_F(PublicPage, QrCodeAndPoster) {
  auto qr = page(std::string("/p/") + kHefeng + "/qr.svg", {{"Host", "qinglian.example.gov.cn"}});
  ASSERT_EQ(qr.status, 200);
  EXPECT_EQ(qr.raw.headers.at("Content-Type"), "image/svg+xml");
  EXPECT_TRUE(qr.raw.body.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  // A forged Host cannot smuggle markup or another scheme into the code: the configured base
  // URL is used instead, so the code is the same as with no Host at all.
  auto forged = page(std::string("/p/") + kHefeng + "/qr.svg", {{"Host", "evil.example/\"><script>"}});
  auto none = page(std::string("/p/") + kHefeng + "/qr.svg");
  EXPECT_EQ(forged.raw.body, none.raw.body);
  EXPECT_NE(forged.raw.body, qr.raw.body);

  auto poster = page(std::string("/p/") + kHefeng + "/poster", {{"Host", "qinglian.example.gov.cn"}});
  ASSERT_EQ(poster.status, 200);
  EXPECT_TRUE(has(poster.raw.body, "扫码查看三务公开"));
  EXPECT_TRUE(has(poster.raw.body, "荷风社区"));
  EXPECT_TRUE(has(poster.raw.body, qr.raw.body));  // the same code, inline
  EXPECT_TRUE(has(poster.raw.body, "http://qinglian.example.gov.cn/p/339902001001"));
  EXPECT_TRUE(has(poster.raw.body, "@page{size:A4"));
}

TEST_F(PublicPage, UnknownRegionIsAnHtml404) {
  for (const std::string& target : std::vector<std::string>{"/p/999999999999", "/p/999999999999/qr.svg", "/p/999999999999/poster",
                                   "/p/" + std::string(40, '9')}) {
    auto r = page(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.raw.headers.at("Content-Type"), "text/html; charset=utf-8") << target;
    EXPECT_TRUE(has(r.raw.body, "未找到该社区")) << target;
  }
}

}  // namespace
}  // namespace ql::test
