#include "support/chat/chat_identity.hpp"

#include <gtest/gtest.h>

namespace rapport::support::chat {
namespace {

constexpr int64_t kNow = 1'800'000'000;
const std::vector<std::string> kSecrets = {"current-secret"};

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

void ExpectRefused(const Result<std::string>& result) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
}

TEST(ChatIdentityTest, HmacOfTheCustomerIdVerifies) {
  const std::string hash = HmacSha256Hex("current-secret", "cus_123");
  EXPECT_EQ(hash.size(), 64u);
  auto verified =
      VerifyIdentity(json::object{{"customer_id", "cus_123"}, {"hash", hash}}, kSecrets, kNow);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(*verified, "cus_123");
}

TEST(ChatIdentityTest, ForgedOrMisappliedHashesAreRefused) {
  const std::string hash = HmacSha256Hex("current-secret", "cus_123");
  // Someone else's id with a genuine hash, a hash made with the wrong secret, a flipped digit.
  ExpectRefused(
      VerifyIdentity(json::object{{"customer_id", "cus_999"}, {"hash", hash}}, kSecrets, kNow));
  ExpectRefused(VerifyIdentity(
      json::object{{"customer_id", "cus_123"}, {"hash", HmacSha256Hex("guess", "cus_123")}},
      kSecrets, kNow));
  std::string flipped = hash;
  flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
  ExpectRefused(
      VerifyIdentity(json::object{{"customer_id", "cus_123"}, {"hash", flipped}}, kSecrets, kNow));
  ExpectRefused(VerifyIdentity(json::object{{"customer_id", "cus_123"}}, kSecrets, kNow));
  ExpectRefused(
      VerifyIdentity(json::object{{"customer_id", "cus_123"}, {"hash", ""}}, kSecrets, kNow));
}

TEST(ChatIdentityTest, RotationKeepsThePreviousSecretValid) {
  const std::string old_hash = HmacSha256Hex("old-secret", "cus_1");
  json::object identity{{"customer_id", "cus_1"}, {"hash", old_hash}};
  ExpectRefused(VerifyIdentity(identity, {"new-secret"}, kNow));
  EXPECT_TRUE(VerifyIdentity(identity, {"new-secret", "old-secret"}, kNow).ok());
}

TEST(ChatIdentityTest, AGenuineShortLivedJwtVerifies) {
  const std::string jwt =
      SignJwtHs256("current-secret", json::object{{"sub", "cus_42"}, {"exp", kNow + 300}});
  auto verified = VerifyIdentity(json::object{{"jwt", jwt}}, kSecrets, kNow);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(*verified, "cus_42");
}

TEST(ChatIdentityTest, ExpiredLongLivedOrExpLessJwtsAreRefused) {
  ExpectRefused(VerifyIdentity(
      json::object{{"jwt", SignJwtHs256("current-secret",
                                        json::object{{"sub", "cus_42"}, {"exp", kNow - 1}})}},
      kSecrets, kNow));
  ExpectRefused(VerifyIdentity(
      json::object{{"jwt", SignJwtHs256("current-secret",
                                        json::object{{"sub", "cus_42"},
                                                     {"exp", kNow + kMaxJwtLifetimeSeconds + 1}})}},
      kSecrets, kNow));
  ExpectRefused(VerifyIdentity(
      json::object{{"jwt", SignJwtHs256("current-secret", json::object{{"sub", "cus_42"}})}},
      kSecrets, kNow));
}

TEST(ChatIdentityTest, WrongSecretAndAlgNoneJwtsAreRefused) {
  ExpectRefused(VerifyIdentity(
      json::object{{"jwt", SignJwtHs256("wrong-secret",
                                        json::object{{"sub", "cus_42"}, {"exp", kNow + 60}})}},
      kSecrets, kNow));
  // alg none: an unsigned token that names its own (absent) check.
  const std::string none =
      Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
      Base64UrlEncode(R"({"sub":"cus_42","exp":)" + std::to_string(kNow + 60) + "}") + ".";
  ExpectRefused(VerifyIdentity(json::object{{"jwt", none}}, kSecrets, kNow));
  // alg none but carrying a genuine HS256 signature of its parts: still refused.
  const std::string signed_none = SignJwtHs256("current-secret", Obj(R"({"sub":"cus_42"})"));
  const std::string header = Base64UrlEncode(R"({"alg":"none"})");
  ExpectRefused(VerifyIdentity(
      json::object{{"jwt", header + signed_none.substr(signed_none.find('.'))}}, kSecrets, kNow));
  // A genuine token whose claims were swapped for someone else's.
  const std::string genuine =
      SignJwtHs256("current-secret", json::object{{"sub", "cus_42"}, {"exp", kNow + 60}});
  const size_t first = genuine.find('.');
  const size_t second = genuine.find('.', first + 1);
  const std::string swapped =
      genuine.substr(0, first + 1) +
      Base64UrlEncode(R"({"sub":"cus_1","exp":)" + std::to_string(kNow + 60) + "}") +
      genuine.substr(second);
  ExpectRefused(VerifyIdentity(json::object{{"jwt", swapped}}, kSecrets, kNow));
  ExpectRefused(VerifyIdentity(json::object{{"jwt", "not.a.jwt"}}, kSecrets, kNow));
  ExpectRefused(VerifyIdentity(json::object{{"jwt", 42}}, kSecrets, kNow));
}

}  // namespace
}  // namespace rapport::support::chat
