#include "analytics/health_score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rapport::analytics {
namespace {

// Days from 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year, month, day;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::string OneDecimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string Plural(int64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

// The recency penalty is a step function of the ratio (days since the last purchase / usual
// interval) in quarters: the score then changes on known days, which the tracker schedules,
// instead of a little every day.
constexpr double kRecencyStep = 0.25;

class Scoring {
 public:
  Scoring(const HealthInputs& inputs, int64_t today, const HealthWeights& weights)
      : in_(inputs), today_(today), w_(weights) {}

  Health Run() {
    Recency();
    Frequency();
    SpendTrend();
    BadExperiences();
    Answers();
    Tickets();
    Engagement();
    Health health;
    int64_t score = 100;
    for (const Reason& reason : reasons_) score -= reason.points;
    health.score = std::clamp<int64_t>(score, 0, 100);
    health.risk = health.score < w_.high_below     ? "high"
                  : health.score < w_.medium_below ? "medium"
                                                   : "low";
    std::stable_sort(reasons_.begin(), reasons_.end(), [](const Reason& a, const Reason& b) {
      return std::abs(a.points) > std::abs(b.points);
    });
    health.reasons = std::move(reasons_);
    health.next_review_day = next_review_;
    return health;
  }

 private:
  void Add(std::string code, std::string text, int64_t points) {
    if (points != 0) reasons_.push_back({std::move(code), std::move(text), points});
  }
  void ReviewOn(int64_t day) {
    if (day <= today_) return;
    if (!next_review_ || day < *next_review_) next_review_ = day;
  }

  void Recency() {
    if (in_.purchases <= 0 || !in_.last_purchase_day) {
      Add("recency", "no purchase yet", w_.no_purchase);
      return;
    }
    const double usual = UsualInterval(in_, w_);
    const int64_t since = std::max<int64_t>(0, today_ - *in_.last_purchase_day);
    const double ratio = static_cast<double>(since) / usual;
    const double step = std::floor(ratio / kRecencyStep) * kRecencyStep;
    // The next quarter step; far past the penalty's maximum there is nothing left to move.
    if (step < 20) {
      ReviewOn(*in_.last_purchase_day +
               static_cast<int64_t>(std::ceil((step + kRecencyStep) * usual)));
    }
    if (step <= 1.0) return;
    const double penalty = w_.recency_max * (1.0 - std::exp(-(step - 1.0) / w_.recency_spread));
    Add("recency",
        "no purchase for " + OneDecimal(ratio) + "× the usual interval (" +
            Plural(static_cast<int64_t>(std::lround(usual)), "day", "days") + ")",
        std::lround(penalty));
  }

  void Frequency() {
    if (in_.purchases == 1) Add("frequency", "one purchase so far", w_.one_purchase);
    if (in_.purchases == 2) Add("frequency", "two purchases so far", w_.two_purchases);
    if (in_.purchases == 3) Add("frequency", "three purchases so far", w_.three_purchases);
  }

  // The last six months (this one included) against the six before.
  void SpendTrend() {
    const int64_t month = MonthOfDay(today_);
    int64_t recent = 0;
    int64_t prior = 0;
    for (const auto& [m, cents] : in_.spend_by_month) {
      if (m > month) continue;
      if (m > month - 6)
        recent += cents;
      else if (m > month - 12)
        prior += cents;
    }
    if (!in_.spend_by_month.empty()) {
      const Civil next = CivilFromDays(today_);
      ReviewOn(next.month == 12 ? DaysFromCivil(next.year + 1, 1, 1)
                                : DaysFromCivil(next.year, next.month + 1, 1));
    }
    if (prior > 0 && recent * 2 < prior) {
      const int64_t drop =
          std::lround(100.0 * static_cast<double>(prior - recent) / static_cast<double>(prior));
      Add("spend", "spend down " + std::to_string(drop) + "% on the six months before",
          w_.spend_drop);
    }
  }

  void BadExperiences() {
    if (in_.open_bad_experiences <= 0) return;
    Add("bad_experiences",
        Plural(in_.open_bad_experiences, "open bad experience", "open bad experiences"),
        std::min(w_.bad_experience_cap, in_.open_bad_experiences * w_.per_bad_experience));
  }

  bool Recent(const AnswerMark& answer) {
    if (today_ - answer.day > w_.answer_window_days) return false;
    ReviewOn(answer.day + w_.answer_window_days + 1);
    return true;
  }

