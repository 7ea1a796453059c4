#include "power/routing.hpp"

#include "core/error.hpp"
#include "region/region.hpp"

namespace ql::power {

namespace {

constexpr std::int64_t yuan(std::int64_t y) { return y * 100; }

// Region codes from `code` up to the root, nearest first (from the stored ancestor path).
std::vector<std::string> self_and_ancestors(store::Connection& c, const std::string& code) {
  std::vector<std::string> out;
  auto r = region::find(c, code);
  if (!r) return {code};
  const auto& path = r->path;  // "/a/b/c/"
  std::size_t end = path.size();
  while (end > 1) {
    auto start = path.rfind('/', end - 2);
    if (start == std::string::npos) break;
    out.push_back(path.substr(start + 1, end - 1 - (start + 1)));
    end = start + 1;
  }
  return out;
}

std::optional<Thresholds> rule_row(store::Connection& c, const std::string& region_code, const std::string& kind) {
  auto rs = c.query(
      "SELECT kind, medium_from_fen, large_from_fen, township_from_fen, county_from_fen "
      "FROM power_rule WHERE region_code = $1 AND kind = $2",
      {region_code, kind});
  if (rs.empty()) return std::nullopt;
  const auto& r = rs.front();
  return Thresholds{r.get<std::string>("kind"), r.get<std::int64_t>("medium_from_fen"),
                    r.get<std::int64_t>("large_from_fen"), r.opt<std::int64_t>("township_from_fen"),
                    r.opt<std::int64_t>("county_from_fen")};
}

const Thresholds* default_for(const std::string& kind) {
  for (const auto& t : default_thresholds())
    if (t.kind == kind) return &t;
  return nullptr;
}

}  // namespace

const std::vector<Thresholds>& default_thresholds() {
  // DOMAIN.md "Facts from deployed systems": purchases under 2,000 元 by the head, 2,000 to
  // 50,000 by joint meeting, 50,000 and above by the representatives' meeting (四议两公开) with
  // public tender; works, purchases and services of 50万 to 400万 through the township
  // trading centre, above 400万 the county's. Spending tiers are lower (1,000 / 2,000 元 in one
  // rulebook's 主任 / 两委 / 代表会议 tiers).
  static const std::vector<Thresholds> all = {
      {"purchase", yuan(2000), yuan(50000), yuan(500000), yuan(4000000)},
      {"works", yuan(2000), yuan(50000), yuan(500000), yuan(4000000)},
      {"service", yuan(2000), yuan(50000), yuan(500000), yuan(4000000)},
      {"asset_deal", yuan(2000), yuan(50000), yuan(500000), yuan(4000000)},
      {"spending", yuan(1000), yuan(2000), std::nullopt, std::nullopt},
      {"decision", yuan(2000), yuan(50000), std::nullopt, std::nullopt},
      {"*", yuan(2000), yuan(50000), std::nullopt, std::nullopt},
  };
  return all;
}

Thresholds thresholds_for(store::Connection& c, const std::string& region_code, const std::string& kind) {
  const auto chain = self_and_ancestors(c, region_code);
  for (const auto& code : chain)
    if (auto t = rule_row(c, code, kind)) return *t;
  if (const auto* d = default_for(kind)) return *d;
  // A kind without its own default follows the region's "*" rule, then the built-in "*".
  for (const auto& code : chain)
    if (auto t = rule_row(c, code, "*")) {
      t->kind = kind;
      return *t;
    }
  auto t = *default_for("*");
  t.kind = kind;
  return t;
}

AmountBand band_for(const Thresholds& t, std::optional<std::int64_t> amount_fen) {
  if (!amount_fen) return AmountBand::none;
  const auto a = *amount_fen;
  if (a < t.medium_from_fen) return AmountBand::small;
  if (a < t.large_from_fen) return AmountBand::medium;
  if (t.county_from_fen && a >= *t.county_from_fen) return AmountBand::county;
  if (t.township_from_fen && a >= *t.township_from_fen) return AmountBand::township;
  return AmountBand::large;
}

}  // namespace ql::power
