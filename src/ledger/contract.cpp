#include "ledger/contract.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "ledger/asset.hpp"
#include "ledger/asset_common.hpp"
#include "ledger/period.hpp"
#include "ledger/resource.hpp"
#include "region/region.hpp"
#include "store/page_query.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kColumns =
    "k.id, k.region_code, g.name AS region_name, g.path AS region_path, k.number, k.kind, k.subject_type, "
    "k.resource_id, k.asset_id, COALESCE(r.code, a.code) AS subject_code, COALESCE(r.name, a.name) AS subject_name, "
    "COALESCE(r.kind, 'asset') AS subject_kind, COALESCE(r.arable, 0) AS arable, k.counterparty, "
    "k.counterparty_id_no, k.counterparty_phone, k.start_date, k.end_date, k.area_milli, k.area_unit, "
    "k.unit_price_fen, k.total_fen, k.status, k.note, k.created_by, k.created_at, k.updated_at";
constexpr const char* kFrom =
    "contract k JOIN region g ON g.code = k.region_code LEFT JOIN resource r ON r.id = k.resource_id "
    "LEFT JOIN asset a ON a.id = k.asset_id";

// Thresholds of every region that has its own, resolved for a contract by its region's path.
struct Thresholds {
  std::map<std::string, WarningLimits> limits;  // region code -> own limits
  std::map<std::string, std::map<std::pair<std::string, std::string>, std::int64_t>> prices;  // code -> (kind,unit)

  static Thresholds load(store::Connection& c) {
    Thresholds t;
    for (const auto& r : c.query("SELECT region_code, max_term_years, max_term_years_arable, min_price_percent FROM "
                                 "asset_setting"))
      t.limits[r.get<std::string>(0)] = {r.get<int>(1), r.get<int>(2), r.get<int>(3)};
    for (const auto& r : c.query("SELECT region_code, kind, area_unit, price_fen FROM asset_reference_price"))
      t.prices[r.get<std::string>(0)][{r.get<std::string>(1), r.get<std::string>(2)}] = r.get<std::int64_t>(3);
    return t;
  }
  // The codes of a path "/a/b/c/", nearest first.
  static std::vector<std::string> ancestors(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start < path.size()) {
      auto end = path.find('/', start);
      if (end == std::string::npos) break;
      out.push_back(path.substr(start, end - start));
      start = end + 1;
    }
    std::reverse(out.begin(), out.end());
    return out;
  }
  std::pair<WarningLimits, std::optional<std::string>> limits_for(const std::string& path) const {
    for (const auto& code : ancestors(path))
      if (auto it = limits.find(code); it != limits.end()) return {it->second, code};
    return {WarningLimits{}, std::nullopt};
  }
  std::optional<std::int64_t> price_for(const std::string& path, const std::string& kind, const std::string& unit) const {
    for (const auto& code : ancestors(path))
      if (auto it = prices.find(code); it != prices.end())
        if (auto p = it->second.find({kind, unit}); p != it->second.end()) return p->second;
    return std::nullopt;
  }
};

struct Derived {
  std::vector<Instalment> schedule;
  std::int64_t paid_fen = 0;
};

// Schedules and payment totals of every contract matching `where` (on alias k).
std::map<std::int64_t, Derived> load_derived(store::Connection& c, const std::string& where, const store::Params& params) {
  std::map<std::int64_t, Derived> out;
  for (const auto& r : c.query("SELECT i.contract_id, i.seq, i.due_date, i.amount_fen FROM contract_instalment i WHERE "
                               "i.contract_id IN (SELECT k.id FROM " + std::string(kFrom) + " WHERE " + where +
                                   ") ORDER BY i.contract_id, i.seq",
                               params))
    out[r.get<std::int64_t>(0)].schedule.push_back(
        {r.get<int>(1), *parse_date(r.get<std::string>(2)), r.get<std::int64_t>(3)});
  for (const auto& r : c.query("SELECT p.contract_id, SUM(p.amount_fen) FROM contract_payment p WHERE p.contract_id IN "
                               "(SELECT k.id FROM " + std::string(kFrom) + " WHERE " + where +
                                   ") GROUP BY p.contract_id",
                               params))
    out[r.get<std::int64_t>(0)].paid_fen = r.get<std::int64_t>(1);
  return out;
}

struct Evaluated {
  nlohmann::json item;
  std::vector<InstalmentState> states;
  std::vector<Warning> warnings;
};

