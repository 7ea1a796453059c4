#include "disclosure/markdown.hpp"

#include <gtest/gtest.h>

#include <cctype>

namespace ql::disclosure {
namespace {

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

TEST(Markdown, RendersHeadingsListsAndEmphasis) {
  const auto html = markdown_to_html("# 收支\n\n- 收入 **100** 元\n- 支出\n\n1. 一\n2. 二\n");
  EXPECT_NE(html.find("<h4>收支</h4>"), std::string::npos) << html;
  EXPECT_NE(html.find("<ul>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>收入 <strong>100</strong> 元</li>"), std::string::npos) << html;
  EXPECT_NE(html.find("<ol>"), std::string::npos) << html;
}

TEST(Markdown, HeadingsRankBelowThePublicationTitle) {
  // The pages show a publication's title as <h3>; no body heading may rank with it or above.
  EXPECT_EQ(markdown_to_html("# 一\n\n## 说明\n\n### 已完成环节\n\n#### 四\n\n###### 六\n"),
            "<h4>一</h4>\n<h5>说明</h5>\n<h6>已完成环节</h6>\n<h6>四</h6>\n<h6>六</h6>\n");
  EXPECT_EQ(markdown_to_html("标题\n===\n\n副标题\n---\n"), "<h4>标题</h4>\n<h5>副标题</h5>\n");  // setext too
  // Nested in quotes and lists as well, with the heading's text still escaped.
  EXPECT_EQ(markdown_to_html("> ## a < b\n\n- ## 项\n"),
            "<blockquote>\n<h5>a &lt; b</h5>\n</blockquote>\n<ul>\n<li>\n<h5>项</h5>\n</li>\n</ul>\n");
  for (const char* md : {"# x", "## x", "### x", "#### x"})
    for (const char* tag : {"<h1", "<h2", "<h3"}) EXPECT_EQ(markdown_to_html(md).find(tag), std::string::npos) << md;
}

TEST(Markdown, DropsRawHtml) {
  for (const char* md : {"<script>alert(1)</script>", "text <script>alert(1)</script> more",
                         "<img src=x onerror=alert(1)>", "<iframe src=\"https://evil\"></iframe>",
                         "<SCRIPT>alert(1)</SCRIPT>"}) {
    const auto html = markdown_to_html(md);
    EXPECT_EQ(html.find("<script"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("<SCRIPT"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << md << " -> " << html;
  }
}

TEST(Markdown, NeutralisesScriptLinks) {
  for (const char* md : {"[点我](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](vbscript:msgbox)",
                         "![i](javascript:alert(1))", "<javascript:alert(1)>"}) {
    // The scheme may survive as visible link text; it must never be a link or image target.
    const auto html = lower(markdown_to_html(md));
    for (const char* target : {"href=\"javascript", "src=\"javascript", "href=\"vbscript"})
      EXPECT_EQ(html.find(target), std::string::npos) << md << " -> " << html;
  }
  EXPECT_NE(markdown_to_html("[政府](https://www.gov.cn/)").find("href=\"https://www.gov.cn/\""), std::string::npos);
}

TEST(Markdown, RendersGfmTables) {
  const auto html = markdown_to_html(
      "| 项目 | 金额（元） |\n| --- | ---: |\n| 租金收入 | 12,000.00 |\n| 保洁支出 | ~~800.00~~ 780.00 |\n");
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th>项目</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>租金收入</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td align=\"right\">12,000.00</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<del>800.00</del> 780.00"), std::string::npos) << html;
  // Without the delimiter row it is not a table but a paragraph.
  EXPECT_EQ(markdown_to_html("| a | b |\n| c | d |\n").find("<table>"), std::string::npos);
}

TEST(Markdown, AutolinksBareUrls) {
  EXPECT_NE(markdown_to_html("见 https://www.gov.cn/ 通知").find("<a href=\"https://www.gov.cn/\">"), std::string::npos);
  EXPECT_NE(markdown_to_html("见 www.gov.cn 通知").find("<a href=\"http://www.gov.cn\">"), std::string::npos);
}

TEST(Markdown, TablesKeepTheSafeMode) {
  // Raw HTML and script links inside table cells are dropped or neutralised like anywhere else.
  const auto html = lower(markdown_to_html(
      "| a | b |\n| - | - |\n| <script>alert(1)</script> | [x](javascript:alert(1)) |\n"
      "| <img src=x onerror=alert(1)> | javascript:alert(1) |\n"));
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos) << html;
  EXPECT_NE(html.find("raw html omitted"), std::string::npos) << html;
}

TEST(Markdown, EscapesText) {
  EXPECT_EQ(markdown_to_html("a < b & c"), "<p>a &lt; b &amp; c</p>\n");
}

TEST(HtmlEscape, EscapesEverySpecialCharacter) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("荷风社区"), "荷风社区");
}

}  // namespace
}  // namespace ql::disclosure
