#include "ledger/project.hpp"

#include <map>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "ledger/asset.hpp"
#include "ledger/asset_common.hpp"
#include "ledger/period.hpp"
#include "ledger/project_check.hpp"
#include "power/routing.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kColumns =
    "p.id, p.region_code, g.name AS region_name, p.name, p.year, p.category, p.contract_amount_fen, p.contractor, "
    "p.procurement_method, COALESCE(d.label_zh, p.procurement_method) AS method_zh, "
    "COALESCE(d.label_en, p.procurement_method) AS method_en, p.start_date, p.finish_date, p.acceptance_date, "
    "p.acceptance_result, p.audit_date, p.audited_amount_fen, p.settlement_amount_fen, p.power_case_id, p.note, "
    "p.created_by, p.created_at, p.updated_at";
constexpr const char* kFrom =
    "project p JOIN region g ON g.code = p.region_code LEFT JOIN dict_item d ON d.type_code = 'procurement_method' "
    "AND d.value = p.procurement_method";

struct Payment {
  std::int64_t voucher_id = 0;
  std::string period, date, summary, state;  // state: posted / void / reversed
  int number = 0;
  std::int64_t amount_fen = 0;  // cash and bank credited by the voucher's posted lines
  bool counted() const { return state == "posted"; }
};

// Linked vouchers of every project matching `where` (on alias p), in date order.
std::map<std::int64_t, std::vector<Payment>> load_payments(store::Connection& c, const std::string& where,
                                                           const store::Params& params) {
  std::map<std::int64_t, std::vector<Payment>> out;
  for (const auto& r : c.query(
           "SELECT pp.project_id, v.id, v.period, v.number, v.voucher_date, v.summary, v.status, v.reversed_by_id, "
           "COALESCE((SELECT SUM(e.credit_fen) FROM ledger_entry e JOIN ledger_account a ON a.id = e.account_id WHERE "
           "e.voucher_id = v.id AND e.posted = 1 AND (a.is_cash = 1 OR a.is_bank = 1)), 0) AS amount "
           "FROM project_payment pp JOIN ledger_voucher v ON v.id = pp.voucher_id WHERE pp.project_id IN (SELECT p.id "
           "FROM " + std::string(kFrom) + " WHERE " + where + ") ORDER BY v.voucher_date, v.id",
           params)) {
    Payment p;
    p.voucher_id = r.get<std::int64_t>(1);
    p.period = r.get<std::string>(2);
    p.number = r.get<int>(3);
    p.date = r.get<std::string>(4);
    p.summary = r.get<std::string>(5);
    p.state = r.get<std::string>(6) == "void" ? "void" : r.is_null(7) ? "posted" : "reversed";
    p.amount_fen = r.get<std::int64_t>(8);
    out[r.get<std::int64_t>(0)].push_back(std::move(p));
  }
  return out;
}

std::string kind_of(const std::string& category) { return category; }  // works / purchase / service

// Bands of each (village, kind) computed once per request through the power module's rules.
class Bands {
 public:
  explicit Bands(store::Connection& c) : c_(c) {}
  power::AmountBand of(const std::string& region, const std::string& category, std::int64_t amount) {
    const auto key = region + "|" + category;
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, power::thresholds_for(c_, region, kind_of(category))).first;
    return power::band_for(it->second, amount);
  }

 private:
  store::Connection& c_;
  std::map<std::string, power::Thresholds> cache_;
};

nlohmann::json opt_text(const store::Row& r, const char* col) {
  return r.is_null(col) ? nlohmann::json() : nlohmann::json(r.get<std::string>(col));
}
nlohmann::json opt_int(const store::Row& r, const char* col) {
  return r.is_null(col) ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>(col));
}
std::optional<Date> opt_date(const store::Row& r, const char* col) {
  return r.is_null(col) ? std::nullopt : parse_date(r.get<std::string>(col));
}
std::optional<std::int64_t> opt_fen(const store::Row& r, const char* col) {
  return r.is_null(col) ? std::nullopt : std::optional<std::int64_t>(r.get<std::int64_t>(col));
}

nlohmann::json finding_json(const Finding& f) {
  return {{"code", f.code}, {"severity", f.severity}, {"message_zh", f.zh}, {"message_en", f.en}, {"evidence", f.evidence}};
}

