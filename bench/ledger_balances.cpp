// Account balances latency (issue 4): ten years of a large village's books and a street of
// villages with smaller books, loaded through the real import path (ledger::import_vouchers,
// one CSV per village and year), then the function behind GET /api/v1/ledger/balances
// (ledger::balances, with ?date= meaning "from January 1 of that year to that date") timed as
// p50/p95/p99 latency:
//   - one village as of the last day of its books (the opening sums nine years of lines);
//   - the whole street: every village of it, one after the other (what the township 三资中心
//     looks at), as one sample.
// Baseline in the same run, on the same database: a bare aggregate over the same table,
//   SELECT account_id, SUM(debit_fen), SUM(credit_fen) FROM ledger_entry
//   WHERE region_code = ? AND entry_date <= ? AND posted = 1 GROUP BY account_id
// run through the sqlite3 C API (a second connection) or libpq (a prepared statement), with
// the same village loop for the street. Each sample's closing balances are checked against
// the baseline's, so the two cannot drift apart unnoticed. A third column times the aggregate
// ledger::balances ran over ledger_entry before the monthly totals (migration 0017), through
// the store layer, for comparison.
//
// Usage: bench_ledger_balances [--db sqlite|postgresql://SERVER] [--dir /tmp] [--years 10]
//          [--per-year 20000] [--villages 30] [--small-per-year 2000] [--samples 200]
//   --db sqlite (default) builds DIR/ql-bench-balances.db; a PostgreSQL server URL gets a fresh
//   database ql_bench_balances on that server (dropped and re-created).
//   (make bench-ledger)
#include <fmt/format.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "ledger/account.hpp"
#include "ledger/report.hpp"
#include "ledger/voucher_import.hpp"
#include "region/region.hpp"
#include "store/database.hpp"
#include "store/migration.hpp"

using namespace ql;

namespace {

constexpr const char* kStreet = "339902001000";
constexpr const char* kFormerSum =
    "SELECT account_id, SUM(CASE WHEN entry_date < $2 THEN debit_fen - credit_fen ELSE 0 END) AS opening, "
    "SUM(CASE WHEN entry_date >= $2 THEN debit_fen ELSE 0 END) AS debit, "
    "SUM(CASE WHEN entry_date >= $2 THEN credit_fen ELSE 0 END) AS credit FROM ledger_entry "
    "WHERE region_code = $1 AND entry_date <= $3 AND posted = 1 GROUP BY account_id";
constexpr const char* kBareSum =
    "SELECT account_id, SUM(debit_fen), SUM(credit_fen) FROM ledger_entry WHERE region_code = $1 AND "
    "entry_date <= $2 AND posted = 1 GROUP BY account_id";

struct Options {
  std::string db = "sqlite", dir = "/tmp";
  int years = 10, per_year = 20000, villages = 30, small_per_year = 2000, samples = 200;
};

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "bench_ledger_balances: %s\n", why.c_str());
  std::exit(1);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    const auto number = [&] {
      const auto v = value();
      const int n = std::atoi(v.c_str());
      if (n < 1) die(a + " must be a positive integer");
      return n;
    };
    if (a == "--db") o.db = value();
    else if (a == "--dir") o.dir = value();
    else if (a == "--years") o.years = number();
    else if (a == "--per-year") o.per_year = number();
    else if (a == "--villages") o.villages = number();
    else if (a == "--small-per-year") o.small_per_year = number();
    else if (a == "--samples") o.samples = number();
    else die("unknown option " + a);
  }
  return o;
}

std::string village_code(int i) { return fmt::format("339902001{:03d}", 201 + i); }

std::string yuan(std::int64_t fen) {
  if (fen == 0) return "";
  return fmt::format("{}.{:02d}", fen / 100, fen % 100);
}

