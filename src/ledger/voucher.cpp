#include "ledger/voucher.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "disclosure/attachment.hpp"
#include "ledger/account.hpp"
#include "ledger/month_total.hpp"
#include "ledger/period.hpp"
#include "power/approval_ref.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kVoucherColumns =
    "v.id, v.region_code, g.name AS region_name, v.period, v.number, v.voucher_date, v.summary, v.settlement, "
    "v.counterparty, v.attachment_count, v.total_fen, v.is_payment, v.approval_ref, v.unapproved_reason, v.status, "
    "v.reverses_id, v.reversed_by_id, v.void_reason, v.created_by, v.created_at, v.updated_at, "
    "(SELECT COUNT(*) FROM ledger_scan s WHERE s.voucher_id = v.id) AS scan_count";
constexpr const char* kVoucherFrom = "ledger_voucher v JOIN region g ON g.code = v.region_code";

nlohmann::json opt_json(const store::Row& r, const char* column, bool integer = false) {
  if (r.is_null(column)) return nullptr;
  return integer ? nlohmann::json(r.get<std::int64_t>(column)) : nlohmann::json(r.get<std::string>(column));
}

nlohmann::json voucher_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"period", r.get<std::string>("period")},
          {"number", r.get<int>("number")},
          {"date", r.get<std::string>("voucher_date")},
          {"summary", r.get<std::string>("summary")},
          {"settlement", r.get<std::string>("settlement")},
          {"counterparty", r.get<std::string>("counterparty")},
          {"attachment_count", r.get<int>("attachment_count")},
          {"total_fen", r.get<std::int64_t>("total_fen")},
          {"is_payment", r.get<bool>("is_payment")},
          {"approval_ref", opt_json(r, "approval_ref")},
          {"unapproved", !r.is_null("unapproved_reason")},
          {"unapproved_reason", opt_json(r, "unapproved_reason")},
          {"status", r.get<std::string>("status")},
          {"reverses_id", opt_json(r, "reverses_id", true)},
          {"reversed_by_id", opt_json(r, "reversed_by_id", true)},
          {"void_reason", opt_json(r, "void_reason")},
          {"scan_count", r.get<std::int64_t>("scan_count")},
          {"created_by", opt_json(r, "created_by", true)},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

nlohmann::json load_voucher_json(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kVoucherColumns + " FROM " + kVoucherFrom + " WHERE v.id = $1", {id});
  auto out = voucher_json(rs.front());
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& r : c.query("SELECT e.line_no, e.account_id, e.account_code, a.name AS account_name, e.summary, "
                               "e.debit_fen, e.credit_fen, e.counterparty FROM ledger_entry e JOIN ledger_account a ON "
                               "a.id = e.account_id WHERE e.voucher_id = $1 ORDER BY e.line_no",
                               {id}))
    lines.push_back({{"line_no", r.get<int>("line_no")},
                     {"account_id", r.get<std::int64_t>("account_id")},
                     {"account_code", r.get<std::string>("account_code")},
                     {"account_name", r.get<std::string>("account_name")},
                     {"summary", r.get<std::string>("summary")},
                     {"debit_fen", r.get<std::int64_t>("debit_fen")},
                     {"credit_fen", r.get<std::int64_t>("credit_fen")},
                     {"counterparty", r.get<std::string>("counterparty")}});
  out["lines"] = std::move(lines);
  nlohmann::json scans = nlohmann::json::array();
  for (const auto& r : c.query("SELECT id, voucher_id, filename, content_type, size_bytes, sha256, created_at FROM "
                               "ledger_scan WHERE voucher_id = $1 ORDER BY id",
                               {id}))
    scans.push_back({{"id", r.get<std::int64_t>("id")},
                     {"voucher_id", r.get<std::int64_t>("voucher_id")},
                     {"filename", r.get<std::string>("filename")},
                     {"content_type", r.get<std::string>("content_type")},
                     {"size_bytes", r.get<std::int64_t>("size_bytes")},
                     {"sha256", r.get<std::string>("sha256")},
                     {"created_at", r.get<std::string>("created_at")}});
  out["scans"] = std::move(scans);
  return out;
}

