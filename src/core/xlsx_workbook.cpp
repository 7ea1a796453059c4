#include "core/xlsx_workbook.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "core/money.hpp"

namespace ql::xlsx {
namespace {

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw Error(ErrorKind::internal, "export_failed", std::string("生成 Excel 失败:") + what + " " + lxw_strerror(e),
                std::string("writing the Excel file failed: ") + what + " " + lxw_strerror(e));
}

// Excel refuses []:*?/\ and more than 31 characters; duplicates get " 2", " 3".
std::string sheet_name(const std::string& name, std::set<std::string>& used) {
  std::string base;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < 28;) {
    const auto c = static_cast<unsigned char>(name[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > 1 || std::string_view("[]:*?/\\").find(name[i]) == std::string_view::npos) base.append(name, i, len);
    i += len;
    ++chars;
  }
  if (base.empty()) base = "Sheet";
  std::string out = base;
  for (int n = 2; used.count(out); ++n) out = base + " " + std::to_string(n);
  used.insert(out);
  return out;
}

bool ymd(const std::string& s, lxw_datetime& dt) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
  dt = {std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)), 0, 0, 0.0};
  return true;
}

}  // namespace

std::string to_xlsx_workbook(const std::vector<Table>& sheets) {
  for (const auto& t : sheets) {
    if (t.rows.size() > kMaxRows)
      throw bad_request("export_too_large", "导出行数超过 Excel 上限 1048575 行,请缩小范围",
                        "More rows than Excel allows (1048575); narrow the range");
    for (const auto& row : t.rows)
      if (row.size() != t.columns.size()) throw std::invalid_argument("xlsx: row width differs from the columns");
  }
  auto path = (std::filesystem::temp_directory_path() / "ql-workbook-XXXXXX.xlsx").string();
  const int fd = mkstemps(path.data(), 5);
  if (fd < 0) throw Error(ErrorKind::internal, "export_failed", "无法创建临时文件", "cannot create a temporary file");
  ::close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw Error(ErrorKind::internal, "export_failed", "无法创建 Excel 文件", "cannot create the Excel file");
  bool closed = false;
  struct Closer {
    lxw_workbook* wb;
    bool& closed;
    ~Closer() {
      if (!closed) workbook_close(wb);
    }
  } closer{wb, closed};
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xE7E6E6);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* money_fmt = workbook_add_format(wb);
  format_set_num_format(money_fmt, "#,##0.00");
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy-mm-dd");

  std::set<std::string> used;
  for (const auto& t : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(t.sheet_name, used).c_str());
    if (!ws) throw Error(ErrorKind::internal, "export_failed", "无法创建工作表", "cannot add the worksheet");
    const lxw_row_t head = t.title.empty() ? 0 : 1;
    if (!t.title.empty()) check(worksheet_write_string(ws, 0, 0, t.title.c_str(), header), "title");
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      std::size_t w = display_width(t.columns[c].header) + 2;
      for (const auto& row : t.rows)
        if (const auto* s = std::get_if<std::string>(&row[c])) w = std::max(w, display_width(*s));
        else if (const auto* n = std::get_if<std::int64_t>(&row[c])) w = std::max(w, money::format_yuan(*n).size());
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 static_cast<double>(std::clamp<std::size_t>(w + 2, 8, 60)), nullptr),
            "column");
      check(worksheet_write_string(ws, head, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), header), "header");
    }
    worksheet_freeze_panes(ws, head + 1, 0);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1 + head);
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const Cell& cell = t.rows[r][c];
        const ColumnKind kind = t.columns[c].kind;
        if (std::holds_alternative<std::monostate>(cell)) continue;
        if (const auto* n = std::get_if<std::int64_t>(&cell)) {
          check(worksheet_write_number(ws, row, col, kind == ColumnKind::money ? static_cast<double>(*n) / 100.0
                                                                               : static_cast<double>(*n),
                                       kind == ColumnKind::money ? money_fmt : nullptr),
                "number");
          continue;
        }
        const auto& s = std::get<std::string>(cell);
        lxw_datetime dt{};
        if (kind == ColumnKind::date && ymd(s, dt))
          check(worksheet_write_datetime(ws, row, col, &dt, date_fmt), "date");
        else
          check(worksheet_write_string(ws, row, col, (kind == ColumnKind::datetime ? utc_to_beijing(s) : s).c_str(),
                                       nullptr),
                "text");
      }
    }
  }
  closed = true;
  check(workbook_close(wb), "close");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw Error(ErrorKind::internal, "export_failed", "无法读取生成的 Excel 文件", "cannot read the Excel file back");
  return std::move(bytes).str();
}

}  // namespace ql::xlsx
