// Voucher and account imports end to end (issue 4's "Done when"), on whichever backend
// QL_TEST_BACKEND names: a village's year of vouchers from a generated .xlsx, and the same
// rows as a GB18030 CSV with thousands separators, give the balances an independent sum of
// the file's lines gives; one bad row anywhere (several kinds, at the start, in the middle, at
// the end) rejects the whole file naming its row and column, and leaves the books unchanged.
#include <iconv.h>

#include <array>
#include <cstdio>
#include <functional>
#include <set>
#include <map>
#include <random>

#include <fmt/format.h>

#include "api_fixture.hpp"
#include "auth/principal.hpp"
#include "core/xlsx_writer.hpp"
#include "ledger/voucher_import.hpp"

namespace ql::test {
namespace {

using nlohmann::json;

constexpr const char* kLiuwan = "339902001203";  // 柳湾村: no demo books
const std::string kImport = std::string("/api/v1/ledger/vouchers/import?region=") + kLiuwan;

struct Line {
  std::string date;
  int number;
  std::string summary, code, name;
  std::int64_t debit = 0, credit = 0;
  std::string party, settlement;
  int attachments = 0;
  std::string amount_text;  // when set, written instead of the line's amount (to spoil it)
};

// Accounts the generated books use, with their names and normal side (true: debit).
const std::map<std::string, std::pair<std::string, bool>> kAccounts = {
    {"101", {"现金", true}},          {"102", {"银行存款", true}},    {"112", {"应收款", true}},
    {"202", {"应付款", false}},       {"511.01", {"土地承包收入", false}}, {"522", {"补助收入", false}},
    {"531", {"其他收入", false}},     {"541.01", {"干部报酬", true}}, {"541.02", {"办公费", true}},
    {"541.03", {"其他管理费用", true}}, {"551", {"其他支出", true}}};

// A year (2025) of a village's vouchers: 25 a month of six kinds, two of which are payments.
std::vector<Line> year_of_vouchers(int* payments) {
  std::mt19937 rng(20250101);
  std::uniform_int_distribution<std::int64_t> fen(100, 2'000'000'00);
  std::vector<Line> out;
  *payments = 0;
  for (int month = 1; month <= 12; ++month)
    for (int n = 1; n <= 25; ++n) {
      const std::string date = fmt::format("2025-{:02}-{:02}", month, 1 + (n - 1) % 28);
      const auto a = fen(rng), b = fen(rng) % 50'000'00 + 1;
      const auto add = [&](const std::string& summary, const std::string& code, std::int64_t d, std::int64_t c,
                           const std::string& party, const std::string& settlement) {
        out.push_back({date, n, summary, code, kAccounts.at(code).first, d, c, party, settlement, n % 3, ""});
      };
      switch (n % 6) {
        case 0: add("收到土地承包费", "102", a, 0, "张三", "转账"), add("收到土地承包费", "511.01", 0, a, "张三", "转账"); break;
        case 1: add("收到上级补助", "102", a, 0, "", "转账"), add("收到上级补助", "522", 0, a, "", "转账"); break;
        case 2: add("提取备用金", "101", b, 0, "", "现金"), add("提取备用金", "102", 0, b, "", "现金"); break;
        case 3:
          add("购买办公用品", "541.02", b, 0, "文具店", "现金"), add("购买办公用品", "101", 0, b, "文具店", "现金");
          ++*payments;
          break;
        case 4:
          add("发放干部报酬", "541.01", a, 0, "", "转账"), add("发放误工补贴", "541.03", b, 0, "", "转账"),
              add("发放干部报酬", "102", 0, a + b, "", "转账");
          ++*payments;
          break;
        default: add("应收租金", "112", b, 0, "李四", ""), add("应收租金", "531", 0, b, "李四", ""); break;
      }
    }
  return out;
}

std::string yuan(std::int64_t fen, bool separators) {
  if (fen == 0) return "";
  std::string digits = std::to_string(fen / 100);
  if (separators)
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits + fmt::format(".{:02}", fen % 100);
}

const char* kHeader = "日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数\r\n";

std::string csv_row(const Line& l, bool separators) {
  const auto quoted = [](const std::string& s) { return s.find(',') == std::string::npos ? s : "\"" + s + "\""; };
  const auto debit = l.debit && !l.amount_text.empty() ? l.amount_text : quoted(yuan(l.debit, separators));
  const auto credit = l.credit && !l.amount_text.empty() ? l.amount_text : quoted(yuan(l.credit, separators));
  return l.date + "," + std::to_string(l.number) + "," + l.summary + "," + l.code + "," + l.name + "," + debit + "," +
         credit + "," + l.party + "," +
         l.settlement + "," + std::to_string(l.attachments) + "\r\n";
}

std::string to_csv(const std::vector<Line>& lines, bool separators = true) {
  std::string out = kHeader;
  for (const auto& l : lines) out += csv_row(l, separators);
  return out;
}

std::string to_xlsx(const std::vector<Line>& lines) {
  using K = xlsx::ColumnKind;
  xlsx::Table t;
  t.sheet_name = "凭证";
  const std::vector<std::pair<std::string, K>> cols = {
      {"日期", K::date},       {"凭证号", K::integer},   {"摘要", K::text},     {"科目编码", K::text},
      {"科目名称", K::text},   {"借方金额", K::money},   {"贷方金额", K::money}, {"往来单位", K::text},
      {"结算方式", K::text},   {"附件数", K::integer}};
  for (const auto& [h, k] : cols) t.columns.push_back({h, k});
  const auto money = [](std::int64_t f) { return f ? xlsx::Cell(f) : xlsx::Cell(); };
  for (const auto& l : lines)
    t.rows.push_back({l.date, std::int64_t{l.number}, l.summary, l.code, l.name, money(l.debit), money(l.credit),
                      l.party, l.settlement, std::int64_t{l.attachments}});
  return xlsx::to_xlsx(t);
}

// UTF-8 to GB18030 (what a Chinese Excel saves as CSV), with glibc iconv.
std::string gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
  char* ip = in.data();
  char* op = out.data();
  std::size_t il = in.size(), ol = out.size();
  const auto r = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  EXPECT_NE(r, static_cast<std::size_t>(-1));
  out.resize(out.size() - ol);
  return out;
}

class VoucherImport : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    clerk_ = login("liuwan.clerk");
  }

