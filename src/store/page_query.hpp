#pragma once
// The count-and-page pattern every list endpoint uses, written once.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/paging.hpp"
#include "store/database.hpp"

namespace ql::store {

struct PageRows {
  Result rows;
  std::int64_t total = 0;
};

// Runs "SELECT COUNT(*) FROM <from> WHERE <where>" and
// "SELECT <columns> FROM <from> WHERE <where> ORDER BY <page.sort> [DESC], <tiebreak>
//  LIMIT .. OFFSET ..". page.sort must already be whitelisted by the caller (it is spliced
// into the SQL); params are the where clause's $n parameters.
PageRows query_page(Connection& c, std::string_view columns, std::string_view from,
                    std::string_view where, Params params, const PageRequest& page,
                    std::string_view tiebreak);

// "(lower(c1) LIKE $n ESCAPE '\' OR lower(c2) LIKE $n ...)" matching rows where any column
// contains `needle` literally (% and _ in it are not wildcards) and, for ASCII letters,
// case-insensitively on both backends. Appends the one parameter to params.
std::string contains_condition(const std::vector<std::string_view>& columns, std::string_view needle,
                               Params& params);

}  // namespace ql::store
