#include "identity/public_token.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "testing/temp_dir.hpp"

namespace rapport::identity {
namespace {

constexpr int64_t kNow = 1'796'116'500;
const PublicTokens& Tokens() {
  static const PublicTokens tokens(std::string(PublicTokens::kKeyBytes, 'k'));
  return tokens;
}

TEST(PublicTokens, ASignedTokenOpensItsOwnPurposeUntilItExpires) {
  const std::string token = Tokens().Sign("rating", "tkt_01abc", kNow + 60);
  EXPECT_LE(token.size(), 50u);
  EXPECT_EQ(
      token.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."),
      std::string::npos)
      << token;
  EXPECT_EQ(Tokens().Verify("rating", token, kNow).value(), "tkt_01abc");
  EXPECT_EQ(Tokens().Verify("survey", token, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Tokens().Verify("rating", token, kNow + 60).error().code, ErrorCode::kPermissionDenied);
}

TEST(PublicTokens, AnythingAlteredOrMadeUpIsRefused) {
  const std::string token = Tokens().Sign("rating", "tkt_01abc", kNow + 60);
  const std::string forged_expiry =
      "tkt_01abc." + std::to_string(kNow + 6000) + token.substr(token.rfind('.'));
  const std::string other_id = "tkt_01abd" + token.substr(token.find('.'));
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  const PublicTokens other_key(std::string(PublicTokens::kKeyBytes, 'x'));
  for (const std::string& bad :
       {forged_expiry, other_id, flipped, std::string(""), std::string("tkt_01abc"),
        std::string("tkt_01abc.12.."), std::string("../x.1.abc"), token + "A",
        other_key.Sign("rating", "tkt_01abc", kNow + 60)}) {
    auto verified = Tokens().Verify("rating", bad, kNow);
    ASSERT_FALSE(verified.ok()) << bad;
    EXPECT_EQ(verified.error().code, ErrorCode::kNotFound) << bad;
  }
}

TEST(PublicTokens, ADerivedSecretIsShortStableAndBoundToKeyPurposeAndId) {
  const std::string secret = Tokens().Derive("survey-link", "inv_1");
  EXPECT_EQ(secret.size(), 22u);  // a survey link's token length
  EXPECT_EQ(
      secret.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(Tokens().Derive("survey-link", "inv_1"), secret);  // a retry writes the same link
  EXPECT_NE(Tokens().Derive("survey-link", "inv_2"), secret);
  EXPECT_NE(Tokens().Derive("rating", "inv_1"), secret);
  const PublicTokens other_key(std::string(PublicTokens::kKeyBytes, 'x'));
  EXPECT_NE(other_key.Derive("survey-link", "inv_1"), secret);
}

TEST(PublicTokens, TheKeyIsMadeOnceInTheDataDirectoryForItsOwnerOnly) {
  testing::TempDir dir;
  auto first = PublicTokens::OpenInDataDir(dir.path());
  ASSERT_TRUE(first.ok());
  const auto path = std::filesystem::path(dir.path()) / PublicTokens::kKeyFile;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  EXPECT_EQ(info.st_size, static_cast<off_t>(PublicTokens::kKeyBytes));
  const std::string token = first->Sign("rating", "tkt_1", kNow + 1);
  auto again = PublicTokens::OpenInDataDir(dir.path());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->Verify("rating", token, kNow).ok());  // same key after a restart
  std::filesystem::resize_file(path, 5);
  EXPECT_FALSE(PublicTokens::OpenInDataDir(dir.path()).ok());
}

}  // namespace
}  // namespace rapport::identity
