#include "power/approval_ref.hpp"

#include "core/error.hpp"
#include "core/money.hpp"

namespace ql::power {

void check_approval_ref(store::Connection& c, const std::string& region_code, const std::string& ref,
                        std::int64_t amount_fen, std::int64_t already_paid_fen) {
  auto rs = c.query("SELECT region_code, status, amount_fen FROM power_case WHERE number = $1", {ref});
  if (rs.empty() || rs.front().get<std::string>(0) != region_code)
    throw invalid_field("approval_ref", "不是本村(社区)的小微权力办件编号", "is not the number of a power case of this village");
  const auto& r = rs.front();
  if (r.get<std::string>(1) != "completed")
    throw invalid_field("approval_ref", "引用的办件 " + ref + " 尚未审批完成", "cites case " + ref + ", which is not fully approved");
  if (r.is_null(2))
    throw invalid_field("approval_ref", "引用的办件 " + ref + " 没有审批金额", "cites case " + ref + ", which approved no amount");
  const auto approved = r.get<std::int64_t>(2);
  if (already_paid_fen + amount_fen > approved)
    throw invalid_field("approval_ref",
                        "付款 " + money::format_yuan(amount_fen) + " 元(该办件已付 " + money::format_yuan(already_paid_fen) +
                            " 元)超过办件 " + ref + " 审批的 " + money::format_yuan(approved) + " 元",
                        "the payment of " + money::format_yuan(amount_fen) + " (plus " + money::format_yuan(already_paid_fen) +
                            " already paid under it) exceeds the " + money::format_yuan(approved) + " approved by case " + ref);
}

}  // namespace ql::power
