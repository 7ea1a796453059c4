#include "core/import_template.hpp"

#include <stdexcept>

namespace ql::import_template {

Template build(std::string file_name, std::string sheet_name, std::vector<table::ColumnSpec> columns,
               std::vector<xlsx::ColumnKind> kinds, std::vector<std::vector<xlsx::Cell>> examples) {
  if (kinds.size() != columns.size()) throw std::invalid_argument("import_template: kinds and columns differ");
  Template t;
  t.file_name = std::move(file_name);
  t.table.sheet_name = std::move(sheet_name);
  for (std::size_t i = 0; i < columns.size(); ++i) t.table.columns.push_back({columns[i].name, kinds[i]});
  for (auto& row : examples) {
    if (row.size() != columns.size()) throw std::invalid_argument("import_template: example row width");
    t.table.rows.push_back(std::move(row));
  }
  t.columns = std::move(columns);
  return t;
}

const std::vector<std::string>& voucher_headers() {
  static const std::vector<std::string> headers = {"日期",     "凭证号",   "摘要",     "科目编码", "科目名称",
                                                   "借方金额", "贷方金额", "往来单位", "结算方式", "附件数"};
  return headers;
}

std::vector<table::ColumnSpec> voucher_columns() {
  const auto& h = voucher_headers();
  return {
      {h[0], true, {"凭证日期", "记账日期", "date"}},
      {h[1], true, {"凭证编号", "凭证字号", "voucher_no"}},
      {h[2], true, {"凭证摘要", "summary"}},
      {h[3], true, {"会计科目编码", "科目代码", "account_code"}},
      {h[4], false, {"会计科目", "科目", "account_name"}},
      {h[5], true, {"借方", "借方金额(元)", "借方金额（元）", "debit"}},
      {h[6], true, {"贷方", "贷方金额(元)", "贷方金额（元）", "credit"}},
      {h[7], false, {"往来单位名称", "counterparty"}},
      {h[8], false, {"settlement"}},
      {h[9], false, {"附件张数", "附单据数", "attachments"}},
  };
}

Template voucher_template() {
  using K = xlsx::ColumnKind;
  std::vector<std::vector<xlsx::Cell>> examples = {
      {std::string("2026-01-05"), std::string("1"), std::string("收到土地承包费"), std::string("102"),
       std::string("银行存款"), std::int64_t{1'250'000}, {}, std::string("张三"), std::string("转账"),
       std::int64_t{1}},
      {std::string("2026-01-05"), std::string("1"), std::string("收到土地承包费"), std::string("511.01"),
       std::string("土地承包收入"), {}, std::int64_t{1'250'000}, std::string("张三"), std::string("转账"),
       std::int64_t{1}},
  };
  return build("凭证导入模板", "凭证", voucher_columns(),
               {K::date, K::text, K::text, K::text, K::text, K::money, K::money, K::text, K::text, K::integer},
               std::move(examples));
}

}  // namespace ql::import_template
