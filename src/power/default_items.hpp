#pragma once
// The built-in 小微权力清单 template (about 36 items, after 宁海's "36条": collective management
// and convenience services), each with its legal basis and flow. A street or village copies it
// and changes what its area needs; nothing here is a constant elsewhere.
#include <string>
#include <vector>

#include "power/flow.hpp"

namespace ql::power {

struct PowerItemSpec {
  std::string code;          // stable ASCII identifier, e.g. "collective.purchase"
  std::string name_zh, name_en;
  std::string group;         // "collective" (集体管理事项) or "service" (便民服务事项)
  std::string kind;          // routing kind, see routing.hpp: decision, works, purchase, service,
                             // asset_deal, spending, seal, subsidy, homestead, certificate, other
  std::string legal_basis;   // 法律依据, e.g. "《中华人民共和国村民委员会组织法》第二十四条"
  std::string description;
  Flow flow;
};

// The default items, in display order.
const std::vector<PowerItemSpec>& default_power_items();

}  // namespace ql::power
