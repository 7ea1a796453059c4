#pragma once
// Routing rules (审批权限): which amount band a case falls into, by the region's thresholds for
// the item's kind. Defaults follow DOMAIN.md (purchases under 2,000 元 by the head, 2,000 to
// 50,000 by joint meeting, 50,000 and above through 四议两公开 and public tender; works of
// 50万 to 400万 through the township trading centre, above 400万 the county's; non-productive
// spending lower); a street sets its own for its villages and a village may tighten them.
// The nearest region up the tree with a rule for the kind wins, then the built-in default.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "power/flow.hpp"
#include "store/database.hpp"

namespace ql::power {

// Lower bounds in fen of each band above `small`; an amount below medium_from_fen is small.
// township_from_fen / county_from_fen are absent for kinds that never go to a trading centre.
struct Thresholds {
  std::string kind;  // decision, works, purchase, service, asset_deal, spending, ... or "*"
  std::int64_t medium_from_fen = 0;
  std::int64_t large_from_fen = 0;
  std::optional<std::int64_t> township_from_fen;
  std::optional<std::int64_t> county_from_fen;
};

// The built-in defaults, one per kind plus "*" for the rest.
const std::vector<Thresholds>& default_thresholds();

// The thresholds in force for `kind` in `region_code` (nearest region with a rule, else the
// default). No permission check: callers are services that have already checked scope.
Thresholds thresholds_for(store::Connection& c, const std::string& region_code, const std::string& kind);

// The band of `amount_fen` under `t`; AmountBand::none when the amount is absent.
AmountBand band_for(const Thresholds& t, std::optional<std::int64_t> amount_fen);

}  // namespace ql::power
