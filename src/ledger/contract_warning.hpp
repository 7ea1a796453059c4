#pragma once
// The figures a contract's paper does not show but an auditor asks for, computed from its
// schedule, its payments and a date (never stored, so they cannot go stale): arrears per
// instalment, days overdue, expiry, and the warnings of DOMAIN.md's lease rules — a term over
// the region's limit, rent overdue (over 2 months red, else yellow), a unit price far below
// the reference. Pure functions of their inputs (no database, no clock), so unit tests pin
// every boundary.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace ql::ledger {

struct Instalment {
  int seq = 0;
  Date due;
  std::int64_t amount_fen = 0;
};

// One instalment with the payments applied to it (oldest instalment first).
struct InstalmentState {
  int seq = 0;
  Date due;
  std::int64_t amount_fen = 0, paid_fen = 0, arrears_fen = 0;  // arrears only once due
  int days_overdue = 0;                                        // 0 unless due and unpaid
};

// Applies paid_total to the instalments in due order (the usual reading: money received pays
// the oldest debt first) and states each as of `today`: an instalment due before today and not
// fully paid is in arrears (due on today is not yet late).
std::vector<InstalmentState> apply_payments(const std::vector<Instalment>& schedule, std::int64_t paid_total,
                                            Date today);

// A yearly schedule for a contract without one: an instalment at the start date and on each
// anniversary before the end, the total split evenly with the odd fen on the first ones, so
// the amounts always sum to the total. total_fen > 0 and start <= end are the caller's checks.
std::vector<Instalment> default_schedule(Date start, Date end, std::int64_t total_fen);

// d plus n calendar months, clamped to the month's last day (01-31 + 1 month = 02-28/29).
Date add_months(Date d, int n);

// Thresholds, configurable per region (asset_setting); the defaults are DOMAIN.md's.
struct WarningLimits {
  int max_term_years = 20;
  int max_term_years_arable = 30;
  int min_price_percent = 50;
};

struct ContractFacts {
  Date start, end;            // end inclusive
  bool arable = false;        // subject is arable land: the longer limit applies
  bool active = true;         // terminated contracts raise no payment or expiry warnings
  std::int64_t unit_price_fen = 0;
  std::optional<std::int64_t> reference_price_fen;  // same unit as unit_price_fen
  std::vector<InstalmentState> instalments;         // from apply_payments
};

struct Warning {
  std::string type;   // term_too_long, payment_overdue, price_below_reference, expiring, expired
  std::string level;  // red, yellow, blue
  nlohmann::json evidence;  // the figures that raised it
};

// Days within which an ending contract counts as expiring.
inline constexpr int kExpiringDays = 90;

// Every warning of one contract as of today, most severe first. A term is too long when the
// day after `end` lies beyond start + limit years. Each instalment in arrears is one
// payment_overdue (red once today is more than 2 calendar months after its due date).
std::vector<Warning> contract_warnings(const ContractFacts& c, const WarningLimits& limits, Date today);

}  // namespace ql::ledger
