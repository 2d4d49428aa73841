// Programme settings: validation with field paths, the served form read back, an order's points
// only in the programme's currency and dates, plus the calendar days. The order rules' own
// arithmetic (rounding, exclusions, minimums, caps) is order_rules_test.cpp's.
#include "loyalty/programme.hpp"

#include <gtest/gtest.h>

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

constexpr std::string_view kFull = R"({
  "name": "Beans Club", "points_name": "beans", "currency": "EUR",
  "starts_on": "2026-01-01", "ends_on": "2027-12-31", "pending_days": 14,
  "expiry": {"mode": "per_lot", "months": 12, "warning_days": 30},
  "earn": {"spend": {"points": 2, "per": "1.00", "min_order": "5.00",
                     "excluded_products": ["GIFT-CARD"], "cap": {"points": 1000, "period": "month"}},
           "per_order": 5, "first_order": 50, "signup": 100, "review_published": 20,
           "goodwill_max": 500},
  "referral_limits": {"network_per_week": 5, "referrer_cap": 2, "referrer_cap_days": 7}})";

std::vector<std::string> Fields(const Error& error) {
  std::vector<std::string> fields;
  for (const auto& e : error.field_errors) fields.push_back(e.field);
  return fields;
}

TEST(ProgrammeTest, AFullProgrammeReadsBackAsItWasServed) {
  auto parsed = ParseProgramme("beans", Obj(kFull));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->points_name, "beans");
  EXPECT_EQ(parsed->expiry, ExpiryMode::kPerLot);
  EXPECT_EQ(parsed->earn.spend.cap->period, Period::kMonth);
  const json::object served = ProgrammeToJson(*parsed);
  EXPECT_EQ(served.at("starts_on"), "2026-01-01");
  EXPECT_EQ(served.at("earn").at("spend").at("per"), "1.00");
  EXPECT_EQ(parsed->referral_limits.referrer_cap, 2);
  EXPECT_EQ(served.at("referral_limits").at("referrer_cap_days"), 7);
  auto again = ParseProgramme("beans", served);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(ProgrammeToJson(*again), served);
}

TEST(ProgrammeTest, AReferralRewardIsPointsOrAVoucherNamedFieldByField) {
  json::object input = Obj(kFull);
  input["referral_rewards"] = Obj(R"({"referrer": {"kind": "voucher", "voucher": {
      "value": {"type": "amount_off", "amount": "5.00"}, "currency": "EUR", "expires_in_days": 30}},
    "referee": {"kind": "points"}})");
  auto parsed = ParseProgramme("beans", input);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->referrer_reward.voucher);
  EXPECT_EQ(parsed->referrer_reward.rules.amount_cents, 500);
  EXPECT_EQ(parsed->referrer_reward.expires_in_days, 30);
  EXPECT_FALSE(parsed->referee_reward.voucher);
  const json::object served = ProgrammeToJson(*parsed);
  EXPECT_EQ(served.at("referral_rewards").at("referrer").at("voucher").at("expires_in_days"), 30);
  EXPECT_EQ(served.at("referral_rewards").at("referee"), json::object({{"kind", "points"}}));
  auto again = ParseProgramme("beans", served);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(ProgrammeToJson(*again), served);

  for (auto [rewards, fields] : std::vector<std::pair<std::string_view, std::vector<std::string>>>{
           {R"({"both": {}, "referrer": {"kind": "cash"}, "referee": {"kind": "voucher",
                "voucher": {"value": {"type": "percent_off", "percent": 0}, "expires_in_days": 0}}})",
            {"referral_rewards.both", "referral_rewards.referrer.kind",
             "referral_rewards.referee.voucher.value.percent",
             "referral_rewards.referee.voucher.expires_in_days"}},
           {R"({"referrer": {"kind": "voucher"}, "referee": {"kind": "voucher", "voucher": {
                "value": {"type": "free_shipping"}, "expires_at": "2030-01-01T00:00:00Z"}}})",
            {"referral_rewards.referrer.voucher", "referral_rewards.referee.voucher.expires_at"}},
           {R"({"referrer": {"kind": "points", "voucher": {}}})",
            {"referral_rewards.referrer.voucher"}}}) {
    input["referral_rewards"] = Obj(rewards);
    auto bad = ParseProgramme("beans", input);
    ASSERT_FALSE(bad.ok()) << rewards;
    EXPECT_EQ(Fields(bad.error()), fields) << rewards;
  }
}

