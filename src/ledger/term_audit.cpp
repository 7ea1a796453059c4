#include "ledger/term_audit.hpp"

#include <map>

#include "core/error.hpp"
#include "core/text.hpp"
#include "ledger/contract_warning.hpp"
#include "ledger/period.hpp"
#include "ledger/project.hpp"
#include "ledger/report.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

// First-level template accounts reported as positions (docs/LEDGER.md's template codes).
const std::vector<std::pair<std::string, std::string>> kPositions = {
    {"cash", "101"}, {"bank", "102"}, {"receivables", "112"}, {"payables", "202"}};

constexpr const char* kVoucherColumns =
    "v.id, v.period, v.number, v.voucher_date, v.summary, v.counterparty, v.total_fen, v.is_payment, v.status, "
    "v.approval_ref, v.unapproved_reason, v.void_reason, v.reverses_id, v.created_by";

nlohmann::json opt_text(const store::Row& r, const char* col) {
  return r.is_null(col) ? nlohmann::json() : nlohmann::json(r.get<std::string>(col));
}
nlohmann::json opt_int(const store::Row& r, const char* col) {
  return r.is_null(col) ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>(col));
}

nlohmann::json vouchers(store::Connection& c, const std::string& where, const store::Params& params) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query(std::string("SELECT ") + kVoucherColumns + " FROM ledger_voucher v WHERE " + where +
                                   " ORDER BY v.voucher_date, v.period, v.number",
                               params))
    out.push_back({{"id", r.get<std::int64_t>("id")},
                   {"period", r.get<std::string>("period")},
                   {"number", r.get<int>("number")},
                   {"date", r.get<std::string>("voucher_date")},
                   {"summary", r.get<std::string>("summary")},
                   {"counterparty", r.get<std::string>("counterparty")},
                   {"total_fen", r.get<std::int64_t>("total_fen")},
                   {"is_payment", r.get<bool>("is_payment")},
                   {"status", r.get<std::string>("status")},
                   {"approval_ref", opt_text(r, "approval_ref")},
                   {"unapproved_reason", opt_text(r, "unapproved_reason")},
                   {"void_reason", opt_text(r, "void_reason")},
                   {"reverses_id", opt_int(r, "reverses_id")},
                   {"created_by", opt_int(r, "created_by")}});
  return out;
}

nlohmann::json assets(store::Connection& c, const std::string& where, const store::Params& params) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query("SELECT a.id, a.code, a.name, a.category, a.original_value_fen, a.acquired_date, a.status, "
                               "a.disposal_ref, a.updated_at FROM asset a WHERE " + where + " ORDER BY a.code",
                               params))
    out.push_back({{"id", r.get<std::int64_t>(0)},
                   {"code", r.get<std::string>(1)},
                   {"name", r.get<std::string>(2)},
                   {"category", r.get<std::string>(3)},
                   {"original_value_fen", r.get<std::int64_t>(4)},
                   {"acquired_date", r.get<std::string>(5)},
                   {"status", r.get<std::string>(6)},
                   {"disposal_ref", opt_text(r, "disposal_ref")},
                   {"updated_at", r.get<std::string>(8)}});
  return out;
}

nlohmann::json contracts(store::Connection& c, const std::string& where, const store::Params& params) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query("SELECT k.id, k.number, k.kind, k.counterparty, k.start_date, k.end_date, k.total_fen, "
                               "k.status, k.created_at, k.updated_at FROM contract k WHERE " + where +
                                   " ORDER BY k.start_date, k.number",
                               params))
    out.push_back({{"id", r.get<std::int64_t>(0)},
                   {"number", r.get<std::string>(1)},
                   {"kind", r.get<std::string>(2)},
                   {"counterparty", r.get<std::string>(3)},
                   {"start_date", r.get<std::string>(4)},
                   {"end_date", r.get<std::string>(5)},
                   {"total_fen", r.get<std::int64_t>(6)},
                   {"status", r.get<std::string>(7)},
                   {"created_at", r.get<std::string>(8)},
                   {"updated_at", r.get<std::string>(9)}});
  return out;
}

