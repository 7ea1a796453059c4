#include "http/openapi_spec.hpp"

#include <algorithm>
#include <stdexcept>

#include "auth/permission.hpp"
#include "auth/role.hpp"
#include "disclosure/attachment.hpp"
#include "http/input.hpp"
#include "region/region.hpp"

namespace ql::http::openapi {

// ---- Schema builders -------------------------------------------------------------------------

Json ref(std::string_view component) { return {{"$ref", "#/components/schemas/" + std::string(component)}}; }

Json text() { return {{"type", "string"}}; }

Json text(std::size_t max_len, std::size_t min_len) {
  Json s = {{"type", "string"}, {"maxLength", max_len}};
  if (min_len > 0) s["minLength"] = min_len;
  return s;
}

Json date_time() { return {{"type", "string"}, {"format", "date-time"}}; }

Json integer(std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
  Json s = {{"type", "integer"}};
  if (min) s["minimum"] = *min;
  if (max) s["maximum"] = *max;
  return s;
}

Json boolean() { return {{"type", "boolean"}}; }

Json one_of(std::vector<std::string> values) { return {{"type", "string"}, {"enum", std::move(values)}}; }

Json array_of(Json items, std::optional<std::size_t> max_items) {
  Json s = {{"type", "array"}, {"items", std::move(items)}};
  if (max_items) s["maxItems"] = *max_items;
  return s;
}

Json nullable(Json schema) {
  if (schema.contains("$ref")) throw std::logic_error("openapi: nullable $ref is ignored by OpenAPI 3.0");
  schema["nullable"] = true;
  return schema;
}

Json free_object() { return {{"type", "object"}}; }

Json object(Properties properties, std::vector<std::string> required) {
  Json props = Json::object();
  for (auto& [name, schema] : properties) props[name] = std::move(schema);
  for (const auto& name : required)
    if (!props.contains(name))
      throw std::logic_error("openapi: required property " + name + " is not defined");
  Json s = {{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = std::move(required);
  return s;
}

Json record(Properties properties) {
  std::vector<std::string> required;
  for (const auto& p : properties) required.push_back(p.first);
  return object(std::move(properties), std::move(required));
}

Json described(Json schema, std::string description) {
  schema["description"] = std::move(description);
  return schema;
}

// ---- Operation ------------------------------------------------------------------------------

namespace {

// Mirror parse_paging (http/input.cpp), whose limits are private to it; the OpenApi
// integration test probes both bounds, so a drift between the two fails it.
constexpr std::int64_t kMaxPage = 10'000'000;
constexpr std::int64_t kMaxPageSize = 200;
constexpr std::int64_t kDefaultPageSize = 20;

constexpr const char* kJson = "application/json";

Json error_content() { return {{kJson, {{"schema", ref("Error")}}}}; }

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

Operation::Operation(Method method, std::string path, std::string id, std::string summary, std::string tag)
    : method_(method),
      path_(std::move(path)),
      id_(std::move(id)),
      summary_(std::move(summary)),
      tag_(std::move(tag)) {
  // Every capture is a required path parameter; Router guarantees well-formed "{name}" segments.
  for (std::size_t open = path_.find('{'); open != std::string::npos; open = path_.find('{', open + 1)) {
    const auto close = path_.find('}', open);
    if (close == std::string::npos) throw std::logic_error("openapi: bad path " + path_);
    path_params_.push_back({{"name", path_.substr(open + 1, close - open - 1)},
                            {"in", "path"},
                            {"required", true},
                            {"schema", text()}});
  }
}

Operation& Operation::open() {
  access_ = Access::open;
  permission_.clear();
  return *this;
}

Operation& Operation::logged_in() {
  access_ = Access::logged_in;
  permission_.clear();
  return *this;
}

Operation& Operation::permission(std::string code) {
  access_ = Access::permission;
  permission_ = std::move(code);
  return *this;
}

Operation& Operation::describe(std::string description) {
  description_ = std::move(description);
  return *this;
}

Operation& Operation::path_param(const std::string& name, Json schema, std::string description) {
  auto it = std::find_if(path_params_.begin(), path_params_.end(),
                         [&](const Json& p) { return p["name"] == name; });
  if (it == path_params_.end()) throw std::logic_error("openapi: " + path_ + " has no {" + name + "}");
  (*it)["schema"] = std::move(schema);
  (*it)["description"] = std::move(description);
  return *this;
}

Operation& Operation::query(std::string name, Json schema, std::string description) {
  query_params_.push_back({{"name", std::move(name)},
                           {"in", "query"},
                           {"required", false},
                           {"schema", std::move(schema)},
                           {"description", std::move(description)}});
  // Every query reader (query_string/int/bool, parse_paging) rejects a bad value with a 400.
  validated_query_ = true;
  return *this;
}

Operation& Operation::paging(const std::vector<std::string>& sortable, const std::string& default_sort) {
  std::vector<std::string> sorts;
  for (const auto& field : sortable) {
    sorts.push_back(field);
    sorts.push_back("-" + field);
  }
  auto page = integer(1, kMaxPage);
  page["default"] = 1;
  auto size = integer(1, kMaxPageSize);
  size["default"] = kDefaultPageSize;
  auto sort = one_of(std::move(sorts));
  sort["default"] = default_sort;
  query("page", std::move(page), "1-based page number");
  query("size", std::move(size), "items per page");
  return query("sort", std::move(sort), "sort field; a leading '-' sorts descending");
}

Operation& Operation::json_body(Json schema) {
  body_ = {kJson, std::move(schema)};
  json_body_ = true;
  return *this;
}

Operation& Operation::raw_body(std::string media_type, std::string description) {
  body_ = {std::move(media_type), described(text(), std::move(description))};
  json_body_ = false;
  return *this;
}

Operation::Response& Operation::success(int status, std::string description) {
  if (status < 200 || status > 299)
    throw std::logic_error("openapi: success status " + std::to_string(status));
  auto& r = successes_[status];
  r.description = std::move(description);
  return r;
}

Operation& Operation::returns(int status, Json schema, std::string description) {
  success(status, std::move(description)).content = {kJson, std::move(schema)};
  return *this;
}

Operation& Operation::returns_text(int status, std::string media_type, std::string description) {
  success(status, std::move(description)).content = {std::move(media_type), text()};
  return *this;
}

Operation& Operation::returns_file(int status, std::vector<std::string> media_types, std::string description) {
  if (media_types.empty()) throw std::logic_error("openapi: " + id_ + " returns a file of no type");
  auto& r = success(status, std::move(description));
  r.content = {media_types.front(), text()};
  r.more_media.assign(media_types.begin() + 1, media_types.end());
  return *this;
}

Operation& Operation::exports(std::string what) {
  query("format", one_of({"json", "xlsx", "csv"}),
        "json (default): a page; xlsx or csv: every matching row (at most 100000, sorted as asked) as a "
        "download (Content-Disposition with an RFC 5987 filename*), CSV in UTF-8 with a BOM");
  // Applied to the 200 response when rendering, so exports() may come before returns(200).
  export_what_ = std::move(what);
  return fails(400, "export_too_large: more rows match than one export carries");
}

Operation& Operation::returns_nothing(std::string description) {
  success(204, std::move(description));
  return *this;
}

// Both bypass success()'s 2xx check on purpose: they share its rendering (a description and an
// optional non-JSON content), which is all a 304 or an HTML error page needs.
Operation& Operation::not_modified(std::string description) {
  successes_[304].description = std::move(description);
  return *this;
}

Operation& Operation::redirects(int status, std::string description) {
  if (status < 300 || status > 399 || status == 304)
    throw std::logic_error("openapi: redirect status " + std::to_string(status));
  successes_[status].description = std::move(description);
  return *this;
}

Operation& Operation::fails_with_page(int status, std::string media_type, std::string description) {
  if (status < 400 || status > 599) throw std::logic_error("openapi: error status " + std::to_string(status));
  auto& r = successes_[status];
  r.description = std::move(description);
  r.content = {std::move(media_type), text()};
  return *this;
}

Operation& Operation::sets_cookie(int status, std::string description) {
  auto it = successes_.find(status);
  if (it == successes_.end()) throw std::logic_error("openapi: " + id_ + " has no " + std::to_string(status));
  it->second.cookie = std::move(description);
  return *this;
}

Operation& Operation::fails(int status, std::string why) {
  if (status < 400 || status > 599) throw std::logic_error("openapi: error status " + std::to_string(status));
  errors_[status].push_back(std::move(why));
  return *this;
}

bool Operation::unsafe() const {
  return method_ == Method::POST || method_ == Method::PUT || method_ == Method::PATCH ||
         method_ == Method::DELETE;
}

Json Operation::to_json() const {
  Json op = {{"operationId", id_}, {"summary", summary_}, {"tags", Json::array({tag_})}};
  if (!description_.empty()) op["description"] = description_;
  op["security"] = access_ == Access::open
                       ? Json::array()
                       : Json::array({Json{{"bearer", Json::array()}}, Json{{"cookie", Json::array()}}});
  if (access_ == Access::permission) op["x-permission"] = permission_;

  Json params = Json::array();
  for (const auto& p : path_params_) params.push_back(p);
  for (const auto& p : query_params_) params.push_back(p);
  if (!params.empty()) op["parameters"] = std::move(params);
  if (body_)
    op["requestBody"] = {{"required", true}, {"content", {{body_->first, {{"schema", body_->second}}}}}};

  // The failures every operation of a kind shares come from Api::route and JsonInput; they are
  // listed first, then the operation's own.
  std::map<int, std::vector<std::string>> errors;
  if (access_ != Access::open) {
    errors[401].push_back(
        "unauthorized: no token or session cookie; session_expired: the token is unknown, "
        "expired or revoked; invalid_authorization: the Authorization header is not 'Bearer TOKEN'");
    if (unsafe())
      errors[403].push_back(
          "csrf_failed: authenticated by the session cookie without the matching X-CSRF-Token header");
  }
  if (access_ == Access::permission)
    errors[403].push_back("permission_denied: the caller's role lacks " + permission_);
  if (json_body_) {
    errors[400].push_back(
        "malformed_json, invalid_body (not a JSON object), unknown_field, invalid_field "
        "(error.field names the field)");
    errors[413].push_back("body_too_large: the JSON body exceeds " + std::to_string(kMaxJsonBodyBytes) +
                          " bytes");
    errors[415].push_back("unsupported_media_type: Content-Type is not application/json");
  }
  if (validated_query_)
    errors[400].push_back(
        "invalid_query, invalid_paging, invalid_sort: a query parameter is out of range or not "
        "allowed (error.field names it)");
  for (const auto& [status, reasons] : errors_)
    errors[status].insert(errors[status].end(), reasons.begin(), reasons.end());

  Json responses = Json::object();
  for (const auto& [status, r] : successes_) {
    Json out = {{"description", r.description}};
    if (r.content) out["content"] = {{r.content->first, {{"schema", r.content->second}}}};
    for (const auto& media : r.more_media) out["content"][media] = {{"schema", r.content->second}};
    if (status == 200 && !export_what_.empty()) {
      if (!r.content) throw std::logic_error("openapi: " + id_ + " exports without a JSON 200");
      const auto file = described(text(), export_what_);
      out["content"]["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = {{"schema", file}};
      out["content"]["text/csv"] = {{"schema", file}};
    }
    if (r.cookie) out["headers"] = {{"Set-Cookie", {{"description", *r.cookie}, {"schema", text()}}}};
    responses[std::to_string(status)] = std::move(out);
  }
  for (const auto& [status, reasons] : errors)
    responses[std::to_string(status)] = {{"description", join(reasons, "; ")}, {"content", error_content()}};
  op["responses"] = std::move(responses);
  return op;
}

// ---- Spec -----------------------------------------------------------------------------------

Operation& Spec::add(Method method, std::string path, std::string id, std::string summary, std::string tag) {
  for (const auto& op : operations_) {
    if ((op.method() == method && op.path() == path) || op.id() == id)
      throw std::logic_error("openapi: " + id + " (" + std::string(to_string(method)) + " " + path +
                             ") is documented twice");
  }
  return operations_.emplace_back(method, std::move(path), std::move(id), std::move(summary), std::move(tag));
}

void Spec::tag(std::string name, std::string description) {
  tags_.push_back({{"name", std::move(name)}, {"description", std::move(description)}});
}

void Spec::schema(const std::string& name, Json schema) {
  if (schemas_.contains(name)) throw std::logic_error("openapi: schema " + name + " defined twice");
  schemas_[name] = std::move(schema);
}

const Operation* Spec::find(Method method, std::string_view path) const {
  for (const auto& op : operations_)
    if (op.method() == method && op.path() == path) return &op;
  return nullptr;
}

// ---- The foundation's routes ----------------------------------------------------------------

namespace {

std::vector<std::string> data_scopes() {
  std::vector<std::string> out;
  for (auto s : {auth::DataScope::all, auth::DataScope::region_and_below, auth::DataScope::region,
                 auth::DataScope::own})
    out.emplace_back(auth::to_string(s));
  return out;
}

std::vector<std::string> region_levels() {
  std::vector<std::string> out;
  for (int l = static_cast<int>(region::Level::city); l <= static_cast<int>(region::Level::grid); ++l)
    out.emplace_back(region::to_string(static_cast<region::Level>(l)));
  return out;
}

// What a role may hold (auth::is_known_permission): "*", each permission, and a wildcard for
// each of their "module:" and "module:object:" prefixes.
std::vector<std::string> grantable_permissions() {
  std::vector<std::string> out = {"*"};
  const auto add = [&out](std::string p) {
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  };
  for (const auto& p : auth::all_permissions()) {
    const std::string code(p.code);
    for (auto colon = code.find(':'); colon != std::string::npos; colon = code.find(':', colon + 1))
      add(code.substr(0, colon + 1) + "*");
    add(code);
  }
  return out;
}

// {"items","total","page","size"} (page_json).
Json page_of(std::string_view item) {
  return record({{"items", array_of(ref(item))},
                 {"total", integer(0)},
                 {"page", integer(1, kMaxPage)},
                 {"size", integer(1, kMaxPageSize)}});
}

Json region_filter(std::size_t max_len) {
  return described(text(max_len),
                   "a region code: that region and everything below it (403 outside the "
                   "caller's data scope)");
}

const char* const kScope403 = "forbidden: outside the caller's data scope";

// The {id} of a record that belongs to a region: a non-number is 400, another region's record
// 403, and a missing one 404 for all-scope callers only (scoped callers learn nothing).
Operation& scoped_id_param(Operation& op, const std::string& what) {
  return op.path_param("id", integer(1), what + " id")
      .fails(400, "invalid_id: the id is not a number")
      .fails(403, kScope403)
      .fails(404, "not_found: no such " + what + " (callers scoped to a region get 403 instead)");
}
const char* const kRegion404 =
    "not_found: the region does not exist (callers scoped to a region get 403 instead)";

void document_common(Spec& s) {
  s.schema("RowProblem", object({{"row", described(integer(1), "1-based line number; the header is row 1")},
                                 {"column", text()},
                                 {"code", described(text(), "stable reason, e.g. amount_too_many_decimals, "
                                                            "when the importer gives one")},
                                 {"message", text()}},
                                {"row", "column", "message"}));
  s.schema("Error",
           record({{"error",
                    object({{"code", described(text(), "stable machine-readable code")},
                            {"message", described(text(), "zh-CN, or English with Accept-Language: en")},
                            {"field", described(text(), "the input field or parameter at fault")},
                            {"problems", described(array_of(ref("RowProblem")), "imports: every bad row")}},
                           {"code", "message"})}}));
}

void document_service(Spec& s) {
  s.tag("service", "Health, metrics and this document (no login) / 服务端点");
  s.schema("OpenApiDocument", object({{"openapi", one_of({"3.0.3"})},
                                      {"info", free_object()},
                                      {"tags", array_of(free_object())},
                                      {"paths", free_object()},
                                      {"components", free_object()}},
                                     {"openapi", "info", "paths", "components"}));
  s.add(Method::GET, "/healthz", "health", "Health check / 健康检查", "service")
      .open()
      .describe("Answers only when the database answers a query; otherwise 5xx.")
      .returns_text(200, "text/plain", "\"ok\"");
  s.add(Method::GET, "/metrics", "metrics", "Prometheus metrics / 监控指标", "service")
      .open()
      .returns_text(200, "text/plain", "Prometheus text exposition format 0.0.4");
  s.add(Method::GET, "/api/v1/openapi.json", "openapi", "This OpenAPI document / 接口描述文档", "service")
      .open()
      .returns(200, ref("OpenApiDocument"), "OpenAPI 3.0.3 document of every route");
}

void document_auth(Spec& s) {
  s.tag("auth", "Login, logout, the current user / 登录与当前用户");
  s.schema("User", record({{"id", integer(1)},
                           {"username", text()},
                           {"display_name", text()},
                           {"role", described(text(), "role code")},
                           {"role_name", described(text(), "in the language of Accept-Language")},
                           {"region_code", text()},
                           {"region_name", text()},
                           {"data_scope", one_of(data_scopes())},
                           {"phone", nullable(text())},
                           {"enabled", boolean()},
                           {"locked_until", described(nullable(date_time()), "set while a login lock lasts")},
                           {"created_at", date_time()},
                           {"updated_at", date_time()}}));
  s.schema("LoginResult", record({{"token", described(text(), "bearer token; shown only once")},
                                  {"csrf_token", text()},
                                  {"expires_at", date_time()},
                                  {"user", ref("User")}}));
  s.schema("Me", record({{"user", ref("User")},
                         {"permissions", array_of(one_of(grantable_permissions()))},
                         {"csrf_token", text()}}));

  s.add(Method::POST, "/api/v1/auth/login", "login", "Log in / 登录", "auth")
      .open()
      .json_body(object({{"username", text(64, 1)}, {"password", text(128, 1)}}, {"username", "password"}))
      .returns(200, ref("LoginResult"), "Logged in")
      .sets_cookie(200, "ql_session=TOKEN; Path=/; HttpOnly; SameSite=Strict (Secure over HTTPS)")
      .fails(401, "invalid_credentials: unknown user or wrong password (indistinguishable)")
      .fails(403, "account_disabled: the account is disabled")
      .fails(423, "account_locked: too many failed logins in a row; the account is locked for a while");
  s.add(Method::POST, "/api/v1/auth/logout", "logout", "Log out / 退出登录", "auth")
      .returns_nothing("The session is revoked")
      .sets_cookie(204, "clears ql_session");
  s.add(Method::GET, "/api/v1/auth/me", "getMe", "Current user and permissions / 当前用户", "auth")
      .returns(200, ref("Me"), "The caller, their permissions and the CSRF token for cookie writes");
  s.add(Method::POST, "/api/v1/auth/password", "changeOwnPassword", "Change own password / 修改本人密码",
        "auth")
      .json_body(
          object({{"old_password", text(128, 1)},
                  {"new_password", described(text(128, 8), "letters and digits, unlike old_password")}},
                 {"old_password", "new_password"}))
      .returns_nothing("Changed; the caller's other sessions are revoked")
      .fails(400, "wrong_password: old_password is wrong (field old_password)");
}

void document_users(Spec& s) {
  s.tag("users", "User accounts within the caller's data scope / 用户");
  s.schema("UserPage", page_of("User"));
  const auto id_param = [](Operation& op) -> Operation& { return scoped_id_param(op, "user"); };
  const auto role_403 = "role_too_wide: the role grants more (permissions or scope) than the caller holds";

  s.add(Method::GET, "/api/v1/users", "listUsers", "List users / 用户列表", "users")
      .permission("system:user:read")
      .paging({"username", "display_name", "created_at"}, "username")
      .query("region", region_filter(15), "users of that region and below")
      .query("q", text(60), "username or display name contains")
      .query("role", text(32), "role code")
      .query("enabled", boolean(), "true/false (or 1/0)")
      .returns(200, ref("UserPage"), "A page of users")
      .exports("the users as a spreadsheet")
      .fails(403, kScope403)
      .fails(404, kRegion404);
  s.add(Method::POST, "/api/v1/users", "createUser", "Create a user / 新建用户", "users")
      .permission("system:user:write")
      .json_body(
          object({{"username", described(text(32, 3), "a-z, 0-9, '.', '_', '-', starting with a letter")},
                  {"display_name", text(30, 1)},
                  {"password", described(text(128, 8), "letters and digits")},
                  {"role", described(text(32, 1), "role code")},
                  {"region_code", text(15, 1)},
                  {"phone", described(text(20), "digits, spaces, '+' and '-'")}},
                 {"username", "display_name", "password", "role", "region_code"}))
      .returns(201, ref("User"), "Created")
      .fails(403, kScope403)
      .fails(403, role_403)
      .fails(409, "duplicate_username");
  id_param(s.add(Method::GET, "/api/v1/users/{id}", "getUser", "Get a user / 用户详情", "users")
               .permission("system:user:read")
               .returns(200, ref("User"), "The user"));
  id_param(s.add(Method::PATCH, "/api/v1/users/{id}", "updateUser", "Update a user / 修改用户", "users")
               .permission("system:user:write")
               .json_body(object({{"display_name", text(30, 1)},
                                  {"role", text(32, 1)},
                                  {"region_code", text(15)},
                                  {"phone", described(text(20), "\"\" clears it")},
                                  {"enabled", described(boolean(), "false also ends the user's sessions")}},
                                 {}))
               .returns(200, ref("User"), "The updated user")
               .fails(403, role_403)
               .fails(409, "cannot_change_self: disabling oneself or changing one's own role"));
  id_param(s.add(Method::POST, "/api/v1/users/{id}/password", "resetUserPassword",
                 "Reset a user's password / 重置用户密码", "users")
               .permission("system:user:write")
               .json_body(object({{"password", described(text(128, 8), "letters and digits")}}, {"password"}))
               .returns_nothing("Reset; the login lock is cleared and the user's sessions end")
               .fails(403, role_403));
  id_param(s.add(Method::POST, "/api/v1/users/{id}/unlock", "unlockUser", "Clear a login lock / 解除登录锁定",
                 "users")
               .permission("system:user:write")
               .returns_nothing("Unlocked"));
}

void document_roles(Spec& s) {
  s.tag("roles", "Roles and permissions / 角色与权限");
  s.schema("Role", record({{"code", text()},
                           {"name_zh", text()},
                           {"name_en", text()},
                           {"data_scope", one_of(data_scopes())},
                           {"permissions", array_of(one_of(grantable_permissions()))},
                           {"builtin", boolean()},
                           {"created_at", date_time()},
                           {"updated_at", date_time()}}));
  s.schema("Permission", record({{"code", text()}, {"name_zh", text()}, {"name_en", text()}}));
  const auto permissions = described(array_of(one_of(grantable_permissions()), 200),
                                     "'*' grants everything, 'module:*' a whole module");
  const auto role_403 = "role_too_wide: the role would grant more than the caller holds";

  s.add(Method::GET, "/api/v1/roles", "listRoles", "List roles / 角色列表", "roles")
      .permission("system:role:read")
      .returns(200, array_of(ref("Role")), "Every role, built-in first");
  s.add(Method::POST, "/api/v1/roles", "createRole", "Create a role / 新建角色", "roles")
      .permission("system:role:write")
      .json_body(object({{"code", described(text(32, 2), "a-z, 0-9, '_'")},
                         {"name_zh", text(30, 1)},
                         {"name_en", text(60, 1)},
                         {"data_scope", one_of(data_scopes())},
                         {"permissions", permissions}},
                        {"code", "name_zh", "name_en", "data_scope", "permissions"}))
      .returns(201, ref("Role"), "Created")
      .fails(403, role_403)
      .fails(409, "duplicate_role");
  s.add(Method::PATCH, "/api/v1/roles/{code}", "updateRole", "Update a role / 修改角色", "roles")
      .permission("system:role:write")
      .path_param("code", text(), "role code")
      .json_body(object({{"name_zh", text(30, 1)},
                         {"name_en", text(60, 1)},
                         {"data_scope", one_of(data_scopes())},
                         {"permissions", permissions}},
                        {}))
      .returns(200, ref("Role"), "The updated role")
      .fails(403, role_403)
      .fails(404, "not_found: no such role")
      .fails(409, "cannot_change_self: removing role management from one's own role");
  s.add(Method::GET, "/api/v1/permissions", "listPermissions", "List permissions / 权限列表", "roles")
      .returns(200, array_of(ref("Permission")), "Every permission string, in display order");
}

void document_regions(Spec& s) {
  s.tag("regions", "Administrative regions within the caller's data scope / 行政区划");
  const auto levels = region_levels();
  s.schema("Region", record({{"code", text()},
                             {"parent_code", nullable(text())},
                             {"name", text()},
                             {"level", one_of(levels)},
                             {"path", described(text(), "ancestor codes, e.g. /339900000000/339902000000/")},
                             {"sort", integer()},
                             {"created_at", date_time()},
                             {"updated_at", date_time()}}));
  s.schema("RegionTreeNode", record({{"code", text()},
                                     {"name", text()},
                                     {"level", one_of(levels)},
                                     {"children", array_of(ref("RegionTreeNode"))}}));
  s.schema("RegionPage", page_of("Region"));
  s.schema("ImportSummary", record({{"inserted", integer(0)}, {"updated", integer(0)}}));
  const auto code_param = [](Operation& op) -> Operation& {
    return op.path_param("code", text(), "region code")
        .fails(403, kScope403 + std::string(" (also for a region that does not exist)"))
        .fails(404, kRegion404);
  };
  const auto sort = described(integer(0, 1'000'000), "display order among siblings");

  s.add(Method::GET, "/api/v1/regions/tree", "getRegionTree", "Region tree / 区划树", "regions")
      .permission("system:region:read")
      .returns(200, array_of(ref("RegionTreeNode")), "The caller's data scope as a nested tree");
  s.add(Method::GET, "/api/v1/regions", "listRegions", "List regions / 区划列表", "regions")
      .permission("system:region:read")
      .paging({"code", "name", "level"}, "code")
      .query("region", region_filter(15), "that region and below")
      .query("level", one_of(levels), "only this level")
      .query("q", text(60), "name or code contains")
      .returns(200, ref("RegionPage"), "A page of regions")
      .exports("the regions as a spreadsheet")
      .fails(403, kScope403)
      .fails(404, kRegion404);
  code_param(s.add(Method::GET, "/api/v1/regions/{code}", "getRegion", "Get a region / 区划详情", "regions")
                 .permission("system:region:read")
                 .returns(200, ref("Region"), "The region"));
  s.add(Method::POST, "/api/v1/regions", "createRegion", "Create a region / 新建区划", "regions")
      .permission("system:region:write")
      .json_body(
          object({{"code", described(text(15, 12), "12 digits; a grid: its community's code + 3 digits")},
                  {"name", text(50, 1)},
                  {"level", described(one_of(levels),
                                      "the Chinese names (市, 区, 街道, 社区, 网格, ...) "
                                      "are accepted too")},
                  {"parent_code", described(text(15), "required unless the caller's scope is all")},
                  {"sort", sort}},
                 {"code", "name", "level"}))
      .returns(201, ref("Region"), "Created")
      .fails(403, kScope403)
      .fails(409, "duplicate_region");
  code_param(
      s.add(Method::PATCH, "/api/v1/regions/{code}", "updateRegion", "Rename a region / 修改区划", "regions")
          .permission("system:region:write")
          .json_body(object({{"name", text(50, 1)}, {"sort", sort}}, {}))
          .returns(200, ref("Region"), "The updated region"));
  s.add(Method::POST, "/api/v1/regions/import", "importRegions", "Import regions from CSV / 导入区划",
        "regions")
      .permission("system:region:write")
      .describe("All or nothing: any bad row rejects the whole file, with every problem listed.")
      .raw_body("text/csv",
                "CSV with header code,name,level,parent_code[,sort], in any column order; "
                "an existing code with the same parent and level is renamed")
      .returns(200, ref("ImportSummary"), "Imported")
      .fails(400,
             "empty_file; missing_column (field names it); import_rejected: error.problems lists "
             "every bad row")
      .fails(415, "unsupported_media_type: Content-Type is not text/csv");
  code_param(
      s.add(Method::DELETE, "/api/v1/regions/{code}", "deleteRegion", "Delete a region / 删除区划", "regions")
          .permission("system:region:write")
          .returns_nothing("Deleted")
          .fails(409, "region_in_use: the region has child regions or users"));
}

void document_dicts(Spec& s) {
  s.tag("dicts", "Dictionaries (enumerations shown on screens) / 数据字典");
  s.schema("DictItem", record({{"value", text()},
                               {"label_zh", text()},
                               {"label_en", text()},
                               {"sort", integer()},
                               {"enabled", boolean()}}));
  s.schema("DictType", record({{"code", text()},
                               {"name_zh", text()},
                               {"name_en", text()},
                               {"builtin", boolean()},
                               {"items", array_of(ref("DictItem"))}}));
  const auto code = described(text(40, 1), "a-z, 0-9, '_', '-'");
  const auto sort = described(integer(0, 1'000'000), "display order");

  s.add(Method::GET, "/api/v1/dicts", "listDicts", "List dictionaries / 字典列表", "dicts")
      .permission("system:dict:read")
      .returns(200, array_of(ref("DictType")), "Every dictionary with its items, disabled ones included");
  s.add(Method::POST, "/api/v1/dicts", "createDict", "Create a dictionary / 新建字典", "dicts")
      .permission("system:dict:write")
      .json_body(object({{"code", code}, {"name_zh", text(50, 1)}, {"name_en", text(100, 1)}},
                        {"code", "name_zh", "name_en"}))
      .returns(201, ref("DictType"), "Created (no items yet)")
      .fails(409, "duplicate_dict");
  s.add(Method::POST, "/api/v1/dicts/{code}/items", "addDictItem", "Add a dictionary item / 新增字典项",
        "dicts")
      .permission("system:dict:write")
      .path_param("code", text(), "dictionary code")
      .json_body(object({{"value", code},
                         {"label_zh", text(50, 1)},
                         {"label_en", text(100, 1)},
                         {"sort", sort},
                         {"enabled", boolean()}},
                        {"value", "label_zh", "label_en"}))
      .returns(201, ref("DictItem"), "Created")
      .fails(404, "not_found: no such dictionary")
      .fails(409, "duplicate_dict_item");
  s.add(Method::PATCH, "/api/v1/dicts/{code}/items/{value}", "updateDictItem",
        "Update a dictionary item / 修改字典项", "dicts")
      .permission("system:dict:write")
      .path_param("code", text(), "dictionary code")
      .path_param("value", text(), "item value")
      .json_body(object(
          {{"label_zh", text(50, 1)}, {"label_en", text(100, 1)}, {"sort", sort}, {"enabled", boolean()}},
          {}))
      .returns(200, ref("DictItem"), "The updated item")
      .fails(404, "not_found: no such dictionary item");
}

void document_logs(Spec& s) {
  s.tag("logs", "Operation and login logs / 操作日志与登录日志");
  s.schema("OpLogEntry",
           record({{"id", integer(1)},
                   {"at", date_time()},
                   {"user_id", described(nullable(integer(1)), "null for system and command-line work")},
                   {"username", text()},
                   {"action", text()},
                   {"object_type", text()},
                   {"object_id", text()},
                   {"region_code", described(text(), "\"\" when the entry concerns no region")},
                   {"changes", described(free_object(),
                                         "{\"after\":{...}} for a create, {\"field\":{\"from\","
                                         "\"to\"}} for an update, {\"before\":{...}} for a delete")},
                   {"ip", text()}}));
  s.schema("LoginLogEntry",
           record({{"id", integer(1)},
                   {"at", date_time()},
                   {"username", described(text(), "as typed")},
                   {"user_id", described(nullable(integer(1)), "null when the username is unknown")},
                   {"region_code", described(text(), "\"\" when the username is unknown")},
                   {"success", boolean()},
                   {"reason", one_of({"ok", "unknown_user", "bad_password", "bad_password_locked", "locked",
                                      "disabled"})},
                   {"ip", text()},
                   {"user_agent", text()}}));
  s.schema("OpLogPage", page_of("OpLogEntry"));
  s.schema("LoginLogPage", page_of("LoginLogEntry"));
  const auto from = described(text(20), "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, inclusive");
  const auto to = described(text(20), "YYYY-MM-DD (that whole day) or YYYY-MM-DDTHH:MM:SSZ, inclusive");
  const auto bad_time = "invalid_field: from or to is not a date or time";

  s.add(Method::GET, "/api/v1/oplog", "listOpLog", "Operation log / 操作日志", "logs")
      .permission("system:oplog:read")
      .paging({"at", "username", "action", "object_type"}, "-at")
      .query("region", region_filter(15), "entries about that region and below")
      .query("username", text(32), "who acted")
      .query("action", text(40), "e.g. create, update, delete")
      .query("object_type", text(40), "e.g. user, role, region, dict_item")
      .query("object_id", text(100), "the object's id")
      .query("from", from, "earliest time")
      .query("to", to, "latest time")
      .returns(200, ref("OpLogPage"), "A page of entries; entries about no region only for all-scope callers")
      .fails(400, bad_time)
      .fails(403, kScope403)
      .fails(404, kRegion404);
  s.add(Method::GET, "/api/v1/loginlog", "listLoginLog", "Login log / 登录日志", "logs")
      .permission("system:loginlog:read")
      .paging({"at", "username"}, "-at")
      .query("username", text(64), "the username as typed")
      .query("success", boolean(), "true/false (or 1/0)")
      .query("from", from, "earliest time")
      .query("to", to, "latest time")
      .returns(200, ref("LoginLogPage"), "A page of login attempts within the caller's data scope")
      .fails(400, bad_time);
}

std::vector<std::string> attachment_types() {
  return {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"};
}

// Attachments of publications (routes in http/api_attachments.cpp).
void document_attachments(Spec& s) {
  const auto frozen = "disclosure_frozen: the disclosure is published (attachments are frozen with it)";
  const auto ids = [](Operation& op) -> Operation& {
    return scoped_id_param(op, "disclosure")
        .path_param("attachment_id", integer(1), "attachment id")
        .fails(400, "invalid_id: the attachment id is not a number")
        .fails(404, "not_found: no such attachment of that disclosure");
  };
  auto types = attachment_types();
  scoped_id_param(s.add(Method::POST, "/api/v1/disclosures/{id}/attachments", "addDisclosureAttachment",
                        "Upload an attachment / 上传附件", "disclosures"),
                  "disclosure")
      .permission("disclosure:publication:write")
      .describe("The request body is the file itself (no multipart). Its type is sniffed from the content "
                "(PDF, PNG, JPEG, GIF, WebP); a Content-Type other than that type or application/octet-stream "
                "is refused. At most " + std::to_string(disclosure::kMaxAttachmentBytes) + " bytes and " +
                std::to_string(disclosure::kMaxAttachmentsPerDisclosure) +
                " attachments per draft; identical content is stored once.")
      .query("filename", text(disclosure::kMaxFilenameChars, 1),
             "the file's name (required); path components are dropped, the type's extension added if missing")
      .raw_body("application/octet-stream", "the file's bytes; Content-Type may also be its own type, e.g. "
                                            "application/pdf")
      .returns(201, ref("Attachment"), "Attached to the draft")
      .fails(400, "invalid_field: filename missing or unusable, or file empty (error.field names it)")
      .fails(409, frozen)
      .fails(409, "too_many_attachments: the draft has the most attachments allowed; attachment_exists: "
                  "the same content is already attached")
      .fails(413, "attachment_too_large: the file exceeds the limit")
      .fails(415, "unsupported_attachment_type: not a PDF or image (field file); attachment_type_mismatch: "
                  "the declared Content-Type disagrees with the content (field Content-Type)");
  ids(s.add(Method::GET, "/api/v1/disclosures/{id}/attachments/{attachment_id}", "getDisclosureAttachment",
            "Download an attachment / 下载附件", "disclosures")
          .permission("disclosure:publication:read")
          .describe("Drafts included. Content-Disposition inline with an RFC 5987 filename*, "
                    "X-Content-Type-Options nosniff, ETag the quoted SHA-256, Cache-Control no-store."))
      .returns_file(200, types, "The file, with its sniffed type");
  ids(s.add(Method::DELETE, "/api/v1/disclosures/{id}/attachments/{attachment_id}", "deleteDisclosureAttachment",
            "Remove an attachment / 删除附件", "disclosures")
          .permission("disclosure:publication:write"))
      .returns_nothing("Removed (its content too, unless another publication cites it)")
      .fails(409, frozen);
  s.add(Method::GET, "/p/{region_code}/a/{sha256}", "publicAttachment", "Public attachment / 公开附件", "public")
      .open()
      .path_param("region_code", text(), "the community's code")
      .path_param("sha256", text(), "lowercase hex SHA-256 of the file, as in the log entry")
      .describe("A file of a current (published, not superseded or withdrawn) publication of that region, "
                "as listed on /p/{region_code}. Content-addressed, but not immutable: a withdrawal must reach "
                "caches, so Cache-Control is public, max-age=300 and the ETag (the quoted SHA-256) makes "
                "revalidation a 304. Content-Disposition inline with an RFC 5987 filename*.")
      .returns_file(200, types, "The file")
      .not_modified("If-None-Match holds the ETag")
      .fails_with_page(404, "text/html", "An HTML page: no such file among the region's current publications")
      .fails_with_page(410, "text/html",
                       "An HTML page: the file's publication was withdrawn or corrected without it (Cache-Control "
                       "no-cache)");
}

void document_disclosures(Spec& s) {
  s.tag("disclosures", "Publications (三务公开): drafts, publish, correct, withdraw / 公开事项");
  s.tag("log", "The public publication log (RFC 9162, C2SP tlog) / 公开日志");
  constexpr std::int64_t kMaxIndex = 999'999'999'999'999;
  const auto categories = std::vector<std::string>{"party", "affairs", "finance", "service"};
  const auto stages = std::vector<std::string>{"before", "during", "after"};
  const auto statuses = std::vector<std::string>{"draft", "published", "superseded", "withdrawn"};
  const auto link = object({{"type", text(40, 1)}, {"id", text(64, 1)}}, {"type", "id"});
  Properties disclosure_fields = {{"id", integer(1)},
                   {"region_code", text()},
                   {"region_name", text()},
                   {"catalog_item_id", nullable(integer(1))},
                   {"period", described(nullable(text()), "the due period it fulfils, e.g. 2026-Q3, 2026-07, 2026")},
                   {"category", one_of(categories)},
                   {"stage", one_of(stages)},
                   {"title", text()},
                   {"body", described(text(), "Markdown; shown to residents without raw HTML")},
                   {"links", array_of(link)},
                   {"status", one_of(statuses)},
                   {"supersedes_id", described(nullable(integer(1)), "the publication this one corrects")},
                   {"log_index", described(nullable(integer(0)), "the log entry that published it")},
                   {"published_at", nullable(date_time())},
                   {"published_by", nullable(text())},
                   {"withdrawn_reason", nullable(text())},
                   {"withdrawn_at", nullable(date_time())},
                   {"withdrawn_by", nullable(text())},
                   {"created_at", date_time()},
                   {"updated_at", date_time()}};
  s.schema("Disclosure", record(disclosure_fields));
  s.schema("Attachment",
           record({{"id", integer(1)},
                   {"disclosure_id", integer(1)},
                   {"filename", text()},
                   {"content_type", one_of(attachment_types())},
                   {"size", described(integer(1), "bytes")},
                   {"sha256", described(text(64, 64), "lowercase hex SHA-256 of the content")},
                   {"created_at", date_time()}}));
  disclosure_fields.push_back({"attachments", described(array_of(ref("Attachment")), "oldest first")});
  s.schema("DisclosureDetail", record(disclosure_fields));
  s.schema("DisclosurePage", page_of("Disclosure"));
  s.schema("PublishResult", record({{"log_index", integer(0)}, {"disclosure", ref("Disclosure")}}));
  s.schema("Proof", described(array_of(text()), "RFC 9162 proof: base64 SHA-256 hashes in order"));
  const auto content = [&](bool with_region) {
    Properties p;
    if (with_region) p.push_back({"region", described(text(15, 1), "the community it is published for")});
    p.push_back({"category", one_of(categories)});
    p.push_back({"stage", one_of(stages)});
    p.push_back({"title", text(100, 1)});
    p.push_back({"body", described(text(20000, 1), "Markdown")});
    p.push_back({"catalog_item_id", described(integer(1, kMaxIndex), "an item of the region's catalogue")});
    p.push_back({"period", described(text(7, 4), "e.g. 2026-Q3")});
    p.push_back({"links", array_of(link, 50)});
    return p;
  };
  Properties correction = content(false);
  correction.push_back({"draft_id", described(integer(1, kMaxIndex), "a draft of the same region to publish "
                                                                     "as the correction; nothing else may be sent")});
  const auto id_param = [](Operation& op) -> Operation& { return scoped_id_param(op, "disclosure"); };
  const auto frozen = "disclosure_frozen: not in a state that allows this (published rows never change)";

  s.add(Method::GET, "/api/v1/disclosures", "listDisclosures", "List publications / 公开事项列表", "disclosures")
      .permission("disclosure:publication:read")
      .paging({"created_at", "published_at", "title"}, "-created_at")
      .query("region", region_filter(15), "publications of that region and below")
      .query("status", one_of(statuses), "status")
      .query("category", one_of(categories), "category")
      .query("stage", one_of(stages), "stage")
      .query("q", text(60), "title contains")
      .returns(200, ref("DisclosurePage"), "A page of publications, drafts included")
      .exports("the publications (without bodies) as a spreadsheet")
      .fails(403, kScope403)
      .fails(404, kRegion404);
  {
    Properties body = content(true);
    s.add(Method::POST, "/api/v1/disclosures", "createDisclosure", "Create a draft / 新建公开草稿", "disclosures")
        .permission("disclosure:publication:write")
        .json_body(object(body, {"region", "category", "stage", "title", "body"}))
        .returns(201, ref("Disclosure"), "The draft")
        .fails(403, kScope403);
  }
  id_param(s.add(Method::GET, "/api/v1/disclosures/{id}", "getDisclosure", "Get a publication / 公开事项详情",
                 "disclosures")
               .permission("disclosure:publication:read")
               .returns(200, ref("DisclosureDetail"), "The publication with its attachments"));
  id_param(s.add(Method::PATCH, "/api/v1/disclosures/{id}", "updateDisclosure", "Edit a draft / 修改草稿",
                 "disclosures")
               .permission("disclosure:publication:write")
               .json_body(object(content(false), {}))
               .returns(200, ref("Disclosure"), "The draft")
               .fails(409, frozen));
  id_param(s.add(Method::DELETE, "/api/v1/disclosures/{id}", "deleteDisclosure", "Delete a draft / 删除草稿",
                 "disclosures")
               .permission("disclosure:publication:write")
               .returns_nothing("Deleted")
               .fails(409, frozen));
  id_param(s.add(Method::POST, "/api/v1/disclosures/{id}/publish", "publishDisclosure", "Publish / 发布",
                 "disclosures")
               .permission("disclosure:publication:publish")
               .describe("Freezes the draft and appends its canonical JSON to the publication log.")
               .returns(200, ref("PublishResult"), "Published; log_index is its entry")
               .fails(409, frozen));
  id_param(s.add(Method::POST, "/api/v1/disclosures/{id}/correct", "correctDisclosure",
                 "Publish a correction / 更正", "disclosures")
               .permission("disclosure:publication:publish")
               .describe("Publishes the body as a new publication that supersedes this one, keeping this one's "
                         "attachments; or, with draft_id alone, publishes that draft of the same region (with "
                         "its own text and attachments) as the correction. Without draft_id, category, stage, "
                         "title and body are required.")
               .json_body(object(correction, {}))
               .returns(201, ref("PublishResult"), "The correction, published")
               .fails(409, frozen));
  document_attachments(s);
  id_param(s.add(Method::POST, "/api/v1/disclosures/{id}/withdraw", "withdrawDisclosure", "Withdraw / 撤回",
                 "disclosures")
               .permission("disclosure:publication:publish")
               .describe("Appends a withdrawal entry with the reason; the publication stays readable in the log.")
               .json_body(object({{"reason", text(500, 2)}}, {"reason"}))
               .returns(200, ref("PublishResult"), "Withdrawn; log_index is the withdrawn publication's entry")
               .fails(409, frozen));

  s.add(Method::GET, "/log/checkpoint", "logCheckpoint", "Latest signed checkpoint / 最新检查点", "log")
      .open()
      .returns_text(200, "text/plain",
                    "C2SP tlog-checkpoint signed note, with the stored witness cosignatures (cosignature/v1) of "
                    "its size as extra signature lines");
  s.add(Method::GET, "/log/key", "logKey", "Verifier key / 验证公钥", "log")
      .open()
      .returns_text(200, "text/plain", "signed-note verifier key: <name>+<hex key id>+<base64(0x01 || key)>");
  s.add(Method::GET, "/log/entries/{index}", "logEntry", "One log entry / 日志条目", "log")
      .open()
      .path_param("index", integer(0), "entry index")
      .returns(200, free_object(), "The exact canonical JSON bytes that were hashed")
      .fails(400, "invalid_id: the index is not a number")
      .fails(404, "not_found: no such entry");
  // tlog-tiles (c2sp.org/tlog-tiles): the path parameter spans several segments.
  s.add(Method::GET, "/log/tile/{tile}", "logTile", "Hash tile / 哈希瓦片", "log")
      .open()
      .path_param("tile", text(),
                  "<L>/<N>[.p/<W>], slashes included: tile level L (0-63; tree level 8·L), tile index N in "
                  "3-digit groups, all but the last prefixed with x (1234067 is x001/x234/067), and for a "
                  "partial tile its width W (1-255)")
      .describe("Up to 256 consecutive 32-byte Merkle tree hashes of tree level 8·L, for the tree of the "
                "latest checkpoint. A full tile is immutable (Cache-Control: public, max-age=31536000, "
                "immutable); a partial tile is served for every width the tree went through, with a short "
                "lifetime (max-age=60).")
      .returns_text(200, "application/octet-stream", "width × 32 bytes of hashes")
      .fails(400, "tlog_malformed_tile_path: not a canonical tile path")
      .fails(404, "not_found: the tile is beyond the current tree");
  s.add(Method::GET, "/log/tile/entries/{bundle}", "logEntryBundle", "Entry bundle / 条目包", "log")
      .open()
      .path_param("bundle", text(),
                  "<N>[.p/<W>], slashes included: bundle index N (entries N·256 …) in the tile path "
                  "encoding, and for a partial bundle its width W (1-255)")
      .describe("Up to 256 consecutive log entries, each as a big-endian uint16 length and the exact "
                "bytes served by /log/entries/{index}. Cached like hash tiles.")
      .returns_text(200, "application/octet-stream", "the length-prefixed entries")
      .fails(400, "tlog_malformed_tile_path: not a canonical bundle path")
      .fails(404, "not_found: the bundle is beyond the current tree");
  s.add(Method::GET, "/api/v1/log/proof/inclusion", "logInclusionProof", "Inclusion proof / 包含证明", "log")
      .open()
      .query("index", integer(0, kMaxIndex), "leaf index (required)")
      .query("size", integer(1, kMaxIndex), "tree size (required), at most the log's")
      .returns(200, ref("Proof"), "PATH(index, D[0:size])");
  s.add(Method::GET, "/api/v1/log/proof/consistency", "logConsistencyProof", "Consistency proof / 一致性证明",
        "log")
      .open()
      .query("from", integer(0, kMaxIndex), "older tree size (required)")
      .query("to", integer(0, kMaxIndex), "newer tree size (required), at most the log's")
      .returns(200, ref("Proof"), "PROOF(from, D[0:to])");

  // Witnesses (c2sp.org/tlog-witness, tlog-cosignature): `qinglian log witness` cosigns.
  s.schema("LogWitness", record({{"name", described(text(), "the witness key name")},
                                 {"vkey", described(text(), "cosignature/v1 vkey <name>+<hex id>+<base64(0x04 || key)>")},
                                 {"created_at", date_time()}}));
  s.schema("CosignatureResult",
           record({{"checkpoint_size", integer(1)},
                   {"witnesses", described(array_of(text()), "the witnesses whose cosignature lines verified")}}));
  s.schema("LogStatus",
           record({{"size", integer(0)},
                   {"root", described(text(), "base64 root hash of the latest checkpoint")},
                   {"checkpoint", described(text(), "the latest checkpoint note with its cosignatures")},
                   {"cosignatures", array_of(record({{"witness", text()},
                                                      {"checkpoint_size", integer(1)},
                                                      {"created_at", date_time()}}))}}));
  s.schema("LogVerifyReport",
           record({{"ok", boolean()},
                   {"first_mismatch", described(text(), "empty when ok; else the first thing that does not match")},
                   {"entries", integer(0)},
                   {"checkpoints", integer(0)},
                   {"disclosures", integer(0)}}));
  s.add(Method::GET, "/api/v1/log/witnesses", "listLogWitnesses", "Log witnesses / 见证方列表", "log")
      .logged_in()
      .returns(200, array_of(ref("LogWitness")), "Every registered witness key, by name");
  s.add(Method::POST, "/api/v1/log/witnesses", "addLogWitness", "Register a witness key / 登记见证方", "log")
      .permission("disclosure:log:admin")
      .json_body(object({{"vkey", described(text(300, 1), "the witness's cosignature/v1 vkey (type 0x04)")}},
                        {"vkey"}))
      .returns(201, ref("LogWitness"), "The registered witness")
      .fails(409, "witness_exists: a witness of that name is registered");
  s.add(Method::POST, "/api/v1/log/cosignatures", "postLogCosignatures", "Submit cosignatures / 提交见证签名", "log")
      .open()
      .raw_body("text/plain",
                "the checkpoint note (as served by /log/checkpoint) with the witness's cosignature/v1 line(s)")
      .returns(200, ref("CosignatureResult"), "Every verified cosignature line is stored (idempotent)")
      .fails(400,
             "tlog_malformed_note, tlog_malformed_checkpoint: not a checkpoint note; tlog_unknown_checkpoint: "
             "not a checkpoint this log signed; tlog_note_bad_signature: a registered witness's line fails; "
             "cosignature_unverified: no line verifies with a registered witness key");
  s.add(Method::GET, "/api/v1/log/status", "getLogStatus", "Log status / 公开日志状态", "log")
      .permission("disclosure:publication:read")
      .returns(200, ref("LogStatus"), "The latest checkpoint and its cosignatures");
  s.add(Method::POST, "/api/v1/log/verify", "verifyLog", "Verify the log now / 立即校验公开日志", "log")
      .permission("disclosure:log:admin")
      .describe("What `qinglian log verify` does: recompute the log from the database and check every "
                "entry, stored hash, checkpoint and publication status against it.")
      .returns(200, ref("LogVerifyReport"), "The result; ok false names the first mismatch");
}

void document_disclosure_catalogs(Spec& s) {
  s.tag("disclosure-catalogs",
        "Disclosure catalogues (公开目录): templates, adoption, items; overdue and dashboard / 公开目录与逾期");
  const auto categories = std::vector<std::string>{"party", "affairs", "finance", "service"};
  const auto frequencies = std::vector<std::string>{"immediate", "monthly", "quarterly", "yearly"};
  const auto date = described(text(), "a business date YYYY-MM-DD (Asia/Shanghai)");
  const auto due_days =
      described(integer(0, 366), "days after each period's end (immediate: after the triggering event)");
  const auto threshold =
      described(integer(0, 10'000'000'000'000), "immediate items triggered by spending: amount in fen; 0 clears");
  const auto year = described(integer(2000, 2100), "calendar year");
  Properties item_fields = {{"id", integer(1)},
                            {"catalog_id", integer(1)},
                            {"code", described(text(), "stable ASCII code, e.g. finance.quarterly_income")},
                            {"title", text()},
                            {"category", one_of(categories)},
                            {"frequency", one_of(frequencies)},
                            {"due_days", integer(0, 366)},
                            {"threshold_fen", described(nullable(integer(1)), "e.g. 5000000 = 5万元")},
                            {"description", text()},
                            {"sort", integer()},
                            {"created_at", date_time()},
                            {"updated_at", date_time()}};
  s.schema("DisclosureCatalogItem", record(item_fields));
  s.schema("DefaultCatalog",
           record({{"items", array_of(record({{"code", text()},
                                               {"title", text()},
                                               {"category", one_of(categories)},
                                               {"frequency", one_of(frequencies)},
                                               {"due_days", integer(0, 366)},
                                               {"threshold_fen", nullable(integer(1))},
                                               {"description", text()},
                                               {"sort", integer()}}))}}));
  Properties summary = {{"id", integer(1)},
                        {"region_code", text()},
                        {"region_name", text()},
                        {"year", integer(2000, 2100)},
                        {"name", text()},
                        {"is_template", described(boolean(), "a street's (or higher region's) template")},
                        {"adopted_from", described(nullable(integer(1)), "the template it was copied from")},
                        {"item_count", integer(0)},
                        {"created_at", date_time()},
                        {"updated_at", date_time()}};
  s.schema("DisclosureCatalogSummary", record(summary));
  summary.push_back({"items", array_of(ref("DisclosureCatalogItem"))});
  s.schema("DisclosureCatalog", record(summary));
  s.schema("DisclosureCatalogPage", page_of("DisclosureCatalogSummary"));
  s.schema("OverdueDisclosure", record({{"region_code", text()},
                                        {"region_name", text()},
                                        {"catalog_id", integer(1)},
                                        {"item_code", text()},
                                        {"item_title", text()},
                                        {"category", one_of(categories)},
                                        {"period", described(text(), "2026-07, 2026-Q3 or 2026")},
                                        {"due_date", date},
                                        {"days_overdue", integer(1)}}));
  s.schema("OverduePage", record({{"items", array_of(ref("OverdueDisclosure"))},
                                  {"total", integer(0)},
                                  {"page", integer(1, kMaxPage)},
                                  {"size", integer(1, kMaxPageSize)},
                                  {"as_of", date}}));
  Properties figures = {{"periods", described(integer(0), "periodic obligations of the year")},
                        {"due", described(integer(0), "of those, due before as_of")},
                        {"published_on_time", described(integer(0), "due, first published by the due date")},
                        {"published_late", described(integer(0), "due, first published after the due date")},
                        {"overdue", described(integer(0), "due, not published")}};
  s.schema("DisclosureFigures", record(figures));
  figures.push_back({"region_code", text()});
  figures.push_back({"region_name", text()});
  figures.push_back({"catalog_id", described(nullable(integer(1)), "null: no catalogue for the year")});
  s.schema("DisclosureDashboard", record({{"year", integer(2000, 2100)},
                                          {"as_of", date},
                                          {"communities", array_of(record(figures))},
                                          {"totals", ref("DisclosureFigures")}}));

  const auto catalog_id = [](Operation& op) -> Operation& {
    return op.path_param("id", integer(1), "catalogue id")
        .fails(400, "invalid_id: the id is not a number")
        .fails(403, kScope403 + std::string(" (also for a catalogue that does not exist)"))
        .fails(404, "not_found: no such catalogue or item (callers scoped to a region get 403 for a catalogue)");
  };
  const auto tag = "disclosure-catalogs";
  const auto read = "disclosure:catalog:read", write = "disclosure:catalog:write";

  s.add(Method::GET, "/api/v1/disclosure/default-catalog", "getDefaultCatalog",
        "Built-in default catalogue / 默认公开目录模板", tag)
      .permission(read)
      .returns(200, ref("DefaultCatalog"), "The default items a template may start from");
  s.add(Method::GET, "/api/v1/disclosure/catalogs", "listCatalogs", "List catalogues / 公开目录列表", tag)
      .permission(read)
      .paging({"year", "region_code", "name", "created_at"}, "-year")
      .query("region", region_filter(15), "catalogues of that region and below")
      .query("year", year, "only this year")
      .query("is_template", boolean(), "true: templates only; false: community catalogues only")
      .returns(200, ref("DisclosureCatalogPage"), "A page of catalogues (without items)")
      .fails(403, kScope403)
      .fails(404, kRegion404);
  s.add(Method::POST, "/api/v1/disclosure/catalogs", "createCatalog", "Create a catalogue / 新建公开目录", tag)
      .permission(write)
      .json_body(object({{"region_code", described(text(15, 1), "a community; for a template a street or above")},
                         {"year", year},
                         {"name", described(text(100, 1), "default: <region name><year>年公开目录[模板]")},
                         {"is_template", boolean()},
                         {"from_default", described(boolean(), "fill with the default catalogue's items")}},
                        {"region_code", "year"}))
      .returns(201, ref("DisclosureCatalog"), "Created, with its items")
      .fails(400, "invalid_field region_code: the region's level does not suit a catalogue or template")
      .fails(403, kScope403)
      .fails(409, "duplicate_catalog: the region already has one of that kind for the year");
  s.add(Method::POST, "/api/v1/disclosure/catalogs/adopt", "adoptCatalog",
        "Adopt the nearest template / 采用上级模板", tag)
      .permission(write)
      .describe("Creates the community's catalogue for the year by copying the items of the template of its "
                "nearest ancestor that has one; the community may then add its own items.")
      .json_body(object({{"region_code", described(text(15, 1), "the community")},
                         {"year", year},
                         {"name", text(100, 1)}},
                        {"region_code", "year"}))
      .returns(201, ref("DisclosureCatalog"), "The community's catalogue, adopted_from set")
      .fails(403, kScope403)
      .fails(404, "no_template: no ancestor region has a template for that year")
      .fails(409, "duplicate_catalog: the community already has a catalogue for the year");
  catalog_id(s.add(Method::GET, "/api/v1/disclosure/catalogs/{id}", "getCatalog",
                   "Get a catalogue with its items / 公开目录详情", tag)
                 .permission(read)
                 .returns(200, ref("DisclosureCatalog"), "The catalogue and its items in display order"));
  catalog_id(s.add(Method::POST, "/api/v1/disclosure/catalogs/{id}/items", "addCatalogItem",
                   "Add an item / 新增目录事项", tag)
                 .permission(write)
                 .json_body(object({{"code", described(text(64, 2), "a-z, 0-9, '_', '.', starting with a letter")},
                                    {"title", text(100, 1)},
                                    {"category", one_of(categories)},
                                    {"frequency", one_of(frequencies)},
                                    {"due_days", due_days},
                                    {"threshold_fen", threshold},
                                    {"description", text(500)},
                                    {"sort", integer(0, 1'000'000)}},
                                   {"code", "title", "category", "frequency", "due_days"}))
                 .returns(201, ref("DisclosureCatalogItem"), "Created")
                 .fails(409, "duplicate_item: the catalogue already has an item with that code"));
  catalog_id(s.add(Method::PATCH, "/api/v1/disclosure/catalogs/{id}/items/{code}", "updateCatalogItem",
                   "Change an item / 修改目录事项", tag)
                 .permission(write)
                 .path_param("code", text(), "item code")
                 .json_body(object({{"title", text(100, 1)},
                                    {"category", one_of(categories)},
                                    {"frequency", described(one_of(frequencies), "leaving immediate drops threshold_fen")},
                                    {"due_days", due_days},
                                    {"threshold_fen", threshold},
                                    {"description", text(500)},
                                    {"sort", integer(0, 1'000'000)}},
                                   {}))
                 .returns(200, ref("DisclosureCatalogItem"), "The changed item"));
  catalog_id(s.add(Method::DELETE, "/api/v1/disclosure/catalogs/{id}/items/{code}", "deleteCatalogItem",
                   "Delete an item / 删除目录事项", tag)
                 .permission(write)
                 .path_param("code", text(), "item code")
                 .returns_nothing("Deleted")
                 .fails(409, "item_in_use: a disclosure refers to the item"));
  s.add(Method::GET, "/api/v1/disclosure/overdue", "listOverdueDisclosures", "Overdue disclosures / 公开逾期", tag)
      .permission(read)
      .describe("Every (community, periodic item, period) in scope whose due date is before as_of and that no "
                "published or superseded disclosure fulfils.")
      .paging({"days_overdue", "due_date", "region_code"}, "-days_overdue")
      .query("region", region_filter(15), "communities of that region and below")
      .query("as_of", described(text(10, 10), "YYYY-MM-DD; default today in Asia/Shanghai"), "reference date")
      .returns(200, ref("OverduePage"), "A page of overdue obligations")
      .fails(403, kScope403)
      .fails(404, kRegion404);
  s.add(Method::GET, "/api/v1/disclosure/dashboard", "getDisclosureDashboard",
        "Disclosure record per community / 公开情况统计", tag)
      .permission(read)
      .describe("Computed from catalogues and disclosures only, as of today in Asia/Shanghai.")
      .query("region", region_filter(15), "communities of that region and below")
      .query("year", year, "default: the current year")
      .returns(200, ref("DisclosureDashboard"), "Per community and in total")
      .fails(403, kScope403)
      .fails(404, kRegion404);
}

void document_public(Spec& s) {
  s.tag("public", "Resident pages / 一码公开: server-rendered HTML for the community's QR code, no login");
  const auto code = [](Operation& op) -> Operation& {
    return op.open()
        .path_param("region_code", text(), "any region's code, e.g. a community 339902001001")
        .fails_with_page(404, "text/html", "An HTML page: no such region");
  };
  code(s.add(Method::GET, "/p/{region_code}", "publicPage", "Community disclosure page / 三务公开页", "public"))
      .describe("Published publications by category and stage, newest first, each with its log entry and "
                "inclusion proof links, then withdrawn ones with their reasons. Cache-Control: no-cache "
                "with an ETag that changes with the log.")
      .query("large", boolean(), "true or 1: large-text mode (适老化)")
      .returns_text(200, "text/html", "The page")
      .not_modified("If-None-Match holds the current ETag");
  code(s.add(Method::GET, "/p/{region_code}/qr.svg", "publicPageQr", "QR code of the page / 二维码", "public"))
      .describe("The page's absolute URL (from the Host header, else the configured public_base_url) as an "
                "SVG QR code, level M.")
      .returns_text(200, "image/svg+xml", "The QR code");
  code(s.add(Method::GET, "/p/{region_code}/poster", "publicPoster", "Printable poster / 二维码海报", "public"))
      .describe("An A4 page for the notice board: community name, the QR code and the URL.")
      .returns_text(200, "text/html", "The poster");
}

void document_comments(Spec& s) {
  s.tag("comments", "Residents' questions and comments on publications (居民留言): the public form and its "
                    "moderation / 居民留言与审核答复");
  const auto statuses = std::vector<std::string>{"pending", "approved", "rejected"};
  const auto kinds = std::vector<std::string>{"question", "comment"};
  s.schema("DisclosureComment",
           record({{"id", integer(1)},
                   {"disclosure_id", integer(1)},
                   {"disclosure_title", text()},
                   {"disclosure_status", one_of({"published", "superseded", "withdrawn"})},
                   {"region_code", text()},
                   {"region_name", text()},
                   {"kind", one_of(kinds)},
                   {"body", described(text(), "plain text as the resident wrote it; newlines kept")},
                   {"author", described(text(), "the name the resident gave; empty: anonymous")},
                   {"status", one_of(statuses)},
                   {"reject_reason", nullable(text())},
                   {"moderated_by", described(nullable(text()), "username of the moderator")},
                   {"moderated_at", nullable(date_time())},
                   {"answer", described(nullable(text()), "the public answer")},
                   {"answered_by", nullable(text())},
                   {"answered_at", nullable(date_time())},
                   {"created_at", date_time()},
                   {"updated_at", nullable(date_time())}}));
  s.schema("DisclosureCommentPage", page_of("DisclosureComment"));
  const auto tag = "comments";
  const auto moderate = "disclosure:comment:moderate";

  const auto page_path = [](Operation& op) -> Operation& {
    return op.open()
        .path_param("region_code", text(), "the community's code, e.g. 339902001001")
        .path_param("id", text(), "a publication of that community")
        .fails_with_page(404, "text/html",
                         "An HTML page: no such region, or no published, corrected or withdrawn publication of it "
                         "with that id (drafts are never shown)");
  };
  page_path(s.add(Method::GET, "/p/{region_code}/d/{id}", "publicDisclosurePage",
                  "A publication with residents' questions / 公开事项详情与留言", tag))
      .describe("The publication, its approved comments with public answers, and (for a current publication) "
                "a plain HTML form posting to /p/{region_code}/d/{id}/comments; works without JavaScript. A "
                "corrected one links to the correction and takes no comments; a withdrawn one shows the reason.")
      .query("large", boolean(), "true or 1: large-text mode (适老化)")
      .query("lang", one_of({"en", "zh"}), "page language; default from Accept-Language (zh-CN)")
      .query("sent", boolean(), "show the confirmation 已提交，审核后公开 (the redirect after a submission)")
      .returns_text(200, "text/html", "The page");
  page_path(s.add(Method::POST, "/p/{region_code}/d/{id}/comments", "submitDisclosureComment",
                  "Ask a question or comment (form) / 提交留言", tag))
      .describe("The page's form, application/x-www-form-urlencoded: kind (question|comment), body (2-500 "
                "characters), name (optional, at most 20), anonymous (1: no name), form_token (from the page, "
                "valid 12 hours), large and lang (kept for the answer page). Stored as pending until a supervisor "
                "approves it. Limits per client (a salted hash of the address; X-Forwarded-For only from a "
                "configured trusted proxy): 5 per 10 minutes and 20 per day; 100 per publication per day. "
                "Errors re-render the page with the resident's text and the reason.")
      .raw_body("application/x-www-form-urlencoded", "the form fields")
      .redirects(303, "Stored: Location is the page with sent=1 (Post/Redirect/Get)")
      .fails_with_page(400, "text/html",
                       "The page with the form and the message: invalid_field (kind, body or name), malformed_form")
      .fails_with_page(403, "text/html",
                       "The page with the form: form_expired (missing, forged or expired form_token, or an Origin "
                       "of another site)")
      .fails_with_page(409, "text/html", "comment_closed: the publication was corrected or withdrawn")
      .fails_with_page(413, "text/html", "body_too_large: the form data exceeds 16 KiB")
      .fails_with_page(415, "text/html", "unsupported_media_type: not a form post")
      .fails_with_page(429, "text/html",
                       "comment_rate_limited: too many submissions from this client or for this publication "
                       "(Retry-After)");

  s.add(Method::GET, "/api/v1/disclosure/comments", "listDisclosureComments", "Residents' comments / 居民留言列表",
        tag)
      .logged_in()
      .describe("Needs disclosure:comment:moderate (supervisors) or disclosure:comment:answer (secretary, "
                "clerk). Comments of publications in the caller's data scope.")
      .paging({"created_at", "status"}, "-created_at")
      .query("region", region_filter(15), "publications of that region and below")
      .query("status", one_of(statuses), "moderation status")
      .query("kind", one_of(kinds), "question or comment")
      .query("disclosure_id", integer(1, 999'999'999'999'999), "one publication")
      .query("answered", boolean(), "true: answered only; false: not answered yet")
      .returns(200, ref("DisclosureCommentPage"), "A page of comments")
      .fails(403, "permission_denied: neither disclosure:comment:moderate nor disclosure:comment:answer; " +
                      std::string(kScope403))
      .fails(404, kRegion404);
  scoped_id_param(s.add(Method::POST, "/api/v1/disclosure/comments/{id}/approve", "approveDisclosureComment",
                        "Approve (publish) a comment / 审核通过", tag)
                      .permission(moderate)
                      .returns(200, ref("DisclosureComment"), "Approved: shown on the publication's page"),
                  "comment")
      .fails(409, "comment_state: already approved");
  scoped_id_param(s.add(Method::POST, "/api/v1/disclosure/comments/{id}/reject", "rejectDisclosureComment",
                        "Reject a comment / 不予公开", tag)
                      .permission(moderate)
                      .json_body(object({{"reason", text(200, 2)}}, {"reason"}))
                      .returns(200, ref("DisclosureComment"), "Rejected: not shown (also taking an approved one down)"),
                  "comment")
      .fails(409, "comment_state: already rejected");
  scoped_id_param(s.add(Method::POST, "/api/v1/disclosure/comments/{id}/answer", "answerDisclosureComment",
                        "Answer a comment publicly / 答复留言", tag)
                      .permission("disclosure:comment:answer")
                      .json_body(object({{"answer", described(text(2000, 2), "plain text; newlines kept")}},
                                        {"answer"}))
                      .returns(200, ref("DisclosureComment"), "Answered (or the answer replaced); shown publicly"),
                  "comment")
      .fails(409, "comment_state: the comment is not approved");
}

Spec build_spec() {
  Spec s;
  document_common(s);
  document_auth(s);
  document_users(s);
  document_roles(s);
  document_regions(s);
  document_dicts(s);
  document_logs(s);
  document_disclosure_catalogs(s);
  document_disclosures(s);
  document_public(s);
  document_comments(s);
  document_ledger(s);
  document_assets(s);
  document_projects(s);
  document_deals(s);
  document_power_charts(s);
  document_power(s);
  document_service(s);
  return s;
}

}  // namespace

const Spec& api_spec() {
  static const Spec spec = build_spec();
  return spec;
}

}  // namespace ql::http::openapi