// One year of a village's vouchers as the import file: `count` vouchers spread over the
// months in date order, numbered per month, 2-4 lines each, over cash, bank, receivables,
// payables, stock, fixed assets and income and expenditure accounts; payments are flagged by
// the import option (historic books).
std::string year_csv(std::mt19937_64& rng, int year, int count) {
  std::string out = "日期,凭证号,摘要,科目编码,借方金额,贷方金额,往来单位,结算方式\n";
  out.reserve(static_cast<std::size_t>(count) * 3 * 80);
  const auto amount = [&rng](std::int64_t max_yuan) {
    return static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(max_yuan * 100)) + 100;
  };
  for (int month = 1; month <= 12; ++month) {
    const int in_month = count / 12 + (month <= count % 12 ? 1 : 0);
    for (int n = 1; n <= in_month; ++n) {
      const int day = 1 + (n - 1) * 28 / std::max(in_month, 1);
      const std::string head = fmt::format("{}-{:02d}-{:02d},{},", year, month, day, n);
      const auto line = [&](const char* summary, const char* code, std::int64_t d, std::int64_t c,
                            const char* party, const char* settle) {
        out += head;
        out += summary;
        out += ',';
        out += code;
        out += ',';
        out += yuan(d);
        out += ',';
        out += yuan(c);
        out += ',';
        out += party;
        out += ',';
        out += settle;
        out += '\n';
      };
      const std::int64_t a = amount(50'000), b = amount(5'000), c = amount(2'000);
      switch (rng() % 8) {
        case 0: line("收到土地承包费", "102", a, 0, "张三", "银行转账"), line("收到土地承包费", "511.01", 0, a, "张三", ""); break;
        case 1: line("收到上级补助", "102", a, 0, "镇财政所", "银行转账"), line("收到上级补助", "522", 0, a, "镇财政所", ""); break;
        case 2:
          line("发放干部报酬", "541.01", a, 0, "", "银行转账"), line("发放误工补贴", "541.03", b, 0, "", "");
          line("发放干部报酬", "102", 0, a + b, "", "");
          break;
        case 3:
          line("购买办公用品", "541.02", b, 0, "文具店", "现金"), line("购买办公用品", "121", c, 0, "文具店", "");
          line("购买办公用品", "502", c, 0, "文具店", ""), line("购买办公用品", "101", 0, b + 2 * c, "文具店", "");
          break;
        case 4: line("提取备用金", "101", b, 0, "", "现金"), line("提取备用金", "102", 0, b, "", ""); break;
        case 5: line("应收租金", "112", a, 0, "李四", "转账"), line("应收租金", "511.02", 0, a, "李四", ""); break;
        case 6:
          line("购置农机", "151", a + b, 0, "农机站", "银行转账"), line("购置农机", "102", 0, a, "农机站", "");
          line("购置农机", "202", 0, b, "农机站", "");
          break;
        default: line("经营收入", "101", b, 0, "", "现金"), line("经营收入", "501", 0, b, "", ""); break;
      }
    }
  }
  return out;
}

double now_s() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

struct Latency {
  double p50, p95, p99, max;
};
Latency percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const auto at = [&ms](double q) {
    const auto i = static_cast<std::size_t>(std::max(0.0, std::ceil(q * static_cast<double>(ms.size())) - 1));
    return ms[std::min(i, ms.size() - 1)];
  };
  return {at(0.50), at(0.95), at(0.99), ms.back()};
}

// Closing debit-minus-credit per leaf account id, from the baseline.
using Closing = std::map<std::int64_t, std::int64_t>;

// The baseline query on the same database through the driver's C API, prepared once.
class Bare {
 public:
  virtual ~Bare() = default;
  virtual Closing run(const std::string& region, const std::string& date) = 0;
};

class BareSqlite final : public Bare {
 public:
  explicit BareSqlite(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) die("sqlite3_open " + path);
    std::string sql = kBareSum;
    for (auto p : {"$1", "$2"}) sql.replace(sql.find(p), 2, "?");
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s_, nullptr) != SQLITE_OK) die(sqlite3_errmsg(db_));
  }
  ~BareSqlite() override {
    sqlite3_finalize(s_);
    sqlite3_close(db_);
  }
  Closing run(const std::string& region, const std::string& date) override {
    Closing out;
    sqlite3_bind_text(s_, 1, region.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s_, 2, date.c_str(), -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s_)) == SQLITE_ROW)
      out[sqlite3_column_int64(s_, 0)] = sqlite3_column_int64(s_, 1) - sqlite3_column_int64(s_, 2);
    if (rc != SQLITE_DONE) die(sqlite3_errmsg(db_));
    sqlite3_reset(s_);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* s_ = nullptr;
};

