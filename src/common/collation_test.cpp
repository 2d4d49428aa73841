#include "common/collation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace rapport {
namespace {

std::vector<std::string> SortedByKey(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return CollationKey(a) < CollationKey(b);
  });
  return names;
}

TEST(CollationKeyTest, RootOrderPutsLettersWithTheirBase) {
  ASSERT_TRUE(SetCollationLocale("und").ok());
  EXPECT_LT(CollationKey("\u0141ukasz"), CollationKey("Zeller"));  // Łukasz < Zeller
  EXPECT_EQ(SortedByKey({"Zeller", "\u0141ukasz", "adams", "\u00c4rger", "Baker", "\u00e9mile"}),
            (std::vector<std::string>{"adams", "\u00c4rger", "Baker", "\u00e9mile", "\u0141ukasz",
                                      "Zeller"}));
  EXPECT_LT(CollationKey("Muller"), CollationKey("M\u00fcller"));   // accents second, ...
  EXPECT_LT(CollationKey("M\u00fcller"), CollationKey("Mullers"));  // ... after the letters
}

TEST(CollationKeyTest, KeysAreLowercaseHexWithoutTerminator) {
  ASSERT_TRUE(SetCollationLocale("und").ok());
  const std::string key = CollationKey("Anna");
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(key.size() % 2, 0u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(key.substr(key.size() - 2), "00");
  EXPECT_EQ(CollationKey(""), "");
  EXPECT_EQ(CollationKey("\xff\xfe"), CollationKey("\xff\xfe"));  // invalid UTF-8: no crash
}

TEST(CollationKeyTest, LocaleChangesTheOrder) {
  // Swedish sorts Ö after Z; the root order sorts it with O.
  ASSERT_TRUE(SetCollationLocale("sv").ok());
  EXPECT_EQ(CollationLocale(), "sv");
  EXPECT_GT(CollationKey("\u00d6berg"), CollationKey("Zander"));
  ASSERT_TRUE(SetCollationLocale("und").ok());
  EXPECT_LT(CollationKey("\u00d6berg"), CollationKey("Zander"));
  const Status bad = SetCollationLocale("not a locale!");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.at(0).field, "collation_locale");
  EXPECT_EQ(CollationLocale(), "und");
}

TEST(SearchFoldTest, FoldsCaseAndAccents) {
  EXPECT_EQ(SearchFold("M\u00fcller"), "muller");
  EXPECT_EQ(SearchFold("MU\u0308LLER"), "muller");  // decomposed Ü
  EXPECT_EQ(SearchFold("Muller"), "muller");
  EXPECT_EQ(SearchFold("STRASSE"), SearchFold("stra\u00dfe"));
  EXPECT_EQ(SearchFold("\u039f\u0394\u039f\u03a3"),
            SearchFold("\u03bf\u03b4\u03bf\u03c2"));  // ΟΔΟΣ/οδος
  EXPECT_EQ(SearchFold("Cr\u00e8me Br\u00fbl\u00e9e"), "creme brulee");
  EXPECT_EQ(SearchFold(""), "");
}

}  // namespace
}  // namespace rapport
