#pragma once
// The columns of an import's dry-run preview (assets, contracts, vouchers, accounts): which key
// of the parsed rows each column of the file became, in the file's (the template's) order, with
// its header, an English label and how to show its value. Clients lay the preview out from this
// list instead of guessing from the rows' keys, which JSON objects carry sorted by name.
#include <string>
#include <vector>

namespace ql::ledger {

enum class ImportTable { assets, contracts, vouchers, accounts };

// A code a text column's values may hold and how people read it (在用 for in_use).
struct ValueLabel {
  std::string code, label_zh, label_en;
};

struct PreviewColumn {
  std::string key;       // the key in each preview row
  std::string header;    // the importer's header for it, as row problems name their column
  std::string label_en;  // the header in English
  std::string kind;      // text, date, integer, fen (money in fen), milli (area in thousandths), flag (true/false/null)
  std::vector<ValueLabel> values = {};  // for a column of codes: their labels
};

// The preview columns of one import, in the order of its columns in the template; a column the
// preview leaves out is absent. Headers come from the importer's own column specs, so the two
// cannot drift apart (throws std::logic_error on a mismatch, a programming error).
const std::vector<PreviewColumn>& preview_columns(ImportTable table);

}  // namespace ql::ledger
