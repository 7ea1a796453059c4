#include "core/csv.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ql::csv {

TEST(Csv, ParsesQuotesNewlinesAndBom) {
  auto recs = parse("\xEF\xBB\xBF" "code,name\r\n1,\"a,b\"\n2,\"say \"\"hi\"\"\nnext\"\n\n3,\n");
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"code", "name"}));
  EXPECT_EQ(recs[1].fields[1], "a,b");
  EXPECT_EQ(recs[2].fields[1], "say \"hi\"\nnext");
  EXPECT_EQ(recs[2].line, 3);
  EXPECT_EQ(recs[3].line, 6);  // the quoted newline and the blank line both count
  EXPECT_EQ(recs[3].fields, (std::vector<std::string>{"3", ""}));
}

TEST(Csv, LastLineWithoutNewline) {
  auto recs = parse("a,b\n1,2");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].fields[1], "2");
}

TEST(Csv, RejectsMalformedQuotesNamingTheLine) {
  try {
    parse("a,b\n1,\"open\n");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "malformed_csv");
  }
  try {
    parse("a,b\n1,x\"y\n");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.message_en().find("line 2"), std::string::npos);
  }
}

TEST(Csv, EscapeRoundTrips) {
  EXPECT_EQ(escape("plain"), "plain");
  EXPECT_EQ(escape("a,\"b\""), "\"a,\"\"b\"\"\"");
  auto recs = parse(escape("x\ny,\"z\"") + "\n");
  EXPECT_EQ(recs[0].fields[0], "x\ny,\"z\"");
}

TEST(Csv, StreamsViewsWithExcelRowNumbers) {
  std::vector<std::string> seen;
  for_each_record("a,\"x\"\"y\",\"multi\nline\"\r\n\r\nb,,\"\"\n\"c\"", [&](const RecordView& r) {
    std::string s = std::to_string(r.line) + "/" + std::to_string(r.row) + ":";
    for (auto f : r.fields) s += "[" + std::string(f) + "]";
    seen.push_back(s);
  });
  // The quoted newline moves the physical line but not Excel's row; the blank line counts.
  EXPECT_EQ(seen, (std::vector<std::string>{"1/1:[a][x\"y][multi\nline]", "4/3:[b][][]", "5/4:[c]"}));
}

}  // namespace ql::csv