Evaluated evaluate(const store::Row& r, const Derived& d, const Thresholds& t, Date today) {
  const auto path = r.get<std::string>("region_path");
  const auto subject_kind = r.get<std::string>("subject_kind");
  const bool arable = r.get<bool>("arable");
  const auto unit = r.get<std::string>("area_unit");
  const bool active = r.get<std::string>("status") == "active";
  ContractFacts f;
  f.start = *parse_date(r.get<std::string>("start_date"));
  f.end = *parse_date(r.get<std::string>("end_date"));
  f.arable = arable;
  f.active = active;
  f.unit_price_fen = r.get<std::int64_t>("unit_price_fen");
  f.reference_price_fen = t.price_for(path, arable ? "arable" : subject_kind, unit);
  f.instalments = apply_payments(d.schedule, d.paid_fen, today);
  Evaluated e;
  e.states = f.instalments;
  e.warnings = contract_warnings(f, t.limits_for(path).first, today);
  std::int64_t arrears = 0;
  int days = 0;
  std::optional<std::string> next_due;
  for (const auto& s : e.states) {
    arrears += s.arrears_fen;
    days = std::max(days, s.days_overdue);
    if (!next_due && s.paid_fen < s.amount_fen && s.due >= today) next_due = to_date_string(s.due);
  }
  std::string expiry = "current";
  if (f.end < today) expiry = "expired";
  else if ((f.end - today).count() <= kExpiringDays) expiry = "expiring";
  nlohmann::json level = nullptr;
  if (!e.warnings.empty()) level = e.warnings.front().level;
  const auto opt_id = [&](const char* col) {
    return r.is_null(col) ? nlohmann::json() : nlohmann::json(r.get<std::int64_t>(col));
  };
  const auto subject_id = r.get<std::string>("subject_type") == "resource" ? opt_id("resource_id") : opt_id("asset_id");
  e.item = {{"id", r.get<std::int64_t>("id")},
            {"region_code", r.get<std::string>("region_code")},
            {"region_name", r.get<std::string>("region_name")},
            {"number", r.get<std::string>("number")},
            {"kind", r.get<std::string>("kind")},
            {"subject_type", r.get<std::string>("subject_type")},
            {"subject_id", subject_id},
            {"subject_code", r.is_null("subject_code") ? "" : r.get<std::string>("subject_code")},
            {"subject_name", r.is_null("subject_name") ? "" : r.get<std::string>("subject_name")},
            {"subject_kind", subject_kind},
            {"arable", arable},
            {"counterparty", r.get<std::string>("counterparty")},
            {"counterparty_id_no", mask_id_number(r.get<std::string>("counterparty_id_no"))},
            {"counterparty_phone", r.get<std::string>("counterparty_phone")},
            {"start_date", r.get<std::string>("start_date")},
            {"end_date", r.get<std::string>("end_date")},
            {"area_milli", r.get<std::int64_t>("area_milli")},
            {"area_unit", unit},
            {"unit_price_fen", r.get<std::int64_t>("unit_price_fen")},
            {"reference_price_fen", f.reference_price_fen ? nlohmann::json(*f.reference_price_fen) : nlohmann::json()},
            {"total_fen", r.get<std::int64_t>("total_fen")},
            {"status", r.get<std::string>("status")},
            {"note", r.get<std::string>("note")},
            {"paid_fen", d.paid_fen},
            {"arrears_fen", arrears},
            {"days_overdue", days},
            {"next_due_date", next_due ? nlohmann::json(*next_due) : nlohmann::json()},
            {"expiry", expiry},
            {"warning_level", level},
            {"warning_count", e.warnings.size()},
            {"created_at", r.get<std::string>("created_at")},
            {"updated_at", r.get<std::string>("updated_at")}};
  return e;
}

nlohmann::json warning_json(const Warning& w) {
  return {{"type", w.type}, {"level", w.level}, {"evidence", w.evidence}};
}

