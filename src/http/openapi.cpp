#include "http/openapi.hpp"

#include <cctype>
#include <string>
#include <string_view>

#include "http/api.hpp"
#include "http/openapi_spec.hpp"

namespace ql::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// A placeholder that keeps an undocumented route visible (with its path parameters) and
// flagged for the test, without pretending to know its responses.
nlohmann::json undocumented(const Router::Route& route) {
  const auto id = "undocumented_" + lower(to_string(route.method)) + "_" + route.pattern;
  auto op =
      openapi::Operation(route.method, route.pattern, id, "Not documented yet", "undocumented").to_json();
  op["x-undocumented"] = true;
  op["responses"] = {{"default",
                      {{"description", "Not documented yet"},
                       {"content", {{"application/json", {{"schema", openapi::ref("Error")}}}}}}}};
  return op;
}

const char* const kDescription =
    "Qinglian JSON API (docs/API.md). Log in with POST /api/v1/auth/login, then send "
    "`Authorization: Bearer TOKEN`, or rely on the ql_session cookie and send `X-CSRF-Token` "
    "with every POST/PUT/PATCH/DELETE. Errors are `{\"error\":{\"code\",\"message\",\"field\"?}}` "
    "in zh-CN, or English with `Accept-Language: en`. In JSON bodies unknown fields are rejected "
    "and null counts as absent; string lengths count characters. Besides the statuses listed per "
    "operation, any request may get 500/503 (server or database failure) and, through the HTTP "
    "server, 413 for a body over its limit (8 MiB by default) and 405 for a method a path does not "
    "serve. Times are UTC, `YYYY-MM-DDTHH:MM:SSZ`.";

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  const auto& spec = openapi::api_spec();
  nlohmann::json paths = nlohmann::json::object();
  for (const auto& route : router.routes()) {
    const auto* op = spec.find(route.method, route.pattern);
    paths[route.pattern][lower(to_string(route.method))] = op ? op->to_json() : undocumented(route);
  }
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "Qinglian API"}, {"version", QL_VERSION}, {"description", kDescription}}},
      {"tags", spec.tags()},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"bearer",
           {{"type", "http"}, {"scheme", "bearer"}, {"description", "token from POST /api/v1/auth/login"}}},
          {"cookie",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", kSessionCookie},
            {"description", "set by login; writes also need the X-CSRF-Token header"}}}}},
        {"schemas", spec.schemas()}}}};
}

}  // namespace ql::http
