#include "common/money.hpp"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(MoneyTest, ParsesDecimalTextExactly) {
  EXPECT_EQ(ParseCents("19.99"), 1999);
  EXPECT_EQ(ParseCents("12"), 1200);
  EXPECT_EQ(ParseCents("0.5"), 50);
  EXPECT_EQ(ParseCents("-3.10", true), -310);
  for (const char* bad :
       {"", "1.234", "1,00", "1e3", "12.", ".5", "-1", "abc", "100000000000.01"}) {
    EXPECT_FALSE(ParseCents(bad).has_value()) << bad;
  }
  EXPECT_EQ(CentsFromJson(ParseJson("19.99").value()), 1999);
  EXPECT_EQ(CentsFromJson(ParseJson("0.1").value()), 10);
  EXPECT_EQ(CentsFromJson(ParseJson("7").value()), 700);
  EXPECT_FALSE(CentsFromJson(ParseJson("true").value()).has_value());
}

TEST(MoneyTest, FormatsTwoPlaces) {
  EXPECT_EQ(FormatCents(1999), "19.99");
  EXPECT_EQ(FormatCents(5), "0.05");
  EXPECT_EQ(FormatCents(-310), "-3.10");
  EXPECT_EQ(FormatCents(0), "0.00");
}

}  // namespace
}  // namespace rapport
