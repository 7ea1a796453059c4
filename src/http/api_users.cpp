// Routes: /api/v1/users (accounts within the caller's data scope).
#include "auth/user.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

std::int64_t id_param(const Request& req) { return path_id(req, "id"); }

}  // namespace

void register_user_routes(Api& api) {
  api.route(Method::GET, "/api/v1/users", "system:user:read", [](Call& call) {
    auto page = parse_paging(call.req, {"username", "display_name", "created_at"}, "username");
    auth::UserFilter f{query_string(call.req, "region", 15), query_string(call.req, "q", 60),
                       query_string(call.req, "role", 32), query_bool(call.req, "enabled")};
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
