#include "core/money.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace ql::money {
namespace {

std::int64_t ok(std::string_view s) {
  auto r = parse_yuan(s);
  EXPECT_TRUE(r) << s << " -> " << error_code(r.error);
  return r.fen;
}

ParseError bad(std::string_view s) {
  auto r = parse_yuan(s);
  EXPECT_FALSE(r) << s << " parsed as " << r.fen;
  return r.error;
}

}  // namespace

TEST(Money, ParsesPlainAndGroupedYuan) {
  EXPECT_EQ(ok("0"), 0);
  EXPECT_EQ(ok("1234.5"), 123450);
  EXPECT_EQ(ok("1234.56"), 123456);
  EXPECT_EQ(ok("1,234.56"), 123456);
  EXPECT_EQ(ok("1,234,567"), 123456700);
  EXPECT_EQ(ok("007.10"), 710);
  EXPECT_EQ(ok("  12.3 "), 1230);
  EXPECT_EQ(ok("1.230"), 123);  // zeros below the fen change nothing
  EXPECT_EQ(ok("999,999,999,999.99"), kMaxFen);
}

TEST(Money, ParsesSignsCurrencyAndParentheses) {
  EXPECT_EQ(ok("-12.30"), -1230);
  EXPECT_EQ(ok("+5"), 500);
  EXPECT_EQ(ok("￥1,234.56"), 123456);
  EXPECT_EQ(ok("¥ 8"), 800);
  EXPECT_EQ(ok("-￥8.01"), -801);
  EXPECT_EQ(ok("￥-8.01"), -801);
  EXPECT_EQ(ok("(12.30)"), -1230);
  EXPECT_EQ(ok("（12.30）"), -1230);
  EXPECT_EQ(ok("12.30元"), 1230);
  EXPECT_EQ(ok("−3"), -300);  // U+2212 minus
}

TEST(Money, ParsesFullWidthFromChineseIme) {
  EXPECT_EQ(ok("１，２３４．５６"), 123456);
  EXPECT_EQ(ok("\xE3\x80\x80" "１２\xC2\xA0"), 1200);  // ideographic and no-break spaces
  EXPECT_EQ(ok("－１"), -100);
}

TEST(Money, RejectsWithReasons) {
  EXPECT_EQ(bad(""), ParseError::empty);
  EXPECT_EQ(bad("   "), ParseError::empty);
  EXPECT_EQ(bad("1.235"), ParseError::too_many_decimals);
  EXPECT_EQ(bad("0.001"), ParseError::too_many_decimals);
  EXPECT_EQ(bad("1,23"), ParseError::misplaced_separator);
  EXPECT_EQ(bad("1234,567"), ParseError::misplaced_separator);
  EXPECT_EQ(bad(",123"), ParseError::misplaced_separator);
  EXPECT_EQ(bad("1,,234"), ParseError::misplaced_separator);
  EXPECT_EQ(bad("1.2.3"), ParseError::misplaced_separator);
  EXPECT_EQ(bad("1.2,3"), ParseError::misplaced_separator);
  EXPECT_EQ(bad("12."), ParseError::misplaced_separator);
  EXPECT_EQ(bad(".5"), ParseError::misplaced_separator);
  EXPECT_EQ(bad("abc"), ParseError::invalid);
  EXPECT_EQ(bad("1e5"), ParseError::invalid);
  EXPECT_EQ(bad("--1"), ParseError::invalid);
  EXPECT_EQ(bad("-(1)"), ParseError::invalid);
  EXPECT_EQ(bad("(-1)"), ParseError::invalid);
  EXPECT_EQ(bad("(1"), ParseError::invalid);
  EXPECT_EQ(bad("1 234"), ParseError::invalid);
  EXPECT_EQ(bad("-"), ParseError::invalid);
  EXPECT_EQ(bad("1,000,000,000,000"), ParseError::out_of_range);
  EXPECT_EQ(bad("99999999999999999999999999"), ParseError::out_of_range);
  EXPECT_EQ(bad(std::string(200, '1')), ParseError::invalid);
  EXPECT_EQ(error_code(ParseError::too_many_decimals), "amount_too_many_decimals");
  EXPECT_FALSE(error_message(ParseError::misplaced_separator, false).empty());
}

TEST(Money, FromDoubleIsExactOrRejected) {
  EXPECT_EQ(from_double(1234.56).fen, 123456);
  EXPECT_EQ(from_double(0.1).fen, 10);
  EXPECT_EQ(from_double(-0.05).fen, -5);
  EXPECT_EQ(from_double(-0.0).fen, 0);
  EXPECT_EQ(from_double(99999999999.99).fen, 9999999999999);
  EXPECT_EQ(from_double(0.1 + 0.2).error, ParseError::too_many_decimals);
  EXPECT_EQ(from_double(1.005).error, ParseError::too_many_decimals);
  EXPECT_EQ(from_double(1e15).error, ParseError::out_of_range);
  EXPECT_EQ(from_double(std::nan("")).error, ParseError::invalid);
  // Every fen amount survives the trip through a double, as it does through an xlsx cell.
  for (std::int64_t fen : std::vector<std::int64_t>{1, 7, 99, 12345, 100000001, kMaxFen, -kMaxFen})
    EXPECT_EQ(from_double(static_cast<double>(fen) / 100).fen, fen) << fen;
}

TEST(Money, Formats) {
  EXPECT_EQ(format_yuan(0), "0.00");
  EXPECT_EQ(format_yuan(5), "0.05");
  EXPECT_EQ(format_yuan(-5), "-0.05");
  EXPECT_EQ(format_yuan(123456), "1,234.56");
  EXPECT_EQ(format_yuan(100000000), "1,000,000.00");
  EXPECT_EQ(format_yuan(-123456789), "-1,234,567.89");
  EXPECT_EQ(format_plain(-123456789), "-1234567.89");
  EXPECT_EQ(format_plain(INT64_MIN), "-92233720368547758.08");
  for (std::int64_t fen : std::vector<std::int64_t>{0, 1, -99, 123456789, kMaxFen}) EXPECT_EQ(parse_yuan(format_yuan(fen)).fen, fen);
}

}  // namespace ql::money
