#include "http/ledger_report_export.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace ql::http {
namespace {

using xlsx::Cell;
using xlsx::ColumnKind;
using Json = nlohmann::json;

struct Builder {
  bool english;
  xlsx::Table t;

  void col(const char* zh, const char* en, ColumnKind kind = ColumnKind::text) {
    t.columns.push_back({english ? en : zh, kind});
  }
  void row(std::vector<Cell> cells) {
    cells.resize(t.columns.size());
    t.rows.push_back(std::move(cells));
  }
  std::string tr(const char* zh, const char* en) const { return english ? en : zh; }
};

Cell str(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}
Cell fen(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return {};
  return it->get<std::int64_t>();
}
Cell text(std::string s) { return s; }

std::string side(const Json& account, bool english) {
  const bool debit = account.value("direction", "") == "debit";
  return english ? (debit ? "Dr" : "Cr") : (debit ? "借" : "贷");
}

std::string range(const Json& r, bool english) {
  return r.value("from", "") + (english ? " to " : " 至 ") + r.value("to", "");
}

void balances(Builder& b, const Json& r) {
  b.col("科目编码", "Code");
  b.col("科目名称", "Account");
  b.col("方向", "Side");
  b.col("期初余额", "Opening", ColumnKind::money);
  b.col("本期借方", "Debit", ColumnKind::money);
  b.col("本期贷方", "Credit", ColumnKind::money);
  b.col("期末余额", "Closing", ColumnKind::money);
  for (const auto& a : r["accounts"])
    b.row({str(a, "code"), str(a, "name"), text(side(a, b.english)), fen(a, "opening_fen"), fen(a, "debit_fen"),
           fen(a, "credit_fen"), fen(a, "closing_fen")});
  // The trial balance: each side's totals of the first-level accounts (they must agree).
  const auto& t = r["totals"];
  b.row({text(b.tr("合计(借方)", "Total (debit)")), {}, {}, fen(t, "opening_debit_fen"), fen(t, "debit_fen"), {},
         fen(t, "closing_debit_fen")});
  b.row({text(b.tr("合计(贷方)", "Total (credit)")), {}, {}, fen(t, "opening_credit_fen"), {}, fen(t, "credit_fen"),
         fen(t, "closing_credit_fen")});
}

void detail(Builder& b, const Json& r, bool daily_totals) {
  b.col("日期", "Date", ColumnKind::date);
  b.col("凭证字号", "Voucher");
  b.col("摘要", "Summary");
  b.col("科目编码", "Code");
  b.col("科目名称", "Account");
  b.col("往来单位", "Counterparty");
  b.col("借方", "Debit", ColumnKind::money);
  b.col("贷方", "Credit", ColumnKind::money);
  b.col("方向", "Side");
  b.col("余额", "Balance", ColumnKind::money);
  const std::string dir = side(r, b.english);
  b.row({str(r, "from"), {}, text(b.tr("期初余额", "Opening balance")), {}, {}, {}, {}, {}, text(dir),
         fen(r, "opening_fen")});
  const auto& lines = r["lines"];
  const auto& days = r["days"];
  std::size_t day = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const std::string voucher = (b.english ? "No. " : "记字第") + std::to_string(l.value("number", 0)) +
                                (b.english ? "" : "号") + " (" + l.value("period", "") + ")";
    b.row({str(l, "date"), text(voucher), str(l, "summary"), str(l, "account_code"), str(l, "account_name"),
           str(l, "counterparty"), fen(l, "debit_fen"), fen(l, "credit_fen"), text(dir), fen(l, "balance_fen")});
    const bool last_of_day = i + 1 == lines.size() || lines[i + 1].value("date", "") != l.value("date", "");
    if (daily_totals && last_of_day && day < days.size()) {
      const auto& d = days[day++];
      b.row({str(d, "date"), {}, text(b.tr("本日合计", "Day total")), {}, {}, {}, fen(d, "debit_fen"),
             fen(d, "credit_fen"), text(dir), fen(d, "balance_fen")});
    }
  }
  b.row({str(r, "to"), {}, text(b.tr("本期合计", "Total for the period")), {}, {}, {}, fen(r, "debit_fen"),
         fen(r, "credit_fen"), text(dir), fen(r, "closing_fen")});
}

void general(Builder& b, const Json& r) {
  b.col("月份", "Month");
  b.col("摘要", "Summary");
  b.col("借方", "Debit", ColumnKind::money);
  b.col("贷方", "Credit", ColumnKind::money);
  b.col("方向", "Side");
  b.col("余额", "Balance", ColumnKind::money);
  const std::string dir = side(r["account"], b.english);
  b.row({str(r, "from"), text(b.tr("期初余额", "Opening balance")), {}, {}, text(dir), fen(r, "opening_fen")});
  for (const auto& m : r["months"])
    b.row({str(m, "period"), text(b.tr("本月合计", "Month total")), fen(m, "debit_fen"), fen(m, "credit_fen"),
           text(dir), fen(m, "balance_fen")});
  b.row({str(r, "to"), text(b.tr("本期合计", "Total for the period")), fen(r, "debit_fen"), fen(r, "credit_fen"),
         text(dir), fen(r, "closing_fen")});
}

void amounts(Builder& b, const Json& list, const std::string& group, const char* key) {
  for (const auto& a : list) b.row({text(group), str(a, "code"), str(a, "name"), fen(a, key)});
}

