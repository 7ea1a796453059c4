#pragma once
// Power cases (办件): one run of a power item. A case copies the route its amount band takes
// through the item's current flow version (routing.hpp, flow.hpp) and walks it strictly in
// order. Rules that cannot be bypassed (each a stable error code, docs/POWER.md):
//   self_approval (403)      the requester never approves, signs or records a meeting of their case;
//   wrong_role (403)         the actor's role must be one of the step's roles, in the case's region;
//   step_out_of_order (409)  only the current step can be acted on; the message names it;
//   joint: every role of a joint step signs, each by a different user; the step completes on the last;
//   case_rejected / case_completed (409)  a rejected or finished case takes no further action;
//   amount_rise (409)        the amount cannot rise after the first approval: start a new case.
// Disclose steps publish through disclosure::publish_for_step when reached, in the same
// transaction as the action that reached them. Every action is in power_case_event and the
// operation log. Time limits are calendar days from the moment a step becomes current.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::power {

inline constexpr const char* kCaseRead = "power:case:read";
inline constexpr const char* kCaseStart = "power:case:start";
inline constexpr const char* kCaseAct = "power:case:act";
inline constexpr const char* kSealWrite = "power:seal:write";

struct CaseInput {
  std::string item;         // code ("collective.purchase") or id
  std::string region_code;  // a village or community in the actor's scope
  std::string title;        // 1..100
  std::string description;  // up to 2000
  std::optional<std::int64_t> amount_fen;
  std::string counterparty;  // supplier / applicant, up to 100
};

// The route a case would take, without starting it (power:case:start): {"item","band",
// "thresholds","flow_version","route":[steps]}.
nlohmann::json preview_route(store::Connection& c, const auth::Principal& actor, const CaseInput& in);

// Starts a case (power:case:start). Returns the case as get_case does.
nlohmann::json start_case(store::Connection& c, const auth::Principal& actor, const disclosure::LogIdentity& log,
                          const CaseInput& in);

// The case with "route" (its steps with status, due dates, risks, signatures, meetings),
// "current_step", "overdue", "history" and "disclosures", and "can_act" for the actor.
nlohmann::json get_case(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct CaseFilter {
  std::optional<std::string> region, status, item, band, q;
  bool overdue = false, mine = false, todo = false;
};
// {"items","total"}; sort created_at, number, amount_fen, updated_at.
nlohmann::json list_cases(store::Connection& c, const auth::Principal& actor, const CaseFilter& f,
                          const PageRequest& page);

struct MeetingInput {
  std::int64_t members_total = 0, present = 0, votes_for = 0, votes_against = 0, votes_abstain = 0;
  std::string attendees;   // names, optional, up to 2000
  std::string held_at;     // ISO time or date; default now
  std::string resolution;  // up to 2000
};
struct TenderInput {
  std::string winner;  // 1..100
  std::optional<std::int64_t> price_fen;
  std::int64_t bidders = 0;  // number of bids, 0 = not given
};
struct ActionInput {
  std::string step;     // the step key
  std::string action;   // submit, approve, reject, return, sign, record, tender, meeting
  std::string comment;  // up to 500; 2+ characters for reject and return
  std::optional<MeetingInput> meeting;
  std::optional<TenderInput> tender;
};
// Acts on the current step (power:case:act, or power:case:start for the requester's resubmit).
// A meeting below quorum is recorded and the step stays open for a new meeting; a quorate
// meeting without a majority in favour rejects the case. Returns the case.
nlohmann::json act(store::Connection& c, const auth::Principal& actor, const disclosure::LogIdentity& log,
                   std::int64_t id, const ActionInput& in);

struct CasePatch {
  std::optional<std::string> title, description, counterparty;
  std::optional<std::int64_t> amount_fen;
};
// The requester edits an open or returned case. 409 amount_rise after the first approval.
nlohmann::json update_case(store::Connection& c, const auth::Principal& actor, std::int64_t id, const CasePatch& p);

// Cases whose current step is past its time limit in the region and below (power:case:read).
nlohmann::json overdue_cases(store::Connection& c, const auth::Principal& actor, const std::string& region_code);

// Seal use (印章使用登记), power:seal:write; the case must be completed or at a step whose
// key or name mentions the seal (用印/seal). GET lists by region (power:case:read).
struct SealUseInput {
  std::int64_t case_id = 0;
  std::string seal_name, document, stamped_by, stamped_at, note;
  std::int64_t copies = 1;
};
nlohmann::json record_seal_use(store::Connection& c, const auth::Principal& actor, const SealUseInput& in);
nlohmann::json list_seal_uses(store::Connection& c, const auth::Principal& actor, const std::optional<std::string>& region,
                              std::optional<std::int64_t> case_id, const PageRequest& page);

}  // namespace ql::power