  ApiResult upload(const std::string& query, const std::string& body) {
    return call(http::Method::POST, kImport + query, body, clerk_, {{"Content-Type", "application/octet-stream"}});
  }

  // Per account: {debit, credit, closing toward the normal side} as the report lists them.
  std::map<std::string, std::array<std::int64_t, 3>> balances() {
    auto r = get(std::string("/api/v1/ledger/balances?region=") + kLiuwan + "&date=2025-12-31", clerk_);
    EXPECT_EQ(r.status, 200) << r.raw.body;
    std::map<std::string, std::array<std::int64_t, 3>> out;
    for (const auto& a : r.json["accounts"])
      out[a["code"]] = {a["debit_fen"].get<std::int64_t>(), a["credit_fen"].get<std::int64_t>(),
                        a["closing_fen"].get<std::int64_t>()};
    return out;
  }

  // The same figures computed from the file's lines alone (parents roll up their sub-accounts).
  static std::map<std::string, std::array<std::int64_t, 3>> expected(const std::vector<Line>& lines) {
    std::map<std::string, std::array<std::int64_t, 3>> out;
    for (const auto& l : lines) {
      std::vector<std::string> codes = {l.code};
      if (auto dot = l.code.find('.'); dot != std::string::npos) codes.push_back(l.code.substr(0, dot));
      for (const auto& code : codes) {
        out[code][0] += l.debit;
        out[code][1] += l.credit;
      }
    }
    for (auto& [code, e] : out) {
      const bool debit_side = kAccounts.count(code) ? kAccounts.at(code).second : code == "541";
      e[2] = debit_side ? e[0] - e[1] : e[1] - e[0];
    }
    return out;
  }

  void expect_books_match(const std::vector<Line>& lines) {
    const auto got = balances();
    for (const auto& [code, e] : expected(lines)) {
      ASSERT_TRUE(got.count(code)) << code;
      EXPECT_EQ(got.at(code), e) << "account " << code;
    }
    // Every other account stays at zero, so nothing was posted twice or elsewhere.
    const auto want = expected(lines);
    for (const auto& [code, g] : got)
      if (!want.count(code)) {
        EXPECT_EQ(g, (std::array<std::int64_t, 3>{0, 0, 0})) << "account " << code;
      }
  }

  std::string clerk_;
};

