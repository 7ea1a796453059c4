#pragma once
// Managing the region tree within the actor's data scope: browse, create, rename, delete, and
// import from CSV. Writes are logged in the operation log in the same transaction.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "region/region.hpp"
#include "store/database.hpp"

namespace ql::admin {

// The visible part of the tree, nested: [{"code","name","level","children":[...]}].
nlohmann::json region_tree(store::Connection& c, const auth::Principal& actor);

struct RegionFilter {
  std::optional<std::string> region;  // this region and below
  std::optional<region::Level> level;
  std::optional<std::string> q;       // name or code contains
};
nlohmann::json list_regions(store::Connection& c, const auth::Principal& actor, const RegionFilter& f,
                            const PageRequest& page);
region::Region get_region(store::Connection& c, const auth::Principal& actor, const std::string& code);

struct NewRegion {
  std::string code, name;
  region::Level level = region::Level::community;
  std::optional<std::string> parent_code;
  int sort = 0;
};
region::Region create_region(store::Connection& c, const auth::Principal& actor, const NewRegion& r);
region::Region update_region(store::Connection& c, const auth::Principal& actor,
                             const std::string& code, const std::optional<std::string>& name,
                             const std::optional<int>& sort);
// Only a region with no children and no users may be deleted (409 otherwise).
void delete_region(store::Connection& c, const auth::Principal& actor, const std::string& code);

struct ImportSummary {
  int inserted = 0, updated = 0;
};
// CSV with header code,name,level,parent_code (sort optional). Rows may come in any order; an
// existing code with the same parent and level is renamed. All or nothing: any bad row aborts
// the whole file with every problem listed by row (Error::problems()).
ImportSummary import_regions_csv(store::Connection& c, const auth::Principal& actor,
                                 std::string_view csv_text);

}  // namespace ql::admin
