#include "common/ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace rapport {
namespace {

TEST(IdsTest, HasPrefixAndFixedLength) {
  const std::string id = NewId("cus");
  ASSERT_EQ(id.size(), 4u + 26u);
  EXPECT_EQ(id.substr(0, 4), "cus_");
}

TEST(IdsTest, AreUniqueAndSortByCreationMillisecond) {
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewId("x");
    EXPECT_TRUE(seen.insert(id).second);
    // Only the 10-character time part is ordered; the random tail is not.
    EXPECT_GE(id.substr(0, 12), previous.substr(0, std::min<size_t>(12, previous.size())));
    previous = id;
  }
}

TEST(IdsTest, RandomTokensAreUrlSafe) {
  const std::string token = RandomToken(32);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
}

}  // namespace
}  // namespace rapport
