#pragma once
// Disclosure catalogues (公开目录): per community and year, what must be published, how often
// and by when. A street (or any region above communities) keeps a template per year; a
// community adopts the nearest ancestor's template, which copies its items, and may then add
// its own. From the catalogues and the disclosures that reference their items, the service
// computes what is overdue (公开逾期) and each community's record for the year, so no figure is
// typed in by hand.
//
// Every function takes the acting principal: reads need disclosure:catalog:read, writes
// disclosure:catalog:write, and auth::Scope decides which regions' catalogues are visible.
// Writes are one transaction each, with their operation-log entry in it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/paging.hpp"
#include "disclosure/due_period.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

// The categories of 三务公开 plus service, as the schema's CHECK constraint lists them.
inline constexpr std::array<std::string_view, 4> kCatalogCategories = {"party", "affairs", "finance",
                                                                       "service"};
inline constexpr int kMinCatalogYear = 2000, kMaxCatalogYear = 2100;
inline constexpr int kMaxDueDays = 366;
inline constexpr std::int64_t kMaxThresholdFen = 10'000'000'000'000;  // 1000亿元

// The built-in default template as {"items":[...]} (items without ids), for a street to start from.
nlohmann::json default_catalog(const auth::Principal& actor);

struct CatalogFilter {
  std::optional<std::string> region;  // this region and below
  std::optional<int> year;
  std::optional<bool> is_template;
};
// A page of catalogue summaries within scope: {"items","total"}. Sort fields: year,
// region_code, name, created_at.
nlohmann::json list_catalogs(store::Connection& c, const auth::Principal& actor, const CatalogFilter& f,
                             const PageRequest& page);

// One catalogue with its items (ordered by sort, code). 403 outside scope, 404 when absent
// (for all-scope callers; scoped callers get 403 as for any region they cannot see).
nlohmann::json get_catalog(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct NewCatalog {
  std::string region_code;
  int year = 0;
  std::optional<std::string> name;  // defaults to "<region name><year>年公开目录[模板]"
  bool is_template = false;         // templates belong to streets and above, catalogues to communities
  bool from_default = false;        // fill with default_catalog()'s items
};
// Creates a catalogue (409 duplicate_catalog if the region already has one of that kind for the
// year) and returns it with its items.
nlohmann::json create_catalog(store::Connection& c, const auth::Principal& actor, const NewCatalog& nc);

// Creates community `region_code`'s catalogue for `year` by copying the items of the template of
// its nearest ancestor that has one for that year (404 no_template when none has); adopted_from
// records which. The template itself need not be in the caller's scope: a community adopts
// what its street published.
nlohmann::json adopt_catalog(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             int year, const std::optional<std::string>& name);

struct ItemInput {
  std::string code;  // a-z, 0-9, '_', '.', starting with a letter; unique in the catalogue
  std::string title;
  std::string category;
  Frequency frequency = Frequency::quarterly;
  int due_days = 0;
  std::optional<std::int64_t> threshold_fen;  // immediate items only
  std::string description;
  int sort = 0;
};
// Adds an item (409 duplicate_item for a code already in the catalogue) and returns it.
nlohmann::json add_catalog_item(store::Connection& c, const auth::Principal& actor, std::int64_t catalog_id,
                                const ItemInput& in);

struct ItemPatch {
  std::optional<std::string> title, category, description;
  std::optional<Frequency> frequency;
  std::optional<int> due_days, sort;
  std::optional<std::int64_t> threshold_fen;  // 0 clears it
};
// Changes an item (its code is its identity and stays); the result must still be a valid item.
nlohmann::json update_catalog_item(store::Connection& c, const auth::Principal& actor, std::int64_t catalog_id,
                                   const std::string& code, const ItemPatch& p);
// Deletes an item no disclosure refers to (409 item_in_use otherwise).
void delete_catalog_item(store::Connection& c, const auth::Principal& actor, std::int64_t catalog_id,
                         const std::string& code);

// Every (community, periodic item, period) in scope (and under `region`) whose due date is
// before as_of and which no published or superseded disclosure fulfils:
// {"items":[{region_code, region_name, catalog_id, item_code, item_title, category, period,
// due_date, days_overdue}], "total", "as_of"}, paged in memory. Sort fields: days_overdue,
// due_date, region_code.
nlohmann::json list_overdue(store::Connection& c, const auth::Principal& actor,
                            const std::optional<std::string>& region, Date as_of, const PageRequest& page);

// Each community in scope and its record for `year` as of `as_of`: periods (all periodic
// obligations of the year), due (due date before as_of), and of those published_on_time
// (first publication's business date on or before the due date), published_late and overdue;
// plus totals. A community without a catalogue for the year has catalog_id null and zeros.
nlohmann::json disclosure_dashboard(store::Connection& c, const auth::Principal& actor,
                                    const std::optional<std::string>& region, int year, Date as_of);

}  // namespace ql::disclosure