nlohmann::json detail(store::Connection& c, std::int64_t id) {
  store::Params params{id};
  const std::string where = "k.id = $1";
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE " + where, params);
  auto derived = load_derived(c, where, params);
  auto e = evaluate(rs.front(), derived[id], Thresholds::load(c), business_day(now()));
  nlohmann::json inst = nlohmann::json::array();
  for (const auto& s : e.states)
    inst.push_back({{"seq", s.seq},
                    {"due_date", to_date_string(s.due)},
                    {"amount_fen", s.amount_fen},
                    {"paid_fen", s.paid_fen},
                    {"arrears_fen", s.arrears_fen},
                    {"days_overdue", s.days_overdue}});
  nlohmann::json pays = nlohmann::json::array();
  for (const auto& r : c.query("SELECT id, amount_fen, paid_date, voucher_ref, note, created_at FROM contract_payment "
                               "WHERE contract_id = $1 ORDER BY paid_date, id",
                               {id}))
    pays.push_back({{"id", r.get<std::int64_t>(0)},
                    {"amount_fen", r.get<std::int64_t>(1)},
                    {"paid_date", r.get<std::string>(2)},
                    {"voucher_ref", r.get<std::string>(3)},
                    {"note", r.get<std::string>(4)},
                    {"created_at", r.get<std::string>(5)}});
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& w : e.warnings) warnings.push_back(warning_json(w));
  auto out = e.item;
  out["instalments"] = std::move(inst);
  out["payments"] = std::move(pays);
  out["warnings"] = std::move(warnings);
  return out;
}

std::string region_of(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto code = c.scalar("SELECT region_code FROM contract WHERE id = $1", {id});
  if (!code) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("合同", "Contract");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, *code);
  return *code;
}

nlohmann::json audit_view(const nlohmann::json& d) {
  nlohmann::json v = nlohmann::json::object();
  for (const char* k : {"number", "kind", "subject_type", "subject_id", "counterparty", "counterparty_id_no",
                        "counterparty_phone", "start_date", "end_date", "area_milli", "area_unit", "unit_price_fen",
                        "total_fen", "status", "note"})
    v[k] = d[k];
  if (d.contains("instalments")) {
    v["schedule"] = nlohmann::json::array();
    for (const auto& i : d["instalments"]) v["schedule"].push_back({{"due_date", i["due_date"]}, {"amount_fen", i["amount_fen"]}});
  }
  return v;
}

bool is_id_number(const std::string& s) {
  if (s.size() != 15 && s.size() != 18) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (!(ch >= '0' && ch <= '9') && !(i + 1 == s.size() && (ch == 'X' || ch == 'x'))) return false;
  }
  return true;
}

struct Resolved {
  std::optional<std::int64_t> resource_id, asset_id;
  std::string unit;
};

