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

// Number of Unicode characters (code points) in UTF-8 text: limits people read ("30 个字符")
// must mean the same for Chinese and Latin text.
std::size_t char_count(std::string_view s);

// Throws invalid_field(field) unless value has min_chars..max_chars characters.
void require_length(const std::string& field, std::string_view value, std::size_t min_chars,
                    std::size_t max_chars);

}  // namespace ql::text
