#include "ledger/import_preview.hpp"

#include <gtest/gtest.h>

#include <set>

#include "ledger/account_import.hpp"
#include "ledger/asset_import.hpp"
#include "ledger/voucher_import.hpp"

namespace ql::ledger {
namespace {

// The headers come from the importers' own specs, one for one: every column of each file is
// in its preview, in the file's order, under the header the importer reads.
TEST(ImportPreview, ColumnsFollowTheImportersSpecs) {
  const std::vector<std::pair<ImportTable, std::vector<table::ColumnSpec>>> tables = {
      {ImportTable::assets, asset_import_template(ImportKind::assets).columns},
      {ImportTable::contracts, asset_import_template(ImportKind::contracts).columns},
      {ImportTable::vouchers, voucher_import_columns()},
      {ImportTable::accounts, account_import_template().columns}};
  for (const auto& [table, specs] : tables) {
    const auto& columns = preview_columns(table);
    ASSERT_EQ(columns.size(), specs.size());
    std::set<std::string> keys;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      EXPECT_EQ(columns[i].header, specs[i].name) << i;
      EXPECT_FALSE(columns[i].label_en.empty()) << columns[i].key;
      EXPECT_TRUE(keys.insert(columns[i].key).second) << "twice: " << columns[i].key;
      EXPECT_TRUE((std::set<std::string>{"text", "date", "integer", "fen", "milli", "flag"}.count(columns[i].kind)))
          << columns[i].kind;
    }
  }
  EXPECT_EQ(preview_columns(ImportTable::vouchers).front().key, "date");
  EXPECT_EQ(preview_columns(ImportTable::vouchers)[5].key, "debit_fen");
  EXPECT_EQ(preview_columns(ImportTable::vouchers)[5].kind, "fen");
}

}  // namespace
}  // namespace ql::ledger
