#include "http/export.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

xlsx::Cell cell_of(const nlohmann::json& item, const ExportColumn& col, bool english) {
  if (col.label) {
    auto s = col.label(item, english);
    if (s.empty()) return {};
    return s;
  }
  const auto it = item.find(col.key);
  if (it == item.end() || it->is_null()) return {};
  if (col.kind == xlsx::ColumnKind::integer || col.kind == xlsx::ColumnKind::money) {
    if (it->is_number_integer()) return it->get<std::int64_t>();
    return {};
  }
  if (it->is_boolean()) return std::string(it->get<bool>() ? (english ? "yes" : "是") : (english ? "no" : "否"));
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

}  // namespace

ExportFormat export_format(const Request& req) {
  // Any other value, however long, gets the same answer listing the allowed ones.
  const auto v = req.query_param("format");
  if (!v || v->empty() || *v == "json") return ExportFormat::json;
  if (*v == "xlsx") return ExportFormat::xlsx;
  if (*v == "csv") return ExportFormat::csv;
  throw Error(ErrorKind::bad_request, "invalid_query", "参数 format 须为 json、xlsx 或 csv",
              "Parameter format must be json, xlsx or csv", "format");
}

nlohmann::json all_items(const PageRequest& page, const std::function<nlohmann::json(const PageRequest&)>& fetch) {
  PageRequest all = page;
  all.page = 1;
  all.size = static_cast<int>(kMaxExportRows) + 1;
  auto r = fetch(all);
  auto items = std::move(r["items"]);
  if (items.size() > kMaxExportRows)
    throw bad_request("export_too_large",
                      "符合条件的记录超过 " + std::to_string(kMaxExportRows) + " 条,请缩小筛选范围后再导出",
                      "More than " + std::to_string(kMaxExportRows) + " rows match; narrow the filter to export");
  return items;
}

xlsx::Table export_table(const nlohmann::json& items, const std::vector<ExportColumn>& columns, bool english,
                         const std::string& sheet_name) {
  xlsx::Table t;
  t.sheet_name = sheet_name;
  for (const auto& c : columns) t.columns.push_back({english ? c.header_en : c.header_zh, c.kind});
  t.rows.reserve(items.size());
  for (const auto& item : items) {
    std::vector<xlsx::Cell> row;
    row.reserve(columns.size());
    for (const auto& c : columns) row.push_back(cell_of(item, c, english));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string content_disposition(std::string_view filename, std::string_view ascii_fallback) {
  // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
  static const char* hex = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : filename) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(hex[c >> 4]);
      encoded.push_back(hex[c & 15]);
    }
  }
  std::string fallback;
  for (char c : ascii_fallback)
    fallback.push_back((c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? c : '_');
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

Response export_response(ExportFormat format, const xlsx::Table& table, const std::string& name_zh,
                         const std::string& name_en, bool english) {
  std::string day = business_date(now());
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  const std::string ext = format == ExportFormat::xlsx ? ".xlsx" : ".csv";
  Response r;
  r.status = 200;
  if (format == ExportFormat::xlsx) {
    r.body = xlsx::to_xlsx(table);
    r.headers["Content-Type"] = kXlsxMediaType;
  } else {
    r.body = xlsx::to_csv(table);
    r.headers["Content-Type"] = std::string(kCsvMediaType) + "; charset=utf-8";
  }
  r.headers["Content-Disposition"] =
      content_disposition((english ? name_en : name_zh) + "-" + day + ext, name_en + "-" + day + ext);
  return r;
}

}  // namespace ql::http
