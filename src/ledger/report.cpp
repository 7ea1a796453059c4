#include "ledger/report.hpp"

#include <chrono>
#include <map>

#include "core/error.hpp"
#include "ledger/account.hpp"
#include "ledger/month_total.hpp"
#include "ledger/period.hpp"

namespace ql::ledger {
namespace {

// Debit-minus-credit before the range, and the debits and credits inside it.
struct Sums {
  std::int64_t opening = 0, debit = 0, credit = 0;
  std::int64_t closing() const { return opening + debit - credit; }
  void add(const Sums& o) {
    opening += o.opening;
    debit += o.debit;
    credit += o.credit;
  }
};

// Per account code (leaves from the monthly totals and the edge months' lines, see
// month_total.hpp; parents rolled up from their sub-accounts).
std::map<std::string, Sums> sums_by_code(store::Connection& c, const std::string& region_code,
                                         const std::vector<Account>& chart, Date from, Date to) {
  std::map<std::int64_t, const Account*> by_id;
  std::vector<std::string> codes;
  for (const auto& a : chart) {
    by_id[a.id] = &a;
    codes.push_back(a.code);
  }
  std::map<std::string, Sums> out;
  for (const auto& [id, t] : account_sums(c, region_code, codes, from, to)) {
    auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    const Sums s{t.opening, t.debit, t.credit};
    // Add to the account and each of its ancestors.
    for (std::string code = it->second->code; !code.empty(); code = std::string(parent_code_of(code)))
      out[code].add(s);
  }
  return out;
}

// A debit-minus-credit amount in the account's normal direction.
std::int64_t signed_for(Direction d, std::int64_t net_debit) { return d == Direction::debit ? net_debit : -net_debit; }

void check_range(Date from, Date to) {
  if (from > to) throw invalid_field("from", "起始日期不能晚于截止日期", "must not be after 'to'");
}

std::vector<Account> require_chart(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  actor.require(kReadPermission);
  require_village(c, actor, region_code);
  return load_chart(c, region_code);
}

const Account* find_code(const std::vector<Account>& chart, const std::string& code) {
  for (const auto& a : chart)
    if (a.code == code) return &a;
  return nullptr;
}

nlohmann::json account_head(const Account& a) {
  return {{"code", a.code},
          {"name", a.name},
          {"category", to_string(a.category)},
          {"direction", to_string(a.direction)},
          {"parent_code", a.parent_code.empty() ? nlohmann::json() : nlohmann::json(a.parent_code)},
          {"is_leaf", a.is_leaf}};
}

// The SQL condition on ledger_entry e selecting the accounts of sel, with its parameters
// appended (numbering continues from params).
std::string selector_condition(const AccountSelector& sel, store::Params& params) {
  const auto n = [&params] { return "$" + std::to_string(params.size()); };
  if (sel.kind == AccountSelector::cash || sel.kind == AccountSelector::bank)
    return std::string("e.account_id IN (SELECT id FROM ledger_account WHERE region_code = e.region_code AND ") +
           (sel.kind == AccountSelector::cash ? "is_cash" : "is_bank") + " = 1)";
  params.push_back(sel.account_code);
  std::string cond = "(e.account_code = " + n();
  params.push_back(sel.account_code + ".");
  cond += " OR (e.account_code >= " + n();
  params.push_back(store::prefix_upper_bound(sel.account_code + "."));
  return cond + " AND e.account_code < " + n() + "))";
}

Sums range_sums(store::Connection& c, const std::string& region_code, const AccountSelector& sel, Date from, Date to) {
  store::Params params{region_code, to_date_string(from), to_date_string(to)};
  const auto cond = selector_condition(sel, params);
  auto r = c.query("SELECT COALESCE(SUM(CASE WHEN e.entry_date < $2 THEN e.debit_fen - e.credit_fen ELSE 0 END), 0), "
                   "COALESCE(SUM(CASE WHEN e.entry_date >= $2 THEN e.debit_fen ELSE 0 END), 0), "
                   "COALESCE(SUM(CASE WHEN e.entry_date >= $2 THEN e.credit_fen ELSE 0 END), 0) FROM ledger_entry e "
                   "WHERE e.region_code = $1 AND e.entry_date <= $3 AND e.posted = 1 AND " + cond,
                   params);
  return {r.front().get<std::int64_t>(0), r.front().get<std::int64_t>(1), r.front().get<std::int64_t>(2)};
}

nlohmann::json pl_accounts(const std::vector<Account>& chart, const std::map<std::string, Sums>& sums,
                           Direction side) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : chart) {
    if (a.category != Category::profit_loss || a.direction != side) continue;
    auto it = sums.find(a.code);
    const std::int64_t net = it == sums.end() ? 0 : it->second.debit - it->second.credit;
    if (!a.active && net == 0) continue;
    auto j = account_head(a);
    j["amount_fen"] = signed_for(a.direction, net);
    out.push_back(std::move(j));
  }
  return out;
}

