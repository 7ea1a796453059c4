// The funds ledger end to end, on whichever backend QL_TEST_BACKEND names: double entry in
// integer fen, payments and their approvals, closed months and reversing vouchers, data scope,
// the bulk path importers use, and every report checked against figures this test computes
// itself from the vouchers it posted.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "api_fixture.hpp"
#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "ledger/voucher.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;

constexpr const char* kHefeng = "339902001001";
constexpr const char* kTaoyuan = "339902001201";

json line(const std::string& account, std::int64_t debit, std::int64_t credit) {
  return {{"account_code", account}, {"debit_fen", debit}, {"credit_fen", credit}};
}

class Ledger : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");  // business date 2026-11-21
    set_clock_for_testing([pinned] { return pinned; });
    clerk_ = login("hefeng.clerk");
  }

  json voucher(const std::string& date, json lines, json extra = json::object()) {
    json v = {{"region_code", kHefeng}, {"date", date}, {"summary", "测试凭证"}, {"lines", std::move(lines)}};
    for (auto& [k, x] : extra.items()) v[k] = x;
    return v;
  }

  json create(const json& body, int status = 201) {
    auto r = post("/api/v1/ledger/vouchers", body, clerk_);
    EXPECT_EQ(r.status, status) << r.raw.body;
    return r.json;
  }

  // A completed power case large enough for every payment a test makes (approval_ref).
  const std::string& ref() {
    if (ref_.empty()) ref_ = approved_power_case(kHefeng, "hefeng", 1'000'000'000'000);
    return ref_;
  }

  std::string clerk_, ref_;
};

TEST_F(Ledger, DoubleEntryToTheFen) {
  auto v = create(voucher("2026-03-08", {line("102", 123456, 0), line("511.01", 0, 123456)},
                          {{"settlement", "bank_transfer"}, {"counterparty", "承包户张三"}, {"attachment_count", 2}}));
  EXPECT_EQ(v["period"], "2026-03");
  EXPECT_EQ(v["number"], 1);
  EXPECT_EQ(v["total_fen"], 123456);
  EXPECT_EQ(v["is_payment"], false);
  ASSERT_EQ(v["lines"].size(), 2u);
  EXPECT_EQ(v["lines"][1]["account_name"], "土地承包收入");
  EXPECT_EQ(v["lines"][1]["summary"], "测试凭证");
  // Copying the template into Hefeng was part of the first write.
  auto chart = get("/api/v1/ledger/accounts?region=" + std::string(kHefeng), clerk_);
  EXPECT_EQ(chart.json["initialized"], true);

  const auto vouchers = count("ledger_voucher"), entries = count("ledger_entry");
  // Off by one fen.
  auto r = post("/api/v1/ledger/vouchers", voucher("2026-03-09", {line("102", 123456, 0), line("511.01", 0, 123455)}),
                clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "lines");
  // Amounts are integer fen: 1234.567 (or any fraction) cannot even be said.
  r = post("/api/v1/ledger/vouchers",
           voucher("2026-03-09", {{{"account_code", "102"}, {"debit_fen", 1234.567}}, line("511.01", 0, 1235)}), clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "lines[0].debit_fen");
  r = post("/api/v1/ledger/vouchers",
           voucher("2026-03-09", {line("102", 100, 0), line("511.01", 0, 100), line("501", 5, 5)}), clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "lines[2].debit_fen");
  r = post("/api/v1/ledger/vouchers", voucher("2026-03-09", {line("102", 100, 0)}), clerk_);
  EXPECT_EQ(r.json["error"]["field"], "lines");
  r = post("/api/v1/ledger/vouchers", voucher("2026-03-09", {line("541", 100, 0), line("102", 0, 100)},
                                              {{"approval_ref", ref()}}), clerk_);
  EXPECT_EQ(r.status, 400);  // 541 has sub-accounts: post to a leaf
  EXPECT_EQ(r.json["error"]["field"], "lines[0].account_code");
  // The form names the line in the message; the import names the file's row instead.
  EXPECT_EQ(r.json["error"]["message"], "字段 lines[0].account_code 第 1 行科目 541 有明细科目,须记到末级科目");
  r = post("/api/v1/ledger/vouchers", voucher("2026-03-09", {line("102", 100, 0), line("511.01", 0, 100)},
                                              {{"number", 1}}), clerk_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "duplicate_number");
  EXPECT_EQ(count("ledger_voucher"), vouchers);
  EXPECT_EQ(count("ledger_entry"), entries);
}

