#include "core/csv.hpp"

#include <algorithm>
#include <cstring>

#include "core/error.hpp"

namespace ql::csv {

namespace detail {

void scan(std::string_view text, void (*emit)(void*, const RecordView&), void* ctx) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const char* s = text.data();
  const std::size_t n = text.size();
  int line = 1, row = 1;
  auto malformed = [&](const std::string& zh, const std::string& en) {
    return Error(ErrorKind::bad_request, "malformed_csv", "CSV 第 " + std::to_string(line) + " 行: " + zh,
                 "CSV line " + std::to_string(line) + ": " + en);
  };
  // A field is a view into the text, or (quoted with "" escapes) a range of `arena`; views
  // into the arena are made only at the end of the record, when it no longer grows.
  struct Span {
    const char* p;  // nullptr: in the arena at offset `off`
    std::size_t off, len;
  };
  std::vector<Span> spans;
  std::vector<std::string_view> views;
  std::string arena;
  std::size_t i = 0;
  while (i < n) {
    const int record_line = line;
    spans.clear();
    arena.clear();
    for (;;) {
      if (i < n && s[i] == '"') {
        ++i;
        std::size_t seg = i;
        bool escaped = false;
        const std::size_t arena_start = arena.size();
        for (;;) {
          const void* q = std::memchr(s + i, '"', n - i);
          if (!q) {
            line += static_cast<int>(std::count(s + i, s + n, '\n'));
            throw malformed("引号未闭合", "unterminated quoted field");
          }
          const auto at = static_cast<std::size_t>(static_cast<const char*>(q) - s);
          line += static_cast<int>(std::count(s + i, s + at, '\n'));
          if (at + 1 < n && s[at + 1] == '"') {  // "" is one quote
            escaped = true;
            arena.append(s + seg, at + 1 - seg);
            i = seg = at + 2;
            continue;
          }
          if (escaped) {
            arena.append(s + seg, at - seg);
            spans.push_back({nullptr, arena_start, arena.size() - arena_start});
          } else {
            spans.push_back({s + seg, 0, at - seg});
          }
          i = at + 1;
          break;
        }
        if (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
          throw malformed("引号后有多余字符", "characters after a closing quote");
      } else {
        const std::size_t start = i;
        while (i < n) {
          const char c = s[i];
          if (c == ',' || c == '\n' || c == '\r') break;
          if (c == '"') throw malformed("字段中有多余的引号", "stray quote inside a field");
          ++i;
        }
        spans.push_back({s + start, 0, i - start});
      }
      if (i < n && s[i] == ',') {
        ++i;
        continue;
      }
      break;  // end of line or of text
    }
    const bool blank = spans.size() == 1 && spans[0].len == 0;
    if (!blank) {
      views.clear();
      for (const auto& sp : spans)
        views.emplace_back(sp.p ? sp.p : arena.data() + sp.off, sp.len);
      emit(ctx, RecordView{record_line, row, views});
    }
    ++row;
    if (i < n) {  // a line end: CRLF, LF or a lone CR
      if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') ++i;
      ++i;
      ++line;
    }
  }
}

}  // namespace detail

std::vector<Record> parse(std::string_view text) {
  std::vector<Record> out;
  for_each_record(text, [&](const RecordView& r) {
    Record rec;
    rec.line = r.line;
    rec.fields.assign(r.fields.begin(), r.fields.end());
    out.push_back(std::move(rec));
  });
  return out;
}

std::string escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char ch : field) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
  return out;
}

}  // namespace ql::csv
