// Routes: /api/v1/users (accounts within the caller's data scope).
#include "auth/user.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/export.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

std::int64_t id_param(const Request& req) { return path_id(req, "id"); }

// Columns of the users list download (?format=xlsx|csv).
const std::vector<ExportColumn>& user_columns() {
  using K = xlsx::ColumnKind;
  static const std::vector<ExportColumn> columns = {
      {"username", "用户名", "Username"},
      {"display_name", "姓名", "Name"},
      {"role_name", "角色", "Role"},
      {"region_code", "区划代码", "Region code"},
      {"region_name", "所属区划", "Region"},
      {"data_scope", "数据范围", "Data scope"},
      {"phone", "电话", "Phone"},
      {"enabled", "状态", "Status", K::text,
       [](const nlohmann::json& u, bool en) {
         return u.value("enabled", false) ? (en ? "enabled" : "启用") : (en ? "disabled" : "停用");
       }},
      {"locked_until", "锁定至", "Locked until", K::datetime},
      {"created_at", "创建时间", "Created", K::datetime},
  };
  return columns;
}

}  // namespace

void register_user_routes(Api& api) {
  api.route(Method::GET, "/api/v1/users", "system:user:read", [](Call& call) {
    auto page = parse_paging(call.req, {"username", "display_name", "created_at"}, "username");
    auth::UserFilter f{query_string(call.req, "region", 15), query_string(call.req, "q", 60),
                       query_string(call.req, "role", 32), query_bool(call.req, "enabled")};
    if (const auto format = export_format(call.req); format != ExportFormat::json) {
      auto items = all_items(page, [&](const PageRequest& p) {
        return auth::list_users(call.db, call.actor(), f, p, call.english);
      });
      return export_response(format, export_table(items, user_columns(), call.english, call.english ? "Users" : "用户"),
                             "用户列表", "users", call.english);
    }
    auto r = auth::list_users(call.db, call.actor(), f, page, call.english);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::POST, "/api/v1/users", "system:user:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auth::NewUser u;
    u.username = in.required_string("username", 32);
    u.display_name = in.required_string("display_name", 30);
    u.password = in.required_string("password", 128);
    u.role_code = in.required_string("role", 32);
    u.region_code = in.required_string("region_code", 15);
    u.phone = in.optional_string("phone", 20);
    in.finish();
    return json_response(201, auth::to_json(auth::create_user(call.db, call.actor(), u), call.english));
  });

  api.route(Method::GET, "/api/v1/users/{id}", "system:user:read", [](Call& call) {
    return json_response(200, auth::to_json(auth::get_user(call.db, call.actor(), id_param(call.req)),
                                            call.english));
  });

  api.route(Method::PATCH, "/api/v1/users/{id}", "system:user:write", [](Call& call) {
    auto id = id_param(call.req);
    auto in = JsonInput::parse(call.req);
    auth::UserPatch p;
    p.display_name = in.optional_string("display_name", 30);
    p.role_code = in.optional_string("role", 32);
    p.region_code = in.optional_string("region_code", 15);
    p.phone = in.optional_string("phone", 20);
    p.enabled = in.optional_bool("enabled");
    in.finish();
    return json_response(200, auth::to_json(auth::update_user(call.db, call.actor(), id, p), call.english));
  });

  api.route(Method::POST, "/api/v1/users/{id}/password", "system:user:write", [](Call& call) {
    auto id = id_param(call.req);
    auto in = JsonInput::parse(call.req);
    auto password = in.required_string("password", 128);
    in.finish();
    auth::reset_password(call.db, call.actor(), id, password);
    return Response::no_content();
  });

  api.route(Method::POST, "/api/v1/users/{id}/unlock", "system:user:write", [](Call& call) {
    auth::unlock_user(call.db, call.actor(), id_param(call.req));
    return Response::no_content();
  });
}

}  // namespace ql::http
