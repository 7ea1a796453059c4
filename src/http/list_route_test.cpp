#include "http/list_route.hpp"

#include <gtest/gtest.h>

namespace ql::http {
namespace {

TEST(ListRoute, MilliTextIsTheShortestDecimal) {
  EXPECT_EQ(milli_text(nlohmann::json(12'500)), "12.5");
  EXPECT_EQ(milli_text(nlohmann::json(1)), "0.001");
  EXPECT_EQ(milli_text(nlohmann::json(3'000)), "3");
  EXPECT_EQ(milli_text(nlohmann::json(0)), "0");
  EXPECT_EQ(milli_text(nlohmann::json(1'234'560)), "1234.56");
  EXPECT_EQ(milli_text(nlohmann::json()), "");
}

TEST(ListRoute, CodesShowAsTheirLabelsInTheLanguageAsked) {
  static const CodeLabels labels = {{"lease", {"出租", "lease"}}, {"in_use", {"在用", "in use"}}};
  const nlohmann::json item = {{"kind", "lease"}, {"status", "in_use"}, {"other", "unknown_code"}};
  EXPECT_EQ(code_label(item, "kind", false, labels), "出租");
  EXPECT_EQ(code_label(item, "status", true, labels), "in use");
  EXPECT_EQ(code_label(item, "other", false, labels), "unknown_code");  // shown as it is
  EXPECT_EQ(code_label(item, "absent", true, labels), "");
  const auto column = labelled("status", labels);
  EXPECT_EQ(column(item, false), "在用");
  EXPECT_EQ(column(item, true), "in use");
}

}  // namespace
}  // namespace ql::http
