#include "http/list_route.hpp"

#include "http/input.hpp"

namespace ql::http {

Response list_or_export(const Request& req, bool english, const PageRequest& page,
                        const std::function<nlohmann::json(const PageRequest&)>& fetch, const ListExport& download) {
  if (const auto format = export_format(req); format != ExportFormat::json) {
    const auto items = all_items(page, fetch);
    return export_response(format,
                           export_table(items, download.columns, english, english ? download.sheet_en : download.sheet_zh),
                           download.file_zh, download.file_en, english);
  }
  auto r = fetch(page);
  return json_response(200, page_json(std::move(r["items"]), r["total"], page));
}

std::string code_label(const nlohmann::json& item, const std::string& key, bool english, const CodeLabels& labels) {
  const auto v = item.value(key, std::string());
  const auto it = labels.find(v);
  return it == labels.end() ? v : (english ? it->second.second : it->second.first);
}

std::function<std::string(const nlohmann::json&, bool)> labelled(std::string key, const CodeLabels& labels) {
  return [key = std::move(key), &labels](const nlohmann::json& item, bool english) {
    return code_label(item, key, english, labels);
  };
}

std::string milli_text(const nlohmann::json& milli) {
  if (milli.is_null()) return "";
  const auto m = milli.get<std::int64_t>();
  auto s = std::to_string(m / 1000);
  if (m % 1000) {
    auto frac = std::to_string(1000 + m % 1000).substr(1);
    while (frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s;
}

}  // namespace ql::http