// The voucher row, checked to lie in the actor's scope (a scoped caller gets 403 for a missing
// voucher too, so ids reveal nothing about other villages).
nlohmann::json load_checked(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kVoucherColumns + " FROM " + kVoucherFrom + " WHERE v.id = $1", {id});
  if (rs.empty()) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("记账凭证", "Voucher");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, rs.front().get<std::string>("region_code"));
  return voucher_json(rs.front());
}

nlohmann::json audit_view(nlohmann::json v) {
  v.erase("created_at");
  v.erase("updated_at");
  v.erase("region_name");
  v.erase("scans");
  if (v.contains("lines"))
    for (auto& l : v["lines"]) {
      l.erase("account_id");
      l.erase("account_name");
    }
  return v;
}

// Throws the first problem as the API's 400 naming its field.
void throw_first(const std::vector<Problem>& problems) {
  if (!problems.empty())
    throw invalid_field(problems.front().field, problems.front().message_zh(), problems.front().message_en());
}

std::function<const Account*(const std::string&)> lookup_in(const std::map<std::string, Account>& chart) {
  return [&chart](const std::string& code) -> const Account* {
    auto it = chart.find(code);
    return it == chart.end() ? nullptr : &it->second;
  };
}

// What a payment voucher pays out: its credits to cash and bank accounts.
std::int64_t paid_out(const VoucherInput& v, const std::map<std::string, Account>& chart) {
  std::int64_t out = 0;
  for (const auto& l : v.lines)
    if (auto it = chart.find(l.account_code); it != chart.end() && (it->second.is_cash || it->second.is_bank))
      out += l.credit_fen;
  return out;
}

// A payment's approval_ref must be a completed power case of the village covering the sum of
// the payments citing it (power/approval_ref.hpp); `extra_fen` is paid by earlier vouchers of
// the same import. Payments flagged as unapproved exceptions carry no ref and are not checked.
// What the posted vouchers citing approval_ref (other than except_id) have paid out.
std::int64_t paid_citing(store::Connection& tx, const std::string& region_code, const std::string& approval_ref,
                         std::int64_t except_id) {
  return std::stoll(tx.scalar(
      "SELECT COALESCE(SUM(e.credit_fen), 0) FROM ledger_voucher x JOIN ledger_entry e ON e.voucher_id = x.id "
      "JOIN ledger_account a ON a.id = e.account_id WHERE x.region_code = $1 AND x.approval_ref = $2 AND x.status = "
      "'posted' AND x.reversed_by_id IS NULL AND x.id <> $3 AND (a.is_cash = 1 OR a.is_bank = 1)",
      {region_code, approval_ref, except_id}).value_or("0"));
}

void check_approval(store::Connection& tx, const VoucherInput& v, const std::map<std::string, Account>& chart,
                    std::int64_t except_id) {
  if (!v.approval_ref || !is_payment(v, lookup_in(chart))) return;
  power::check_approval_ref(tx, v.region_code, *v.approval_ref, paid_out(v, chart),
                            paid_citing(tx, v.region_code, *v.approval_ref, except_id));
}

int next_number(store::Connection& tx, const std::string& region_code, const std::string& period) {
  auto max = tx.scalar("SELECT MAX(number) FROM ledger_voucher WHERE region_code = $1 AND period = $2",
                       {region_code, period});
  return max ? std::stoi(*max) + 1 : 1;
}

