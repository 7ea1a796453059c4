// Routes: /api/v1/roles and /api/v1/permissions.
#include "admin/role_admin.hpp"
#include "auth/permission.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

auth::DataScope scope_field(const std::string& v) {
  auto s = auth::parse_data_scope(v);
  if (!s) throw invalid_field("data_scope", "须为 all、region_and_below、region 或 own",
                              "must be all, region_and_below, region or own");
  return *s;
}

}  // namespace

void register_role_routes(Api& api) {
  api.route(Method::GET, "/api/v1/roles", "system:role:read", [](Call& call) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : admin::list_roles(call.db, call.actor())) out.push_back(auth::to_json(r));
    return json_response(200, out);
  });

  api.route(Method::POST, "/api/v1/roles", "system:role:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auth::Role r;
    r.code = in.required_string("code", 32);
    r.name_zh = in.required_string("name_zh", 30);
    r.name_en = in.required_string("name_en", 60);
    r.data_scope = scope_field(in.required_string("data_scope", 20));
    r.permissions = in.string_array("permissions", 200, 64);
    in.finish();
    return json_response(201, auth::to_json(admin::create_role(call.db, call.actor(), r)));
  });

  api.route(Method::PATCH, "/api/v1/roles/{code}", "system:role:write", [](Call& call) {
    auto in = JsonInput::parse(call.req);
    admin::RolePatch p;
    p.name_zh = in.optional_string("name_zh", 30);
    p.name_en = in.optional_string("name_en", 60);
    if (auto s = in.optional_string("data_scope", 20)) p.data_scope = scope_field(*s);
    if (in.has("permissions")) p.permissions = in.string_array("permissions", 200, 64);
    in.finish();
    return json_response(200, auth::to_json(admin::update_role(call.db, call.actor(),
                                                               call.req.path_param("code"), p)));
  });

  api.route(Method::GET, "/api/v1/permissions", Api::kLoggedIn, [](Call&) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : auth::all_permissions())
      out.push_back({{"code", p.code}, {"name_zh", p.name_zh}, {"name_en", p.name_en}});
    return json_response(200, out);
  });
}

}  // namespace ql::http
