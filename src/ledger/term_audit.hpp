#pragma once
// 离任经济责任审计 support (seed 001): for a cadre's term in a village, the figures an auditor
// starts from, every one computed from the books and registers (nothing typed): cash, bank,
// receivables (112 应收款) and payables (202 应付款) at the start and end of the term; income
// and spending by account during it; the vouchers the cadre entered or whose approval cites
// them; payments flagged as unapproved exceptions; assets acquired and disposed of; contracts
// signed or changed; contract arrears outstanding at the end; the projects of the term with
// their check findings; reversals and voids made. Term dates are not stored anywhere, so they
// are parameters. Needs ledger:fund:read and the village in the actor's scope.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace ql::ledger {

// Who: a user account of the village whose role is secretary or clerk (user_id), or, for a
// cadre without an account (an earlier term), a name (cadre_name), matched against approval
// references only. Exactly one of the two.
struct TermAuditQuery {
  std::string region_code;
  std::optional<std::int64_t> user_id;
  std::optional<std::string> cadre_name;
  Date from, to;
};

// The report: {"region_code","region_name","from","to","cadre","positions","income",
// "expenditure","income_fen","expenditure_fen","net_fen","vouchers","unapproved",
// "assets_acquired","assets_disposed","contracts_signed","contracts_changed","arrears",
// "arrears_fen","projects","reversals","voids"}. 400 naming user / cadre_name / from / to.
nlohmann::json term_audit(store::Connection& c, const auth::Principal& actor, const TermAuditQuery& q);

// The users who can be audited in a village (secretary and clerk accounts), for the form.
nlohmann::json term_audit_cadres(store::Connection& c, const auth::Principal& actor, const std::string& region_code);

}  // namespace ql::ledger
