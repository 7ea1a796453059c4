#pragma once
// A village's chart of accounts (科目表). The default template (default_chart.hpp) is copied
// into a village on first use (its first voucher or sub-account) or by an explicit init; the
// village may then add sub-accounts below any account ("102" -> "102.01 农商银行基本户"),
// rename and deactivate them, and delete those never used. Only leaves take postings, so an
// account that has postings cannot get sub-accounts (its entries would sit above them).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "ledger/default_chart.hpp"
#include "store/database.hpp"

namespace ql::ledger {

struct Account {
  std::int64_t id = 0;
  std::string region_code, code, name;
  Category category = Category::asset;
  Direction direction = Direction::debit;
  std::string parent_code;  // empty for a first-level account
  bool is_cash = false, is_bank = false, is_leaf = true, active = true, builtin = false;
  int sort = 0;
  std::string created_at, updated_at;
};

nlohmann::json to_json(const Account& a);

// The village's accounts ordered by code (empty when its chart was never initialised).
std::vector<Account> load_chart(store::Connection& c, const std::string& region_code);
// By code, for validating many lines against one preloaded chart.
std::map<std::string, Account> chart_by_code(store::Connection& c, const std::string& region_code);

// Copies the default template into the village unless it has a chart; call inside the write's
// transaction. Returns whether it copied.
bool ensure_chart(store::Connection& tx, const std::string& region_code);

// {"region_code","initialized","accounts":[...]} (ledger:fund:read); inactive accounts only
// when include_inactive.
nlohmann::json list_accounts(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             bool include_inactive);
// Copies the default template into the village (ledger:fund:write); 409 chart_exists when it
// has one. Returns as list_accounts.
nlohmann::json init_chart(store::Connection& c, const auth::Principal& actor, const std::string& region_code);

struct NewAccount {
  std::string region_code;
  std::string parent_code;           // the account to split
  std::optional<std::string> code;   // parent + ".NN"; default the next free NN
  std::string name;
  std::optional<bool> is_cash, is_bank;  // default: the parent's
};
// Adds a sub-account (ledger:fund:write). 409 account_in_use when the parent has postings,
// duplicate_account for a code taken; 400 naming the field for a bad code or a parent that
// does not exist or is inactive.
nlohmann::json add_account(store::Connection& c, const auth::Principal& actor, const NewAccount& in);

struct AccountPatch {
  std::optional<std::string> name;
  std::optional<bool> active;
};
// Renames / (de)activates a sub-account (template accounts are fixed: 409 builtin_account).
// Deactivating needs a zero balance and no active sub-accounts (409 account_has_balance /
// account_has_children).
nlohmann::json update_account(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const AccountPatch& p);
// Deletes a sub-account that no voucher line uses and that has no sub-accounts (409
// account_in_use / builtin_account / account_has_children).
void delete_account(store::Connection& c, const auth::Principal& actor, std::int64_t id);

}  // namespace ql::ledger
