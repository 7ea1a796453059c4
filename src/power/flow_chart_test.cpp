#include "power/flow_chart.hpp"

#include <expat.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "power/charts.hpp"
#include "power/default_items.hpp"

namespace ql::power {
namespace {

// What a parse of the SVG saw: elements with their attributes and all character data.
struct Parsed {
  bool ok = false;
  std::string error;
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> elements;
  std::string text;
};

Parsed parse(const std::string& xml) {
  Parsed p;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &p);
  XML_SetElementHandler(
      parser,
      [](void* ud, const XML_Char* name, const XML_Char** atts) {
        auto* self = static_cast<Parsed*>(ud);
        std::map<std::string, std::string> a;
        for (int i = 0; atts[i]; i += 2) a[atts[i]] = atts[i + 1];
        self->elements.push_back({name, a});
      },
      [](void*, const XML_Char*) {});
  XML_SetCharacterDataHandler(parser, [](void* ud, const XML_Char* s, int len) {
    static_cast<Parsed*>(ud)->text.append(s, static_cast<std::size_t>(len));
  });
  p.ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!p.ok) p.error = XML_ErrorString(XML_GetErrorCode(parser));
  XML_ParserFree(parser);
  return p;
}

int count(const Parsed& p, const std::string& element, const std::string& attr = {}, const std::string& value = {}) {
  int n = 0;
  for (const auto& [name, a] : p.elements)
    if (name == element && (attr.empty() || (a.count(attr) && a.at(attr) == value))) ++n;
  return n;
}

const PowerItemSpec& item(const std::string& code) {
  for (const auto& i : default_power_items())
    if (i.code == code) return i;
  throw std::runtime_error("no item " + code);
}

TEST(FlowChart, EveryDefaultFlowIsWellFormedWithEveryStepAndRiskMarker) {
  for (const auto& i : default_power_items()) {
    SCOPED_TRACE(i.code);
    const auto svg = render_flow_svg(i.flow, {i.name_zh, i.legal_basis, std::nullopt, std::nullopt, false});
    const auto p = parse(svg);
    ASSERT_TRUE(p.ok) << p.error;
    ASSERT_FALSE(p.elements.empty());
    EXPECT_EQ(p.elements.front().first, "svg");
    std::size_t risks = 0;
    for (const auto& s : i.flow.steps) {
      EXPECT_GE(count(p, "g", "data-key", s.key), 1) << s.key;
      risks += s.risks.size();
    }
    // Each risk marked once per drawn box of its step; every step here is one contiguous box.
    EXPECT_EQ(static_cast<std::size_t>(count(p, "g", "class", "risk")), risks);
    EXPECT_NE(p.text.find(i.flow.steps[1].name_zh.substr(0, 6)), std::string::npos);
    EXPECT_NE(svg.find("Noto Sans CJK SC"), std::string::npos);
  }
}

TEST(FlowChart, AmountRoutedFlowsGetOneLanePerBandAndADecisionDiamond) {
  const auto& purchase = item("collective.purchase");
  Thresholds t{"purchase", 200000, 5000000, 50000000, 400000000};
  const auto p = parse(render_flow_svg(purchase.flow, {"物资采购", "", std::nullopt, t, false}));
  ASSERT_TRUE(p.ok) << p.error;
  for (const char* band : {"small", "medium", "large", "township", "county"})
    EXPECT_EQ(count(p, "rect", "data-band", band), 1) << band;
  EXPECT_GE(count(p, "polygon", "class", "decision"), 1);
  EXPECT_NE(p.text.find("2,000.00 元"), std::string::npos);  // the lane's range from the thresholds
  EXPECT_NE(p.text.find("四议两公开"), std::string::npos);
  // Levels are coloured: a high risk exists on this flow.
  EXPECT_GE(count(p, "g", "data-level", "high"), 1);
}

TEST(FlowChart, BandFilterDrawsOnlyThatRoute) {
  const auto& purchase = item("collective.purchase");
  const auto p = parse(render_flow_svg(purchase.flow, {"", "", AmountBand::medium, std::nullopt, false}));
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(count(p, "g", "data-key", "joint_meeting"), 1);
  EXPECT_EQ(count(p, "g", "data-key", "head_approve"), 0);
  EXPECT_EQ(count(p, "g", "data-key", "representatives"), 0);
  EXPECT_EQ(count(p, "rect", "data-band", "medium"), 1);
}

TEST(FlowChart, TextIsEscapedAndWrapped) {
  Flow f;
  FlowStep s;
  s.key = "submit";
  s.name_zh = "<script>alert('x')</script> & \"引号\" 一个非常非常非常非常非常非常非常非常非常长的环节名称";
  s.kind = StepKind::submit;
  s.risks.push_back({"风险 <b>", RiskLevel::low, "控制 & 措施"});
  f.steps.push_back(s);
  const auto svg = render_flow_svg(f, {"标题 <&>", "", std::nullopt, std::nullopt, false});
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  const auto p = parse(svg);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_NE(p.text.find("<script>alert('x')"), std::string::npos);  // shown as text, not markup
  EXPECT_NE(p.text.find("控制 & 措施"), std::string::npos);
  EXPECT_EQ(count(p, "g", "data-level", "low"), 1);
  auto lines = svg::wrap("一二三四五六七八九十", 50, 10);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "一二三四五");
  EXPECT_EQ(lines[1], "六七八九十");
}

TEST(FlowChart, PrintablePageEmbedsTheChartForA4) {
  const auto html = printable_page("财务审批流程图", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", false);
  EXPECT_NE(html.find("@page { size: A4 portrait"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

TEST(ResponsibilityChart, NamesThePeopleOfEachGroupAndParses) {
  nlohmann::json data = {{"region_code", "330100000001"}, {"region_name", "青山村"}, {"street_name", "爱山街道"}};
  auto groups = nlohmann::json::array();
  for (const char* role : {"discipline", "street_office", "secretary", "clerk", "supervisor"})
    groups.push_back({{"role", role},
                      {"title_zh", std::string("组 ") + role},
                      {"title_en", role},
                      {"duty_zh", "职责"},
                      {"duty_en", "duty"},
                      {"people", nlohmann::json::array({{{"id", 1}, {"name", std::string("张三&") + role}}})}});
  data["groups"] = groups;
  const auto p = parse(responsibility_svg(data, false));
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(count(p, "g", "class", "duty"), 5);
  EXPECT_NE(p.text.find("张三&secretary"), std::string::npos);
  EXPECT_NE(p.text.find("青山村党风廉政建设责任一览图"), std::string::npos);
}

}  // namespace
}  // namespace ql::power
