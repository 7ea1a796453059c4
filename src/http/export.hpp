#pragma once
// `?format=xlsx|csv` for list and report endpoints: the same filters and sort as the JSON
// list, every matching row instead of one page, as a download named in Chinese (RFC 6266 /
// RFC 5987 filename*) with an ASCII fallback for old clients. Handlers describe the columns;
// the file layout (bold frozen header, money as numbers, Beijing times) is xlsx_writer's.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/paging.hpp"
#include "core/xlsx_writer.hpp"
#include "http/message.hpp"

namespace ql::http {

enum class ExportFormat { json, xlsx, csv };

// Most rows one export carries; more is 400 export_too_large (narrow the filter).
inline constexpr std::size_t kMaxExportRows = 100'000;

// The ?format= parameter: absent, empty or "json" is the JSON page; "xlsx" or "csv" a file;
// anything else is 400 invalid_query naming "format".
ExportFormat export_format(const Request& req);

struct ExportColumn {
  std::string key;  // the item's field
  std::string header_zh, header_en;
  xlsx::ColumnKind kind = xlsx::ColumnKind::text;
  // Optional: the shown text for the item (labels for codes, 是/否 for booleans). Without it
  // strings are shown as they are, numbers as numbers, booleans as 是/否 (yes/no), null blank.
  std::function<std::string(const nlohmann::json& item, bool english)> label = {};
};

// Every item of a list: fetch is called once with page 1 and a size of kMaxExportRows + 1
// (one consistent query, not page after page while rows change), keeping the sort of `page`.
// Throws 400 export_too_large when more rows match than kMaxExportRows.
nlohmann::json all_items(const PageRequest& page, const std::function<nlohmann::json(const PageRequest&)>& fetch);

// The items as a table of the given columns.
xlsx::Table export_table(const nlohmann::json& items, const std::vector<ExportColumn>& columns, bool english,
                         const std::string& sheet_name);

// A 200 download of the table: .xlsx (application/vnd.openxmlformats-officedocument.
// spreadsheetml.sheet) or CSV (text/csv; charset=utf-8, with a BOM). The file is named
// "<name>-<YYYYMMDD>.<ext>" after today's business date, name_zh or name_en by language.
Response export_response(ExportFormat format, const xlsx::Table& table, const std::string& name_zh,
                         const std::string& name_en, bool english);

// Content-Disposition for a download: attachment; filename="<ascii_fallback>";
// filename*=UTF-8''<percent-encoded filename>.
std::string content_disposition(std::string_view filename, std::string_view ascii_fallback);

inline constexpr const char* kXlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kCsvMediaType = "text/csv";

}  // namespace ql::http
