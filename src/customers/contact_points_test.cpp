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

// Every spelling of one mailbox has one key, so uniqueness cannot be bypassed.
TEST(NormalizeEmailTest, OneKeyPerMailbox) {
  const std::string key = EmailKey(*NormalizeEmail("anna@m\u00fcller.de"));
  EXPECT_EQ(key, "anna@xn--mller-kva.de");
  for (const char* spelling : {
           "anna@M\u00dcLLER.DE",        // upper-case internationalised domain
           "anna@mu\u0308ller.de",       // NFD: u + combining diaeresis
           "anna@xn--mller-kva.de",      // the punycode form of the domain
           "\"anna\"@m\u00fcller.de",    // a quoted plain local part
           "anna@m\u00fcller.de\u00a0",  // a trailing no-break space
           "  ANNA@m\u00fcller.de\t",    // case and ASCII white space
       }) {
    const auto normalized = NormalizeEmail(spelling);
    ASSERT_TRUE(normalized.has_value()) << spelling;
    EXPECT_EQ(EmailKey(*normalized), key) << spelling;
  }
  EXPECT_EQ(NormalizeEmail("anna@mu\u0308ller.de"), "anna@m\u00fcller.de");  // stored in NFC
  EXPECT_EQ(NormalizeEmail("\"anna\"@example.com"), "anna@example.com");
}

TEST(NormalizeEmailTest, RefusesInvisibleCharactersAndQuotedSpecials) {
  for (const char* bad : {"anna\u200b@example.com",   // zero-width space
                          "anna@exam\u200bple.com",   // … in the domain
                          "anna\u00a0x@example.com",  // inner no-break space
                          "\ufeffanna@example.com",   // BOM
                          "anna\u00ad@example.com",   // soft hyphen
                          "\"an na\"@example.com", "\"a@b\"@example.com", "an\"na@example.com",
                          "anna@ex_ample.com", "anna.@example.com", "anna@-example.com"}) {
    EXPECT_FALSE(NormalizeEmail(bad).has_value()) << bad;
  }
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
      {"+49(0)151 2345678", "+491512345678"},  // "(0)" is the trunk prefix: dropped
      {"+49 (0) 151 2345678", "+491512345678"},
      {"0049 (0)151 2345678", "+491512345678"},
      {"+44 (0)20 7946 0958", "+442079460958"},
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

struct RegionCase {
  const char* input;
  const char* region;
  const char* expected;  // nullptr: refused
};

TEST(NormalizePhoneTest, NationalNumbersAreReadInTheirRegion) {
  const RegionCase cases[] = {
      {"015234944775", "DE", "+4915234944775"},
      {"030 1234567", "DE", "+49301234567"},
      {"020 7946 0958", "GB", "+442079460958"},
      {"07700 900123", "GB", "+447700900123"},
      {"(202) 555-0143", "US", "+12025550143"},
      {"202-555-0143", "US", "+12025550143"},
      {"+44 20 7946 0958", "DE", "+442079460958"},  // international input ignores the region
      {"0049 30 1234567", "US", "+49301234567"},    // "00" is read as "+" in every region
      {"020 7946 09588", "GB", nullptr},            // too long for the UK
      {"202 555 01", "US", nullptr},                // too short for the US
      {"555-0143", "US", nullptr},                  // no area code
      {"0151 2345678", "", nullptr},                // national, no region known
  };
  for (const auto& c : cases) {
    const PhoneResult result = NormalizePhone(c.input, c.region);
    if (c.expected == nullptr) {
      EXPECT_FALSE(result.e164.has_value()) << c.input << " in " << c.region;
      EXPECT_FALSE(result.problem.empty()) << c.input;
    } else {
      EXPECT_EQ(result.e164, c.expected) << c.input << " in " << c.region;
    }
  }
}

TEST(NormalizePhoneTest, InstanceDefaultRegionAppliesWhenNoneIsGiven) {
  ASSERT_TRUE(SetDefaultPhoneRegion("DE"));
  EXPECT_EQ(NormalizePhone("0151 23456789").e164, "+4915123456789");
  EXPECT_EQ(NormalizePhone("020 7946 0958", "GB").e164, "+442079460958");  // the given one wins
  EXPECT_FALSE(SetDefaultPhoneRegion("XX"));  // unknown: the setting stays
  EXPECT_EQ(DefaultPhoneRegion(), "DE");
  ASSERT_TRUE(SetDefaultPhoneRegion(""));
  EXPECT_FALSE(NormalizePhone("0151 23456789").e164.has_value());
}

TEST(DisplayPhoneTest, InternationalFormatForReading) {
  EXPECT_EQ(DisplayPhone("+4915234944775"), "+49 1523 4944775");
  EXPECT_EQ(DisplayPhone("+442079460958"), "+44 20 7946 0958");
  EXPECT_EQ(DisplayPhone("+12025550143"), "+1 202-555-0143");
  EXPECT_EQ(DisplayPhone("not a number"), "not a number");
}

}  // namespace
}  // namespace rapport::customers
