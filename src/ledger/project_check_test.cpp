#include "ledger/project_check.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ql::ledger {
namespace {

Date d(const char* s) { return *parse_date(s); }

std::set<std::string> codes(const ProjectFacts& f) {
  std::set<std::string> out;
  for (const auto& x : check_project(f, d("2026-11-21"))) out.insert(x.code);
  return out;
}

TEST(ProjectCheck, AdvanceShareIsTheBoundary) {
  ProjectFacts f;
  f.contract_fen = 1000;
  f.method = "direct";
  f.payments = {{d("2026-01-01"), 300}};
  EXPECT_TRUE(codes(f).empty());  // exactly 30 %: an advance
  f.payments.push_back({d("2026-01-02"), 1});
  EXPECT_EQ(codes(f), std::set<std::string>{"paid_before_acceptance"});
  f.acceptance = d("2026-01-02");  // the second payment is on the acceptance day: not before
  EXPECT_TRUE(codes(f).empty());
  f.acceptance_result = "failed";  // a failed acceptance accepts nothing
  EXPECT_EQ(codes(f), std::set<std::string>{"paid_before_acceptance"});
}

TEST(ProjectCheck, MethodMustReachTheBand) {
  ProjectFacts f;
  f.contract_fen = 60'000'000;
  f.method = "public_tender";
  f.band = power::AmountBand::township;
  EXPECT_EQ(codes(f), std::set<std::string>{"procurement_below_required"});
  f.method = "county_centre";  // a higher centre is fine
  EXPECT_TRUE(codes(f).empty());
  f.band = power::AmountBand::medium;  // no trading requirement below the large band
  f.method = "direct";
  EXPECT_TRUE(codes(f).empty());
}

TEST(ProjectCheck, SettlementAuditAndAcceptance) {
  ProjectFacts f;
  f.contract_fen = 20'000'000;
  f.method = "public_tender";
  f.settlement_fen = kAuditRequiredFromFen - 1;
  EXPECT_TRUE(codes(f).empty());
  f.settlement_fen = kAuditRequiredFromFen;
  EXPECT_EQ(codes(f), std::set<std::string>{"settled_without_audit"});
  f.audit = d("2026-05-01");
  f.audited_fen = kAuditRequiredFromFen - 5;
  EXPECT_EQ(codes(f), std::set<std::string>{"settlement_over_audit"});
  f.audited_fen = kAuditRequiredFromFen;
  f.finish = d("2026-11-20");
  const auto w = check_project(f, d("2026-11-21"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].code, "acceptance_missing");
  EXPECT_EQ(w[0].severity, "warning");
  EXPECT_TRUE(check_project(f, d("2026-11-20")).empty());  // not yet past the finish date
}

TEST(ProjectCheck, PaidOverSettlementOrContract) {
  ProjectFacts f;
  f.contract_fen = 1000;
  f.method = "direct";
  f.acceptance = d("2026-01-01");
  f.payments = {{d("2026-02-01"), 1001}};
  EXPECT_EQ(codes(f), std::set<std::string>{"paid_over_contract"});
  f.settlement_fen = 1200;  // settled above the contract: the settlement is the limit
  EXPECT_TRUE(codes(f).empty());
  f.settlement_fen = 1000;
  EXPECT_EQ(codes(f), std::set<std::string>{"paid_over_settlement"});
}

}  // namespace
}  // namespace ql::ledger
