#pragma once
// The link from a payment voucher (ledger) to its approval: a voucher's approval_ref must be
// the number of a completed power case of the same village whose amount covers the payment.
// Kept in src/power so the ledger depends on power and not the other way round.
#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace ql::power {

// Throws invalid_field("approval_ref") unless `ref` is the number of a completed case in
// `region_code` with an amount of at least already_paid_fen + amount_fen, where
// already_paid_fen is what other (non-void) vouchers citing the case paid: a case's approved
// amount covers the sum of its payments, not each payment separately.
void check_approval_ref(store::Connection& c, const std::string& region_code, const std::string& ref,
                        std::int64_t amount_fen, std::int64_t already_paid_fen);

}  // namespace ql::power
