#include "core/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace ql::xlsx {
namespace {

struct Civil {
  int year, month, day, hour, minute, second;
};

bool parse_utc(const std::string& s, Civil& out) {
  // Exactly YYYY-MM-DDTHH:MM:SSZ, as times are stored.
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(s.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                           day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
  if (!ymd.ok()) return false;
  const int h = std::stoi(s.substr(11, 2)), mi = std::stoi(s.substr(14, 2)), se = std::stoi(s.substr(17, 2));
  if (h > 23 || mi > 59 || se > 59) return false;
  // China has had no daylight saving time since 1991: Beijing time is UTC+8.
  const auto t = sys_days(ymd) + hours(h + 8) + minutes(mi) + seconds(se);
  const auto d = floor<days>(t);
  const year_month_day local{d};
  const hh_mm_ss hms{t - d};
  out = {static_cast<int>(local.year()), static_cast<int>(static_cast<unsigned>(local.month())),
         static_cast<int>(static_cast<unsigned>(local.day())), static_cast<int>(hms.hours().count()),
         static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count())};
  return true;
}

bool parse_date(const std::string& s, Civil& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
  using namespace std::chrono;
  out = {std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)), 0, 0, 0};
  return year_month_day{year{out.year}, month{static_cast<unsigned>(out.month)}, day{static_cast<unsigned>(out.day)}}.ok();
}

void check_shape(const Table& t) {
  if (t.rows.size() > kMaxRows)
    throw bad_request("export_too_large", "导出行数超过 Excel 上限 1048575 行,请缩小筛选范围",
                      "More rows than Excel allows (1048575); narrow the filter");
  for (const auto& row : t.rows)
    if (row.size() != t.columns.size()) throw std::invalid_argument("xlsx: row width differs from the columns");
}

// The text a cell shows, for widths and CSV.
std::string shown(const Cell& c, ColumnKind kind) {
  if (std::holds_alternative<std::monostate>(c)) return {};
  if (const auto* n = std::get_if<std::int64_t>(&c))
    return kind == ColumnKind::money ? money::format_yuan(*n) : std::to_string(*n);
  const auto& s = std::get<std::string>(c);
  if (kind == ColumnKind::datetime) return utc_to_beijing(s);
  return s;
}

