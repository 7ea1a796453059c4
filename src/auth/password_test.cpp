#include "auth/password.hpp"

#include <gtest/gtest.h>

namespace ql::auth {
namespace {

class PasswordTest : public ::testing::Test {
 protected:
  void SetUp() override { set_password_hash_strength(HashStrength::minimal); }
  void TearDown() override { set_password_hash_strength(HashStrength::interactive); }
};

TEST_F(PasswordTest, HashPasswordsKeepsTheOrderAndSaltsEachHash) {
  std::vector<std::string> passwords;
  for (int i = 0; i < 7; ++i) passwords.push_back("secret" + std::to_string(i % 3) + "x");
  const auto hashes = hash_passwords(passwords);
  ASSERT_EQ(hashes.size(), passwords.size());
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    EXPECT_TRUE(hashes[i].starts_with("$argon2id$")) << hashes[i];
    EXPECT_TRUE(verify_password(passwords[i], hashes[i])) << i;
    EXPECT_FALSE(verify_password(passwords[(i + 1) % passwords.size()] + "y", hashes[i])) << i;
  }
  EXPECT_NE(hashes[0], hashes[3]);  // the same password, another salt
  EXPECT_TRUE(hash_passwords({}).empty());
}

TEST_F(PasswordTest, HashPasswordsUsesTheProcessStrength) {
  set_password_hash_strength(HashStrength::interactive);
  const auto hashes = hash_passwords({"demo1234a"});
  ASSERT_EQ(hashes.size(), 1u);
  // libsodium's INTERACTIVE limits: 64 MiB, 2 passes, as hash_password writes them.
  EXPECT_NE(hashes[0].find("$m=65536,t=2,"), std::string::npos) << hashes[0];
}

}  // namespace
}  // namespace ql::auth
