#include "disclosure/qr.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ql::disclosure {
namespace {

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(Qr, IsOneStandaloneSvgWithOnePath) {
  const auto qr = qr_svg("https://qinglian.example/p/339902001001");
  EXPECT_TRUE(qr.svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << qr.svg.substr(0, 80);
  EXPECT_TRUE(qr.svg.ends_with("</svg>"));
  EXPECT_EQ(count(qr.svg, "<path"), 1);
  EXPECT_EQ(count(qr.svg, "<svg"), 1);
  // Nothing that could load anything: no links, scripts, images or styles.
  for (const char* bad : {"href", "<script", "<image", "url(", "<style"})
    EXPECT_EQ(qr.svg.find(bad), std::string::npos) << bad;
}

TEST(Qr, ViewBoxIsTheSymbolPlusQuietZone) {
  // Level M: version 1 (21 modules) holds 14 bytes, version 3 (29 modules) 42.
  const auto small = qr_svg("https://x.cn");
  EXPECT_EQ(small.modules, 21);
  EXPECT_NE(small.svg.find("viewBox=\"0 0 29 29\""), std::string::npos);
  const auto url = qr_svg("http://a.example/p/339902001001");  // 31 bytes
  EXPECT_EQ(url.modules, 29);
  EXPECT_NE(url.svg.find("viewBox=\"0 0 37 37\""), std::string::npos);
  // The top-left finder pattern starts right after the quiet zone with a 7-module run.
  EXPECT_NE(url.svg.find("d=\"M4 4h7v1h-7z"), std::string::npos) << url.svg.substr(0, 300);
}

TEST(Qr, IsDeterministic) {
  EXPECT_EQ(qr_svg("http://a.example/p/1").svg, qr_svg("http://a.example/p/1").svg);
  EXPECT_NE(qr_svg("http://a.example/p/1").svg, qr_svg("http://a.example/p/2").svg);
}

TEST(Qr, RejectsEmptyAndOversizedText) {
  EXPECT_THROW(qr_svg(""), std::invalid_argument);
  EXPECT_THROW(qr_svg(std::string(5000, 'a')), std::invalid_argument);
}

}  // namespace
}  // namespace ql::disclosure