class BarePg final : public Bare {
 public:
  explicit BarePg(const std::string& url) : c_(PQconnectdb(url.c_str())) {
    if (PQstatus(c_) != CONNECTION_OK) die(PQerrorMessage(c_));
    PGresult* r = PQprepare(c_, "bare", kBareSum, 2, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) die(PQerrorMessage(c_));
    PQclear(r);
  }
  ~BarePg() override { PQfinish(c_); }
  Closing run(const std::string& region, const std::string& date) override {
    const char* values[] = {region.c_str(), date.c_str()};
    PGresult* r = PQexecPrepared(c_, "bare", 2, values, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) die(PQerrorMessage(c_));
    Closing out;
    for (int i = 0; i < PQntuples(r); ++i)
      out[std::atoll(PQgetvalue(r, i, 0))] = std::atoll(PQgetvalue(r, i, 1)) - std::atoll(PQgetvalue(r, i, 2));
    PQclear(r);
    return out;
  }

 private:
  PGconn* c_;
};

// The same server with another database: replaces the URI's path, keeping any ?options.
std::string with_database(const std::string& url, const std::string& database) {
  const std::size_t host = url.find("://") + 3;
  const std::size_t options = std::min(url.find('?', host), url.size());
  const std::size_t path = std::min(url.find('/', host), options);
  return url.substr(0, path) + "/" + database + url.substr(options);
}

