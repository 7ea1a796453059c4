#include "disclosure/step_disclosure.hpp"

#include "core/clock.hpp"
#include "core/text.hpp"

namespace ql::disclosure {

std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n' || ch == '\r') out += ' ';
    else out += ch;
  }
  return out;
}

std::string step_title(std::string_view title) {
  auto t = text::clean_utf8(title, 400);
  if (text::char_count(t) <= 100) return t;
  std::string out;
  std::size_t n = 0;
  for (char ch : t) {
    // A byte that is not a UTF-8 continuation byte starts the next character.
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80 && ++n > 99) break;
    out += ch;
  }
  return out + "…";
}

std::string facts_table(std::string_view heading, const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string out = "## " + std::string(heading) + "\n\n| 项目 | 内容 |\n| --- | --- |\n";
  for (const auto& [label, value] : rows) out += "| " + label + " | " + markdown_cell(value) + " |\n";
  return out;
}

std::string completed_steps_table(const nlohmann::json& steps, StepColumns columns, std::string_view name_key) {
  std::string out = "\n### 已完成环节\n\n| " + std::string(columns.seq) + " | " + std::string(columns.name) +
                    " | 办理人 | 时间 |\n| --- | --- | --- | --- |\n";
  for (const auto& s : steps) {
    if (s["status"] != "done") continue;
    const auto& by = s["done_by_name"];
    const auto& at = s["done_at"];
    out += "| " + std::to_string(s["seq"].get<std::int64_t>()) + " | " +
           markdown_cell(s[std::string(name_key)].get<std::string>()) + " | " +
           markdown_cell(by.is_null() ? "" : by.get<std::string>()) + " | " +
           (at.is_null() ? std::string() : business_time_text(at.get<std::string>())) + " |\n";
  }
  return out;
}

nlohmann::json step_disclosures(store::Connection& c, std::string_view step_table, std::string_view record_column,
                                std::int64_t record_id) {
  nlohmann::json out = nlohmann::json::array();
  const auto rows = c.query("SELECT s.seq, x.id, x.stage, x.category, x.title, x.status, x.log_index, x.published_at "
                            "FROM " + std::string(step_table) + " s JOIN disclosure x ON x.id = s.disclosure_id WHERE s." +
                                std::string(record_column) + " = $1 ORDER BY s.seq",
                            {record_id});
  for (const auto& r : rows)
    out.push_back({{"seq", r.get<std::int64_t>(0)},
                   {"id", r.get<std::int64_t>(1)},
                   {"stage", r.get<std::string>(2)},
                   {"category", r.get<std::string>(3)},
                   {"title", r.get<std::string>(4)},
                   {"status", r.get<std::string>(5)},
                   {"log_index", r.is_null(6) ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>(6))},
                   {"published_at", r.is_null(7) ? nlohmann::json() : nlohmann::json(r.get<std::string>(7))}});
  return out;
}

}  // namespace ql::disclosure
