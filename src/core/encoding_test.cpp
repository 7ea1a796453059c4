#include "core/encoding.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ql::encoding {

TEST(Encoding, DetectsByBomAndValidity) {
  EXPECT_EQ(detect("a,b\n1,2\n"), Encoding::utf8);
  EXPECT_EQ(detect("日期,金额"), Encoding::utf8);
  EXPECT_EQ(detect("\xEF\xBB\xBF日期"), Encoding::utf8_bom);
  EXPECT_EQ(detect("\xFF\xFE" "a\0"), Encoding::utf16le);
  EXPECT_EQ(detect("\xC8\xD5\xC6\xDA"), Encoding::gb18030);  // 日期 in GBK
}

TEST(Encoding, ConvertsGb18030IncludingFourByteSequences) {
  Encoding e;
  // 日期,𠀀€\n中文 : GBK two-byte characters and a GB18030 four-byte one (U+20000).
  auto out = decode(std::string("\xC8\xD5\xC6\xDA,\x95\x32\x82\x36\xA2\xE3\n\xD6\xD0\xCE\xC4"), &e);
  EXPECT_EQ(e, Encoding::gb18030);
  EXPECT_EQ(out, "日期,𠀀€\n中文");
}

TEST(Encoding, StripsUtf8BomAndConvertsUtf16) {
  EXPECT_EQ(decode("\xEF\xBB\xBF" "a,中"), "a,中");
  EXPECT_EQ(decode(std::string("\xFF\xFE" "a\0,\0\x2D\x4E\n\0", 10)), "a,中\n");
  EXPECT_EQ(decode(std::string("\xFE\xFF\0a\x4E\x2D", 6)), "a中");
}

TEST(Encoding, NamesLineAndOffsetOfBadBytes) {
  // Valid GBK on line 1, then 0x81 followed by a byte no GB18030 sequence continues with.
  try {
    decode(std::string("\xC8\xD5\xC6\xDA\nab\x81\x0A"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "invalid_encoding");
    EXPECT_EQ(e.http_status(), 400);
    EXPECT_NE(e.message_en().find("line 2 (byte offset 7)"), std::string::npos) << e.message_en();
    EXPECT_NE(e.message_zh().find("第 2 行"), std::string::npos);
  }
  // Declared UTF-8 (BOM) but broken: the offset counts the BOM.
  try {
    decode(std::string("\xEF\xBB\xBF" "ok\n\xE4\xB8"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.message_en().find("UTF-8"), std::string::npos);
    EXPECT_NE(e.message_en().find("line 2 (byte offset 6)"), std::string::npos) << e.message_en();
  }
}

TEST(Encoding, ValidatesUtf8Strictly) {
  EXPECT_EQ(invalid_utf8_offset("plain ascii text longer than eight bytes"), std::string_view::npos);
  EXPECT_EQ(invalid_utf8_offset("中文𠀀"), std::string_view::npos);
  EXPECT_EQ(invalid_utf8_offset("abc\xC0\xAF"), 3u);           // overlong '/'
  EXPECT_EQ(invalid_utf8_offset("abcdefghij\xED\xA0\x80"), 10u);  // surrogate
  EXPECT_EQ(invalid_utf8_offset("\xF4\x90\x80\x80"), 0u);        // above U+10FFFF
  EXPECT_EQ(invalid_utf8_offset("ab\xE4\xB8"), 2u);              // truncated
}

}  // namespace ql::encoding