void require_free_number(store::Connection& tx, const std::string& region_code, const std::string& period, int number,
                         std::int64_t except_id = 0) {
  if (tx.scalar("SELECT COUNT(*) FROM ledger_voucher WHERE region_code = $1 AND period = $2 AND number = $3 AND id <> $4",
                {region_code, period, std::int64_t{number}, except_id}) != "0")
    throw Error(ErrorKind::conflict, "duplicate_number",
                "凭证号 " + std::to_string(number) + " 在 " + period + " 已被使用",
                "Voucher number " + std::to_string(number) + " is already used in " + period, "number");
}

std::int64_t total_of(const VoucherInput& v) {
  std::int64_t t = 0;
  for (const auto& l : v.lines) t += l.debit_fen;
  return t;
}

void insert_lines(store::Connection& tx, std::int64_t voucher_id, const VoucherInput& v,
                  const std::map<std::string, Account>& chart) {
  int n = 0;
  MonthTotals totals(v.region_code);
  for (const auto& l : v.lines) {
    const auto& a = chart.at(l.account_code);
    totals.add(v.date, a.id, l.debit_fen, l.credit_fen);
    tx.query("INSERT INTO ledger_entry (voucher_id, line_no, region_code, entry_date, account_id, account_code, "
             "summary, debit_fen, credit_fen, counterparty, posted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)",
             {voucher_id, std::int64_t{++n}, v.region_code, v.date, a.id, a.code, l.summary.empty() ? v.summary : l.summary,
              l.debit_fen, l.credit_fen, l.counterparty});
  }
  totals.write(tx);
}

std::int64_t insert_voucher(store::Connection& tx, const auth::Principal& actor, const VoucherInput& v,
                            const std::string& period, int number, bool payment,
                            std::optional<std::int64_t> reverses_id) {
  const auto at = now_iso();
  return tx
      .query("INSERT INTO ledger_voucher (region_code, period, number, voucher_date, summary, settlement, counterparty, "
             "attachment_count, total_fen, is_payment, approval_ref, unapproved_reason, status, reverses_id, "
             "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'posted', "
             "$13, $14, $15, $15) RETURNING id",
             {v.region_code, period, std::int64_t{number}, v.date, v.summary, v.settlement, v.counterparty,
              std::int64_t{v.attachment_count}, total_of(v), store::to_param(payment), store::to_param(v.approval_ref),
              store::to_param(v.unapproved_reason), store::to_param(reverses_id),
              actor.user_id ? store::Param(actor.user_id) : store::Param(), at})
      .front()
      .get<std::int64_t>(0);
}

void require_posted_open(store::Connection& tx, const nlohmann::json& v) {
  if (v["status"] == "void")
    throw conflict("voucher_void", "该凭证已作废", "The voucher is void");
  require_open(tx, v["region_code"], v["period"]);
}

}  // namespace

nlohmann::json create_voucher(store::Connection& c, const auth::Principal& actor, const VoucherInput& v) {
  actor.require(kWritePermission);
  require_village(c, actor, v.region_code, "region_code");
  return store::with_transaction(c, [&](store::Connection& tx) {
    ensure_chart(tx, v.region_code);
    const auto chart = chart_by_code(tx, v.region_code);
    throw_first(check_voucher(v, lookup_in(chart)));
    check_approval(tx, v, chart, 0);
    const auto period = period_of(*parse_date(v.date));
    require_open(tx, v.region_code, period);
    int number = v.number ? *v.number : next_number(tx, v.region_code, period);
    if (v.number) require_free_number(tx, v.region_code, period, number);
    auto id = insert_voucher(tx, actor, v, period, number, is_payment(v, lookup_in(chart)), std::nullopt);
    insert_lines(tx, id, v, chart);
    auto out = load_voucher_json(tx, id);
    audit::record(tx, actor, "create", "ledger_voucher", std::to_string(id), v.region_code, {{"after", audit_view(out)}});
    return out;
  });
}

nlohmann::json get_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kReadPermission);
  load_checked(c, actor, id);
  return load_voucher_json(c, id);
}

