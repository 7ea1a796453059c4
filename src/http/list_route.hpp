#pragma once
// The handler side of a paged list route that also downloads (?format=xlsx|csv): one function
// answers both, so every list's download has exactly the filters, sort and data scope of its
// JSON page. The spec side is http/openapi_list.hpp (exported_list). Also the small pieces the
// lists' export columns share: codes shown as labels, areas in thousandths as decimals.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/paging.hpp"
#include "http/export.hpp"
#include "http/message.hpp"

namespace ql::http {

// What a list gives as a spreadsheet.
struct ListExport {
  const std::vector<ExportColumn>& columns;
  std::string sheet_zh, sheet_en;  // the worksheet's name
  std::string file_zh, file_en;    // the file's name before "-YYYYMMDD.<ext>"
};

// With ?format=xlsx|csv every row fetch finds (all_items: at most kMaxExportRows, in page's
// sort) as `download`'s spreadsheet in the caller's language; otherwise the JSON page
// {"items","total","page","size"} of fetch(page). fetch returns the domain's {"items","total"}.
// A bad format is 400 invalid_query naming format.
Response list_or_export(const Request& req, bool english, const PageRequest& page,
                        const std::function<nlohmann::json(const PageRequest&)>& fetch, const ListExport& download);

// Codes and their labels in zh-CN and English, e.g. {"lease", {"出租", "lease"}}.
using CodeLabels = std::map<std::string, std::pair<std::string, std::string>>;

// item[key] (a string; absent is "") as its label in the language asked, or as it is when
// labels do not know it.
std::string code_label(const nlohmann::json& item, const std::string& key, bool english, const CodeLabels& labels);

// An ExportColumn::label showing item[key] through code_label. labels must outlive the column
// (they are namespace-scope constants).
std::function<std::string(const nlohmann::json&, bool)> labelled(std::string key, const CodeLabels& labels);

// Thousandths of a unit (areas) as the shortest decimal: 12500 → "12.5", 1 → "0.001"; null → "".
std::string milli_text(const nlohmann::json& milli);

}  // namespace ql::http