TEST_F(VoucherImport, YearFromXlsxGivesTheIndependentBalances) {
  int payments = 0;
  const auto lines = year_of_vouchers(&payments);
  // Payments need an approval: historic books import them as flagged exceptions.
  auto r = upload("&unapproved_reason=" + std::string("%E5%8E%86%E5%8F%B2%E8%B4%A6"), to_xlsx(lines));
  ASSERT_EQ(r.status, 201) << r.raw.body.substr(0, 2000);
  EXPECT_EQ(r.json["created"], 300);
  EXPECT_EQ(r.json["lines"], lines.size());
  expect_books_match(lines);
  auto flagged = get(std::string("/api/v1/ledger/vouchers?region=") + kLiuwan + "&unapproved=true&size=1", clerk_);
  EXPECT_EQ(flagged.json["total"], payments);
  auto v = get(std::string("/api/v1/ledger/vouchers?region=") + kLiuwan + "&period=2025-03&sort=number&size=5", clerk_);
  ASSERT_EQ(v.json["items"].size(), 5u);
  EXPECT_EQ(v.json["items"][3]["unapproved_reason"], "历史账");  // number 4 is a payment (kind 4)
  EXPECT_EQ(v.json["items"][3]["settlement"], "bank_transfer");
  EXPECT_EQ(v.json["items"][0]["counterparty"], "");
}

TEST_F(VoucherImport, Gb18030CsvWithSeparatorsGivesTheSameBalances) {
  int payments = 0;
  const auto lines = year_of_vouchers(&payments);
  const auto file = gb18030(to_csv(lines, true));
  ASSERT_NE(file.find("1,"), std::string::npos);  // thousands separators are in the file
  auto preview = upload("&dry_run=true&unapproved_reason=%E5%8E%86%E5%8F%B2%E8%B4%A6", file);
  ASSERT_EQ(preview.status, 200) << preview.raw.body.substr(0, 2000);
  EXPECT_EQ(preview.json["valid"], true);
  EXPECT_EQ(preview.json["total_rows"], lines.size());
  EXPECT_EQ(preview.json["rows"][0]["summary"], lines[0].summary);
  EXPECT_EQ(preview.json["rows"][0]["debit_fen"], lines[0].debit);
  EXPECT_EQ(count("ledger_voucher"), 0);  // a preview writes nothing
  auto r = upload("&unapproved_reason=%E5%8E%86%E5%8F%B2%E8%B4%A6", file);
  ASSERT_EQ(r.status, 201) << r.raw.body.substr(0, 2000);
  expect_books_match(lines);
}

// A payment without 审批编号 and without the option is a problem of its voucher.
TEST_F(VoucherImport, PaymentWithoutApprovalIsRejected) {
  int payments = 0;
  auto lines = year_of_vouchers(&payments);
  lines.resize(6);  // vouchers 1..3 of January; voucher 3 is a payment (rows 6-7)
  auto r = upload("", to_csv(lines));
  ASSERT_EQ(r.status, 400) << r.raw.body;
  ASSERT_EQ(r.json["error"]["problems"].size(), 1u) << r.raw.body;
  EXPECT_EQ(r.json["error"]["problems"][0]["row"], 6);
  EXPECT_EQ(r.json["error"]["problems"][0]["column"], "审批编号");
  // Its own 例外原因 column flags it too.
  std::string csv = "日期,凭证号,摘要,科目编码,借方金额,贷方金额,例外原因\n"
                    "2025-01-03,3,购买办公用品,541.02,12.00,,补录历史凭证\n2025-01-03,3,购买办公用品,101,,12.00,\n";
  r = upload("", csv);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  EXPECT_EQ(get(std::string("/api/v1/ledger/vouchers?region=") + kLiuwan + "&unapproved=true", clerk_).json["total"], 1);
}

// Index of the first line of the voucher that line i belongs to.
std::size_t first_of_voucher(const std::vector<Line>& l, std::size_t i) {
  while (i > 0 && l[i - 1].number == l[i].number && l[i - 1].date.substr(0, 7) == l[i].date.substr(0, 7)) --i;
  return i;
}

struct Spoiled {
  std::vector<Line> lines;
  int row;             // where the problem must be reported
  std::string column;  // and in which column
};

