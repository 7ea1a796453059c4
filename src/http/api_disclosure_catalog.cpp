// Routes: /api/v1/disclosure/catalogs (公开目录), the default template, and what catalogues make
// due: /api/v1/disclosure/overdue and /api/v1/disclosure/dashboard.
#include "core/clock.hpp"
#include "core/error.hpp"
#include "disclosure/catalog.hpp"
#include "http/api.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

constexpr const char* kRead = "disclosure:catalog:read";
constexpr const char* kWrite = "disclosure:catalog:write";

disclosure::Frequency frequency_value(const std::string& v) {
  auto f = disclosure::parse_frequency(v);
  if (!f)
    throw invalid_field("frequency", "须为 immediate、monthly、quarterly 或 yearly",
                        "must be immediate, monthly, quarterly or yearly");
  return *f;
}

// Strings go to the service as read; it checks codes and categories, so the rules live once.
void read_item_fields(JsonInput& in, disclosure::ItemPatch& p) {
  p.title = in.optional_string("title", 100);
  p.category = in.optional_string("category", 20);
  if (auto f = in.optional_string("frequency", 20)) p.frequency = frequency_value(*f);
  if (auto d = in.optional_int("due_days", 0, disclosure::kMaxDueDays)) p.due_days = static_cast<int>(*d);
  p.threshold_fen = in.optional_int("threshold_fen", 0, disclosure::kMaxThresholdFen);
  p.description = in.optional_string("description", 500, TextKind::multiline);
  if (auto s = in.optional_int("sort", 0, 1'000'000)) p.sort = static_cast<int>(*s);
}

std::optional<int> year_query(const Request& req) {
  auto y = query_int(req, "year", disclosure::kMinCatalogYear, disclosure::kMaxCatalogYear);
  return y ? std::optional<int>(static_cast<int>(*y)) : std::nullopt;
}

}  // namespace

void register_disclosure_catalog_routes(Api& api) {
  api.route(Method::GET, "/api/v1/disclosure/default-catalog", kRead, [](Call& call) {
    return json_response(200, disclosure::default_catalog(call.actor()));
  });

  api.route(Method::GET, "/api/v1/disclosure/catalogs", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"year", "region_code", "name", "created_at"}, "-year");
    disclosure::CatalogFilter f{query_string(call.req, "region", 15), year_query(call.req),
                                query_bool(call.req, "is_template")};
    auto r = disclosure::list_catalogs(call.db, call.actor(), f, page);
    return json_response(200, page_json(std::move(r["items"]), r["total"], page));
  });

  api.route(Method::POST, "/api/v1/disclosure/catalogs", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    disclosure::NewCatalog nc;
    nc.region_code = in.required_string("region_code", 15);
    nc.year = static_cast<int>(in.required_int("year", disclosure::kMinCatalogYear, disclosure::kMaxCatalogYear));
    nc.name = in.optional_string("name", 100);
    nc.is_template = in.optional_bool("is_template").value_or(false);
    nc.from_default = in.optional_bool("from_default").value_or(false);
    in.finish();
    return json_response(201, disclosure::create_catalog(call.db, call.actor(), nc));
  });

  api.route(Method::POST, "/api/v1/disclosure/catalogs/adopt", kWrite, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto region = in.required_string("region_code", 15);
    auto year = static_cast<int>(in.required_int("year", disclosure::kMinCatalogYear, disclosure::kMaxCatalogYear));
    auto name = in.optional_string("name", 100);
    in.finish();
    return json_response(201, disclosure::adopt_catalog(call.db, call.actor(), region, year, name));
  });

  api.route(Method::GET, "/api/v1/disclosure/catalogs/{id}", kRead, [](Call& call) {
    return json_response(200, disclosure::get_catalog(call.db, call.actor(), path_id(call.req, "id")));
  });

  api.route(Method::POST, "/api/v1/disclosure/catalogs/{id}/items", kWrite, [](Call& call) {
    auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    disclosure::ItemInput item;
    item.code = in.required_string("code", 64);
    item.title = in.required_string("title", 100);
    item.category = in.required_string("category", 20);
    item.frequency = frequency_value(in.required_string("frequency", 20));
    item.due_days = static_cast<int>(in.required_int("due_days", 0, disclosure::kMaxDueDays));
    // 0 means none here as in a PATCH, so one schema serves both.
    item.threshold_fen = in.optional_int("threshold_fen", 0, disclosure::kMaxThresholdFen);
    if (item.threshold_fen == 0) item.threshold_fen.reset();
    item.description = in.optional_string("description", 500, TextKind::multiline).value_or("");
    item.sort = static_cast<int>(in.optional_int("sort", 0, 1'000'000).value_or(0));
    in.finish();
    return json_response(201, disclosure::add_catalog_item(call.db, call.actor(), id, item));
  });

  api.route(Method::PATCH, "/api/v1/disclosure/catalogs/{id}/items/{code}", kWrite, [](Call& call) {
    auto id = path_id(call.req, "id");
    auto in = JsonInput::parse(call.req);
    disclosure::ItemPatch p;
    read_item_fields(in, p);
    in.finish();
    return json_response(200, disclosure::update_catalog_item(call.db, call.actor(), id,
                                                              call.req.path_param("code"), p));
  });

  api.route(Method::DELETE, "/api/v1/disclosure/catalogs/{id}/items/{code}", kWrite, [](Call& call) {
    disclosure::delete_catalog_item(call.db, call.actor(), path_id(call.req, "id"), call.req.path_param("code"));
    return Response::no_content();
  });

  api.route(Method::GET, "/api/v1/disclosure/overdue", kRead, [](Call& call) {
    auto page = parse_paging(call.req, {"days_overdue", "due_date", "region_code"}, "-days_overdue");
    auto region = query_string(call.req, "region", 15);
    auto as_of = business_day(now());
    if (auto text = query_string(call.req, "as_of", 10)) {
      auto d = parse_date(*text);
      if (!d)
        throw bad_request("invalid_query", "查询参数 as_of 须为日期 YYYY-MM-DD",
                          "Query parameter 'as_of' must be a date YYYY-MM-DD", "as_of");
      as_of = *d;
    }
    auto r = disclosure::list_overdue(call.db, call.actor(), region, as_of, page);
    auto out = page_json(std::move(r["items"]), r["total"], page);
    out["as_of"] = r["as_of"];
    return json_response(200, out);
  });

  api.route(Method::GET, "/api/v1/disclosure/dashboard", kRead, [](Call& call) {
    auto region = query_string(call.req, "region", 15);
    const auto today = business_day(now());
    const int this_year = static_cast<int>(std::chrono::year_month_day{today}.year());
    return json_response(200, disclosure::disclosure_dashboard(call.db, call.actor(), region,
                                                               year_query(call.req).value_or(this_year), today));
  });
}

}  // namespace ql::http