void income(Builder& b, const Json& r) {
  b.col("类别", "Group");
  b.col("科目编码", "Code");
  b.col("科目名称", "Account");
  b.col("金额", "Amount", ColumnKind::money);
  const auto in = b.tr("收入", "Income"), out = b.tr("支出", "Expenditure");
  amounts(b, r["income"], in, "amount_fen");
  b.row({text(in), {}, text(b.tr("收入合计", "Total income")), fen(r, "income_fen")});
  amounts(b, r["expenditure"], out, "amount_fen");
  b.row({text(out), {}, text(b.tr("支出合计", "Total expenditure")), fen(r, "expenditure_fen")});
  b.row({{}, {}, text(b.tr("收支相抵(收益)", "Net (income - expenditure)")), fen(r, "net_fen")});
}

void balance_sheet(Builder& b, const Json& r) {
  b.col("类别", "Group");
  b.col("科目编码", "Code");
  b.col("项目", "Item");
  b.col("期末余额", "Balance", ColumnKind::money);
  const auto as = b.tr("资产", "Assets"), li = b.tr("负债", "Liabilities"), eq = b.tr("所有者权益", "Equity");
  amounts(b, r["assets"], as, "amount_fen");
  b.row({text(as), {}, text(b.tr("资产总计", "Total assets")), fen(r, "assets_fen")});
  amounts(b, r["liabilities"], li, "amount_fen");
  b.row({text(li), {}, text(b.tr("负债合计", "Total liabilities")), fen(r, "liabilities_fen")});
  amounts(b, r["equity"], eq, "amount_fen");
  b.row({text(eq), {}, text(b.tr("所有者权益合计", "Total equity")), fen(r, "equity_fen")});
  b.row({{}, {}, text(b.tr("负债和所有者权益总计", "Total liabilities and equity")),
         fen(r, "liabilities_and_equity_fen")});
}

void comparison(Builder& b, const Json& r) {
  const auto base = std::to_string(r.value("base_year", 0)), year = std::to_string(r.value("year", 0));
  b.col("类别", "Group");
  b.col("科目编码", "Code");
  b.col("科目名称", "Account");
  b.t.columns.push_back({base + b.tr("年", ""), ColumnKind::money});
  b.t.columns.push_back({year + b.tr("年", ""), ColumnKind::money});
  b.col("增减", "Change", ColumnKind::money);
  const auto in = b.tr("收入", "Income"), out = b.tr("支出", "Expenditure");
  const auto rows = [&](const Json& list, const std::string& group) {
    for (const auto& a : list)
      b.row({text(group), str(a, "code"), str(a, "name"), fen(a, "base_fen"), fen(a, "year_fen"), fen(a, "change_fen")});
  };
  const auto total = [&](const Json& t, const std::string& group, const std::string& label) {
    b.row({text(group), {}, text(label), fen(t, "base_fen"), fen(t, "year_fen"), fen(t, "change_fen")});
  };
  rows(r["income"], in);
  total(r["income_total"], in, b.tr("收入合计", "Total income"));
  rows(r["expenditure"], out);
  total(r["expenditure_total"], out, b.tr("支出合计", "Total expenditure"));
  total(r["net"], {}, b.tr("收支相抵(收益)", "Net (income - expenditure)"));
}

}  // namespace

ReportFile ledger_report_file(LedgerReport kind, const Json& report, const std::string& region_name, bool english) {
  Builder b{english, {}};
  ReportFile f;
  std::string what, when;
  const auto account = [&] {
    const auto& a = report["account"];
    return a.is_object() ? a.value("code", "") + " " + a.value("name", "") + " " : std::string();
  };
  switch (kind) {
    case LedgerReport::balances:
      balances(b, report);
      f = {{}, "科目余额表", "balances"};
      what = b.tr("科目余额表", "Account balances");
      when = range(report, english);
      break;
    case LedgerReport::journal: {
      detail(b, report, true);
      const bool cash = report.value("kind", "") == "cash";
      f = {{}, cash ? "现金日记账" : "银行存款日记账", cash ? "cash-journal" : "bank-journal"};
      what = cash ? b.tr("现金日记账", "Cash journal") : b.tr("银行存款日记账", "Bank journal");
      when = range(report, english);
      break;
    }
    case LedgerReport::detail:
      detail(b, report, false);
      f = {{}, "明细账", "detail-ledger"};
      what = account() + b.tr("明细账", "detail ledger");
      when = range(report, english);
      break;
    case LedgerReport::general:
      general(b, report);
      f = {{}, "总账", "general-ledger"};
      what = account() + b.tr("总账", "general ledger");
      when = range(report, english);
      break;
    case LedgerReport::income:
      income(b, report);
      f = {{}, "收益及收支明细表", "income-statement"};
      what = b.tr("收益及收支明细表", "Income and expenditure");
      when = range(report, english);
      break;
    case LedgerReport::balance_sheet:
      balance_sheet(b, report);
      f = {{}, "资产负债表", "balance-sheet"};
      what = b.tr("资产负债表", "Balance sheet");
      when = (english ? "as of " : "截至 ") + report.value("date", "");
      break;
    case LedgerReport::comparison:
      comparison(b, report);
      f = {{}, "收支年度对比", "yearly-comparison"};
      what = b.tr("收支年度对比", "Yearly comparison");
      when = std::to_string(report.value("base_year", 0)) + " / " + std::to_string(report.value("year", 0));
      break;
  }
  const std::string region = region_name.empty() ? report.value("region_code", "") : region_name;
  b.t.title = region + " " + what + " " + when + (english ? " (yuan)" : "(单位:元)");
  b.t.sheet_name = f.name_zh;
  if (english) b.t.sheet_name = f.name_en;
  f.table = std::move(b.t);
  return f;
}

}  // namespace ql::http
