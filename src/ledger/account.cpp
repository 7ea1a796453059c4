#include "ledger/account.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "ledger/period.hpp"

namespace ql::ledger {
namespace {

constexpr const char* kColumns =
    "id, region_code, code, name, category, direction, parent_code, is_cash, is_bank, is_leaf, active, builtin, "
    "sort, created_at, updated_at";

Category category_of(const std::string& s) {
  for (auto c : {Category::asset, Category::liability, Category::equity, Category::cost, Category::profit_loss})
    if (to_string(c) == s) return c;
  return Category::asset;
}

Account from_row(const store::Row& r) {
  Account a;
  a.id = r.get<std::int64_t>("id");
  a.region_code = r.get<std::string>("region_code");
  a.code = r.get<std::string>("code");
  a.name = r.get<std::string>("name");
  a.category = category_of(r.get<std::string>("category"));
  a.direction = r.get<std::string>("direction") == "credit" ? Direction::credit : Direction::debit;
  a.parent_code = r.opt<std::string>("parent_code").value_or("");
  a.is_cash = r.get<bool>("is_cash");
  a.is_bank = r.get<bool>("is_bank");
  a.is_leaf = r.get<bool>("is_leaf");
  a.active = r.get<bool>("active");
  a.builtin = r.get<bool>("builtin");
  a.sort = r.get<int>("sort");
  a.created_at = r.get<std::string>("created_at");
  a.updated_at = r.get<std::string>("updated_at");
  return a;
}

Account load_account(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM ledger_account WHERE id = $1", {id});
  if (rs.empty()) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("会计科目", "Account");
    throw forbidden();
  }
  auto a = from_row(rs.front());
  auth::Scope(actor).require_region(c, a.region_code);
  return a;
}

// By village and code, which the (region_code, account_code, entry_date) index answers.
bool has_entries(store::Connection& c, const Account& a) {
  return c.scalar("SELECT COUNT(*) FROM ledger_entry WHERE region_code = $1 AND account_code = $2",
                  {a.region_code, a.code}) != "0";
}

nlohmann::json chart_json(store::Connection& c, const std::string& region_code, bool include_inactive) {
  nlohmann::json accounts = nlohmann::json::array();
  auto chart = load_chart(c, region_code);
  for (const auto& a : chart)
    if (include_inactive || a.active) accounts.push_back(to_json(a));
  return {{"region_code", region_code}, {"initialized", !chart.empty()}, {"accounts", std::move(accounts)}};
}

nlohmann::json audit_view(const Account& a) {
  auto j = to_json(a);
  j.erase("created_at");
  j.erase("updated_at");
  return j;
}

// A sub-account code: the parent's code, '.', two digits.
bool valid_child_code(const std::string& code, const std::string& parent) {
  return code.size() == parent.size() + 3 && code.compare(0, parent.size(), parent) == 0 &&
         code[parent.size()] == '.' && std::isdigit(static_cast<unsigned char>(code[parent.size() + 1])) &&
         std::isdigit(static_cast<unsigned char>(code[parent.size() + 2])) && code.substr(parent.size() + 1) != "00";
}

}  // namespace

nlohmann::json to_json(const Account& a) {
  return {{"id", a.id},
          {"region_code", a.region_code},
          {"code", a.code},
          {"name", a.name},
          {"category", to_string(a.category)},
          {"direction", to_string(a.direction)},
          {"parent_code", a.parent_code.empty() ? nlohmann::json() : nlohmann::json(a.parent_code)},
          {"level", std::count(a.code.begin(), a.code.end(), '.') + 1},
          {"is_cash", a.is_cash},
          {"is_bank", a.is_bank},
          {"is_leaf", a.is_leaf},
          {"active", a.active},
          {"builtin", a.builtin},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

std::vector<Account> load_chart(store::Connection& c, const std::string& region_code) {
  std::vector<Account> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kColumns + " FROM ledger_account WHERE region_code = $1 ORDER BY code", {region_code}))
    out.push_back(from_row(r));
  return out;
}

std::map<std::string, Account> chart_by_code(store::Connection& c, const std::string& region_code) {
  std::map<std::string, Account> out;
  for (auto& a : load_chart(c, region_code)) out.emplace(a.code, std::move(a));
  return out;
}

