#pragma once
// Text hygiene for values that reach storage from outside (headers, free text): PostgreSQL
// rejects invalid UTF-8, so anything not validated upstream goes through here first.
#include <cstddef>
#include <string>
#include <string_view>

namespace ql::text {

// s with invalid UTF-8 sequences replaced by U+FFFD, cut to at most max_bytes without
// splitting a character.
std::string clean_utf8(std::string_view s, std::size_t max_bytes);

}  // namespace ql::text