TEST_F(Ledger, PaymentsNeedAnApprovalOrAFlaggedException) {
  const json pay = {line("154", 8600000, 0), line("102", 0, 8600000)};
  auto r = post("/api/v1/ledger/vouchers", voucher("2026-04-18", pay), clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "approval_ref");
  // The approval must be a completed power case of this village covering the payments citing it.
  r = post("/api/v1/ledger/vouchers", voucher("2026-04-18", pay, {{"approval_ref", "SP-202604-GC"}}), clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "approval_ref");
  const auto small = approved_power_case(kHefeng, "hefeng", 8600000);
  r = post("/api/v1/ledger/vouchers", voucher("2026-04-18", pay, {{"approval_ref", small}}), login("taoyuan.clerk"));
  EXPECT_EQ(r.status, 403);  // another village's clerk
  auto approved = create(voucher("2026-04-18", pay, {{"approval_ref", small}}));
  EXPECT_EQ(approved["is_payment"], true);
  EXPECT_EQ(approved["approval_ref"], small);
  // A second payment under the same case would exceed what it approved.
  r = post("/api/v1/ledger/vouchers", voucher("2026-04-18", {line("154", 1, 0), line("102", 0, 1)}, {{"approval_ref", small}}),
           clerk_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json["error"]["field"], "approval_ref");
  EXPECT_EQ(approved["unapproved"], false);
  auto flagged = create(voucher("2026-04-19", pay, {{"unapproved_exception", {{"reason", "紧急抢修,事后补审批"}}}}));
  EXPECT_EQ(flagged["unapproved"], true);
  EXPECT_EQ(flagged["unapproved_reason"], "紧急抢修,事后补审批");
  r = post("/api/v1/ledger/vouchers", voucher("2026-04-19", pay, {{"approval_ref", ref()},
                                                                  {"unapproved_exception", {{"reason", "两者都有"}}}}),
           clerk_);
  EXPECT_EQ(r.json["error"]["field"], "unapproved_exception");
  // Moving money from the bank to the cash box is no payment.
  create(voucher("2026-04-20", {line("101", 200000, 0), line("102", 0, 200000)}));
  auto list = get("/api/v1/ledger/vouchers?region=" + std::string(kHefeng) + "&unapproved=true", clerk_);
  ASSERT_EQ(list.json["total"], 1);
  EXPECT_EQ(list.json["items"][0]["id"], flagged["id"]);
  list = get("/api/v1/ledger/vouchers?region=" + std::string(kHefeng) + "&is_payment=true&sort=number", clerk_);
  EXPECT_EQ(list.json["total"], 2);
}

