#pragma once
// Demo assets, resources and contracts for `qinglian init --demo`, dated relative to today so
// the warnings always show: in each demo village (村) an overdue land rent (red), an over-long
// forest lease (red), a lease ending within 90 days (blue), and in 柳湾村 a fish-pond lease far
// below the street's reference price (red). Written through the services, so every row obeys
// the same rules as entered ones.
#include "store/database.hpp"

namespace ql::admin {

// Call inside create_demo's transaction, after the regions exist.
void create_demo_assets(store::Connection& c);

}  // namespace ql::admin