nlohmann::json list_vouchers(store::Connection& c, const auth::Principal& actor, const VoucherFilter& f,
                             const PageRequest& page) {
  actor.require(kReadPermission);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "v.region_code", "v.created_by", params);
  const auto add = [&](const std::string& cond, store::Param p) {
    params.push_back(std::move(p));
    where += " AND " + cond + std::to_string(params.size());
  };
  if (f.period) {
    if (!is_period(*f.period)) throw invalid_field("period", "须为月份 YYYY-MM", "must be a month YYYY-MM");
    add("v.period = $", *f.period);
  }
  if (f.from) add("v.voucher_date >= $", to_date_string(require_date("from", *f.from)));
  if (f.to) add("v.voucher_date <= $", to_date_string(require_date("to", *f.to)));
  if (f.status) {
    if (*f.status != "posted" && *f.status != "void")
      throw invalid_field("status", "须为 posted 或 void", "must be posted or void");
    add("v.status = $", *f.status);
  }
  if (f.is_payment) add("v.is_payment = $", store::to_param(*f.is_payment));
  if (f.unapproved) where += *f.unapproved ? " AND v.unapproved_reason IS NOT NULL" : " AND v.unapproved_reason IS NULL";
  if (f.account_code) {
    params.push_back(*f.account_code);
    params.push_back(*f.account_code + ".");
    params.push_back(store::prefix_upper_bound(*f.account_code + "."));
    const auto n = params.size();
    where += " AND EXISTS (SELECT 1 FROM ledger_entry e WHERE e.voucher_id = v.id AND (e.account_code = $" +
             std::to_string(n - 2) + " OR (e.account_code >= $" + std::to_string(n - 1) + " AND e.account_code < $" +
             std::to_string(n) + ")))";
  }
  if (f.q) where += " AND " + store::contains_condition({"v.summary", "v.counterparty"}, *f.q, params);
  PageRequest p = page;
  if (p.sort == "date") p.sort = "v.voucher_date";
  else if (p.sort == "number") p.sort = "v.number";
  else if (p.sort == "total_fen") p.sort = "v.total_fen";
  else p.sort = "v.created_at";
  auto rows = store::query_page(c, std::string(kVoucherColumns), kVoucherFrom, where, std::move(params), p,
                                "v.period, v.number, v.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(voucher_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json update_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id, VoucherInput v) {
  actor.require(kWritePermission);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto old = load_checked(tx, actor, id);
    v.region_code = old["region_code"];
    require_posted_open(tx, old);
    if (!old["reversed_by_id"].is_null())
      throw conflict("voucher_reversed", "该凭证已被冲销,不能修改", "The voucher has been reversed and cannot change");
    if (!old["reverses_id"].is_null())
      throw conflict("voucher_is_reversal", "冲销凭证不能修改(可作废)", "A reversing voucher cannot be edited (void it instead)");
    const auto before = load_voucher_json(tx, id);
    const auto chart = chart_by_code(tx, v.region_code);
    throw_first(check_voucher(v, lookup_in(chart)));
    check_approval(tx, v, chart, id);
    const auto period = period_of(*parse_date(v.date));
    require_open(tx, v.region_code, period);
    int number = old["number"];
    if (v.number) number = *v.number;
    else if (period != old["period"]) number = next_number(tx, v.region_code, period);
    if (v.number || period != old["period"]) require_free_number(tx, v.region_code, period, number, id);
    unpost_voucher_totals(tx, id);
    tx.query("DELETE FROM ledger_entry WHERE voucher_id = $1", {id});
    tx.query("UPDATE ledger_voucher SET period = $2, number = $3, voucher_date = $4, summary = $5, settlement = $6, "
             "counterparty = $7, attachment_count = $8, total_fen = $9, is_payment = $10, approval_ref = $11, "
             "unapproved_reason = $12, updated_at = $13 WHERE id = $1",
             {id, period, std::int64_t{number}, v.date, v.summary, v.settlement, v.counterparty,
              std::int64_t{v.attachment_count}, total_of(v), store::to_param(is_payment(v, lookup_in(chart))),
              store::to_param(v.approval_ref), store::to_param(v.unapproved_reason), now_iso()});
    insert_lines(tx, id, v, chart);
    auto after = load_voucher_json(tx, id);
    audit::record(tx, actor, "update", "ledger_voucher", std::to_string(id), v.region_code,
                  audit::diff(audit_view(before), audit_view(after)));
    return after;
  });
}

