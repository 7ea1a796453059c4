#include "cli/import_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "auth/principal.hpp"
#include "ledger/asset_import.hpp"

namespace ql::cli {
namespace {

struct Kind {
  const char* name;
  const char* description;
  ledger::ImportKind kind;
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"assets", "Import assets (资产) from .xlsx/.csv; headers as in docs/IMPORT.md", ledger::ImportKind::assets},
      {"contracts", "Import contracts (合同) from .xlsx/.csv; headers as in docs/IMPORT.md", ledger::ImportKind::contracts},
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
    ic.kinds.emplace_back(k.name, sub);
  }
}

int run_import(store::Connection& c, const ImportCommand& ic) {
  std::ifstream in(ic.file, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  for (std::size_t i = 0; i < ic.kinds.size(); ++i) {
    if (!ic.kinds[i].second->parsed()) continue;
    const auto out = ledger::import_table(c, auth::system_principal("cli"), kinds()[i].kind, ic.region, buf.str(),
                                          ic.dry_run);
    if (!ic.dry_run) {
      std::cout << "Imported " << out["created"].get<std::size_t>() << " " << ic.kinds[i].first << " (导入成功).\n";
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