// Arrears of the village's contracts as of `to`: each schedule with only the payments dated
// up to `to` applied, oldest instalment first (as contract.cpp does for today).
std::pair<nlohmann::json, std::int64_t> arrears_at(store::Connection& c, const std::string& region, Date to) {
  const auto day = to_date_string(to);
  std::map<std::int64_t, std::vector<Instalment>> schedules;
  for (const auto& r : c.query("SELECT i.contract_id, i.seq, i.due_date, i.amount_fen FROM contract_instalment i JOIN "
                               "contract k ON k.id = i.contract_id WHERE k.region_code = $1 AND k.start_date <= $2 "
                               "ORDER BY i.contract_id, i.seq",
                               {region, day}))
    schedules[r.get<std::int64_t>(0)].push_back({r.get<int>(1), *parse_date(r.get<std::string>(2)), r.get<std::int64_t>(3)});
  std::map<std::int64_t, std::int64_t> paid;
  for (const auto& r : c.query("SELECT p.contract_id, SUM(p.amount_fen) FROM contract_payment p JOIN contract k ON k.id = "
                               "p.contract_id WHERE k.region_code = $1 AND p.paid_date <= $2 GROUP BY p.contract_id",
                               {region, day}))
    paid[r.get<std::int64_t>(0)] = r.get<std::int64_t>(1);
  nlohmann::json out = nlohmann::json::array();
  std::int64_t total = 0;
  for (const auto& r : c.query("SELECT id, number, counterparty, total_fen FROM contract WHERE region_code = $1 AND "
                               "start_date <= $2 ORDER BY number",
                               {region, day})) {
    const auto id = r.get<std::int64_t>(0);
    std::int64_t arrears = 0;
    int days = 0;
    for (const auto& s : apply_payments(schedules[id], paid[id], to)) {
      arrears += s.arrears_fen;
      days = std::max(days, s.days_overdue);
    }
    if (arrears == 0) continue;
    total += arrears;
    out.push_back({{"contract_id", id},
                   {"number", r.get<std::string>(1)},
                   {"counterparty", r.get<std::string>(2)},
                   {"total_fen", r.get<std::int64_t>(3)},
                   {"paid_fen", paid[id]},
                   {"arrears_fen", arrears},
                   {"days_overdue", days}});
  }
  return {out, total};
}

}  // namespace

nlohmann::json term_audit_cadres(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  actor.require(kReadPermission);
  require_village(c, actor, region_code);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query("SELECT id, username, display_name, role_code FROM app_user WHERE region_code = $1 AND "
                               "role_code IN ('secretary', 'clerk') ORDER BY role_code DESC, display_name, id",
                               {region_code}))
    out.push_back({{"user_id", r.get<std::int64_t>(0)},
                   {"username", r.get<std::string>(1)},
                   {"name", r.get<std::string>(2)},
                   {"role", r.get<std::string>(3)}});
  return {{"region_code", region_code}, {"cadres", std::move(out)}};
}

