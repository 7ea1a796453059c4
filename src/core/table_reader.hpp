#pragma once
// One way to read an uploaded table, whatever the file: .xlsx (sniffed by its ZIP magic, not
// the file name) or CSV in UTF-8, GB18030/GBK or UTF-16. Columns are found by header name, so
// their order is free and extra columns are ignored; rows are numbered as Excel shows them,
// so "第 12 行" in an error is the row the accountant sees. Rows are streamed with reused
// buffers: no allocation per cell.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ql::table {

struct ColumnSpec {
  std::string name;                   // the canonical header, used in errors and lookups
  bool required = true;               // missing from the header row -> missing_column
  std::vector<std::string> aliases = {};  // other headers meaning the same column
};

enum class Format { csv, xlsx };

struct Options {
  std::string sheet;              // xlsx: worksheet name; empty = the first sheet
  std::size_t max_rows = 1'048'576;  // data rows; more is too_many_rows
};

// One data row. Cells are trimmed of surrounding whitespace (ASCII, no-break, ideographic);
// the views are valid only during the callback.
class Row {
 public:
  Row(int number, const std::vector<ColumnSpec>& specs, const std::vector<std::string_view>& cells)
      : number_(number), specs_(specs), cells_(cells) {}
  // 1-based row as Excel shows it (the header is usually row 1).
  int number() const { return number_; }
  // Cell of the i-th ColumnSpec; "" when blank or when an optional column is absent.
  std::string_view operator[](std::size_t i) const { return cells_[i]; }
  // Cell by canonical column name; std::logic_error for a name not among the specs.
  std::string_view get(std::string_view column) const;

 private:
  int number_;
  const std::vector<ColumnSpec>& specs_;
  const std::vector<std::string_view>& cells_;
};

struct Summary {
  Format format = Format::csv;
  std::string encoding;            // "xlsx", "UTF-8", "GB18030", ...
  int header_row = 0;              // where the header was found
  std::vector<bool> present;       // per spec: whether the file has the column
  std::size_t rows = 0;            // data rows delivered (blank rows skipped)
};

// Sniffs, decodes and reads `bytes`: the first non-blank row is the header; each later row
// with any non-blank mapped cell goes to on_row. Header names match specs and aliases after
// trimming spaces, a BOM and a trailing '*' (templates mark required columns so); ASCII case
// is ignored. Throws ql::Error(bad_request): empty_file, missing_column (naming every missing
// one, field = the first), duplicate_column, too_many_rows, and the decoders' invalid_xlsx /
// invalid_encoding / malformed_csv. Exceptions from on_row propagate.
Summary read(std::string bytes, const std::vector<ColumnSpec>& specs,
             const std::function<void(const Row&)>& on_row, const Options& options = {});

// Whether bytes look like an .xlsx (ZIP) rather than text.
Format sniff(std::string_view bytes);

// Collects every problem of an import, so the user can fix the file in one pass, but keeps at
// most `cap` of them (a wrong file can have a million bad rows); count() is the true total.
class Problems {
 public:
  explicit Problems(std::size_t cap = 200) : cap_(cap) {}
  void add(int row, std::string column, std::string code, std::string message_zh, std::string message_en);
  bool empty() const { return count_ == 0; }
  std::size_t count() const { return count_; }
  // True once `cap` problems are kept: callers may stop reading.
  bool full() const { return list_.size() >= cap_; }
  const std::vector<RowProblem>& list() const { return list_; }
  // Throws bad_request(code) listing the kept problems, saying how many there are in all and
  // that nothing was written; does nothing when there are none.
  void throw_if_any(const std::string& code = "invalid_rows") const;

 private:
  std::size_t cap_, count_ = 0;
  std::vector<RowProblem> list_;
};

// Surrounding ASCII whitespace, U+00A0, U+3000 and U+FEFF removed.
std::string_view trim(std::string_view s);

}  // namespace ql::table
