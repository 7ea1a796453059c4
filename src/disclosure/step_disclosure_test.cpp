#include "disclosure/step_disclosure.hpp"

#include <gtest/gtest.h>

namespace ql::disclosure {
namespace {

// These strings are published and frozen in the log: the layout is pinned byte for byte, as
// asset deals (ledger/deal.cpp) and power cases (power/case.cpp) published it before sharing it.

TEST(StepDisclosure, CellsKeepTheTableIntact) {
  EXPECT_EQ(markdown_cell("a|b\nc\r\nd"), "a\\|b c  d");
  EXPECT_EQ(markdown_cell("桃源村 3 号塘"), "桃源村 3 号塘");
  EXPECT_EQ(markdown_cell(""), "");
}

TEST(StepDisclosure, TitlesAreCutToOneHundredCharacters) {
  EXPECT_EQ(step_title("三资交易结果公开:鱼塘发包"), "三资交易结果公开:鱼塘发包");
  const std::string hundred(100, 'x');
  EXPECT_EQ(step_title(hundred), hundred);
  // 101 characters: the first 99 and an ellipsis, cut between characters, never inside one.
  std::string long_title;
  for (int i = 0; i < 101; ++i) long_title += "塘";
  std::string expected;
  for (int i = 0; i < 99; ++i) expected += "塘";
  EXPECT_EQ(step_title(long_title), expected + "…");
  EXPECT_EQ(step_title("a\xff" "b"), "a\xEF\xBF\xBD" "b");  // invalid UTF-8 is replaced, not published
}

TEST(StepDisclosure, FactsTableLayout) {
  EXPECT_EQ(facts_table("交易结果公开", {{"交易编号", "JY-2026-001"}, {"说明", "东|西\n两块"}, {"成交价", ""}}),
            "## 交易结果公开\n\n"
            "| 项目 | 内容 |\n| --- | --- |\n"
            "| 交易编号 | JY-2026-001 |\n"
            "| 说明 | 东\\|西 两块 |\n"
            "| 成交价 |  |\n");
}

TEST(StepDisclosure, CompletedStepsListOnlyDoneSteps) {
  const auto steps = nlohmann::json::parse(R"([
    {"seq": 1, "name": "提出申请", "status": "done", "done_by_name": "李文书", "done_at": "2026-03-05T02:30:00Z"},
    {"seq": 2, "name": "两委|联席", "status": "done", "done_by_name": null, "done_at": null},
    {"seq": 3, "name": "公示", "status": "active", "done_by_name": null, "done_at": null}
  ])");
  EXPECT_EQ(completed_steps_table(steps, {"环节", "名称"}, "name"),
            "\n### 已完成环节\n\n"
            "| 环节 | 名称 | 办理人 | 时间 |\n| --- | --- | --- | --- |\n"
            "| 1 | 提出申请 | 李文书 | 2026-03-05 10:30 |\n"
            "| 2 | 两委\\|联席 |  |  |\n");
  const auto route = nlohmann::json::parse(
      R"([{"seq": 4, "name_zh": "结果公开", "status": "done", "done_by_name": "系统自动公开",
           "done_at": "2026-12-31T16:05:00Z"}])");
  EXPECT_EQ(completed_steps_table(route, {"序号", "环节"}, "name_zh"),
            "\n### 已完成环节\n\n"
            "| 序号 | 环节 | 办理人 | 时间 |\n| --- | --- | --- | --- |\n"
            "| 4 | 结果公开 | 系统自动公开 | 2027-01-01 00:05 |\n");
  EXPECT_EQ(completed_steps_table(nlohmann::json::array(), {"序号", "环节"}, "name_zh"),
            "\n### 已完成环节\n\n| 序号 | 环节 | 办理人 | 时间 |\n| --- | --- | --- | --- |\n");
}

}  // namespace
}  // namespace ql::disclosure
