#include "disclosure/page_cache.hpp"

#include <gtest/gtest.h>

namespace ql::disclosure {
namespace {

TEST(PageCache, RendersOncePerTagAndAgainForANewTag) {
  PageCache cache;
  int renders = 0;
  auto render = [&] { return "page " + std::to_string(++renders); };
  EXPECT_EQ(*cache.get_or_render("\"a\"", render), "page 1");
  EXPECT_EQ(*cache.get_or_render("\"a\"", render), "page 1");
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(*cache.get_or_render("\"b\"", render), "page 2");
  EXPECT_EQ(*cache.get_or_render("\"a\"", render), "page 1");
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

}  // namespace
}  // namespace ql::disclosure
