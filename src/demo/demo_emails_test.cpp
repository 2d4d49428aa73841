#include "demo/demo_emails.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rapport::demo {
namespace {

TEST(EmailRegistryTest, ATakenAddressGetsTheLowestFreeNumber) {
  EmailRegistry registry(4);
  EXPECT_EQ(registry.Claim("anna.mueller", "mail.example"), "anna.mueller@mail.example");
  EXPECT_EQ(registry.Claim("anna.mueller", "mail.example"), "anna.mueller2@mail.example");
  EXPECT_EQ(registry.Claim("anna.mueller", "web.example"), "anna.mueller@web.example");
  EXPECT_EQ(registry.Claim("anna.mueller3", "mail.example"), "anna.mueller3@mail.example");
  // 3 went to someone else in the meantime: the next Anna Müller skips it.
  EXPECT_EQ(registry.Claim("anna.mueller", "mail.example"), "anna.mueller4@mail.example");
  EXPECT_EQ(registry.Claim("anna.mueller2", "mail.example"), "anna.mueller22@mail.example");
}

TEST(EmailRegistryTest, StaysUniqueWhileTheTableGrowsPastItsEstimate) {
  EmailRegistry registry(0);  // starts at its smallest table and doubles many times
  std::set<std::string> handed_out;
  for (int i = 0; i < 5000; ++i) {
    const std::string local = "p" + std::to_string(i % 1000) + "x";  // numbered: p7x2, p7x3 …
    EXPECT_TRUE(handed_out.insert(registry.Claim(local, "x.example")).second) << i;
  }
  EXPECT_EQ(handed_out.count("p7x@x.example"), 1u);
  EXPECT_EQ(handed_out.count("p7x5@x.example"), 1u);  // the fifth p7x
  EXPECT_EQ(handed_out.count("p7x6@x.example"), 0u);
}

}  // namespace
}  // namespace rapport::demo
