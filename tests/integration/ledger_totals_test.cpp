// The monthly totals behind the balances (ledger_month_total, schema/0017_ledger_perf.sql), on
// whichever backend QL_TEST_BACKEND names: after creates, edits that move a voucher to another
// month, voids, reversals and a bulk import, the table equals the posted lines summed per month
// and account, and ledger::balances over ranges that start and end mid-month, inside one
// month, on month edges and across years equals the plain aggregate over ledger_entry it
// replaced.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <tuple>

#include "api_fixture.hpp"
#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "ledger/report.hpp"
#include "ledger/voucher.hpp"

namespace ql::test {
namespace {

constexpr const char* kHefeng = "339902001001";

class LedgerTotals : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");  // business date 2026-11-21
    set_clock_for_testing([pinned] { return pinned; });
  }
};

ledger::VoucherInput two_lines(const std::string& date, const std::string& debit, const std::string& credit,
                               std::int64_t fen) {
  ledger::VoucherInput v;
  v.region_code = kHefeng;
  v.date = date;
  v.summary = "测试凭证";
  v.unapproved_reason = "测试用例外";  // payments out of 101/102 are flagged exceptions
  v.lines = {{debit, "", fen, 0, "", 0}, {credit, "", 0, fen, "", 0}};
  return v;
}

using Totals = std::map<std::tuple<std::string, std::int64_t>, std::pair<std::int64_t, std::int64_t>>;

// Non-zero monthly totals of the village, as stored and as recomputed from the posted lines.
Totals stored(store::Connection& c) {
  Totals t;
  for (const auto& r : c.query("SELECT period, account_id, debit_fen, credit_fen FROM ledger_month_total WHERE "
                               "region_code = $1 AND (debit_fen <> 0 OR credit_fen <> 0)",
                               {std::string(kHefeng)}))
    t[{r.get<std::string>(0), r.get<std::int64_t>(1)}] = {r.get<std::int64_t>(2), r.get<std::int64_t>(3)};
  return t;
}
Totals from_lines(store::Connection& c) {
  Totals t;
  for (const auto& r : c.query("SELECT SUBSTR(entry_date, 1, 7), account_id, SUM(debit_fen), SUM(credit_fen) FROM "
                               "ledger_entry WHERE region_code = $1 AND posted = 1 GROUP BY SUBSTR(entry_date, 1, 7), "
                               "account_id",
                               {std::string(kHefeng)}))
    if (r.get<std::int64_t>(2) != 0 || r.get<std::int64_t>(3) != 0)
      t[{r.get<std::string>(0), r.get<std::int64_t>(1)}] = {r.get<std::int64_t>(2), r.get<std::int64_t>(3)};
  return t;
}

