#include "analytics/health_backtest.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "analytics/health_inputs.hpp"

namespace rapport::analytics {

std::vector<std::pair<std::string, HealthInputs>> InputsAsOf(const std::vector<Purchase>& purchases,
                                                             int64_t cutoff) {
  // (customer, day) -> cents: same-day purchases are one order.
  std::map<std::pair<std::string, int64_t>, int64_t> orders;
  for (const Purchase& purchase : purchases) {
    if (purchase.day > cutoff) continue;  // the future is never seen
    orders[{purchase.customer, purchase.day}] += purchase.cents;
  }
  std::vector<std::pair<std::string, HealthInputs>> out;
  for (const auto& [key, cents] : orders) {
    if (out.empty() || out.back().first != key.first) out.emplace_back(key.first, HealthInputs{});
    AddPurchase(out.back().second, std::to_string(key.second), key.second, cents);
  }
  return out;
}

BacktestResult RunHealthBacktest(const std::vector<Purchase>& purchases, int64_t cutoff,
                                 int64_t window_days, const HealthWeights& weights) {
  std::map<std::string, bool> bought_after;
  for (const Purchase& purchase : purchases) {
    if (purchase.day > cutoff && purchase.day <= cutoff + window_days) {
      bought_after[purchase.customer] = true;
    }
  }
  BacktestResult result;
  std::vector<double> health;
  std::vector<double> recency;
  std::vector<bool> churned;
  for (const auto& [customer, inputs] : InputsAsOf(purchases, cutoff)) {
    const Health scored = ScoreHealth(inputs, cutoff, weights);
    health.push_back(-static_cast<double>(scored.score));
    recency.push_back(static_cast<double>(cutoff - *inputs.last_purchase_day));
    const bool gone = !bought_after.contains(customer);
    churned.push_back(gone);
    ++result.customers;
    if (gone) ++result.churned;
  }
  result.health_auc = AreaUnderCurve(health, churned);
  result.recency_auc = AreaUnderCurve(recency, churned);
  return result;
}

double AreaUnderCurve(const std::vector<double>& scores, const std::vector<bool>& labels) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Average ranks over ties, then the Mann-Whitney U of the positives.
  double positive_rank_sum = 0;
  int64_t positives = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (labels[order[k]]) {
        positive_rank_sum += rank;
        ++positives;
      }
    }
    i = j;
  }
  const auto negatives = static_cast<int64_t>(scores.size()) - positives;
  if (positives == 0 || negatives == 0) return 0.5;
  const double u = positive_rank_sum - static_cast<double>(positives) * (positives + 1) / 2.0;
  return u / (static_cast<double>(positives) * static_cast<double>(negatives));
}

}  // namespace rapport::analytics
