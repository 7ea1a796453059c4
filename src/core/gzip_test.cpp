#include "core/gzip.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace ql {
namespace {

TEST(Gzip, RoundTripsAndShrinksHtml) {
  std::string html;
  for (int i = 0; i < 200; ++i) html += "<article><h3>2026年第" + std::to_string(i) + "期财务公开</h3><p>收入 1,000.00 元</p></article>\n";
  const auto gz = gzip_compress(html);
  ASSERT_GE(gz.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // the gzip magic, not a raw deflate stream
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size() * 5, html.size());
  EXPECT_EQ(gzip_decompress(gz), html);
  EXPECT_EQ(gzip_decompress(gzip_compress("")), "");
}

TEST(Gzip, RejectsTruncatedOrForeignInput) {
  const auto gz = gzip_compress(std::string(10000, 'x'));
  EXPECT_THROW(gzip_decompress(gz.substr(0, gz.size() - 4)), std::runtime_error);
  EXPECT_THROW(gzip_decompress("not gzip at all"), std::runtime_error);
  EXPECT_THROW(gzip_decompress(gz + "trailing"), std::runtime_error);
}

}  // namespace
}  // namespace ql