TEST_F(Ledger, ClosedMonthsAreCorrectedByReversingVouchers) {
  auto jan = create(voucher("2026-01-15", {line("541.02", 50000, 0), line("101", 0, 50000)}, {{"approval_ref", ref()}}));
  create(voucher("2026-02-10", {line("101", 90000, 0), line("102", 0, 90000)}));
  const auto secretary = login("hefeng.secretary");
  const json close_jan = {{"region_code", kHefeng}, {"period", "2026-01"}};
  EXPECT_EQ(post("/api/v1/ledger/periods/close", close_jan, clerk_).status, 403);  // the clerk posts, does not close
  auto r = post("/api/v1/ledger/periods/close", {{"region_code", kHefeng}, {"period", "2026-03"}}, secretary);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "earlier_period_open");
  EXPECT_EQ(post("/api/v1/ledger/periods/close", {{"region_code", kHefeng}, {"period", "2026-11"}}, secretary).error_code(),
            "period_not_ended");
  r = post("/api/v1/ledger/periods/close", close_jan, secretary);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["voucher_count"], 1);
  EXPECT_EQ(post("/api/v1/ledger/periods/close", close_jan, secretary).error_code(), "period_closed");

  const auto url = "/api/v1/ledger/vouchers/" + jan["id"].dump();
  // Nothing in January changes any more.
  auto body = voucher("2026-01-15", {line("541.02", 40000, 0), line("101", 0, 40000)}, {{"approval_ref", ref()}});
  body.erase("region_code");
  r = call(Method::PUT, url, body.dump(), clerk_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "period_closed");
  EXPECT_EQ(post(url + "/void", {{"reason", "录错"}}, clerk_).status, 409);
  EXPECT_EQ(create(voucher("2026-01-31", {line("101", 1, 0), line("102", 0, 1)}), 409)["error"]["code"], "period_closed");
  // Moving February's voucher into January is refused as well.
  body["date"] = "2026-02-11";
  r = call(Method::PUT, url, body.dump(), clerk_);
  EXPECT_EQ(r.status, 409);

  // The correction: a reversing voucher in an open month.
  r = post(url + "/reverse", {{"date", "2026-02-28"}}, clerk_);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  const auto reversal = r.json;
  EXPECT_EQ(reversal["reverses_id"], jan["id"]);
  EXPECT_EQ(reversal["period"], "2026-02");
  EXPECT_EQ(reversal["number"], 2);
  EXPECT_EQ(reversal["lines"][0]["credit_fen"], 50000);
  EXPECT_EQ(reversal["lines"][1]["debit_fen"], 50000);
  auto original = get(url, clerk_).json;
  EXPECT_EQ(original["reversed_by_id"], reversal["id"]);
  EXPECT_EQ(post(url + "/reverse", {{"date", "2026-02-28"}}, clerk_).error_code(), "already_reversed");
  // Office costs net to zero once the reversal is in.
  auto balances = get("/api/v1/ledger/balances?region=" + std::string(kHefeng) + "&date=2026-02-28", clerk_).json;
  for (const auto& a : balances["accounts"])
    if (a["code"] == "541.02") {
      EXPECT_EQ(a["debit_fen"], 50000);
      EXPECT_EQ(a["credit_fen"], 50000);
      EXPECT_EQ(a["closing_fen"], 0);
    }
  // Voiding the reversal (February is open) makes the original reversible again.
  r = post("/api/v1/ledger/vouchers/" + reversal["id"].dump() + "/void", {{"reason", "日期错误"}}, clerk_);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["status"], "void");
  EXPECT_TRUE(get(url, clerk_).json["reversed_by_id"].is_null());

  auto periods = get("/api/v1/ledger/periods?region=" + std::string(kHefeng) + "&year=2026", clerk_).json;
  EXPECT_EQ(periods["periods"][0]["status"], "closed");
  EXPECT_EQ(periods["periods"][1]["status"], "open");
  EXPECT_EQ(periods["periods"][1]["voucher_count"], 1);  // the void one does not count
}

TEST_F(Ledger, DataScope) {
  auto v = create(voucher("2026-05-06", {line("102", 100, 0), line("501", 0, 100)}));
  const auto zhuxi = login("zhuxi.clerk");
  EXPECT_EQ(post("/api/v1/ledger/vouchers", voucher("2026-05-06", {line("102", 100, 0), line("501", 0, 100)}), zhuxi).status,
            403);
  EXPECT_EQ(get("/api/v1/ledger/vouchers/" + v["id"].dump(), zhuxi).status, 403);
  EXPECT_EQ(get("/api/v1/ledger/vouchers/99999999", zhuxi).status, 403);  // nothing learnt from ids
  EXPECT_EQ(get("/api/v1/ledger/balances?region=" + std::string(kHefeng), zhuxi).status, 403);
  EXPECT_EQ(get("/api/v1/ledger/vouchers?region=" + std::string(kHefeng), zhuxi).status, 403);
  EXPECT_EQ(get("/api/v1/ledger/vouchers", zhuxi).json["total"], 0);  // its own scope has none
  EXPECT_EQ(get("/api/v1/ledger/balances?region=" + std::string(kHefeng), login("hefeng.resident")).status, 403);
  // The street (三资中心) and the discipline office read everything below them.
  EXPECT_EQ(get("/api/v1/ledger/vouchers/" + v["id"].dump(), login("street")).status, 200);
  EXPECT_EQ(get("/api/v1/ledger/income?region=" + std::string(kHefeng), login("discipline")).status, 200);
  EXPECT_EQ(post("/api/v1/ledger/vouchers", voucher("2026-05-07", {line("102", 1, 0), line("501", 0, 1)}),
                 login("discipline")).status,
            403);
}