nlohmann::json void_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                            const std::string& reason) {
  actor.require(kWritePermission);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto old = load_checked(tx, actor, id);
    require_posted_open(tx, old);
    if (!old["reversed_by_id"].is_null())
      throw conflict("voucher_reversed", "该凭证已被冲销,不能作废", "The voucher has been reversed and cannot be voided");
    const auto at = now_iso();
    tx.query("UPDATE ledger_voucher SET status = 'void', void_reason = $2, updated_at = $3 WHERE id = $1",
             {id, reason, at});
    unpost_voucher_totals(tx, id);
    tx.query("UPDATE ledger_entry SET posted = 0 WHERE voucher_id = $1", {id});
    // Voiding a reversal makes its original reversible again.
    if (!old["reverses_id"].is_null())
      tx.query("UPDATE ledger_voucher SET reversed_by_id = NULL, updated_at = $2 WHERE id = $1",
               {old["reverses_id"].get<std::int64_t>(), at});
    audit::record(tx, actor, "void", "ledger_voucher", std::to_string(id), old["region_code"].get<std::string>(),
                  {{"status", {{"from", "posted"}, {"to", "void"}}}, {"reason", reason}});
    return load_voucher_json(tx, id);
  });
}

nlohmann::json reverse_voucher(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const ReverseInput& in) {
  actor.require(kWritePermission);
  require_date("date", in.date);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto old = load_checked(tx, actor, id);
    if (old["status"] == "void") throw conflict("voucher_void", "该凭证已作废", "The voucher is void");
    if (!old["reversed_by_id"].is_null())
      throw conflict("already_reversed", "该凭证已被冲销", "The voucher has already been reversed");
    if (!old["reverses_id"].is_null())
      throw conflict("voucher_is_reversal", "冲销凭证不能再被冲销(可作废)", "A reversing voucher cannot be reversed (void it)");
    const auto original = load_voucher_json(tx, id);
    VoucherInput v;
    v.region_code = old["region_code"];
    v.date = in.date;
    v.number = in.number;
    const std::string cites =
        "冲销 " + old["period"].get<std::string>() + " 第" + std::to_string(old["number"].get<int>()) + "号凭证";
    const std::string long_summary = cites + " " + old["summary"].get<std::string>();
    v.summary = in.summary.value_or(text::char_count(long_summary) <= 200 ? long_summary : cites);
    v.settlement = old["settlement"];
    v.counterparty = old["counterparty"];
    for (const auto& l : original["lines"])
      v.lines.push_back({l["account_code"].get<std::string>(), l["summary"].get<std::string>(),
                         l["credit_fen"].get<std::int64_t>(), l["debit_fen"].get<std::int64_t>(),
                         l["counterparty"].get<std::string>(), 0});
    const auto chart = chart_by_code(tx, v.region_code);
    // The original's accounts may have been deactivated since; a reversal must still go through.
    std::map<std::string, Account> usable = chart;
    for (auto& [code, a] : usable) a.active = true;
    throw_first(check_voucher(v, lookup_in(usable), true));
    const auto period = period_of(*parse_date(v.date));
    require_open(tx, v.region_code, period);
    int number = v.number ? *v.number : next_number(tx, v.region_code, period);
    if (v.number) require_free_number(tx, v.region_code, period, number);
    auto new_id = insert_voucher(tx, actor, v, period, number, false, id);
    insert_lines(tx, new_id, v, chart);
    tx.query("UPDATE ledger_voucher SET reversed_by_id = $2, updated_at = $3 WHERE id = $1", {id, new_id, now_iso()});
    auto out = load_voucher_json(tx, new_id);
    audit::record(tx, actor, "reverse", "ledger_voucher", std::to_string(id), v.region_code,
                  {{"after", audit_view(out)}});
    return out;
  });
}

