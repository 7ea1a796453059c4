#pragma once
// Small helpers shared by the asset, resource and contract services (not a public API).
#include <string>

#include "auth/principal.hpp"
#include "ledger/voucher_check.hpp"  // ledger::Problem (field, zh, en)
#include "store/database.hpp"

namespace ql::ledger {

// created_by for a row: the user, or NULL for system work (CLI imports, demo data).
inline store::Param actor_param(const auth::Principal& actor) {
  return actor.user_id ? store::Param(actor.user_id) : store::Param();
}

// "1.5" -> 1500 thousandths, for areas typed by people: digits with at most three decimals.
// Returns -1 when the text is not such a number.
long long parse_milli(const std::string& text);

}  // namespace ql::ledger