std::int64_t first_level_total(const nlohmann::json& accounts) {
  std::int64_t t = 0;
  for (const auto& a : accounts)
    if (a["parent_code"].is_null()) t += a["amount_fen"].get<std::int64_t>();
  return t;
}

Date year_start(int y) { return std::chrono::sys_days{std::chrono::year{y} / 1 / 1}; }
Date year_end(int y) { return std::chrono::sys_days{std::chrono::year{y} / 12 / 31}; }

}  // namespace

nlohmann::json balances(store::Connection& c, const auth::Principal& actor, const std::string& region_code, Date from,
                        Date to) {
  check_range(from, to);
  const auto chart = require_chart(c, actor, region_code);
  const auto sums = sums_by_code(c, region_code, chart, from, to);
  nlohmann::json accounts = nlohmann::json::array();
  std::int64_t od = 0, oc = 0, d = 0, cr = 0, cd = 0, cc = 0;
  for (const auto& a : chart) {
    auto it = sums.find(a.code);
    const Sums s = it == sums.end() ? Sums{} : it->second;
    if (!a.active && s.opening == 0 && s.debit == 0 && s.credit == 0) continue;
    auto j = account_head(a);
    j["opening_fen"] = signed_for(a.direction, s.opening);
    j["debit_fen"] = s.debit;
    j["credit_fen"] = s.credit;
    j["closing_fen"] = signed_for(a.direction, s.closing());
    accounts.push_back(std::move(j));
    if (a.parent_code.empty()) {
      (s.opening >= 0 ? od : oc) += s.opening >= 0 ? s.opening : -s.opening;
      (s.closing() >= 0 ? cd : cc) += s.closing() >= 0 ? s.closing() : -s.closing();
      d += s.debit;
      cr += s.credit;
    }
  }
  return {{"region_code", region_code},
          {"from", to_date_string(from)},
          {"to", to_date_string(to)},
          {"accounts", std::move(accounts)},
          {"totals",
           {{"opening_debit_fen", od},
            {"opening_credit_fen", oc},
            {"debit_fen", d},
            {"credit_fen", cr},
            {"closing_debit_fen", cd},
            {"closing_credit_fen", cc}}}};
}

