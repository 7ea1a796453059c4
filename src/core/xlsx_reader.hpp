#pragma once
// Streaming reader for one worksheet of an .xlsx file (Office Open XML), enough for imports:
// shared and inline strings, numbers, booleans, dates (recognised from the cell's number
// format, including the built-in CJK date formats of a Chinese Excel), sparse rows and cells.
// Formulas give their cached value; merged cells, styles and other sheets are ignored.
//
// Hostile files are bounded: every ZIP part is inflated with a hard cap on its real (not
// declared) size, XML with a DOCTYPE is refused (no entity expansion), and rows/columns are
// limited to Excel's own maxima. Every failure is ql::Error(bad_request, "invalid_xlsx").
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ql::xlsx {

enum class CellType { string, number, boolean, date, error };

// One non-empty cell. `text` is valid only during the row callback:
//   string  the text (UTF-8)
//   number  the shortest decimal that reads back as the stored double, without exponent:
//           "1234.5", "0.30000000000000004", "-3"
//   boolean "TRUE" or "FALSE"
//   date    "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" (with a time of day) or "HH:MM:SS" (time
//           formats); the workbook's 1900/1904 date system and Excel's fictitious 1900-02-29
//           are accounted for
//   error   the Excel error, e.g. "#DIV/0!"
struct CellView {
  int column = 0;  // 0-based (A = 0)
  CellType type = CellType::string;
  std::string_view text;
};

// A row with at least one cell element; `number` is the row number Excel shows (1-based).
// Cells are in column order; absent columns are simply missing.
struct RowView {
  int number = 0;
  const std::vector<CellView>& cells;
};

struct ReadLimits {
  std::uint64_t max_part_bytes = 1ULL << 30;  // inflated size of any one XML part
  int max_rows = 1'048'576;                   // Excel's limits
  int max_columns = 16'384;
};

// Names of the worksheets, in workbook order.
std::vector<std::string> sheet_names(std::string_view xlsx_bytes);

// Streams the rows of the worksheet named `sheet` (empty: the first one) to on_row, in file
// order. Throws invalid_xlsx for a file that is not a readable workbook, naming what is wrong
// (not a ZIP, missing part, malformed XML with its line, sheet not found, limits exceeded).
void read_sheet(std::string_view xlsx_bytes, const std::string& sheet,
                const std::function<void(const RowView&)>& on_row, const ReadLimits& limits = {});

// Excel serial day number (1900 system unless date1904) to "YYYY-MM-DD[ HH:MM:SS]" (time_only:
// "HH:MM:SS"). Exposed for tests.
std::string serial_to_iso(double serial, bool date1904, bool time_only);

// Whether a custom number format code shows a date/time (contains y, d, or m without h/s,
// outside quotes, escapes and [..] sections) rather than a plain number. Exposed for tests.
bool is_date_format(std::string_view format_code);

}  // namespace ql::xlsx