std::string sheet_name_of(const std::string& name) {
  // Excel refuses []:*?/\ in sheet names and more than 31 characters.
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < 31;) {
    const auto c = static_cast<unsigned char>(name[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (std::string_view("[]:*?/\\").find(name[i]) == std::string_view::npos || len > 1)
      out.append(name, i, len);
    i += len;
    ++chars;
  }
  return out.empty() ? "Sheet1" : out;
}

struct TempFile {
  std::string path;
  TempFile() {
    auto tmpl = (std::filesystem::temp_directory_path() / "ql-export-XXXXXX.xlsx").string();
    const int fd = mkstemps(tmpl.data(), 5);
    if (fd < 0) throw Error(ErrorKind::internal, "export_failed", "无法创建临时文件", "cannot create a temporary file");
    ::close(fd);
    path = tmpl;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw Error(ErrorKind::internal, "export_failed", std::string("生成 Excel 失败:") + what + " " + lxw_strerror(e),
                std::string("writing the Excel file failed: ") + what + " " + lxw_strerror(e));
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++width;
      ++i;
      continue;
    }
    const std::size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    // Three- and four-byte UTF-8 covers CJK, full-width forms and emoji: all double width.
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
}

std::string utc_to_beijing(const std::string& utc) {
  Civil c{};
  if (!parse_utc(utc, c)) return utc;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

std::string to_xlsx(const Table& t) {
  check_shape(t);
  TempFile tmp;
  lxw_workbook_options options{};
  options.constant_memory = 1;  // rows are streamed to disk: an export's size is not bounded by RAM
  lxw_workbook* wb = workbook_new_opt(tmp.path.c_str(), &options);
  if (!wb) throw Error(ErrorKind::internal, "export_failed", "无法创建 Excel 文件", "cannot create the Excel file");
  bool closed = false;
  struct Closer {
    lxw_workbook* wb;
    bool& closed;
    ~Closer() {
      if (!closed) workbook_close(wb);
    }
  } closer{wb, closed};

  const auto sheet_name = sheet_name_of(t.sheet_name);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  if (!ws) throw Error(ErrorKind::internal, "export_failed", "无法创建工作表", "cannot add the worksheet");
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xE7E6E6);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* money_fmt = workbook_add_format(wb);
  format_set_num_format(money_fmt, "#,##0.00");
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy-mm-dd");
  lxw_format* datetime_fmt = workbook_add_format(wb);
  format_set_num_format(datetime_fmt, "yyyy-mm-dd hh:mm:ss");

  // Widths from the header and the widest shown value, within reason.
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    std::size_t w = display_width(t.columns[c].header) + 2;  // + the filter button
    for (const auto& row : t.rows) w = std::max(w, display_width(shown(row[c], t.columns[c].kind)));
    const double width = static_cast<double>(std::clamp<std::size_t>(w + 2, 8, 60));
    check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr), "column");
  }
  // With a title, it takes row 0 and the header moves to row 1.
  const lxw_row_t head = t.title.empty() ? 0 : 1;
  if (!t.title.empty()) {
    lxw_format* title_fmt = workbook_add_format(wb);
    format_set_bold(title_fmt);
    format_set_font_size(title_fmt, 14);
    format_set_align(title_fmt, LXW_ALIGN_CENTER);
    check(worksheet_set_row(ws, 0, 24, nullptr), "title");
    if (t.columns.size() > 1)
      check(worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(t.columns.size() - 1), t.title.c_str(),
                                  title_fmt),
            "title");
    else
      check(worksheet_write_string(ws, 0, 0, t.title.c_str(), title_fmt), "title");
  }
  worksheet_freeze_panes(ws, head + 1, 0);
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    check(worksheet_write_string(ws, head, static_cast<lxw_col_t>(c), t.columns[c].header.c_str(), header), "header");
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1 + head);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const Cell& cell = t.rows[r][c];
      const ColumnKind kind = t.columns[c].kind;
      if (std::holds_alternative<std::monostate>(cell)) continue;
      if (const auto* n = std::get_if<std::int64_t>(&cell)) {
        // Fen below 2^53 are exact as doubles, and /100 gives the nearest double to the yuan
        // amount, which Excel shows and sums correctly to the fen.
        if (kind == ColumnKind::money)
          check(worksheet_write_number(ws, row, col, static_cast<double>(*n) / 100.0, money_fmt), "money");
        else
          check(worksheet_write_number(ws, row, col, static_cast<double>(*n), nullptr), "number");
        continue;
      }
      const auto& s = std::get<std::string>(cell);
      Civil v{};
      if ((kind == ColumnKind::date && parse_date(s, v)) || (kind == ColumnKind::datetime && parse_utc(s, v))) {
        lxw_datetime dt{v.year, v.month, v.day, v.hour, v.minute, static_cast<double>(v.second)};
        check(worksheet_write_datetime(ws, row, col, &dt, kind == ColumnKind::date ? date_fmt : datetime_fmt),
              "date");
      } else {
        // Always a string, never a formula: text from users cannot run in Excel.
        check(worksheet_write_string(ws, row, col, s.c_str(), nullptr), "text");
      }
    }
  }
  if (!t.columns.empty())
    check(worksheet_autofilter(ws, head, 0, static_cast<lxw_row_t>(t.rows.size()) + head,
                               static_cast<lxw_col_t>(t.columns.size() - 1)),
          "filter");
  closed = true;
  check(workbook_close(wb), "close");

  std::ifstream in(tmp.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw Error(ErrorKind::internal, "export_failed", "无法读取生成的 Excel 文件", "cannot read the Excel file back");
  return std::move(bytes).str();
}

std::string to_csv(const Table& t) {
  check_shape(t);
  std::string out = "\xEF\xBB\xBF";
  auto text_cell = [&](std::string_view s) {
    // Formula injection: a leading = + - @ (or tab/CR, which Excel skips) would make Excel
    // evaluate user-supplied text; the apostrophe makes it plain text (OWASP's advice).
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
      out += csv::escape("'" + std::string(s));
    else
      out += csv::escape(s);
  };
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (c) out.push_back(',');
    text_cell(t.columns[c].header);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) out.push_back(',');
      const Cell& cell = row[c];
      if (const auto* n = std::get_if<std::int64_t>(&cell)) {
        // Numbers, not text: no quote prefix, no thousands separators (re-importable as is).
        out += t.columns[c].kind == ColumnKind::money ? money::format_plain(*n) : std::to_string(*n);
      } else if (const auto* s = std::get_if<std::string>(&cell)) {
        text_cell(t.columns[c].kind == ColumnKind::datetime ? utc_to_beijing(*s) : *s);
      }
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace ql::xlsx
