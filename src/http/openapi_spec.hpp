#pragma once
// The hand-written half of GET /api/v1/openapi.json: for each route what it takes and returns,
// who may call it and how it fails, which the router cannot know. openapi.cpp merges this with
// the router's routes, so the document never misses a route; this file only adds meaning.
//
// A module documents its routes in one function that adds components (reusable schemas) and
// Operations to the Spec, called from api_spec() (see openapi_spec.cpp for the foundation's).
// The builders below encode the API's conventions (docs/API.md) once: an operation that reads
// a JSON body automatically documents its 400/413/415, a non-public one its 401, and so on,
// so an operation only spells out what is particular to it.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace ql::http::openapi {

using Json = nlohmann::json;
using Properties = std::vector<std::pair<std::string, Json>>;

// ---- Schema builders: OpenAPI 3.0 Schema Objects, only with keywords the OpenApi integration
// test's validator checks. Lengths count characters (code points), as JsonInput does.

// {"$ref": "#/components/schemas/<component>"}.
Json ref(std::string_view component);
// Any string (responses), or one of min_len..max_len characters (inputs).
Json text();
Json text(std::size_t max_len, std::size_t min_len = 0);
// A UTC time as stored: "YYYY-MM-DDTHH:MM:SSZ".
Json date_time();
// An integer, with the bounds given.
Json integer(std::optional<std::int64_t> min = std::nullopt, std::optional<std::int64_t> max = std::nullopt);
Json boolean();
// A string that is one of values.
Json one_of(std::vector<std::string> values);
Json array_of(Json items, std::optional<std::size_t> max_items = std::nullopt);
// schema, or JSON null. Not for a $ref, whose siblings OpenAPI 3.0 ignores (std::logic_error).
Json nullable(Json schema);
// Any JSON object (e.g. an operation log entry's changes, whose shape depends on the object).
Json free_object();
// A closed object (additionalProperties: false) with the required properties listed.
Json object(Properties properties, std::vector<std::string> required);
// A closed object with every property always present: the shape of a response record.
Json record(Properties properties);
// schema with a "description".
Json described(Json schema, std::string description);

// Who may call an operation, mirroring Api::route's access argument.
enum class Access { open, logged_in, permission };

// One documented operation (method + path pattern, spelled exactly as registered).
class Operation {
 public:
  // path is the router pattern; each {name} capture becomes a required string path parameter
  // until path_param() says more. Access starts as logged_in.
  Operation(Method method, std::string path, std::string id, std::string summary, std::string tag);

  Method method() const { return method_; }
  const std::string& path() const { return path_; }
  const std::string& id() const { return id_; }
  Access access() const { return access_; }
  // The permission the route requires, empty unless access() is Access::permission.
  const std::string& permission() const { return permission_; }

  // No login (security: []).
  Operation& open();
  // Any logged-in user (the default).
  Operation& logged_in();
  // A logged-in user whose role grants `code` (documented as x-permission and a 403).
  Operation& permission(std::string code);
  Operation& describe(std::string description);
  // Refines the {name} capture's schema; throws std::logic_error if the path has no such capture.
  Operation& path_param(const std::string& name, Json schema, std::string description);
  // An optional query parameter; one with constraints also documents the 400 it causes.
  Operation& query(std::string name, Json schema, std::string description);
  // page, size and sort as parse_paging reads them; sort may be any of sortable, optionally
  // prefixed with '-' for descending.
  Operation& paging(const std::vector<std::string>& sortable, const std::string& default_sort);
  // A JSON object body read with JsonInput: documents 400, 413 and 415 as well.
  Operation& json_body(Json schema);
  // A body of another media type that the handler reads itself.
  Operation& raw_body(std::string media_type, std::string description);
  // A JSON success response.
  Operation& returns(int status, Json schema, std::string description);
  // A success response that is not JSON (plain text, metrics).
  Operation& returns_text(int status, std::string media_type, std::string description);
  // A list that can also be downloaded (http/export.hpp): documents the `format` query
  // parameter and the .xlsx and CSV bodies of the 200 response besides its JSON page.
  Operation& exports(std::string what);
  // A file download: the response's Content-Type is one of media_types (all documented).
  Operation& returns_file(int status, std::vector<std::string> media_types, std::string description);
  // 204 No Content.
  Operation& returns_nothing(std::string description);
  // 304 Not Modified (no body): a conditional GET whose If-None-Match matched the ETag.
  Operation& not_modified(std::string description);
  // A 3xx answer without a body whose Location header says where to go next (e.g. 303 after a
  // form post: Post/Redirect/Get).
  Operation& redirects(int status, std::string description);
  // An error answered with a page for people (e.g. text/html) instead of the Error JSON.
  Operation& fails_with_page(int status, std::string media_type, std::string description);
  // The success response `status` (already declared) sets the session cookie.
  Operation& sets_cookie(int status, std::string description);
  // An error status (with the Error body) and why; `why` leads with the error code, e.g.
  // "not_found: no such user". Repeated statuses accumulate their reasons.
  Operation& fails(int status, std::string why);

  // The OpenAPI Operation Object.
  Json to_json() const;

 private:
  struct Response {
    std::string description;
    std::optional<std::pair<std::string, Json>> content;  // media type, schema
    std::vector<std::string> more_media;                  // further media types, same schema
    std::optional<std::string> cookie;                    // Set-Cookie description
  };
  Response& success(int status, std::string description);
  bool unsafe() const;

  Method method_;
  std::string path_, id_, summary_, tag_, description_;
  Access access_ = Access::logged_in;
  std::string permission_;
  std::vector<Json> path_params_, query_params_;
  std::optional<std::pair<std::string, Json>> body_;  // media type, schema
  std::map<int, Response> successes_;
  std::map<int, std::vector<std::string>> errors_;  // status -> reasons
  bool json_body_ = false, validated_query_ = false;
  std::string export_what_;  // set by exports(): the 200 also comes as .xlsx and CSV
};

// The documentation of a set of routes and the schemas they share.
class Spec {
 public:
  // Starts an operation; throws std::logic_error when its method and path, or its id, are
  // already documented. The reference stays valid for the Spec's lifetime.
  Operation& add(Method method, std::string path, std::string id, std::string summary, std::string tag);
  // A tag (group of operations) with its description, in display order.
  void tag(std::string name, std::string description);
  // A component schema; throws std::logic_error for a second one of the same name.
  void schema(const std::string& name, Json schema);

  // The operation documenting method + path (the router pattern), or nullptr.
  const Operation* find(Method method, std::string_view path) const;
  const std::deque<Operation>& operations() const { return operations_; }
  const Json& schemas() const { return schemas_; }
  const Json& tags() const { return tags_; }

 private:
  std::deque<Operation> operations_;  // a deque keeps add()'s references valid
  Json schemas_ = Json::object();
  Json tags_ = Json::array();
};

// Modules documenting their routes in a file of their own (openapi_spec_<module>.cpp).
void document_ledger(Spec& s);
void document_assets(Spec& s);  // openapi_spec_assets.cpp
void document_projects(Spec& s);  // openapi_spec_projects.cpp
void document_deals(Spec& s);   // openapi_spec_deals.cpp: asset deals and stock-takes
void document_power_charts(Spec& s);  // openapi_spec_power_charts.cpp: the 三图三表
void document_power(Spec& s);         // openapi_spec_power.cpp: items, rules, cases, seal uses

// Every Qinglian route's documentation, built on first use (thread-safe) and never changed.
const Spec& api_spec();

}  // namespace ql::http::openapi
