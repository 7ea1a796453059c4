#include "core/table_reader.hpp"

#include <gtest/gtest.h>

#include "core/import_template.hpp"
#include "core/money.hpp"
#include "core/xlsx_writer.hpp"

namespace ql::table {
namespace {

const std::vector<ColumnSpec> kSpecs = {
    {"日期", true, {"date"}},
    {"借方金额", true, {"借方"}},
    {"往来单位", false},
};

struct Seen {
  int row;
  std::string date, debit, party;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> read_all(std::string bytes, Summary* summary = nullptr) {
  std::vector<Seen> out;
  auto s = read(std::move(bytes), kSpecs, [&](const Row& r) {
    out.push_back({r.number(), std::string(r[0]), std::string(r.get("借方金额")), std::string(r[2])});
  });
  if (summary) *summary = s;
  return out;
}

Error expect_error(std::string bytes, const std::string& code) {
  try {
    read_all(std::move(bytes));
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.message_en();
    return e;
  }
  ADD_FAILURE() << "expected " << code;
  return bad_request("none", "", "");
}

}  // namespace

TEST(TableReader, CsvByHeaderNameWithExcelRowNumbers) {
  Summary s;
  // Columns in another order, an extra column, spaces and a '*' in the header, a blank line,
  // a quoted newline (one Excel row), and cells with surrounding full-width spaces.
  auto rows = read_all(
      "\xEF\xBB\xBF" "备注, 借方金额 ,日期*\r\n"
      "x,\"1,234.50\",2026-01-05\r\n"
      "\r\n"
      "\"two\nlines\",\xE3\x80\x80" "12\xE3\x80\x80,2026-01-06\r\n"
      ",,\r\n"
      "y,3,2026-01-07",
      &s);
  EXPECT_EQ(s.format, Format::csv);
  EXPECT_EQ(s.encoding, "UTF-8 (BOM)");
  EXPECT_EQ(s.header_row, 1);
  EXPECT_EQ(s.present, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(s.rows, 3u);
  EXPECT_EQ(rows, (std::vector<Seen>{{2, "2026-01-05", "1,234.50", ""},
                                     {4, "2026-01-06", "12", ""},
                                     {6, "2026-01-07", "3", ""}}));
}

TEST(TableReader, Gb18030CsvAndAliases) {
  // "date,借方,往来单位\n2026-01-05,5,张三" with the Chinese in GBK.
  std::string gbk = "date,\xBD\xE8\xB7\xBD,\xCD\xF9\xC0\xB4\xB5\xA5\xCE\xBB\n2026-01-05,5,\xD5\xC5\xC8\xFD\n";
  Summary s;
  auto rows = read_all(gbk, &s);
  EXPECT_EQ(s.encoding, "GB18030");
  EXPECT_EQ(rows, (std::vector<Seen>{{2, "2026-01-05", "5", "张三"}}));
}

TEST(TableReader, XlsxSniffedByContent) {
  xlsx::Table t;
  t.columns = {{"往来单位"}, {"日期", xlsx::ColumnKind::date}, {"借方金额", xlsx::ColumnKind::money}};
  t.rows = {{std::string("张三"), std::string("2026-01-05"), std::int64_t{123456}},
            {{}, {}, {}},
            {{}, std::string("2026-01-06"), std::int64_t{-5}}};
  Summary s;
  auto rows = read_all(xlsx::to_xlsx(t), &s);
  EXPECT_EQ(s.format, Format::xlsx);
  EXPECT_EQ(s.present, (std::vector<bool>{true, true, true}));
  EXPECT_EQ(rows, (std::vector<Seen>{{2, "2026-01-05", "1234.56", "张三"}, {4, "2026-01-06", "-0.05", ""}}));
  EXPECT_EQ(money::parse_yuan(rows[0].debit).fen, 123456);
}

TEST(TableReader, HeaderErrorsNameTheColumns) {
  auto e = expect_error("备注,往来单位\n1,2\n", "missing_column");
  EXPECT_EQ(e.field(), "日期");
  EXPECT_NE(e.message_zh().find("日期、借方金额"), std::string::npos) << e.message_zh();
  EXPECT_NE(e.message_en().find("日期, 借方金额"), std::string::npos);
  EXPECT_EQ(expect_error("日期,借方金额,借方\n", "duplicate_column").field(), "借方金额");
  expect_error("", "empty_file");
  expect_error("\n\n,,\n", "empty_file");
  expect_error("日期,借方金额\n\"open\n", "malformed_csv");
  expect_error("\xC8\xD5\x81\x0A", "invalid_encoding");
  expect_error(std::string("PK\x03\x04") + "junk", "invalid_xlsx");
}

TEST(TableReader, RowLimit) {
  Options o;
  o.max_rows = 2;
  try {
    read("日期,借方金额\n1,1\n2,2\n3,3\n", kSpecs, [](const Row&) {}, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "too_many_rows");
  }
}

TEST(TableReader, ProblemsAreCappedButCounted) {
  Problems p(2);
  EXPECT_TRUE(p.empty());
  EXPECT_NO_THROW(p.throw_if_any());
  p.add(2, "借方金额", "amount_too_many_decimals", "小数位超过两位", "more than two decimals");
  EXPECT_FALSE(p.full());
  p.add(3, "日期", "bad_date", "日期无效", "bad date");
  p.add(4, "日期", "bad_date", "日期无效", "bad date");
  EXPECT_TRUE(p.full());
  EXPECT_EQ(p.count(), 3u);
  try {
    p.throw_if_any("invalid_vouchers");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "invalid_vouchers");
    EXPECT_EQ(e.http_status(), 400);
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].row, 2);
    EXPECT_EQ(e.problems()[0].column, "借方金额");
    EXPECT_EQ(e.problems()[0].code, "amount_too_many_decimals");
    EXPECT_NE(e.message_en().find("3 problem(s); nothing was imported (the first 2 are listed)"), std::string::npos);
  }
}

TEST(TableReader, VoucherTemplateReadsBackThroughItsOwnColumns) {
  const auto t = import_template::voucher_template();
  ASSERT_EQ(t.table.columns.size(), 10u);
  std::string headers;
  for (const auto& c : t.table.columns) headers += (headers.empty() ? "" : ",") + c.header;
  EXPECT_EQ(headers, "日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数");
  for (const auto& bytes : {xlsx::to_xlsx(t.table), xlsx::to_csv(t.table)}) {
    std::vector<std::string> got;
    std::int64_t debit = 0, credit = 0;
    read(bytes, t.columns, [&](const Row& r) {
      got.push_back(std::to_string(r.number()) + ":" + std::string(r.get("日期")) + "/" + std::string(r.get("凭证号")) +
                    "/" + std::string(r.get("科目编码")) + "/" + std::string(r.get("附件数")));
      if (!r.get("借方金额").empty()) debit += money::parse_yuan(r.get("借方金额")).fen;
      if (!r.get("贷方金额").empty()) credit += money::parse_yuan(r.get("贷方金额")).fen;
    });
    EXPECT_EQ(got, (std::vector<std::string>{"2:2026-01-05/1/102/1", "3:2026-01-05/1/511.01/1"}));
    EXPECT_EQ(debit, 1'250'000);
    EXPECT_EQ(credit, debit);  // the example voucher balances
  }
}

TEST(TableReader, Trim) {
  EXPECT_EQ(trim("  a b \t"), "a b");
  EXPECT_EQ(trim("\xC2\xA0\xE3\x80\x80x\xEF\xBB\xBF"), "x");
  EXPECT_EQ(trim("   "), "");
}

}  // namespace ql::table
