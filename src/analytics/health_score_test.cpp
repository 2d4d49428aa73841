// The health score's factors, its explanations, and its promise to the tracker: between today and
// the next review day the score does not change without an event.
#include "analytics/health_score.hpp"

#include <gtest/gtest.h>

#include "analytics/health_inputs.hpp"
#include "testing/fuzz.hpp"

namespace rapport::analytics {
namespace {

const int64_t kDay = *DayOf("2026-11-30");

HealthInputs Buyer(int64_t purchases, int64_t every, int64_t last_day) {
  HealthInputs inputs;
  for (int64_t i = purchases - 1; i >= 0; --i) {
    AddPurchase(inputs, "ord_" + std::to_string(i), last_day - i * every, 2500);
  }
  return inputs;
}

const Reason* Find(const Health& health, std::string_view code) {
  for (const Reason& reason : health.reasons) {
    if (reason.code == code) return &reason;
  }
  return nullptr;
}

TEST(HealthScoreTest, FewPurchasesWeighMore) {
  EXPECT_EQ(Find(ScoreHealth(Buyer(1, 30, kDay), kDay), "frequency")->text, "one purchase so far");
  EXPECT_EQ(Find(ScoreHealth(Buyer(3, 30, kDay), kDay), "frequency")->points, 6);
  EXPECT_EQ(Find(ScoreHealth(Buyer(4, 30, kDay), kDay), "frequency"), nullptr);
  // Two orders a week apart are no weekly rhythm yet: (7 + 2 × 60) / 3.
  EXPECT_NEAR(UsualInterval(Buyer(2, 7, kDay), {}), 127.0 / 3, 1e-9);
}

// Spend: the last six months against the six before, named when under half of them.
TEST(HealthScoreTest, SpendFallingByMoreThanHalfIsExplained) {
  HealthInputs falling;
  AddPurchase(falling, "ord_then", kDay - 300, 6000);
  AddPurchase(falling, "ord_now", kDay - 20, 1000);
  const Health scored = ScoreHealth(falling, kDay);  // Find points into it
  const Reason* spend = Find(scored, "spend");
  ASSERT_NE(spend, nullptr);
  EXPECT_EQ(spend->text, "spend down 83% on the six months before");
  EXPECT_EQ(spend->points, HealthWeights{}.spend_drop);
  HealthInputs halved;  // exactly half is not "under half"
  AddPurchase(halved, "ord_then", kDay - 300, 2000);
  AddPurchase(halved, "ord_now", kDay - 20, 1000);
  EXPECT_EQ(Find(ScoreHealth(halved, kDay), "spend"), nullptr);
}

// Engagement: neither a contact nor a purchase for quiet_days (180) is named; either one
// within them is enough.
TEST(HealthScoreTest, AQuietSpellWithoutContactOrPurchaseIsExplained) {
  const Health scored = ScoreHealth(Buyer(4, 30, kDay - 200), kDay);  // Find points into it
  const Reason* quiet = Find(scored, "engagement");
  ASSERT_NE(quiet, nullptr);
  EXPECT_EQ(quiet->text, "no contact for 200 days");
  EXPECT_EQ(quiet->points, HealthWeights{}.quiet);
  HealthInputs called = Buyer(4, 30, kDay - 200);
  NoteContact(called, kDay - 10);
  EXPECT_EQ(Find(ScoreHealth(called, kDay), "engagement"), nullptr);
  EXPECT_EQ(Find(ScoreHealth(Buyer(4, 30, kDay - 179), kDay), "engagement"), nullptr);
}

TEST(HealthScoreTest, NewCustomerHasNoPurchaseYet) {
  const Health health = ScoreHealth({}, kDay);
  EXPECT_EQ(health.score, 90);
  EXPECT_EQ(health.risk, "low");
  ASSERT_NE(Find(health, "recency"), nullptr);
  EXPECT_EQ(Find(health, "recency")->text, "no purchase yet");
}

TEST(HealthScoreTest, OnRhythmBuyerIsHealthy) {
  const Health health = ScoreHealth(Buyer(5, 30, kDay - 20), kDay);
  EXPECT_EQ(health.score, 100);
  EXPECT_TRUE(health.reasons.empty());
  ASSERT_TRUE(health.next_review_day);
  EXPECT_GT(*health.next_review_day, kDay);
}

TEST(HealthScoreTest, LateBuyerIsExplainedAgainstTheirOwnRhythm) {
  const Health health = ScoreHealth(Buyer(5, 30, kDay - 72), kDay);
  const Reason* recency = Find(health, "recency");
  ASSERT_NE(recency, nullptr);
  // Five orders 30 days apart and two default gaps of 60: a usual interval of 40 days.
  EXPECT_EQ(recency->text, "no purchase for 1.8× the usual interval (40 days)");
  EXPECT_EQ(recency->points, 3);
  EXPECT_EQ(Find(ScoreHealth(Buyer(5, 30, kDay - 300), kDay), "recency")->points, 19);
  // The same 72 days are on rhythm for a customer who buys every 90 days.
  EXPECT_EQ(Find(ScoreHealth(Buyer(5, 90, kDay - 72), kDay), "recency"), nullptr);
}

TEST(HealthScoreTest, DetractorCountsWhileRecent) {
  HealthInputs inputs = Buyer(4, 30, kDay - 10);
  NoteAnswer(inputs.nps, 3, *DayOf("2026-11-02"));
  const Health health = ScoreHealth(inputs, kDay);
  const Reason* nps = Find(health, "nps");
  ASSERT_NE(nps, nullptr);
  EXPECT_EQ(nps->text, "NPS 3 on 2026-11-02");
  EXPECT_EQ(nps->points, 12);
  EXPECT_EQ(Find(ScoreHealth(inputs, kDay + 200), "nps"), nullptr);
  // A promoter adds.
  NoteAnswer(inputs.nps, 10, kDay);
  EXPECT_EQ(Find(ScoreHealth(inputs, kDay), "nps")->points, -5);
}

TEST(HealthScoreTest, BreachesAndTicketsAndBadExperiencesMakeRiskHigh) {
  HealthInputs inputs = Buyer(3, 30, kDay - 400);
  AddBreach(inputs, "t1/first_response/0", kDay - 3, kDay, 30);
  AddBreach(inputs, "t2/resolution/0", kDay - 1, kDay, 30);
  AddBreach(inputs, "t2/resolution/0", kDay - 1, kDay, 30);  // a replay: still two
  OpenTicket(inputs, "t1");
  OpenTicket(inputs, "t1");
  inputs.open_bad_experiences = 3;
  const Health health = ScoreHealth(inputs, kDay);
  EXPECT_EQ(Find(health, "breaches")->text, "2 breached targets in 30 days");
  EXPECT_EQ(Find(health, "open_tickets")->text, "1 open ticket");
  EXPECT_EQ(Find(health, "bad_experiences")->points, 24);
  EXPECT_EQ(health.risk, "high");
  // Largest effect first.
  for (size_t i = 1; i < health.reasons.size(); ++i) {
    EXPECT_GE(std::abs(health.reasons[i - 1].points), std::abs(health.reasons[i].points));
  }
}

TEST(HealthScoreTest, CancelledRecentOrderLeavesTheFigures) {
  HealthInputs inputs = Buyer(3, 30, kDay - 5);
  ASSERT_TRUE(RemovePurchase(inputs, "ord_0"));
  EXPECT_EQ(inputs.purchases, 2);
  EXPECT_EQ(*inputs.last_purchase_day, kDay - 35);
  EXPECT_FALSE(RemovePurchase(inputs, "ord_0"));
}

TEST(HealthScoreTest, InputsRoundTripAndStayBounded) {
  HealthInputs inputs = Buyer(40, 7, kDay);
  NoteAnswer(inputs.csat, 2, kDay - 1);
  OpenTicket(inputs, "tkt_a");
  AddBreach(inputs, "k", kDay, kDay, 30);
  NoteContact(inputs, kDay - 2);
  EXPECT_EQ(inputs.recent_orders.size(), kRecentOrders);
  EXPECT_LE(inputs.spend_by_month.size(), 24u);
  const HealthInputs back = InputsFromJson(InputsToJson(inputs));
  EXPECT_EQ(back.purchases, 40);
  EXPECT_EQ(back.first_purchase_day, inputs.first_purchase_day);
  EXPECT_EQ(back.spend_by_month, inputs.spend_by_month);
  EXPECT_EQ(back.recent_orders.size(), kRecentOrders);
  EXPECT_EQ(back.csat->score, 2);
  EXPECT_EQ(back.open_tickets, inputs.open_tickets);
  EXPECT_EQ(back.breaches.size(), 1u);
  EXPECT_EQ(back.last_contact_day, kDay - 2);
  // Malformed stored inputs read as empty rather than failing the customer.
  EXPECT_EQ(InputsFromJson(json::object{{"purchases", "x"}, {"orders", 3}}).purchases, 0);
}

TEST(HealthScoreTest, DaysAndDates) {
  EXPECT_EQ(DateOfDay(*DayOf("1997-09-30T12:00:00Z")), "1997-09-30");
  EXPECT_EQ(*DayOf("1970-01-01"), 0);
  EXPECT_FALSE(DayOf("2026-13-01"));
  EXPECT_FALSE(DayOf("yesterday"));
  EXPECT_EQ(MonthOfDay(*DayOf("1971-02-10")), 13);
}

// The tracker re-scores a customer only on events and on their next review day: the score must
// then be constant on every day in between, or a stored score would be stale.
TEST(HealthScoreTest, ScoreIsConstantUntilTheNextReviewDay) {
  testing::FuzzRun run(400, 10.0);
  while (run.Next()) {
    auto pick = [&](int64_t low, int64_t high) { return run.Between(low, high); };
    HealthInputs inputs;
    const int64_t orders = pick(0, 8);
    for (int64_t i = 0; i < orders; ++i) {
      AddPurchase(inputs, "o" + std::to_string(i), kDay - pick(0, 700), pick(100, 50000));
    }
    if (pick(0, 1)) NoteAnswer(inputs.nps, pick(0, 10), kDay - pick(0, 300));
    if (pick(0, 1)) NoteAnswer(inputs.csat, pick(1, 5), kDay - pick(0, 300));
    for (int64_t i = pick(0, 3); i > 0; --i) {
      AddBreach(inputs, "b" + std::to_string(i), kDay - pick(0, 40), kDay, 30);
    }
    if (pick(0, 1)) NoteContact(inputs, kDay - pick(0, 400));
    const Health now = ScoreHealth(inputs, kDay);
    const int64_t until = now.next_review_day.value_or(kDay + 800);
    for (int64_t day = kDay + 1; day < until && day < kDay + 800; ++day) {
      ASSERT_EQ(ScoreHealth(inputs, day).score, now.score)
          << "seed " << run.case_seed() << ": day " << day - kDay << " before review at "
          << until - kDay;
    }
  }
}

}  // namespace
}  // namespace rapport::analytics
