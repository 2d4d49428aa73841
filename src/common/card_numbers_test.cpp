#include "common/card_numbers.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace rapport {
namespace {

// Written the ways a card number reaches a CRM: typed, pasted from a PDF or a spreadsheet, or
// from a phone keyboard in another script.
TEST(CardNumbersTest, FindsCardsHoweverTheyAreWritten) {
  for (const std::string text : {
           "4111111111111111",
           "card 4111 1111 1111 1111 exp 12/29",
           "5500-0000-0000-0004",
           "378282246310005",                     // Amex, 15 digits
           "3782 822463 10005",                   // Amex as printed: 4-6-5
           "4111  1111  1111  1111",              // double spaces
           "4111.1111.1111.1111",                 // dots
           "4111/1111/1111/1111",                 // slashes
           "4111_1111_1111_1111",                 // underscores
           "4111\u00a01111\u00a01111\u00a01111",  // no-break spaces
           "4111\t1111\t1111\t1111",              // tabs (a spreadsheet row)
           "4111\n1111\n1111\n1111",              // one group a line
           "4111\r\n1111\r\n1111\r\n1111",
           "4111\u200b1111\u200b1111\u200b1111",  // zero-width spaces
           "4111 - 1111 - 1111 - 1111",
           "\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11"
           "\uff11\uff11",  // full-width digits
           "\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661"
           "\u0661\u0661",  // Arabic-Indic digits
           "\u06f4\u06f1\u06f1\u06f1 \u06f1\u06f1\u06f1\u06f1 \u06f1\u06f1\u06f1\u06f1 "
           "\u06f1\u06f1\u06f1\u06f1",  // Persian digits in groups
           "4111111111111111 12/27",    // followed by its expiry
           "4111 1111 1111 1111 12/27",
           "pan:4111111111111111;",
           "6011 0009 9013 9424 1",  // 17 digits in groups (Discover test card with a check)
       }) {
    EXPECT_TRUE(ContainsCardNumber(text)) << text;
  }
  EXPECT_TRUE(ContainsCardNumber("6011000990139424"));
}

TEST(CardNumbersTest, LeavesOrdinaryNumbersAlone) {
  for (const std::string text : {
           "4111111111111112",  // fails Luhn
           "+49 151 2345678", "+1 (415) 555-0123",
           "+4915123456789",  // E.164, 13 digits starting with 4: a phone, not a card
           "+4111111111111111",
           "order 123456789012",        // 12 digits
           "ref 41111111111111111111",  // 20 digits in one group: not a card
           "12 34 56 78 90 12 34 56",   // short groups never join into a card
           "total 120.50 EUR on 2026-12-05 at 10:30", "", "no digits at all",
           "4111\xff"
           "1111 1111 1111",       // a broken byte ends the number: 4111 | 1111 1111 1111
           "1000000000009",        // Luhn-valid, but no payment card starts with 1 (epoch millis)
           "8000 0000 0000 0003",  // Luhn-valid, industry 8 (health, telecom): not a payment card
       }) {
    EXPECT_FALSE(ContainsCardNumber(text)) << text;
  }
  // Groups farther apart than a short separator cluster are separate numbers.
  EXPECT_FALSE(ContainsCardNumber("4111     1111     1111     1111"));
}

TEST(CardNumbersTest, MasksEveryCardAndNothingElse) {
  EXPECT_EQ(MaskCardNumbers("pay 4111 1111 1111 1111 exp 12/27 ok"), "pay [card] exp 12/27 ok");
  EXPECT_EQ(MaskCardNumbers("a=4111111111111111&b=5500-0000-0000-0004"), "a=[card]&b=[card]");
  EXPECT_EQ(MaskCardNumbers("4111111111111111 12/27"), "[card] 12/27");
  EXPECT_EQ(MaskCardNumbers("/api/v1/customers?q=4111111111111111"), "/api/v1/customers?q=[card]");
  const std::string plain = "GET /api/v1/customers/cus_01M89 200 +49 151 2345678 \xff";
  EXPECT_EQ(MaskCardNumbers(plain), plain);
  const std::string wide =
      "x \uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11"
      "\uff11\uff11 y";
  EXPECT_EQ(MaskCardNumbers(wide), "x [card] y");
  EXPECT_FALSE(ContainsCardNumber(MaskCardNumbers("4111\u200b1111\u200b1111\u200b1111")));
}

// Generative: ASCII text goes through a cheap first look that skips the full scan when no run
// can hold a card number. Appending "é" forces the full scan (any byte past ASCII does) and,
// being neither a digit nor a separator, ends the last run without changing what it holds, so
// both answers must agree. 20,000 texts of digits, separators, letters and "+", about one in
// eight holding a card number.
TEST(CardNumbersTest, TheFirstLookAgreesWithTheFullScan) {
  std::mt19937 random(7);
  const std::string alphabet = "0123456789012345678901234567890123456789 -./_\t+abX";
  std::uniform_int_distribution<size_t> letter(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 60);
  int cards = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int size = length(random);
    for (int i = 0; i < size; ++i) text += alphabet[letter(random)];
    if (n % 3 == 0) text += "x4111 1111-1111.1111";  // at the end: a run the first look must see
    SCOPED_TRACE(text);
    const bool contains = ContainsCardNumber(text);
    cards += contains ? 1 : 0;
    ASSERT_EQ(contains, ContainsCardNumber(text + "\u00e9"));
    ASSERT_EQ(MaskCardNumbers(text) + "\u00e9", MaskCardNumbers(text + "\u00e9"));
  }
  EXPECT_GT(cards, 2000) << "the texts must hold cards for the comparison to mean something";
}

}  // namespace
}  // namespace rapport