nlohmann::json detail_ledger(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             const AccountSelector& sel, Date from, Date to) {
  check_range(from, to);
  const auto chart = require_chart(c, actor, region_code);
  // The balance runs in the normal direction of the selected account (cash and bank: debit).
  Direction direction = Direction::debit;
  nlohmann::json head = nullptr;
  if (sel.kind == AccountSelector::code) {
    const Account* a = find_code(chart, sel.account_code);
    if (!a) throw invalid_field("account", "科目 " + sel.account_code + " 不存在", "account " + sel.account_code + " does not exist");
    direction = a->direction;
    head = account_head(*a);
  }
  const auto totals = range_sums(c, region_code, sel, from, to);
  store::Params params{region_code, to_date_string(from), to_date_string(to)};
  const auto cond = selector_condition(sel, params);
  auto rows = c.query("SELECT e.entry_date, v.period, v.number, v.id AS voucher_id, e.line_no, e.summary, "
                      "e.account_code, a.name AS account_name, e.counterparty, e.debit_fen, e.credit_fen "
                      "FROM ledger_entry e JOIN ledger_voucher v ON v.id = e.voucher_id JOIN ledger_account a ON "
                      "a.id = e.account_id WHERE e.region_code = $1 AND e.entry_date >= $2 AND e.entry_date <= $3 AND "
                      "e.posted = 1 AND " + cond + " ORDER BY e.entry_date, v.number, e.line_no",
                      params);
  if (rows.size() > kMaxDetailLines)
    throw bad_request("range_too_large",
                      "该期间分录超过 " + std::to_string(kMaxDetailLines) + " 行,请缩小日期范围",
                      "More than " + std::to_string(kMaxDetailLines) + " lines in the range; narrow the dates", "from");
  std::int64_t balance = signed_for(direction, totals.opening);
  nlohmann::json lines = nlohmann::json::array(), days = nlohmann::json::array();
  for (const auto& r : rows) {
    const auto dr = r.get<std::int64_t>("debit_fen"), cr = r.get<std::int64_t>("credit_fen");
    balance += signed_for(direction, dr - cr);
    const auto date = r.get<std::string>("entry_date");
    lines.push_back({{"date", date},
                     {"period", r.get<std::string>("period")},
                     {"number", r.get<int>("number")},
                     {"voucher_id", r.get<std::int64_t>("voucher_id")},
                     {"line_no", r.get<int>("line_no")},
                     {"summary", r.get<std::string>("summary")},
                     {"account_code", r.get<std::string>("account_code")},
                     {"account_name", r.get<std::string>("account_name")},
                     {"counterparty", r.get<std::string>("counterparty")},
                     {"debit_fen", dr},
                     {"credit_fen", cr},
                     {"balance_fen", balance}});
    if (days.empty() || days.back()["date"] != date)
      days.push_back({{"date", date}, {"debit_fen", 0}, {"credit_fen", 0}, {"balance_fen", 0}});
    auto& day = days.back();
    day["debit_fen"] = day["debit_fen"].get<std::int64_t>() + dr;
    day["credit_fen"] = day["credit_fen"].get<std::int64_t>() + cr;
    day["balance_fen"] = balance;
  }
  return {{"region_code", region_code},
          {"from", to_date_string(from)},
          {"to", to_date_string(to)},
          {"account", head},
          {"kind", sel.kind == AccountSelector::cash ? "cash" : sel.kind == AccountSelector::bank ? "bank" : "account"},
          {"direction", to_string(direction)},
          {"opening_fen", signed_for(direction, totals.opening)},
          {"debit_fen", totals.debit},
          {"credit_fen", totals.credit},
          {"closing_fen", signed_for(direction, totals.closing())},
          {"lines", std::move(lines)},
          {"days", std::move(days)}};
}

nlohmann::json general_ledger(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                              const std::string& account_code, Date from, Date to) {
  check_range(from, to);
  const auto chart = require_chart(c, actor, region_code);
  const Account* a = find_code(chart, account_code);
  if (!a) throw invalid_field("account", "科目 " + account_code + " 不存在", "account " + account_code + " does not exist");
  const AccountSelector sel{AccountSelector::code, account_code};
  const auto totals = range_sums(c, region_code, sel, from, to);
  store::Params params{region_code, to_date_string(from), to_date_string(to)};
  const auto cond = selector_condition(sel, params);
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_month;
  for (const auto& r : c.query("SELECT SUBSTR(e.entry_date, 1, 7) AS period, SUM(e.debit_fen) AS debit, "
                               "SUM(e.credit_fen) AS credit FROM ledger_entry e WHERE e.region_code = $1 AND "
                               "e.entry_date >= $2 AND e.entry_date <= $3 AND e.posted = 1 AND " + cond +
                                   " GROUP BY SUBSTR(e.entry_date, 1, 7)",
                               params))
    by_month[r.get<std::string>(0)] = {r.get<std::int64_t>(1), r.get<std::int64_t>(2)};
  std::int64_t net = totals.opening;
  nlohmann::json months = nlohmann::json::array();
  for (std::string p = period_of(from);; p = next_period(p)) {
    const auto [dr, cr] = by_month.count(p) ? by_month[p] : std::pair<std::int64_t, std::int64_t>{0, 0};
    net += dr - cr;
    months.push_back({{"period", p}, {"debit_fen", dr}, {"credit_fen", cr}, {"balance_fen", signed_for(a->direction, net)}});
    if (p == period_of(to)) break;
  }
  return {{"region_code", region_code},
          {"from", to_date_string(from)},
          {"to", to_date_string(to)},
          {"account", account_head(*a)},
          {"opening_fen", signed_for(a->direction, totals.opening)},
          {"debit_fen", totals.debit},
          {"credit_fen", totals.credit},
          {"closing_fen", signed_for(a->direction, totals.closing())},
          {"months", std::move(months)}};
}