TEST(ProgrammeTest, EveryBadFieldIsNamedByItsPath) {
  auto parsed = ParseProgramme("Bad Id", Obj(R"({
    "currency": "eur", "starts_on": "2026-02-30", "pending_days": -1, "colour": "red",
    "expiry": {"mode": "monthly"},
    "earn": {"per_order": 1.5, "signup": "100",
             "spend": {"per": "0", "excluded_products": [""], "cap": {"period": "week"}}},
    "referral_limits": {"network_per_week": 0, "referrer_cap": 1001, "referrer_cap_days": "30",
                        "per_day": 1}})"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  const std::vector<std::string> expected = {"id",
                                             "name",
                                             "currency",
                                             "starts_on",
                                             "pending_days",
                                             "colour",
                                             "expiry.mode",
                                             "earn.spend.per",
                                             "earn.spend.excluded_products[0]",
                                             "earn.spend.cap.points",
                                             "earn.spend.cap.period",
                                             "earn.per_order",
                                             "earn.signup",
                                             "referral_limits.network_per_week",
                                             "referral_limits.referrer_cap",
                                             "referral_limits.referrer_cap_days",
                                             "referral_limits.per_day"};
  auto fields = Fields(parsed.error());
  for (const auto& field : expected) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
  }
  // Without referral_limits, the defaults: 3 a week from one network, 10 per referrer in 30 days.
  auto plain = ParseProgramme("p", Obj(R"({"name":"P","currency":"EUR"})"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->referral_limits.network_per_week, 3);
  EXPECT_EQ(plain->referral_limits.referrer_cap, 10);
  EXPECT_EQ(plain->referral_limits.referrer_cap_days, 30);
  auto no_months =
      ParseProgramme("p", Obj(R"({"name":"P","currency":"EUR","expiry":{"mode":"inactivity"}})"));
  ASSERT_FALSE(no_months.ok());
  EXPECT_EQ(Fields(no_months.error()), std::vector<std::string>{"expiry.months"});
  auto backwards = ParseProgramme(
      "p", Obj(R"({"name":"P","currency":"EUR","starts_on":"2026-05-01","ends_on":"2026-04-01"})"));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(Fields(backwards.error()), std::vector<std::string>{"ends_on"});
}

using Points = std::pair<int64_t, int64_t>;  // spend, per order

TEST(ProgrammeTest, AnOrderEarnsOnlyInTheProgrammesCurrencyAndDates) {
  Programme p = ParseProgramme("p", Obj(R"({"name":"P","currency":"EUR",
      "starts_on":"2026-01-01","ends_on":"2026-12-31",
      "earn":{"spend":{"points":1,"per":"1.00"},"per_order":3}})"))
                    .value();
  auto points = [&](std::string_view currency, std::string_view day) {
    OrderPoints got = PointsOf(
        p,
        {.currency = std::string(currency), .placed_day = DayOf(day).value(), .total_cents = 1299});
    return std::pair(got.spend, got.per_order);
  };
  // 12.99 → 12 points, plus 3 for the order; the last day still counts.
  EXPECT_EQ(points("EUR", "2026-12-31"), Points(12, 3));
  EXPECT_EQ(points("USD", "2026-06-01"), Points(0, 0));
  EXPECT_EQ(points("EUR", "2025-12-31"), Points(0, 0));
  EXPECT_EQ(points("EUR", "2027-01-01"), Points(0, 0));
  EXPECT_FALSE(NeedsCategories(p));
  p.earn.first_order.condition.excluded_categories = {"Gift cards"};
  EXPECT_TRUE(NeedsCategories(p));
}

TEST(ProgrammeTest, CalendarDays) {
  const int64_t jan31 = DayOf("2026-01-31").value();
  EXPECT_EQ(DateOfDay(jan31), "2026-01-31");
  EXPECT_EQ(DateOfDay(AddMonths(jan31, 1)), "2026-02-28");
  EXPECT_EQ(DateOfDay(AddMonths(jan31, 13)), "2027-02-28");
  EXPECT_EQ(DateOfDay(AddMonths(DayOf("2024-01-31").value(), 1)), "2024-02-29");
  EXPECT_EQ(DateOfDay(PeriodStart(jan31, Period::kMonth)), "2026-01-01");
  EXPECT_EQ(DateOfDay(PeriodStart(DayOf("2026-07-04").value(), Period::kYear)), "2026-01-01");
  EXPECT_EQ(DayOf("2026-01-31T23:59:59Z"), jan31);
  EXPECT_EQ(DayOf("2026-02-01T00:30:00+01:00"), jan31);
  EXPECT_EQ(DayOfMillis(-1), -1);
  EXPECT_FALSE(DayOf("31.01.2026"));
}

}  // namespace
}  // namespace rapport::loyalty
