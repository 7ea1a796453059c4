#include "ledger/voucher_check.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "ledger/period.hpp"

namespace ql::ledger {
namespace {

std::string line_field(std::size_t i, const char* name) {
  return "lines[" + std::to_string(i) + "]." + name;
}

}  // namespace

std::string Problem::message_zh() const {
  return line < 0 ? zh : "第 " + std::to_string(line + 1) + " 行" + zh;
}

std::string Problem::message_en() const {
  return line < 0 ? en : "line " + std::to_string(line + 1) + ": " + en;
}

std::optional<std::string> parse_settlement(std::string_view s) {
  for (auto k : kSettlements)
    if (s == k) return std::string(k);
  static const std::pair<std::string_view, std::string_view> labels[] = {
      {"", "none"},          {"无", "none"},       {"现金", "cash"},    {"银行转账", "bank_transfer"},
      {"转账", "bank_transfer"}, {"银行", "bank_transfer"}, {"支票", "cheque"}, {"网银", "online"},
      {"电子支付", "online"}, {"其他", "other"}, {"其它", "other"}};
  for (const auto& [label, code] : labels)
    if (s == label) return std::string(code);
  return std::nullopt;
}

bool is_payment(const VoucherInput& v, const std::function<const Account*(const std::string&)>& lookup) {
  bool credits_money = false, all_debits_money = true;
  for (const auto& l : v.lines) {
    const Account* a = lookup(l.account_code);
    const bool money = a && (a->is_cash || a->is_bank);
    if (l.credit_fen > 0 && money) credits_money = true;
    if (l.debit_fen > 0 && !money) all_debits_money = false;
  }
  return credits_money && !all_debits_money;
}

std::vector<Problem> check_voucher(const VoucherInput& v,
                                   const std::function<const Account*(const std::string&)>& lookup,
                                   bool is_reversal) {
  std::vector<Problem> out;
  const auto add = [&out](int line, std::string field, std::string zh, std::string en) {
    out.push_back({line, std::move(field), std::move(zh), std::move(en)});
  };
  try {
    require_date("date", v.date);
  } catch (const Error& e) {
    add(-1, "date", e.message_zh(), e.message_en());
  }
  if (v.number && (*v.number < 1 || *v.number > kMaxVoucherNumber))
    add(-1, "number", "凭证号须为 1 到 99999 之间的整数", "must be an integer from 1 to 99999");
  const auto summary_chars = text::char_count(v.summary);
  if (summary_chars < 1 || summary_chars > 200)
    add(-1, "summary", "摘要须为 1 到 200 个字符", "must have 1 to 200 characters");
  if (!parse_settlement(v.settlement) || *parse_settlement(v.settlement) != v.settlement)
    add(-1, "settlement", "结算方式须为 none、cash、bank_transfer、cheque、online 或 other",
        "must be none, cash, bank_transfer, cheque, online or other");
  if (text::char_count(v.counterparty) > 100)
    add(-1, "counterparty", "往来单位至多 100 个字符", "must have at most 100 characters");
  if (v.attachment_count < 0 || v.attachment_count > kMaxAttachments)
    add(-1, "attachment_count", "附件数须为 0 到 999 之间的整数", "must be an integer from 0 to 999");
  if (v.lines.size() < 2 || v.lines.size() > kMaxLines)
    add(-1, "lines", "凭证须有 2 到 500 行分录", "a voucher needs 2 to 500 lines");

  std::int64_t debits = 0, credits = 0;
  bool amounts_ok = true;
  for (std::size_t i = 0; i < v.lines.size(); ++i) {
    const auto& l = v.lines[i];
    const int li = static_cast<int>(i);
    const Account* a = l.account_code.empty() ? nullptr : lookup(l.account_code);
    if (l.account_code.empty())
      add(li, line_field(i, "account_code"), "缺少科目", "the account is missing");
    else if (!a)
      add(li, line_field(i, "account_code"), "科目 " + l.account_code + " 不存在",
          "account " + l.account_code + " does not exist");
    else if (!a->active)
      add(li, line_field(i, "account_code"), "科目 " + l.account_code + " 已停用",
          "account " + l.account_code + " is inactive");
    else if (!a->is_leaf)
      add(li, line_field(i, "account_code"), "科目 " + l.account_code + " 有明细科目,须记到末级科目",
          "account " + l.account_code + " has sub-accounts; post to a leaf account");
    if (text::char_count(l.summary) > 200)
      add(li, line_field(i, "summary"), "摘要至多 200 个字符", "at most 200 characters");
    if (text::char_count(l.counterparty) > 100)
      add(li, line_field(i, "counterparty"), "往来单位至多 100 个字符", "at most 100 characters");
    bool line_ok = true;
    for (auto [amount, name] : {std::pair{l.debit_fen, "debit_fen"}, std::pair{l.credit_fen, "credit_fen"}}) {
      if (amount < 0 || amount > kMaxAmountFen) {
        add(li, line_field(i, name), "金额须为 0 到 1000 亿元之间的整数(分)",
            "the amount must be 0 to 10000000000000 fen");
        line_ok = false;
      }
    }
    if (line_ok && (l.debit_fen > 0) == (l.credit_fen > 0)) {
      add(li, line_field(i, "debit_fen"), "借方金额与贷方金额须有且只有一个大于零",
          "exactly one of debit and credit must be positive");
      line_ok = false;
    }
    amounts_ok = amounts_ok && line_ok;
    if (line_ok) {
      debits += l.debit_fen;
      credits += l.credit_fen;
    }
  }
  if (amounts_ok && v.lines.size() >= 2 && debits != credits)
    add(-1, "lines", "借贷不平衡:借方合计 " + std::to_string(debits) + " 分,贷方合计 " + std::to_string(credits) + " 分",
        "debits (" + std::to_string(debits) + " fen) do not equal credits (" + std::to_string(credits) + " fen)");

  if (v.approval_ref && (text::char_count(*v.approval_ref) < 1 || text::char_count(*v.approval_ref) > 64))
    add(-1, "approval_ref", "审批编号须为 1 到 64 个字符", "must have 1 to 64 characters");
  if (v.unapproved_reason &&
      (text::char_count(*v.unapproved_reason) < 2 || text::char_count(*v.unapproved_reason) > 200))
    add(-1, "unapproved_exception", "未经审批的原因须为 2 到 200 个字符", "the reason must have 2 to 200 characters");
  if (v.approval_ref && v.unapproved_reason)
    add(-1, "unapproved_exception", "已有审批编号,不能同时标记为未经审批",
        "cannot be flagged as unapproved when approval_ref is given");
  if (!is_reversal && !v.approval_ref && !v.unapproved_reason && is_payment(v, lookup))
    add(-1, "approval_ref", "付款凭证须注明审批编号,或明确标记为未经审批的例外并说明原因",
        "a payment needs the approval_ref that authorised it, or an explicit unapproved_exception with a reason");
  return out;
}

}  // namespace ql::ledger
