// Routes: /api/v1/oplog and /api/v1/loginlog.
#include "audit/operation_log.hpp"
#include "auth/session.hpp"
#include "http/api.hpp"
#include "http/input.hpp"

namespace ql::http {

void register_log_routes(Api& api) {
  api.route(Method::GET, "/api/v1/oplog", "system:oplog:read", [](Call& call) {
    auto page = parse_paging(call.req, {"at", "username", "action", "object_type"}, "-at");
    audit::OpLogFilter f;
    f.region = query_string(call.req, "region", 15);
    f.username = query_string(call.req, "username", 32);
    f.action = query_string(call.req, "action", 40);
    f.object_type = query_string(call.req, "object_type", 40);
    f.object_id = query_string(call.req, "object_id", 100);
    f.from = query_string(call.req, "from", 20);
    f.to = query_string(call.req, "to", 20);
    auto r = audit::list(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::GET, "/api/v1/loginlog", "system:loginlog:read", [](Call& call) {
    auto page = parse_paging(call.req, {"at", "username"}, "-at");
    auth::LoginLogFilter f;
    f.username = query_string(call.req, "username", 64);
    f.success = query_bool(call.req, "success");
    f.from = query_string(call.req, "from", 20);
    f.to = query_string(call.req, "to", 20);
    auto r = auth::list_login_log(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });
}

}  // namespace ql::http