// The project's JSON with paid figures and its findings ("checks") as of today.
nlohmann::json evaluate(const store::Row& r, const std::vector<Payment>& pays, Bands& bands, Date today,
                        bool with_payments) {
  ProjectFacts f;
  f.contract_fen = r.get<std::int64_t>("contract_amount_fen");
  f.settlement_fen = opt_fen(r, "settlement_amount_fen");
  f.audited_fen = opt_fen(r, "audited_amount_fen");
  f.finish = opt_date(r, "finish_date");
  f.acceptance = opt_date(r, "acceptance_date");
  f.audit = opt_date(r, "audit_date");
  if (!r.is_null("acceptance_result")) f.acceptance_result = r.get<std::string>("acceptance_result");
  f.method = r.get<std::string>("procurement_method");
  std::int64_t paid = 0;
  nlohmann::json payments = nlohmann::json::array();
  std::optional<std::string> last;
  for (const auto& p : pays) {
    if (p.counted()) {
      f.payments.emplace_back(*parse_date(p.date), p.amount_fen);
      paid += p.amount_fen;
      last = p.date;
    }
    payments.push_back({{"voucher_id", p.voucher_id},
                        {"period", p.period},
                        {"number", p.number},
                        {"date", p.date},
                        {"summary", p.summary},
                        {"amount_fen", p.amount_fen},
                        {"state", p.state},
                        {"counted", p.counted()}});
  }
  const auto region = r.get<std::string>("region_code");
  const auto category = r.get<std::string>("category");
  f.band = bands.of(region, category, f.contract_fen);
  const auto findings = check_project(f, today);
  nlohmann::json checks = nlohmann::json::array();
  int errors = 0, warnings = 0;
  for (const auto& x : findings) {
    (x.severity == "error" ? errors : warnings)++;
    checks.push_back(finding_json(x));
  }
  nlohmann::json out = {{"id", r.get<std::int64_t>("id")},
                        {"region_code", region},
                        {"region_name", r.get<std::string>("region_name")},
                        {"name", r.get<std::string>("name")},
                        {"year", r.get<int>("year")},
                        {"category", category},
                        {"contract_amount_fen", f.contract_fen},
                        {"contractor", r.get<std::string>("contractor")},
                        {"procurement_method", f.method},
                        {"procurement_method_zh", r.get<std::string>("method_zh")},
                        {"procurement_method_en", r.get<std::string>("method_en")},
                        {"amount_band", band_name(f.band)},
                        {"required_method", required_method(f.band).empty() ? nlohmann::json()
                                                                            : nlohmann::json(required_method(f.band))},
                        {"start_date", opt_text(r, "start_date")},
                        {"finish_date", opt_text(r, "finish_date")},
                        {"acceptance_date", opt_text(r, "acceptance_date")},
                        {"acceptance_result", opt_text(r, "acceptance_result")},
                        {"audit_date", opt_text(r, "audit_date")},
                        {"audited_amount_fen", opt_int(r, "audited_amount_fen")},
                        {"settlement_amount_fen", opt_int(r, "settlement_amount_fen")},
                        {"power_case_id", opt_int(r, "power_case_id")},
                        {"note", r.get<std::string>("note")},
                        {"paid_fen", paid},
                        {"payment_count", static_cast<std::int64_t>(f.payments.size())},
                        {"last_paid_date", last ? nlohmann::json(*last) : nlohmann::json()},
                        {"error_count", errors},
                        {"warning_count", warnings},
                        {"checks", std::move(checks)},
                        {"created_by", opt_int(r, "created_by")},
                        {"created_at", r.get<std::string>("created_at")},
                        {"updated_at", r.get<std::string>("updated_at")}};
  if (with_payments) out["payments"] = std::move(payments);
  return out;
}

nlohmann::json detail(store::Connection& c, std::int64_t id) {
  store::Params params{id};
  const std::string where = "p.id = $1";
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE " + where, params);
  auto pays = load_payments(c, where, params);
  Bands bands(c);
  return evaluate(rs.front(), pays[id], bands, business_day(now()), true);
}

std::string region_of(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto code = c.scalar("SELECT region_code FROM project WHERE id = $1", {id});
  if (!code) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("工程项目", "Project");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, *code);
  return *code;
}

nlohmann::json audit_view(const nlohmann::json& d) {
  nlohmann::json v = nlohmann::json::object();
  for (const char* k : {"name", "year", "category", "contract_amount_fen", "contractor", "procurement_method",
                        "start_date", "finish_date", "acceptance_date", "acceptance_result", "audit_date",
                        "audited_amount_fen", "settlement_amount_fen", "power_case_id", "note"})
    v[k] = d[k];
  return v;
}

