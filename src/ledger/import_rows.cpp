#include "ledger/import_rows.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace ql::ledger::import_rows {

std::string date_cell(std::string_view v) {
  std::string s(v.size() == 19 ? v.substr(0, 10) : v);
  std::replace(s.begin(), s.end(), '/', '-');
  return s;
}

std::int64_t Reader::money(int row, const std::string& column, std::string_view cell, bool required,
                           bool allow_negative) {
  if (cell.empty()) {
    if (required) problems.push_back({row, column, "不能为空", "is required", "required"});
    return 0;
  }
  auto r = money::parse_yuan(cell);
  if (!r) {
    problems.push_back({row, column, "金额无效:" + std::string(money::error_message(r.error, false)),
                        "invalid amount: " + std::string(money::error_message(r.error, true)),
                        std::string(money::error_code(r.error))});
    return 0;
  }
  if (r.fen < 0 && !allow_negative) {
    problems.push_back({row, column, "不能为负数", "must not be negative", "amount_negative"});
    return 0;
  }
  return r.fen;
}

std::string Reader::required(int row, const std::string& column, std::string_view cell) {
  if (cell.empty()) problems.push_back({row, column, "不能为空", "is required", "required"});
  return std::string(cell);
}

std::string Reader::date(int row, const std::string& column, std::string_view cell) {
  auto s = date_cell(cell);
  if (s.empty()) problems.push_back({row, column, "不能为空", "is required", "required"});
  else if (!parse_date(s))
    problems.push_back({row, column, "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD", "invalid_date"});
  return s;
}

std::string Reader::label(int row, const std::string& column, std::string_view cell,
                          const std::map<std::string, std::string>& labels) {
  if (cell.empty()) return "";
  if (auto it = labels.find(std::string(cell)); it != labels.end()) return it->second;
  std::string allowed;
  for (const auto& [k, v] : labels) allowed += (allowed.empty() ? "" : ", ") + k;
  problems.push_back({row, column, "须为以下之一:" + allowed, "must be one of: " + allowed, "invalid_value"});
  return std::string(cell);
}

std::vector<RowProblem> problems_of(const Error& e) {
  if (e.code() == "import_rejected") return e.problems();
  throw e;
}

void sort_by_row(std::vector<RowProblem>& problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
}

nlohmann::json outcome(std::vector<RowProblem> problems, nlohmann::json rows, std::size_t total_rows, bool dry_run) {
  sort_by_row(problems);
  if (dry_run) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : problems)
      list.push_back({{"row", p.row}, {"column", p.column}, {"message_zh", p.message_zh}, {"message_en", p.message_en}});
    return {{"dry_run", true}, {"valid", problems.empty()}, {"total_rows", total_rows}, {"rows", std::move(rows)},
            {"problems", std::move(list)}};
  }
  if (!problems.empty()) {
    const auto n = std::to_string(problems.size());
    throw Error(bad_request("import_rejected", "导入文件有 " + n + " 处错误,未写入任何数据",
                            "The file has " + n + " problem(s); nothing was imported", "file"))
        .with_problems(std::move(problems));
  }
  return nullptr;
}

}  // namespace ql::ledger::import_rows
