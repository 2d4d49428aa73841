#include "support/helpcenter/text_analysis.hpp"

#include <gtest/gtest.h>

namespace rapport::helpcenter {
namespace {

TEST(TextAnalysisTest, WordsAreFoldedRunsOfLettersAndDigits) {
  EXPECT_EQ(
      Words("How long does DELIVERY take? (2-3 days)"),
      (std::vector<std::string>{"how", "long", "does", "delivery", "take", "2", "3", "days"}));
  EXPECT_EQ(Words("Lieferung nach Österreich"),
            (std::vector<std::string>{"lieferung", "nach", "österreich"}));
}

TEST(TextAnalysisTest, EnglishStemsShippingAndShippedAlike) {
  EXPECT_EQ(IndexTerm("shipping", "en"), "ship");
  EXPECT_EQ(IndexTerm("shipped", "en"), IndexTerm("shipping", "en"));
  EXPECT_EQ(IndexTerm("refunds", "en"), IndexTerm("refunded", "en"));
}

TEST(TextAnalysisTest, GermanStemsInflectionsAlikeAndFoldsUmlauts) {
  EXPECT_EQ(IndexTerm("lieferung", "de"), IndexTerm("lieferungen", "de"));
  EXPECT_EQ(IndexTerm("rücksendung", "de"), IndexTerm("rucksendungen", "de"));
  EXPECT_EQ(IndexTerm("straße", "de"), IndexTerm("strasse", "de"));
}

TEST(TextAnalysisTest, UnknownLanguagesAreFoldedButNotStemmed) {
  EXPECT_EQ(IndexTerm("shipping", "xx"), "shipping");
  EXPECT_EQ(IndexTerm("café", "zz"), "cafe");
  EXPECT_FALSE(HasStemmer("english; rm -rf"));
  EXPECT_TRUE(HasStemmer("de"));
}

TEST(TextAnalysisTest, StopWordsPerLanguage) {
  EXPECT_TRUE(IsStopWord("how", "en"));
  EXPECT_FALSE(IsStopWord("parcel", "en"));
  EXPECT_TRUE(IsStopWord("wie", "de"));
  EXPECT_FALSE(IsStopWord("how", "de"));
}

}  // namespace
}  // namespace rapport::helpcenter