// Many vouchers of random but valid content; every report must agree with sums this test keeps.
TEST_F(Ledger, ReportsMatchAnIndependentCalculation) {
  // Two bank accounts below 102, so the parent rolls up its sub-accounts.
  const auto street = login("street");
  ASSERT_EQ(post("/api/v1/ledger/accounts", {{"region_code", kHefeng}, {"parent_code", "102"}, {"name", "农商银行"}}, street)
                .status,
            201);
  ASSERT_EQ(post("/api/v1/ledger/accounts", {{"region_code", kHefeng}, {"parent_code", "102"}, {"name", "邮储银行"}}, street)
                .status,
            201);
  struct Move {
    std::string date, debit, credit;
    std::int64_t fen;
  };
  const std::vector<std::string> incomes = {"501", "511.01", "522", "531"}, costs = {"541.01", "541.02", "551", "154"},
                                 money = {"101", "102.01", "102.02"};
  std::mt19937 rng(20261121);
  std::vector<Move> moves;
  std::map<std::string, std::int64_t> net;  // debit - credit per leaf, through 2026-10-31
  for (int i = 0; i < 60; ++i) {
    const int year = i < 15 ? 2025 : 2026, month = 1 + static_cast<int>(rng() % 10), d = 1 + static_cast<int>(rng() % 28);
    char date[48];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, d);
    const std::int64_t fen = 1 + static_cast<std::int64_t>(rng() % 5'000'000);
    const auto& cash = money[rng() % money.size()];
    Move m = i % 3 == 2 ? Move{date, costs[rng() % costs.size()], cash, fen}
                        : Move{date, cash, incomes[rng() % incomes.size()], fen};
    json extra = json::object();
    if (i % 3 == 2) extra["approval_ref"] = ref();
    auto v = create(voucher(date, {line(m.debit, fen, 0), line(m.credit, 0, fen)}, extra));
    if (i == 7) {  // a voided voucher never counts
      ASSERT_EQ(post("/api/v1/ledger/vouchers/" + v["id"].dump() + "/void", {{"reason", "重复"}}, clerk_).status, 200);
      continue;
    }
    moves.push_back(m);
  }
  const auto in_range = [](const std::string& d, const std::string& from, const std::string& to) {
    return d >= from && d <= to;
  };
  const auto under = [](const std::string& code, const std::string& account) {
    return code == account || code.rfind(account + ".", 0) == 0;
  };
  // Net debit of `account` (and its sub-accounts) over dates [from, to].
  const auto sum = [&](const std::string& account, const std::string& from, const std::string& to) {
    std::int64_t s = 0;
    for (const auto& m : moves)
      if (in_range(m.date, from, to)) {
        if (under(m.debit, account)) s += m.fen;
        if (under(m.credit, account)) s -= m.fen;
      }
    return s;
  };
  const std::string region = "region=" + std::string(kHefeng);

  // 科目余额表 for 2026-03-01..2026-08-31.
  auto b = get("/api/v1/ledger/balances?" + region + "&from=2026-03-01&to=2026-08-31", clerk_);
  ASSERT_EQ(b.status, 200) << b.raw.body;
  int checked = 0;
  for (const auto& a : b.json["accounts"]) {
    const std::string code = a["code"];
    const int sign = a["direction"] == "debit" ? 1 : -1;
    std::int64_t debit = 0, credit = 0;
    for (const auto& m : moves)
      if (in_range(m.date, "2026-03-01", "2026-08-31")) {
        if (under(m.debit, code)) debit += m.fen;
        if (under(m.credit, code)) credit += m.fen;
      }
    EXPECT_EQ(a["opening_fen"], sign * sum(code, "2000-01-01", "2026-02-28")) << code;
    EXPECT_EQ(a["debit_fen"], debit) << code;
    EXPECT_EQ(a["credit_fen"], credit) << code;
    EXPECT_EQ(a["closing_fen"], sign * sum(code, "2000-01-01", "2026-08-31")) << code;
    checked += debit + credit > 0;
  }
  EXPECT_GT(checked, 10);
  const auto& t = b.json["totals"];
  EXPECT_EQ(t["opening_debit_fen"], t["opening_credit_fen"]);
  EXPECT_EQ(t["debit_fen"], t["credit_fen"]);
  EXPECT_EQ(t["closing_debit_fen"], t["closing_credit_fen"]);
  // ?date= is the year up to that day.
  b = get("/api/v1/ledger/balances?" + region + "&date=2026-06-30", clerk_);
  for (const auto& a : b.json["accounts"])
    if (a["code"] == "102") {
      EXPECT_EQ(a["opening_fen"], sum("102", "2000-01-01", "2025-12-31"));
      EXPECT_EQ(a["closing_fen"], sum("102", "2000-01-01", "2026-06-30"));
    }

  // 收益表 for 2026.
  auto income = get("/api/v1/ledger/income?" + region + "&from=2026-01-01&to=2026-12-31", clerk_).json;
  std::int64_t in = 0, out = 0;
  for (const auto& c : incomes) in -= sum(c, "2026-01-01", "2026-12-31");
  for (const auto& c : {"541.01", "541.02", "551"}) out += sum(c, "2026-01-01", "2026-12-31");
  EXPECT_EQ(income["income_fen"], in);
  EXPECT_EQ(income["expenditure_fen"], out);
  EXPECT_EQ(income["net_fen"], in - out);

  // 资产负债表: balances, and cash + bank equal the money accounts.
  auto sheet = get("/api/v1/ledger/balance-sheet?" + region + "&date=2026-10-31", clerk_).json;
  EXPECT_EQ(sheet["balanced"], true);
  EXPECT_EQ(sheet["assets_fen"], sheet["liabilities_and_equity_fen"]);
  for (const auto& a : sheet["assets"]) {
    if (a["code"] == "102") {
      EXPECT_EQ(a["amount_fen"], sum("102", "2000-01-01", "2026-10-31"));
    }
  }

  // 银行存款日记账: running balance ends at the closing balance; days add up.
  auto journal = get("/api/v1/ledger/journal/bank?" + region + "&from=2026-01-01&to=2026-10-31", clerk_).json;
  EXPECT_EQ(journal["opening_fen"], sum("102", "2000-01-01", "2025-12-31"));
  EXPECT_EQ(journal["closing_fen"], sum("102", "2000-01-01", "2026-10-31"));
  ASSERT_FALSE(journal["lines"].empty());
  EXPECT_EQ(journal["lines"].back()["balance_fen"], journal["closing_fen"]);
  EXPECT_EQ(journal["days"].back()["balance_fen"], journal["closing_fen"]);
  auto cash = get("/api/v1/ledger/journal/cash?" + region + "&from=2026-01-01&to=2026-10-31", clerk_).json;
  EXPECT_EQ(cash["closing_fen"], sum("101", "2000-01-01", "2026-10-31"));

  // 明细账 of 102.01 and 总账 of 102 month by month.
  auto detail = get("/api/v1/ledger/detail?" + region + "&account=102.01&from=2026-01-01&to=2026-10-31", clerk_).json;
  EXPECT_EQ(detail["closing_fen"], sum("102.01", "2000-01-01", "2026-10-31"));
  auto general = get("/api/v1/ledger/general?" + region + "&account=102&from=2026-01-01&to=2026-10-31", clerk_).json;
  ASSERT_EQ(general["months"].size(), 10u);
  for (int m = 1; m <= 10; ++m) {
    char last[48];
    std::snprintf(last, sizeof last, "2026-%02d-31", m);
    EXPECT_EQ(general["months"][m - 1]["balance_fen"], sum("102", "2000-01-01", last)) << m;
  }

  // Yearly comparison of income and expenditure.
  auto cmp = get("/api/v1/ledger/comparison?" + region + "&year=2026&base_year=2025", clerk_).json;
  std::int64_t in25 = 0;
  for (const auto& c : incomes) in25 -= sum(c, "2025-01-01", "2025-12-31");
  EXPECT_EQ(cmp["income_total"]["base_fen"], in25);
  EXPECT_EQ(cmp["income_total"]["year_fen"], in);
  EXPECT_EQ(cmp["income_total"]["change_fen"], in - in25);
}