// Every problem of a contract (fields named as in the API); resolves its subject.
std::vector<Problem> check(store::Connection& c, ContractInput& k, Resolved& out) {
  std::vector<Problem> p;
  const auto add = [&](const std::string& f, std::string zh, std::string en) { p.push_back({-1, f, std::move(zh), std::move(en)}); };
  const auto len = [&](const std::string& f, const std::string& v, std::size_t min, std::size_t max) {
    const auto n = text::char_count(v);
    if (n < min || n > max)
      add(f, "须为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 个字符",
          "must have " + std::to_string(min) + " to " + std::to_string(max) + " characters");
  };
  len("number", k.number, 1, 40);
  if (!among(kContractKinds, k.kind)) add("kind", "须为 contracting(发包)或 lease(出租)", "must be contracting or lease");
  len("counterparty", k.counterparty, 1, 100);
  if (!k.counterparty_id_no.empty() && !is_id_number(k.counterparty_id_no))
    add("counterparty_id_no", "须为 15 或 18 位身份证号码", "must be a 15- or 18-character ID number");
  len("counterparty_phone", k.counterparty_phone, 0, 20);
  len("note", k.note, 0, 500);
  if (k.subject_type == "resource" || k.subject_type == "asset") {
    std::optional<store::Row> row;
    const std::string table = k.subject_type;
    if (k.subject_id) {
      auto rs = c.query(table == "resource" ? "SELECT id, region_code, area_unit FROM resource WHERE id = $1"
                                            : "SELECT id, region_code, 'm2' AS area_unit FROM asset WHERE id = $1",
                        {*k.subject_id});
      if (!rs.empty() && rs.front().get<std::string>(1) == k.region_code) row = rs.front();
    } else if (!k.subject_code.empty()) {
      auto rs = c.query(table == "resource"
                            ? "SELECT id, region_code, area_unit FROM resource WHERE region_code = $1 AND code = $2"
                            : "SELECT id, region_code, 'm2' AS area_unit FROM asset WHERE region_code = $1 AND code = $2",
                        {k.region_code, k.subject_code});
      if (!rs.empty()) row = rs.front();
    }
    if (!row) {
      add("subject_id", "本村没有该" + std::string(table == "resource" ? "资源" : "资产"),
          "no such " + table + " in this village");
    } else {
      (table == "resource" ? out.resource_id : out.asset_id) = row->get<std::int64_t>(0);
      out.unit = row->get<std::string>(2);
      if (table == "asset" &&
          c.scalar("SELECT status FROM asset WHERE id = $1", {row->get<std::int64_t>(0)}) == std::optional<std::string>("disposed"))
        add("subject_id", "该资产已处置", "the asset has been disposed of");
    }
  } else {
    add("subject_type", "须为 resource 或 asset", "must be resource or asset");
  }
  if (k.area_unit) {
    if (!among(kAreaUnits, *k.area_unit)) add("area_unit", "须为 mu 或 m2", "must be mu or m2");
    else out.unit = *k.area_unit;
  }
  if (out.unit.empty()) out.unit = "m2";
  if (k.area_milli < 0 || k.area_milli > kMaxAreaMilli) add("area_milli", "须为 0 到 999999999999", "must be from 0 to 999999999999");
  if (k.unit_price_fen < 0 || k.unit_price_fen > kMaxValueFen)
    add("unit_price_fen", "须为 0 到 99999999999999", "must be from 0 to 99999999999999");
  if (k.total_fen < 1 || k.total_fen > kMaxValueFen) add("total_fen", "须为 1 到 99999999999999", "must be from 1 to 99999999999999");
  const auto start = parse_date(k.start_date), end = parse_date(k.end_date);
  if (!start) add("start_date", "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
  if (!end) add("end_date", "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
  if (start && end) {
    if (*end < *start) add("end_date", "不能早于开始日期", "must not be before start_date");
    else if (*end >= add_months(*start, 12 * kMaxTermYears)) add("end_date", "期限不能超过 99 年", "the term must be under 99 years");
  }
  if (k.schedule) {
    std::int64_t sum = 0;
    bool ok = !k.schedule->empty() && k.schedule->size() <= kMaxInstalments;
    if (!ok) add("schedule", "须有 1 到 1200 期", "must have 1 to 1200 instalments");
    for (std::size_t i = 0; i < k.schedule->size(); ++i) {
      const auto& s = (*k.schedule)[i];
      const auto f = "schedule[" + std::to_string(i) + "]";
      if (!parse_date(s.due_date)) {
        add(f + ".due_date", "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
        ok = false;
      }
      if (s.amount_fen < 1 || s.amount_fen > kMaxValueFen) {
        add(f + ".amount_fen", "须为正数(分)", "must be a positive amount in fen");
        ok = false;
      }
      sum += s.amount_fen;
    }
    if (ok && sum != k.total_fen)
      add("schedule", "各期金额之和 " + std::to_string(sum) + " 分不等于合同总价 " + std::to_string(k.total_fen) + " 分",
          "instalments sum to " + std::to_string(sum) + " fen, not the total of " + std::to_string(k.total_fen) + " fen");
  }
  return p;
}

void throw_first(const std::vector<Problem>& p) {
  if (!p.empty()) throw invalid_field(p.front().field, p.front().zh, p.front().en);
}

std::int64_t insert(store::Connection& tx, const auth::Principal& actor, const ContractInput& k, const Resolved& s) {
  const auto at = now_iso();
  const auto id =
      tx.query("INSERT INTO contract (region_code, number, kind, subject_type, resource_id, asset_id, counterparty, "
               "counterparty_id_no, counterparty_phone, start_date, end_date, area_milli, area_unit, unit_price_fen, "
               "total_fen, status, note, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
               "$10, $11, $12, $13, $14, $15, 'active', $16, $17, $18, $18) RETURNING id",
               {k.region_code, k.number, k.kind, k.subject_type, store::to_param(s.resource_id),
                store::to_param(s.asset_id), k.counterparty, k.counterparty_id_no, k.counterparty_phone, k.start_date,
                k.end_date, k.area_milli, s.unit, k.unit_price_fen, k.total_fen, k.note, actor_param(actor), at})
          .front()
          .get<std::int64_t>(0);
  std::vector<Instalment> schedule;
  if (k.schedule) {
    int n = 0;
    for (const auto& i : *k.schedule) schedule.push_back({++n, *parse_date(i.due_date), i.amount_fen});
  } else {
    schedule = default_schedule(*parse_date(k.start_date), *parse_date(k.end_date), k.total_fen);
  }
  for (const auto& i : schedule)
    tx.query("INSERT INTO contract_instalment (contract_id, seq, due_date, amount_fen) VALUES ($1, $2, $3, $4)",
             {id, std::int64_t{i.seq}, to_date_string(i.due), i.amount_fen});
  return id;
}

bool number_taken(store::Connection& c, const std::string& region, const std::string& number) {
  return c.scalar("SELECT COUNT(*) FROM contract WHERE region_code = $1 AND number = $2", {region, number}) != "0";
}

}  // namespace

std::string mask_id_number(const std::string& id_no) {
  if (id_no.size() <= 7) return std::string(id_no.size(), '*');
  return id_no.substr(0, 3) + std::string(id_no.size() - 7, '*') + id_no.substr(id_no.size() - 4);
}

nlohmann::json create_contract(store::Connection& c, const auth::Principal& actor, const ContractInput& in) {
  actor.require(kAssetWritePermission);
  require_village(c, actor, in.region_code, "region_code");
  auto k = in;
  Resolved s;
  throw_first(check(c, k, s));
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (number_taken(tx, k.region_code, k.number))
      throw Error(ErrorKind::conflict, "duplicate_contract_number", "合同编号 " + k.number + " 在本村已存在",
                  "Contract number " + k.number + " already exists in this village", "number");
    const auto id = insert(tx, actor, k, s);
    auto out = detail(tx, id);
    audit::record(tx, actor, "create", "contract", std::to_string(id), k.region_code, {{"after", audit_view(out)}});
    return out;
  });
}

