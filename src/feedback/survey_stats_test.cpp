#include "feedback/survey_stats.hpp"

#include <gtest/gtest.h>

namespace rapport::feedback {
namespace {

TEST(SurveyStatsTest, NpsAndItsIntervalMatchAHandComputation) {
  // 5 promoters, 3 passives, 2 detractors: NPS 30; p = .5, d = .2, Var = .7 - .09 = .61,
  // half-width 1.96 * 100 * sqrt(.061) = 48.4.
  const std::vector<int64_t> scores{10, 9, 9, 10, 9, 8, 7, 7, 3, 6};
  const ScoreSummary s = Summarize("nps", scores);
  EXPECT_EQ(s.promoters, 5);
  EXPECT_EQ(s.passives, 3);
  EXPECT_EQ(s.detractors, 2);
  EXPECT_NEAR(*s.nps, 30.0, 1e-9);
  EXPECT_NEAR(*s.low, 30.0 - 48.41, 0.05);
  EXPECT_NEAR(*s.high, 30.0 + 48.41, 0.05);
}

TEST(SurveyStatsTest, TheIntervalIsClampedAndNeedsTwoAnswers) {
  EXPECT_FALSE(Summarize("nps", {10}).low.has_value());
  const ScoreSummary all = Summarize("nps", {10, 10, 10});
  EXPECT_EQ(*all.nps, 100);
  EXPECT_EQ(*all.high, 100);  // zero variance: the interval is the point
  EXPECT_FALSE(Summarize("nps", {}).nps.has_value());
}

TEST(SurveyStatsTest, CsatAndCesReportAverages) {
  const ScoreSummary csat = Summarize("csat", {5, 4, 3, 1});
  EXPECT_NEAR(*csat.average, 3.25, 1e-9);
  EXPECT_NEAR(*csat.satisfied_share, 0.5, 1e-9);
  EXPECT_LT(*csat.low, 3.25);
  EXPECT_GT(*csat.high, 3.25);
  const json::object out = SummaryToJson("ces", Summarize("ces", {7, 6}));
  EXPECT_EQ(out.at("n").as_int64(), 2);
  EXPECT_FALSE(out.contains("nps"));
  EXPECT_TRUE(out.at("ci95").is_array());
}

}  // namespace
}  // namespace rapport::feedback
