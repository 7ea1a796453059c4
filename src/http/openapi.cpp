#include "http/openapi.hpp"

#include <string>

namespace ql::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  for (const auto& route : router.routes()) {
    nlohmann::json op = {{"responses",
                          {{"default",
                            {{"description", "Error"},
                             {"content",
                              {{"application/json",
                                {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    nlohmann::json params = nlohmann::json::array();
    for (const auto& seg : route.segments)
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    paths[route.pattern][lower(to_string(route.method))] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "Qinglian API"}, {"version", QL_VERSION}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
            {"schemas",
             {{"Error",
               {{"type", "object"},
                {"required", {"error"}},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"required", {"code", "message"}},
                    {"properties",
                     {{"code", {{"type", "string"}}},
                      {"message", {{"type", "string"}}},
                      {"field", {{"type", "string"}}}}}}}}}}}}}}}};
}

}  // namespace ql::http
