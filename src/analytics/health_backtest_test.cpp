// The backtest's honesty: what happens after the cut-off changes the labels and never the scores,
// and the area under the curve is the textbook one.
#include "analytics/health_backtest.hpp"

#include <gtest/gtest.h>

namespace rapport::analytics {
namespace {

const int64_t kCutoff = *DayOf("1997-09-30");

TEST(HealthBacktestTest, AreaUnderCurve) {
  EXPECT_DOUBLE_EQ(AreaUnderCurve({1, 2, 3, 4}, {false, false, true, true}), 1.0);
  EXPECT_DOUBLE_EQ(AreaUnderCurve({1, 2, 3, 4}, {true, true, false, false}), 0.0);
  EXPECT_DOUBLE_EQ(AreaUnderCurve({1, 1, 1, 1}, {true, false, true, false}), 0.5);
  EXPECT_DOUBLE_EQ(AreaUnderCurve({1, 2}, {true, true}), 0.5);
  EXPECT_DOUBLE_EQ(AreaUnderCurve({0.1, 0.4, 0.35, 0.8}, {false, false, true, true}), 0.75);
}

TEST(HealthBacktestTest, TheFutureOnlyChangesLabels) {
  std::vector<Purchase> past{{"a", kCutoff - 200, 1000},
                             {"a", kCutoff - 100, 1000},
                             {"b", kCutoff - 20, 500},
                             {"b", kCutoff - 20, 700},
                             {"c", kCutoff - 250, 900}};
  const auto before = InputsAsOf(past, kCutoff);
  ASSERT_EQ(before.size(), 3u);
  EXPECT_EQ(before[1].second.purchases, 1);  // b's two same-day purchases are one order
  std::vector<Purchase> with_future = past;
  with_future.push_back({"c", kCutoff + 10, 5000});
  with_future.push_back({"d", kCutoff + 5, 100});  // a customer who only exists later
  const auto after = InputsAsOf(with_future, kCutoff);
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].first, before[i].first);
    EXPECT_EQ(ScoreHealth(after[i].second, kCutoff).score,
              ScoreHealth(before[i].second, kCutoff).score);
  }
  const BacktestResult result = RunHealthBacktest(with_future, kCutoff, 273);
  EXPECT_EQ(result.customers, 3);
  EXPECT_EQ(result.churned, 2);  // a and b; c came back
}

}  // namespace
}  // namespace rapport::analytics
