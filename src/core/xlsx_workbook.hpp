#pragma once
// A workbook of several sheets (one per report section, e.g. the term audit), laid out as
// xlsx_writer's single-sheet exports are: bold frozen header, money as "#,##0.00" numbers,
// dates as dates, UTC times in Beijing time, strings never formulas.
#include <string>
#include <vector>

#include "core/xlsx_writer.hpp"

namespace ql::xlsx {

// The sheets as .xlsx bytes, in order; sheet names are cleaned and made unique. Throws as
// to_xlsx does (export_too_large, internal).
std::string to_xlsx_workbook(const std::vector<Table>& sheets);

}  // namespace ql::xlsx
