#pragma once
// The automatic checks of the 年度工程项目汇总核查表 (seed 000's yearly project table), one
// pure function over a project's facts so the API, the term audit and the unit tests share
// one rule set. Each finding has a stable code, zh/en text, a severity (error = red, warning =
// yellow) and its evidence in fen and dates. Rules (docs/LEDGER.md § Projects):
//   paid_over_settlement   error   paid > settlement amount (when settled)
//   paid_over_contract     error   paid > contract amount (when not settled)
//   paid_before_acceptance error   payments dated before a passed acceptance (all payments when
//                                  not accepted or acceptance failed) exceed the advance share
//                                  kAdvancePercent of the contract amount (预付款 up to 30 %
//                                  is normal practice and not flagged)
//   procurement_below_required error the method ranks below what the amount's band requires
//                                  (large → public tender, township → township trading centre,
//                                  county → county trading centre; power/routing.hpp bands)
//   settled_without_audit  error   settled at or above kAuditRequiredFromFen without an audit
//   settlement_over_audit  error   settlement above the audited amount
//   acceptance_missing     warning finish date passed, no acceptance recorded
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "power/flow.hpp"

namespace ql::ledger {

inline constexpr int kAdvancePercent = 30;
inline constexpr std::int64_t kAuditRequiredFromFen = 10'000'000;  // 10万元

struct ProjectFacts {
  std::int64_t contract_fen = 0;
  std::optional<std::int64_t> settlement_fen, audited_fen;
  std::optional<Date> finish, acceptance, audit;
  std::optional<std::string> acceptance_result;  // passed / failed
  std::string method;                             // procurement_method dictionary value
  std::vector<std::pair<Date, std::int64_t>> payments;  // counted payments (posted, not reversed)
  power::AmountBand band = power::AmountBand::none;     // band of the contract amount
};

struct Finding {
  std::string code, severity;  // severity: error / warning
  std::string zh, en;
  nlohmann::json evidence;
};

// 0 for methods without a trading-centre rank, 1 public tender, 2 township centre, 3 county.
int method_rank(const std::string& method);
// The least method a band requires ("" when any will do).
std::string required_method(power::AmountBand band);
// "small", "medium", "large", "township", "county" or "none".
std::string band_name(power::AmountBand band);

// Every finding of the project as of `today` (business date), errors first.
std::vector<Finding> check_project(const ProjectFacts& f, Date today);

}  // namespace ql::ledger
