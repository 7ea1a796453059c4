#include "admin/demo_assets.hpp"

#include <string>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "ledger/asset.hpp"
#include "ledger/contract.hpp"
#include "ledger/resource.hpp"

namespace ql::admin {
namespace {

constexpr std::int64_t kYuan = 100;
constexpr const char* kStreet = "339902001000";

struct Village {
  const char* code;
  const char* slug;
};
constexpr Village kVillages[] = {{"339902001201", "TY"}, {"339902001202", "ML"}, {"339902001203", "LW"}};

Date first_of_month(Date d) {
  const std::chrono::year_month_day ymd{d};
  return std::chrono::sys_days{ymd.year() / ymd.month() / 1};
}

std::int64_t id_of(const nlohmann::json& j) { return j["id"].get<std::int64_t>(); }

}  // namespace

void create_demo_assets(store::Connection& c) {
  const auto actor = auth::system_principal("demo");
  const auto today = business_day(now());
  const auto date = [](Date d) { return to_date_string(d); };

  // The street's 三资中心 sets reference prices once for all its villages.
  ledger::AssetSettings s;
  s.region_code = kStreet;
  s.reference_prices = {{"arable", "mu", 800 * kYuan}, {"forest", "mu", 60 * kYuan}, {"water", "mu", 600 * kYuan},
                        {"asset", "m2", 120 * kYuan}};
  ledger::put_asset_settings(c, actor, s);

  for (const auto& v : kVillages) {
    const std::string p = v.slug;
    const auto asset = [&](std::string code, std::string name, std::string category, std::int64_t yuan, Date acquired,
                           std::string location, std::string custodian, std::string status) {
      ledger::AssetInput a;
      a.region_code = v.code;
      a.code = std::move(code);
      a.name = std::move(name);
      a.category = std::move(category);
      a.original_value_fen = yuan * kYuan;
      a.acquired_date = date(acquired);
      a.location = std::move(location);
      a.custodian = std::move(custodian);
      a.status = std::move(status);
      return ledger::create_asset(c, actor, a);
    };
    const auto years_ago = [&](int n) { return ledger::add_months(today, -12 * n); };
    asset("ZC-001", "村委会办公楼", "building", 1'800'000, years_ago(11), "村委会大院", "村文书", "in_use");
    asset("ZC-002", "农用拖拉机", "machinery", 85'000, years_ago(6), "农机棚", "村主任", "idle");
    const auto warehouse = asset("ZC-003", "村集体仓库", "building", 320'000, years_ago(15), "村东路 8 号", "村文书", "leased");
    asset("ZC-004", "办公电脑", "office", 6'500, years_ago(2), "村委会办公室", "报账员", "in_use");

    const auto resource = [&](std::string code, std::string name, std::string kind, bool arable, std::int64_t milli,
                              std::string location, std::string status) {
      ledger::ResourceInput r;
      r.region_code = v.code;
      r.code = std::move(code);
      r.name = std::move(name);
      r.kind = std::move(kind);
      r.arable = arable;
      r.area_milli = milli;
      r.area_unit = "mu";
      r.location = std::move(location);
      r.ownership = "村集体所有";
      r.status = std::move(status);
      return ledger::create_resource(c, actor, r);
    };
    const auto field = resource("ZY-001", "东畈耕地", "land", true, 120'500, "东畈", "contracted");
    const auto forest = resource("ZY-002", "南山林地", "forest", false, 300'000, "南山", "contracted");
    const auto pond = resource("ZY-003", "北塘鱼塘", "water", false, 15'000, "北塘", "leased");

    const auto contract = [&](std::string number, std::string kind, std::string subject_type, std::int64_t subject,
                              std::string who, Date start, Date end, std::int64_t milli, std::int64_t unit_yuan,
                              std::int64_t total_yuan, std::string unit) {
      ledger::ContractInput k;
      k.region_code = v.code;
      k.number = std::move(number);
      k.kind = std::move(kind);
      k.subject_type = std::move(subject_type);
      k.subject_id = subject;
      k.counterparty = std::move(who);
      k.counterparty_phone = "138000000" + std::to_string(10 + (&v - kVillages));
      k.start_date = date(start);
      k.end_date = date(end);
      k.area_milli = milli;
      k.area_unit = std::move(unit);
      k.unit_price_fen = unit_yuan * kYuan;
      k.total_fen = total_yuan * kYuan;
      return ledger::create_contract(c, actor, k);
    };
    const auto pay = [&](const nlohmann::json& k, int instalments) {
      for (int i = 0; i < instalments; ++i) {
        const auto& inst = k["instalments"][static_cast<std::size_t>(i)];
        ledger::PaymentInput pi{inst["amount_fen"].get<std::int64_t>(), inst["due_date"].get<std::string>(),
                                "凭证 " + inst["due_date"].get<std::string>().substr(0, 7), "按期收取"};
        ledger::record_payment(c, actor, id_of(k), pi);
      }
    };
    // Land contracted about 15 months ago, yearly rent: the second year's rent is more than 2
    // months overdue (red).
    const auto start1 = first_of_month(ledger::add_months(today, -15));
    const auto land = contract("HT-" + p + "-001", "contracting", "resource", id_of(field), "张建国", start1,
                               ledger::add_months(start1, 60) - std::chrono::days{1}, 120'500, 800, 482'000, "mu");
    pay(land, 1);
    // Forest for 25 years: over the 20-year limit (red); rent paid so far.
    const auto start2 = first_of_month(years_ago(3));
    const auto woods = contract("HT-" + p + "-002", "contracting", "resource", id_of(forest), "青山林业合作社", start2,
                                ledger::add_months(start2, 300) - std::chrono::days{1}, 300'000, 60, 450'000, "mu");
    int due = 0;
    for (const auto& i : woods["instalments"])
      if (*parse_date(i["due_date"].get<std::string>()) <= today) ++due;
    pay(woods, due);
    // The warehouse leased for three years, ending within 60 days (blue).
    const auto end3 = today + std::chrono::days{45};
    const auto start3 = ledger::add_months(end3 + std::chrono::days{1}, -36);
    const auto lease = contract("HT-" + p + "-003", "lease", "asset", id_of(warehouse), "李记粮油店", start3, end3, 400'000,
                                120, 144'000, "m2");
    pay(lease, 3);
    // 柳湾村's fish pond at a third of the reference price (red); the others at the reference.
    const bool cheap = p == "LW";
    const auto start4 = first_of_month(ledger::add_months(today, -6));
    const auto fish = contract("HT-" + p + "-004", "lease", "resource", id_of(pond), "王水生", start4,
                               ledger::add_months(start4, 36) - std::chrono::days{1}, 15'000, cheap ? 200 : 600,
                               cheap ? 9'000 : 27'000, "mu");
    pay(fish, 1);
  }
}

}  // namespace ql::admin
