#include "region/region.hpp"

#include <algorithm>
#include <array>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace ql::region {
namespace {

struct LevelName {
  std::string_view name;
  Level level;
};
constexpr std::array<LevelName, 17> kLevelNames{{
    {"city", Level::city},           {"市", Level::city},
    {"district", Level::district},   {"区", Level::district},
    {"县", Level::district},         {"区/县", Level::district},
    {"street", Level::street},       {"街道", Level::street},
    {"乡", Level::street},           {"镇", Level::street},
    {"乡镇", Level::street},         {"街道/乡镇", Level::street},
    {"community", Level::community}, {"社区", Level::community},
    {"村", Level::community},        {"grid", Level::grid},
    {"网格", Level::grid},
}};

}  // namespace

Region from_row(const store::Row& r) {
  Region out;
  out.code = r.get<std::string>("code");
  out.parent_code = r.opt<std::string>("parent_code");
  out.name = r.get<std::string>("name");
  out.level = parse_level(r.get<std::string>("level")).value_or(Level::community);
  out.path = r.get<std::string>("path");
  out.sort = r.get<int>("sort");
  out.created_at = r.get<std::string>("created_at");
  out.updated_at = r.get<std::string>("updated_at");
  return out;
}

std::string_view to_string(Level l) {
  switch (l) {
    case Level::city: return "city";
    case Level::district: return "district";
    case Level::street: return "street";
    case Level::community: return "community";
    case Level::grid: return "grid";
  }
  return "community";
}

std::optional<Level> parse_level(std::string_view s) {
  for (const auto& n : kLevelNames)
    if (n.name == s) return n.level;
  return std::nullopt;
}

nlohmann::json to_json(const Region& r) {
  return {{"code", r.code},
          {"parent_code", r.parent_code ? nlohmann::json(*r.parent_code) : nlohmann::json()},
          {"name", r.name},
          {"level", to_string(r.level)},
          {"path", r.path},
          {"sort", r.sort},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

void check_code(const std::string& code, Level level) {
  const std::size_t want = level == Level::grid ? 15 : 12;
  if (code.size() != want || !std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    throw invalid_field("code",
                        level == Level::grid ? "须为 15 位数字(所属社区代码加 3 位)"
                                             : "须为 12 位统计用区划代码",
                        level == Level::grid ? "must be 15 digits (community code + 3 digits)"
                                             : "must be a 12-digit statistical division code");
}

std::optional<Region> find(store::Connection& c, const std::string& code) {
  auto rs = c.query(std::string("SELECT ") + std::string(kColumns) + " FROM region WHERE code = $1",
                    {code});
  if (rs.empty()) return std::nullopt;
  return from_row(rs.front());
}

Region get(store::Connection& c, const std::string& code) {
  auto r = find(c, code);
  if (!r) throw not_found("行政区划 " + code, "Region " + code);
  return *r;
}

std::vector<Region> subtree(store::Connection& c, const std::string& path_prefix) {
  auto rs = c.query(std::string("SELECT ") + std::string(kColumns) +
                        " FROM region WHERE path LIKE $1 ORDER BY path",
                    {path_prefix + "%"});
  std::vector<Region> out;
  out.reserve(rs.size());
  for (const auto& row : rs) out.push_back(from_row(row));
  return out;
}

std::string make_path(const std::optional<Region>& parent, const std::string& code) {
  return (parent ? parent->path : std::string("/")) + code + "/";
}

Region insert(store::Connection& c, std::string code, std::string name, Level level,
              std::optional<std::string> parent_code, int sort) {
  check_code(code, level);
  text::require_length("name", name, 1, kMaxNameChars);
  std::optional<Region> parent;
  if (parent_code && !parent_code->empty()) {
    parent = find(c, *parent_code);
    if (!parent)
      throw invalid_field("parent_code", "上级区划不存在", "refers to a region that does not exist");
    if (static_cast<int>(parent->level) >= static_cast<int>(level))
      throw invalid_field("parent_code", "上级区划的层级须高于本级",
                          "must be a region of a higher level");
    if (level == Level::grid && code.compare(0, 12, parent->code) != 0)
      throw invalid_field("code", "网格代码须以所属社区代码开头",
                          "of a grid must start with its community's code");
  } else {
    parent_code.reset();
  }
  if (find(c, code)) throw conflict("duplicate_region", "区划代码 " + code + " 已存在",
                                    "Region code " + code + " already exists");
  Region r{code, parent_code, std::move(name), level, make_path(parent, code), sort, now_iso(), {}};
  r.updated_at = r.created_at;
  c.query(
      "INSERT INTO region (code, parent_code, name, level, path, sort, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {r.code, store::to_param(r.parent_code), r.name, std::string(to_string(r.level)), r.path,
       std::int64_t{r.sort}, r.created_at, r.updated_at});
  return r;
}

std::string in_subtree_condition(std::string_view column, const std::string& path,
                                 store::Params& params) {
  params.push_back(path + "%");
  return std::string(column) + " IN (SELECT code FROM region WHERE path LIKE $" +
         std::to_string(params.size()) + ")";
}

}  // namespace ql::region
