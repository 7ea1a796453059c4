#pragma once
// RFC 4180 CSV reading for imports: quoted fields with "" escapes and embedded newlines,
// CRLF or LF line ends, a UTF-8 byte-order mark ignored.
#include <string>
#include <string_view>
#include <vector>

namespace ql::csv {

struct Record {
  int line = 0;                     // 1-based line number where the record starts
  std::vector<std::string> fields;
};

// Parses all records. Throws ql::Error(bad_request, "malformed_csv") naming the line of an
// unterminated quote or a stray quote inside an unquoted field. Blank lines are skipped.
std::vector<Record> parse(std::string_view text);

// Quotes a field when it contains a comma, quote, CR or LF.
std::string escape(std::string_view field);

}  // namespace ql::csv
