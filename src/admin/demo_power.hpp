#pragma once
// Demo petty-power cases for `qinglian init --demo`, made through the power services as the
// demo users (so every rule applies): the catalogue initialised in the demo villages, the
// cases the demo books' payment vouchers cite, and a few cases left in other states.
#include <cstdint>
#include <map>
#include <string>

#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::admin {

struct DemoApproval {
  std::string item_code;  // e.g. collective.spending
  std::string title;
  std::int64_t amount_fen = 0;
};

// Starts `a` in village `region` as `<slug>.clerk` and walks it to completion as the village's
// demo users and the street; returns the case number. Call inside create_demo's transaction.
std::string demo_completed_case(store::Connection& c, const disclosure::LogIdentity& log, const std::string& region,
                                const std::string& slug, const DemoApproval& a);

// Cases in other states in 荷风社区 (one waiting for the joint signatures, one returned, one
// rejected by the representatives) so the screens show them.
void create_demo_power(store::Connection& c, const disclosure::LogIdentity& log);

}  // namespace ql::admin
