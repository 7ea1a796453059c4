#pragma once
// Small real files for attachment tests: a valid 1x1 PNG (with NUL bytes, so a driver that
// treats blobs as C strings fails) and a minimal PDF.
#include <string>

namespace ql::test {

inline const std::string kPngFile(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00"
    "\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\x9c\x63\x58\x26\x2d\x0d\x00\x02\x47\x00\xdd\x42"
    "\xfe\xf3\x7f\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    69);

inline const std::string kPdfFile =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

}  // namespace ql::test
