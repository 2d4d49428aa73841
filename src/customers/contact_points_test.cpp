#include "customers/contact_points.hpp"

#include <gtest/gtest.h>

namespace rapport::customers {
namespace {

TEST(NormalizeEmailTest, AcceptsAndTrims) {
  EXPECT_EQ(NormalizeEmail("  Jane.Doe+crm@Example.COM "), "Jane.Doe+crm@Example.COM");
  EXPECT_EQ(EmailKey("Jane.Doe@Example.COM"), "jane.doe@example.com");
}

TEST(NormalizeEmailTest, RejectsImplausibleAddresses) {
  for (const char* bad : {"", "jane", "@example.com", "jane@", "jane@example", "jane@@example.com",
                          "ja ne@example.com", "jane@example..com", "jane@.example.com",
                          "jane@example.com.", "a@b@c.com", "<jane@example.com>"}) {
    EXPECT_FALSE(NormalizeEmail(bad).has_value()) << bad;
  }
  EXPECT_FALSE(NormalizeEmail(std::string(65, 'a') + "@example.com").has_value());
}

struct PhoneCase {
  const char* input;
  const char* expected;  // nullptr: refused
};

TEST(NormalizePhoneTest, TableOfCases) {
  const PhoneCase cases[] = {
      {"+49 (151) 234-5678", "+491512345678"},
      {"0049 151 2345678", "+491512345678"},
      {"+1 415.555.0100", "+14155550100"},
      {"+44 20 7946 0958", "+442079460958"},
      {"0151 2345678", nullptr},       // national: no country code
      {"+49 151 CALL-ME", nullptr},    // letters
      {"+0 123456789", nullptr},       // country codes never start with 0
      {"+1234", nullptr},              // too short
      {"+1234567890123456", nullptr},  // 16 digits: too long
      {"", nullptr},
  };
  for (const auto& c : cases) {
    const PhoneResult result = NormalizePhone(c.input);
    if (c.expected == nullptr) {
      EXPECT_FALSE(result.e164.has_value()) << c.input;
      EXPECT_FALSE(result.problem.empty()) << c.input;
    } else {
      EXPECT_EQ(result.e164, c.expected) << c.input;
    }
  }
}

}  // namespace
}  // namespace rapport::customers
