#include "ledger/asset_common.hpp"

namespace ql::ledger {

long long parse_milli(const std::string& text) {
  if (text.empty()) return -1;
  long long whole = 0, frac = 0;
  int decimals = -1;  // -1: no point seen yet
  for (char ch : text) {
    if (ch == '.') {
      if (decimals >= 0) return -1;
      decimals = 0;
    } else if (ch >= '0' && ch <= '9') {
      if (decimals < 0) {
        if (whole > 999'999'999) return -1;
        whole = whole * 10 + (ch - '0');
      } else {
        if (++decimals > 3) return -1;
        frac = frac * 10 + (ch - '0');
      }
    } else {
      return -1;
    }
  }
  if (decimals == 0) return -1;  // "12." is a typo, not a number
  for (int d = decimals < 0 ? 0 : decimals; d < 3; ++d) frac *= 10;
  return whole * 1000 + frac;
}

}  // namespace ql::ledger
