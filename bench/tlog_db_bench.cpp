// bench_tlog_db_bench: the publication log in the database (src/disclosure/publication_log.*)
// at 10 million entries. Measures, in one run:
//   - durable appends per second with disclosure::append_entries, one transaction (one durable
//     commit) per batch, for batch sizes 1, 100, 1000 and 10000;
//   - inclusion proofs per second against the database (disclosure::inclusion_proof) at random
//     indexes;
// and as baselines in the same run:
//   - raw SHA-256 leaf hashes per second (OpenSSL EVP with a pre-fetched SHA-256, 0x00 ‖ entry)
//     of entries of the same size;
//   - raw batched inserts of the same rows (entries, as many hash rows as the log stores, one
//     checkpoint row) with one durable commit per batch and no hashing or signing: the sqlite3
//     C API with positional binds on SQLite; the store layer's INSERT / COPY on PostgreSQL.
// Durability is the product's: store::connect's SQLite settings (WAL, synchronous=FULL), and
// on PostgreSQL whatever the server runs (use one with fsync=on and synchronous_commit=on,
// e.g. tests/pg/start.sh --durable; the program prints the server's settings).
//
// The 10M-entry log is prefilled once, quickly (hashes computed in memory, rows bulk-loaded
// with synchronous=OFF), and reused by later runs: the cached database is keyed by a format
// version, the entry count and the entry size (table bench_meta), and truncated back to the
// prefilled size before measuring. Its root is re-checked against the stored tree each run.
//
// Usage: bench_tlog_db_bench [--db URL] [--leaves N] [--entry-bytes B] [--seconds S]
//   --db           sqlite:PATH or postgresql://... [sqlite:/tmp/ql-tlog-bench-<fmt>-<N>-<B>.db]
//   --leaves       entries to prefill [10000000]
//   --entry-bytes  bytes per entry (canonical-JSON-like text) [256]
//   --seconds      minimum duration of each timed measurement [3]
//   --batches      comma-separated batch sizes [1,100,1000,10000]
#include <openssl/evp.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "disclosure/publication_log.hpp"
#include "disclosure/tlog_hash.hpp"
#include "disclosure/tlog_note.hpp"
#include "disclosure/tlog_tree.hpp"
#include "store/database.hpp"
#include "store/migration.hpp"

namespace {

using namespace ql;
using Clock = std::chrono::steady_clock;

// Bump when the prefilled rows change, so an old cache is rebuilt rather than reused.
constexpr const char* kFormat = "tlog-bench-v1";
constexpr const char* kOrigin = "bench.qinglian.example/log";

struct Options {
  std::string db;
  std::uint64_t leaves = 10'000'000;
  std::size_t entry_bytes = 256;
  double seconds = 3;
  std::vector<std::size_t> batches{1, 100, 1000, 10000};
};

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "bench_tlog_db_bench: %s\n", why.c_str());
  std::exit(1);
}

std::string loadavg() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A canonical-JSON-like entry of exactly `bytes` bytes, distinct per sequence number.
std::string make_entry(std::uint64_t seq, std::size_t bytes) {
  std::string head = "{\"body\":\"";
  std::string tail = "\",\"disclosure_id\":1,\"kind\":\"publish\",\"seq\":" + std::to_string(seq) + ",\"v\":1}";
  std::string e = head;
  const std::size_t fill = bytes > head.size() + tail.size() ? bytes - head.size() - tail.size() : 0;
  for (std::size_t i = 0; i < fill; ++i) e += static_cast<char>('a' + (seq + i) % 26);
  return e + tail;
}

// Result of one timed loop.
struct Rate {
  std::uint64_t ops = 0;
  double wall = 0, cpu = 0;
  double per_sec() const { return static_cast<double>(ops) / wall; }
  double cpu_us() const { return cpu * 1e6 / static_cast<double>(ops); }
};

// Runs step() (which does `step_ops` operations) until at least `seconds` have passed.
Rate timed(double seconds, std::uint64_t step_ops, const std::function<void()>& step) {
  Rate r;
  const auto t0 = Clock::now();
  const double c0 = cpu_seconds();
  do {
    step();
    r.ops += step_ops;
  } while (since(t0) < seconds);
  r.wall = since(t0);
  r.cpu = cpu_seconds() - c0;
  return r;
}