TEST_F(Ledger, ChartOfAccounts) {
  auto init = post("/api/v1/ledger/accounts/init", {{"region_code", kHefeng}}, clerk_);
  ASSERT_EQ(init.status, 201) << init.raw.body;
  EXPECT_EQ(post("/api/v1/ledger/accounts/init", {{"region_code", kHefeng}}, clerk_).error_code(), "chart_exists");
  EXPECT_EQ(post("/api/v1/ledger/accounts/init", {{"region_code", "339902001000"}}, clerk_).status, 403);
  auto sub = post("/api/v1/ledger/accounts",
                  {{"region_code", kHefeng}, {"parent_code", "112"}, {"code", "112.01"}, {"name", "应收张三"}}, clerk_);
  ASSERT_EQ(sub.status, 201) << sub.raw.body;
  EXPECT_EQ(sub.json["category"], "asset");
  EXPECT_EQ(sub.json["level"], 2);
  // 112 now has a sub-account and takes no postings itself.
  auto r = post("/api/v1/ledger/vouchers", voucher("2026-06-01", {line("112", 100, 0), line("501", 0, 100)}), clerk_);
  EXPECT_EQ(r.json["error"]["field"], "lines[0].account_code");
  create(voucher("2026-06-01", {line("112.01", 100, 0), line("501", 0, 100)}));
  const auto url = "/api/v1/ledger/accounts/" + sub.json["id"].dump();
  EXPECT_EQ(call(Method::DELETE, url, "", clerk_).error_code(), "account_in_use");
  EXPECT_EQ(patch(url, {{"active", false}}, clerk_).error_code(), "account_has_balance");
  EXPECT_EQ(patch(url, {{"name", "应收张三(承包费)"}}, clerk_).json["name"], "应收张三(承包费)");
  // A used leaf cannot be split.
  r = post("/api/v1/ledger/accounts", {{"region_code", kHefeng}, {"parent_code", "501"}, {"name", "租赁收入"}}, clerk_);
  EXPECT_EQ(r.error_code(), "account_in_use");
  // Template accounts are fixed.
  std::int64_t cash_id = 0;
  const auto chart = get("/api/v1/ledger/accounts?region=" + std::string(kHefeng), clerk_);
  ASSERT_EQ(chart.status, 200) << chart.raw.body;
  for (const auto& a : chart.json["accounts"])
    if (a["code"] == "101") cash_id = a["id"].get<std::int64_t>();
  EXPECT_EQ(patch("/api/v1/ledger/accounts/" + std::to_string(cash_id), {{"name", "库存现金"}}, clerk_).error_code(),
            "builtin_account");
  // An unused sub-account goes, and its parent takes postings again.
  auto spare = post("/api/v1/ledger/accounts", {{"region_code", kHefeng}, {"parent_code", "121"}, {"name", "种子"}}, clerk_);
  ASSERT_EQ(spare.status, 201);
  EXPECT_EQ(spare.json["code"], "121.01");
  EXPECT_EQ(call(Method::DELETE, "/api/v1/ledger/accounts/" + spare.json["id"].dump(), "", clerk_).status, 204);
  create(voucher("2026-06-02", {line("121", 100, 0), line("102", 0, 100)}, {{"approval_ref", ref()}}));
}

