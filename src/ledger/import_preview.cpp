#include "ledger/import_preview.hpp"

#include <stdexcept>

#include "core/table_reader.hpp"
#include "ledger/account_import.hpp"
#include "ledger/asset_import.hpp"
#include "ledger/voucher_import.hpp"

namespace ql::ledger {
namespace {

// What the preview makes of one column of the file; an empty key: the preview leaves it out.
struct Meaning {
  std::string key, label_en, kind;
  std::vector<ValueLabel> values = {};
};

// The codes the importers turn their cells into (asset_import.cpp, account_import.cpp).
const std::vector<ValueLabel> kAssetStatusLabels = {
    {"in_use", "在用", "in use"}, {"idle", "闲置", "idle"}, {"leased", "出租", "leased"}, {"disposed", "已处置", "disposed"}};
const std::vector<ValueLabel> kContractKindLabels = {{"contracting", "发包", "contracting"}, {"lease", "出租", "lease"}};
const std::vector<ValueLabel> kSubjectLabels = {{"resource", "资源", "resource"}, {"asset", "资产", "asset"}};
const std::vector<ValueLabel> kUnitLabels = {{"mu", "亩", "mu"}, {"m2", "平方米", "m²"}};
const std::vector<ValueLabel> kClassLabels = {{"asset", "资产", "asset"},
                                                 {"liability", "负债", "liability"},
                                                 {"equity", "所有者权益", "equity"},
                                                 {"cost", "成本", "cost"},
                                                 {"profit_loss", "损益", "profit and loss"}};
const std::vector<ValueLabel> kSideLabels = {{"debit", "借", "debit"}, {"credit", "贷", "credit"}};

// Pairs the importer's specs with their meanings, one for one in the file's order.
std::vector<PreviewColumn> pair(const std::vector<table::ColumnSpec>& specs, const std::vector<Meaning>& meanings) {
  if (specs.size() != meanings.size())
    throw std::logic_error("import preview: " + std::to_string(meanings.size()) + " meanings for " +
                           std::to_string(specs.size()) + " columns");
  std::vector<PreviewColumn> out;
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (!meanings[i].key.empty()) out.push_back({meanings[i].key, specs[i].name, meanings[i].label_en, meanings[i].kind, meanings[i].values});
  return out;
}

std::vector<PreviewColumn> build(ImportTable table) {
  switch (table) {
    case ImportTable::assets:
      return pair(asset_import_template(ImportKind::assets).columns,
                  {{"code", "Code", "text"},
                   {"name", "Name", "text"},
                   {"category", "Category", "text"},
                   {"original_value_fen", "Original value", "fen"},
                   {"acquired_date", "Acquired", "date"},
                   {"location", "Location", "text"},
                   {"custodian", "Custodian", "text"},
                   {"status", "Status", "text", kAssetStatusLabels},
                   {"note", "Note", "text"}});
    case ImportTable::contracts:
      return pair(asset_import_template(ImportKind::contracts).columns,
                  {{"number", "Number", "text"},
                   {"kind", "Kind", "text", kContractKindLabels},
                   {"subject_type", "Subject type", "text", kSubjectLabels},
                   {"subject_code", "Subject code", "text"},
                   {"counterparty", "Counterparty", "text"},
                   {"counterparty_id_no", "ID number", "text"},
                   {"counterparty_phone", "Phone", "text"},
                   {"start_date", "Start", "date"},
                   {"end_date", "End", "date"},
                   {"area_milli", "Area", "milli"},
                   {"area_unit", "Unit", "text", kUnitLabels},
                   {"unit_price_fen", "Unit price", "fen"},
                   {"total_fen", "Total", "fen"},
                   {"note", "Note", "text"}});
    case ImportTable::vouchers:
      return pair(voucher_import_columns(), {{"date", "Date", "date"},
                                             {"number", "Number", "integer"},
                                             {"summary", "Summary", "text"},
                                             {"account_code", "Account code", "text"},
                                             {"account_name", "Account name", "text"},
                                             {"debit_fen", "Debit", "fen"},
                                             {"credit_fen", "Credit", "fen"},
                                             {"counterparty", "Counterparty", "text"},
                                             {"settlement", "Settlement", "text"},
                                             {"attachment_count", "Attachments", "text"},
                                             {"approval_ref", "Approval ref.", "text"},
                                             {"unapproved_reason", "Exception reason", "text"}});
    case ImportTable::accounts:
      return pair(account_import_template().columns, {{"code", "Account code", "text"},
                                                      {"name", "Account name", "text"},
                                                      {"parent_code", "Parent", "text"},
                                                      {"category", "Class", "text", kClassLabels},
                                                      {"direction", "Normal side", "text", kSideLabels},
                                                      {"is_cash", "Cash account", "flag"},
                                                      {"is_bank", "Bank account", "flag"},
                                                      {"opening_fen", "Opening balance", "fen"}});
  }
  throw std::logic_error("import preview: unknown table");
}

}  // namespace

const std::vector<PreviewColumn>& preview_columns(ImportTable table) {
  static const std::vector<PreviewColumn> assets = build(ImportTable::assets), contracts = build(ImportTable::contracts),
                                          vouchers = build(ImportTable::vouchers), accounts = build(ImportTable::accounts);
  switch (table) {
    case ImportTable::assets: return assets;
    case ImportTable::contracts: return contracts;
    case ImportTable::vouchers: return vouchers;
    case ImportTable::accounts: return accounts;
  }
  throw std::logic_error("import preview: unknown table");
}

}  // namespace ql::ledger
