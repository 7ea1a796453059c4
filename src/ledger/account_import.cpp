#include "ledger/account_import.hpp"

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/table_reader.hpp"
#include "ledger/account.hpp"
#include "ledger/import_rows.hpp"
#include "ledger/period.hpp"
#include "ledger/voucher.hpp"

namespace ql::ledger {
namespace {

using K = xlsx::ColumnKind;
enum Col : std::size_t { kCode, kName, kParent, kCategory, kDirection, kCash, kBank, kOpening };

std::vector<table::ColumnSpec> specs() {
  return {{"科目编码", true, {"科目代码", "编码", "code"}},
          {"科目名称", true, {"名称", "name"}},
          {"上级科目", false, {"上级科目编码", "parent_code"}},
          {"类别", false, {"科目类别", "category"}},
          {"余额方向", false, {"方向", "direction"}},
          {"现金科目", false, {"is_cash"}},
          {"银行科目", false, {"is_bank"}},
          {"年初余额", false, {"期初余额", "年初余额(元)", "opening_balance"}}};
}

const std::map<std::string, std::string> kCategories = {
    {"资产", "asset"}, {"负债", "liability"}, {"所有者权益", "equity"}, {"权益", "equity"}, {"成本", "cost"},
    {"损益", "profit_loss"}, {"asset", "asset"}, {"liability", "liability"}, {"equity", "equity"},
    {"cost", "cost"}, {"profit_loss", "profit_loss"}};
const std::map<std::string, std::string> kDirections = {
    {"借", "debit"}, {"贷", "credit"}, {"借方", "debit"}, {"贷方", "credit"}, {"debit", "debit"}, {"credit", "credit"}};
const std::map<std::string, std::string> kYesNo = {
    {"是", "1"}, {"否", "0"}, {"Y", "1"}, {"N", "0"}, {"1", "1"}, {"0", "0"}, {"true", "1"}, {"false", "0"}};

struct Row {
  int row = 0;
  std::string code, name, parent, category, direction, cash, bank;
  std::int64_t opening_fen = 0;
};

// The bulk path names voucher columns; an opening balance problem is about 年初余额 or 科目编码.
std::string opening_column(const std::string& column) {
  return column == "科目编码" ? column : "年初余额";
}

}  // namespace

import_template::Template account_import_template() {
  return import_template::build(
      "科目导入模板", "科目", specs(), {K::text, K::text, K::text, K::text, K::text, K::text, K::text, K::money},
      {{std::string("101"), std::string("现金"), std::string(""), std::string("资产"), std::string("借"),
        std::string("是"), std::string("否"), std::int64_t{320'000}},
       {std::string("102.01"), std::string("农商银行基本户"), std::string("102"), std::string("资产"), std::string("借"),
        std::string("否"), std::string("是"), std::int64_t{15'680'000}},
       {std::string("301"), std::string("资本"), std::string(""), std::string("所有者权益"), std::string("贷"),
        std::string("否"), std::string("否"), std::int64_t{16'000'000}}});
}

nlohmann::json import_accounts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               std::string bytes, const AccountImportOptions& options) {
  actor.require(kWritePermission);
  if (options.opening_date) require_date("opening_date", *options.opening_date);
  require_village(c, actor, region_code, "region");
  const auto cols = specs();

  import_rows::Reader rd;
  std::vector<Row> rows;
  table::read(std::move(bytes), cols, [&](const table::Row& r) {
    const int n = r.number();
    Row a;
    a.row = n;
    a.code = rd.required(n, cols[kCode].name, r[kCode]);
    a.name = rd.required(n, cols[kName].name, r[kName]);
    a.parent = std::string(r[kParent]);
    a.category = rd.label(n, cols[kCategory].name, r[kCategory], kCategories);
    a.direction = rd.label(n, cols[kDirection].name, r[kDirection], kDirections);
    a.cash = rd.label(n, cols[kCash].name, r[kCash], kYesNo);
    a.bank = rd.label(n, cols[kBank].name, r[kBank], kYesNo);
    a.opening_fen = rd.money(n, cols[kOpening].name, r[kOpening], false, true);
    // 现金科目/银行科目: null when the cell is empty (a new sub-account then takes its parent's).
    const auto flag = [](const std::string& v) {
      return v == "1" ? nlohmann::json(true) : v == "0" ? nlohmann::json(false) : nlohmann::json();
    };
    rd.keep({{"row", n}, {"code", a.code}, {"name", a.name}, {"parent_code", a.parent}, {"category", a.category},
             {"direction", a.direction}, {"is_cash", flag(a.cash)}, {"is_bank", flag(a.bank)}, {"opening_fen", a.opening_fen}});
    rows.push_back(std::move(a));
  });
  if (rows.empty()) throw bad_request("empty_file", "文件中没有数据行", "The file has no data rows", "file");
  auto problems = std::move(rd.problems);
  const auto problem = [&problems](int row, const std::string& column, std::string zh, std::string en) {
    problems.push_back({row, column, std::move(zh), std::move(en)});
  };

  store::Transaction tx(c);
  ensure_chart(c, region_code);
  // Parents before children, whatever the file's order.
  std::vector<const Row*> order;
  std::map<std::string, int> first_row;
  for (const auto& a : rows) {
    if (a.code.empty()) continue;
    if (auto [it, fresh] = first_row.try_emplace(a.code, a.row); !fresh)
      problem(a.row, "科目编码", "科目编码 " + a.code + " 重复(第 " + std::to_string(it->second) + " 行)",
              "Account code " + a.code + " repeats row " + std::to_string(it->second));
    else order.push_back(&a);
  }
  std::stable_sort(order.begin(), order.end(), [](const Row* x, const Row* y) {
    return std::count(x->code.begin(), x->code.end(), '.') < std::count(y->code.begin(), y->code.end(), '.');
  });
  std::int64_t created = 0;
  for (const Row* a : order) {
    const auto derived = std::string(parent_code_of(a->code));
    if (!a->parent.empty() && a->parent != derived) {
      problem(a->row, "上级科目", "上级科目须为 " + (derived.empty() ? std::string("空(一级科目)") : derived),
              "must be " + (derived.empty() ? std::string("empty (a first-level account)") : derived));
      continue;
    }
    const auto chart = chart_by_code(c, region_code);
    auto it = chart.find(a->code);
    if (it == chart.end()) {
      if (derived.empty()) {
        problem(a->row, "科目编码", "一级科目 " + a->code + " 不在会计制度科目表中,只能增设明细科目(如 102.01)",
                "first-level account " + a->code + " is not in the chart template; add sub-accounts such as 102.01");
        continue;
      }
      NewAccount na{region_code, derived, a->code, a->name, std::nullopt, std::nullopt};
      if (!a->cash.empty()) na.is_cash = a->cash == "1";
      if (!a->bank.empty()) na.is_bank = a->bank == "1";
      try {
        add_account(c, actor, na);
        ++created;
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::forbidden || e.kind() == ErrorKind::internal) throw;
        const auto column = e.field() == "name" ? "科目名称" : e.field() == "parent_code" ? "上级科目" : "科目编码";
        problem(a->row, column, e.message_zh(), e.message_en());
        continue;
      }
    } else if (it->second.name != a->name) {
      problem(a->row, "科目名称", "科目 " + a->code + " 已存在,名称为“" + it->second.name + "”",
              "account " + a->code + " exists as '" + it->second.name + "'");
      continue;
    }
    // Category and side follow the template (a sub-account inherits them): a file that says
    // otherwise describes another chart, which is worth stopping for.
    const auto now = chart_by_code(c, region_code);
    const auto& acc = now.at(a->code);
    if (!a->category.empty() && a->category != to_string(acc.category))
      problem(a->row, "类别", "科目 " + a->code + " 的类别为 " + std::string(to_string(acc.category)),
              "account " + a->code + " is of category " + std::string(to_string(acc.category)));
    if (!a->direction.empty() && a->direction != to_string(acc.direction))
      problem(a->row, "余额方向", std::string("科目 ") + a->code + " 的余额方向为" +
                                     (acc.direction == Direction::debit ? "借" : "贷"),
              "account " + a->code + " has its balance on the " + std::string(to_string(acc.direction)) + " side");
  }

  // Opening balances: one voucher through the bulk path, so the rules (leaf accounts, debits
  // equal credits) are the vouchers' own.
  const auto chart = chart_by_code(c, region_code);
  VoucherInput opening;
  opening.region_code = region_code;
  opening.summary = "期初余额";
  for (const auto& a : rows) {
    if (a.opening_fen == 0 || a.code.empty()) continue;
    auto it = chart.find(a.code);
    if (it == chart.end()) continue;  // its own problem was reported
    LineInput l;
    l.account_code = a.code;
    l.row = a.row;
    const bool debit_side = (it->second.direction == Direction::debit) == (a.opening_fen > 0);
    (debit_side ? l.debit_fen : l.credit_fen) = a.opening_fen > 0 ? a.opening_fen : -a.opening_fen;
    opening.lines.push_back(std::move(l));
  }
  nlohmann::json opening_out = nullptr;
  if (!opening.lines.empty()) {
    opening.row = opening.lines.front().row;
    if (!options.opening_date) {
      problem(opening.row, "年初余额", "有年初余额时须指定期初日期(opening_date)",
              "opening balances need the opening_date option");
    } else {
      opening.date = *options.opening_date;
      // Carrying balances over is no payment; only a negative cash or bank balance makes the
      // payment rule see one, and that is worth a red flag: it is flagged with what it is.
      const auto lookup = [&chart](const std::string& code) -> const Account* {
        auto f = chart.find(code);
        return f == chart.end() ? nullptr : &f->second;
      };
      if (is_payment(opening, lookup)) opening.unapproved_reason = "期初余额:现金或银行存款为负数";
      try {
        create_vouchers(c, actor, region_code, {opening});
        std::int64_t total = 0;
        for (const auto& l : opening.lines) total += l.debit_fen;
        opening_out = {{"date", opening.date}, {"lines", opening.lines.size()}, {"total_fen", total}};
      } catch (const Error& e) {
        for (auto p : import_rows::problems_of(e)) {
          p.column = p.column == "日期" ? "年初余额" : opening_column(p.column);
          if (p.column == "年初余额" && p.message_zh.rfind("借贷不平衡", 0) == 0) {
            p.message_zh = "年初余额" + p.message_zh;
            p.message_en = "opening balances: " + p.message_en;
          }
          problems.push_back(std::move(p));
        }
      }
    }
  }
  if (options.dry_run) return import_rows::outcome(std::move(problems), std::move(rd.rows), rows.size(), true);
  import_rows::outcome(std::move(problems), nullptr, rows.size(), false);
  tx.commit();
  return {{"created", created}, {"accounts", rows.size()}, {"opening_voucher", opening_out}};
}

}  // namespace ql::ledger
