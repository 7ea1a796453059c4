#pragma once
// The default chart of accounts a village's books start from: the first-level accounts of the
// 《村集体经济组织会计制度》(财会〔2004〕12号) with their codes (101 现金 ... 561 投资收益), plus
// a few customary second-level accounts. The 2023 revision (财会〔2023〕14号) could not be
// confirmed from sources at hand, so this is the 2004 table; see docs/LEDGER.md.
#include <string_view>
#include <vector>

namespace ql::ledger {

enum class Category { asset, liability, equity, cost, profit_loss };
enum class Direction { debit, credit };

std::string_view to_string(Category c);
std::string_view to_string(Direction d);

struct TemplateAccount {
  std::string_view code;
  std::string_view name;
  Category category;
  Direction direction;
  bool is_cash = false;
  bool is_bank = false;
};

// In display order; a code's parent is the code before its last '.', and appears earlier.
const std::vector<TemplateAccount>& default_chart();

// The parent code of a sub-account ("102.01" -> "102"), empty for a first-level account.
std::string_view parent_code_of(std::string_view code);

}  // namespace ql::ledger
