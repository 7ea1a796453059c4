#pragma once
// A small validator for the OpenAPI 3.0 schema subset that Qinglian's document uses, so the
// OpenApi test can check real responses against the document without an outside library.
//
// Supported: type (object, array, string, integer, number, boolean) with nullable; properties,
// required, additionalProperties (true/false); items, maxItems; enum; minimum, maximum;
// minLength, maxLength (counted in code points, as the API counts); format "date-time" (the
// API's "YYYY-MM-DDTHH:MM:SSZ"); and $ref "#/components/schemas/NAME". The annotations
// description, default, title and example are ignored. Every other keyword is a problem, so
// the document cannot rely on a constraint that nothing checks.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ql::test {

// Problems of value against schema, each "<JSON pointer>: <what>"; empty when it conforms.
// $refs are resolved in document (the whole OpenAPI document).
std::vector<std::string> check_schema(const nlohmann::json& value, const nlohmann::json& schema,
                                      const nlohmann::json& document);

// Problems of the schema itself: unsupported keywords or types, a $ref that resolves to
// nothing or has siblings (which OpenAPI 3.0 ignores), nullable without a type. Walks nested
// schemas but does not follow $refs (lint the components separately).
std::vector<std::string> lint_schema(const nlohmann::json& schema, const nlohmann::json& document);

// The schema that ref ("#/components/schemas/NAME") names in document, or nullptr.
const nlohmann::json* resolve_ref(const std::string& ref, const nlohmann::json& document);

// schema itself, or the schema its $ref names (nullptr when that resolves to nothing).
const nlohmann::json* resolve(const nlohmann::json& schema, const nlohmann::json& document);

}  // namespace ql::test