// The service importers call: all or nothing, every problem with its row and column.
TEST_F(Ledger, BulkCreateIsAllOrNothing) {
  auto c = connect();
  const auto actor = auth::system_principal("import");
  const auto v = [](const std::string& date, std::optional<int> number, std::int64_t debit, std::int64_t credit, int row) {
    ledger::VoucherInput in;
    in.region_code = kHefeng;
    in.date = date;
    in.number = number;
    in.summary = "导入";
    in.settlement = "bank_transfer";
    in.row = row;
    in.lines = {{"102", "", debit, 0, "", row}, {"501", "", 0, credit, "", row + 1}};
    return in;
  };
  std::vector<ledger::VoucherInput> bad = {v("2026-07-01", 1, 100, 100, 2), v("2026-07-02", 1, 200, 200, 4),
                                           v("2026-07-03", 2, 300, 299, 6), v("2026-13-01", 3, 1, 1, 8)};
  bad[1].lines[1].account_code = "999";
  try {
    ledger::create_vouchers(*c, actor, kHefeng, bad);
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "import_rejected");
    std::vector<std::pair<int, std::string>> got;
    for (const auto& p : e.problems()) got.emplace_back(p.row, p.column);
    EXPECT_EQ(got, (std::vector<std::pair<int, std::string>>{
                       {4, "凭证号"}, {5, "科目编码"}, {6, "借方金额"}, {8, "日期"}}));
  }
  const auto hefeng_vouchers = [&c] {
    return *c->scalar("SELECT COUNT(*) FROM ledger_voucher WHERE region_code = $1", {std::string(kHefeng)});
  };
  EXPECT_EQ(hefeng_vouchers(), "0");
  std::vector<ledger::VoucherInput> good;
  for (int i = 0; i < 300; ++i) good.push_back(v("2026-08-" + std::string(i % 2 ? "10" : "20"), std::nullopt, i + 1, i + 1, 2 + 2 * i));
  good[0].number = 7;
  auto r = ledger::create_vouchers(*c, actor, kHefeng, good);
  EXPECT_EQ(r["vouchers"], 300);
  EXPECT_EQ(r["lines"], 600);
  EXPECT_EQ(*c->scalar("SELECT MAX(number) FROM ledger_voucher WHERE region_code = $1", {std::string(kHefeng)}), "306");
  EXPECT_EQ(hefeng_vouchers(), "300");
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM ledger_voucher WHERE region_code = $1 AND number = 7", {std::string(kHefeng)}),
            "1");
  EXPECT_EQ(*c->scalar("SELECT SUM(debit_fen) - SUM(credit_fen) FROM ledger_entry WHERE region_code = $1",
                       {std::string(kHefeng)}),
            "0");
  // The same numbers again are duplicates of what the database holds.
  good.resize(2);
  good[1].number = 8;
  try {
    ledger::create_vouchers(*c, actor, kHefeng, good);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.problems().size(), 2u);
  }
}

