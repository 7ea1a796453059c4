#include "audit/time_range.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"

namespace ql::audit {

std::string time_range_condition(const std::string& column, const std::optional<std::string>& from,
                                 const std::optional<std::string>& to, store::Params& params) {
  std::string out;
  auto bound = [&](const std::optional<std::string>& v, const char* field, const char* op,
                   bool end_of_day) {
    if (!v) return;
    auto t = parse_iso(*v);
    if (!t)
      throw invalid_field(field, "须为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM:SSZ 格式",
                          "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    if (end_of_day && v->size() == 10) *t += std::chrono::hours(24) - std::chrono::seconds(1);
    params.emplace_back(to_iso(*t));
    out += " AND " + column + " " + op + " $" + std::to_string(params.size());
  };
  bound(from, "from", ">=", false);
  bound(to, "to", "<=", true);
  return out;
}

}  // namespace ql::audit
