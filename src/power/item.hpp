#pragma once
// The power-item catalogue (小微权力清单) of a region and the routing rules by amount.
// A region's catalogue is copied from the built-in template (default_items.hpp) on explicit
// init or on the first case started under it. A street's items apply to its villages unless a
// village has its own item with the same code (the nearest region up the tree wins), so a
// street can keep one list for all its villages and a village overrides only what differs.
// Flows are versioned: PUT a flow adds a version; running cases keep the version they started
// with (power_case.flow_id).
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "power/flow.hpp"
#include "power/routing.hpp"
#include "store/database.hpp"

namespace ql::power {

inline constexpr const char* kItemRead = "power:item:read";
inline constexpr const char* kItemWrite = "power:item:write";

// The items that apply in `region_code` (own items, then ancestors' items with codes not
// overridden), each with "inherited" (true when it belongs to an ancestor): {"region_code",
// "source" ("region", "inherited" or "template": nothing initialised anywhere up the tree,
// the template is shown with id null), "items":[...]}. enabled_only drops disabled items.
nlohmann::json list_items(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                          bool enabled_only);

// Copies the template into the region (power:item:write); 409 catalogue_exists when it has items.
nlohmann::json init_items(store::Connection& c, const auth::Principal& actor, const std::string& region_code);

struct ItemInput {
  std::string region_code, code, name_zh, name_en, group, kind, legal_basis, description;
  int sort = 0;
  nlohmann::json flow;  // flow_from_json shape
};
// A new item with flow version 1 (power:item:write). 409 item_exists for a code the region has.
nlohmann::json create_item(store::Connection& c, const auth::Principal& actor, const ItemInput& in);

// The item with "flow" and "flow_version" (the current one, or `version`).
nlohmann::json get_item(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                        std::optional<int> version = std::nullopt);

struct ItemPatch {
  std::optional<std::string> name_zh, name_en, group, kind, legal_basis, description;
  std::optional<bool> enabled;
  std::optional<int> sort;
};
nlohmann::json update_item(store::Connection& c, const auth::Principal& actor, std::int64_t id, const ItemPatch& p);

// Stores `flow` as the next version (power:item:write); returns the item with it.
nlohmann::json put_flow(store::Connection& c, const auth::Principal& actor, std::int64_t id, const nlohmann::json& flow);

// Every version, newest first: {"items":[{"version","created_at","created_by_name","flow","cases"}]}.
nlohmann::json list_versions(store::Connection& c, const auth::Principal& actor, std::int64_t id);

// Routing rules in force for a region, one per kind: {"region_code","rules":[{"kind",
// "medium_from_fen","large_from_fen","township_from_fen","county_from_fen","source"}]} where
// source is "region", an ancestor's code (inherited) or "default" (power:item:read).
nlohmann::json get_rules(store::Connection& c, const auth::Principal& actor, const std::string& region_code);
// Sets the region's own thresholds for the kinds listed (power:item:write); a kind given with
// "inherit": true drops the region's own rule. Returns get_rules.
nlohmann::json put_rules(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                         const nlohmann::json& rules);

// Internal: the item that applies for `code_or_id` in region (nearest up the tree), copying
// the template into the region first when nothing is initialised up the tree. Returns
// {id, region_code, code, name_zh, kind, flow_id, flow_version, flow} or throws
// invalid_field("item"). Runs inside the caller's transaction.
struct ResolvedItem {
  std::int64_t id = 0;
  std::string region_code, code, name_zh, name_en, kind;
  std::int64_t flow_id = 0;
  int flow_version = 0;
  Flow flow;
};
ResolvedItem resolve_item(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                          const std::string& code_or_id);

}  // namespace ql::power