TEST_F(LedgerTotals, MonthlyTotalsFollowEveryWriteAndBalancesMatchTheLines) {
  auto c = connect();
  const auto actor = auth::system_principal("test");
  const std::vector<std::string> money = {"101", "102"}, incomes = {"501", "511.01", "522"},
                                  costs = {"541.01", "541.02", "551"};
  std::mt19937 rng(17);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 80; ++i) {
    const int year = i < 30 ? 2025 : 2026, month = 1 + static_cast<int>(rng() % 10),
              day = 1 + static_cast<int>(rng() % 28);
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    const std::int64_t fen = 1 + static_cast<std::int64_t>(rng() % 3'000'000);
    auto v = i % 2 ? two_lines(date, costs[rng() % 3], money[rng() % 2], fen)
                   : two_lines(date, money[rng() % 2], incomes[rng() % 3], fen);
    ids.push_back(ledger::create_voucher(*c, actor, v)["id"].get<std::int64_t>());
  }
  EXPECT_EQ(stored(*c), from_lines(*c));

  // Edits (one into another month and year, with other accounts and amounts), voids, reversals.
  ledger::update_voucher(*c, actor, ids[3], two_lines("2026-09-30", "541.02", "101", 777));
  ledger::update_voucher(*c, actor, ids[4], two_lines("2025-01-01", "102", "522", 123456));
  ledger::void_voucher(*c, actor, ids[5], "重复录入");
  ledger::void_voucher(*c, actor, ids[6], "重复录入");
  auto reversal = ledger::reverse_voucher(*c, actor, ids[7], {"2026-10-15", std::nullopt, std::nullopt});
  ledger::void_voucher(*c, actor, reversal["id"].get<std::int64_t>(), "冲错了");
  ledger::reverse_voucher(*c, actor, ids[8], {"2026-10-16", std::nullopt, std::nullopt});
  EXPECT_EQ(stored(*c), from_lines(*c));

  // The importers' bulk path.
  std::vector<ledger::VoucherInput> batch;
  for (int i = 0; i < 25; ++i)
    batch.push_back(two_lines("2026-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10), "102", "511.01",
                              1000 + i));
  ledger::create_vouchers(*c, actor, kHefeng, batch);
  // A rejected batch (unbalanced voucher) changes nothing.
  batch = {two_lines("2026-03-03", "102", "511.01", 5)};
  batch.front().lines[1].credit_fen = 4;
  EXPECT_THROW(ledger::create_vouchers(*c, actor, kHefeng, batch), Error);
  const auto totals = stored(*c);
  EXPECT_EQ(totals, from_lines(*c));
  EXPECT_GT(totals.size(), 40u);

  // Balances from the totals equal the plain aggregate over the lines, for every kind of range.
  std::map<std::string, std::int64_t> id_of;
  for (const auto& r : c->query("SELECT code, id FROM ledger_account WHERE region_code = $1", {std::string(kHefeng)}))
    id_of[r.get<std::string>(0)] = r.get<std::int64_t>(1);
  const std::vector<std::pair<std::string, std::string>> ranges = {
      {"2026-01-01", "2026-12-31"}, {"2025-01-01", "2026-06-30"}, {"2026-03-15", "2026-08-10"},
      {"2026-03-01", "2026-03-31"}, {"2026-04-05", "2026-04-20"}, {"2025-12-31", "2026-01-01"},
      {"2026-02-28", "2026-03-01"}, {"2024-06-01", "2024-06-30"}, {"2026-10-16", "2026-10-16"},
      {"2025-02-11", "2026-09-29"}};
  for (const auto& [from, to] : ranges) {
    std::map<std::int64_t, std::tuple<std::int64_t, std::int64_t, std::int64_t>> expect;
    for (const auto& r : c->query(
             "SELECT account_id, SUM(CASE WHEN entry_date < $2 THEN debit_fen - credit_fen ELSE 0 END), "
             "SUM(CASE WHEN entry_date >= $2 THEN debit_fen ELSE 0 END), SUM(CASE WHEN entry_date >= $2 THEN "
             "credit_fen ELSE 0 END) FROM ledger_entry WHERE region_code = $1 AND entry_date <= $3 AND posted = 1 "
             "GROUP BY account_id",
             {std::string(kHefeng), from, to}))
      expect[r.get<std::int64_t>(0)] = {r.get<std::int64_t>(1), r.get<std::int64_t>(2), r.get<std::int64_t>(3)};
    const auto report = ledger::balances(*c, actor, kHefeng, *parse_date(from), *parse_date(to));
    int nonzero = 0;
    for (const auto& a : report["accounts"]) {
      if (!a["is_leaf"].get<bool>()) continue;
      const int sign = a["direction"] == "debit" ? 1 : -1;
      const auto it = expect.find(id_of.at(a["code"].get<std::string>()));
      const auto [opening, debit, credit] = it == expect.end() ? std::tuple<std::int64_t, std::int64_t, std::int64_t>{}
                                                               : it->second;
      EXPECT_EQ(a["opening_fen"].get<std::int64_t>(), sign * opening) << from << ".." << to << " " << a["code"];
      EXPECT_EQ(a["debit_fen"].get<std::int64_t>(), debit) << from << ".." << to << " " << a["code"];
      EXPECT_EQ(a["credit_fen"].get<std::int64_t>(), credit) << from << ".." << to << " " << a["code"];
      nonzero += opening != 0 || debit != 0 || credit != 0;
    }
    if (from != "2024-06-01") {
      EXPECT_GT(nonzero, 3) << from << ".." << to;
    }
  }
}

}  // namespace
}  // namespace ql::test
