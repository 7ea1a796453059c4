#pragma once
// Money as people type it (yuan text, as in Excel and Chinese IMEs) to and from integer fen.
// Parsing is strict about precision and shape, because an import that silently rounds 0.005
// or reads "1,23" as 123 corrupts a ledger, and lenient about decoration people add: full-width
// digits and commas, ￥/¥ signs, a trailing 元, surrounding spaces, accounting parentheses.
#include <cstdint>
#include <string>
#include <string_view>

namespace ql::money {

// Largest magnitude accepted: 999,999,999,999.99 yuan. Far above any village ledger, and it
// keeps every amount exactly representable as a double (xlsx stores numbers as doubles).
inline constexpr std::int64_t kMaxFen = 99'999'999'999'999;

enum class ParseError {
  none,
  empty,                // nothing but spaces
  invalid,              // not a number (letters, two signs, exponent, ...)
  misplaced_separator,  // "1,23", "12.", ".5", "1.2.3", separator in decimals
  too_many_decimals,    // a non-zero digit below the fen
  out_of_range,         // magnitude above kMaxFen
};

struct ParseResult {
  std::int64_t fen = 0;
  ParseError error = ParseError::none;
  explicit operator bool() const { return error == ParseError::none; }
};

// Parses yuan text to fen. Accepts: optional sign (+, -, full-width or U+2212 minus) before or
// after a ￥/¥ sign, or accounting parentheses "(12.30)"/"（12.30）" for a negative; digits
// (ASCII or full-width) with optional thousands separators (',' or '，') that must group by
// three; an optional '.' (or '．') with digits after it; a trailing 元; surrounding ASCII,
// no-break and ideographic spaces. Digits beyond the second decimal must all be 0 ("1.230" is
// 1.23 yuan; "1.235" is too_many_decimals). Never throws.
ParseResult parse_yuan(std::string_view text);

// Converts a number read from a spreadsheet to fen exactly: the double's shortest round-trip
// decimal form must have at most two decimals (0.1+0.2 = 0.30000000000000004 is rejected
// as too_many_decimals rather than rounded). NaN/inf are invalid. Never throws.
ParseResult from_double(double yuan);

// Stable snake_case code for an error ("amount_too_many_decimals", ...), for RowProblem.code.
std::string_view error_code(ParseError e);
// A short reason for people, e.g. "小数位超过两位" / "more than two decimals".
std::string_view error_message(ParseError e, bool english);

// "1,234.56", "-0.05", "0.00": thousands separators, always two decimals.
std::string format_yuan(std::int64_t fen);
// "1234.56", "-0.05": no separators, for machine-readable output (CSV number cells).
std::string format_plain(std::int64_t fen);

}  // namespace ql::money