namespace {

// Import file headers for the API fields a voucher problem names ("lines[2].debit_fen").
std::string column_of(const std::string& field) {
  static const std::map<std::string, std::string> kColumn = {
      {"date", "日期"}, {"number", "凭证号"}, {"summary", "摘要"}, {"account_code", "科目编码"},
      {"debit_fen", "借方金额"}, {"credit_fen", "贷方金额"}, {"counterparty", "往来单位"},
      {"settlement", "结算方式"}, {"attachment_count", "附件数"}, {"lines", "借方金额"},
      {"approval_ref", "审批编号"}, {"unapproved_exception", "例外原因"}};
  auto name = field.substr(field.find('.') == std::string::npos ? 0 : field.find('.') + 1);
  auto it = kColumn.find(name);
  return it == kColumn.end() ? name : it->second;
}

}  // namespace

VoucherBulk::VoucherBulk(store::Connection& tx, const auth::Principal& actor, std::string region_code,
                         std::size_t batch)
    : tx_(tx),
      actor_(actor),
      region_code_(std::move(region_code)),
      batch_(std::max<std::size_t>(batch, 1)),
      chart_(chart_by_code(tx, region_code_)),
      lookup_(lookup_in(chart_)),
      closed_(closed_periods(tx, region_code_)),
      totals_(region_code_),
      at_(now_iso()) {}

VoucherBulk::MonthNumbers& VoucherBulk::numbers_of(const std::string& period) {
  auto [it, fresh] = numbers_.try_emplace(period);
  if (fresh) {
    // Loaded before any voucher of this month is written (a voucher is written only after it
    // was checked), so these are the numbers the books had before the import.
    auto& m = it->second;
    m.used.assign(kMaxVoucherNumber + 1, false);
    for (const auto& r : tx_.query("SELECT number FROM ledger_voucher WHERE region_code = $1 AND period = $2",
                                   {region_code_, period})) {
      const int n = r.get<int>(0);
      if (n >= 1 && n <= kMaxVoucherNumber) m.used[static_cast<std::size_t>(n)] = true;
      m.max = std::max(m.max, n);
    }
  }
  return it->second;
}

void VoucherBulk::check(const VoucherInput& v, std::vector<RowProblem>& problems) {
  if (v.region_code != region_code_)
    problems.push_back({v.row, "region_code", "凭证不属于本村账套", "The voucher belongs to another village"});
  for (const auto& p : check_voucher(v, lookup_)) {
    // A line read from a file is named by its own row, where a second number (its place in the
    // voucher) would mislead; a line without a row is named within the voucher's row.
    const int line_row = p.line >= 0 ? v.lines[static_cast<std::size_t>(p.line)].row : 0;
    if (line_row > 0) problems.push_back({line_row, column_of(p.field), p.zh, p.en});
    else problems.push_back({v.row, column_of(p.field), p.message_zh(), p.message_en()});
  }
  if (v.approval_ref && v.region_code == region_code_ && is_payment(v, lookup_)) {
    // The case's payments: those in the books before the import (read once, before any voucher
    // citing it is written) plus the earlier vouchers of this import.
    auto [paid, fresh] = ref_paid_.try_emplace(*v.approval_ref, 0);
    if (fresh) paid->second = paid_citing(tx_, region_code_, *v.approval_ref, 0);
    try {
      const auto out = paid_out(v, chart_);
      power::check_approval_ref(tx_, region_code_, *v.approval_ref, out, paid->second);
      paid->second += out;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::bad_request) throw;
      problems.push_back({v.row, column_of("approval_ref"), e.message_zh(), e.message_en()});
    }
  }
  // Closed months and duplicate numbers are checked even when the voucher has other problems,
  // so the file is reported in full at once.
  if (auto d = parse_date(v.date)) {
    const auto period = period_of(*d);
    if (closed_.count(period))
      problems.push_back({v.row, "日期", "会计期间 " + period + " 已结账", "Period " + period + " is closed"});
    if (v.number && *v.number >= 1 && *v.number <= kMaxVoucherNumber) {
      auto& m = numbers_of(period);
      const auto at = static_cast<std::size_t>(*v.number);
      if (m.used[at])
        problems.push_back({v.row, "凭证号", "凭证号 " + std::to_string(*v.number) + " 在 " + period + " 重复",
                            "Duplicate voucher number " + std::to_string(*v.number) + " in " + period});
      m.used[at] = true;
      m.max = std::max(m.max, *v.number);
    }
  }
}

