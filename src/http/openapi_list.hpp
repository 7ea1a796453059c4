#pragma once
// Documentation pieces the module spec files (openapi_spec_<module>.cpp) share: the paged list
// of regional rows that also downloads as a spreadsheet (the spec side of http/list_route.hpp),
// its page schema, and the {id} routes' failures. One wording for every module, so a list
// documented here reads like every other.
#include <string>
#include <string_view>
#include <vector>

#include "http/openapi_spec.hpp"

namespace ql::http::openapi {

// The 403 of a route about one village's rows.
inline constexpr const char* kVillageScope403 = "forbidden: the village is outside the caller's data scope";

// {"items":[item...],"total","page","size"}: a page of the component `item`.
Json page_of(std::string_view item);

// An {id} route: the id's 400, the scope's 403 (also for an id that does not exist) and the 404.
Operation& by_id(Operation& op, const std::string& what, std::string_view scope403 = kVillageScope403);

// A YYYY-MM-DD text of exactly ten characters, described.
Json date_text(std::string what);

// region (that region and everything below it) with the 403 for a region outside the scope.
Operation& region_filter(Operation& op);

// One optional query filter of a list.
struct Filter {
  std::string name;
  Json schema;
  std::string description;
};
// status: one of values.
Filter status_filter(std::vector<std::string> values);
// q: a text of at most 50 characters that `what` contains.
Filter q_filter(const std::string& what);

// A paged list of regional rows: paging, the region filter, then `filters` in order.
Operation& regional_list(Operation& op, const std::vector<std::string>& sortable, const std::string& default_sort,
                         std::vector<Filter> filters);

// What a list route that downloads documents besides its filters (see list_route.hpp).
struct ListDoc {
  std::vector<std::string> sortable;
  std::string default_sort;
  std::vector<Filter> filters;  // after region, in the order given
  std::string download;         // what the .xlsx/CSV holds (Operation::exports)
  std::string page;             // the page component, e.g. "AssetPage"
  std::string page_what;        // the 200's description
};
// regional_list() that also takes format=xlsx|csv and answers 200 with a page of `page`.
Operation& exported_list(Operation& op, const ListDoc& doc);

}  // namespace ql::http::openapi
