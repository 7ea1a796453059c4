#include "ledger/default_chart.hpp"

namespace ql::ledger {

std::string_view to_string(Category c) {
  switch (c) {
    case Category::asset: return "asset";
    case Category::liability: return "liability";
    case Category::equity: return "equity";
    case Category::cost: return "cost";
    case Category::profit_loss: return "profit_loss";
  }
  return "asset";
}

std::string_view to_string(Direction d) { return d == Direction::debit ? "debit" : "credit"; }

std::string_view parent_code_of(std::string_view code) {
  const auto dot = code.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : code.substr(0, dot);
}

const std::vector<TemplateAccount>& default_chart() {
  using enum Category;
  constexpr auto D = Direction::debit, C = Direction::credit;
  static const std::vector<TemplateAccount> chart = {
      // 资产类
      {"101", "现金", asset, D, true, false},
      {"102", "银行存款", asset, D, false, true},
      {"111", "短期投资", asset, D},
      {"112", "应收款", asset, D},
      {"113", "内部往来", asset, D},
      {"121", "库存物资", asset, D},
      {"131", "牲畜(禽)资产", asset, D},
      {"132", "林木资产", asset, D},
      {"141", "长期投资", asset, D},
      {"151", "固定资产", asset, D},
      {"152", "累计折旧", asset, C},
      {"153", "固定资产清理", asset, D},
      {"154", "在建工程", asset, D},
      {"161", "无形资产", asset, D},
      // 负债类
      {"201", "短期借款", liability, C},
      {"202", "应付款", liability, C},
      {"211", "应付工资", liability, C},
      {"212", "应付福利费", liability, C},
      {"221", "长期借款及应付款", liability, C},
      {"231", "一事一议资金", liability, C},
      {"241", "专项应付款", liability, C},
      // 所有者权益类
      {"301", "资本", equity, C},
      {"311", "公积公益金", equity, C},
      {"321", "本年收益", equity, C},
      {"322", "收益分配", equity, C},
      // 成本类
      {"401", "生产(劳务)成本", cost, D},
      // 损益类
      {"501", "经营收入", profit_loss, C},
      {"502", "经营支出", profit_loss, D},
      {"511", "发包及上交收入", profit_loss, C},
      {"511.01", "土地承包收入", profit_loss, C},
      {"511.02", "其他发包收入", profit_loss, C},
      {"521", "农业税附加返还收入", profit_loss, C},
      {"522", "补助收入", profit_loss, C},
      {"531", "其他收入", profit_loss, C},
      {"541", "管理费用", profit_loss, D},
      {"541.01", "干部报酬", profit_loss, D},
      {"541.02", "办公费", profit_loss, D},
      {"541.03", "其他管理费用", profit_loss, D},
      {"551", "其他支出", profit_loss, D},
      {"561", "投资收益", profit_loss, C},
  };
  return chart;
}

}  // namespace ql::ledger