nlohmann::json term_audit(store::Connection& c, const auth::Principal& actor, const TermAuditQuery& q) {
  actor.require(kReadPermission);
  require_village(c, actor, q.region_code);
  if (q.user_id.has_value() == q.cadre_name.has_value())
    throw invalid_field("user", "须指定 user(村干部账号)或 cadre_name(姓名)之一",
                        "give exactly one of user (a cadre's account) or cadre_name");
  if (q.to < q.from) throw invalid_field("to", "不能早于 from", "must not be before from");
  nlohmann::json cadre;
  std::string name;
  if (q.user_id) {
    auto rs = c.query("SELECT id, username, display_name, role_code FROM app_user WHERE id = $1 AND region_code = $2 "
                      "AND role_code IN ('secretary', 'clerk')",
                      {*q.user_id, q.region_code});
    if (rs.empty())
      throw invalid_field("user", "不是本村的书记或文书(报账员)账号", "is not a secretary or clerk account of the village");
    name = rs.front().get<std::string>(2);
    cadre = {{"user_id", *q.user_id},
             {"username", rs.front().get<std::string>(1)},
             {"name", name},
             {"role", rs.front().get<std::string>(3)}};
  } else {
    name = *q.cadre_name;
    text::require_length("cadre_name", name, 1, 50);
    cadre = {{"user_id", nullptr}, {"username", nullptr}, {"name", name}, {"role", nullptr}};
  }
  const auto from = to_date_string(q.from), to = to_date_string(q.to);
  const auto& region = q.region_code;

  nlohmann::json positions = nlohmann::json::array();
  {
    const auto b = balances(c, actor, region, q.from, q.to);
    for (const auto& [key, code] : kPositions) {
      std::int64_t opening = 0, closing = 0;
      std::string account_name;
      for (const auto& a : b["accounts"])
        if (a["code"] == code) {
          opening = a["opening_fen"].get<std::int64_t>();
          closing = a["closing_fen"].get<std::int64_t>();
          account_name = a["name"].get<std::string>();
        }
      positions.push_back({{"key", key},
                           {"account_code", code},
                           {"account_name", account_name},
                           {"opening_fen", opening},
                           {"closing_fen", closing},
                           {"change_fen", closing - opening}});
    }
  }
  auto income = income_statement(c, actor, region, q.from, q.to);

  // Vouchers of the term the cadre entered, or whose approval reference names them.
  store::Params vp{region, from, to};
  std::string who;
  if (q.user_id) {
    vp.push_back(*q.user_id);
    who = "v.created_by = $4";
  }
  vp.push_back("%" + name + "%");
  who += std::string(who.empty() ? "" : " OR ") + "v.approval_ref LIKE $" + std::to_string(vp.size());
  const std::string term = "v.region_code = $1 AND v.voucher_date BETWEEN $2 AND $3";
  auto own = vouchers(c, term + " AND (" + who + ")", vp);
  auto unapproved = vouchers(c, term + " AND v.status = 'posted' AND v.unapproved_reason IS NOT NULL", {region, from, to});
  auto reversals = vouchers(c, term + " AND v.reverses_id IS NOT NULL", {region, from, to});
  // A void keeps its voucher's date; the void itself happened at updated_at (UTC).
  auto voids = vouchers(c,
                        "v.region_code = $1 AND v.status = 'void' AND SUBSTR(v.updated_at, 1, 10) BETWEEN $2 AND $3",
                        {region, from, to});

  auto acquired = assets(c, "a.region_code = $1 AND a.acquired_date BETWEEN $2 AND $3", {region, from, to});
  auto disposed = assets(c, "a.region_code = $1 AND a.status = 'disposed' AND SUBSTR(a.updated_at, 1, 10) BETWEEN $2 AND $3",
                         {region, from, to});
  auto signed_ = contracts(c, "k.region_code = $1 AND k.start_date BETWEEN $2 AND $3", {region, from, to});
  auto changed = contracts(c,
                           "k.region_code = $1 AND k.updated_at > k.created_at AND SUBSTR(k.updated_at, 1, 10) BETWEEN "
                           "$2 AND $3",
                           {region, from, to});
  auto [arrears, arrears_total] = arrears_at(c, region, q.to);
  auto projects = projects_between(c, region, from, to);

  return {{"region_code", region},
          {"region_name", c.scalar("SELECT name FROM region WHERE code = $1", {region}).value_or("")},
          {"from", from},
          {"to", to},
          {"cadre", std::move(cadre)},
          {"positions", std::move(positions)},
          {"income", income["income"]},
          {"expenditure", income["expenditure"]},
          {"income_fen", income["income_fen"]},
          {"expenditure_fen", income["expenditure_fen"]},
          {"net_fen", income["net_fen"]},
          {"vouchers", std::move(own)},
          {"unapproved", std::move(unapproved)},
          {"assets_acquired", std::move(acquired)},
          {"assets_disposed", std::move(disposed)},
          {"contracts_signed", std::move(signed_)},
          {"contracts_changed", std::move(changed)},
          {"arrears", std::move(arrears)},
          {"arrears_fen", arrears_total},
          {"projects", std::move(projects)},
          {"reversals", std::move(reversals)},
          {"voids", std::move(voids)}};
}

}  // namespace ql::ledger