std::optional<std::string> method_value(store::Connection& c, const std::string& text) {
  auto rs = c.query("SELECT value FROM dict_item WHERE type_code = 'procurement_method' AND enabled = 1 AND "
                    "(value = $1 OR label_zh = $1 OR LOWER(label_en) = LOWER($1))",
                    {text});
  if (rs.empty()) return std::nullopt;
  return rs.front().get<std::string>(0);
}

// Validates and normalises (method label → value); throws the first problem naming its field.
void check(store::Connection& c, ProjectInput& p) {
  text::require_length("name", p.name, 1, 100);
  if (p.year < 2000 || p.year > 2100) throw invalid_field("year", "须为 2000 到 2100", "must be from 2000 to 2100");
  if (!among(kProjectCategories, p.category))
    throw invalid_field("category", "须为 works(工程)、purchase(采购)或 service(服务)",
                        "must be works, purchase or service");
  if (p.contract_amount_fen < 0 || p.contract_amount_fen > kMaxValueFen)
    throw invalid_field("contract_amount_fen", "须为 0 到 99999999999999", "must be from 0 to 99999999999999");
  text::require_length("contractor", p.contractor, 0, 100);
  if (auto m = method_value(c, p.procurement_method)) p.procurement_method = *m;
  else
    throw invalid_field("procurement_method", "不是采购方式字典中的方式",
                        "is not a method of the procurement_method dictionary");
  std::map<std::string, Date> dates;
  for (auto [field, value] : {std::pair{"start_date", &p.start_date}, std::pair{"finish_date", &p.finish_date},
                              std::pair{"acceptance_date", &p.acceptance_date}, std::pair{"audit_date", &p.audit_date}})
    if (*value) dates[field] = require_date(field, **value);
  if (dates.count("start_date") && dates.count("finish_date") && dates["finish_date"] < dates["start_date"])
    throw invalid_field("finish_date", "不能早于开工日期", "must not be before start_date");
  if (dates.count("start_date") && dates.count("acceptance_date") && dates["acceptance_date"] < dates["start_date"])
    throw invalid_field("acceptance_date", "不能早于开工日期", "must not be before start_date");
  if (p.acceptance_result && !among(kAcceptanceResults, *p.acceptance_result))
    throw invalid_field("acceptance_result", "须为 passed(合格)或 failed(不合格)", "must be passed or failed");
  if (p.acceptance_result && !p.acceptance_date)
    throw invalid_field("acceptance_date", "记录验收结果时须填写验收日期", "is required with acceptance_result");
  if (p.acceptance_date && !p.acceptance_result) p.acceptance_result = "passed";
  for (auto [field, value] : {std::pair{"audited_amount_fen", &p.audited_amount_fen},
                              std::pair{"settlement_amount_fen", &p.settlement_amount_fen}})
    if (*value && (**value < 0 || **value > kMaxValueFen))
      throw invalid_field(field, "须为 0 到 99999999999999", "must be from 0 to 99999999999999");
  if (p.audited_amount_fen && !p.audit_date)
    throw invalid_field("audit_date", "记录审定金额时须填写审计日期", "is required with audited_amount_fen");
  if (p.power_case_id && *p.power_case_id < 1) throw invalid_field("power_case_id", "须为正整数", "must be a positive id");
  text::require_length("note", p.note, 0, 500);
}

store::Params fields(const ProjectInput& p) {
  return {p.name,
          std::int64_t{p.year},
          p.category,
          p.contract_amount_fen,
          p.contractor,
          p.procurement_method,
          store::to_param(p.start_date),
          store::to_param(p.finish_date),
          store::to_param(p.acceptance_date),
          store::to_param(p.acceptance_result),
          store::to_param(p.audit_date),
          store::to_param(p.audited_amount_fen),
          store::to_param(p.settlement_amount_fen),
          store::to_param(p.power_case_id),
          p.note};
}

}  // namespace

nlohmann::json create_project(store::Connection& c, const auth::Principal& actor, const ProjectInput& in) {
  actor.require(kWritePermission);
  require_village(c, actor, in.region_code, "region_code");
  auto p = in;
  check(c, p);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto params = fields(p);
    params.push_back(p.region_code);
    params.push_back(actor_param(actor));
    params.push_back(now_iso());
    const auto id =
        tx.query("INSERT INTO project (name, year, category, contract_amount_fen, contractor, procurement_method, "
                 "start_date, finish_date, acceptance_date, acceptance_result, audit_date, audited_amount_fen, "
                 "settlement_amount_fen, power_case_id, note, region_code, created_by, created_at, updated_at) VALUES "
                 "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id",
                 params)
            .front()
            .get<std::int64_t>(0);
    auto out = detail(tx, id);
    audit::record(tx, actor, "create", "project", std::to_string(id), p.region_code, {{"after", audit_view(out)}});
    return out;
  });
}

