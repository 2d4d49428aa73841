#include "identity/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace rapport::identity {
namespace {

struct PolicyCase {
  const char* password;
  bool accepted;
};

TEST(PasswordPolicyTest, TableOfCases) {
  const PolicyCase cases[] = {
      {"correct horse battery", true},  {"tr0ub4dor&3-extended", true},
      {"short-pass1", false},            // 11 characters
      {"ÄÖÜäöüßéèêëî", true},            // 12 characters, more bytes: counted as characters
      {"password1234", false},           // listed
      {"Password2024!!", false},         // a padded base word
      {"Summer2025!", false},            // too short anyway
      {"aaaaaaaaaaaaaaaa", false},       // one repeated character
      {"grace.hopper@navy.mil", false},  // the account's own email
      {"xx-grace.hopper-xx", false},     // contains the email's local part
      {"Grace Hopper", false},           // the account's name
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CheckPasswordPolicy(c.password, "grace.hopper@navy.mil", "Grace Hopper").ok(),
              c.accepted)
        << c.password;
  }
  EXPECT_EQ(CheckPasswordPolicy(std::string(1025, 'x') + "y", "", "").error().field_errors[0].field,
            "password");
}

TEST(PasswordHasherTest, HashesWithArgon2idAndVerifies) {
  ASSERT_GE(sodium_init(), 0);
  PasswordHasher hasher(1);
  auto hash = hasher.Hash("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_NE(hash->find("m=65536,t=2"), std::string::npos);  // 64 MiB, 2 passes
  EXPECT_TRUE(hasher.Verify(*hash, "correct horse battery"));
  EXPECT_FALSE(hasher.Verify(*hash, "correct horse batterY"));
  EXPECT_FALSE(hasher.Verify("not a hash", "correct horse battery"));
  EXPECT_FALSE(PasswordHasher::NeedsRehash(*hash));
}

TEST(PasswordHasherTest, OlderParametersAskForARehash) {
  ASSERT_GE(sodium_init(), 0);
  char weaker[crypto_pwhash_STRBYTES];
  const std::string password = "correct horse battery";
  ASSERT_EQ(crypto_pwhash_str_alg(weaker, password.data(), password.size(), 1,
                                  size_t{8} * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13),
            0);
  PasswordHasher hasher(1);
  EXPECT_TRUE(hasher.Verify(weaker, password));
  EXPECT_TRUE(PasswordHasher::NeedsRehash(weaker));
}

TEST(GeneratePasswordTest, MeetsThePolicyAndDiffers) {
  ASSERT_GE(sodium_init(), 0);
  const std::string a = GeneratePassword();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_TRUE(CheckPasswordPolicy(a, "x@example.com", "X").ok());
  EXPECT_NE(a, GeneratePassword());
}

}  // namespace
}  // namespace rapport::identity