// --- raw SQLite (prefill and baseline) ------------------------------------------------------

struct RawSqlite {
  sqlite3* db = nullptr;
  explicit RawSqlite(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) die("cannot open " + path);
    exec("PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
  }
  ~RawSqlite() { sqlite3_close(db); }
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string why = err ? err : "?";
      sqlite3_free(err);
      die("sqlite: " + why + " in " + sql);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) die("sqlite prepare: " + sql);
    return s;
  }
  void step(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) die(std::string("sqlite step: ") + sqlite3_errmsg(db));
    sqlite3_reset(s);
  }
};

// --- the cached 10M-entry log --------------------------------------------------------------

bool cache_matches(store::Connection& c, const Options& o) {
  try {
    auto rs = c.query("SELECT format, leaves, entry_bytes FROM bench_meta");
    return rs.size() == 1 && rs[0].get<std::string>(0) == kFormat &&
           static_cast<std::uint64_t>(rs[0].get<std::int64_t>(1)) == o.leaves &&
           static_cast<std::size_t>(rs[0].get<std::int64_t>(2)) == o.entry_bytes;
  } catch (const std::exception&) {
    return false;  // no bench_meta: not a (complete) cache
  }
}

void create_fixture_rows(store::Connection& c) {
  c.query("INSERT INTO region (code, parent_code, name, level, path, created_at, updated_at) "
          "VALUES ('bench', NULL, 'bench', 'street', '/bench/', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  c.query("INSERT INTO disclosure (id, region_code, category, stage, title, body, status, created_at, updated_at) "
          "VALUES (1, 'bench', 'affairs', 'after', 'bench', 'bench', 'published', '2026-01-01T00:00:00Z', "
          "'2026-01-01T00:00:00Z')");
}

// Streams the stored hashes of leaves [0, n) in stored-hash-index order: the right edge of
// the tree is all the state appending needs (see tlog_tree.hpp).
class Prefiller {
 public:
  // Calls sink(stored_index, hash) for each stored hash of the next leaf.
  template <typename Sink>
  void append(const tlog::Hash& leaf, Sink&& sink) {
    const unsigned completes = static_cast<unsigned>(std::countr_one(size_));
    if (right_.size() < completes + 1) right_.resize(completes + 1);
    tlog::Hash h = leaf;
    sink(next_++, h);
    for (unsigned level = 0; level < completes; ++level) {
      const tlog::Hash left = right_[level];
      right_[level] = h;
      h = tlog::node_hash(left, h);
      sink(next_++, h);
    }
    right_[completes] = h;
    ++size_;
  }

 private:
  std::vector<tlog::Hash> right_;  // per level: the newest complete subtree's hash
  std::uint64_t size_ = 0, next_ = 0;
};

