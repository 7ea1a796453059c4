#pragma once
// Asset deals (三资交易): the disposal (出售/报废), lease (出租) or contracting-out (发包) of a
// village's asset or resource. A deal copies its region's step list when it starts (a street's
// template, else the built-in 16 steps of deal_template.hpp) and keeps that copy; steps are
// completed strictly in order, each by a user whose role is the step's, never a decision step
// by the deal's own requester. Three steps publish a disclosure through the publication log in
// the same transaction (before the plan, after the plan, after the deal); the result step
// records the winner and price, the contract step creates the lease/contracting contract, and
// completing the last step of a disposal disposes of the asset — the only way an asset becomes
// disposed (ledger::dispose_asset_by_deal).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "disclosure/publication_log.hpp"
#include "ledger/deal_template.hpp"
#include "store/database.hpp"

namespace ql::ledger {

inline constexpr const char* kDealReadPermission = "ledger:deal:read";
inline constexpr const char* kDealWritePermission = "ledger:deal:write";        // start a deal
inline constexpr const char* kDealActPermission = "ledger:deal:act";            // act on a step
inline constexpr const char* kDealTemplatePermission = "ledger:deal:template";  // edit a region's steps
inline const std::vector<std::string> kDealKinds = {"disposal", "lease", "contracting"};
inline const std::vector<std::string> kDealMethods = {"auction", "tender", "listing", "negotiation"};
inline const std::vector<std::string> kDealStatuses = {"in_progress", "completed"};

struct DealInput {
  std::string region_code;  // a village in the actor's scope
  std::string title;        // 1..100
  std::string kind;         // disposal (assets only), lease, contracting (resources only)
  std::string subject_type; // asset / resource
  std::int64_t subject_id = 0;
  std::int64_t reserve_price_fen = 0;  // 底价
  std::string method;                  // auction 公开竞价, tender 招标, listing 挂牌, negotiation 协议
  std::string description;             // up to 1000
};
// Starts a deal (ledger:deal:write) with a copy of the region's steps. 400 naming the field
// (a subject of another village, a kind the subject does not allow), 409 asset_disposed,
// deal_in_progress (the subject already has an open deal). Returns the deal with its steps.
nlohmann::json create_deal(store::Connection& c, const auth::Principal& actor, const DealInput& in);

// The deal with "steps", "events" (every completion and return, oldest first) and
// "disclosures" (ledger:deal:read).
nlohmann::json get_deal(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct DealFilter {
  std::optional<std::string> region, status, kind, q;
};
// {"items","total"}; sort created_at, number, reserve_price_fen, updated_at.
nlohmann::json list_deals(store::Connection& c, const auth::Principal& actor, const DealFilter& f,
                          const PageRequest& page);

struct ContractTerms {
  std::string number;                 // 合同编号
  std::string start_date, end_date;   // lease/contracting only
};
struct StepAct {
  std::string action;  // complete / return
  std::string note;    // up to 500; required (2+) for a return
  std::int64_t attachments = 0;  // paper attachments counted, 0..999
  std::optional<std::string> winner;          // record_result
  std::optional<std::int64_t> price_fen;      // record_result: not below the reserve price
  std::optional<ContractTerms> contract;      // sign_contract
};
// Completes or returns step `seq` (ledger:deal:act and the step's role). 409 step_out_of_order
// (not the current step), deal_completed, step_not_returnable (the previous step published or
// recorded something); 403 wrong_role, self_approval (the requester on a decision step); 400
// naming winner / price_fen / contract.* where the step needs them. Returns the deal.
nlohmann::json act_on_step(store::Connection& c, const auth::Principal& actor, const disclosure::LogIdentity& log,
                           std::int64_t id, int seq, const StepAct& act);

// The steps a deal started in `region_code` would copy (ledger:deal:read): {"region_code",
// "inherited_from" (the region whose list applies, null for the built-in default), "steps"}.
nlohmann::json get_deal_template(store::Connection& c, const auth::Principal& actor, const std::string& region_code);
// Replaces a region's own step list (ledger:deal:template); running deals keep their copies.
nlohmann::json put_deal_template(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                 const std::vector<DealStepDef>& steps);

}  // namespace ql::ledger
