#include "core/csv.hpp"

#include "core/error.hpp"

namespace ql::csv {

std::vector<Record> parse(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<Record> out;
  Record rec;
  std::string field;
  bool quoted = false, field_started = false, after_quote = false;
  int line = 1;
  rec.line = 1;
  auto malformed = [&](const std::string& zh, const std::string& en) {
    return Error(ErrorKind::bad_request, "malformed_csv", "CSV 第 " + std::to_string(line) + " 行: " + zh,
                 "CSV line " + std::to_string(line) + ": " + en);
  };
  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    field_started = after_quote = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) out.push_back(std::move(rec));
    rec = Record{};
    rec.line = line + 1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (ch == '\n') ++line;
        field.push_back(ch);
      }
      continue;
    }
    if (ch == ',') {
      end_field();
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
    } else if (ch == '"') {
      if (field_started || after_quote) throw malformed("字段中有多余的引号", "stray quote inside a field");
      quoted = true;
      field_started = true;
    } else {
      if (after_quote) throw malformed("引号后有多余字符", "characters after a closing quote");
      field.push_back(ch);
      field_started = true;
    }
  }
  if (quoted) throw malformed("引号未闭合", "unterminated quoted field");
  if (field_started || !rec.fields.empty()) end_record();
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
