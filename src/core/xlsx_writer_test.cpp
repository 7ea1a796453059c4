#include "core/xlsx_writer.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/xlsx_reader.hpp"

namespace ql::xlsx {
namespace {

Table sample() {
  Table t;
  t.sheet_name = "用户/列表:2026";  // characters Excel forbids in sheet names are dropped
  t.columns = {{"姓名"}, {"金额", ColumnKind::money}, {"数量", ColumnKind::integer}, {"日期", ColumnKind::date},
               {"创建时间", ColumnKind::datetime}};
  t.rows = {
      {std::string("张三"), std::int64_t{123456}, std::int64_t{3}, std::string("2026-01-05"),
       std::string("2026-11-21T17:30:00Z")},
      {std::string("=HYPERLINK(\"http://x\")"), std::int64_t{-1230}, {}, {}, std::string("not a time")},
      {std::string("-1+1"), {}, std::int64_t{-7}, std::string("2026-02-30"), {}},
      {std::string("a,\"b\"\nc"), std::int64_t{0}, {}, {}, {}},
  };
  return t;
}

}  // namespace

TEST(XlsxWriter, XlsxReadsBackWithTypes) {
  const auto bytes = to_xlsx(sample());
  EXPECT_EQ(sheet_names(bytes), (std::vector<std::string>{"用户列表2026"}));
  std::vector<std::string> got;
  read_sheet(bytes, "", [&](const RowView& r) {
    std::string line = std::to_string(r.number) + ":";
    for (const auto& c : r.cells)
      line += std::to_string(c.column) + "=" + std::string(c.text) + (c.type == CellType::date ? "(d)" : "") +
              (c.type == CellType::number ? "(n)" : "") + ";";
    got.push_back(line);
  });
  EXPECT_EQ(got, (std::vector<std::string>{
                     "1:0=姓名;1=金额;2=数量;3=日期;4=创建时间;",
                     // Beijing time: 17:30Z is 01:30 the next day.
                     "2:0=张三;1=1234.56(n);2=3(n);3=2026-01-05(d);4=2026-11-22 01:30:00(d);",
                     // Text is text, never a formula; a malformed time stays as written.
                     "3:0==HYPERLINK(\"http://x\");1=-12.3(n);4=not a time;",
                     "4:0=-1+1;2=-7(n);3=2026-02-30;",
                     "5:0=a,\"b\"\nc;1=0(n);",
                 }));
}

TEST(XlsxWriter, TitleRowAboveTheHeaderInXlsxOnly) {
  Table t;
  t.title = "桃源村 科目余额表 2026-01-01 至 2026-03-31";
  t.columns = {{"科目"}, {"金额", ColumnKind::money}};
  t.rows = {{std::string("现金"), std::int64_t{150000}}};
  std::vector<std::string> got;
  read_sheet(to_xlsx(t), "", [&](const RowView& r) {
    std::string line = std::to_string(r.number) + ":";
    for (const auto& c : r.cells) line += std::string(c.text) + (c.type == CellType::number ? "(n)" : "") + ";";
    got.push_back(line);
  });
  EXPECT_EQ(got, (std::vector<std::string>{"1:桃源村 科目余额表 2026-01-01 至 2026-03-31;", "2:科目;金额;",
                                           "3:现金;1500(n);"}));
  // CSV stays header + data (re-importable).
  EXPECT_EQ(to_csv(t), "\xEF\xBB\xBF科目,金额\r\n现金,1500.00\r\n");
}

TEST(XlsxWriter, CsvHasBomQuotingAndFormulaProtection) {
  const auto csv = to_csv(sample());
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "姓名,金额,数量,日期,创建时间\r\n"
            "张三,1234.56,3,2026-01-05,2026-11-22 01:30:00\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\",-12.30,,,not a time\r\n"  // text quoted; money stays a number
            "'-1+1,,-7,2026-02-30,\r\n"
            "\"a,\"\"b\"\"\nc\",0.00,,,\r\n");
}

TEST(XlsxWriter, RejectsBadShapes) {
  Table t = sample();
  t.rows[0].pop_back();
  EXPECT_THROW(to_csv(t), std::invalid_argument);
  EXPECT_THROW(to_xlsx(t), std::invalid_argument);
}

TEST(XlsxWriter, WidthsAndTimes) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("张三"), 4u);
  EXPECT_EQ(display_width("a张"), 3u);
  EXPECT_EQ(utc_to_beijing("2026-12-31T16:00:00Z"), "2027-01-01 00:00:00");
  EXPECT_EQ(utc_to_beijing("2026-12-31"), "2026-12-31");
  EXPECT_EQ(utc_to_beijing("2026-13-01T00:00:00Z"), "2026-13-01T00:00:00Z");
}

}  // namespace ql::xlsx
