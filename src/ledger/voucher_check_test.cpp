#include "ledger/voucher_check.hpp"

#include <gtest/gtest.h>

#include <map>

namespace ql::ledger {
namespace {

class VoucherCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    add("101", true, false);
    add("102", false, true, false);  // has sub-accounts
    add("102.01", false, true);
    add("511.01");
    add("541.02");
    add("154");
    add("531");
    chart_["531"].active = false;
  }
  void add(const std::string& code, bool cash = false, bool bank = false, bool leaf = true) {
    Account a;
    a.id = static_cast<std::int64_t>(chart_.size() + 1);
    a.code = code;
    a.is_cash = cash;
    a.is_bank = bank;
    a.is_leaf = leaf;
    chart_[code] = a;
  }
  std::vector<Problem> check(const VoucherInput& v, bool reversal = false) {
    return check_voucher(
        v,
        [this](const std::string& code) -> const Account* {
          auto it = chart_.find(code);
          return it == chart_.end() ? nullptr : &it->second;
        },
        reversal);
  }
  static VoucherInput receipt() {
    VoucherInput v;
    v.region_code = "339902001201";
    v.date = "2026-03-08";
    v.summary = "收取土地承包费";
    v.settlement = "bank_transfer";
    v.lines = {{"102.01", "", 1'234'56, 0, "", 2}, {"511.01", "", 0, 1'234'56, "", 3}};
    return v;
  }
  static std::vector<std::string> fields(const std::vector<Problem>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(p.field);
    return out;
  }
  std::map<std::string, Account> chart_;
};

TEST_F(VoucherCheck, AcceptsABalancedReceipt) { EXPECT_TRUE(check(receipt()).empty()); }

TEST_F(VoucherCheck, UnbalancedByOneFenIsRefused) {
  auto v = receipt();
  v.lines[1].credit_fen -= 1;
  auto ps = check(v);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].field, "lines");
  EXPECT_NE(ps[0].en.find("123456"), std::string::npos);
  EXPECT_NE(ps[0].en.find("123455"), std::string::npos);
}

TEST_F(VoucherCheck, EachLineHasExactlyOnePositiveSide) {
  auto v = receipt();
  v.lines[0].credit_fen = 5;  // both sides
  v.lines.push_back({"541.02", "", 0, 0, "", 4});  // neither
  v.lines.push_back({"541.02", "", -3, 0, "", 5});  // negative
  EXPECT_EQ(fields(check(v)),
            (std::vector<std::string>{"lines[0].debit_fen", "lines[2].debit_fen", "lines[3].debit_fen"}));
}

TEST_F(VoucherCheck, NamesTheLineAndFieldOfABadAccount) {
  auto v = receipt();
  v.lines[0].account_code = "102";   // not a leaf
  v.lines[1].account_code = "999";   // unknown
  auto ps = check(v);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].field, "lines[0].account_code");
  EXPECT_EQ(ps[0].line, 0);
  EXPECT_NE(ps[0].zh.find("末级"), std::string::npos);
  EXPECT_EQ(ps[1].field, "lines[1].account_code");
  v.lines[1].account_code = "531";  // inactive
  EXPECT_NE(check(v)[1].en.find("inactive"), std::string::npos);
}

TEST_F(VoucherCheck, LineProblemsNameTheLineOnlyInTheFullMessage) {
  // The voucher form shows "第 N 行…"; an import shows the bare text beside the line's own row.
  auto v = receipt();
  v.lines[1].account_code = "999";
  v.lines[1].summary = std::string(201, 'x');
  v.summary.clear();
  const auto ps = check(v);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[0].line, -1);
  EXPECT_EQ(ps[0].field, "summary");
  EXPECT_EQ(ps[0].message_zh(), ps[0].zh);  // the voucher itself: no line to name
  EXPECT_EQ(ps[0].message_en(), ps[0].en);
  EXPECT_EQ(ps[1].line, 1);
  EXPECT_EQ(ps[1].zh, "科目 999 不存在");
  EXPECT_EQ(ps[1].en, "account 999 does not exist");
  EXPECT_EQ(ps[1].message_zh(), "第 2 行科目 999 不存在");
  EXPECT_EQ(ps[1].message_en(), "line 2: account 999 does not exist");
  EXPECT_EQ(ps[2].field, "lines[1].summary");
  EXPECT_EQ(ps[2].message_zh(), "第 2 行摘要至多 200 个字符");
  EXPECT_EQ(ps[2].message_en(), "line 2: at most 200 characters");
}

TEST_F(VoucherCheck, NeedsTwoLinesADateAndASummary) {
  VoucherInput v = receipt();
  v.lines.pop_back();
  v.date = "2026-02-30";
  v.summary = "";
  v.settlement = "barter";
  EXPECT_EQ(fields(check(v)), (std::vector<std::string>{"date", "summary", "settlement", "lines"}));
}

TEST_F(VoucherCheck, APaymentNeedsApprovalOrAFlaggedException) {
  VoucherInput v = receipt();
  v.summary = "支付工程款";
  v.lines = {{"154", "", 86'000'00, 0, "", 0}, {"102.01", "", 0, 86'000'00, "", 0}};
  auto ps = check(v);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].field, "approval_ref");
  v.approval_ref = "SP-2026-03";
  EXPECT_TRUE(check(v).empty());
  v.unapproved_reason = "紧急采购";
  EXPECT_EQ(fields(check(v)), std::vector<std::string>{"unapproved_exception"});  // not both
  v.approval_ref.reset();
  EXPECT_TRUE(check(v).empty());
  // A reversal cites its original instead.
  v.unapproved_reason.reset();
  EXPECT_TRUE(check(v, true).empty());
}

TEST_F(VoucherCheck, MovingMoneyBetweenCashAndBankIsNoPayment) {
  VoucherInput v = receipt();
  v.lines = {{"101", "", 2'000'00, 0, "", 0}, {"102.01", "", 0, 2'000'00, "", 0}};
  EXPECT_TRUE(check(v).empty());
  EXPECT_FALSE(is_payment(v, [this](const std::string& c) { return &chart_.at(c); }));
}

TEST(Settlement, AcceptsCodesAndImportLabels) {
  EXPECT_EQ(parse_settlement("bank_transfer"), "bank_transfer");
  EXPECT_EQ(parse_settlement("银行转账"), "bank_transfer");
  EXPECT_EQ(parse_settlement("现金"), "cash");
  EXPECT_EQ(parse_settlement(""), "none");
  EXPECT_FALSE(parse_settlement("barter"));
}

}  // namespace
}  // namespace ql::ledger
