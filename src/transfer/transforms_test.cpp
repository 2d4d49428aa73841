// Column transforms: the cells spreadsheets really write, and the refusals that name the rule.
#include "transfer/transforms.hpp"

#include <gtest/gtest.h>

namespace rapport::transfer {
namespace {

std::string Apply(std::string_view spec, std::string_view value) {
  auto transform = ParseTransform(spec, "t");
  EXPECT_TRUE(transform.ok()) << spec;
  auto result = ApplyTransform(*transform, value);
  return result.ok() ? *result : "ERROR";
}

TEST(TransformsTest, DatesInLocalFormatsBecomeIso) {
  EXPECT_EQ(Apply("date:%d/%m/%Y", "31/12/1999"), "1999-12-31");
  EXPECT_EQ(Apply("date:%m/%d/%Y", "2/3/2024"), "2024-02-03");
  EXPECT_EQ(Apply("date:%d.%m.%y", "01.02.69"), "2069-02-01");
  EXPECT_EQ(Apply("date:%d.%m.%y", "01.02.70"), "1970-02-01");
  EXPECT_EQ(Apply("date:%d %b %Y", "5 September 2021"), "2021-09-05");
  EXPECT_EQ(Apply("date:%Y%m%d", "19970101"), "1997-01-01");
  EXPECT_EQ(Apply("datetime:%d/%m/%Y %H:%M", "01/02/2024 13:45"), "2024-02-01T13:45:00Z");
  EXPECT_EQ(Apply("date", "1997-01-12"), "1997-01-12");
}

TEST(TransformsTest, ImpossibleOrMisshapenDatesAreRefused) {
  EXPECT_EQ(Apply("date:%d/%m/%Y", "31/02/2024"), "ERROR");
  EXPECT_EQ(Apply("date:%d/%m/%Y", "2024-01-01"), "ERROR");
  EXPECT_EQ(Apply("date:%d/%m/%Y", "1/1/2024 extra"), "ERROR");
  EXPECT_EQ(Apply("datetime:%Y-%m-%d %H:%M", "2024-01-01 25:00"), "ERROR");
}

TEST(TransformsTest, AmountsLoseSymbolsAndSeparatorsButNotMeaning) {
  EXPECT_EQ(Apply("money", "$1,234.50"), "1234.50");
  EXPECT_EQ(Apply("money:,", "1.234,50 €"), "1234.50");
  EXPECT_EQ(Apply("money:,", "1 234,5"), "1234.5");
  EXPECT_EQ(Apply("money", "(12.00)"), "-12.00");
  EXPECT_EQ(Apply("money", "-3.10"), "-3.10");
  EXPECT_EQ(Apply("money", "USD 11.77"), "11.77");
  EXPECT_EQ(Apply("money", "12.3.4"), "ERROR");
  EXPECT_EQ(Apply("money", "n/a"), "ERROR");
  EXPECT_EQ(Apply("money", "12a3"), "ERROR");
}

TEST(TransformsTest, NationalPhoneNumbersGetTheirCountryCode) {
  EXPECT_EQ(Apply("e164:44", "020 7946 0000"), "+442079460000");
  EXPECT_EQ(Apply("e164:49", "0049 30 1234567"), "+49301234567");
  EXPECT_EQ(Apply("e164:1", "+1 (555) 010-9999"), "+1 (555) 010-9999");
  EXPECT_EQ(Apply("e164", "020 7946 0000"), "ERROR");
  // "(0)" after the country code is the trunk prefix: dropped, not kept as a digit.
  EXPECT_EQ(Apply("e164:49", "0049 (0)151 2345678"), "+491512345678");
  EXPECT_EQ(Apply("e164:49", "+49(0)151 2345678"), "+49151 2345678");
}

TEST(TransformsTest, CaseBooleansAndLists) {
  EXPECT_EQ(Apply("lower", "Ada@Example.COM"), "ada@example.com");
  EXPECT_EQ(Apply("upper", "gb"), "GB");
  EXPECT_EQ(Apply("bool", "Yes"), "true");
  EXPECT_EQ(Apply("bool", "0"), "false");
  EXPECT_EQ(Apply("bool", "maybe"), "ERROR");
  EXPECT_EQ(Apply("split:|", " vip | jazz ||blues "),
            "vip\x1fjazz\x1f"
            "blues");
}

TEST(TransformsTest, UnknownTransformsAndBadArgumentsFailUpFront) {
  auto unknown = ParseTransform("titlecase", "mapping.columns.Name.transforms");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "mapping.columns.Name.transforms");
  EXPECT_FALSE(ParseTransform("e164:+44", "f").ok());
  EXPECT_FALSE(ParseTransform("money:;", "f").ok());
  EXPECT_FALSE(ParseTransform("date:%d/%m", "f").ok());  // no year
}

}  // namespace
}  // namespace rapport::transfer
