#pragma once
// Collective resources (三资·资源) of a village: land (耕地 flagged arable), water, forest,
// buildings and other, with location, area (integer thousandths of 亩 or m², see
// docs/ASSETS.md), ownership and status. Contracts (contract.hpp) lease or contract them out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "store/database.hpp"

namespace ql::ledger {

inline const std::vector<std::string> kResourceKinds = {"land", "water", "forest", "building", "other"};
inline const std::vector<std::string> kResourceStatuses = {"available", "contracted", "leased", "other"};
inline const std::vector<std::string> kAreaUnits = {"mu", "m2"};
// Largest area: 999,999,999.999 units.
inline constexpr std::int64_t kMaxAreaMilli = 999'999'999'999;

struct ResourceInput {
  std::string region_code, code, name, kind;
  bool arable = false;  // only for land
  std::string location;
  std::int64_t area_milli = 0;
  std::string area_unit = "mu";
  std::string ownership, status = "available", note;
};

// Creates a resource (ledger:asset:write): 400 naming the field, 409 duplicate_resource_code.
nlohmann::json create_resource(store::Connection& c, const auth::Principal& actor, const ResourceInput& in);
// One resource (ledger:asset:read).
nlohmann::json get_resource(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct ResourcePatch {
  std::optional<std::string> code, name, kind, location, area_unit, ownership, status, note;
  std::optional<bool> arable;
  std::optional<std::int64_t> area_milli;
};
// Edits a resource (ledger:asset:write); the log records every changed field.
nlohmann::json update_resource(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const ResourcePatch& p);

struct ResourceFilter {
  std::optional<std::string> region, kind, status, q;
};
// {"items","total"}; sort code, name, kind, area_milli, created_at.
nlohmann::json list_resources(store::Connection& c, const auth::Principal& actor, const ResourceFilter& f,
                              const PageRequest& page);

}  // namespace ql::ledger
