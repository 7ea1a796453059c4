#include "store/page_query.hpp"

#include <string>

namespace ql::store {

PageRows query_page(Connection& c, std::string_view columns, std::string_view from,
                    std::string_view where, Params params, const PageRequest& page,
                    std::string_view tiebreak) {
  PageRows out;
  const std::string tail = std::string(" FROM ") + std::string(from) + " WHERE " + std::string(where);
  out.total = c.query("SELECT COUNT(*)" + tail, params).front().get<std::int64_t>(0);
  params.emplace_back(std::int64_t{page.size});
  params.emplace_back(std::int64_t{page.offset()});
  out.rows = c.query("SELECT " + std::string(columns) + tail + " ORDER BY " + page.sort +
                         (page.desc ? " DESC, " : " ASC, ") + std::string(tiebreak) + " LIMIT $" +
                         std::to_string(params.size() - 1) + " OFFSET $" +
                         std::to_string(params.size()),
                     params);
  return out;
}

std::string contains_condition(const std::vector<std::string_view>& columns, std::string_view needle,
                               Params& params) {
  std::string pattern = "%";
  for (char ch : needle) {
    // ASCII only: SQLite's lower() leaves other letters alone, so folding them here would
    // make the backends disagree.
    if (ch == '%' || ch == '_' || ch == '\\') pattern.push_back('\\');
    pattern.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  pattern.push_back('%');
  params.emplace_back(std::move(pattern));
  const auto n = "$" + std::to_string(params.size());
  std::string out = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) out += " OR ";
    out += "lower(" + std::string(columns[i]) + ") LIKE " + n + " ESCAPE '\\'";
  }
  return out + ")";
}

}  // namespace ql::store
