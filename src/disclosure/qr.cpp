#include "disclosure/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace ql::disclosure {
namespace {

constexpr int kQuietZone = 4;  // ISO/IEC 18004 minimum; less makes phone scanners miss the code

}  // namespace

QrSvg qr_svg(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("qr_svg: empty text");
  // QRcode_encodeData takes explicit length, so the text need not be NUL-terminated and may
  // hold any UTF-8 (encoded as 8-bit data, which every scanner reads as UTF-8 URLs).
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) throw std::invalid_argument("qr_svg: text cannot be encoded as a QR code");

  const int n = code->width;
  const int size = n + 2 * kQuietZone;
  // One horizontal run of dark modules per "M x y h w v 1 h -w z": far smaller than a rect per
  // module, and a single path renders without hairline seams between modules.
  std::string path;
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n;) {
      if (!(code->data[y * n + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < n && (code->data[y * n + x + run] & 1)) ++run;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  const auto s = std::to_string(size);
  QrSvg out;
  out.modules = n;
  out.svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
            "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">"
            "<rect width=\"" + s + "\" height=\"" + s + "\" fill=\"#fff\"/>"
            "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
  return out;
}

}  // namespace ql::disclosure
