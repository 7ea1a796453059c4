#pragma once
// Small helpers over lists of strings that every module needs the same way.
#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace ql {

// Whether v is one of the values in list: the one membership test for closed sets of codes
// (kinds, statuses, roles), so every module checks them alike. list is any range of things
// convertible to std::string_view (std::vector<std::string>, arrays of string_view, ...).
template <class Range>
bool among(const Range& list, std::string_view v) {
  return std::any_of(std::begin(list), std::end(list), [v](const auto& s) { return std::string_view(s) == v; });
}

// The same for a literal list written at the call: among({"approve", "reject"}, action).
inline bool among(std::initializer_list<std::string_view> list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace ql
