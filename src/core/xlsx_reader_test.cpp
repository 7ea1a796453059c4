#include "core/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"

namespace ql::xlsx {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_path(const char* suffix) {
  auto p = (std::filesystem::temp_directory_path() / ("ql-xlsx-test-" + std::to_string(::getpid()) + suffix)).string();
  return p;
}

// A ZIP with exactly the given parts, for files libxlsxwriter would never write.
std::string make_zip(const std::map<std::string, std::string>& parts) {
  const auto path = temp_path(".zip");
  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(zf, nullptr);
  for (const auto& [name, body] : parts) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip64(zf, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6, 0), ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(zf, body.data(), static_cast<unsigned>(body.size())), ZIP_OK);
    zipCloseFileInZip(zf);
  }
  zipClose(zf, nullptr);
  auto bytes = slurp(path);
  std::filesystem::remove(path);
  return bytes;
}

const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>)"
    R"(<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strs.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";

struct Got {
  int row;
  int col;
  CellType type;
  std::string text;
  bool operator==(const Got&) const = default;
  friend void PrintTo(const Got& g, std::ostream* os) {
    *os << g.row << ":" << g.col << ":" << static_cast<int>(g.type) << ":" << g.text;
  }
};

std::vector<Got> read_all(std::string_view bytes, const std::string& sheet = {}, const ReadLimits& limits = {}) {
  std::vector<Got> out;
  read_sheet(bytes, sheet, [&](const RowView& r) {
    for (const auto& c : r.cells) out.push_back({r.number, c.column, c.type, std::string(c.text)});
  }, limits);
  return out;
}

std::string expect_invalid(std::string_view bytes, const ReadLimits& limits = {}) {
  try {
    read_all(bytes, {}, limits);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "invalid_xlsx");
    EXPECT_EQ(e.http_status(), 400);
    return e.message_en();
  }
  ADD_FAILURE() << "expected invalid_xlsx";
  return {};
}

}  // namespace

TEST(XlsxReader, ReadsWhatLibxlsxwriterWrites) {
  const auto path = temp_path(".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());  // not constant_memory: shared strings
  lxw_worksheet* ws = workbook_add_worksheet(wb, "凭证");
  lxw_worksheet* second = workbook_add_worksheet(wb, "第二页");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* cn_date = workbook_add_format(wb);
  format_set_num_format(cn_date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* stamp = workbook_add_format(wb);
  format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00_);[Red](#,##0.00)");
  worksheet_write_string(ws, 0, 0, "日期", nullptr);
  worksheet_write_string(ws, 0, 1, "摘要", nullptr);
  worksheet_write_string(ws, 0, 2, "借方金额", nullptr);
  lxw_datetime d{2026, 1, 15, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 0, &d, date);
  worksheet_write_string(ws, 1, 1, "收到土地承包费", nullptr);
  worksheet_write_number(ws, 1, 2, 12500.5, money);
  worksheet_write_boolean(ws, 1, 3, 1, nullptr);
  lxw_datetime d2{2025, 12, 31, 8, 30, 0};
  worksheet_write_datetime(ws, 3, 0, &d2, stamp);        // row 4; row 3 left empty
  worksheet_write_datetime(ws, 3, 4, &d, cn_date);       // sparse: column E only
  worksheet_write_formula_num(ws, 3, 2, "=C2*2", nullptr, 25001);  // cached value is read
  worksheet_write_number(ws, 4, 27, -1234.5, nullptr);  // AB5
  worksheet_write_blank(ws, 4, 1, money);                // a formatted blank is no cell
  worksheet_write_string(second, 0, 0, "另一张表", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const auto bytes = slurp(path);
  std::filesystem::remove(path);

  EXPECT_EQ(sheet_names(bytes), (std::vector<std::string>{"凭证", "第二页"}));
  const std::vector<Got> want = {
      {1, 0, CellType::string, "日期"},
      {1, 1, CellType::string, "摘要"},
      {1, 2, CellType::string, "借方金额"},
      {2, 0, CellType::date, "2026-01-15"},
      {2, 1, CellType::string, "收到土地承包费"},
      {2, 2, CellType::number, "12500.5"},
      {2, 3, CellType::boolean, "TRUE"},
      {4, 0, CellType::date, "2025-12-31 08:30:00"},
      {4, 2, CellType::number, "25001"},
      {4, 4, CellType::date, "2026-01-15"},
      {5, 27, CellType::number, "-1234.5"},
  };
  EXPECT_EQ(read_all(bytes), want);
  EXPECT_EQ(read_all(bytes, "第二页"), (std::vector<Got>{{1, 0, CellType::string, "另一张表"}}));
  try {
    read_all(bytes, "没有");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message_en().find("no worksheet named '没有' (there are: 凭证, 第二页)"), std::string::npos)
        << e.message_en();
  }
}

TEST(XlsxReader, InlineStringsPhoneticRunsSparseRowsAnd1904Dates) {
  const std::string sheet =
      R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="2"><c r="B2" t="inlineStr"><is><t>李</t><r><t>四</t></r></is></c><c r="C2" t="s"><v>0</v></c></row>)"
      R"(<row><c t="n" s="1"><v>0</v></c><c><v>1.5E-2</v></c><c t="e"><v>#DIV/0!</v></c><c t="s"><v>1</v></c><c><v>0.30000000000000004</v></c></row>)"
      R"(<row r="9"/>)"
      R"(</sheetData><mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells></worksheet>)";
  const std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>张三</t>)"
      R"(<rPh sb="0" eb="1"><t>zhang</t></rPh></si><si><t></t></si></sst>)";
  const std::string styles =
      R"(<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts>)"
      R"(<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>)"
      R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="31"/></cellXfs></styleSheet>)";
  const auto bytes = make_zip({{"xl/workbook.xml", kWorkbook},
                               {"xl/_rels/workbook.xml.rels", kRels},
                               {"xl/worksheets/s.xml", sheet},
                               {"xl/strs.xml", strings},
                               {"xl/styles.xml", styles}});
  const std::vector<Got> want = {
      {2, 1, CellType::string, "李四"},
      {2, 2, CellType::string, "张三"},          // the pinyin run is not part of the text
      {3, 0, CellType::date, "1904-01-01"},      // numFmt 31 (CJK date) in the 1904 system
      {3, 1, CellType::number, "0.015"},
      {3, 2, CellType::error, "#DIV/0!"},        // column D: shared string "" is blank
      {3, 4, CellType::number, "0.30000000000000004"},  // as Excel writes =0.1+0.2
  };
  EXPECT_EQ(read_all(bytes), want);
}