void prefill_sqlite(const std::string& final_path, const Options& o, const disclosure::LogIdentity& log) {
  // Built under another name and renamed when complete, so an interrupted prefill never
  // looks like a cache.
  const std::string path = final_path + ".building";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  {
    auto c = store::connect("sqlite:" + path);
    store::migrate(*c);
    create_fixture_rows(*c);
  }
  auto raw_owner = std::make_unique<RawSqlite>(path);
  RawSqlite& raw = *raw_owner;
  raw.exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
  sqlite3_stmt* ins_e = raw.prepare(
      "INSERT INTO tlog_entry (idx, kind, disclosure_id, entry, created_at) VALUES (?, 'publish', 1, ?, ?)");
  sqlite3_stmt* ins_h = raw.prepare("INSERT INTO tlog_hash (idx, hash) VALUES (?, ?)");
  const std::string at = "2026-01-01T00:00:00Z";
  Prefiller tree;
  tlog::Hash root{};
  const auto t0 = Clock::now();
  raw.exec("BEGIN");
  for (std::uint64_t i = 0; i < o.leaves; ++i) {
    const std::string e = make_entry(i, o.entry_bytes);
    sqlite3_bind_int64(ins_e, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_text(ins_e, 2, e.data(), static_cast<int>(e.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins_e, 3, at.data(), static_cast<int>(at.size()), SQLITE_STATIC);
    raw.step(ins_e);
    tree.append(tlog::leaf_hash(e), [&](std::uint64_t idx, const tlog::Hash& h) {
      const std::string b = tlog::hash_base64(h);
      sqlite3_bind_int64(ins_h, 1, static_cast<sqlite3_int64>(idx));
      sqlite3_bind_text(ins_h, 2, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
      raw.step(ins_h);
    });
    if ((i + 1) % 500'000 == 0) {
      raw.exec("COMMIT; BEGIN");
      std::fprintf(stderr, "prefill: %llu entries, %.0f s\n", static_cast<unsigned long long>(i + 1), since(t0));
    }
  }
  raw.exec("COMMIT");
  sqlite3_finalize(ins_e);
  sqlite3_finalize(ins_h);
  raw_owner.reset();  // closed before the rename, so it leaves no -wal/-shm behind
  // The checkpoint and bench_meta go through the product's connection (durable settings).
  auto c = store::connect("sqlite:" + path);
  root = tlog::tree_hash(o.leaves, disclosure::DbHashReader(*c));
  store::with_transaction(*c, [&](store::Connection& tx) {
    tx.query("INSERT INTO tlog_checkpoint (size, root, note, created_at) VALUES ($1, $2, $3, $4)",
             {static_cast<std::int64_t>(o.leaves), tlog::hash_base64(root),
              tlog::sign_checkpoint({log.origin, o.leaves, root, {}}, log.signer), at});
    tx.exec_script("CREATE TABLE bench_meta (format TEXT NOT NULL, leaves BIGINT NOT NULL, "
                   "entry_bytes BIGINT NOT NULL, root TEXT NOT NULL)");
    tx.query("INSERT INTO bench_meta VALUES ($1, $2, $3, $4)",
             {std::string(kFormat), static_cast<std::int64_t>(o.leaves), static_cast<std::int64_t>(o.entry_bytes),
              tlog::hash_base64(root)});
  });
  c->query("PRAGMA wal_checkpoint(TRUNCATE)");
  c.reset();  // the last connection closes cleanly: no -wal file is left behind
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(final_path + suffix);
  std::filesystem::rename(path, final_path);
  std::fprintf(stderr, "prefill: done in %.0f s\n", since(t0));
}

void prefill_pg(store::Connection& c, const Options& o, const disclosure::LogIdentity& log) {
  store::migrate(c);
  create_fixture_rows(c);
  const std::string at = "2026-01-01T00:00:00Z";
  Prefiller tree;
  const auto t0 = Clock::now();
  const std::uint64_t chunk = 500'000;
  for (std::uint64_t start = 0; start < o.leaves; start += chunk) {
    store::Transaction tx(c);
    auto we = c.bulk_writer("tlog_entry", {"idx", "kind", "disclosure_id", "entry", "created_at"});
    std::vector<std::pair<std::uint64_t, tlog::Hash>> hashes;
    for (std::uint64_t i = start; i < std::min(o.leaves, start + chunk); ++i) {
      std::string e = make_entry(i, o.entry_bytes);
      tree.append(tlog::leaf_hash(e), [&](std::uint64_t idx, const tlog::Hash& h) { hashes.emplace_back(idx, h); });
      we->add_row({static_cast<std::int64_t>(i), std::string("publish"), std::int64_t{1}, std::move(e), at});
    }
    we->finish();
    auto wh = c.bulk_writer("tlog_hash", {"idx", "hash"});
    for (const auto& [idx, h] : hashes) wh->add_row({static_cast<std::int64_t>(idx), tlog::hash_base64(h)});
    wh->finish();
    tx.commit();
    std::fprintf(stderr, "prefill: %llu entries, %.0f s\n",
                 static_cast<unsigned long long>(std::min(o.leaves, start + chunk)), since(t0));
  }
  const auto root = tlog::tree_hash(o.leaves, disclosure::DbHashReader(c));
  store::with_transaction(c, [&](store::Connection& tx) {
    tx.query("INSERT INTO tlog_checkpoint (size, root, note, created_at) VALUES ($1, $2, $3, $4)",
             {static_cast<std::int64_t>(o.leaves), tlog::hash_base64(root),
              tlog::sign_checkpoint({log.origin, o.leaves, root, {}}, log.signer), at});
    tx.exec_script("CREATE TABLE bench_meta (format TEXT NOT NULL, leaves BIGINT NOT NULL, "
                   "entry_bytes BIGINT NOT NULL, root TEXT NOT NULL)");
    tx.query("INSERT INTO bench_meta VALUES ($1, $2, $3, $4)",
             {std::string(kFormat), static_cast<std::int64_t>(o.leaves), static_cast<std::int64_t>(o.entry_bytes),
              tlog::hash_base64(root)});
  });
  c.exec_script("ANALYZE");
  std::fprintf(stderr, "prefill: done in %.0f s\n", since(t0));
}

// Drops what earlier runs appended, so every run measures at the prefilled size, and checks
// the stored tree still has the prefilled root.
void truncate_to_prefill(store::Connection& c, const Options& o) {
  store::with_transaction(c, [&](store::Connection& tx) {
    tx.query("DELETE FROM tlog_checkpoint WHERE size > $1", {static_cast<std::int64_t>(o.leaves)});
    tx.query("DELETE FROM tlog_hash WHERE idx >= $1", {static_cast<std::int64_t>(tlog::stored_hash_count(o.leaves))});
    tx.query("DELETE FROM tlog_entry WHERE idx >= $1", {static_cast<std::int64_t>(o.leaves)});
  });
  const auto want = c.scalar("SELECT root FROM bench_meta").value_or("");
  if (disclosure::log_size(c) != o.leaves) die("cached log has the wrong size");
  if (tlog::hash_base64(tlog::tree_hash(o.leaves, disclosure::DbHashReader(c))) != want)
    die("cached log's root does not match bench_meta: delete the cache");
}

// --- baselines -----------------------------------------------------------------------------

Rate sha256_leaf_rate(const std::vector<std::string>& entries, double seconds) {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!md || !ctx) die("OpenSSL SHA256 unavailable");
  unsigned char out[32] = {};
  const unsigned char zero = 0;
  std::size_t i = 0;
  const auto r = timed(seconds, 10000, [&] {
    for (int k = 0; k < 10000; ++k, ++i) {
      const std::string& e = entries[i % entries.size()];
      EVP_DigestInit_ex(ctx, md, nullptr);
      EVP_DigestUpdate(ctx, &zero, 1);
      EVP_DigestUpdate(ctx, e.data(), e.size());
      EVP_DigestFinal_ex(ctx, out, nullptr);
    }
  });
  if (out[0] == 0 && out[1] == 0 && out[2] == 0 && out[3] == 0) std::fprintf(stderr, " ");  // keep the work
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
  return r;
}

Rate library_leaf_rate(const std::vector<std::string>& entries, double seconds) {
  std::size_t i = 0;
  unsigned sink = 0;
  const auto r = timed(seconds, 10000, [&] {
    for (int k = 0; k < 10000; ++k, ++i) sink += tlog::leaf_hash(entries[i % entries.size()])[0];
  });
  if (sink == 1) std::fprintf(stderr, " ");
  return r;
}

constexpr const char* kRawTables =
    "CREATE TABLE IF NOT EXISTS bench_raw_entry (idx BIGINT PRIMARY KEY, kind TEXT NOT NULL, "
    "disclosure_id BIGINT NOT NULL, entry TEXT NOT NULL, created_at TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS bench_raw_hash (idx BIGINT PRIMARY KEY, hash TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS bench_raw_checkpoint (size BIGINT PRIMARY KEY, root TEXT NOT NULL, "
    "note TEXT NOT NULL, created_at TEXT NOT NULL);"
    "DELETE FROM bench_raw_entry; DELETE FROM bench_raw_hash; DELETE FROM bench_raw_checkpoint;";

// The hash rows a batch [first, first + n) stores, as the log would.
std::uint64_t hash_rows(std::uint64_t first, std::uint64_t n) {
  return tlog::stored_hash_count(first + n) - tlog::stored_hash_count(first);
}

const std::string kFakeHash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
const std::string kFakeNote = std::string(160, 'n');

// Raw SQLite: the same rows with positional binds and one durable commit per batch.
Rate raw_sqlite_rate(const std::string& path, const std::vector<std::string>& entries, std::size_t batch,
                     std::uint64_t& next, double seconds) {
  RawSqlite raw(path);
  sqlite3_stmt* ie = raw.prepare("INSERT INTO bench_raw_entry VALUES (?, 'publish', 1, ?, ?)");
  sqlite3_stmt* ih = raw.prepare("INSERT INTO bench_raw_hash VALUES (?, ?)");
  sqlite3_stmt* ic = raw.prepare("INSERT INTO bench_raw_checkpoint VALUES (?, ?, ?, ?)");
  const std::string at = "2026-01-01T00:00:00Z";
  std::uint64_t hnext = tlog::stored_hash_count(next);
  const auto r = timed(seconds, batch, [&] {
    raw.exec("BEGIN IMMEDIATE");
    for (std::size_t k = 0; k < batch; ++k, ++next) {
      const std::string& e = entries[next % entries.size()];
      sqlite3_bind_int64(ie, 1, static_cast<sqlite3_int64>(next));
      sqlite3_bind_text(ie, 2, e.data(), static_cast<int>(e.size()), SQLITE_STATIC);
      sqlite3_bind_text(ie, 3, at.data(), static_cast<int>(at.size()), SQLITE_STATIC);
      raw.step(ie);
      for (std::uint64_t h = hash_rows(next, 1); h > 0; --h) {
        sqlite3_bind_int64(ih, 1, static_cast<sqlite3_int64>(hnext++));
        sqlite3_bind_text(ih, 2, kFakeHash.data(), static_cast<int>(kFakeHash.size()), SQLITE_STATIC);
        raw.step(ih);
      }
    }
    sqlite3_bind_int64(ic, 1, static_cast<sqlite3_int64>(next));
    sqlite3_bind_text(ic, 2, kFakeHash.data(), static_cast<int>(kFakeHash.size()), SQLITE_STATIC);
    sqlite3_bind_text(ic, 3, kFakeNote.data(), static_cast<int>(kFakeNote.size()), SQLITE_STATIC);
    sqlite3_bind_text(ic, 4, at.data(), static_cast<int>(at.size()), SQLITE_STATIC);
    raw.step(ic);
    raw.exec("COMMIT");
  });
  sqlite3_finalize(ie);
  sqlite3_finalize(ih);
  sqlite3_finalize(ic);
  return r;
}

// PostgreSQL: the same rows through the store layer (INSERT for one row, COPY otherwise), one
// commit per batch, no hashing or signing.
Rate raw_pg_rate(store::Connection& c, const std::vector<std::string>& entries, std::size_t batch,
                 std::uint64_t& next, double seconds) {
  const std::string at = "2026-01-01T00:00:00Z";
  std::uint64_t hnext = tlog::stored_hash_count(next);
  return timed(seconds, batch, [&] {
    store::Transaction tx(c);
    if (batch == 1) {
      for (std::uint64_t h = hash_rows(next, 1); h > 0; --h)
        c.query("INSERT INTO bench_raw_hash VALUES ($1, $2)", {static_cast<std::int64_t>(hnext++), kFakeHash});
      c.query("INSERT INTO bench_raw_entry VALUES ($1, 'publish', 1, $2, $3)",
              {static_cast<std::int64_t>(next), entries[next % entries.size()], at});
      ++next;
    } else {
      {
        auto w = c.bulk_writer("bench_raw_hash", {"idx", "hash"});
        for (std::uint64_t h = hash_rows(next, batch); h > 0; --h)
          w->add_row({static_cast<std::int64_t>(hnext++), kFakeHash});
        w->finish();
      }
      auto w = c.bulk_writer("bench_raw_entry", {"idx", "kind", "disclosure_id", "entry", "created_at"});
      for (std::size_t k = 0; k < batch; ++k, ++next)
        w->add_row({static_cast<std::int64_t>(next), std::string("publish"), std::int64_t{1},
                    entries[next % entries.size()], at});
      w->finish();
    }
    c.query("INSERT INTO bench_raw_checkpoint VALUES ($1, $2, $3, $4)",
            {static_cast<std::int64_t>(next), kFakeHash, kFakeNote, at});
    tx.commit();
  });
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--db") o.db = value();
    else if (a == "--leaves") o.leaves = std::stoull(value());
    else if (a == "--entry-bytes") o.entry_bytes = std::stoull(value());
    else if (a == "--seconds") o.seconds = std::stod(value());
    else if (a == "--batches") {
      o.batches.clear();
      std::stringstream ss(value());
      for (std::string item; std::getline(ss, item, ',');) o.batches.push_back(std::stoull(item));
    } else die("unknown argument " + a + " (see the comment at the top of bench/tlog_db_bench.cpp)");
  }
  if (o.leaves == 0 || o.entry_bytes < 64 || o.entry_bytes > 65535 || o.seconds <= 0 || o.batches.empty())
    die("bad --leaves / --entry-bytes / --seconds / --batches");
  if (o.db.empty())
    o.db = "sqlite:/tmp/ql-tlog-bench-" + std::string(kFormat) + "-" + std::to_string(o.leaves) + "-" +
           std::to_string(o.entry_bytes) + ".db";
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  const bool sqlite = o.db.rfind("sqlite:", 0) == 0;
  const std::string path = sqlite ? o.db.substr(7) : "";
  const auto log = disclosure::LogIdentity{kOrigin, tlog::Signer::generate(kOrigin)};

  std::printf("== publication log benchmark (%s)\n", kFormat);
  std::printf("database: %s; %llu prefilled entries of %zu bytes; >= %.1f s per measurement\n",
              sqlite ? o.db.c_str() : "postgresql", static_cast<unsigned long long>(o.leaves), o.entry_bytes,
              o.seconds);
  std::printf("load average at start: %s\n", loadavg().c_str());

  if (sqlite && std::filesystem::exists(path)) {
    // Never overwrite something that is not our cache (e.g. a real database given by mistake).
    auto probe = store::connect(o.db);
    if (!cache_matches(*probe, o) && probe->scalar("SELECT name FROM sqlite_master WHERE name = 'bench_meta'"))
      std::printf("prefill: the cache in %s has another format or size: rebuilding it\n", path.c_str());
    else if (!cache_matches(*probe, o) && probe->scalar("SELECT name FROM sqlite_master WHERE type = 'table'"))
      die(path + " is not a benchmark cache: remove it or give another --db");
  }
  auto c = store::connect(o.db);
  if (!cache_matches(*c, o)) {
    if (!sqlite && c->scalar("SELECT to_regclass('public.region')::text"))
      die("the PostgreSQL database is neither empty nor this benchmark's cache (same --leaves and "
          "--entry-bytes): give an empty database");
    std::fprintf(stderr, "prefill: no usable cache in %s, building it\n", o.db.c_str());
    if (sqlite) {
      c.reset();
      prefill_sqlite(path, o, log);
      c = store::connect(o.db);
    } else {
      prefill_pg(*c, o, log);
    }
  } else {
    std::printf("prefill: reusing the cached log\n");
  }
  store::migrate(*c);
  truncate_to_prefill(*c, o);
  c->exec_script(kRawTables);
  if (sqlite) {
    c->query("PRAGMA wal_checkpoint(TRUNCATE)");
    std::printf("durability: SQLite journal_mode=%s synchronous=%s (2 = FULL)\n",
                c->scalar("PRAGMA journal_mode").value_or("?").c_str(),
                c->scalar("PRAGMA synchronous").value_or("?").c_str());
  } else {
    std::printf("durability: PostgreSQL fsync=%s synchronous_commit=%s full_page_writes=%s wal_sync_method=%s\n",
                c->scalar("SHOW fsync").value_or("?").c_str(), c->scalar("SHOW synchronous_commit").value_or("?").c_str(),
                c->scalar("SHOW full_page_writes").value_or("?").c_str(),
                c->scalar("SHOW wal_sync_method").value_or("?").c_str());
  }

  std::vector<std::string> entries;
  for (std::uint64_t i = 0; i < 4096; ++i) entries.push_back(make_entry(o.leaves + i, o.entry_bytes));

  // Baseline 1: SHA-256.
  const Rate sha = sha256_leaf_rate(entries, o.seconds);
  const Rate lib = library_leaf_rate(entries, o.seconds);
  std::printf("\nload average: %s\n", loadavg().c_str());
  std::printf("| baseline | per second | CPU µs/op |\n|---|---:|---:|\n");
  std::printf("| raw SHA-256 leaf hash, %zu B (OpenSSL EVP, pre-fetched) | %.0f | %.3f |\n", o.entry_bytes,
              sha.per_sec(), sha.cpu_us());
  std::printf("| tlog::leaf_hash, %zu B (the log's own path) | %.0f | %.3f |\n", o.entry_bytes, lib.per_sec(),
              lib.cpu_us());

  // Appends and raw inserts, adjacent per batch size, alternating which goes first.
  std::printf("\n| batch | appends/s | CPU µs/append | raw insert of the same rows, entries/s (%s) | CPU µs/entry | appends ÷ raw insert | "
              "appends ÷ raw SHA-256 | load average |\n|---:|---:|---:|---:|---:|---:|---:|---|\n",
              sqlite ? "sqlite3 API" : "store INSERT/COPY");
  std::uint64_t raw_next = 0;
  std::uint64_t seq = o.leaves;
  std::vector<std::string> batch_text;
  std::vector<disclosure::LogEntry> batch;
  for (std::size_t bi = 0; bi < o.batches.size(); ++bi) {
    const std::size_t b = o.batches[bi];
    Rate app, raw;
    auto run_append = [&] {
      app = timed(o.seconds, b, [&] {
        batch_text.clear();
        batch.clear();
        for (std::size_t k = 0; k < b; ++k) batch_text.push_back(make_entry(seq++, o.entry_bytes));
        for (const auto& e : batch_text) batch.push_back({"publish", 1, e});
        store::Transaction tx(*c);
        disclosure::append_entries(*c, log, batch);
        tx.commit();
      });
    };
    auto run_raw = [&] {
      raw = sqlite ? raw_sqlite_rate(path, entries, b, raw_next, o.seconds)
                   : raw_pg_rate(*c, entries, b, raw_next, o.seconds);
    };
    if (bi % 2 == 0) { run_append(); run_raw(); } else { run_raw(); run_append(); }
    std::printf("| %zu | %.0f | %.1f | %.0f | %.1f | %.3f | %.4f | %s |\n", b, app.per_sec(), app.cpu_us(),
                raw.per_sec(), raw.cpu_us(), app.per_sec() / raw.per_sec(), app.per_sec() / sha.per_sec(),
                loadavg().c_str());
    std::fflush(stdout);
  }

  // The stored tree after all appends still has the signed root (read through the generic
  // reader, not the append's right-edge reader).
  const auto size = disclosure::log_size(*c);
  auto cp = tlog::open_checkpoint(disclosure::latest_checkpoint(*c, log), tlog::Verifier::from_vkey(log.signer.vkey()),
                                  kOrigin);
  if (cp.size != size || cp.root != tlog::tree_hash(size, disclosure::DbHashReader(*c)))
    die("the latest checkpoint does not match the stored tree");

  // Inclusion proofs at random indexes against the database, checked against the root.
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::uint64_t> pick(0, o.leaves - 1);
  std::uint64_t verified = 0;
  const Rate proofs = timed(o.seconds, 100, [&] {
    for (int k = 0; k < 100; ++k) {
      const auto idx = pick(rng);
      const auto proof = disclosure::inclusion_proof(*c, idx, size);
      if (k == 0) {  // spot-check one per step, outside the DB path's cost
        const auto e = disclosure::entry_at(*c, idx);
        if (!e || !tlog::verify_inclusion(tlog::leaf_hash(*e), idx, size, proof, cp.root))
          die("an inclusion proof did not verify");
        ++verified;
      }
    }
  });
  std::printf("\n| operation at %llu entries | per second | CPU µs/op | ÷ raw SHA-256 | load average |\n"
              "|---|---:|---:|---:|---|\n",
              static_cast<unsigned long long>(size));
  std::printf("| inclusion proof from the database (random index) | %.0f | %.1f | %.4f | %s |\n", proofs.per_sec(),
              proofs.cpu_us(), proofs.per_sec() / sha.per_sec(), loadavg().c_str());
  std::printf("(%llu proofs verified against the signed root; the latest checkpoint matches the stored tree)\n",
              static_cast<unsigned long long>(verified));
  if (!sqlite) std::printf("(CPU is this process only: the PostgreSQL server's CPU is not counted)\n");
  return 0;
} catch (const ql::Error& e) {
  die(std::string("error: ") + e.what());
} catch (const std::exception& e) {
  die(std::string("error: ") + e.what());
}
