#include "disclosure/comment.hpp"

#include <gtest/gtest.h>

namespace ql::disclosure {
namespace {

using namespace std::chrono_literals;

TEST(CommentKeys, FormTokenFitsOnlyItsPublicationAndTime) {
  const CommentKeys keys("secret-one");
  const TimePoint issued{std::chrono::seconds(1'790'000'000)};
  const auto token = keys.form_token(42, issued);
  EXPECT_TRUE(keys.form_token_valid(token, 42, issued + 1h, 12h));
  EXPECT_TRUE(keys.form_token_valid(token, 42, issued + 12h, 12h));
  EXPECT_FALSE(keys.form_token_valid(token, 42, issued + 12h + 1s, 12h)) << "expired";
  EXPECT_FALSE(keys.form_token_valid(token, 42, issued - 2min, 12h)) << "from the future";
  EXPECT_FALSE(keys.form_token_valid(token, 43, issued, 12h)) << "another publication";
  EXPECT_FALSE(CommentKeys("secret-two").form_token_valid(token, 42, issued, 12h)) << "another server";
  // The issue time is covered by the MAC: moving it forward breaks the token.
  const auto mac = token.substr(token.find('.'));
  EXPECT_FALSE(keys.form_token_valid(std::to_string(1'790'000'000 + 3600) + mac, 42, issued + 13h, 12h));
  for (const auto* bad : {"", ".", "abc", "1790000000.", "x.y", "99999999999999999999.abc"})
    EXPECT_FALSE(keys.form_token_valid(bad, 42, issued, 12h)) << bad;
}

TEST(CommentKeys, ClientHashIsSaltedPerServer) {
  const CommentKeys a("secret-one"), b("secret-two");
  EXPECT_EQ(a.client_hash("203.0.113.7"), a.client_hash("203.0.113.7"));
  EXPECT_NE(a.client_hash("203.0.113.7"), a.client_hash("203.0.113.8"));
  EXPECT_NE(a.client_hash("203.0.113.7"), b.client_hash("203.0.113.7"));
  EXPECT_EQ(a.client_hash("203.0.113.7").size(), 64u);
}

}  // namespace
}  // namespace ql::disclosure
