#pragma once
// Demo works projects and asset deals for `qinglian init --demo`, made through the ledger
// services as the demo villages' own users (so every rule, the operation log and the deal
// disclosures apply): in 桃源村 and 梅岭村 the road projects their demo books pay (linked to
// those payment vouchers; this year's 桃源村 road was paid in full before its acceptance, so
// the yearly check table flags it) and one planned project; in 桃源村 a re-lease of the
// warehouse that has published its before-the-plan disclosure, and in 梅岭村 a completed
// lease of the idle tractor with its three disclosures.
#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::admin {

// Call inside create_demo's transaction, after create_demo_books and create_demo_assets.
void create_demo_projects(store::Connection& c, const disclosure::LogIdentity& log);

}  // namespace ql::admin
