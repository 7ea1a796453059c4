#include "ledger/contract_warning.hpp"

#include <gtest/gtest.h>

namespace ql::ledger {
namespace {

Date d(const char* s) { return *parse_date(s); }

std::vector<std::string> types(const std::vector<Warning>& w) {
  std::vector<std::string> out;
  for (const auto& x : w) out.push_back(x.type + "/" + x.level);
  return out;
}

TEST(ContractWarning, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(to_date_string(add_months(d("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(to_date_string(add_months(d("2028-01-31"), 1)), "2028-02-29");
  EXPECT_EQ(to_date_string(add_months(d("2026-11-15"), 2)), "2027-01-15");
  EXPECT_EQ(to_date_string(add_months(d("2026-03-31"), -1)), "2026-02-28");
}

TEST(ContractWarning, DefaultScheduleIsYearlyAndSumsToTheTotal) {
  auto s = default_schedule(d("2026-01-01"), d("2028-12-31"), 1000);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(to_date_string(s[1].due), "2027-01-01");
  EXPECT_EQ(s[0].amount_fen + s[1].amount_fen + s[2].amount_fen, 1000);
  EXPECT_EQ(s[0].amount_fen, 334);
  EXPECT_EQ(s[2].amount_fen, 333);
  auto one = default_schedule(d("2026-05-01"), d("2026-10-31"), 500);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].amount_fen, 500);
}

TEST(ContractWarning, PaymentsPayTheOldestInstalmentFirst) {
  std::vector<Instalment> s = {{1, d("2026-01-01"), 100}, {2, d("2027-01-01"), 100}};
  auto st = apply_payments(s, 150, d("2027-01-02"));
  EXPECT_EQ(st[0].paid_fen, 100);
  EXPECT_EQ(st[0].arrears_fen, 0);
  EXPECT_EQ(st[1].paid_fen, 50);
  EXPECT_EQ(st[1].arrears_fen, 50);
  EXPECT_EQ(st[1].days_overdue, 1);
  // Due today is not late yet.
  EXPECT_EQ(apply_payments(s, 100, d("2027-01-01"))[1].arrears_fen, 0);
}

TEST(ContractWarning, OverdueTurnsRedAfterTwoMonths) {
  ContractFacts c{d("2026-01-01"), d("2030-12-31"), false, true, 0, std::nullopt, {}};
  c.instalments = apply_payments({{1, d("2026-01-01"), 100}}, 0, d("2026-03-01"));
  EXPECT_EQ(types(contract_warnings(c, {}, d("2026-03-01"))), std::vector<std::string>{"payment_overdue/yellow"});
  c.instalments = apply_payments({{1, d("2026-01-01"), 100}}, 0, d("2026-03-02"));
  EXPECT_EQ(types(contract_warnings(c, {}, d("2026-03-02"))), std::vector<std::string>{"payment_overdue/red"});
  c.active = false;
  EXPECT_TRUE(contract_warnings(c, {}, d("2026-03-02")).empty());
}

TEST(ContractWarning, TermLimitDependsOnArableLand) {
  ContractFacts c{d("2026-01-01"), d("2045-12-31"), false, true, 0, std::nullopt, {}};
  EXPECT_TRUE(contract_warnings(c, {}, d("2026-01-01")).empty());  // exactly 20 years
  c.end = d("2046-01-01");
  auto w = contract_warnings(c, {}, d("2026-01-01"));
  ASSERT_EQ(types(w), std::vector<std::string>{"term_too_long/red"});
  EXPECT_EQ(w[0].evidence["limit_years"], 20);
  EXPECT_EQ(w[0].evidence["term_months"], 240);
  c.arable = true;
  EXPECT_TRUE(contract_warnings(c, {}, d("2026-01-01")).empty());
  c.end = d("2056-01-01");
  EXPECT_EQ(types(contract_warnings(c, {}, d("2026-01-01"))), std::vector<std::string>{"term_too_long/red"});
  EXPECT_TRUE(contract_warnings(c, {40, 40, 50}, d("2026-01-01")).empty());
}

TEST(ContractWarning, PriceBelowReferenceAndExpiry) {
  ContractFacts c{d("2020-01-01"), d("2026-03-31"), false, true, 49, 100, {}};
  EXPECT_EQ(types(contract_warnings(c, {}, d("2026-01-01"))),
            (std::vector<std::string>{"price_below_reference/red", "expiring/blue"}));
  c.unit_price_fen = 50;
  EXPECT_EQ(types(contract_warnings(c, {}, d("2026-04-01"))), std::vector<std::string>{"expired/yellow"});
  EXPECT_TRUE(contract_warnings(c, {}, d("2025-12-30")).empty());  // 91 days left
}

}  // namespace
}  // namespace ql::ledger
