#include "store/pg_connection.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <optional>
#include <string_view>
#include <variant>

namespace ql::store {

namespace {

void log_notice(void*, const char* message) {
  std::string_view m(message);
  while (m.ends_with('\n')) m.remove_suffix(1);
  spdlog::debug("postgresql: {}", m);
}

// The text PostgreSQL parses for p (parameters and COPY fields alike), or nullopt for NULL.
// Numbers are formatted into scratch; the view is always of a whole std::string, so its
// data() is NUL-terminated as libpq needs.
// A Blob becomes bytea's hex input form (\x...), which COPY text accepts; query() binds blobs
// in binary format instead (see there).
std::optional<std::string_view> text_of(const Param& p, std::string& scratch) {
  if (std::holds_alternative<std::monostate>(p)) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(&p)) return std::string_view(*s);
  if (const auto* b = std::get_if<Blob>(&p)) {
    static constexpr char kDigits[] = "0123456789abcdef";
    scratch.assign("\\x");
    scratch.reserve(2 + b->bytes.size() * 2);
    for (const unsigned char ch : b->bytes) {
      scratch += kDigits[ch >> 4];
      scratch += kDigits[ch & 15];
    }
    return std::string_view(scratch);
  }
  if (const auto* i = std::get_if<std::int64_t>(&p)) {
    scratch = std::to_string(*i);
  } else {
    scratch = detail::format_double(std::get<double>(p));  // shortest exact form
  }
  return std::string_view(scratch);
}

// COPY text format: backslash escapes for the field and row separators and for the
// backslash itself; \N (unescaped) is NULL, so a literal "\N" value stays distinct.
void append_copy_field(std::string& out, std::string_view s) {
  for (const char ch : s) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += ch;
    }
  }
}

// Rows changed, from the command tag: PQcmdTuples also counts a SELECT's rows, which the
// Result contract (and SQLite) report as 0.
std::int64_t rows_changed(PGresult* r) {
  const std::string_view tag = PQcmdStatus(r);
  for (const std::string_view dml : {"INSERT ", "UPDATE ", "DELETE ", "MERGE "}) {
    if (tag.starts_with(dml)) return std::strtoll(PQcmdTuples(r), nullptr, 10);
  }
  return 0;
}

constexpr Oid kByteaOid = 17;  // pg_type.oid of bytea, fixed in every PostgreSQL

// bytea arrives in its text output form "\x" + hex (bytea_output = hex, the default since 9.0);
// decoded here so callers see the raw bytes, as from SQLite.
std::string decode_bytea(const char* p, std::size_t n) {
  const auto nibble = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  if (n < 2 || p[0] != '\\' || p[1] != 'x' || n % 2 != 0)
    throw detail::database_error("bytea value is not in hex output format (set bytea_output = hex)");
  std::string out;
  out.reserve((n - 2) / 2);
  for (std::size_t i = 2; i < n; i += 2) {
    const int hi = nibble(p[i]), lo = nibble(p[i + 1]);
    if (hi < 0 || lo < 0) throw detail::database_error("bytea value has a bad hex digit");
    out += static_cast<char>((hi << 4) | lo);
  }
  return out;
}

Result to_result(PGresult* r) {
  const int ncols = PQnfields(r);
  const int nrows = PQntuples(r);
  std::vector<std::string> columns;
  columns.reserve(static_cast<std::size_t>(ncols));
  for (int c = 0; c < ncols; ++c) columns.emplace_back(PQfname(r, c));
  std::vector<std::vector<std::optional<std::string>>> rows(static_cast<std::size_t>(nrows));
  for (int i = 0; i < nrows; ++i) {
    auto& row = rows[static_cast<std::size_t>(i)];
    row.reserve(static_cast<std::size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(r, i, c)) {
        row.emplace_back(std::nullopt);
      } else if (PQftype(r, c) == kByteaOid) {
        row.emplace_back(decode_bytea(PQgetvalue(r, i, c), static_cast<std::size_t>(PQgetlength(r, i, c))));
      } else {
        row.emplace_back(
            std::string(PQgetvalue(r, i, c), static_cast<std::size_t>(PQgetlength(r, i, c))));
      }
    }
  }
  Result out(std::move(columns), std::move(rows));
  out.set_affected(rows_changed(r));
  return out;
}

// Bytes buffered before handing COPY data to libpq: large enough to amortise the calls,
// small enough not to matter for memory.
constexpr std::size_t kCopyChunk = 256 * 1024;

}  // namespace

// Streams rows as COPY text. Declared a friend of PgConnection to reach its PGconn.
class PgBulkWriter final : public BulkWriter {
 public:
  PgBulkWriter(PgConnection& c, std::string sql, std::size_t width)
      : c_(c), sql_(std::move(sql)), width_(width) {}

  ~PgBulkWriter() override {
    // Leaving the connection in COPY mode would break every later statement; ending it
    // with an error aborts the caller's transaction instead, which then rolls back.
    if (open_ && PQputCopyEnd(c_.conn_, "bulk writer abandoned") == 1) drain();
  }

