// Backend-independent parts of the storage layer: parameters, rows, results, transactions,
// URL dispatch, and the helpers the two drivers share (driver_util.hpp).
#include <atomic>
#include "store/database.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <system_error>

#include "core/error.hpp"
#include "store/driver_util.hpp"
#include "store/pg_connection.hpp"
#include "store/sqlite_connection.hpp"

namespace ql::store {

// ---- driver helpers -------------------------------------------------------------------

namespace detail {

namespace {

// prefix + message without the newline libpq ends its messages with: one log line each.
std::string one_line(std::string_view prefix, std::string_view message) {
  while (message.ends_with('\n') || message.ends_with(' ')) message.remove_suffix(1);
  std::string out(prefix);
  out += message;
  return out;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
  });
}

}  // namespace

Error database_error(std::string_view driver_message, std::string_view sql) {
  std::string en = one_line("database error: ", driver_message);
  if (!sql.empty()) {
    constexpr std::size_t kMaxSql = 200;
    en += " [SQL: ";
    en += sql.substr(0, kMaxSql);
    if (sql.size() > kMaxSql) en += "...";
    en += "]";
  }
  return Error(ErrorKind::internal, "database_error", "数据库错误", std::move(en));
}

Error constraint_violation(std::string_view driver_message) {
  spdlog::debug("constraint violation: {}", driver_message);
  return Error(ErrorKind::conflict, "constraint_violation", "数据与已有记录冲突或不满足约束",
               "The data conflicts with existing records or violates a constraint");
}

Error database_unavailable(std::string_view why) {
  return Error(ErrorKind::unavailable, "database_unavailable", "数据库暂时无法访问",
               one_line("database unavailable: ", why));
}

std::string format_double(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);  // 64 bytes always suffice for the shortest form
}

std::string bulk_target(const Connection& c, const std::string& table,
                        const std::vector<std::string>& columns) {
  if (!c.in_transaction()) throw database_error("bulk_writer must be used inside a transaction");
  if (columns.empty()) throw database_error("bulk_writer needs at least one column");
  const auto require_identifier = [](const std::string& name) {
    if (!is_identifier(name)) throw database_error("bulk_writer: not a plain identifier: " + name);
  };
  require_identifier(table);
  std::string out = table + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    require_identifier(columns[i]);
    if (i > 0) out += ", ";
    out += columns[i];
  }
  return out + ")";
}

void check_row_width(std::size_t got, std::size_t expected) {
  if (got != expected) {
    throw database_error("bulk_writer: row has " + std::to_string(got) + " values for " +
                         std::to_string(expected) + " columns");
  }
}

}  // namespace detail

// ---- parameters ------------------------------------------------------------------------

Param to_param(std::nullptr_t) { return Param{}; }
Param to_param(bool v) { return Param{std::int64_t{v ? 1 : 0}}; }
Param to_param(int v) { return Param{std::int64_t{v}}; }
Param to_param(std::int64_t v) { return Param{v}; }
Param to_param(double v) { return Param{v}; }
Param to_param(std::string v) { return Param{std::move(v)}; }
Param to_param(std::string_view v) { return Param{std::string(v)}; }
Param to_param(const char* v) { return v ? Param{std::string(v)} : Param{}; }
Param to_param(Blob v) { return Param{std::move(v)}; }

std::string prefix_upper_bound(std::string_view prefix) {
  // U+10FFFF is the greatest code point, and UTF-8 byte order equals code point order, so
  // every string starting with `prefix` sorts below this (unless U+10FFFF itself follows the
  // prefix: a noncharacter that never occurs in real text). It stays valid UTF-8, which
  // PostgreSQL requires of a text parameter.
  return std::string(prefix) + "\xF4\x8F\xBF\xBF";
}

// ---- rows and results ------------------------------------------------------------------