bool ensure_chart(store::Connection& tx, const std::string& region_code) {
  if (tx.scalar("SELECT COUNT(*) FROM ledger_account WHERE region_code = $1", {region_code}) != "0") return false;
  const auto at = now_iso();
  const auto& chart = default_chart();
  int sort = 0;
  for (const auto& t : chart) {
    const bool leaf = std::none_of(chart.begin(), chart.end(), [&](const TemplateAccount& o) {
      return parent_code_of(o.code) == t.code;
    });
    const auto parent = parent_code_of(t.code);
    tx.query("INSERT INTO ledger_account (region_code, code, name, category, direction, parent_code, is_cash, "
             "is_bank, is_leaf, active, builtin, sort, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
             "$8, $9, 1, 1, $10, $11, $11)",
             {region_code, std::string(t.code), std::string(t.name), std::string(to_string(t.category)),
              std::string(to_string(t.direction)),
              parent.empty() ? store::Param() : store::Param(std::string(parent)), store::to_param(t.is_cash),
              store::to_param(t.is_bank), store::to_param(leaf), std::int64_t{sort += 10}, at});
  }
  return true;
}

nlohmann::json list_accounts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             bool include_inactive) {
  actor.require(kReadPermission);
  require_village(c, actor, region_code);
  return chart_json(c, region_code, include_inactive);
}

nlohmann::json init_chart(store::Connection& c, const auth::Principal& actor, const std::string& region_code) {
  actor.require(kWritePermission);
  require_village(c, actor, region_code, "region_code");
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (!ensure_chart(tx, region_code))
      throw conflict("chart_exists", "该村(社区)已有科目表", "This village already has a chart of accounts");
    audit::record(tx, actor, "init", "ledger_chart", region_code, region_code,
                  {{"after", {{"template", "村集体经济组织会计制度(2004)"}, {"accounts", default_chart().size()}}}});
    return chart_json(tx, region_code, true);
  });
}

nlohmann::json add_account(store::Connection& c, const auth::Principal& actor, const NewAccount& in) {
  actor.require(kWritePermission);
  require_village(c, actor, in.region_code, "region_code");
  text::require_length("name", in.name, 1, 50);
  return store::with_transaction(c, [&](store::Connection& tx) {
    ensure_chart(tx, in.region_code);
    auto chart = chart_by_code(tx, in.region_code);
    auto parent_it = chart.find(in.parent_code);
    if (parent_it == chart.end())
      throw invalid_field("parent_code", "科目 " + in.parent_code + " 不存在", "account " + in.parent_code + " does not exist");
    const Account parent = parent_it->second;
    if (!parent.active)
      throw invalid_field("parent_code", "科目 " + parent.code + " 已停用", "account " + parent.code + " is inactive");
    if (std::count(parent.code.begin(), parent.code.end(), '.') >= 3)
      throw invalid_field("parent_code", "明细科目最多四级", "sub-accounts go at most four levels deep");
    std::string code;
    if (in.code) {
      code = *in.code;
      if (!valid_child_code(code, parent.code))
        throw invalid_field("code", "须为上级科目编码加“.”和两位数字,如 " + parent.code + ".01",
                            "must be the parent's code, '.', and two digits, e.g. " + parent.code + ".01");
      if (chart.count(code))
        throw Error(ErrorKind::conflict, "duplicate_account", "科目编码 " + code + " 已存在",
                    "Account code " + code + " already exists", "code");
    } else {
      for (int n = 1; n <= 99 && code.empty(); ++n) {
        char buf[16];
        std::snprintf(buf, sizeof buf, ".%02d", n);
        if (!chart.count(parent.code + buf)) code = parent.code + buf;
      }
      if (code.empty())
        throw conflict("duplicate_account", "该科目下已有 99 个明细科目", "The account already has 99 sub-accounts");
    }
    if (parent.is_leaf && has_entries(tx, parent))
      throw conflict("account_in_use", "科目 " + parent.code + " 已有记账,不能再设明细科目",
                     "Account " + parent.code + " has postings and cannot get sub-accounts");
    const auto at = now_iso();
    auto id = tx.query("INSERT INTO ledger_account (region_code, code, name, category, direction, parent_code, "
                       "is_cash, is_bank, is_leaf, active, builtin, sort, created_at, updated_at) VALUES ($1, $2, $3, "
                       "$4, $5, $6, $7, $8, 1, 1, 0, $9, $10, $10) RETURNING id",
                       {in.region_code, code, in.name, std::string(to_string(parent.category)),
                        std::string(to_string(parent.direction)), parent.code,
                        store::to_param(in.is_cash.value_or(parent.is_cash)),
                        store::to_param(in.is_bank.value_or(parent.is_bank)), std::int64_t{parent.sort}, at})
                  .front()
                  .get<std::int64_t>(0);
    tx.query("UPDATE ledger_account SET is_leaf = 0, updated_at = $2 WHERE id = $1", {parent.id, at});
    auto a = load_account(tx, actor, id);
    audit::record(tx, actor, "create", "ledger_account", std::to_string(id), in.region_code, {{"after", audit_view(a)}});
    return to_json(a);
  });
}