// The product's closing balances of the leaf accounts, as debit minus credit, checked
// against the baseline's (accounts without lines are 0 in the product and absent in SQL).
void check_same(const nlohmann::json& report, const std::map<std::string, std::int64_t>& id_of, const Closing& bare,
                const std::string& region) {
  for (const auto& a : report["accounts"]) {
    if (!a["is_leaf"].get<bool>()) continue;
    const auto id = id_of.at(a["code"].get<std::string>());
    const std::int64_t closing = a["closing_fen"].get<std::int64_t>();
    const std::int64_t net = a["direction"] == "debit" ? closing : -closing;
    const auto it = bare.find(id);
    if (net != (it == bare.end() ? 0 : it->second))
      die(fmt::format("{} account {}: balances gives {} net debit, the bare SUM {}", region,
                      a["code"].get<std::string>(), net, it == bare.end() ? 0 : it->second));
  }
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  const bool pg = o.db.rfind("postgres", 0) == 0;
  if (!pg && o.db != "sqlite") die("--db is sqlite or a postgresql:// server URL");
  std::string url;
  if (pg) {
    url = with_database(o.db, "ql_bench_balances");
    auto admin = store::connect(o.db);
    admin->exec_script("DROP DATABASE IF EXISTS ql_bench_balances WITH (FORCE)");
    admin->exec_script("CREATE DATABASE ql_bench_balances");
  } else {
    const std::string path = o.dir + "/ql-bench-balances.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    url = "sqlite:" + path;
  }
  auto c = store::connect(url);
  store::migrate(*c);
  std::vector<std::string> villages;
  {
    store::Transaction tx(*c);
    region::insert(*c, "339900000000", "清河市", region::Level::city, std::nullopt);
    region::insert(*c, "339902000000", "明湖区", region::Level::district, "339900000000");
    region::insert(*c, kStreet, "青莲街道", region::Level::street, "339902000000");
    for (int i = 0; i < o.villages; ++i) {
      villages.push_back(village_code(i));
      region::insert(*c, villages.back(), fmt::format("第{}村", i + 1), region::Level::community, kStreet);
    }
    tx.commit();
  }
  const auto actor = auth::system_principal("bench");
  const int first_year = 2016, last_year = first_year + o.years - 1;
  std::printf("account balances: %s; %s has %d years x %d vouchers, %d more villages %d vouchers/year\n",
              pg ? "PostgreSQL" : "SQLite (WAL, synchronous=FULL)", villages[0].c_str(), o.years, o.per_year,
              o.villages - 1, o.small_per_year);

  // Loading: one import (one transaction) per village and year, through the CLI's path.
  std::mt19937_64 rng(10);
  std::size_t lines = 0;
  std::size_t main_lines = 0;
  const double load0 = now_s();
  ledger::VoucherImportOptions io;
  io.unapproved_reason = "历史账补录";
  for (std::size_t v = 0; v < villages.size(); ++v)
    for (int y = first_year; y <= last_year; ++y) {
      auto out = ledger::import_vouchers(*c, actor, villages[v], year_csv(rng, y, v == 0 ? o.per_year : o.small_per_year),
                                         io);
      lines += out["lines"].get<std::size_t>();
      if (v == 0) main_lines += out["lines"].get<std::size_t>();
    }
  const double load_s = now_s() - load0;
  if (!pg) c->exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
  c->exec_script("ANALYZE");  // planner statistics, as a database in service has them
  std::printf("loaded %zu lines (%zu in %s) through ledger::import_vouchers in %.1f s (%.0f lines/s)\n", lines,
              main_lines, villages[0].c_str(), load_s, static_cast<double>(lines) / load_s);

  std::unique_ptr<Bare> bare;
  if (pg) bare = std::make_unique<BarePg>(url);
  else bare = std::make_unique<BareSqlite>(o.dir + "/ql-bench-balances.db");

  // Account codes by id, to compare the product's report with the baseline's rows.
  std::vector<std::map<std::string, std::int64_t>> ids(villages.size());
  for (std::size_t v = 0; v < villages.size(); ++v)
    for (const auto& [code, a] : ledger::chart_by_code(*c, villages[v])) ids[v][code] = a.id;

  const std::string last = fmt::format("{}-12-31", last_year);
  const Date to = *parse_date(last);
  const Date from = *parse_date(fmt::format("{}-01-01", last_year));  // what ?date= gives
  const auto product = [&](std::size_t v) { return ledger::balances(*c, actor, villages[v], from, to); };
  const std::string first_day = to_date_string(from);
  const auto former = [&](std::size_t v) { return c->query(kFormerSum, {villages[v], first_day, last}).size(); };

  // Warm-up (caches, prepared statements), with the equality check on every village.
  for (std::size_t v = 0; v < villages.size(); ++v) check_same(product(v), ids[v], bare->run(villages[v], last), villages[v]);

  // Village: product and baseline alternate sample by sample, so load spikes hit both.
  std::vector<double> pv, bv, fv, ps, bs, fs;
  for (int i = 0; i < o.samples; ++i) {
    double t = now_s();
    auto r = product(0);
    pv.push_back((now_s() - t) * 1000);
    t = now_s();
    auto b = bare->run(villages[0], last);
    bv.push_back((now_s() - t) * 1000);
    t = now_s();
    former(0);
    fv.push_back((now_s() - t) * 1000);
    if (i == 0) check_same(r, ids[0], b, villages[0]);
  }
  const int street_samples = std::max(10, o.samples / 5);
  for (int i = 0; i < street_samples; ++i) {
    double t = now_s();
    for (std::size_t v = 0; v < villages.size(); ++v) product(v);
    ps.push_back((now_s() - t) * 1000);
    t = now_s();
    for (std::size_t v = 0; v < villages.size(); ++v) bare->run(villages[v], last);
    bs.push_back((now_s() - t) * 1000);
    t = now_s();
    for (std::size_t v = 0; v < villages.size(); ++v) former(v);
    fs.push_back((now_s() - t) * 1000);
  }
  const auto row = [](const char* what, const std::vector<double>& ms, const std::vector<double>& base,
                      const std::vector<double>& old) {
    const auto l = percentiles(ms), b = percentiles(base), f = percentiles(old);
    std::printf("%-46s %8.2f %8.2f %8.2f %8.2f   %8.2f %8.2f %8.2f   %6.2f   %8.2f %8.2f\n", what, l.p50, l.p95, l.p99,
                l.max, b.p50, b.p95, b.p99, b.p50 / l.p50, f.p50, f.p99);
  };
  std::printf("\n%-46s %8s %8s %8s %8s   %8s %8s %8s   %6s   %8s %8s\n", "latency, ms", "p50", "p95", "p99", "max",
              "bare p50", "p95", "p99", "ratio", "former50", "p99");
  row(fmt::format("one village as of {} ({} samples)", last, o.samples).c_str(), pv, bv, fv);
  row(fmt::format("whole street, {} villages ({} samples)", villages.size(), street_samples).c_str(), ps, bs, fs);
  std::printf("ratio = bare SUM p50 / balances p50 (1 = as fast as the bare aggregate over ledger_entry); former = the\n"
              "ledger_entry aggregate balances ran before the monthly totals (migration 0017), via the store layer\n");
  if (!pg)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(o.dir + "/ql-bench-balances.db" + suffix);
  return 0;
} catch (const Error& e) {
  std::fprintf(stderr, "bench_ledger_balances: %s\n", e.message_en().c_str());
  for (const auto& p : e.problems()) std::fprintf(stderr, "  row %d %s: %s\n", p.row, p.column.c_str(), p.message_en.c_str());
  return 1;
}
