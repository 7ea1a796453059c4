#pragma once
// Accounting periods (会计期间) of a village's books: calendar months 'YYYY-MM' in business
// dates (Asia/Shanghai). A month is open until closed; closing is final, needs every earlier
// month that has vouchers closed first, and only a month that has ended. Corrections to a
// closed month go into an open month as reversing vouchers (see voucher.hpp).
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace ql::ledger {

inline constexpr const char* kReadPermission = "ledger:fund:read";
inline constexpr const char* kWritePermission = "ledger:fund:write";
inline constexpr const char* kClosePermission = "ledger:fund:close";

// True for a real month written exactly 'YYYY-MM' with a year 2000..2100.
bool is_period(std::string_view s);
// 'YYYY-MM' of a date.
std::string period_of(Date d);
// The month after / before 'YYYY-MM' (is_period must hold).
std::string next_period(std::string_view period);
// First and last day of a month.
Date period_first_day(std::string_view period);
Date period_last_day(std::string_view period);

// Parses a business date for field `field` (400 invalid_field unless 'YYYY-MM-DD' with a year
// 2000..2100).
Date require_date(const std::string& field, std::string_view text);

// Checks that `code` is a village/community in the actor's scope (403 outside it; 400 naming
// `field` when it is another level): books are kept per community.
void require_village(store::Connection& c, const auth::Principal& actor, const std::string& code,
                     const std::string& field = "region");

// The closed months of a village.
std::set<std::string> closed_periods(store::Connection& c, const std::string& region_code);
// 409 period_closed when `period` of the village is closed.
void require_open(store::Connection& c, const std::string& region_code, const std::string& period);

// {"region_code","periods":[{"period","status":"open"|"closed","closed_at","voucher_count"}]} for
// every month of `year` (needs ledger:fund:read).
nlohmann::json list_periods(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                            int year);

// Closes a month (needs ledger:fund:close): 409 period_closed if it already is,
// period_not_ended if its last day is not before `today`, earlier_period_open naming the first
// open earlier month that has vouchers. Returns that month's entry as in list_periods.
nlohmann::json close_period(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                            const std::string& period, Date today);

}  // namespace ql::ledger
