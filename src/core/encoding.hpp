#pragma once
// Text encodings of uploaded files. Chinese spreadsheet and accounting software exports CSV in
// GB18030/GBK (Excel's "CSV" in a zh-CN Windows), in UTF-8 with or without a byte-order mark,
// or as UTF-16LE with a BOM (Excel's "Unicode text"). Everything is converted to UTF-8 once,
// at the boundary, with glibc iconv.
#include <cstddef>
#include <string>
#include <string_view>

namespace ql::encoding {

enum class Encoding { utf8, utf8_bom, utf16le, utf16be, gb18030 };

// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030".
std::string_view name(Encoding e);

// Offset of the first byte that is not part of a valid UTF-8 sequence (overlongs, surrogates
// and code points above U+10FFFF are invalid), or npos when all of s is valid.
std::size_t invalid_utf8_offset(std::string_view s);

// Picks the encoding by BOM, else UTF-8 when the whole text is valid UTF-8, else GB18030 (a
// superset of GBK and GB2312). Pure ASCII is UTF-8. Valid GB18030 Chinese text is practically
// never valid UTF-8, so the guess is reliable for the files we get.
Encoding detect(std::string_view bytes);

// The text as UTF-8 without a BOM. When `bytes` is UTF-8 already it is validated and moved,
// not copied. Throws ql::Error(bad_request, "invalid_encoding") naming the line and byte
// offset (both 1-based / 0-based as stated in the message) of the first undecodable byte.
std::string to_utf8(std::string bytes, Encoding from);

// detect() then to_utf8(); `detected` receives the encoding when not null.
std::string decode(std::string bytes, Encoding* detected = nullptr);

}  // namespace ql::encoding
