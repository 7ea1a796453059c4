#pragma once
// The funds ledger's reports (ledger/report.hpp) as spreadsheets for ?format=xlsx|csv: each
// report's JSON turned into one table whose title line names the village, the report and its
// range (xlsx only), money in yuan as numbers ("#,##0.00"), opening/total/closing rows in the
// places a paper book has them. The figures are the JSON's, never recomputed here.
#include <string>

#include <nlohmann/json.hpp>

#include "core/xlsx_writer.hpp"

namespace ql::http {

enum class LedgerReport { balances, journal, detail, general, income, balance_sheet, comparison };

struct ReportFile {
  xlsx::Table table;
  std::string name_zh, name_en;  // the download's file name without date and extension
};

// The report as a table; region_name heads the title (the village's name; its code when empty).
ReportFile ledger_report_file(LedgerReport kind, const nlohmann::json& report, const std::string& region_name,
                              bool english);

}  // namespace ql::http
