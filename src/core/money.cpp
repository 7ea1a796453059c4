#include "core/money.hpp"

#include <charconv>
#include <cmath>

namespace ql::money {
namespace {

// Reduces the text to one ASCII token per character so the grammar below sees a single
// alphabet: digits , . - + ( ) ' ' plus 'Y' for a yen sign and 'R' for 元. Returns false for a
// character that can never be part of an amount, or text too long to be one.
bool tokenize(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size();) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (out.size() > 64) return false;
    if (c < 0x80) {
      if ((c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-' || c == '+' || c == '(' || c == ')') {
        out.push_back(static_cast<char>(c));
      } else if (c == ' ' || c == '\t') {
        out.push_back(' ');
      } else {
        return false;
      }
      ++i;
      continue;
    }
    const auto rest = in.substr(i);
    const auto is = [&](std::string_view seq) { return rest.starts_with(seq); };
    if (rest.size() >= 3 && static_cast<unsigned char>(rest[0]) == 0xEF &&
        static_cast<unsigned char>(rest[1]) == 0xBC) {
      // U+FF00..U+FF3F: the full-width ASCII forms Chinese IMEs produce.
      const auto low = static_cast<unsigned char>(rest[2]);
      if (low >= 0x90 && low <= 0x99) out.push_back(static_cast<char>('0' + (low - 0x90)));
      else if (low == 0x8C) out.push_back(',');
      else if (low == 0x8E) out.push_back('.');
      else if (low == 0x8D) out.push_back('-');
      else if (low == 0x8B) out.push_back('+');
      else if (low == 0x88) out.push_back('(');
      else if (low == 0x89) out.push_back(')');
      else return false;
      i += 3;
    } else if (is("\xEF\xBF\xA5")) {  // ￥ U+FFE5
      out.push_back('Y');
      i += 3;
    } else if (is("\xC2\xA5")) {  // ¥ U+00A5
      out.push_back('Y');
      i += 2;
    } else if (is("\xE5\x85\x83")) {  // 元
      out.push_back('R');
      i += 3;
    } else if (is("\xE2\x88\x92")) {  // − U+2212, from copy-pasted reports
      out.push_back('-');
      i += 3;
    } else if (is("\xC2\xA0")) {  // no-break space (Excel copies)
      out.push_back(' ');
      i += 2;
    } else if (is("\xE3\x80\x80")) {  // ideographic space
      out.push_back(' ');
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

void trim(std::string_view& s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The unsigned amount "1,234.56" in s (already stripped of signs and decorations).
ParseResult parse_number(std::string_view s) {
  if (s.empty()) return {0, ParseError::invalid};
  const auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  for (char c : s)
    if (!is_digit(c) && c != ',' && c != '.') return {0, ParseError::invalid};
  if (whole.empty()) return {0, ParseError::misplaced_separator};  // ".5"
  if (dot != std::string_view::npos && frac.empty()) return {0, ParseError::misplaced_separator};  // "12."
  if (frac.find_first_of(",.") != std::string_view::npos) return {0, ParseError::misplaced_separator};
  if (whole.find(',') != std::string_view::npos) {
    // Thousands separators must group by three: "1,234,567"; "1,23" or ",123" is a typo that
    // must not be read as 123.
    std::size_t group = 0;
    bool first = true;
    for (std::size_t i = 0; i <= whole.size(); ++i) {
      if (i == whole.size() || whole[i] == ',') {
        if (group == 0 || group > 3 || (!first && group != 3)) return {0, ParseError::misplaced_separator};
        first = false;
        group = 0;
      } else {
        ++group;
      }
    }
  }
  std::int64_t yuan = 0;
  int significant = 0;
  for (char c : whole) {
    if (c == ',') continue;
    if (significant == 0 && c == '0') continue;
    if (++significant > 12) return {0, ParseError::out_of_range};
    yuan = yuan * 10 + (c - '0');
  }
  std::int64_t cents = 0;
  for (std::size_t i = 0; i < frac.size(); ++i) {
    if (i < 2) cents = cents * 10 + (frac[i] - '0');
    else if (frac[i] != '0') return {0, ParseError::too_many_decimals};
  }
  if (frac.size() == 1) cents *= 10;
  const std::int64_t fen = yuan * 100 + cents;
  if (fen > kMaxFen) return {0, ParseError::out_of_range};
  return {fen, ParseError::none};
}

}  // namespace

ParseResult parse_yuan(std::string_view text) {
  thread_local std::string buf;  // reused: imports call this once per amount cell
  if (!tokenize(text, buf)) return {0, ParseError::invalid};
  std::string_view s = buf;
  trim(s);
  if (s.empty()) return {0, ParseError::empty};
  bool negative = false, paren = false, sign_seen = false, yen_seen = false;
  if (s.front() == '(') {
    if (s.back() != ')') return {0, ParseError::invalid};
    paren = negative = true;
    s = s.substr(1, s.size() - 2);
    trim(s);
  }
  // Leading decorations in any order, each at most once: sign and currency sign.
  while (!s.empty()) {
    const char c = s.front();
    if ((c == '-' || c == '+') && !sign_seen && !paren) {
      sign_seen = true;
      negative = c == '-';
    } else if (c == 'Y' && !yen_seen) {
      yen_seen = true;
    } else {
      break;
    }
    s.remove_prefix(1);
    trim(s);
  }
  if (!s.empty() && s.back() == 'R') {
    s.remove_suffix(1);
    trim(s);
  }
  auto r = parse_number(s);
  if (r && negative) r.fen = -r.fen;
  return r;
}

ParseResult from_double(double yuan) {
  if (!std::isfinite(yuan)) return {0, ParseError::invalid};
  if (std::fabs(yuan) >= 1e13) return {0, ParseError::out_of_range};
  char buf[64];
  // Fixed notation without a precision gives the shortest text that reads back as the same
  // double, i.e. what a person typed into the cell.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, yuan, std::chars_format::fixed);
  if (ec != std::errc()) return {0, ParseError::invalid};
  return parse_yuan(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

std::string_view error_code(ParseError e) {
  switch (e) {
    case ParseError::none: return "ok";
    case ParseError::empty: return "amount_empty";
    case ParseError::invalid: return "amount_invalid";
    case ParseError::misplaced_separator: return "amount_misplaced_separator";
    case ParseError::too_many_decimals: return "amount_too_many_decimals";
    case ParseError::out_of_range: return "amount_out_of_range";
  }
  return "amount_invalid";
}

std::string_view error_message(ParseError e, bool english) {
  switch (e) {
    case ParseError::none: return english ? "valid" : "有效";
    case ParseError::empty: return english ? "amount is empty" : "金额为空";
    case ParseError::invalid: return english ? "not an amount in yuan" : "不是有效的金额(元)";
    case ParseError::misplaced_separator:
      return english ? "misplaced thousands separator or decimal point" : "千分位逗号或小数点位置不对";
    case ParseError::too_many_decimals:
      return english ? "more than two decimals (amounts are in yuan, to the fen)" : "小数位超过两位(金额以元为单位,精确到分)";
    case ParseError::out_of_range:
      return english ? "amount out of range (at most 999,999,999,999.99)" : "金额超出范围(最大 999,999,999,999.99)";
  }
  return english ? "not an amount in yuan" : "不是有效的金额(元)";
}

std::string format_plain(std::int64_t fen) {
  const bool negative = fen < 0;
  // Via unsigned so that INT64_MIN does not overflow on negation.
  const std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  std::string out = negative ? "-" : "";
  out += std::to_string(mag / 100);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + (mag % 100) / 10));
  out.push_back(static_cast<char>('0' + mag % 10));
  return out;
}

std::string format_yuan(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::uint64_t mag = negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  const std::string whole = std::to_string(mag / 100);
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(whole[i]);
  }
  out.push_back('.');
  out.push_back(static_cast<char>('0' + (mag % 100) / 10));
  out.push_back(static_cast<char>('0' + mag % 10));
  return out;
}

}  // namespace ql::money
