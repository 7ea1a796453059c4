#pragma once
// Spreadsheet output of a list or report, as .xlsx (libxlsxwriter) and as CSV, from one table
// description, so every export looks the same: a bold, frozen header row with a filter, column
// widths that fit Chinese text, money as real numbers formatted "#,##0.00" (so Excel can sum
// them), dates as real dates, UTC times shown in Beijing time.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ql::xlsx {

enum class ColumnKind {
  text,      // string cells
  integer,   // int64 cells
  money,     // int64 fen cells, shown in yuan
  date,      // "YYYY-MM-DD" string cells (business dates)
  datetime,  // "YYYY-MM-DDTHH:MM:SSZ" string cells (UTC, as stored), shown in Asia/Shanghai
};

struct Column {
  std::string header;
  ColumnKind kind = ColumnKind::text;
};

// Empty, text, or a number (integer and money columns).
using Cell = std::variant<std::monostate, std::string, std::int64_t>;

struct Table {
  std::string sheet_name = "Sheet1";
  // Optional: a report's title line (village, report, range) above the header in .xlsx, merged
  // across the columns. CSV leaves it out so that the file stays one header plus data rows.
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each as many cells as columns
};

// Excel's row limit minus the header row.
inline constexpr std::size_t kMaxRows = 1'048'575;

// The table as .xlsx bytes. Throws ql::Error(bad_request, "export_too_large") above kMaxRows,
// std::invalid_argument for a row whose width differs from the columns (a programming error),
// and ql::Error(internal) when the temporary file cannot be written.
std::string to_xlsx(const Table& table);

// The table as CSV for Excel: UTF-8 with a BOM (else a Chinese Excel reads it as GBK), CRLF,
// RFC 4180 quoting. Text cells starting with = + - @ (or tab/CR) get a leading ' so that Excel
// does not run them as formulas; money and integer cells are numbers and are written as
// such, so "-12.30" stays a negative amount.
std::string to_csv(const Table& table);

// Display width of text in Excel column units: CJK and full-width characters count 2.
std::size_t display_width(std::string_view text);

// "2026-11-21T06:05:00Z" (UTC) to "2026-11-21 14:05:00" (Asia/Shanghai, UTC+8 all year);
// text that is not such a time is returned unchanged.
std::string utc_to_beijing(const std::string& utc);

}  // namespace ql::xlsx
