#pragma once
// The parts every automatic disclosure of a step (publish_for_step: an asset deal's stage, a
// power case's disclose step) shares, so that residents read the same layout whichever module
// published it and the records' own detail lists them alike. The text is published and frozen
// in the log: a change here changes what later publications say, never earlier ones.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace ql::disclosure {

// Text from the records as one Markdown table cell: a pipe would end the cell and a line
// break the table, so pipes are escaped and CR/LF become spaces.
std::string markdown_cell(std::string_view text);

// A title for an automatic disclosure: valid UTF-8 and at most 100 characters, the limit
// check_content enforces; a longer one keeps its first 99 characters and ends in "…".
std::string step_title(std::string_view title);

// The opening of the body: "## heading" and a two-column 项目/内容 table with one row per
// (label, value), values as markdown_cell. heading and labels are the caller's own text.
std::string facts_table(std::string_view heading, const std::vector<std::pair<std::string, std::string>>& rows);

// Headers of the first two columns of completed_steps_table (the step's number and name).
struct StepColumns {
  std::string_view seq, name;
};

// The "### 已完成环节" section: one row for every step whose "status" is "done", in the order
// given, with its "seq", its name (member name_key), "done_by_name" and "done_at" (UTC, shown
// as the Asia/Shanghai time; null members leave the cell empty).
std::string completed_steps_table(const nlohmann::json& steps, StepColumns columns, std::string_view name_key);

// What a record's steps published, for the record's detail: [{"seq","id","stage","category",
// "title","status","log_index","published_at"}] ordered by seq, from `step_table` (which has
// the columns seq and disclosure_id) where `record_column` = record_id. Both names are the
// caller's constants, never input.
nlohmann::json step_disclosures(store::Connection& c, std::string_view step_table, std::string_view record_column,
                                std::int64_t record_id);

}  // namespace ql::disclosure
