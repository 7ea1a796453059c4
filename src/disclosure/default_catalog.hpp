#pragma once
// The built-in default catalogue (默认模板): what a village or community must publish, how
// often and by when, following 村委会组织法 §30 (at least quarterly, monthly where finances are
// busy, major matters at once) and the common provincial catalogues (quarterly items by the 20th
// of the next quarter's first month, any single spending of 5万元 or more immediately). A street
// starts its template from it and changes what its area needs; nothing here is enforced as a
// constant elsewhere.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "disclosure/due_period.hpp"

namespace ql::disclosure {

struct CatalogItemSpec {
  std::string code;      // stable ASCII identifier, "<category>.<name>"
  std::string title;
  std::string category;  // party, affairs, finance, service
  Frequency frequency;
  int due_days;
  std::optional<std::int64_t> threshold_fen;  // for spending-triggered immediate items
  std::string description;
  int sort;
};

// The default items, in display order.
const std::vector<CatalogItemSpec>& default_catalog_items();

}  // namespace ql::disclosure