nlohmann::json get_contract(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kAssetReadPermission);
  region_of(c, actor, id);
  return detail(c, id);
}

nlohmann::json update_contract(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const ContractPatch& p) {
  actor.require(kAssetWritePermission);
  if (p.status && !among(kContractStatuses, *p.status))
    throw invalid_field("status", "须为 active 或 terminated", "must be active or terminated");
  if (p.note) text::require_length("note", *p.note, 0, 500);
  if (p.counterparty_phone) text::require_length("counterparty_phone", *p.counterparty_phone, 0, 20);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto region = region_of(tx, actor, id);
    const auto before = detail(tx, id);
    tx.query("UPDATE contract SET status = COALESCE($2, status), note = COALESCE($3, note), counterparty_phone = "
             "COALESCE($4, counterparty_phone), updated_at = $5 WHERE id = $1",
             {id, store::to_param(p.status), store::to_param(p.note), store::to_param(p.counterparty_phone), now_iso()});
    auto after = detail(tx, id);
    audit::record(tx, actor, "update", "contract", std::to_string(id), region,
                  audit::diff(audit_view(before), audit_view(after)));
    return after;
  });
}

nlohmann::json record_payment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const PaymentInput& p) {
  actor.require(kAssetWritePermission);
  if (p.amount_fen < 1 || p.amount_fen > kMaxValueFen)
    throw invalid_field("amount_fen", "须为 1 到 99999999999999", "must be from 1 to 99999999999999");
  const auto date = require_date("paid_date", p.paid_date);
  if (date > business_day(now())) throw invalid_field("paid_date", "不能晚于今天", "must not be in the future");
  text::require_length("voucher_ref", p.voucher_ref, 0, 64);
  text::require_length("note", p.note, 0, 200);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto region = region_of(tx, actor, id);
    const auto total = std::stoll(*tx.scalar("SELECT total_fen FROM contract WHERE id = $1", {id}));
    const auto paid = std::stoll(*tx.scalar("SELECT COALESCE(SUM(amount_fen), 0) FROM contract_payment WHERE contract_id = $1", {id}));
    if (paid + p.amount_fen > total)
      throw Error(ErrorKind::conflict, "payment_exceeds_total",
                  "收款合计将超过合同总价(已收 " + std::to_string(paid) + " 分,总价 " + std::to_string(total) + " 分)",
                  "Payments would exceed the contract total (paid " + std::to_string(paid) + " of " +
                      std::to_string(total) + " fen)",
                  "amount_fen");
    const auto pid = tx.query("INSERT INTO contract_payment (contract_id, amount_fen, paid_date, voucher_ref, note, "
                              "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                              {id, p.amount_fen, to_date_string(date), p.voucher_ref, p.note, actor_param(actor), now_iso()})
                         .front()
                         .get<std::int64_t>(0);
    audit::record(tx, actor, "payment", "contract", std::to_string(id), region,
                  {{"payment_id", pid}, {"amount_fen", p.amount_fen}, {"paid_date", to_date_string(date)},
                   {"voucher_ref", p.voucher_ref}});
    return detail(tx, id);
  });
}