TEST_F(VoucherImport, OneBadRowAnywhereRejectsTheWholeFileAndChangesNothing) {
  int payments = 0;
  const auto good = year_of_vouchers(&payments);
  // A first import, so "duplicate number in the database" and "unchanged books" mean something.
  const std::vector<Line> first(good.begin(), good.begin() + 4);  // vouchers 1 and 2 of January
  ASSERT_EQ(upload("", to_csv(first)).status, 201);
  const std::vector<Line> rest(good.begin() + 4, good.end());
  const auto vouchers_before = count("ledger_voucher"), entries_before = count("ledger_entry");
  const auto log_before = count("op_log");
  const auto books_before = balances();
  const auto row_of = [](std::size_t i) { return static_cast<int>(i) + 2; };  // row 1 is the header

  using Spoil = std::function<Spoiled(std::vector<Line>, std::size_t)>;
  const std::vector<std::pair<std::string, Spoil>> kinds = {
      {"bad date", [&](auto l, std::size_t i) { l[i].date = l[i].date.substr(0, 8) + "32"; return Spoiled{l, row_of(i), "日期"}; }},
      {"unknown account", [&](auto l, std::size_t i) { l[i].code = "999"; l[i].name = ""; return Spoiled{l, row_of(i), "科目编码"}; }},
      {"name not the code's", [&](auto l, std::size_t i) { l[i].name = "错误科目"; return Spoiled{l, row_of(i), "科目名称"}; }},
      {"three decimals",
       [&](auto l, std::size_t i) {
         l[i].amount_text = "12.345";
         return Spoiled{l, row_of(i), l[i].debit ? "借方金额" : "贷方金额"};
       }},
      {"unbalanced",
       [&](auto l, std::size_t i) {
         (l[i].debit ? l[i].debit : l[i].credit) += 1;
         return Spoiled{l, row_of(first_of_voucher(l, i)), "借方金额"};
       }},
      {"another date in the voucher",
       [&](auto l, std::size_t i) {
         const auto f = first_of_voucher(l, i);
         const auto target = f == i ? i + 1 : i;  // the voucher's date is its first line's
         l[target].date = l[target].date.substr(0, 8) + (l[target].date.substr(8) == "28" ? "27" : "28");
         return Spoiled{l, row_of(target), "日期"};
       }},
      {"number used in the database",
       [&](auto l, std::size_t i) {
         l[i].date = "2025-01-20";
         l[i].number = 2;
         return Spoiled{l, row_of(i), "凭证号"};
       }},
      {"number used earlier in the file",
       [&](auto l, std::size_t i) {
         // Same month and number as the file's first voucher, with other vouchers in between.
         l[i].date = l[0].date;
         l[i].number = l[0].number;
         return Spoiled{l, row_of(i), "凭证号"};
       }},
  };
  for (const auto& [kind, spoil] : kinds)
    for (std::size_t at : {std::size_t{0}, rest.size() / 2 + 1, rest.size() - 1}) {
      if (kind == "number used earlier in the file" && at < 5) continue;
      if (kind == "another date in the voucher" && at + 1 >= rest.size() && first_of_voucher(rest, at) == at) continue;
      const auto bad = spoil(rest, at);
      SCOPED_TRACE(kind + " at line " + std::to_string(at));
      for (bool xlsx : {false, true}) {
        if (xlsx && (kind == "three decimals" || kind == "bad date")) continue;  // number/date cells cannot hold these
        auto r = upload("&unapproved_reason=%E5%8E%86%E5%8F%B2%E8%B4%A6", xlsx ? to_xlsx(bad.lines) : to_csv(bad.lines));
        ASSERT_EQ(r.status, 400) << r.raw.body.substr(0, 1000);
        EXPECT_EQ(r.error_code(), "import_rejected");
        bool named = false;
        for (const auto& p : r.json["error"]["problems"])
          named = named || (p["row"] == bad.row && p["column"] == bad.column);
        EXPECT_TRUE(named) << "expected row " << bad.row << " column " << bad.column << ": "
                           << r.json["error"]["problems"].dump().substr(0, 1000);
      }
      EXPECT_EQ(count("ledger_voucher"), vouchers_before);
      EXPECT_EQ(count("ledger_entry"), entries_before);
      EXPECT_EQ(count("op_log"), log_before);
    }
  EXPECT_EQ(balances(), books_before);
  // The unbalanced voucher's problem names all its rows; the preview lists the same problems.
  auto bad = kinds[4].second(rest, 0);
  auto preview = upload("&dry_run=true&unapproved_reason=%E5%8E%86%E5%8F%B2%E8%B4%A6", to_csv(bad.lines));
  ASSERT_EQ(preview.status, 200);
  EXPECT_EQ(preview.json["valid"], false);
  ASSERT_EQ(preview.json["problems"].size(), 1u) << preview.raw.body.substr(0, 1000);
  EXPECT_NE(preview.json["problems"][0]["message"].get<std::string>().find("第 2–3 行"), std::string::npos)
      << preview.json["problems"][0]["message"];
  // The complete file still imports afterwards.
  ASSERT_EQ(upload("&unapproved_reason=%E5%8E%86%E5%8F%B2%E8%B4%A6", to_csv(rest)).status, 201);
  expect_books_match(good);
}

