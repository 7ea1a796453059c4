#include "store/page_query.hpp"

#include <string>

namespace ql::store {

PageRows query_page(Connection& c, std::string_view columns, std::string_view from,
                    std::string_view where, Params params, const PageRequest& page,
                    std::string_view tiebreak) {
  PageRows out;
  const std::string tail = std::string(" FROM ") + std::string(from) + " WHERE " + std::string(where);
  Params page_params = params;
  page_params.emplace_back(std::int64_t{page.size});
  page_params.emplace_back(std::int64_t{page.offset()});
  // The window count comes with the page in one round trip; only a page past the end (no
  // rows to carry it) needs a separate COUNT.
  out.rows = c.query("SELECT " + std::string(columns) + ", COUNT(*) OVER () AS ql_total" + tail +
                         " ORDER BY " + page.sort + (page.desc ? " DESC, " : " ASC, ") +
                         std::string(tiebreak) + " LIMIT $" + std::to_string(page_params.size() - 1) +
                         " OFFSET $" + std::to_string(page_params.size()),
                     page_params);
  out.total = out.rows.empty() ? c.query("SELECT COUNT(*)" + tail, params).front().get<std::int64_t>(0)
                               : out.rows.front().get<std::int64_t>("ql_total");
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