namespace {

std::string contract_where(store::Connection& c, const auth::Principal& actor, const std::optional<std::string>& region,
                           store::Params& params) {
  return auth::Scope(actor).list_condition(c, region, "k.region_code", "k.created_by", params);
}

}  // namespace

nlohmann::json list_contracts(store::Connection& c, const auth::Principal& actor, const ContractFilter& f,
                              const PageRequest& page) {
  actor.require(kAssetReadPermission);
  store::Params params;
  std::string where = contract_where(c, actor, f.region, params);
  const auto add = [&](const std::string& cond, store::Param v) {
    params.push_back(std::move(v));
    where += " AND " + cond + std::to_string(params.size());
  };
  if (f.kind) {
    if (!among(kContractKinds, *f.kind)) throw invalid_field("kind", "须为 contracting 或 lease", "must be contracting or lease");
    add("k.kind = $", *f.kind);
  }
  if (f.status) {
    if (!among(kContractStatuses, *f.status)) throw invalid_field("status", "须为 active 或 terminated", "must be active or terminated");
    add("k.status = $", *f.status);
  }
  const auto today = business_day(now());
  if (f.expiring) {
    params.push_back(to_date_string(today + std::chrono::days{kExpiringDays}));
    where += std::string(*f.expiring ? " AND k.status = 'active' AND k.end_date <= $" : " AND NOT (k.status = 'active' AND k.end_date <= $") +
             std::to_string(params.size()) + (*f.expiring ? "" : ")");
  }
  if (f.q) where += " AND " + store::contains_condition({"k.number", "k.counterparty"}, *f.q, params);
  PageRequest p = page;
  p.sort = "k." + (p.sort.empty() ? std::string("number") : p.sort);
  auto rows = store::query_page(c, kColumns, kFrom, where, params, p, "k.id");
  auto derived = load_derived(c, where, params);
  const auto t = Thresholds::load(c);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(evaluate(r, derived[r.get<std::int64_t>("id")], t, today).item);
  return {{"items", std::move(items)}, {"total", rows.total}};
}

namespace {

// Every contract in the scope, evaluated.
std::vector<Evaluated> evaluate_all(store::Connection& c, const auth::Principal& actor,
                                    const std::optional<std::string>& region) {
  store::Params params;
  const auto where = contract_where(c, actor, region, params);
  auto rows = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE " + where + " ORDER BY k.region_code, k.number, k.id",
                      params);
  auto derived = load_derived(c, where, params);
  const auto t = Thresholds::load(c);
  const auto today = business_day(now());
  std::vector<Evaluated> out;
  for (const auto& r : rows) out.push_back(evaluate(r, derived[r.get<std::int64_t>("id")], t, today));
  return out;
}

}  // namespace

nlohmann::json list_contract_warnings(store::Connection& c, const auth::Principal& actor, const WarningFilter& f,
                                      const PageRequest& page) {
  actor.require(kAssetReadPermission);
  if (f.level && !among(kWarningLevels, *f.level)) throw invalid_field("level", "须为 red、yellow 或 blue", "must be red, yellow or blue");
  if (f.type && !among(kWarningTypes, *f.type))
    throw invalid_field("type", "须为 term_too_long、payment_overdue、price_below_reference、expiring 或 expired",
                        "must be term_too_long, payment_overdue, price_below_reference, expiring or expired");
  std::vector<nlohmann::json> all;
  for (const auto& e : evaluate_all(c, actor, f.region))
    for (const auto& w : e.warnings) {
      if ((f.level && w.level != *f.level) || (f.type && w.type != *f.type)) continue;
      all.push_back({{"contract_id", e.item["id"]},
                     {"region_code", e.item["region_code"]},
                     {"region_name", e.item["region_name"]},
                     {"number", e.item["number"]},
                     {"kind", e.item["kind"]},
                     {"counterparty", e.item["counterparty"]},
                     {"subject_name", e.item["subject_name"]},
                     {"type", w.type},
                     {"level", w.level},
                     {"evidence", w.evidence}});
    }
  const auto rank = [](const nlohmann::json& w) { return w["level"] == "red" ? 0 : w["level"] == "yellow" ? 1 : 2; };
  const auto days = [](const nlohmann::json& w) { return w["evidence"].value("days_overdue", 0); };
  std::stable_sort(all.begin(), all.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return days(a) > days(b);
  });
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = static_cast<std::size_t>(page.offset()); i < all.size() && items.size() < static_cast<std::size_t>(page.size); ++i)
    items.push_back(all[i]);
  return {{"items", std::move(items)}, {"total", all.size()}};
}

