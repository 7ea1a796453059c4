#pragma once
// The books' side of the 内审工作核查表 (power/charts.hpp): payments flagged as unapproved
// exceptions and the sums paid under each approval reference. Here rather than in src/power
// because the ledger depends on power (approval_ref.hpp), never the reverse; the HTTP layer
// hands the result to power::audit_checklist.
#include <string>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "power/charts.hpp"
#include "store/database.hpp"

namespace ql::ledger {

// For the region and below within the actor's data scope (ledger:fund:read): the posted,
// unreversed payment vouchers dated in [from, to] (business dates) that carry an
// unapproved_reason, and for every approval_ref the sum that posted, unreversed vouchers
// citing it paid out (credits to cash and bank accounts), whatever their date. `checked` is
// true. 403 without the permission or outside the scope.
power::PaymentFacts payment_facts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                  Date from, Date to);

}  // namespace ql::ledger