TEST(XlsxReader, RejectsMalformedAndHostileFiles) {
  EXPECT_NE(expect_invalid("日期,金额\n").find("not a ZIP"), std::string::npos);
  EXPECT_NE(expect_invalid(std::string("PK\x03\x04") + std::string(100, 'x')).find("damaged"), std::string::npos);
  EXPECT_NE(expect_invalid(make_zip({{"hello.txt", "hi"}})).find("workbook.xml is missing"), std::string::npos);

  auto with_sheet = [](const std::string& sheet) {
    return make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/_rels/workbook.xml.rels", kRels}, {"xl/worksheets/s.xml", sheet}});
  };
  EXPECT_NE(expect_invalid(with_sheet("<worksheet><sheetData><row><c><v>1</v></c></row>")).find("s.xml line 1: malformed XML"),
            std::string::npos);
  EXPECT_NE(expect_invalid(with_sheet(R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>)"))
                .find("DOCTYPE"),
            std::string::npos);
  EXPECT_NE(expect_invalid(with_sheet("<worksheet><sheetData><row><c t=\"s\"><v>7</v></c></row></sheetData></worksheet>"))
                .find("missing shared string"),
            std::string::npos);
  EXPECT_NE(expect_invalid(with_sheet("<worksheet><sheetData><row><c><v>12abc</v></c></row></sheetData></worksheet>"))
                .find("invalid number 12abc"),
            std::string::npos);

  // A zip bomb: a small archive inflating past the limit is stopped by bytes actually inflated.
  const auto big = with_sheet("<worksheet><sheetData>" + std::string(1 << 20, ' ') + "</sheetData></worksheet>");
  EXPECT_LT(big.size(), 10'000u);
  ReadLimits small;
  small.max_part_bytes = 64 * 1024;
  EXPECT_NE(expect_invalid(big, small).find("inflates to more than 65536 bytes"), std::string::npos);

  std::string rows = "<worksheet><sheetData>";
  for (int i = 1; i <= 11; ++i) rows += "<row><c><v>1</v></c></row>";
  ReadLimits ten;
  ten.max_rows = 10;
  EXPECT_NE(expect_invalid(with_sheet(rows + "</sheetData></worksheet>"), ten).find("more than 10 rows"),
            std::string::npos);
  EXPECT_NE(expect_invalid(with_sheet("<worksheet><sheetData><row><c r=\"ZZZZ1\"><v>1</v></c></row></sheetData></worksheet>"))
                .find("invalid cell reference"),
            std::string::npos);
}

TEST(XlsxReader, SerialDatesAndFormats) {
  EXPECT_EQ(serial_to_iso(1, false, false), "1900-01-01");
  EXPECT_EQ(serial_to_iso(59, false, false), "1900-02-28");
  EXPECT_EQ(serial_to_iso(60, false, false), "1900-02-29");  // Excel's phantom day
  EXPECT_EQ(serial_to_iso(61, false, false), "1900-03-01");
  EXPECT_EQ(serial_to_iso(45658, false, false), "2025-01-01");
  EXPECT_EQ(serial_to_iso(45658.5, false, false), "2025-01-01 12:00:00");
  EXPECT_EQ(serial_to_iso(45658.99999999, false, false), "2025-01-02");  // rounds to midnight
  EXPECT_EQ(serial_to_iso(0, true, false), "1904-01-01");
  EXPECT_EQ(serial_to_iso(0.75, false, true), "18:00:00");

  EXPECT_TRUE(is_date_format("yyyy-mm-dd"));
  EXPECT_TRUE(is_date_format("yyyy\"年\"m\"月\"d\"日\""));
  EXPECT_TRUE(is_date_format("[$-804]yyyy/m/d"));
  EXPECT_TRUE(is_date_format("h:mm:ss"));
  EXPECT_TRUE(is_date_format("[h]:mm"));
  EXPECT_FALSE(is_date_format("0.00"));
  EXPECT_FALSE(is_date_format("General"));
  EXPECT_FALSE(is_date_format("#,##0.00_);[Red](#,##0.00)"));
  EXPECT_FALSE(is_date_format("\"day\"0"));
  EXPECT_FALSE(is_date_format("0\\d"));
}

}  // namespace ql::xlsx