  void add_row(const Params& values) override {
    if (!open_) throw detail::database_error("bulk_writer: add_row after finish", sql_);
    detail::check_row_width(values.size(), width_);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) buf_ += '\t';
      if (const auto text = text_of(values[i], scratch_)) {
        append_copy_field(buf_, *text);
      } else {
        buf_ += "\\N";
      }
    }
    buf_ += '\n';
    ++rows_;
    if (buf_.size() >= kCopyChunk) send();
  }

  // Server-side errors (constraint violations, bad values) arrive here, not in add_row.
  std::int64_t finish() override {
    if (!open_) throw detail::database_error("bulk_writer: finish called twice", sql_);
    const bool sent =
        buf_.empty() || PQputCopyData(c_.conn_, buf_.data(), static_cast<int>(buf_.size())) == 1;
    buf_.clear();
    open_ = false;
    if (PQputCopyEnd(c_.conn_, sent ? nullptr : "sending COPY data failed") != 1) {
      throw detail::database_error(PQerrorMessage(c_.conn_), sql_);
    }
    PgConnection::PgResult r(PQgetResult(c_.conn_));
    drain();
    c_.check(std::move(r), sql_);
    return rows_;
  }

 private:
  void send() {
    if (PQputCopyData(c_.conn_, buf_.data(), static_cast<int>(buf_.size())) != 1) {
      throw detail::database_error(PQerrorMessage(c_.conn_), sql_);
    }
    buf_.clear();
  }
  // Reads the results still pending after the COPY ended, down to the terminating null.
  void drain() noexcept {
    while (PGresult* r = PQgetResult(c_.conn_)) PQclear(r);
  }

  PgConnection& c_;
  std::string sql_;
  std::size_t width_;
  std::string buf_, scratch_;
  std::int64_t rows_ = 0;
  bool open_ = true;
};

void PgConnection::ResultDeleter::operator()(pg_result* r) const noexcept { PQclear(r); }

PgConnection::PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    throw detail::database_unavailable(why);
  }
  PQsetNoticeProcessor(conn_, log_notice, nullptr);
  try {
    // Stored times are ISO text written by the application; UTC keeps anything the server
    // formats itself (now(), timestamptz output) consistent with that.
    exec_simple("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
  } catch (const Error& e) {
    PQfinish(conn_);
    throw detail::database_unavailable(e.message_en());
  }
}

PgConnection::~PgConnection() { PQfinish(conn_); }

PgConnection::PgResult PgConnection::check(PgResult r, std::string_view sql) const {
  if (!r) throw detail::database_error(PQerrorMessage(conn_), sql);
  switch (PQresultStatus(r.get())) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY: return r;
    default: break;
  }
  const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
  if (state && std::string_view(state).starts_with("23")) {
    throw detail::constraint_violation(PQresultErrorMessage(r.get()));
  }
  throw detail::database_error(PQresultErrorMessage(r.get()), sql);
}

PgConnection::PgResult PgConnection::exec_simple(std::string_view sql) {
  return check(PgResult(PQexec(conn_, std::string(sql).c_str())), sql);
}

const std::string& PgConnection::prepare(std::string_view sql) {
  if (const auto it = cache_.find(sql); it != cache_.end()) return it->second;
  if (cache_.size() >= detail::kMaxCachedStatements) {
    exec_simple("DEALLOCATE ALL");
    cache_.clear();
  }
  std::string name = "s" + std::to_string(++next_statement_);
  // No parameter types: the server infers each $n's type from where it is used.
  check(PgResult(PQprepare(conn_, name.c_str(), std::string(sql).c_str(), 0, nullptr)), sql);
  return cache_.emplace(std::string(sql), std::move(name)).first->second;
}

Result PgConnection::query(std::string_view sql, const Params& params) {
  const std::string& name = prepare(sql);
  std::vector<std::string> scratch(params.size());
  std::vector<const char*> values(params.size(), nullptr);  // nullptr is NULL
  // Blobs go in binary format (raw bytes, with their length), so they may contain NULs and
  // need no hex doubling; everything else is text, whose lengths libpq ignores.
  std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const auto* b = std::get_if<Blob>(&params[i])) {
      values[i] = b->bytes.data();
      lengths[i] = static_cast<int>(b->bytes.size());
      formats[i] = 1;
      continue;
    }
    const auto text = text_of(params[i], scratch[i]);
    if (!text) continue;
    // libpq reads text parameters up to the first NUL: refuse rather than truncate.
    if (text->find('\0') != std::string_view::npos) {
      throw detail::database_error("parameter $" + std::to_string(i + 1) + " contains a NUL byte",
                                   sql);
    }
    values[i] = text->data();
  }
  const PgResult r =
      check(PgResult(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                    values.data(), lengths.data(), formats.data(), 0)),
            sql);
  return to_result(r.get());
}

void PgConnection::exec_script(std::string_view sql) { exec_simple(sql); }

void PgConnection::begin() {
  if (PQstatus(conn_) != CONNECTION_OK)
    throw detail::database_error("connection to PostgreSQL lost");
  if (in_transaction()) throw detail::database_error("begin(): a transaction is already open");
  exec_simple("BEGIN");
}

void PgConnection::commit() {
  switch (PQtransactionStatus(conn_)) {
    case PQTRANS_INTRANS: exec_simple("COMMIT"); return;
    case PQTRANS_INERROR:
      // COMMIT of a failed transaction quietly rolls back and reports success.
      rollback();
      throw detail::database_error("commit(): the transaction failed earlier and was rolled back");
    default: throw detail::database_error("commit(): no transaction is open");
  }
}

void PgConnection::rollback() {
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE) exec_simple("ROLLBACK");
}

// A lost connection (PQTRANS_UNKNOWN) counts as inside a transaction, so that a Pool tries
// to roll it back, fails, and drops it.
bool PgConnection::in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

std::unique_ptr<BulkWriter> PgConnection::bulk_writer(std::string table,
                                                      std::vector<std::string> columns) {
  std::string sql = "COPY " + detail::bulk_target(*this, table, columns) + " FROM STDIN";
  PgResult r(PQexec(conn_, sql.c_str()));
  if (r && PQresultStatus(r.get()) == PGRES_COPY_IN) {
    return std::make_unique<PgBulkWriter>(*this, std::move(sql), columns.size());
  }
  check(std::move(r), sql);  // throws the server's error
  throw detail::database_error("COPY did not start", sql);
}

}  // namespace ql::store
