#pragma once
// GET /api/v1/openapi.json: an OpenAPI 3.0.3 document of every registered endpoint. The paths
// come from the router, so the document cannot miss a route; what each operation takes and
// returns comes from the hand-written documentation in openapi_spec.cpp.
#include <nlohmann/json.hpp>

#include "http/router.hpp"

namespace ql::http {

// The document for router's routes. A route without documentation still appears, as an
// operation marked "x-undocumented": true with only a generic error response, instead of
// making this throw: a throw would turn the whole document into a 500 the moment a route is
// registered before it is documented, while the OpenApi integration test names every such
// route and fails. Documentation for a route the router does not have is left out.
nlohmann::json openapi_document(const Router& router);

}  // namespace ql::http
