// The customer health score (docs/design/health.md): what a score is made of and how it is
// computed from a customer's compact history. Pure: no storage, no clock — the tracker
// (health_tracker.hpp) keeps HealthInputs current from events and passes today's day; the
// CDNOW backtest (bench/health_backtest.cpp) passes the cut-off day, so the one function is
// what both measure.
//
// A score starts at 100 and loses points per factor, each of which explains itself in a
// Reason: recency against the customer's own purchase rhythm, frequency, the spend trend, open
// bad experiences, the latest NPS and CSAT, open tickets, breached response targets and
// engagement. Time alone moves some factors (a purchase ages, an NPS answer leaves its window),
// so the result also says the next day on which the score would change without any event: the
// tracker re-scores the customer then, and never on read.
//
// Days are day numbers (days since 1970-01-01, UTC). Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::analytics {

// One answer kept for the score: the survey kind's main question and the day it was given.
struct AnswerMark {
  int64_t score = 0;
  int64_t day = 0;
};

// A recent order, kept so a cancellation can take it back out of the figures.
struct OrderMark {
  std::string id;
  int64_t day = 0;
  int64_t cents = 0;
};

// A breached response target: its key ("<ticket>/<target>/<cycle>") makes a replay harmless.
struct BreachMark {
  std::string key;
  int64_t day = 0;
};

// What the score is computed from, kept per customer (customer_health.inputs as JSON).
struct HealthInputs {
  int64_t purchases = 0;
  std::optional<int64_t> first_purchase_day;
  std::optional<int64_t> last_purchase_day;
  std::map<int64_t, int64_t> spend_by_month;  // months since 1970-01 -> cents; the last 24
  std::vector<OrderMark> recent_orders;       // newest first, at most kRecentOrders
  std::optional<AnswerMark> nps;              // 0–10
  std::optional<AnswerMark> csat;             // 1–5
  std::vector<std::string> open_tickets;      // ids, at most kOpenTickets
  std::vector<BreachMark> breaches;           // within the breach window
  std::optional<int64_t> last_contact_day;    // an inbound or outbound contact
  // Not stored with the inputs: counted from bad_experiences when scoring.
  int64_t open_bad_experiences = 0;
};

inline constexpr size_t kRecentOrders = 12;
inline constexpr size_t kOpenTickets = 50;
inline constexpr size_t kBreaches = 20;

// The weights and windows of docs/design/health.md § Factors; the defaults are what ships.
struct HealthWeights {
  // The backtest on CDNOW chose these (bench/RESULTS.md § Customer health).
  int64_t default_interval_days = 60;  // the rhythm of a customer with one purchase
  // The default counts as this many gaps beside the customer's own: two orders a week apart are
  // not yet a weekly rhythm.
  int64_t prior_gaps = 2;
  int64_t min_interval_days = 7;
  double recency_max = 40;     // points at an infinitely late next purchase
  double recency_spread = 10;  // how fast the recency penalty approaches its maximum
  int64_t one_purchase = 20;
  int64_t two_purchases = 12;
  int64_t three_purchases = 6;
  int64_t no_purchase = 10;
  int64_t spend_drop = 10;  // spend in the last 6 months under half of the 6 before
  int64_t per_bad_experience = 8;
  int64_t bad_experience_cap = 24;
  int64_t answer_window_days = 180;
  int64_t promoter_bonus = 5;
  int64_t passive = 3;
  int64_t detractor_base = 6;  // plus 2 per point under 7
  int64_t csat_low = 10;       // 1–2
  int64_t csat_middling = 4;   // 3
  int64_t per_open_ticket = 3;
  int64_t open_ticket_cap = 9;
  int64_t per_breach = 5;
  int64_t breach_cap = 15;
  int64_t breach_window_days = 30;
  int64_t quiet_days = 180;  // no contact and no purchase for this long
  int64_t quiet = 5;
  int64_t high_below = 40;    // churn risk high under this score
  int64_t medium_below = 70;  // medium under this one, low from it up
};

struct Reason {
  std::string code;    // "recency", "nps", ...: stable, for the app to style
  std::string text;    // "no purchase for 2.4× the usual interval (31 days)"
  int64_t points = 0;  // what it took off (negative: added)
};

struct Health {
  int64_t score = 100;                     // 0–100
  std::string_view risk;                   // "low" | "medium" | "high"
  std::vector<Reason> reasons;             // largest effect first
  std::optional<int64_t> next_review_day;  // when time alone changes the score
};

Health ScoreHealth(const HealthInputs& inputs, int64_t today, const HealthWeights& weights = {});

// The customer's usual days between purchases: their gaps and `prior_gaps` default gaps averaged
// (at least min_interval_days); the default for fewer than two purchases.
double UsualInterval(const HealthInputs& inputs, const HealthWeights& weights);

// Day numbers and months from RFC 3339 instants or dates ("2026-11-02…"); nullopt when malformed.
std::optional<int64_t> DayOf(std::string_view instant);
int64_t MonthOfDay(int64_t day);
std::string DateOfDay(int64_t day);  // "2026-11-02"

}  // namespace rapport::analytics
