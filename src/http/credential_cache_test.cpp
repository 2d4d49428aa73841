#include "http/credential_cache.hpp"

#include <gtest/gtest.h>

namespace rapport::http {
namespace {

CredentialCache::Verified Token(std::string id) {
  return {identity::Principal{.token_id = std::move(id), .name = "n", .user_id = "usr_1"},
          std::make_shared<const access::Access>(access::Access::Unrestricted())};
}

TEST(CredentialCache, HitsOnlyAtTheGenerationItWasVerifiedAt) {
  CredentialCache cache;
  EXPECT_FALSE(cache.Find("h1", 7, 1000));
  cache.Put("h1", 7, 1000, std::nullopt, Token("tok_1"));
  auto hit = cache.Find("h1", 7, 1001);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->principal.token_id, "tok_1");
  EXPECT_FALSE(cache.Find("h2", 7, 1001));
  // A revoke, a role change, ... moved the generation: verify again.
  EXPECT_FALSE(cache.Find("h1", 8, 1001));
}

TEST(CredentialCache, EndsAtTheTokensExpiryAndAfterItsMaximumAge) {
  CredentialCache cache;
  cache.Put("expiring", 1, 1000, 5000, Token("tok_1"));
  EXPECT_TRUE(cache.Find("expiring", 1, 4999));
  EXPECT_FALSE(cache.Find("expiring", 1, 5000));
  cache.Put("lasting", 1, 1000, std::nullopt, Token("tok_2"));
  EXPECT_TRUE(cache.Find("lasting", 1, 1000 + CredentialCache::kMaxAgeMillis - 1));
  EXPECT_FALSE(cache.Find("lasting", 1, 1000 + CredentialCache::kMaxAgeMillis));
}

TEST(CredentialCache, StaysWithinItsCapacity) {
  CredentialCache cache(3);
  for (int i = 0; i < 10; ++i) {
    cache.Put("h" + std::to_string(i), 1, 1000, std::nullopt, Token("tok"));
    EXPECT_LE(cache.size(), 3u);
  }
  EXPECT_TRUE(cache.Find("h9", 1, 1000));
  // Refreshing a present entry does not empty the cache.
  const size_t before = cache.size();
  cache.Put("h9", 2, 1000, std::nullopt, Token("tok"));
  EXPECT_EQ(cache.size(), before);
}

}  // namespace
}  // namespace rapport::http
