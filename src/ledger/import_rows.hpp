#pragma once
// Pieces every table importer of the ledger shares (assets, contracts, vouchers, accounts):
// reading typed cells into row problems, and turning the collected problems into either a
// dry-run preview or one all-or-nothing rejection. One shape for every import, so the web
// import dialog and the CLI handle them all alike (docs/IMPORT.md).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace ql::ledger::import_rows {

// A date cell as text: "YYYY-MM-DD", an xlsx date with a time of day ("YYYY-MM-DD HH:MM:SS",
// cut to the date) or "YYYY/MM/DD" (slashes become dashes). Not validated.
std::string date_cell(std::string_view v);

// Reads cells of one file, collecting every problem (row as Excel shows it, column header).
struct Reader {
  std::vector<RowProblem> problems;
  nlohmann::json rows = nlohmann::json::array();  // the preview: the first kPreviewRows parsed rows

  static constexpr std::size_t kPreviewRows = 1000;

  // Yuan as money::parse_yuan reads it, in fen; 0 with a problem when invalid or (unless
  // allow_negative) negative; an empty cell is 0 and a problem only when required.
  std::int64_t money(int row, const std::string& column, std::string_view cell, bool required,
                     bool allow_negative = false);
  // The cell, with a problem when it is empty.
  std::string required(int row, const std::string& column, std::string_view cell);
  // A date cell (date_cell) that must be a valid date; returned even when invalid.
  std::string date(int row, const std::string& column, std::string_view cell);
  // A value from labels (zh, en or code); "" stays "" (the default applies).
  std::string label(int row, const std::string& column, std::string_view cell,
                    const std::map<std::string, std::string>& labels);
  // Keeps a parsed row for the preview (only the first kPreviewRows).
  void keep(nlohmann::json row) {
    if (rows.size() < kPreviewRows) rows.push_back(std::move(row));
  }
};

// The row problems of a bulk path's import_rejected; any other error (a whole-file refusal
// such as a region that is no village) is rethrown.
std::vector<RowProblem> problems_of(const Error& e);

// Sorts problems by row (stable: a row's problems keep their column order).
void sort_by_row(std::vector<RowProblem>& problems);

// dry_run: {"dry_run":true,"valid","total_rows","rows","problems":[{"row","column","message_zh",
// "message_en"}]}. Otherwise throws 400 import_rejected listing the problems (field "file") when
// there are any, and returns null when there are none (the caller commits).
nlohmann::json outcome(std::vector<RowProblem> problems, nlohmann::json rows, std::size_t total_rows, bool dry_run);

}  // namespace ql::ledger::import_rows
