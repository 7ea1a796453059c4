#include "core/text.hpp"

#include <gtest/gtest.h>

namespace ql::text {

TEST(Text, KeepsValidUtf8AndCutsOnCharacterBoundaries) {
  EXPECT_EQ(clean_utf8("清廉村居", 100), "清廉村居");
  EXPECT_EQ(clean_utf8("清廉村居", 7), "清廉");  // 3 bytes each: a third would not fit whole
  EXPECT_EQ(clean_utf8("abc", 2), "ab");
}

TEST(Text, ReplacesInvalidSequences) {
  EXPECT_EQ(clean_utf8("a\xe8z", 100), "a\xEF\xBF\xBDz");
  EXPECT_EQ(clean_utf8("\xC0\xAF", 100), "\xEF\xBF\xBD\xEF\xBF\xBD");   // overlong '/'
  EXPECT_EQ(clean_utf8("\xED\xA0\x80", 100), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(clean_utf8("\xF0\x9F\x98\x80", 100), "\xF0\x9F\x98\x80");  // emoji stays
}

}  // namespace ql::text
