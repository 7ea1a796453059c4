#include "admin/demo_ledger.hpp"

#include <chrono>
#include <cstdio>
#include <map>

#include "admin/demo_power.hpp"
#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "ledger/account.hpp"
#include "ledger/period.hpp"
#include "ledger/voucher.hpp"

namespace ql::admin {
namespace {

constexpr std::int64_t kYuan = 100;

struct Books {
  std::string region;
  std::vector<ledger::VoucherInput> vouchers;

  ledger::VoucherInput& add(const std::string& date, std::string summary, std::string settlement) {
    ledger::VoucherInput v;
    v.region_code = region;
    v.date = date;
    v.summary = std::move(summary);
    v.settlement = std::move(settlement);
    v.attachment_count = 1;
    vouchers.push_back(std::move(v));
    return vouchers.back();
  }
};

void line(ledger::VoucherInput& v, std::string account, std::int64_t debit, std::int64_t credit,
          std::string counterparty = {}) {
  v.lines.push_back({std::move(account), {}, debit, credit, std::move(counterparty), 0});
}

std::string day(int y, int m, int d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Placeholder of the year's approval of one kind of payment ("2025/BC"); keep_books replaces
// it with the number of the demo power case that approves that year's payments.
std::string ref(int y, int /*m*/, const char* what) { return std::to_string(y) + "/" + what; }

// The power item and title approving a year's payments of one kind.
DemoApproval approval_for(const std::string& placeholder) {
  const auto year = placeholder.substr(0, 4), what = placeholder.substr(5);
  if (what == "BC") return {"collective.spending", year + "年度村干部报酬发放", 0};
  if (what == "BG") return {"collective.purchase", year + "年度办公用品采购", 0};
  if (what == "GC") return {"collective.works", year + "年村道硬化工程", 0};
  return {"collective.spending", year + "年重阳节慰问老年人", 0};
}

// One month of a village that lets its land and a workshop: rents, subsidies, cadre pay, office
// costs, a road project, and small public-welfare spending. `scale` varies the villages.
void month(Books& b, int y, int m, int scale, bool flag_exception) {
  const auto pay = [&](ledger::VoucherInput& v, const char* what) { v.approval_ref = ref(y, m, what); };
  if (m == 1 || m == 7) {
    auto& v = b.add(day(y, m, 8), "收取" + std::string(m == 1 ? "上" : "下") + "半年土地承包费", "bank_transfer");
    line(v, "102.01", 91'500 * kYuan * scale, 0);
    line(v, "511.01", 0, 91'500 * kYuan * scale, "村民承包户");
  }
  {
    auto& v = b.add(day(y, m, 5), "收取厂房租金", "bank_transfer");
    v.counterparty = "清河市青禾农产品有限公司";
    line(v, "102.01", 8'000 * kYuan * scale, 0);
    line(v, "501", 0, 8'000 * kYuan * scale, v.counterparty);
  }
  if (m % 3 == 1) {
    auto& v = b.add(day(y, m, 15), "收到村级组织运转经费补助", "bank_transfer");
    v.counterparty = "青莲街道财政所";
    line(v, "102.01", 45'000 * kYuan, 0);
    line(v, "522", 0, 45'000 * kYuan, v.counterparty);
  }
  {
    auto& v = b.add(day(y, m, 10), "提取备用金", "cash");
    line(v, "101", 2'000 * kYuan, 0);
    line(v, "102.01", 0, 2'000 * kYuan);
  }
  {
    auto& v = b.add(day(y, m, 20), "发放村干部报酬", "bank_transfer");
    pay(v, "BC");
    line(v, "541.01", (12'600 + 150 * scale) * kYuan, 0);
    line(v, "102.01", 0, (12'600 + 150 * scale) * kYuan, "村干部");
  }
  {
    auto& v = b.add(day(y, m, 22), "购买办公用品", "cash");
    pay(v, "BG");
    v.counterparty = "青莲文具店";
    const std::int64_t amount = (380 + 47 * m) * kYuan + 50;
    line(v, "541.02", amount, 0);
    line(v, "101", 0, amount, v.counterparty);
  }
  if (m == 4 || m == 6) {
    auto& v = b.add(day(y, m, 18), m == 4 ? "支付村道硬化工程进度款" : "支付村道硬化工程尾款", "bank_transfer");
    pay(v, "GC");
    v.counterparty = "清河市路桥建设有限公司";
    v.attachment_count = 3;
    line(v, "154", 86'000 * kYuan * scale, 0);
    line(v, "102.01", 0, 86'000 * kYuan * scale, v.counterparty);
  }
  if (m == 9) {
    auto& v = b.add(day(y, m, 30), "村道硬化工程竣工验收转固定资产", "none");
    line(v, "151", 172'000 * kYuan * scale, 0);
    line(v, "154", 0, 172'000 * kYuan * scale);
  }
  if (m == 10) {
    auto& v = b.add(day(y, m, 9), "重阳节慰问老年人", "cash");
    pay(v, "WW");
    line(v, "551", 3'600 * kYuan, 0);
    line(v, "101", 0, 3'600 * kYuan, "60周岁以上村民");
  }
  if (m % 3 == 0) {
    auto& v = b.add(day(y, m, 21), "银行存款结息", "bank_transfer");
    line(v, "102.01", 212 * kYuan * scale + 37, 0);
    line(v, "531", 0, 212 * kYuan * scale + 37, "青莲农商银行");
  }
  if (flag_exception) {
    auto& v = b.add(day(y, m, 26), "垫付防汛物资购置款", "cash");
    v.unapproved_reason = "汛期紧急采购,村书记口头同意,事后补办审批";
    v.counterparty = "青莲五金店";
    line(v, "541.03", 1'850 * kYuan, 0);
    line(v, "101", 0, 1'850 * kYuan, v.counterparty);
  }
}

void opening(Books& b, int y, int scale) {
  auto& v = b.add(day(y, 1, 1), "建账:录入期初余额", "none");
  line(v, "101", 3'200 * kYuan, 0);
  line(v, "102.01", 1'280'000 * kYuan * scale, 0);
  line(v, "112", 26'000 * kYuan, 0);
  line(v, "151", 2'450'000 * kYuan * scale, 0);
  line(v, "152", 0, 310'000 * kYuan * scale);
  line(v, "202", 0, 18'000 * kYuan);
  line(v, "301", 0, 3'000'000 * kYuan * scale);
  line(v, "311", 0, (3'200 + 26'000 - 18'000) * kYuan + 420'000 * kYuan * scale);
}

void keep_books(store::Connection& c, const auth::Principal& actor, const disclosure::LogIdentity& log,
                const std::string& region, const std::string& slug, int first_year, int scale, Date today) {
  const ledger::NewAccount bank{region, "102", "102.01", "青莲农商银行基本户", std::nullopt, std::nullopt};
  ledger::add_account(c, actor, bank);
  Books b{region, {}};
  opening(b, first_year, scale);
  const std::chrono::year_month_day t{today};
  const int this_year = static_cast<int>(t.year()), this_month = static_cast<int>(static_cast<unsigned>(t.month()));
  for (int y = first_year; y <= this_year; ++y)
    for (int m = 1; m <= 12 && (y < this_year || m < this_month); ++m)
      month(b, y, m, scale, y == this_year && m == std::max(1, this_month - 3));
  // Every payment cites a real, fully approved power case covering that year's payments of its
  // kind (the ledger checks it): the cases are made first, as the village's people would.
  std::map<std::string, std::int64_t> paid;
  for (const auto& v : b.vouchers)
    if (v.approval_ref)
      for (const auto& l : v.lines)
        if (l.account_code == "101" || l.account_code.starts_with("102")) paid[*v.approval_ref] += l.credit_fen;
  std::map<std::string, std::string> number;
  for (const auto& [placeholder, fen] : paid) {
    auto a = approval_for(placeholder);
    a.amount_fen = fen;
    number[placeholder] = demo_completed_case(c, log, region, slug, a);
  }
  for (auto& v : b.vouchers)
    if (v.approval_ref) v.approval_ref = number.at(*v.approval_ref);
  ledger::create_vouchers(c, actor, region, b.vouchers);
  // The years before this one are closed, month by month, as a township centre would.
  for (int y = first_year; y < this_year; ++y)
    for (int m = 1; m <= 12; ++m) {
      char p[32];
      std::snprintf(p, sizeof p, "%04d-%02d", y, m);
      ledger::close_period(c, actor, region, p, today);
    }
}

}  // namespace

void create_demo_books(store::Connection& c, const disclosure::LogIdentity& log) {
  const auto actor = auth::system_principal("demo");
  const auto today = business_day(now());
  const int year = static_cast<int>(std::chrono::year_month_day{today}.year());
  keep_books(c, actor, log, "339902001201", "taoyuan", year - 1, 1, today);  // 桃源村
  keep_books(c, actor, log, "339902001202", "meiling", year, 2, today);      // 梅岭村
}

}  // namespace ql::admin