nlohmann::json get_project(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kReadPermission);
  region_of(c, actor, id);
  return detail(c, id);
}

nlohmann::json update_project(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const ProjectInput& in) {
  actor.require(kWritePermission);
  auto p = in;
  check(c, p);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto region = region_of(tx, actor, id);
    const auto before = detail(tx, id);
    auto params = fields(p);
    params.push_back(id);
    params.push_back(now_iso());
    tx.query("UPDATE project SET name = $1, year = $2, category = $3, contract_amount_fen = $4, contractor = $5, "
             "procurement_method = $6, start_date = $7, finish_date = $8, acceptance_date = $9, acceptance_result = "
             "$10, audit_date = $11, audited_amount_fen = $12, settlement_amount_fen = $13, power_case_id = $14, "
             "note = $15, updated_at = $17 WHERE id = $16",
             params);
    auto after = detail(tx, id);
    audit::record(tx, actor, "update", "project", std::to_string(id), region,
                  audit::diff(audit_view(before), audit_view(after)));
    return after;
  });
}

void delete_project(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kWritePermission);
  store::with_transaction(c, [&](store::Connection& tx) {
    const auto region = region_of(tx, actor, id);
    auto before = audit_view(detail(tx, id));
    nlohmann::json vouchers = nlohmann::json::array();
    for (const auto& r : tx.query("SELECT voucher_id FROM project_payment WHERE project_id = $1 ORDER BY voucher_id", {id}))
      vouchers.push_back(r.get<std::int64_t>(0));
    before["voucher_ids"] = std::move(vouchers);
    tx.query("DELETE FROM project_payment WHERE project_id = $1", {id});
    tx.query("DELETE FROM project WHERE id = $1", {id});
    audit::record(tx, actor, "delete", "project", std::to_string(id), region, {{"before", before}});
    return 0;
  });
}

nlohmann::json link_payment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                            std::int64_t voucher_id) {
  actor.require(kWritePermission);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto region = region_of(tx, actor, id);
    auto rs = tx.query("SELECT region_code, status, is_payment FROM ledger_voucher WHERE id = $1", {voucher_id});
    if (rs.empty() || rs.front().get<std::string>(0) != region)
      throw invalid_field("voucher_id", "本村没有该凭证", "no such voucher in the project's village");
    if (rs.front().get<std::string>(1) != "posted")
      throw invalid_field("voucher_id", "凭证已作废", "the voucher is void");
    if (!rs.front().get<bool>(2))
      throw invalid_field("voucher_id", "不是付款凭证(未从现金或银行付出)", "is not a payment voucher (no cash or bank paid out)");
    if (auto other = tx.scalar("SELECT project_id FROM project_payment WHERE voucher_id = $1", {voucher_id}))
      throw Error(ErrorKind::conflict, "voucher_already_linked", "该凭证已关联工程项目 " + *other,
                  "The voucher already pays project " + *other, "voucher_id");
    tx.query("INSERT INTO project_payment (project_id, voucher_id, created_by, created_at) VALUES ($1, $2, $3, $4)",
             {id, voucher_id, actor_param(actor), now_iso()});
    audit::record(tx, actor, "link_payment", "project", std::to_string(id), region, {{"voucher_id", voucher_id}});
    return detail(tx, id);
  });
}

nlohmann::json unlink_payment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              std::int64_t voucher_id) {
  actor.require(kWritePermission);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto region = region_of(tx, actor, id);
    if (tx.scalar("SELECT COUNT(*) FROM project_payment WHERE project_id = $1 AND voucher_id = $2", {id, voucher_id}) ==
        std::optional<std::string>("0"))
      throw not_found("该项目的付款凭证", "Payment voucher of this project");
    tx.query("DELETE FROM project_payment WHERE project_id = $1 AND voucher_id = $2", {id, voucher_id});
    audit::record(tx, actor, "unlink_payment", "project", std::to_string(id), region, {{"voucher_id", voucher_id}});
    return detail(tx, id);
  });
}