void VoucherBulk::assign_number(VoucherInput& v) {
  if (v.number) return;
  auto& m = numbers_of(period_of(*parse_date(v.date)));
  v.number = m.max + 1;
  if (*v.number <= kMaxVoucherNumber) m.used[static_cast<std::size_t>(*v.number)] = true;
  m.max = *v.number;
}

void VoucherBulk::add(VoucherInput v) {
  queue_.push_back(std::move(v));
  if (queue_.size() >= batch_) flush();
}

void VoucherBulk::flush() {
  if (queue_.empty()) return;
  const store::Param created_by = actor_.user_id ? store::Param(actor_.user_id) : store::Param();
  std::vector<std::string> periods(queue_.size());
  // Per month of the batch: its lowest and highest number, to read the new ids back by the
  // (region_code, period, number) key.
  std::map<std::string, std::pair<int, int>> ranges;
  {
    auto w = tx_.bulk_writer("ledger_voucher",
                             {"region_code", "period", "number", "voucher_date", "summary", "settlement", "counterparty",
                              "attachment_count", "total_fen", "is_payment", "approval_ref", "unapproved_reason",
                              "status", "created_by", "created_at", "updated_at"});
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      const auto& v = queue_[i];
      periods[i] = period_of(*parse_date(v.date));
      first_period_ = std::min(first_period_, periods[i]);
      last_period_ = std::max(last_period_, periods[i]);
      auto [r, fresh] = ranges.try_emplace(periods[i], *v.number, *v.number);
      if (!fresh) r->second = {std::min(r->second.first, *v.number), std::max(r->second.second, *v.number)};
      w->add_row({region_code_, periods[i], std::int64_t{*v.number}, v.date, v.summary, v.settlement, v.counterparty,
                  std::int64_t{v.attachment_count}, total_of(v), store::to_param(is_payment(v, lookup_)),
                  store::to_param(v.approval_ref), store::to_param(v.unapproved_reason), std::string("posted"),
                  created_by, at_, at_});
    }
    w->finish();
  }
  std::map<std::pair<std::string, int>, std::int64_t> ids;
  for (const auto& [period, range] : ranges)
    for (const auto& r : tx_.query("SELECT id, number FROM ledger_voucher WHERE region_code = $1 AND period = $2 AND "
                                   "number >= $3 AND number <= $4",
                                   {region_code_, period, std::int64_t{range.first}, std::int64_t{range.second}}))
      ids[{period, r.get<int>(1)}] = r.get<std::int64_t>(0);
  {
    auto w = tx_.bulk_writer("ledger_entry", {"voucher_id", "line_no", "region_code", "entry_date", "account_id",
                                              "account_code", "summary", "debit_fen", "credit_fen", "counterparty",
                                              "posted"});
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      const auto& v = queue_[i];
      const auto id = ids.at({periods[i], *v.number});
      std::int64_t n = 0;
      for (const auto& l : v.lines) {
        const auto& a = chart_.at(l.account_code);
        totals_.add(v.date, a.id, l.debit_fen, l.credit_fen);
        w->add_row({id, ++n, region_code_, v.date, a.id, a.code, l.summary.empty() ? v.summary : l.summary,
                    l.debit_fen, l.credit_fen, l.counterparty, std::int64_t{1}});
      }
    }
    lines_ += w->finish();
  }
  vouchers_ += static_cast<std::int64_t>(queue_.size());
  queue_.clear();
}

