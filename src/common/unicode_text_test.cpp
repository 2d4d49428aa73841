#include "common/unicode_text.hpp"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(UnicodeText, CountsCharactersNotBytes) {
  EXPECT_EQ(CharacterCount("abc"), 3u);
  EXPECT_EQ(CharacterCount("\u00fc\u00fc"), 2u);  // 4 bytes
  EXPECT_EQ(CharacterCount("\U0001F600"), 1u);    // 4 bytes, one emoji
}

TEST(UnicodeText, CleanTextTrimsNormalisesAndCountsAfterNfc) {
  std::string composed, decomposed;
  for (int i = 0; i < 500; ++i) composed += "\u00fc", decomposed += "u\u0308";
  EXPECT_EQ(CleanText(composed, 500, TextKind::kSingleLine).text, composed);
  const CleanedText nfd = CleanText(decomposed, 500, TextKind::kSingleLine);
  EXPECT_TRUE(nfd.problem.empty()) << nfd.problem;
  EXPECT_EQ(nfd.text, composed);
  EXPECT_EQ(CleanText(composed + "\u00fc", 500, TextKind::kSingleLine).problem,
            "is longer than 500 characters");
  EXPECT_EQ(CleanText("\u00a0 Ada \u3000", 500, TextKind::kSingleLine).text, "Ada");
}

TEST(UnicodeText, ControlCharacters) {
  for (std::string_view bad :
       {std::string_view("a\0b", 3), std::string_view("a\nb"), std::string_view("a\rb"),
        std::string_view("a\tb"), std::string_view("a\x7f"), std::string_view("a\u0085b"),
        std::string_view("a\u2028b")}) {
    EXPECT_FALSE(CleanText(bad, 100, TextKind::kSingleLine).problem.empty()) << bad;
  }
  EXPECT_TRUE(CleanText("two\r\nlines\tand a tab", 100, TextKind::kMultiLine).problem.empty());
  EXPECT_FALSE(CleanText(std::string_view("a\0b", 3), 100, TextKind::kMultiLine).problem.empty());
  // Joiners are letters' business in some scripts (Persian ZWNJ): allowed in names.
  EXPECT_TRUE(CleanText("\u0645\u200c\u06cc", 100, TextKind::kSingleLine).problem.empty());
  EXPECT_FALSE(CleanText("\xff\xfe", 100, TextKind::kSingleLine).problem.empty());  // not UTF-8
}

TEST(UnicodeText, InvisibleCharactersAndDomains) {
  EXPECT_TRUE(HasInvisibleOrSpace("a\u200bb"));
  EXPECT_TRUE(HasInvisibleOrSpace("a\u00a0b"));
  EXPECT_TRUE(HasInvisibleOrSpace("\ufeffab"));
  EXPECT_FALSE(HasInvisibleOrSpace("m\u00fcller"));
  EXPECT_EQ(DomainToAscii("M\u00dcLLER.de"), "xn--mller-kva.de");
  EXPECT_EQ(DomainToAscii("xn--mller-kva.DE"), "xn--mller-kva.de");
  EXPECT_EQ(DomainToAscii("Example.COM"), "example.com");
  EXPECT_FALSE(DomainToAscii("ex_ample.com").has_value());
  EXPECT_EQ(FoldCase("\u00c4NNA"), "\u00e4nna");
}

}  // namespace
}  // namespace rapport

namespace rapport {
namespace {

TEST(EmailKeyTest, FoldsCaseForAllOfUnicodeAndTheDomainByIdna) {
  EXPECT_EQ(EmailKey("Jane.Doe@Example.COM"), "jane.doe@example.com");
  EXPECT_EQ(EmailKey("\u00c4RGER@x.de"), EmailKey("\u00e4rger@x.de"));  // ÄRGER / ärger
  EXPECT_EQ(EmailKey("STRASSE@x.de"), EmailKey("stra\u00dfe@x.de"));    // full folding: ß = ss
  EXPECT_EQ(EmailKey("\u03a3\u0399\u03a3\u03a5\u03a6\u039f\u03a3@x.gr"),  // ΣΙΣΥΦΟΣ / σισυφος
            EmailKey("\u03c3\u03b9\u03c3\u03c5\u03c6\u03bf\u03c2@x.gr"));
  EXPECT_EQ(EmailKey("anna@M\u00dcLLER.de"), "anna@xn--mller-kva.de");
  EXPECT_NE(EmailKey("anna@x.de"), EmailKey("anne@x.de"));
}

}  // namespace
}  // namespace rapport

namespace rapport {
namespace {

TEST(Utf8PrefixTest, NeverEndsInsideACharacter) {
  EXPECT_EQ(Utf8Prefix("abc", 10), "abc");
  EXPECT_EQ(Utf8Prefix("abc", 2), "ab");
  EXPECT_EQ(Utf8Prefix("aü", 2), "a");   // ü is two bytes: cut inside it
  EXPECT_EQ(Utf8Prefix("aü", 3), "aü");
  EXPECT_EQ(Utf8Prefix("a€b", 3), "a");  // € is three bytes
  EXPECT_EQ(Utf8Prefix("a€b", 4), "a€");
  EXPECT_EQ(Utf8Prefix("", 0), "");
}

}  // namespace
}  // namespace rapport
