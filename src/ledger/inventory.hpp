#pragma once
// Yearly stock-take (年度清查) of a village: a session for a village and year snapshots every
// asset (not disposed) and resource of the register when it starts; users then record each as
// found, missing or changed (new value, location, custodian or area, with a note), and add
// items found that are not in the register (盘盈). Closing needs every line counted, applies
// the changes of location, custodian and area through the register services (audited as usual),
// registers the surplus items marked for it, and flags missing assets in their operation log —
// missing assets are NOT disposed (that needs an asset deal) and value differences are only
// reported (they need an accounting adjustment). A closed session is read-only; its
// discrepancy report (盘亏 / 变动 / 盘盈) is computed from its lines.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "store/database.hpp"

namespace ql::ledger {

inline constexpr const char* kInventoryWritePermission = "ledger:inventory:write";
inline const std::vector<std::string> kInventoryResults = {"pending", "found", "missing", "changed"};
inline const std::vector<std::string> kInventoryItemTypes = {"asset", "resource", "surplus"};

// Starts the session of `year` for a village (ledger:inventory:write): year from 2000 to the
// current one; 409 duplicate_inventory. Returns the session with its progress.
nlohmann::json create_inventory(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                int year, const std::string& note);

struct InventoryFilter {
  std::optional<std::string> region, status;
  std::optional<int> year;
};
// {"items","total"} with progress figures (ledger:asset:read); sort year, created_at.
nlohmann::json list_inventories(store::Connection& c, const auth::Principal& actor, const InventoryFilter& f,
                                const PageRequest& page);
// One session with "progress" (ledger:asset:read).
nlohmann::json get_inventory(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct ItemFilter {
  std::optional<std::string> result, item_type, q;
};
// The count sheet: {"items","total"}; sort code, item_type, result.
nlohmann::json list_inventory_items(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                    const ItemFilter& f, const PageRequest& page);

struct ItemCount {
  std::string result;  // found, missing, changed
  std::optional<std::int64_t> new_value_fen, new_area_milli;  // value: assets; area: resources
  std::optional<std::string> new_location, new_custodian;     // custodian: assets
  std::string note;
};
// Records one line (ledger:inventory:write): "changed" needs at least one new value that
// differs from the book; 409 inventory_closed. Returns the line.
nlohmann::json record_inventory_item(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                     std::int64_t item_id, const ItemCount& in);

struct SurplusInput {
  std::string kind;  // asset / resource
  std::string code, name, category;  // category: asset category, or resource kind
  std::int64_t value_fen = 0;        // assets: estimated value
  std::string acquired_date;         // assets, for the register (default: today)
  std::string location, custodian, area_unit = "mu";
  std::int64_t area_milli = 0;  // resources
  std::string note;
  bool add_to_register = false;  // register it when the session closes
};
// Adds an item found that is not in the register (盘盈), counted as found. 409 inventory_closed,
// duplicate_asset_code / duplicate_resource_code when add_to_register and the code is taken.
nlohmann::json add_inventory_surplus(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                     const SurplusInput& in);

// Closes the session (ledger:inventory:write and ledger:asset:write): 409 inventory_closed,
// inventory_incomplete (lines not yet counted). Applies the changes as described above in one
// transaction. Returns the session.
nlohmann::json close_inventory(store::Connection& c, const auth::Principal& actor, std::int64_t id);

// The discrepancy report (ledger:asset:read): {"inventory","summary","missing","changes",
// "surplus"}; summary figures are sums over the lines (missing_value_fen: book value of missing
// assets; surplus_value_fen; value_change_fen: counted minus book of changed assets).
nlohmann::json inventory_report(store::Connection& c, const auth::Principal& actor, std::int64_t id);

}  // namespace ql::ledger