nlohmann::json VoucherBulk::finish() {
  flush();
  totals_.write(tx_);
  audit::record(tx_, actor_, "import", "ledger_voucher", region_code_, region_code_,
                {{"after", {{"vouchers", vouchers_}, {"lines", lines_}, {"from", first_period_}, {"to", last_period_}}}});
  return {{"vouchers", vouchers_}, {"lines", lines_}};
}

nlohmann::json create_vouchers(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                               const std::vector<VoucherInput>& vouchers) {
  actor.require(kWritePermission);
  require_village(c, actor, region_code, "region_code");
  return store::with_transaction(c, [&](store::Connection& tx) -> nlohmann::json {
    ensure_chart(tx, region_code);
    VoucherBulk bulk(tx, actor, region_code);
    std::vector<RowProblem> problems;
    for (const auto& v : vouchers) bulk.check(v, problems);
    if (!problems.empty()) {
      std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
      throw bad_request("import_rejected",
                        "导入失败: " + std::to_string(problems.size()) + " 处错误,未写入任何数据",
                        "Import rejected: " + std::to_string(problems.size()) + " problems; nothing was written")
          .with_problems(std::move(problems));
    }
    // Unnumbered vouchers take the next free numbers of their month, after every given one.
    for (const auto& v : vouchers) {
      VoucherInput copy = v;
      bulk.assign_number(copy);
      bulk.add(std::move(copy));
    }
    return bulk.finish();
  });
}

nlohmann::json add_scan(store::Connection& c, const auth::Principal& actor, std::int64_t voucher_id,
                        const std::string& filename, const std::optional<std::string>& declared_type,
                        std::string bytes) {
  actor.require(kWritePermission);
  disclosure::Upload upload{filename, declared_type, std::move(bytes)};
  const auto type = disclosure::check_upload(upload);
  const auto name = disclosure::clean_filename(upload.filename, type);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto v = load_checked(tx, actor, voucher_id);
    if (v["status"] == "void") throw conflict("voucher_void", "该凭证已作废", "The voucher is void");
    const auto at = now_iso();
    const auto sha = crypto::sha256_hex(upload.content);
    const auto size = static_cast<std::int64_t>(upload.content.size());
    auto id = tx.query("INSERT INTO ledger_scan (voucher_id, filename, content_type, size_bytes, sha256, data, "
                       "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                       {voucher_id, name, type, size, sha, store::Blob{std::move(upload.content)},
                        actor.user_id ? store::Param(actor.user_id) : store::Param(), at})
                  .front()
                  .get<std::int64_t>(0);
    nlohmann::json out = {{"id", id},           {"voucher_id", voucher_id}, {"filename", name},
                          {"content_type", type}, {"size_bytes", size},      {"sha256", sha},
                          {"created_at", at}};
    audit::record(tx, actor, "attach", "ledger_voucher", std::to_string(voucher_id), v["region_code"].get<std::string>(),
                  {{"after", out}});
    return out;
  });
}

StoredFile get_scan(store::Connection& c, const auth::Principal& actor, std::int64_t voucher_id, std::int64_t scan_id) {
  actor.require(kReadPermission);
  load_checked(c, actor, voucher_id);
  auto rs = c.query("SELECT filename, content_type, sha256, data FROM ledger_scan WHERE id = $1 AND voucher_id = $2",
                    {scan_id, voucher_id});
  if (rs.empty()) throw not_found("扫描件", "Scan");
  const auto& r = rs.front();
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)};
}

}  // namespace ql::ledger
