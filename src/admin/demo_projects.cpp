#include "admin/demo_projects.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "auth/user.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "ledger/asset.hpp"
#include "ledger/contract_warning.hpp"
#include "ledger/deal.hpp"
#include "ledger/project.hpp"
#include "ledger/voucher.hpp"

namespace ql::admin {
namespace {

constexpr std::int64_t kYuan = 100;
constexpr const char* kTaoyuan = "339902001201";
constexpr const char* kMeiling = "339902001202";

auth::Principal as_user(store::Connection& c, const std::string& username) {
  auto u = auth::load_user_by_name(c, username);
  if (!u) throw Error(ErrorKind::internal, "demo_user_missing", "缺少演示用户 " + username, "Demo user missing: " + username);
  return auth::principal_of(*u, "127.0.0.1");
}

std::string day(int y, int m, int d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// A date of the project's story, or nothing when there is none ("") or it is still in the
// future: the demo is dated from today, and a project is never accepted or audited ahead of time.
std::optional<std::string> if_past(const std::string& date, Date today) {
  const auto d = parse_date(date);
  if (!d || *d > today) return std::nullopt;
  return date;
}

// The village's posted payment vouchers of `year` whose summary names the road project (the
// demo books pay it in April and June), oldest first.
std::vector<std::int64_t> road_payments(store::Connection& c, const auth::Principal& clerk, const std::string& region,
                                        int year) {
  ledger::VoucherFilter f;
  f.region = region;
  f.from = day(year, 1, 1);
  f.to = day(year, 12, 31);
  f.status = "posted";
  f.is_payment = true;
  f.q = "村道硬化工程";
  PageRequest page{1, 100, "date", false};
  std::vector<std::int64_t> ids;
  // Kept in a local: a range-for over a temporary's ["items"] would dangle.
  const auto list = ledger::list_vouchers(c, clerk, f, page);
  for (const auto& v : list["items"]) ids.push_back(v["id"].get<std::int64_t>());
  return ids;
}

struct Road {
  const char* region;
  const char* slug;
  int year;
  std::int64_t contract_yuan;
  std::string start, finish, acceptance, audit;  // business dates
};

// The road project the demo books pay (86,000 元 × scale in April and June) with its links.
void road_project(store::Connection& c, const Road& r, Date today) {
  const auto clerk = as_user(c, std::string(r.slug) + ".clerk");
  ledger::ProjectInput p;
  p.region_code = r.region;
  p.name = std::to_string(r.year) + "年村道硬化工程";
  p.year = r.year;
  p.category = "works";
  p.contract_amount_fen = r.contract_yuan * kYuan;
  p.contractor = "清河市路桥建设有限公司";
  p.procurement_method = "public_tender";
  p.start_date = if_past(r.start, today);
  p.finish_date = if_past(r.finish, today);
  p.acceptance_date = if_past(r.acceptance, today);
  if (p.acceptance_date) p.acceptance_result = "passed";
  p.audit_date = if_past(r.audit, today);
  if (p.audit_date) {
    p.audited_amount_fen = p.contract_amount_fen;
    p.settlement_amount_fen = p.contract_amount_fen;
  }
  p.note = "经村民代表会议决定,在区交易平台公开招标";
  const auto made = ledger::create_project(c, clerk, p);
  for (const auto id : road_payments(c, clerk, r.region, r.year))
    ledger::link_payment(c, clerk, made["id"].get<std::int64_t>(), id);
}

// A planned project of this year with nothing paid yet.
void planned_project(store::Connection& c, const char* region, const char* slug, int year, std::string name,
                     std::int64_t yuan, std::string method, std::string note) {
  ledger::ProjectInput p;
  p.region_code = region;
  p.name = std::to_string(year) + "年" + std::move(name);
  p.year = year;
  p.category = "works";
  p.contract_amount_fen = yuan * kYuan;
  p.contractor = "清河市青禾建设有限公司";
  p.procurement_method = std::move(method);
  p.note = std::move(note);
  ledger::create_project(c, as_user(c, std::string(slug) + ".clerk"), p);
}

std::int64_t asset_id(store::Connection& c, const auth::Principal& actor, const std::string& region,
                      const std::string& code) {
  ledger::AssetFilter f;
  f.region = region;
  f.q = code;
  const auto list = ledger::list_assets(c, actor, f, PageRequest{1, 20, "code", false});
  for (const auto& a : list["items"])
    if (a["code"] == code) return a["id"].get<std::int64_t>();
  throw Error(ErrorKind::internal, "demo_asset_missing", "缺少演示资产 " + code, "Demo asset missing: " + code);
}

// Takes the deal's steps in order as the village user of each step's role (the street's
// 三资中心 for street_office), up to and including step `last`.
void walk_deal(store::Connection& c, const disclosure::LogIdentity& log, std::int64_t id, const std::string& slug,
               int last, const ledger::StepAct& result, const ledger::StepAct& contract) {
  const std::map<std::string, auth::Principal> people = {
      {"clerk", as_user(c, slug + ".clerk")},
      {"secretary", as_user(c, slug + ".secretary")},
      {"supervisor", as_user(c, slug + ".supervisor")},
      {"street_office", as_user(c, "street")}};
  auto deal = ledger::get_deal(c, people.at("clerk"), id);
  for (const auto& s : deal["steps"]) {
    const int seq = s["seq"].get<int>();
    if (seq > last) break;
    ledger::StepAct act;
    if (s["action"] == "record_result") act = result;
    else if (s["action"] == "sign_contract") act = contract;
    act.action = "complete";
    act.note = s["name"].get<std::string>() + ",已办理";
    act.attachments = 1;
    ledger::act_on_step(c, people.at(s["role"].get<std::string>()), log, id, seq, act);
  }
}

}  // namespace

void create_demo_projects(store::Connection& c, const disclosure::LogIdentity& log) {
  const auto today = business_day(now());
  const int year = static_cast<int>(std::chrono::year_month_day{today}.year()), last = year - 1;

  // 桃源村 last year: finished in March, accepted before the first payment, audited and
  // settled at the contract amount — nothing to flag.
  road_project(c, {kTaoyuan, "taoyuan", last, 172'000, day(last, 2, 20), day(last, 3, 31), day(last, 4, 10), day(last, 5, 20)},
               today);
  // 桃源村 this year: the progress and the final payment (April, June) both before the
  // acceptance on 30 September — the check table's paid_before_acceptance.
  road_project(c, {kTaoyuan, "taoyuan", year, 172'000, day(year, 3, 1), day(year, 8, 31), day(year, 9, 30), ""}, today);
  // 梅岭村 this year (scale 2): accepted on 10 April, paid afterwards, audited and settled.
  road_project(c, {kMeiling, "meiling", year, 344'000, day(year, 2, 20), day(year, 3, 31), day(year, 4, 10), day(year, 5, 15)},
               today);
  planned_project(c, kMeiling, "meiling", year, "村文化礼堂修缮工程", 380'000, "public_tender",
                  "已列入年度计划,待村民代表会议表决");

  // 桃源村: the warehouse's lease ends soon; a re-lease deal has published its
  // before-the-plan disclosure (step 5) and waits for the members' vote.
  {
    const auto clerk = as_user(c, "taoyuan.clerk");
    ledger::DealInput d;
    d.region_code = kTaoyuan;
    d.title = "村集体仓库到期重新出租";
    d.kind = "lease";
    d.subject_type = "asset";
    d.subject_id = asset_id(c, clerk, kTaoyuan, "ZC-003");
    d.reserve_price_fen = 150'000 * kYuan;
    d.method = "listing";
    d.description = "现租约将于近期到期,拟公开挂牌出租三年,底价按街道参考价确定";
    const auto id = ledger::create_deal(c, clerk, d)["id"].get<std::int64_t>();
    walk_deal(c, log, id, "taoyuan", 5, {}, {});
  }
  // 梅岭村: the idle tractor leased out through all sixteen steps, its three disclosures
  // published and the lease contract in the register.
  {
    const auto clerk = as_user(c, "meiling.clerk");
    ledger::DealInput d;
    d.region_code = kMeiling;
    d.title = "闲置农用拖拉机公开出租";
    d.kind = "lease";
    d.subject_type = "asset";
    d.subject_id = asset_id(c, clerk, kMeiling, "ZC-002");
    d.reserve_price_fen = 15'000 * kYuan;
    d.method = "auction";
    d.description = "拖拉机闲置,经班子研究公开竞价出租三年";
    const auto id = ledger::create_deal(c, clerk, d)["id"].get<std::int64_t>();
    ledger::StepAct result;
    result.winner = "梅岭农机专业合作社";
    result.price_fen = 18'600 * kYuan;
    ledger::StepAct contract;
    const auto start = ledger::add_months(today, 1);
    contract.contract = ledger::ContractTerms{"HT-ML-JY01", to_date_string(start),
                                              to_date_string(ledger::add_months(start, 36) - std::chrono::days{1})};
    walk_deal(c, log, id, "meiling", 99, result, contract);
  }
}

}  // namespace ql::admin
