// Voucher import of one million lines (issue 4): the CLI's path (ledger::import_vouchers: CSV
// read + money parsing + grouping + every voucher rule + create_vouchers' bulk writes) into a
// fresh SQLite database (WAL, synchronous=FULL, as the server configures it), beside the raw
// SQLite batched insert of the same vouchers and lines (prepared statements, one transaction)
// into the same tables of another fresh database. Prints both rates (lines per wall second and
// per CPU second), their ratio (target >= 0.5) and the peak resident memory of each phase.
// The two sides alternate run by run; the best and the median run of each are reported (on a
// shared machine the best is the one least disturbed by other processes).
// With a PostgreSQL server URL (e.g. from tests/pg/start.sh DIR: DIR/url), the import is also
// timed into a fresh database ql_bench_import on that server (no raw baseline there).
//
// Usage: bench_voucher_import [lines=1000000] [dir=/tmp] [runs=3] [postgresql://SERVER]
//   (make bench-import)
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "ledger/account.hpp"
#include "ledger/voucher_import.hpp"
#include "region/region.hpp"
#include "store/database.hpp"
#include "store/migration.hpp"

using namespace ql;

namespace {

constexpr const char* kVillage = "339902001201";

struct Line {
  std::string date, summary, code;
  int number;
  std::int64_t debit, credit;
};

// A village's books at an impossible volume: 12 months of vouchers, two or three lines each,
// income, transfers and payments (flagged by the import option), amounts up to 100,000 yuan.
std::vector<Line> generate(std::size_t lines) {
  std::mt19937_64 rng(4);
  std::vector<Line> out;
  out.reserve(lines);
  const std::size_t per_month = lines / 12 + 1;
  int month = 1, number = 0;
  std::size_t in_month = 0;
  while (out.size() < lines) {
    if (in_month >= per_month) month++, number = 0, in_month = 0;
    ++number;
    const std::string date = fmt::format("2025-{:02d}-{:02d}", month, 1 + number % 28);
    const std::int64_t a = static_cast<std::int64_t>(rng() % 10'000'000) + 1, b = a / 3 + 1;
    const auto add = [&](const char* summary, const char* code, std::int64_t d, std::int64_t c) {
      out.push_back({date, summary, code, number, d, c});
      ++in_month;
    };
    switch (number % 4) {
      case 0: add("收到土地承包费", "102", a, 0), add("收到土地承包费", "511.01", 0, a); break;
      case 1: add("购买办公用品", "541.02", a, 0), add("购买办公用品", "101", 0, a); break;
      case 2: add("发放干部报酬", "541.01", a, 0), add("发放误工补贴", "541.03", b, 0), add("发放干部报酬", "102", 0, a + b); break;
      default: add("收到上级补助", "102", a, 0), add("收到上级补助", "522", 0, a); break;
    }
  }
  // A voucher cut at the end would not balance: drop its lines.
  while (!out.empty() && out.size() > lines) out.pop_back();
  const auto last = out.back().number;
  const auto last_date = out.back().date;
  std::int64_t net = 0;
  for (auto it = out.rbegin(); it != out.rend() && it->number == last && it->date == last_date; ++it)
    net += it->debit - it->credit;
  if (net != 0)
    while (!out.empty() && out.back().number == last && out.back().date == last_date) out.pop_back();
  return out;
}

std::string yuan(std::int64_t fen) {
  if (fen == 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(fen / 100), static_cast<long long>(fen % 100));
  return buf;
}

std::string to_csv(const std::vector<Line>& lines) {
  std::string out = "日期,凭证号,摘要,科目编码,借方金额,贷方金额,结算方式\n";
  out.reserve(lines.size() * 70);
  for (const auto& l : lines) {
    out += l.date;
    out += ',';
    out += std::to_string(l.number);
    out += ',';
    out += l.summary;
    out += ',';
    out += l.code;
    out += ',';
    out += yuan(l.debit);
    out += ',';
    out += yuan(l.credit);
    out += ",转账\n";
  }
  return out;
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
long peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

// The same server with another database: replaces the URI's path, keeping any ?options.
std::string with_database(const std::string& url, const std::string& database) {
  const std::size_t host = url.find("://") + 3;
  const std::size_t options = std::min(url.find('?', host), url.size());
  const std::size_t path = std::min(url.find('/', host), options);
  return url.substr(0, path) + "/" + database + url.substr(options);
}

// A fresh database with the demo street's regions and the village's chart: a SQLite file at
// `path`, or with a PostgreSQL server URL the database ql_bench_import on it, re-created.
std::unique_ptr<store::Connection> fresh_db(const std::string& path, const std::string& pg_server = "") {
  std::unique_ptr<store::Connection> c;
  if (pg_server.empty()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    c = store::connect("sqlite:" + path);
  } else {
    auto admin = store::connect(pg_server);
    admin->exec_script("DROP DATABASE IF EXISTS ql_bench_import WITH (FORCE)");
    admin->exec_script("CREATE DATABASE ql_bench_import");
    c = store::connect(with_database(pg_server, "ql_bench_import"));
  }
  store::migrate(*c);
  store::Transaction tx(*c);
  region::insert(*c, "339900000000", "清河市", region::Level::city, std::nullopt);
  region::insert(*c, "339902000000", "明湖区", region::Level::district, "339900000000");
  region::insert(*c, "339902001000", "青莲街道", region::Level::street, "339902000000");
  region::insert(*c, kVillage, "桃源村", region::Level::community, "339902001000");
  ledger::ensure_chart(*c, kVillage);
  tx.commit();
  return c;
}

struct Rate {
  double wall, cpu;
};

Rate run_import(const std::string& dir, const std::string& csv, std::size_t lines, const std::string& pg = "") {
  auto c = fresh_db(dir + "/ql-bench-import.db", pg);
  ledger::VoucherImportOptions o;
  o.unapproved_reason = "历史账补录";
  const double w0 = wall_seconds(), c0 = cpu_seconds();
  auto out = ledger::import_vouchers(*c, auth::system_principal("bench"), kVillage, csv, o);
  const double w = wall_seconds() - w0, cpu = cpu_seconds() - c0;
  if (out["lines"].get<std::size_t>() != lines) {
    std::fprintf(stderr, "imported %zu lines, expected %zu\n", out["lines"].get<std::size_t>(), lines);
    std::exit(1);
  }
  return {w, cpu};
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

// The same vouchers and lines, already parsed, inserted with prepared statements in one
// transaction: a voucher row, then its lines with the new id. No validation, no file.
Rate run_raw(const std::string& dir, const std::vector<Line>& lines) {
  const std::string path = dir + "/ql-bench-raw.db";
  std::map<std::string, std::int64_t> account_ids;
  {
    auto c = fresh_db(path);
    for (const auto& [code, a] : ledger::chart_by_code(*c, kVillage)) account_ids[code] = a.id;
  }
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", nullptr, nullptr,
                     nullptr),
        db, "pragma");
  sqlite3_stmt *v = nullptr, *e = nullptr;
  check(sqlite3_prepare_v2(db,
                           "INSERT INTO ledger_voucher (region_code, period, number, voucher_date, summary, settlement, "
                           "counterparty, attachment_count, total_fen, is_payment, approval_ref, unapproved_reason, "
                           "status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'bank_transfer', '', 0, ?, "
                           "?, NULL, ?, 'posted', NULL, ?, ?)",
                           -1, &v, nullptr),
        db, "prepare voucher");
  check(sqlite3_prepare_v2(db,
                           "INSERT INTO ledger_entry (voucher_id, line_no, region_code, entry_date, account_id, "
                           "account_code, summary, debit_fen, credit_fen, counterparty, posted) VALUES (?, ?, ?, ?, ?, ?, "
                           "?, ?, ?, '', 1)",
                           -1, &e, nullptr),
        db, "prepare entry");
  const std::string at = now_iso();
  const double w0 = wall_seconds(), c0 = cpu_seconds();
  check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t j = i;
    std::int64_t total = 0;
    bool payment = false;
    while (j < lines.size() && lines[j].number == lines[i].number && lines[j].date == lines[i].date) {
      total += lines[j].debit;
      payment = payment || (lines[j].credit && (lines[j].code == "101" || lines[j].code == "102"));
      ++j;
    }
    const auto& f = lines[i];
    const std::string period = f.date.substr(0, 7);
    sqlite3_bind_text(v, 1, kVillage, -1, SQLITE_STATIC);
    sqlite3_bind_text(v, 2, period.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(v, 3, f.number);
    sqlite3_bind_text(v, 4, f.date.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(v, 5, f.summary.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(v, 6, total);
    sqlite3_bind_int(v, 7, payment ? 1 : 0);
    if (payment) sqlite3_bind_text(v, 8, "历史账补录", -1, SQLITE_STATIC);
    else sqlite3_bind_null(v, 8);
    sqlite3_bind_text(v, 9, at.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(v, 10, at.c_str(), -1, SQLITE_STATIC);
    check(sqlite3_step(v), db, "insert voucher");
    sqlite3_reset(v);
    const auto id = sqlite3_last_insert_rowid(db);
    for (std::size_t k = i; k < j; ++k) {
      const auto& l = lines[k];
      sqlite3_bind_int64(e, 1, id);
      sqlite3_bind_int(e, 2, static_cast<int>(k - i + 1));
      sqlite3_bind_text(e, 3, kVillage, -1, SQLITE_STATIC);
      sqlite3_bind_text(e, 4, l.date.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(e, 5, account_ids.at(l.code));
      sqlite3_bind_text(e, 6, l.code.c_str(), -1, SQLITE_STATIC);
      if (k == i || l.summary != f.summary) sqlite3_bind_text(e, 7, l.summary.c_str(), -1, SQLITE_STATIC);
      else sqlite3_bind_text(e, 7, f.summary.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(e, 8, l.debit);
      sqlite3_bind_int64(e, 9, l.credit);
      check(sqlite3_step(e), db, "insert entry");
      sqlite3_reset(e);
    }
    i = j;
  }
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  const Rate r{wall_seconds() - w0, cpu_seconds() - c0};
  sqlite3_finalize(v);
  sqlite3_finalize(e);
  sqlite3_close(db);
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
double best(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const int runs = argc > 3 ? std::stoi(argv[3]) : 3;
  const std::string pg = argc > 4 ? argv[4] : "";
  try {
    const auto lines = generate(n);
    const auto csv = to_csv(lines);
    std::printf("voucher import: %zu lines, CSV %.1f MB, SQLite WAL synchronous=FULL, %d runs each, alternating\n",
                lines.size(), static_cast<double>(csv.size()) / 1e6, runs);
    std::vector<double> iw, ic, rw, rc;
    long import_rss = 0;
    for (int i = 0; i < runs; ++i) {
      const auto before = peak_rss_mb();
      const auto imp = run_import(dir, csv, lines.size());
      import_rss = std::max(import_rss, peak_rss_mb() - before);
      const auto raw = run_raw(dir, lines);
      iw.push_back(static_cast<double>(lines.size()) / imp.wall);
      ic.push_back(static_cast<double>(lines.size()) / imp.cpu);
      rw.push_back(static_cast<double>(lines.size()) / raw.wall);
      rc.push_back(static_cast<double>(lines.size()) / raw.cpu);
      std::printf("  run %d: import %.2f s wall (%.2f s CPU), raw insert %.2f s wall (%.2f s CPU)\n", i + 1, imp.wall,
                  imp.cpu, raw.wall, raw.cpu);
    }
    std::printf("%-44s %12s %12s %12s %12s\n", "", "best wall/s", "best CPU/s", "median wall", "median CPU");
    std::printf("%-44s %12.0f %12.0f %12.0f %12.0f\n", "import (read + validate + create_vouchers)", best(iw), best(ic),
                median(iw), median(ic));
    std::printf("%-44s %12.0f %12.0f %12.0f %12.0f\n", "raw SQLite prepared inserts, one transaction", best(rw), best(rc),
                median(rw), median(rc));
    std::printf("ratio import/raw (lines/s): best %.2f wall, %.2f CPU; median %.2f wall, %.2f CPU (target >= 0.5)\n",
                best(iw) / best(rw), best(ic) / best(rc), median(iw) / median(rw), median(ic) / median(rc));
    std::printf("peak RSS: %ld MB process (generator + CSV included); growth during the first import %ld MB\n",
                peak_rss_mb(), import_rss);
    if (!pg.empty()) {
      std::vector<double> pw, pc;
      for (int i = 0; i < runs; ++i) {
        const auto imp = run_import(dir, csv, lines.size(), pg);
        pw.push_back(static_cast<double>(lines.size()) / imp.wall);
        pc.push_back(static_cast<double>(lines.size()) / imp.cpu);
        std::printf("  PostgreSQL run %d: import %.2f s wall (%.2f s CPU in this process)\n", i + 1, imp.wall, imp.cpu);
      }
      std::printf("PostgreSQL import: best %.0f lines/s wall (%.0f per CPU second of this process), median %.0f wall\n",
                  best(pw), best(pc), median(pw));
      store::connect(pg)->exec_script("DROP DATABASE IF EXISTS ql_bench_import WITH (FORCE)");
    }
    for (const char* f : {"/ql-bench-import.db", "/ql-bench-raw.db"})
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(dir + f + suffix);
  } catch (const Error& e) {
    std::fprintf(stderr, "bench_voucher_import: %s\n", e.message_en().c_str());
    for (const auto& p : e.problems())
      std::fprintf(stderr, "  row %d %s: %s\n", p.row, p.column.c_str(), p.message_en.c_str());
    return 1;
  }
  return 0;
}
