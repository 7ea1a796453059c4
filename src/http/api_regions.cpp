// Routes: /api/v1/regions (the region tree within the caller's data scope).
#include <map>

#include "admin/region_admin.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

region::Level level_value(const std::string& v, const std::string& field) {
  auto l = region::parse_level(v);
  if (!l) throw invalid_field(field, "须为 city、district、street、community 或 grid",
                              "must be city, district, street, community or grid");
  return *l;
}

// Columns of the regions list download (?format=xlsx|csv).
const std::vector<ExportColumn>& region_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> columns = {
      {"code", "区划代码", "Code"},
      {"name", "名称", "Name"},
      {"level", "层级", "Level", K::text,
       [](const nlohmann::json& r, bool en) -> std::string {
         const auto level = r.value("level", "");
         if (en) return level;
         static const std::map<std::string, std::string> zh = {
             {"city", "市"}, {"district", "区县"}, {"street", "街道"}, {"community", "社区"}, {"grid", "网格"}};
         auto it = zh.find(level);
         return it == zh.end() ? level : it->second;
       }},
      {"parent_code", "上级代码", "Parent code"},
      {"sort", "排序", "Sort", K::integer},
      {"created_at", "创建时间", "Created", K::datetime},
  };
  return columns;
}

}  // namespace

void register_region_routes(Api& api) {
  api.route(Method::GET, "/api/v1/regions/tree", "system:region:read", [](Call& call) {
    return json_response(200, admin::region_tree(call.db, call.actor()));
  });

  api.route(Method::GET, "/api/v1/regions", "system:region:read", [](Call& call) {
    auto page = parse_paging(call.req, {"code", "name", "level"}, "code");
    admin::RegionFilter f;
    f.region = query_string(call.req, "region", 15);
    if (auto l = query_string(call.req, "level", 20)) f.level = level_value(*l, "level");
    f.q = query_string(call.req, "q", 60);
    if (const auto format = export_format(call.req); format != ExportFormat::json) {
      auto items = all_items(page, [&](const PageRequest& p) { return admin::list_regions(call.db, call.actor(), f, p); });
      return export_response(format, export_table(items, region_columns(), call.english, call.english ? "Regions" : "区划"),
                             "区划列表", "regions", call.english);
    }
    auto r = admin::list_regions(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::GET, "/api/v1/regions/{code}", "system:region:read", [](Call& call) {
    return json_response(200, region::to_json(admin::get_region(call.db, call.actor(),
                                                                call.req.path_param("code"))));
  });

  api.route(Method::POST, "/api/v1/regions", "system:region:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    admin::NewRegion r;
    r.code = in.required_string("code", 15);
    r.name = in.required_string("name", 50);
    r.level = level_value(in.required_string("level", 20), "level");
    r.parent_code = in.optional_string("parent_code", 15);
    r.sort = static_cast<int>(in.optional_int("sort", 0, 1'000'000).value_or(0));
    in.finish();
    return json_response(201, region::to_json(admin::create_region(call.db, call.actor(), r)));
  });

  api.route(Method::PATCH, "/api/v1/regions/{code}", "system:region:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto name = in.optional_string("name", 50);
    auto sort = in.optional_int("sort", 0, 1'000'000);
    in.finish();
    std::optional<int> sort_int;
    if (sort) sort_int = static_cast<int>(*sort);
    return json_response(200, region::to_json(admin::update_region(
                                  call.db, call.actor(), call.req.path_param("code"), name, sort_int)));
  });

  // The CSV of `qinglian region import`, uploaded from the admin screen. All or nothing: a 400
  // lists every bad row in error.problems.
  api.route(Method::POST, "/api/v1/regions/import", "system:region:write", [](Call& call) {
    auto type = call.req.header("Content-Type").value_or("");
    if (!type.starts_with("text/csv"))
      throw Error(ErrorKind::unsupported_media, "unsupported_media_type", "请上传 CSV 文件(text/csv)",
                  "Upload a CSV file (text/csv)");
    auto summary = admin::import_regions_csv(call.db, call.actor(), call.req.body);
    return json_response(200, {{"inserted", summary.inserted}, {"updated", summary.updated}});
  });

  api.route(Method::DELETE, "/api/v1/regions/{code}", "system:region:write", [](Call& call) {
    admin::delete_region(call.db, call.actor(), call.req.path_param("code"));
    return Response::no_content();
  });
}

}  // namespace ql::http
