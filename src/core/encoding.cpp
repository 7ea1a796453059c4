#include "core/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace ql::encoding {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// Error for the first undecodable byte at `offset` of `bytes` (after any BOM); the line is
// counted from LF bytes (code units for UTF-16), which no multi-byte GB18030 or UTF-8
// sequence contains.
Error undecodable(std::string_view bytes, std::size_t offset, Encoding e, std::size_t bom) {
  std::size_t line = 1;
  if (e == Encoding::utf16le || e == Encoding::utf16be) {
    for (std::size_t i = bom; i + 1 < offset + bom && i + 1 < bytes.size(); i += 2) {
      const char lo = e == Encoding::utf16le ? bytes[i] : bytes[i + 1];
      const char hi = e == Encoding::utf16le ? bytes[i + 1] : bytes[i];
      if (lo == '\n' && hi == 0) ++line;
    }
  } else {
    line += static_cast<std::size_t>(
        std::count(bytes.begin() + static_cast<std::ptrdiff_t>(bom),
                   bytes.begin() + static_cast<std::ptrdiff_t>(std::min(bytes.size(), bom + offset)), '\n'));
  }
  const std::string where_zh = "第 " + std::to_string(line) + " 行(字节偏移 " + std::to_string(offset + bom) + ")";
  const std::string where_en = "line " + std::to_string(line) + " (byte offset " + std::to_string(offset + bom) + ")";
  const std::string enc(name(e));
  if (e == Encoding::gb18030)
    return bad_request("invalid_encoding", "文件既不是有效的 UTF-8,也不是有效的 GB18030/GBK 编码:" + where_zh,
                       "The file is neither valid UTF-8 nor valid GB18030/GBK: " + where_en, "file");
  return bad_request("invalid_encoding", "文件不是有效的 " + enc + " 编码:" + where_zh,
                     "The file is not valid " + enc + ": " + where_en, "file");
}

std::string convert(std::string_view bytes, std::size_t bom, const char* from, Encoding e) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw Error(ErrorKind::internal, "iconv_unavailable", std::string("iconv 不支持 ") + from,
                std::string("iconv cannot convert from ") + from);
  std::string in(bytes.substr(bom));
  std::string out;
  out.resize(in.size() * 2 + 16);  // GB18030 2 bytes -> UTF-8 3 bytes; UTF-16 2 -> 3 at most
  char* in_ptr = in.data();
  std::size_t in_left = in.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      const auto used = out.size() - out_left;
      out.resize(out.size() * 2);
      out_ptr = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    // EILSEQ: an invalid sequence; EINVAL: the text ends inside a sequence.
    const auto offset = static_cast<std::size_t>(in_ptr - in.data());
    iconv_close(cd);
    throw undecodable(bytes, offset, e, bom);
  }
  iconv_close(cd);
  out.resize(out.size() - out_left);
  if (auto bad = invalid_utf8_offset(out); bad != std::string::npos)  // iconv must not do this
    throw undecodable(bytes, 0, e, bom);
  return out;
}

}  // namespace

std::string_view name(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf8_bom: return "UTF-8 (BOM)";
    case Encoding::utf16le: return "UTF-16LE";
    case Encoding::utf16be: return "UTF-16BE";
    case Encoding::gb18030: return "GB18030";
  }
  return "UTF-8";
}

std::size_t invalid_utf8_offset(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs dominate CSV files: skip 8 bytes at a time while none has the high bit.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) len = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) len = 3, hi = 0x9F;  // no UTF-16 surrogates
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) len = 4, hi = 0x8F;  // nothing above U+10FFFF
    else return i;
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string_view::npos;
}

Encoding detect(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) return Encoding::utf8_bom;
  if (bytes.starts_with(kUtf16LeBom)) return Encoding::utf16le;
  if (bytes.starts_with(kUtf16BeBom)) return Encoding::utf16be;
  return invalid_utf8_offset(bytes) == std::string_view::npos ? Encoding::utf8 : Encoding::gb18030;
}

std::string to_utf8(std::string bytes, Encoding from) {
  switch (from) {
    case Encoding::utf8:
    case Encoding::utf8_bom: {
      const std::size_t bom = std::string_view(bytes).starts_with(kUtf8Bom) ? 3 : 0;
      if (auto bad = invalid_utf8_offset(std::string_view(bytes).substr(bom)); bad != std::string_view::npos)
        throw undecodable(bytes, bad, Encoding::utf8, bom);
      if (bom) bytes.erase(0, bom);
      return bytes;
    }
    case Encoding::utf16le:
      return convert(bytes, std::string_view(bytes).starts_with(kUtf16LeBom) ? 2 : 0, "UTF-16LE", from);
    case Encoding::utf16be:
      return convert(bytes, std::string_view(bytes).starts_with(kUtf16BeBom) ? 2 : 0, "UTF-16BE", from);
    case Encoding::gb18030:
      return convert(bytes, 0, "GB18030", from);
  }
  return bytes;
}

std::string decode(std::string bytes, Encoding* detected) {
  const auto e = detect(bytes);
  if (detected) *detected = e;
  return to_utf8(std::move(bytes), e);
}

}  // namespace ql::encoding
