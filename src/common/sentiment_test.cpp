#include "common/sentiment.hpp"

#include <gtest/gtest.h>

#include <string>

#include "testing/fuzz.hpp"

namespace rapport {
namespace {

double Score(std::string_view text) { return ScoreSentiment(text).score; }

TEST(SentimentTest, NeutralQuestionsScoreNearZero) {
  EXPECT_EQ(Score("where is my order"), 0);
  EXPECT_EQ(ScoreSentiment("how long does delivery take to Canada").matched, 0);
  EXPECT_GT(Score("I have a problem with my webcam"), kClearlyNegative);
  EXPECT_EQ(Score(""), 0);
}

TEST(SentimentTest, AngryCustomersAreClearlyNegative) {
  EXPECT_LE(Score("This is the worst service ever"), kClearlyNegative);
  EXPECT_LE(Score("I am furious, third time I ask!!!"), kClearlyNegative);
  EXPECT_LE(Score("very disappointed and frustrated"), kClearlyNegative);
  EXPECT_LE(Score("Das ist eine Frechheit, ich bin total enttäuscht"), kClearlyNegative);
  EXPECT_LE(Score("Unverschämt! Schlechtester Service"), kClearlyNegative);
}

TEST(SentimentTest, OneMildWordIsNotEnough) {
  EXPECT_LT(Score("delivery is slow"), 0);
  EXPECT_GT(Score("delivery is slow"), kClearlyNegative);
}

TEST(SentimentTest, NegationFlipsAndDampens) {
  EXPECT_GT(Score("good"), 0);
  EXPECT_LT(Score("not good"), 0);
  EXPECT_GT(Score("not good"), kClearlyNegative);  // "not great" is not "terrible"
  EXPECT_GT(Score("no problem at all"), 0);
  EXPECT_LT(Score("nicht zufrieden"), 0);
  EXPECT_LT(Score("it doesn’t work and isn’t good"), 0);  // typographic apostrophes
}

TEST(SentimentTest, IntensifiersShoutingAndExclamationsStrengthen) {
  EXPECT_LT(Score("very bad"), Score("bad"));
  EXPECT_LT(Score("sehr schlecht"), Score("schlecht"));
  EXPECT_LT(Score("this is BAD"), Score("this is bad"));
  EXPECT_LT(Score("bad!!!"), Score("bad"));
  EXPECT_GT(Score("great, thanks!"), 0.5);
}

TEST(SentimentTest, AccentsAndCaseAreFolded) {
  EXPECT_EQ(Score("ENTTÄUSCHT"), Score("enttauscht"));
  EXPECT_EQ(Score("Wütend"), Score("wutend"));
}

// Any bytes: a score in [-1, 1], no crash, and only the first 4,096 bytes read.
TEST(SentimentFuzzTest, AnyTextScoresWithinBounds) {
  testing::FuzzRun run(2000, 2.0);
  constexpr std::string_view kTokens[] = {"not ",         "very ", "bad",    "great", "!",
                                          "\xE2\x80\x99", "ü",     "NICHT ", "worst "};
  while (run.Next()) {
    std::string text;
    const size_t words = run.Below(40);
    for (size_t i = 0; i < words; ++i) text += std::string(kTokens[run.Below(9)]) + " ";
    text = run.Mutate(text, kTokens);
    const Sentiment sentiment = ScoreSentiment(text);
    ASSERT_GE(sentiment.score, -1) << run.Reproduce(text);
    ASSERT_LE(sentiment.score, 1) << run.Reproduce(text);
  }
  const std::string long_text = std::string(5000, 'a') + " terrible";
  EXPECT_EQ(ScoreSentiment(long_text).matched, 0);
}

}  // namespace
}  // namespace rapport
