#include "http/openapi_list.hpp"

#include <utility>

namespace ql::http::openapi {

Json page_of(std::string_view item) {
  return record({{"items", array_of(ref(item))},
                 {"total", integer(0)},
                 {"page", integer(1, 10'000'000)},
                 {"size", integer(1, 200)}});
}

Operation& by_id(Operation& op, const std::string& what, std::string_view scope403) {
  return op.path_param("id", integer(1), what + " id")
      .fails(400, "invalid_id: the id is not a number")
      .fails(403, std::string(scope403) + " (also for an id that does not exist)")
      .fails(404, "not_found: no such " + what + " (callers scoped to a region get 403 instead)");
}

Json date_text(std::string what) { return described(text(10, 10), "YYYY-MM-DD: " + std::move(what)); }

Operation& region_filter(Operation& op) {
  return op.query("region", described(text(15), "that region and everything below it"), "region filter")
      .fails(403, "forbidden: the region is outside the caller's data scope");
}

Filter status_filter(std::vector<std::string> values) { return {"status", one_of(std::move(values)), "status"}; }

Filter q_filter(const std::string& what) { return {"q", text(50), what + " contains"}; }

Operation& regional_list(Operation& op, const std::vector<std::string>& sortable, const std::string& default_sort,
                         std::vector<Filter> filters) {
  region_filter(op.paging(sortable, default_sort));
  for (auto& f : filters) op.query(std::move(f.name), std::move(f.schema), std::move(f.description));
  return op;
}

Operation& exported_list(Operation& op, const ListDoc& doc) {
  return regional_list(op, doc.sortable, doc.default_sort, doc.filters)
      .exports(doc.download)
      .returns(200, openapi::ref(doc.page), doc.page_what);  // qualified: ADL would pick std::ref
}

}  // namespace ql::http::openapi
