#pragma once
// RFC 4180 CSV reading for imports: quoted fields with "" escapes and embedded newlines,
// CRLF or LF line ends, a UTF-8 byte-order mark ignored.
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ql::csv {

struct Record {
  int line = 0;                     // 1-based line number where the record starts
  std::vector<std::string> fields;
};

// Parses all records. Throws ql::Error(bad_request, "malformed_csv") naming the line of an
// unterminated quote or a stray quote inside an unquoted field. Blank lines are skipped.
std::vector<Record> parse(std::string_view text);

// One record as views into the text or the parser's reused buffer: no allocation per field,
// so a million-line import does not do ten million small mallocs. Valid only during the
// callback.
struct RecordView {
  int line = 0;  // 1-based physical line where the record starts
  int row = 0;   // 1-based row as Excel shows the file: blank lines count, quoted newlines don't
  const std::vector<std::string_view>& fields;
};

// Streams the records of text to on_record, with parse()'s rules and errors (parse() is built
// on it). Blank lines are skipped but counted in `row`.
template <typename F>
void for_each_record(std::string_view text, F&& on_record);

// Quotes a field when it contains a comma, quote, CR or LF.
std::string escape(std::string_view field);

namespace detail {
// The non-template engine behind for_each_record (callback through a function pointer, so the
// parser is compiled once).
void scan(std::string_view text, void (*emit)(void*, const RecordView&), void* ctx);
}  // namespace detail

template <typename F>
void for_each_record(std::string_view text, F&& on_record) {
  detail::scan(
      text, [](void* ctx, const RecordView& r) { (*static_cast<std::remove_reference_t<F>*>(ctx))(r); },
      const_cast<void*>(static_cast<const void*>(&on_record)));
}

}  // namespace ql::csv