nlohmann::json update_account(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const AccountPatch& p) {
  actor.require(kWritePermission);
  if (p.name) text::require_length("name", *p.name, 1, 50);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = load_account(tx, actor, id);
    if (before.builtin)
      throw conflict("builtin_account", "模板科目不能修改或停用,只能增设明细科目",
                     "Template accounts cannot be changed; add sub-accounts instead");
    if (p.active && !*p.active && before.active) {
      if (tx.scalar("SELECT COUNT(*) FROM ledger_account WHERE region_code = $1 AND parent_code = $2 AND active = 1",
                    {before.region_code, before.code}) != "0")
        throw conflict("account_has_children", "该科目有启用的明细科目", "The account has active sub-accounts");
      auto balance = tx.scalar("SELECT COALESCE(SUM(debit_fen - credit_fen), 0) FROM ledger_entry WHERE region_code = "
                               "$1 AND account_code = $2 AND posted = 1",
                               {before.region_code, before.code});
      if (balance && *balance != "0")
        throw conflict("account_has_balance", "科目余额不为零,不能停用", "The account has a balance and cannot be deactivated");
    }
    if (p.active && *p.active && !before.active) {
      auto parent_active = tx.scalar("SELECT active FROM ledger_account WHERE region_code = $1 AND code = $2",
                                     {before.region_code, before.parent_code});
      if (parent_active && *parent_active != "1" && *parent_active != "t")
        throw conflict("parent_inactive", "上级科目已停用", "The parent account is inactive");
    }
    tx.query("UPDATE ledger_account SET name = $2, active = $3, updated_at = $4 WHERE id = $1",
             {id, p.name.value_or(before.name), store::to_param(p.active.value_or(before.active)), now_iso()});
    auto after = load_account(tx, actor, id);
    audit::record(tx, actor, "update", "ledger_account", std::to_string(id), after.region_code,
                  audit::diff(audit_view(before), audit_view(after)));
    return to_json(after);
  });
}

void delete_account(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kWritePermission);
  store::with_transaction(c, [&](store::Connection& tx) {
    const auto a = load_account(tx, actor, id);
    if (a.builtin) throw conflict("builtin_account", "模板科目不能删除", "Template accounts cannot be deleted");
    if (!a.is_leaf)
      throw conflict("account_has_children", "该科目有明细科目,不能删除", "The account has sub-accounts");
    if (has_entries(tx, a))
      throw conflict("account_in_use", "科目已有记账,不能删除(可停用)", "The account has postings; deactivate it instead");
    tx.query("DELETE FROM ledger_account WHERE id = $1", {id});
    // The parent takes postings again once its last sub-account is gone.
    if (tx.scalar("SELECT COUNT(*) FROM ledger_account WHERE region_code = $1 AND parent_code = $2",
                  {a.region_code, a.parent_code}) == "0")
      tx.query("UPDATE ledger_account SET is_leaf = 1, updated_at = $3 WHERE region_code = $1 AND code = $2",
               {a.region_code, a.parent_code, now_iso()});
    audit::record(tx, actor, "delete", "ledger_account", std::to_string(id), a.region_code, {{"before", audit_view(a)}});
  });
}

}  // namespace ql::ledger
