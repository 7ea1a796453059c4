#include "http/import_response.hpp"

#include "core/error.hpp"
#include "core/xlsx_writer.hpp"
#include "http/export.hpp"
#include "http/input.hpp"

namespace ql::http {

Response template_download(const Request& req, const import_template::Template& t, const std::string& en_name,
                           bool english) {
  auto format = query_string(req, "format", 20).value_or("xlsx");
  if (format != "xlsx" && format != "csv")
    throw bad_request("invalid_query", "format 须为 xlsx 或 csv", "Query parameter 'format' must be xlsx or csv", "format");
  Response r;
  r.status = 200;
  r.body = format == "xlsx" ? xlsx::to_xlsx(t.table) : xlsx::to_csv(t.table);
  r.headers["Content-Type"] = format == "xlsx" ? std::string(kXlsxMediaType) : std::string(kCsvMediaType) + "; charset=utf-8";
  r.headers["Content-Disposition"] =
      content_disposition((english ? en_name : t.file_name) + "." + format, en_name + "." + format);
  return r;
}

Response import_answer(nlohmann::json out, ledger::ImportTable table, bool dry_run, bool english) {
  if (!dry_run) return json_response(201, out);
  for (auto& p : out["problems"]) {
    p["message"] = english ? p["message_en"] : p["message_zh"];
    p.erase("message_zh");
    p.erase("message_en");
  }
  auto& columns = out["columns"] = nlohmann::json::array();
  for (const auto& c : ledger::preview_columns(table)) {
    nlohmann::json column = {{"key", c.key}, {"header", c.header}, {"label", english ? c.label_en : c.header}, {"kind", c.kind}};
    if (!c.values.empty()) {
      auto& values = column["values"] = nlohmann::json::object();
      for (const auto& v : c.values) values[v.code] = english ? v.label_en : v.label_zh;
    }
    columns.push_back(std::move(column));
  }
  return json_response(200, out);
}

std::string required_region_query(const Request& req) {
  auto region = query_string(req, "region", 15);
  if (!region)
    throw bad_request("invalid_query", "缺少查询参数 region(村或社区代码)",
                      "Query parameter 'region' (a village's code) is required", "region");
  return *region;
}

void require_file(const Request& req) {
  if (req.body.empty()) throw bad_request("empty_file", "请上传文件", "The body must be the file", "file");
}

}  // namespace ql::http