namespace {

std::string filter_where(store::Connection& c, const auth::Principal& actor, const ProjectFilter& f,
                         store::Params& params) {
  std::string where = auth::Scope(actor).list_condition(c, f.region, "p.region_code", "p.created_by", params);
  const auto add = [&](const std::string& cond, store::Param v) {
    params.push_back(std::move(v));
    where += " AND " + cond + std::to_string(params.size());
  };
  if (f.year) {
    if (*f.year < 2000 || *f.year > 2100) throw invalid_field("year", "须为 2000 到 2100", "must be from 2000 to 2100");
    add("p.year = $", std::int64_t{*f.year});
  }
  if (f.category) {
    if (!among(kProjectCategories, *f.category))
      throw invalid_field("category", "须为 works、purchase 或 service", "must be works, purchase or service");
    add("p.category = $", *f.category);
  }
  if (f.procurement_method) add("p.procurement_method = $", *f.procurement_method);
  if (f.q) where += " AND " + store::contains_condition({"p.name", "p.contractor"}, *f.q, params);
  return where;
}

}  // namespace

nlohmann::json list_projects(store::Connection& c, const auth::Principal& actor, const ProjectFilter& f,
                             const PageRequest& page) {
  actor.require(kReadPermission);
  store::Params params;
  const auto where = filter_where(c, actor, f, params);
  PageRequest pg = page;
  pg.sort = "p." + (pg.sort.empty() ? std::string("name") : pg.sort);
  auto rows = store::query_page(c, kColumns, kFrom, where, params, pg, "p.id");
  auto pays = load_payments(c, where, params);
  Bands bands(c);
  const auto today = business_day(now());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(evaluate(r, pays[r.get<std::int64_t>("id")], bands, today, false));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

namespace {

nlohmann::json checked_table(store::Connection& c, const std::string& where, const store::Params& params) {
  auto rows = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE " + where +
                          " ORDER BY p.year, p.name, p.id",
                      params);
  auto pays = load_payments(c, where, params);
  Bands bands(c);
  const auto today = business_day(now());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows) items.push_back(evaluate(r, pays[r.get<std::int64_t>("id")], bands, today, true));
  return items;
}

}  // namespace

nlohmann::json project_check(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             int year) {
  actor.require(kReadPermission);
  require_village(c, actor, region_code);
  if (year < 2000 || year > 2100) throw invalid_field("year", "须为 2000 到 2100", "must be from 2000 to 2100");
  auto items = checked_table(c, "p.region_code = $1 AND p.year = $2", {region_code, std::int64_t{year}});
  std::int64_t contract = 0, settled = 0, paid = 0, errors = 0, warnings = 0, flagged = 0;
  nlohmann::json by_code = nlohmann::json::object();
  for (const auto& i : items) {
    contract += i["contract_amount_fen"].get<std::int64_t>();
    if (!i["settlement_amount_fen"].is_null()) settled += i["settlement_amount_fen"].get<std::int64_t>();
    paid += i["paid_fen"].get<std::int64_t>();
    errors += i["error_count"].get<std::int64_t>();
    warnings += i["warning_count"].get<std::int64_t>();
    if (!i["checks"].empty()) ++flagged;
    for (const auto& f : i["checks"]) by_code[f["code"].get<std::string>()] = by_code.value(f["code"].get<std::string>(), 0) + 1;
  }
  const auto name = c.scalar("SELECT name FROM region WHERE code = $1", {region_code});
  const auto count = static_cast<std::int64_t>(items.size());
  return {{"region_code", region_code},
          {"region_name", name.value_or("")},
          {"year", year},
          {"items", std::move(items)},
          {"totals",
           {{"projects", count},
            {"contract_amount_fen", contract},
            {"settlement_amount_fen", settled},
            {"paid_fen", paid},
            {"flagged_projects", flagged},
            {"errors", errors},
            {"warnings", warnings}}},
          {"findings_by_code", std::move(by_code)}};
}

nlohmann::json projects_between(store::Connection& c, const std::string& region_code, const std::string& from,
                                const std::string& to) {
  const auto y1 = std::stoll(from.substr(0, 4)), y2 = std::stoll(to.substr(0, 4));
  return checked_table(
      c,
      "p.region_code = $1 AND ((p.year BETWEEN $4 AND $5) OR (p.start_date BETWEEN $2 AND $3) OR (p.finish_date "
      "BETWEEN $2 AND $3) OR p.id IN (SELECT pp.project_id FROM project_payment pp JOIN ledger_voucher v ON v.id = "
      "pp.voucher_id WHERE v.voucher_date BETWEEN $2 AND $3))",
      {region_code, from, to, y1, y2});
}

}  // namespace ql::ledger