nlohmann::json income_statement(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                Date from, Date to) {
  check_range(from, to);
  const auto chart = require_chart(c, actor, region_code);
  const auto sums = sums_by_code(c, region_code, chart, from, to);
  auto income = pl_accounts(chart, sums, Direction::credit);
  auto expenditure = pl_accounts(chart, sums, Direction::debit);
  const auto in = first_level_total(income), out = first_level_total(expenditure);
  return {{"region_code", region_code},
          {"from", to_date_string(from)},
          {"to", to_date_string(to)},
          {"income", std::move(income)},
          {"expenditure", std::move(expenditure)},
          {"income_fen", in},
          {"expenditure_fen", out},
          {"net_fen", in - out}};
}

nlohmann::json balance_sheet(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             Date date) {
  const auto chart = require_chart(c, actor, region_code);
  const auto sums = sums_by_code(c, region_code, chart, date, date);
  nlohmann::json assets = nlohmann::json::array(), liabilities = nlohmann::json::array(),
                 equity = nlohmann::json::array();
  std::int64_t ta = 0, tl = 0, te = 0, result = 0;
  for (const auto& a : chart) {
    if (!a.parent_code.empty()) continue;
    auto it = sums.find(a.code);
    const std::int64_t net_debit = it == sums.end() ? 0 : it->second.closing();
    if (a.category == Category::profit_loss) {
      result -= net_debit;
      continue;
    }
    if (!a.active && net_debit == 0) continue;
    auto j = account_head(a);
    if (a.category == Category::asset || a.category == Category::cost) {
      j["amount_fen"] = net_debit;
      ta += net_debit;
      assets.push_back(std::move(j));
    } else {
      j["amount_fen"] = -net_debit;
      (a.category == Category::liability ? tl : te) += -net_debit;
      (a.category == Category::liability ? liabilities : equity).push_back(std::move(j));
    }
  }
  // Income less expenditure not yet carried forward to 本年收益 belongs to the owners.
  equity.push_back({{"code", nullptr},
                    {"name", "未结转收益(损益类科目余额)"},
                    {"category", "profit_loss"},
                    {"direction", "credit"},
                    {"parent_code", nullptr},
                    {"is_leaf", true},
                    {"amount_fen", result}});
  te += result;
  return {{"region_code", region_code},
          {"date", to_date_string(date)},
          {"assets", std::move(assets)},
          {"liabilities", std::move(liabilities)},
          {"equity", std::move(equity)},
          {"assets_fen", ta},
          {"liabilities_fen", tl},
          {"equity_fen", te},
          {"liabilities_and_equity_fen", tl + te},
          {"balanced", ta == tl + te}};
}

nlohmann::json yearly_comparison(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                 int base_year, int year) {
  const auto chart = require_chart(c, actor, region_code);
  const auto base = sums_by_code(c, region_code, chart, year_start(base_year), year_end(base_year));
  const auto cur = sums_by_code(c, region_code, chart, year_start(year), year_end(year));
  nlohmann::json income = nlohmann::json::array(), expenditure = nlohmann::json::array();
  std::int64_t totals[2][2] = {{0, 0}, {0, 0}};  // [income/expenditure][base/year]
  for (const auto& a : chart) {
    if (a.category != Category::profit_loss) continue;
    const auto amount = [&](const std::map<std::string, Sums>& s) {
      auto it = s.find(a.code);
      return it == s.end() ? 0 : signed_for(a.direction, it->second.debit - it->second.credit);
    };
    const auto b = amount(base), y = amount(cur);
    if (!a.active && b == 0 && y == 0) continue;
    auto j = account_head(a);
    j["base_fen"] = b;
    j["year_fen"] = y;
    j["change_fen"] = y - b;
    const int side = a.direction == Direction::credit ? 0 : 1;
    if (a.parent_code.empty()) {
      totals[side][0] += b;
      totals[side][1] += y;
    }
    (side == 0 ? income : expenditure).push_back(std::move(j));
  }
  const auto pair = [](std::int64_t b, std::int64_t y) {
    return nlohmann::json{{"base_fen", b}, {"year_fen", y}, {"change_fen", y - b}};
  };
  return {{"region_code", region_code},
          {"base_year", base_year},
          {"year", year},
          {"income", std::move(income)},
          {"expenditure", std::move(expenditure)},
          {"income_total", pair(totals[0][0], totals[0][1])},
          {"expenditure_total", pair(totals[1][0], totals[1][1])},
          {"net", pair(totals[0][0] - totals[1][0], totals[0][1] - totals[1][1])}};
}

}  // namespace ql::ledger
