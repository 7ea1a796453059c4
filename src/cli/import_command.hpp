#pragma once
// `qinglian import <kind> FILE --region CODE --db URL [--dry-run]`: one dispatcher for every
// table import (vouchers, accounts, assets, contracts; a further kind adds a row to the table
// in import_command.cpp). The file is .xlsx or CSV (UTF-8/GB18030); the import is all or
// nothing, and a rejected file exits 2 listing every problem with row and column.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "store/database.hpp"

namespace ql::cli {

struct ImportCommand {
  CLI::App* command = nullptr;
  std::vector<std::pair<std::string, CLI::App*>> kinds;  // subcommand name -> its App
  std::string file, region;
  bool dry_run = false;
  std::string unapproved_reason;  // vouchers: --unapproved-reason
  std::string opening_date;       // accounts: --opening-date

  // Whether `import` was given on the command line.
  bool selected() const { return command && command->parsed(); }
};

// Adds `import` and its kinds to app; db is the shared --db target of the other commands.
void add_import_command(CLI::App& app, ImportCommand& ic, std::string& db);

// Runs the chosen import as the system principal "cli"; returns the exit code (0 on success,
// 2 when a dry run finds problems). ql::Error propagates (import_rejected carries the
// problems) for main's report(), which exits 2 for it.
int run_import(store::Connection& c, const ImportCommand& ic);

}  // namespace ql::cli
