#include "cli/import_command.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "auth/principal.hpp"
#include "ledger/account_import.hpp"
#include "ledger/asset_import.hpp"
#include "ledger/voucher_import.hpp"

namespace ql::cli {
namespace {

using Run = std::function<nlohmann::json(store::Connection&, const ImportCommand&, std::string bytes)>;

struct Kind {
  const char* name;
  const char* description;
  Run run;
};

nlohmann::json run_assets(store::Connection& c, const ImportCommand& ic, std::string bytes, ledger::ImportKind k) {
  return ledger::import_table(c, auth::system_principal("cli"), k, ic.region, std::move(bytes), ic.dry_run);
}

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"vouchers", "Import vouchers (凭证) from .xlsx/.csv: one row per line, headers as in docs/IMPORT.md",
       [](store::Connection& c, const ImportCommand& ic, std::string bytes) {
         ledger::VoucherImportOptions o;
         o.dry_run = ic.dry_run;
         if (!ic.unapproved_reason.empty()) o.unapproved_reason = ic.unapproved_reason;
         return ledger::import_vouchers(c, auth::system_principal("cli"), ic.region, std::move(bytes), o);
       }},
      {"accounts", "Import the chart of accounts (科目) with opening balances; headers as in docs/IMPORT.md",
       [](store::Connection& c, const ImportCommand& ic, std::string bytes) {
         ledger::AccountImportOptions o;
         o.dry_run = ic.dry_run;
         if (!ic.opening_date.empty()) o.opening_date = ic.opening_date;
         return ledger::import_accounts(c, auth::system_principal("cli"), ic.region, std::move(bytes), o);
       }},
      {"assets", "Import assets (资产) from .xlsx/.csv; headers as in docs/IMPORT.md",
       [](store::Connection& c, const ImportCommand& ic, std::string bytes) {
         return run_assets(c, ic, std::move(bytes), ledger::ImportKind::assets);
       }},
      {"contracts", "Import contracts (合同) from .xlsx/.csv; headers as in docs/IMPORT.md",
       [](store::Connection& c, const ImportCommand& ic, std::string bytes) {
         return run_assets(c, ic, std::move(bytes), ledger::ImportKind::contracts);
       }},
  };
  return k;
}

}  // namespace

void add_import_command(CLI::App& app, ImportCommand& ic, std::string& db) {
  ic.command = app.add_subcommand("import", "Import a table file (导入): all rows or none");
  ic.command->require_subcommand(1);
  for (const auto& k : kinds()) {
    auto* sub = ic.command->add_subcommand(k.name, k.description);
    sub->add_option("file", ic.file, ".xlsx or .csv (UTF-8 or GB18030)")->required()->check(CLI::ExistingFile);
    sub->add_option("--region", ic.region, "Village (community) code the rows belong to")->required();
    sub->add_option("--db", db, "Database URL");
    sub->add_flag("--dry-run", ic.dry_run, "Check the file and list problems; write nothing");
    if (std::string(k.name) == "vouchers")
      sub->add_option("--unapproved-reason", ic.unapproved_reason,
                      "Flag every payment without 审批编号 as an unapproved exception with this reason (historic books)");
    if (std::string(k.name) == "accounts")
      sub->add_option("--opening-date", ic.opening_date,
                      "Date of the opening-balance voucher (YYYY-MM-DD), needed when 年初余额 is given");
    ic.kinds.emplace_back(k.name, sub);
  }
}

int run_import(store::Connection& c, const ImportCommand& ic) {
  // Read straight into one string of the file's size: a stringstream and its str() copy would
  // hold the file twice (120 MB for a million voucher lines).
  std::ifstream in(ic.file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(ic.file)), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  for (std::size_t i = 0; i < ic.kinds.size(); ++i) {
    if (!ic.kinds[i].second->parsed()) continue;
    const auto out = kinds()[i].run(c, ic, std::move(bytes));
    if (!ic.dry_run) {
      std::cout << "Imported " << out["created"].get<std::size_t>() << " " << ic.kinds[i].first;
      if (out.contains("lines")) std::cout << " (" << out["lines"].get<std::size_t>() << " lines)";
      if (out.contains("opening_voucher") && !out["opening_voucher"].is_null())
        std::cout << " and an opening-balance voucher of " << out["opening_voucher"]["lines"].get<std::size_t>()
                  << " lines";
      std::cout << " (导入成功).\n";
      return 0;
    }
    for (const auto& p : out["problems"])
      std::cerr << "  第 " << p["row"].get<int>() << " 行, " << p["column"].get<std::string>() << ": "
                << p["message_zh"].get<std::string>() << "\n";
    std::cout << out["total_rows"].get<std::size_t>() << " rows checked, " << out["problems"].size()
              << " problem(s); nothing written (dry run).\n";
    return out["valid"].get<bool>() ? 0 : 2;
  }
  return 1;
}

}  // namespace ql::cli