nlohmann::json asset_summary(store::Connection& c, const auth::Principal& actor, const std::optional<std::string>& region) {
  actor.require(kAssetReadPermission);
  nlohmann::json assets = {{"count", 0}, {"original_value_fen", 0}, {"by_status", nlohmann::json::object()}};
  for (const auto& s : kAssetStatuses) assets["by_status"][s] = 0;
  {
    store::Params params;
    const auto where = auth::Scope(actor).list_condition(c, region, "a.region_code", "a.created_by", params);
    for (const auto& r : c.query("SELECT a.status, COUNT(*), COALESCE(SUM(a.original_value_fen), 0) FROM asset a WHERE " +
                                     where + " GROUP BY a.status",
                                 params)) {
      assets["by_status"][r.get<std::string>(0)] = r.get<std::int64_t>(1);
      assets["count"] = assets["count"].get<std::int64_t>() + r.get<std::int64_t>(1);
      if (r.get<std::string>(0) != "disposed")
        assets["original_value_fen"] = assets["original_value_fen"].get<std::int64_t>() + r.get<std::int64_t>(2);
    }
  }
  nlohmann::json resources = {{"count", 0}, {"by_kind", nlohmann::json::object()}};
  for (const auto& k : kResourceKinds) resources["by_kind"][k] = 0;
  {
    store::Params params;
    const auto where = auth::Scope(actor).list_condition(c, region, "r.region_code", "r.created_by", params);
    for (const auto& r : c.query("SELECT r.kind, COUNT(*) FROM resource r WHERE " + where + " GROUP BY r.kind", params)) {
      resources["by_kind"][r.get<std::string>(0)] = r.get<std::int64_t>(1);
      resources["count"] = resources["count"].get<std::int64_t>() + r.get<std::int64_t>(1);
    }
  }
  std::int64_t active = 0, total = 0, paid = 0, arrears = 0, expiring = 0, expired = 0;
  nlohmann::json levels = {{"red", 0}, {"yellow", 0}, {"blue", 0}}, types = nlohmann::json::object();
  for (const auto& t : kWarningTypes) types[t] = 0;
  for (const auto& e : evaluate_all(c, actor, region)) {
    for (const auto& w : e.warnings) {
      levels[w.level] = levels[w.level].get<std::int64_t>() + 1;
      types[w.type] = types[w.type].get<std::int64_t>() + 1;
    }
    if (e.item["status"] != "active") continue;
    ++active;
    total += e.item["total_fen"].get<std::int64_t>();
    paid += e.item["paid_fen"].get<std::int64_t>();
    arrears += e.item["arrears_fen"].get<std::int64_t>();
    if (e.item["expiry"] == "expiring") ++expiring;
    if (e.item["expiry"] == "expired") ++expired;
  }
  return {{"as_of", business_date(now())},
          {"assets", assets},
          {"resources", resources},
          {"contracts",
           {{"active", active}, {"total_fen", total}, {"paid_fen", paid}, {"arrears_fen", arrears},
            {"expiring", expiring}, {"expired", expired}}},
          {"warnings", {{"by_level", levels}, {"by_type", types}}}};
}

nlohmann::json create_contracts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                                const std::vector<ContractInput>& contracts) {
  actor.require(kAssetWritePermission);
  require_village(c, actor, region_code, "region");
  static const std::map<std::string, std::string> columns = {
      {"number", "合同编号"},        {"kind", "合同类型"},         {"subject_type", "标的类型"},
      {"subject_id", "标的编号"},    {"counterparty", "承包方"},   {"counterparty_id_no", "证件号码"},
      {"counterparty_phone", "联系电话"}, {"start_date", "开始日期"}, {"end_date", "结束日期"},
      {"area_milli", "面积"},        {"area_unit", "面积单位"},    {"unit_price_fen", "单价"},
      {"total_fen", "总价"},         {"note", "备注"},             {"schedule", "总价"}};
  return store::with_transaction(c, [&](store::Connection& tx) {
    std::vector<RowProblem> problems;
    std::set<std::string> seen;
    std::vector<std::pair<ContractInput, Resolved>> checked;
    for (auto k : contracts) {
      k.region_code = region_code;
      Resolved s;
      for (const auto& p : check(tx, k, s)) {
        auto it = columns.find(p.field);
        problems.push_back({k.row, it == columns.end() ? p.field : it->second, p.zh, p.en});
      }
      if (number_taken(tx, region_code, k.number))
        problems.push_back({k.row, "合同编号", "合同编号 " + k.number + " 在本村已存在", "Contract number " + k.number + " already exists"});
      else if (!seen.insert(k.number).second)
        problems.push_back({k.row, "合同编号", "合同编号 " + k.number + " 在文件中重复", "Contract number " + k.number + " repeats in the file"});
      checked.emplace_back(std::move(k), s);
    }
    if (!problems.empty())
      throw Error(bad_request("import_rejected", "导入文件有 " + std::to_string(problems.size()) + " 处错误,未写入任何数据",
                              "The file has " + std::to_string(problems.size()) + " problem(s); nothing was imported",
                              "file"))
          .with_problems(std::move(problems));
    for (const auto& [k, s] : checked) insert(tx, actor, k, s);
    audit::record(tx, actor, "import", "contract", "", region_code, {{"created", checked.size()}});
    return nlohmann::json{{"created", checked.size()}};
  });
}