TEST_F(VoucherImport, ALineProblemNamesOnlyItsRowInTheFile) {
  // The voucher form says "第 2 行…" (the line in the voucher); the import gives the file's row
  // instead, so its message carries no second, different number.
  const std::string csv = "日期,凭证号,摘要,科目编码,借方金额,贷方金额\n"
                          "2025-01-02,1,收取押金,101,100.00,\n2025-01-02,1,收取押金,999,,100.00\n";
  for (const auto& [lang, message] :
       {std::pair{"zh-CN", "科目 999 不存在"}, std::pair{"en", "account 999 does not exist"}}) {
    auto r = call(http::Method::POST, kImport, csv, clerk_,
                  {{"Content-Type", "application/octet-stream"}, {"Accept-Language", lang}});
    ASSERT_EQ(r.status, 400) << r.raw.body;
    ASSERT_EQ(r.json["error"]["problems"].size(), 1u) << r.raw.body;
    EXPECT_EQ(r.json["error"]["problems"][0]["row"], 3);
    EXPECT_EQ(r.json["error"]["problems"][0]["column"], "科目编码");
    EXPECT_EQ(r.json["error"]["problems"][0]["message"], message);
  }
}

// A file of many batches (ten vouchers each here; 2000 by default) is still all or nothing:
// earlier batches are written when a bad row near the end is read, and the rejection rolls them
// back, reporting every problem (the first batch's too). A number repeated from an earlier batch
// is caught, and the good file then imports across batches, months spanning several of them.
TEST_F(VoucherImport, ManyBatchesStayAllOrNothing) {
  int payments = 0;
  const auto lines = year_of_vouchers(&payments);  // 300 vouchers: 30 batches of 10
  ASSERT_EQ(lines[lines.size() - 2].number, lines.back().number);  // the last voucher has two lines
  auto conn = connect();
  const auto actor = auth::system_principal("test");
  ledger::VoucherImportOptions o;
  o.unapproved_reason = "历史账";
  o.batch_vouchers = 10;
  const auto log_before = count("op_log");
  const auto rejected = [&](const std::vector<Line>& l) {
    std::set<std::pair<int, std::string>> got;
    try {
      ledger::import_vouchers(*conn, actor, kLiuwan, to_csv(l), o);
      ADD_FAILURE() << "the file was imported";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), "import_rejected");
      for (const auto& p : e.problems()) got.insert({p.row, p.column});
    }
    EXPECT_EQ(count("ledger_voucher"), 0);
    EXPECT_EQ(count("ledger_entry"), 0);
    EXPECT_EQ(count("ledger_month_total"), 0);
    EXPECT_EQ(count("op_log"), log_before);
    return got;
  };
  const auto row_of = [](std::size_t i) { return static_cast<int>(i) + 2; };

  auto bad = lines;
  bad[bad.size() - 2].code = "999";  // the last voucher's first line
  bad[3].amount_text = "12.345";     // and a line of the first batch
  auto got = rejected(bad);
  EXPECT_TRUE(got.count({row_of(bad.size() - 2), "科目编码"}));
  EXPECT_TRUE(got.count({row_of(3), bad[3].debit ? "借方金额" : "贷方金额"}));

  auto dup = lines;
  for (auto i : {dup.size() - 2, dup.size() - 1}) dup[i].date = lines[0].date, dup[i].number = lines[0].number;
  got = rejected(dup);
  EXPECT_TRUE(got.count({row_of(dup.size() - 2), "凭证号"}));
  EXPECT_EQ(got.size(), 2u);  // both of its rows, nothing else

  auto r = ledger::import_vouchers(*conn, actor, kLiuwan, to_csv(lines), o);
  EXPECT_EQ(r["created"], 300);
  EXPECT_EQ(r["lines"], lines.size());
  expect_books_match(lines);
  // Every line went to its own voucher.
  EXPECT_EQ(conn->scalar("SELECT COUNT(*) FROM ledger_voucher v WHERE total_fen <> (SELECT SUM(debit_fen) FROM "
                         "ledger_entry e WHERE e.voucher_id = v.id) OR (SELECT COUNT(*) FROM ledger_entry e WHERE "
                         "e.voucher_id = v.id) < 2"),
            "0");
  EXPECT_EQ(count("op_log"), log_before + 1);
}

