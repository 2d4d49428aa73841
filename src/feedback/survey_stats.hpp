// Survey statistics (docs/design/surveys.md § Results): what a list of scores of one kind says.
//
// NPS = % promoters (9–10) − % detractors (0–6), with a 95 % interval from the variance of the
// per-answer values +100 / 0 / −100 (the Wald interval of a difference of two proportions of one
// sample): Var = p + d − (p − d)², half-width 1.96 · 100 · √(Var / n), clamped to ±100. CSAT and
// CES report their average with a normal 95 % interval, and CSAT the share of 4s and 5s. With
// fewer than two answers there is no interval. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/json.hpp"

namespace rapport::feedback {

struct ScoreSummary {
  int64_t n = 0;
  std::optional<double> average;
  // NPS only.
  int64_t promoters = 0;
  int64_t passives = 0;
  int64_t detractors = 0;
  std::optional<double> nps;
  // The 95 % interval of the headline figure (NPS, else the average).
  std::optional<double> low;
  std::optional<double> high;
  // CSAT only: the share of 4 and 5 answers, 0..1.
  std::optional<double> satisfied_share;
};

ScoreSummary Summarize(std::string_view kind, const std::vector<int64_t>& scores);

// {n, average, nps?, promoters?, passives?, detractors?, ci95: [low, high] | null,
//  satisfied_share?}; figures rounded to 0.1 (NPS) or 0.01 (averages).
json::object SummaryToJson(std::string_view kind, const ScoreSummary& summary);

}  // namespace rapport::feedback
