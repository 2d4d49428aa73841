// The health score's backtest (docs/design/health.md § Backtest): score customers as of a cut-off
// day from their purchases before it only, then measure how well the score ranks who does not
// buy again in the following window (the area under the ROC curve), beside a recency-only
// baseline (days since the last purchase). Pure; thread-safe. bench/health_backtest.cpp runs it
// on the CDNOW transactions; health_backtest_test.cpp keeps it honest (no look-ahead).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/health_score.hpp"

namespace rapport::analytics {

struct Purchase {
  std::string customer;
  int64_t day = 0;
  int64_t cents = 0;
};

struct BacktestResult {
  int64_t customers = 0;   // with a purchase on or before the cut-off
  int64_t churned = 0;     // of them, no purchase in (cut-off, cut-off + window]
  double health_auc = 0;   // the score ranking churners (low score = likely to churn)
  double recency_auc = 0;  // days since the last purchase ranking them
};

// Purchases on the same day by the same customer are one order. Purchases after `cutoff` are
// only ever read for the labels.
BacktestResult RunHealthBacktest(const std::vector<Purchase>& purchases, int64_t cutoff,
                                 int64_t window_days, const HealthWeights& weights = {});

// The inputs of each customer as of `cutoff`, from purchases on or before it only: what the
// score of the backtest sees. Keyed like the purchases, sorted by customer.
std::vector<std::pair<std::string, HealthInputs>> InputsAsOf(const std::vector<Purchase>& purchases,
                                                             int64_t cutoff);

// The area under the ROC curve of `scores` (higher = more likely positive) for `labels`, with
// ties counted half (Mann-Whitney). 0.5 when either class is empty.
double AreaUnderCurve(const std::vector<double>& scores, const std::vector<bool>& labels);

}  // namespace rapport::analytics
