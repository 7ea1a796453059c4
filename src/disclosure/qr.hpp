#pragma once
// QR codes for the "一码公开" posters: one code per community page, printed and pasted on
// notice boards, so the SVG must scale to any size and print crisply.
#include <string>
#include <string_view>

namespace ql::disclosure {

struct QrSvg {
  std::string svg;  // a standalone <svg> element, no external references
  int modules = 0;  // symbol width in modules, without the quiet zone
};

// Encodes text (8-bit, error correction level M, smallest version that fits) as an SVG whose
// viewBox counts modules with a 4-module quiet zone, all dark modules in one <path>. The same
// text always gives the same bytes. Throws std::invalid_argument when text is empty or too long
// for a QR code.
QrSvg qr_svg(std::string_view text);

}  // namespace ql::disclosure