nlohmann::json get_asset_settings(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  actor.require(kAssetReadPermission);
  const auto region = auth::Scope(actor).require_region(c, region_code, "region");
  const auto t = Thresholds::load(c);
  const auto [limits, from] = t.limits_for(region.path);
  nlohmann::json prices = nlohmann::json::array();
  std::set<std::pair<std::string, std::string>> done;
  for (const auto& code : Thresholds::ancestors(region.path))
    if (auto it = t.prices.find(code); it != t.prices.end())
      for (const auto& [key, fen] : it->second)
        if (done.insert(key).second)
          prices.push_back({{"kind", key.first}, {"area_unit", key.second}, {"price_fen", fen}, {"region_code", code}});
  return {{"region_code", region.code},
          {"max_term_years", limits.max_term_years},
          {"max_term_years_arable", limits.max_term_years_arable},
          {"min_price_percent", limits.min_price_percent},
          {"inherited_from", from ? nlohmann::json(*from) : nlohmann::json()},
          {"reference_prices", prices}};
}

nlohmann::json put_asset_settings(store::Connection& c, const auth::Principal& actor, const AssetSettings& s) {
  actor.require(kAssetSettingsPermission);
  auth::Scope(actor).require_region(c, s.region_code, "region_code");
  std::set<std::pair<std::string, std::string>> keys;
  for (std::size_t i = 0; i < s.reference_prices.size(); ++i) {
    const auto& p = s.reference_prices[i];
    const auto f = "reference_prices[" + std::to_string(i) + "]";
    if (p.kind != "arable" && p.kind != "asset" && !among(kResourceKinds, p.kind))
      throw invalid_field(f + ".kind", "须为资源种类、arable 或 asset", "must be a resource kind, arable or asset");
    if (!among(kAreaUnits, p.area_unit)) throw invalid_field(f + ".area_unit", "须为 mu 或 m2", "must be mu or m2");
    if (!keys.insert({p.kind, p.area_unit}).second)
      throw invalid_field(f + ".kind", "同一种类和单位只能有一个参考价", "repeats a kind and unit");
  }
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = get_asset_settings(tx, actor, s.region_code);
    const auto at = now_iso();
    tx.query("INSERT INTO asset_setting (region_code, max_term_years, max_term_years_arable, min_price_percent, "
             "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (region_code) DO UPDATE SET "
             "max_term_years = excluded.max_term_years, max_term_years_arable = excluded.max_term_years_arable, "
             "min_price_percent = excluded.min_price_percent, updated_by = excluded.updated_by, updated_at = "
             "excluded.updated_at",
             {s.region_code, std::int64_t{s.limits.max_term_years}, std::int64_t{s.limits.max_term_years_arable},
              std::int64_t{s.limits.min_price_percent}, actor_param(actor), at});
    tx.query("DELETE FROM asset_reference_price WHERE region_code = $1", {s.region_code});
    for (const auto& p : s.reference_prices)
      tx.query("INSERT INTO asset_reference_price (region_code, kind, area_unit, price_fen) VALUES ($1, $2, $3, $4)",
               {s.region_code, p.kind, p.area_unit, p.price_fen});
    auto after = get_asset_settings(tx, actor, s.region_code);
    audit::record(tx, actor, "update", "asset_setting", s.region_code, s.region_code, audit::diff(before, after));
    return after;
  });
}

}  // namespace ql::ledger
