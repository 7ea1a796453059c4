#pragma once
// Contracts (合同) of a village: 发包 (contracting, mostly land) and 出租 (lease) of a resource or
// an asset, with counterparty, term, area, unit price, total, a payment schedule (付款计划)
// whose instalments sum to the total, and the payments received. Arrears, days overdue,
// expiry and warnings are derived on every read (contract_warning.hpp) against the business
// date of core/clock's now() and the region's thresholds (asset_setting, nearest ancestor
// wins, else DOMAIN.md's defaults). The counterparty's ID number is stored in full for the
// files but masked in every output.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "ledger/contract_warning.hpp"
#include "store/database.hpp"

namespace ql::ledger {

inline constexpr const char* kAssetSettingsPermission = "ledger:asset:settings";
inline const std::vector<std::string> kContractKinds = {"contracting", "lease"};
inline const std::vector<std::string> kContractStatuses = {"active", "terminated"};
inline const std::vector<std::string> kWarningTypes = {"term_too_long", "payment_overdue", "price_below_reference",
                                                       "expiring", "expired"};
inline const std::vector<std::string> kWarningLevels = {"red", "yellow", "blue"};
inline constexpr int kMaxTermYears = 99;
inline constexpr std::size_t kMaxInstalments = 1200;

struct InstalmentInput {
  std::string due_date;
  std::int64_t amount_fen = 0;
};

struct ContractInput {
  std::string region_code, number, kind;
  std::string subject_type;                // resource / asset
  std::optional<std::int64_t> subject_id;  // API: the id
  std::string subject_code;                // import: the resource's or asset's code
  std::string counterparty, counterparty_id_no, counterparty_phone;
  std::string start_date, end_date;
  std::int64_t area_milli = 0;
  std::optional<std::string> area_unit;  // default: the subject resource's unit, else m2
  std::int64_t unit_price_fen = 0;       // per unit of area per year
  std::int64_t total_fen = 0;
  std::optional<std::vector<InstalmentInput>> schedule;  // absent: yearly default
  std::string note;
  int row = 0;  // import file row
};

// Creates a contract (ledger:asset:write) with its schedule. 400 naming the field
// (subject_id of another village, end before start, schedule not summing to total_fen ...),
// 409 duplicate_contract_number. Returns the contract with instalments, payments, warnings.
nlohmann::json create_contract(store::Connection& c, const auth::Principal& actor, const ContractInput& in);

// One contract with "instalments" (each with paid/arrears/days overdue), "payments" and
// "warnings" (ledger:asset:read).
nlohmann::json get_contract(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct ContractPatch {
  std::optional<std::string> status, note, counterparty_phone;
};
// Edits status (active/terminated), note and phone (ledger:asset:write), audited.
nlohmann::json update_contract(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const ContractPatch& p);

struct PaymentInput {
  std::int64_t amount_fen = 0;
  std::string paid_date, voucher_ref, note;
};
// Records money received (ledger:asset:write): paid_date not in the future; 409
// payment_exceeds_total when payments would pass the contract's total. Returns the contract.
nlohmann::json record_payment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const PaymentInput& p);

struct ContractFilter {
  std::optional<std::string> region, kind, status, q;
  std::optional<bool> expiring;  // active and ending within 90 days (or already ended)
};
// {"items","total"} without instalment lists but with paid/arrears/warning figures; sort
// number, start_date, end_date, total_fen, created_at.
nlohmann::json list_contracts(store::Connection& c, const auth::Principal& actor, const ContractFilter& f,
                              const PageRequest& page);

struct WarningFilter {
  std::optional<std::string> region, level, type;
};
// Every warning of the contracts in scope, one item per warning with its contract's number,
// counterparty and the evidence: {"items","total"}, red first, then by days overdue.
nlohmann::json list_contract_warnings(store::Connection& c, const auth::Principal& actor, const WarningFilter& f,
                                      const PageRequest& page);

// The dashboard figures of the scope (or region and below): asset counts and value by status,
// resources by kind, contract totals, paid, arrears, and warnings by level and type.
nlohmann::json asset_summary(store::Connection& c, const auth::Principal& actor,
                             const std::optional<std::string>& region);

// For the importer: contracts of one village, all or none (400 import_rejected with every
// row problem, columns named by the import headers). Schedules are the yearly default.
nlohmann::json create_contracts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                const std::vector<ContractInput>& contracts);

struct ReferencePrice {
  std::string kind;  // land, arable, water, forest, building, other, asset
  std::string area_unit;
  std::int64_t price_fen = 0;
};
struct AssetSettings {
  std::string region_code;
  WarningLimits limits;
  std::vector<ReferencePrice> reference_prices;
};
// The thresholds in force for a region (ledger:asset:read): its own row, else the nearest
// ancestor's, else the defaults; "inherited_from" names where they come from (null: defaults).
nlohmann::json get_asset_settings(store::Connection& c, const auth::Principal& actor, const std::string& region_code);
// Replaces a region's own thresholds and reference prices (ledger:asset:settings), audited.
nlohmann::json put_asset_settings(store::Connection& c, const auth::Principal& actor, const AssetSettings& s);

// "330***********1234": the first 3 and last 4 characters of an ID number, the rest masked.
std::string mask_id_number(const std::string& id_no);

}  // namespace ql::ledger