TEST_F(Ledger, DemoBooksAreConsistent) {
  // The demo is dated from now(), which SetUp pinned to 2026-11-21: its books cover 2025
  // (closed month by month) and 2026 up to October, whatever the real date.
  load_demo_books();
  const auto street = login("street");
  auto sheet = get("/api/v1/ledger/balance-sheet?region=" + std::string(kTaoyuan) + "&date=2026-10-31", street);
  ASSERT_EQ(sheet.status, 200) << sheet.raw.body;
  EXPECT_EQ(sheet.json["balanced"], true);
  EXPECT_GT(sheet.json["assets_fen"].get<std::int64_t>(), 0);
  auto flagged = get("/api/v1/ledger/vouchers?region=339902001000&unapproved=true", street).json;
  EXPECT_GE(flagged["total"].get<int>(), 1);
  auto periods = get("/api/v1/ledger/periods?region=" + std::string(kTaoyuan) + "&year=2025", street).json;
  EXPECT_EQ(periods["periods"][11]["status"], "closed");
  EXPECT_GT(periods["periods"][5]["voucher_count"].get<int>(), 3);
  auto cmp = get("/api/v1/ledger/comparison?region=" + std::string(kTaoyuan) + "&year=2026", street).json;
  EXPECT_GT(cmp["income_total"]["base_fen"].get<std::int64_t>(), 0);
}

}  // namespace
}  // namespace ql::test
