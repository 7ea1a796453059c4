#include "auth/scope.hpp"

#include "core/error.hpp"

namespace ql::auth {

bool Scope::covers(const region::Region& r) const {
  switch (p_.data_scope) {
    case DataScope::all: return true;
    case DataScope::region: return r.code == p_.region_code;
    case DataScope::region_and_below:
    case DataScope::own: return !p_.region_path.empty() && r.path.starts_with(p_.region_path);
  }
  return false;
}

region::Region Scope::require_region(store::Connection& c, const std::string& code,
                                     const std::string& field) const {
  auto r = region::find(c, code);
  if (!r) {
    if (p_.data_scope == DataScope::all) {
      if (!field.empty()) throw invalid_field(field, "指向不存在的行政区划", "refers to a region that does not exist");
      throw not_found("行政区划 " + code, "Region " + code);
    }
    throw forbidden();
  }
  if (!covers(*r)) throw forbidden();
  return *r;
}

std::string Scope::visible_path() const {
  return p_.data_scope == DataScope::all ? std::string() : p_.region_path;
}

std::string Scope::list_condition(store::Connection& c, const std::optional<std::string>& requested,
                                  std::string_view region_column, std::string_view owner_column,
                                  store::Params& params) const {
  std::string cond;
  auto add = [&cond](const std::string& part) { cond += cond.empty() ? part : " AND " + part; };
  if (requested && !requested->empty()) {
    auto r = require_region(c, *requested);
    add(region::in_subtree_condition(region_column, r.path, params));
  }
  switch (p_.data_scope) {
    case DataScope::all: break;
    case DataScope::region_and_below:
      add(region::in_subtree_condition(region_column, p_.region_path, params));
      break;
    case DataScope::region:
      params.emplace_back(p_.region_code);
      add(std::string(region_column) + " = $" + std::to_string(params.size()));
      break;
    case DataScope::own:
      if (owner_column.empty()) {
        params.emplace_back(p_.region_code);
        add(std::string(region_column) + " = $" + std::to_string(params.size()));
      } else {
        params.emplace_back(p_.user_id);
        add(std::string(owner_column) + " = $" + std::to_string(params.size()));
      }
      break;
  }
  return cond.empty() ? "1 = 1" : cond;
}

}  // namespace ql::auth