TEST_F(VoucherImport, TemplatesImportAsTheyAre) {
  for (const std::string kind : {"vouchers", "accounts"}) {
    auto t = get("/api/v1/ledger/" + kind + "/template?format=csv", clerk_);
    ASSERT_EQ(t.status, 200);
    auto x = get("/api/v1/ledger/" + kind + "/template?format=xlsx", clerk_);
    ASSERT_EQ(x.status, 200);
    EXPECT_EQ(x.raw.body.substr(0, 2), "PK");
    auto r = call(http::Method::POST, "/api/v1/ledger/" + kind + "/import?region=" + kLiuwan +
                                          "&dry_run=true&opening_date=2025-12-31",
                  x.raw.body, clerk_);
    ASSERT_EQ(r.status, 200) << r.raw.body;
    EXPECT_EQ(r.json["valid"], true) << r.raw.body;
  }
}

TEST_F(VoucherImport, AccountsWithOpeningBalances) {
  const std::string file =
      "科目编码,科目名称,上级科目,类别,余额方向,现金科目,银行科目,年初余额\n"
      "101,现金,,资产,借,是,否,\"3,200.00\"\n"
      "102.01,农商银行基本户,102,资产,借,否,是,156800\n"
      "102.02,邮储银行专户,102,资产,借,否,是,1000.5\n"
      "202.01,工程款,202,负债,贷,,,800.50\n"
      "301,资本,,所有者权益,贷,,,160200\n";
  const std::string url = std::string("/api/v1/ledger/accounts/import?region=") + kLiuwan;
  // Balances need the opening date.
  auto r = call(http::Method::POST, url, file, clerk_);
  ASSERT_EQ(r.status, 400) << r.raw.body;
  EXPECT_EQ(r.json["error"]["problems"][0]["column"], "年初余额");
  // Unbalanced opening balances, a wrong side and a first-level code outside the chart.
  std::string bad = file;
  bad.replace(bad.find("160200"), 6, "160201");
  bad += "999,自设科目,,,,,,\n102.03,信用社,102,资产,贷,,,\n";
  r = call(http::Method::POST, url + "&opening_date=2024-12-31", bad, clerk_);
  ASSERT_EQ(r.status, 400) << r.raw.body;
  std::set<std::pair<int, std::string>> got;
  for (const auto& p : r.json["error"]["problems"]) got.insert({p["row"].get<int>(), p["column"].get<std::string>()});
  EXPECT_TRUE(got.count({2, "年初余额"})) << r.raw.body;  // unbalanced: reported on the first balance row
  EXPECT_TRUE(got.count({7, "科目编码"})) << r.raw.body;
  EXPECT_TRUE(got.count({8, "余额方向"})) << r.raw.body;
  EXPECT_EQ(count("ledger_voucher"), 0);
  EXPECT_EQ(get(std::string("/api/v1/ledger/accounts?region=") + kLiuwan, clerk_).json["initialized"], false);

  r = call(http::Method::POST, url + "&opening_date=2024-12-31", file, clerk_);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  EXPECT_EQ(r.json["created"], 3);
  EXPECT_EQ(r.json["opening_voucher"]["lines"], 5);
  auto b = get(std::string("/api/v1/ledger/balances?region=") + kLiuwan + "&date=2025-01-31", clerk_);
  std::map<std::string, json> by;
  for (const auto& a : b.json["accounts"]) by[a["code"]] = a;
  EXPECT_EQ(by["101"]["opening_fen"], 320000);
  EXPECT_EQ(by["102"]["opening_fen"], 15680000 + 100050);
  EXPECT_EQ(by["202.01"]["opening_fen"], 80050);
  EXPECT_EQ(by["301"]["opening_fen"], 16020000);
  EXPECT_EQ(b.json["totals"]["opening_debit_fen"], b.json["totals"]["opening_credit_fen"]);
  // The new bank sub-account takes vouchers.
  r = upload("", "日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额\n2025-01-02,1,存现,102.01,银行存款-农商银行基本户,100,\n"
                 "2025-01-02,1,存现,101,现金,,100\n");
  EXPECT_EQ(r.status, 201) << r.raw.body;
}

}  // namespace
}  // namespace ql::test
