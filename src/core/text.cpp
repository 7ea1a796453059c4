#include "core/text.hpp"

#include "core/error.hpp"

namespace ql::text {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n;
  unsigned min;
  if (b0 < 0x80) return 1;
  if ((b0 & 0xE0) == 0xC0) n = 2, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) n = 3, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) n = 4, min = 0x10000;
  else return 0;
  if (i + n > s.size()) return 0;
  unsigned cp = b0 & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not valid UTF-8.
  if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n;
}

}  // namespace

std::string clean_utf8(std::string_view s, std::size_t max_bytes) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = sequence_length(s, i);
    const std::string_view piece = n ? s.substr(i, n) : kReplacement;
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
    i += n ? n : 1;
  }
  return out;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;  // count every byte that starts a character
  return n;
}

void require_length(const std::string& field, std::string_view value, std::size_t min_chars,
                    std::size_t max_chars) {
  const auto n = char_count(value);
  if (n >= min_chars && n <= max_chars) return;
  const auto range = std::to_string(min_chars) + " 到 " + std::to_string(max_chars);
  const auto range_en = std::to_string(min_chars) + " to " + std::to_string(max_chars);
  if (min_chars == 1 && n == 0) throw invalid_field(field, "不能为空", "must not be empty");
  throw invalid_field(field, "长度须为 " + range + " 个字符", "must be " + range_en + " characters long");
}

}  // namespace ql::text
