#include "feedback/survey_stats.hpp"

#include <algorithm>
#include <cmath>

namespace rapport::feedback {
namespace {

constexpr double kZ95 = 1.959964;

double Round(double value, double step) { return std::round(value / step) * step; }

json::value Number(const std::optional<double>& value, double step) {
  return value ? json::value(Round(*value, step)) : json::value(nullptr);
}

}  // namespace

ScoreSummary Summarize(std::string_view kind, const std::vector<int64_t>& scores) {
  ScoreSummary summary;
  summary.n = static_cast<int64_t>(scores.size());
  if (scores.empty()) return summary;
  const double n = static_cast<double>(scores.size());
  double sum = 0;
  for (int64_t s : scores) sum += static_cast<double>(s);
  const double mean = sum / n;
  summary.average = mean;
  if (kind == "nps") {
    for (int64_t s : scores) {
      if (s >= 9) {
        ++summary.promoters;
      } else if (s >= 7) {
        ++summary.passives;
      } else {
        ++summary.detractors;
      }
    }
    const double p = static_cast<double>(summary.promoters) / n;
    const double d = static_cast<double>(summary.detractors) / n;
    summary.nps = 100 * (p - d);
    if (summary.n >= 2) {
      const double variance = p + d - (p - d) * (p - d);
      const double half = kZ95 * 100 * std::sqrt(variance / n);
      summary.low = std::max(-100.0, *summary.nps - half);
      summary.high = std::min(100.0, *summary.nps + half);
    }
    return summary;
  }
  if (summary.n >= 2) {
    double squares = 0;
    for (int64_t s : scores)
      squares += (static_cast<double>(s) - mean) * (static_cast<double>(s) - mean);
    const double sd = std::sqrt(squares / (n - 1));
    const double half = kZ95 * sd / std::sqrt(n);
    summary.low = mean - half;
    summary.high = mean + half;
  }
  if (kind == "csat") {
    const auto satisfied =
        std::count_if(scores.begin(), scores.end(), [](int64_t s) { return s >= 4; });
    summary.satisfied_share = static_cast<double>(satisfied) / n;
  }
  return summary;
}

json::object SummaryToJson(std::string_view kind, const ScoreSummary& summary) {
  const bool nps = kind == "nps";
  const double step = nps ? 0.1 : 0.01;
  json::object out{{"n", summary.n}, {"average", Number(summary.average, 0.01)}};
  if (nps) {
    out["nps"] = Number(summary.nps, 0.1);
    out["promoters"] = summary.promoters;
    out["passives"] = summary.passives;
    out["detractors"] = summary.detractors;
  }
  if (summary.low && summary.high) {
    out["ci95"] = json::array{Round(*summary.low, step), Round(*summary.high, step)};
  } else {
    out["ci95"] = nullptr;
  }
  if (kind == "csat") out["satisfied_share"] = Number(summary.satisfied_share, 0.001);
  return out;
}

}  // namespace rapport::feedback