  void Answers() {
    if (in_.nps && Recent(*in_.nps)) {
      const int64_t score = in_.nps->score;
      const std::string text = "NPS " + std::to_string(score) + " on " + DateOfDay(in_.nps->day);
      if (score <= 6)
        Add("nps", text, w_.detractor_base + 2 * (6 - score));
      else if (score <= 8)
        Add("nps", text, w_.passive);
      else
        Add("nps", text, -w_.promoter_bonus);
    }
    if (in_.csat && Recent(*in_.csat)) {
      const int64_t score = in_.csat->score;
      const std::string text =
          "CSAT " + std::to_string(score) + " of 5 on " + DateOfDay(in_.csat->day);
      if (score <= 2)
        Add("csat", text, w_.csat_low);
      else if (score == 3)
        Add("csat", text, w_.csat_middling);
    }
  }

  void Tickets() {
    const auto open = static_cast<int64_t>(in_.open_tickets.size());
    if (open > 0) {
      Add("open_tickets", Plural(open, "open ticket", "open tickets"),
          std::min(w_.open_ticket_cap, open * w_.per_open_ticket));
    }
    int64_t breaches = 0;
    for (const BreachMark& breach : in_.breaches) {
      if (today_ - breach.day >= w_.breach_window_days || breach.day > today_) continue;
      ++breaches;
      ReviewOn(breach.day + w_.breach_window_days);
    }
    if (breaches > 0) {
      Add("breaches",
          Plural(breaches, "breached target", "breached targets") + " in " +
              std::to_string(w_.breach_window_days) + " days",
          std::min(w_.breach_cap, breaches * w_.per_breach));
    }
  }

  void Engagement() {
    std::optional<int64_t> last = in_.last_contact_day;
    if (in_.last_purchase_day && (!last || *in_.last_purchase_day > *last)) {
      last = in_.last_purchase_day;
    }
    if (!last) return;
    const int64_t quiet = today_ - *last;
    if (quiet < w_.quiet_days) {
      ReviewOn(*last + w_.quiet_days);
      return;
    }
    Add("engagement", "no contact for " + Plural(quiet, "day", "days"), w_.quiet);
  }

  const HealthInputs& in_;
  int64_t today_;
  const HealthWeights& w_;
  std::vector<Reason> reasons_;
  std::optional<int64_t> next_review_;
};

}  // namespace

double UsualInterval(const HealthInputs& inputs, const HealthWeights& weights) {
  if (inputs.purchases < 2 || !inputs.first_purchase_day || !inputs.last_purchase_day) {
    return static_cast<double>(weights.default_interval_days);
  }
  const double span = static_cast<double>(*inputs.last_purchase_day - *inputs.first_purchase_day);
  const double prior = static_cast<double>(weights.prior_gaps);
  return std::max(static_cast<double>(weights.min_interval_days),
                  (span + prior * static_cast<double>(weights.default_interval_days)) /
                      (static_cast<double>(inputs.purchases - 1) + prior));
}

Health ScoreHealth(const HealthInputs& inputs, int64_t today, const HealthWeights& weights) {
  return Scoring(inputs, today, weights).Run();
}

std::optional<int64_t> DayOf(std::string_view instant) {
  if (instant.size() < 10 || instant[4] != '-' || instant[7] != '-') return std::nullopt;
  auto number = [&](size_t at, size_t length) -> std::optional<int64_t> {
    int64_t value = 0;
    for (size_t i = at; i < at + length; ++i) {
      if (instant[i] < '0' || instant[i] > '9') return std::nullopt;
      value = value * 10 + (instant[i] - '0');
    }
    return value;
  };
  auto year = number(0, 4);
  auto month = number(5, 2);
  auto day = number(8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31) {
    return std::nullopt;
  }
  return DaysFromCivil(*year, *month, *day);
}

int64_t MonthOfDay(int64_t day) {
  const Civil civil = CivilFromDays(day);
  return (civil.year - 1970) * 12 + civil.month - 1;
}

std::string DateOfDay(int64_t day) {
  const Civil civil = CivilFromDays(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", static_cast<long long>(civil.year),
                static_cast<long long>(civil.month), static_cast<long long>(civil.day));
  return text;
}

}  // namespace rapport::analytics
