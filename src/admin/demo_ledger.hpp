#pragma once
// Demo books for `qinglian init --demo`: a village's funds ledger with vouchers for the previous
// year (closed month by month) and the current year up to last month, so the ledger screens and
// reports have something real to compute from. Written through the ledger services (the bulk
// path), so every figure obeys the same rules as entered ones.
#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::admin {

// Creates the books of the demo villages 桃源村 (two years) and 梅岭村 (this year). Call inside
// create_demo's transaction, after the regions exist.
// Payment vouchers cite demo power cases made first (demo_power.hpp), which publish their
// disclosures through `log`.
void create_demo_books(store::Connection& c, const disclosure::LogIdentity& log);

}  // namespace ql::admin
