#pragma once
// Shared filter for log lists: an inclusive [from, to] range on an ISO-8601 text column.
#include <optional>
#include <string>

#include "store/database.hpp"

namespace ql::audit {

// Returns " AND column >= $n AND column <= $m" for the bounds given (a date "YYYY-MM-DD" as
// `to` covers that whole day), or "" when neither is set. Throws invalid_field("from"/"to")
// for a malformed bound.
std::string time_range_condition(const std::string& column, const std::optional<std::string>& from,
                                 const std::optional<std::string>& to, store::Params& params);

}  // namespace ql::audit
