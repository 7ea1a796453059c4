#pragma once
// Works projects (工程项目) of a village: what was built, bought or serviced, for how much, by
// whom, procured how, accepted (验收), audited (审计) and settled (结算) when, and which ledger
// vouchers paid it. Paid amounts and dates are never typed: they are the cash/bank credits of
// the linked payment vouchers (a voided or reversed voucher counts 0), so the project table
// and the books cannot disagree. The yearly check table (年度工程项目汇总核查表) evaluates
// project_check.hpp's rules on every project of a year. Needs ledger:fund:read / write.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "store/database.hpp"

namespace ql::ledger {

inline const std::vector<std::string> kProjectCategories = {"works", "purchase", "service"};
inline const std::vector<std::string> kAcceptanceResults = {"passed", "failed"};

struct ProjectInput {
  std::string region_code;  // ignored by update (a project stays in its village)
  std::string name;
  int year = 0;
  std::string category;  // works 工程 / purchase 采购 / service 服务
  std::int64_t contract_amount_fen = 0;
  std::string contractor;
  std::string procurement_method;  // procurement_method dictionary value or label
  std::optional<std::string> start_date, finish_date, acceptance_date, acceptance_result, audit_date;
  std::optional<std::int64_t> audited_amount_fen, settlement_amount_fen, power_case_id;
  std::string note;
};

// Creates a project (ledger:fund:write) in a village of the actor's scope. 400 naming the
// field (unknown method, finish before start, acceptance result without date ...). Returns
// the project as get_project does.
nlohmann::json create_project(store::Connection& c, const auth::Principal& actor, const ProjectInput& in);

// One project with "payments" (each linked voucher with its paid amount and whether it counts)
// and "checks" (project_check.hpp findings as of today).
nlohmann::json get_project(store::Connection& c, const auth::Principal& actor, std::int64_t id);

// Replaces every field but the village (ledger:fund:write), audited with the diff.
nlohmann::json update_project(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const ProjectInput& in);

// Deletes a project and its payment links (the vouchers stay), audited with what it was.
void delete_project(store::Connection& c, const auth::Principal& actor, std::int64_t id);

// Links a payment voucher of the same village (posted, a payment) to the project. 400 naming
// voucher_id otherwise; 409 voucher_already_linked when it pays this or another project.
nlohmann::json link_payment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                            std::int64_t voucher_id);
// Removes a link; 404 when the voucher is not linked to the project.
nlohmann::json unlink_payment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              std::int64_t voucher_id);

struct ProjectFilter {
  std::optional<std::string> region, category, procurement_method, q;
  std::optional<int> year;
};
// {"items","total"}: projects with paid_fen, payment_count and check counts; sort name, year,
// contract_amount_fen, created_at.
nlohmann::json list_projects(store::Connection& c, const auth::Principal& actor, const ProjectFilter& f,
                             const PageRequest& page);

// 年度工程项目汇总核查表: every project of `year` in a village with its payments and findings,
// plus totals and finding counts (ledger:fund:read).
nlohmann::json project_check(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             int year);

// Projects of a village whose year, start, finish or payments fall in [from, to], checked
// (for the term audit; no permission check of its own: the caller has checked scope).
nlohmann::json projects_between(store::Connection& c, const std::string& region_code, const std::string& from,
                                const std::string& to);

}  // namespace ql::ledger
