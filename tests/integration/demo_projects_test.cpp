// The demo's works projects and asset deals (src/admin/demo_projects.cpp), on whichever backend
// QL_TEST_BACKEND names: with the clock pinned, the road projects carry exactly the demo books'
// road payments, the one paid before its acceptance is the only flagged project, and the two
// demo deals stand where docs/ASSETS.md says (one disclosure / three disclosures and a contract).
#include <gtest/gtest.h>

#include "admin/demo_projects.hpp"
#include "api_fixture.hpp"
#include "core/clock.hpp"

namespace ql::test {
namespace {

using nlohmann::json;

constexpr const char* kTaoyuan = "339902001201";
constexpr const char* kMeiling = "339902001202";

class DemoProjects : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");  // business date 2026-11-21
    set_clock_for_testing([pinned] { return pinned; });
    load_demo_books();
    auto lease = app_->pool().acquire();
    store::Transaction tx(*lease);
    admin::create_demo_projects(*lease, app_->log_identity());
    tx.commit();
    street_ = login("street");
  }
  void TearDown() override {
    set_clock_for_testing(nullptr);
    ApiTest::TearDown();
  }
  json check(const std::string& region, int year) {
    auto r = get("/api/v1/ledger/project-check?region=" + region + "&year=" + std::to_string(year), street_);
    EXPECT_EQ(r.status, 200) << r.raw.body;
    return r.json;
  }
  json deal_of(const std::string& region) {
    auto list = get("/api/v1/ledger/deals?region=" + region, street_).json;
    EXPECT_EQ(list["total"], 1) << list.dump();
    auto r = get("/api/v1/ledger/deals/" + list["items"][0]["id"].dump(), street_);
    EXPECT_EQ(r.status, 200) << r.raw.body;
    return r.json;
  }
  std::string street_;
};

TEST_F(DemoProjects, RoadProjectsCarryTheBooksPaymentsAndOneIsFlagged) {
  // 桃源村 2025: accepted on 10 April, before the April and June payments; audited and settled.
  auto last = check(kTaoyuan, 2025);
  ASSERT_EQ(last["items"].size(), 1u);
  const auto& road25 = last["items"][0];
  EXPECT_EQ(road25["name"], "2025年村道硬化工程");
  EXPECT_EQ(road25["paid_fen"], 17'200'000);
  EXPECT_EQ(road25["payment_count"], 2);
  EXPECT_EQ(road25["settlement_amount_fen"], 17'200'000);
  EXPECT_TRUE(road25["checks"].empty()) << road25["checks"].dump();

  // 桃源村 2026: both payments before the 30 September acceptance: the only finding.
  auto ty = check(kTaoyuan, 2026);
  ASSERT_EQ(ty["items"].size(), 1u);
  const auto& road26 = ty["items"][0];
  EXPECT_EQ(road26["paid_fen"], 17'200'000);
  EXPECT_EQ(road26["last_paid_date"], "2026-06-18");
  EXPECT_EQ(road26["acceptance_date"], "2026-09-30");
  ASSERT_EQ(road26["checks"].size(), 1u) << road26["checks"].dump();
  EXPECT_EQ(road26["checks"][0]["code"], "paid_before_acceptance");
  EXPECT_EQ(road26["checks"][0]["severity"], "error");
  EXPECT_EQ(ty["totals"]["flagged_projects"], 1);

  // 梅岭村 2026 (books at twice the scale): a clean road and a planned project paid nothing.
  auto ml = check(kMeiling, 2026);
  ASSERT_EQ(ml["items"].size(), 2u);
  EXPECT_EQ(ml["totals"]["paid_fen"], 34'400'000);
  EXPECT_EQ(ml["totals"]["flagged_projects"], 0) << ml.dump();

  // What the projects paid is exactly the books' road payments (村道硬化工程), all six linked.
  auto vouchers = get("/api/v1/ledger/vouchers?region=339902001000&is_payment=true&size=100&q=%E6%9D%91%E9%81%93%E7%A1%AC%E5%8C%96",
                      street_).json;
  ASSERT_EQ(vouchers["total"], 6) << vouchers.dump();
  std::int64_t books = 0;
  for (const auto& v : vouchers["items"]) books += v["total_fen"].get<std::int64_t>();
  EXPECT_EQ(books, road25["paid_fen"].get<std::int64_t>() + road26["paid_fen"].get<std::int64_t>() +
                       ml["totals"]["paid_fen"].get<std::int64_t>());
}

TEST_F(DemoProjects, DealsStandAtTheirDisclosures) {
  auto running = deal_of(kTaoyuan);
  EXPECT_EQ(running["status"], "in_progress");
  EXPECT_EQ(running["current_step"], 6);
  ASSERT_EQ(running["disclosures"].size(), 1u);
  EXPECT_EQ(running["disclosures"][0]["stage"], "before");

  auto done = deal_of(kMeiling);
  EXPECT_EQ(done["status"], "completed");
  ASSERT_EQ(done["disclosures"].size(), 3u);
  EXPECT_EQ(done["disclosures"][2]["stage"], "after");
  EXPECT_EQ(done["price_fen"], 1'860'000);
  auto contracts = get(std::string("/api/v1/ledger/contracts?region=") + kMeiling + "&q=HT-ML-JY01", street_).json;
  ASSERT_EQ(contracts["total"], 1);
  EXPECT_EQ(contracts["items"][0]["total_fen"], 1'860'000);
}

}  // namespace
}  // namespace ql::test
