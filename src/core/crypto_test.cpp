#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace ql::crypto {

TEST(Crypto, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')), sha256_hex(std::string(1000, 'a')));
}

TEST(Crypto, Sha256IsThreadSafe) {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i)
        if (sha256_hex("abc") != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") ++wrong;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
}

TEST(Crypto, EncodingsAndTokens) {
  EXPECT_EQ(base64("\x01\x02\x03"), "AQID");
  EXPECT_EQ(base64url("\xff\xfe"), "__4");
  EXPECT_EQ(to_hex(std::string_view("\x00\xab", 2)), "00ab");
  EXPECT_NE(random_token(), random_token());
  EXPECT_EQ(random_token(32).size(), 43u);
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  for (int i = 0; i < 50; ++i) {
    auto p = random_password(14);
    EXPECT_EQ(p.size(), 14u);
    EXPECT_NE(p.find_first_of("23456789"), std::string::npos);
    EXPECT_NE(p.find_first_not_of("23456789"), std::string::npos);
  }
}

}  // namespace ql::crypto
