#pragma once
// The administrative region tree (行政区划): 市 city → 区/县 district → 街道/乡镇 street →
// 社区/村 community → 网格 grid. Codes are 12-digit statistical division codes; a grid's code
// is its community's code plus 3 digits. Each region stores its ancestor path
// "/<root>/.../<code>/" so "this region and everything below" is one prefix match.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace ql::region {

inline constexpr std::size_t kMaxNameChars = 50;

enum class Level { city = 1, district = 2, street = 3, community = 4, grid = 5 };

std::string_view to_string(Level l);
// Accepts the English code or a Chinese name (市, 区, 县, 街道, 乡, 镇, 社区, 村, 网格, ...).
std::optional<Level> parse_level(std::string_view s);

struct Region {
  std::string code;
  std::optional<std::string> parent_code;
  std::string name;
  Level level = Level::community;
  std::string path;
  int sort = 0;
  std::string created_at, updated_at;
};

nlohmann::json to_json(const Region& r);

// Every column of the region table, in the order from_row expects, for queries that list them.
inline constexpr std::string_view kColumns =
    "code, parent_code, name, level, path, sort, created_at, updated_at";
Region from_row(const store::Row& r);

// Throws invalid_field("code") unless code has the length its level requires.
void check_code(const std::string& code, Level level);

std::optional<Region> find(store::Connection& c, const std::string& code);
// Throws not_found when absent.
Region get(store::Connection& c, const std::string& code);

// Every region whose path starts with path_prefix (the subtree), ordered by path.
std::vector<Region> subtree(store::Connection& c, const std::string& path_prefix);

// Validates and inserts; the parent must exist and be of a higher level. Returns the row.
Region insert(store::Connection& c, std::string code, std::string name, Level level,
              std::optional<std::string> parent_code, int sort = 0);

// The path of a region with this code under parent (or a root when parent is empty).
std::string make_path(const std::optional<Region>& parent, const std::string& code);

// SQL condition "<column> IN (regions under path)" with its parameter appended to params.
std::string in_subtree_condition(std::string_view column, const std::string& path,
                                 store::Params& params);

}  // namespace ql::region
