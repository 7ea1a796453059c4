#pragma once
// GET /api/v1/openapi.json: an OpenAPI 3 document of every registered endpoint, generated from
// the router so that it cannot miss a route, enriched with the schemas in openapi_schemas.cpp.
#include <nlohmann/json.hpp>

#include "http/router.hpp"

namespace ql::http {

nlohmann::json openapi_document(const Router& router);

}  // namespace ql::http