namespace {

[[noreturn]] void bad_value(const std::vector<std::string>& columns, std::size_t i,
                            const std::optional<std::string>& v, std::string_view type) {
  std::string what = "column '" + (i < columns.size() ? columns[i] : std::to_string(i)) + "': ";
  what += v ? "cannot convert '" + v->substr(0, 40) + "' to " + std::string(type)
            : "NULL where " + std::string(type) + " was expected";
  throw detail::database_error(what);
}

template <typename Number>
bool parse_number(const std::string& s, Number& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

}  // namespace

std::size_t Row::index(std::string_view column) const {
  const auto it = std::find(columns_->begin(), columns_->end(), column);
  if (it == columns_->end())
    throw detail::database_error("no column '" + std::string(column) + "' in result");
  return static_cast<std::size_t>(it - columns_->begin());
}

template <>
std::string Row::get<std::string>(std::size_t i) const {
  const auto& v = values_.at(i);
  if (!v) bad_value(*columns_, i, v, "string");
  return *v;
}

template <>
std::int64_t Row::get<std::int64_t>(std::size_t i) const {
  const auto& v = values_.at(i);
  std::int64_t out = 0;
  if (!v || !parse_number(*v, out)) bad_value(*columns_, i, v, "int64");
  return out;
}

template <>
int Row::get<int>(std::size_t i) const {
  const std::int64_t v = get<std::int64_t>(i);
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    bad_value(*columns_, i, values_[i], "int");
  }
  return static_cast<int>(v);
}

template <>
double Row::get<double>(std::size_t i) const {
  const auto& v = values_.at(i);
  double out = 0;
  // from_chars also reads PostgreSQL's "Infinity"/"NaN" (case-insensitive).
  if (!v || !parse_number(*v, out)) bad_value(*columns_, i, v, "double");
  return out;
}

template <>
bool Row::get<bool>(std::size_t i) const {
  const auto& v = values_.at(i);
  // SQLite stores flags as 0/1; PostgreSQL prints boolean expressions as t/f.
  if (v) {
    if (*v == "1" || *v == "t" || *v == "true") return true;
    if (*v == "0" || *v == "f" || *v == "false") return false;
  }
  bad_value(*columns_, i, v, "bool");
}

Result::Result(std::vector<std::string> columns,
               std::vector<std::vector<std::optional<std::string>>> rows)
    : columns_(std::make_unique<std::vector<std::string>>(std::move(columns))) {
  rows_.reserve(rows.size());
  for (auto& r : rows) rows_.emplace_back(columns_.get(), std::move(r));
}

// The column names live on the heap, so rows keep pointing at them when a Result moves.
Result::Result(Result&&) noexcept = default;
Result& Result::operator=(Result&&) noexcept = default;

// ---- connections and transactions ------------------------------------------------------

std::optional<std::string> Connection::scalar(std::string_view sql, const Params& params) {
  const Result r = query(sql, params);
  if (r.empty()) return std::nullopt;
  return r.front().opt<std::string>(0);
}

std::unique_ptr<Connection> connect(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    const std::string path = url.substr(kSqlite.size());
    if (path.empty()) {
      throw bad_request("invalid_db_url", "数据库地址缺少文件路径",
                        "Database URL has no file path");
    }
    return std::make_unique<SqliteConnection>(path);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return std::make_unique<PgConnection>(url);
  }
  throw bad_request("invalid_db_url", "数据库地址应以 sqlite: 或 postgresql:// 开头",
                    "Database URL must start with sqlite: or postgresql://");
}

Transaction::Transaction(Connection& c) : c_(c) {
  if (!c_.in_transaction()) {
    c_.begin();
    return;
  }
  // Inside an outer transaction this is a savepoint, so a unit of work (one service call)
  // can be composed into a larger one (e.g. all of the demo data) and still undo itself alone.
  savepoint_ = "ql_sp_" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
  c_.exec_script("SAVEPOINT " + savepoint_);
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    if (savepoint_.empty()) {
      c_.rollback();
    } else {
      c_.exec_script("ROLLBACK TO SAVEPOINT " + savepoint_ + "; RELEASE SAVEPOINT " + savepoint_);
    }
  } catch (const std::exception& e) {
    // Cannot throw from a destructor (we may be unwinding already); a Pool drops a
    // connection that is still inside a transaction when it comes back.
    spdlog::warn("rollback failed: {}", e.what());
  } catch (...) {
    spdlog::warn("rollback failed");
  }
}

namespace {
std::atomic<std::uint64_t> g_commits{0};
}  // namespace

std::uint64_t commit_generation() { return g_commits.load(std::memory_order_acquire); }

void Transaction::commit() {
  if (savepoint_.empty()) {
    c_.commit();
    // After the commit: a reader that sees the new generation also sees the new rows.
    g_commits.fetch_add(1, std::memory_order_acq_rel);
  } else {
    c_.exec_script("RELEASE SAVEPOINT " + savepoint_);
  }
  done_ = true;
}

}  // namespace ql::store
