#include "disclosure/page_cache.hpp"

#include <gtest/gtest.h>

#include "core/gzip.hpp"

namespace ql::disclosure {
namespace {

TEST(PageCache, RendersOncePerTagAndAgainForANewTag) {
  PageCache cache;
  int renders = 0;
  auto render = [&] { return "page " + std::to_string(++renders); };
  EXPECT_EQ(*cache.get_or_render("\"a\"", render).body, "page 1");
  const auto again = cache.get_or_render("\"a\"", render);
  EXPECT_EQ(*again.body, "page 1");
  EXPECT_EQ(gzip_decompress(*again.gzip), "page 1");  // the same page, gzipped once with it
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(*cache.get_or_render("\"b\"", render).body, "page 2");
  EXPECT_EQ(*cache.get_or_render("\"a\"", render).body, "page 1");
  EXPECT_EQ(renders, 2);
}

TEST(PageCache, IsBoundedAndAFailedRenderCachesNothing) {
  PageCache cache(2);
  auto render = [] { return std::string("x"); };
  cache.get_or_render("1", render);
  cache.get_or_render("2", render);
  EXPECT_EQ(cache.size(), 2u);
  cache.get_or_render("3", render);  // full: emptied, then the new page
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_THROW(cache.get_or_render("4", []() -> std::string { throw std::runtime_error("db"); }), std::runtime_error);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(FreshPages, TrustedOnlyAtTheSameCommitGenerationAndWithinMaxAge) {
  using namespace std::chrono_literals;
  FreshPages fresh(1s);
  const auto t0 = FreshPages::Clock::now();
  const FreshPages::Page page{"\"p1\"", {std::make_shared<const std::string>("<html>"), nullptr}};
  EXPECT_FALSE(fresh.fresh("339902001001", 7, t0));
  fresh.remember("339902001001", page, 7, t0);
  auto hit = fresh.fresh("339902001001", 7, t0 + 900ms);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->etag, "\"p1\"");
  EXPECT_EQ(*hit->rendered.body, "<html>");
  EXPECT_FALSE(fresh.fresh("339902001001", 8, t0 + 1ms));     // something committed since
  EXPECT_FALSE(fresh.fresh("339902001001", 7, t0 + 1100ms));  // too old: another process may have written
  EXPECT_FALSE(fresh.fresh("339902001001/large", 7, t0));     // each text size has its own page
}

}  // namespace
}  // namespace ql::disclosure
