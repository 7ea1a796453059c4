#include "disclosure/tlog_hash.hpp"

#include <gtest/gtest.h>

#include "disclosure/tlog_test_util.hpp"

namespace ql::tlog {
namespace {

using test::hash_from_hex;
using test::unhex;

TEST(TlogHash, EmptyRootIsSha256OfNothing) {
  EXPECT_EQ(empty_root(),
            hash_from_hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

TEST(TlogHash, LeafAndNodeHashesMatchRfc6962Vectors) {
  // The one- and two-leaf trees of the CT reference inputs "" and 0x00.
  const Hash a = leaf_hash("");
  const Hash b = leaf_hash(unhex("00"));
  EXPECT_EQ(a, hash_from_hex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
  EXPECT_EQ(node_hash(a, b),
            hash_from_hex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
  // Domain separation: a leaf over the bytes of an interior node is not that node.
  EXPECT_NE(leaf_hash("\x01" + std::string(hash_bytes(a)) + std::string(hash_bytes(b))),
            node_hash(a, b));
}

TEST(TlogHash, HashTextFormsRoundTrip) {
  const Hash h = leaf_hash("x");
  EXPECT_EQ(hash_base64(h).size(), 44u);
  EXPECT_EQ(parse_hash_base64(hash_base64(h)), h);
  EXPECT_EQ(hash_hex(h), ql::crypto::to_hex(hash_bytes(h)));
  EXPECT_FALSE(parse_hash_base64(ql::crypto::base64(std::string(31, 'a'))));
  EXPECT_FALSE(parse_hash_base64(ql::crypto::base64(std::string(33, 'a'))));
}

TEST(TlogHash, Base64DecodeIsStrict) {
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_EQ(base64_decode("Zg=="), "f");
  EXPECT_EQ(base64_decode("Zm8="), "fo");
  EXPECT_EQ(base64_decode("+/8="), "\xfb\xff");
  for (const char* bad : {"Zg=", "Zg", "Zg===", "Zh==", "Zm9=", "Zg==\n",
                          " Zg==", "Z g==", "-_8=", "Zg==Zg==", "=", "Z"})
    EXPECT_FALSE(base64_decode(bad)) << bad;
}

TEST(TlogHash, ParseDecimalAcceptsOnlyTheCanonicalSpelling) {
  EXPECT_EQ(parse_decimal("0"), 0u);
  EXPECT_EQ(parse_decimal("20852163"), 20852163u);
  EXPECT_EQ(parse_decimal("18446744073709551615"), UINT64_MAX);
  for (const char* bad :
       {"", "00", "01", "+1", "-1", " 1", "1 ", "1a", "0x1", "18446744073709551616"})
    EXPECT_FALSE(parse_decimal(bad)) << bad;
}

}  // namespace
}  // namespace ql::tlog
