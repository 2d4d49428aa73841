// SLA policies: field-level errors for bad JSON (table-driven), the round trip, and which
// targets a ticket gets from its priority and its customer's tags.
#include "support/sla/sla_policy.hpp"

#include <gtest/gtest.h>

#include "support/sla/test_calendars.hpp"

namespace rapport::support::sla {
namespace {

using std::chrono::minutes;

Result<SlaPolicy> Parse(std::string_view text) {
  auto value = ParseJson(text);
  EXPECT_TRUE(value.ok()) << text;
  return PolicyFromJson(*value);
}

TEST(SlaPolicyTest, BadInputNamesTheField) {
  struct Case {
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {"[]", ""},
      {R"({"warning": 5})", "warning"},
      {R"({"warning_minutes": -1})", "warning_minutes"},
      {R"({"warning_minutes": 1.5})", "warning_minutes"},
      {R"({"pause_on_hold": "yes"})", "pause_on_hold"},
      {R"({"targets": []})", "targets"},
      {R"({"targets": {"critical": {}}})", "targets.critical"},
      {R"({"targets": {"high": {"first_reply": {"minutes": 5}}}})", "targets.high.first_reply"},
      {R"({"targets": {"high": {"resolution": {}}}})", "targets.high.resolution.minutes"},
      {R"({"targets": {"high": {"resolution": {"minutes": 0}}}})",
       "targets.high.resolution.minutes"},
      {R"({"targets": {"high": {"resolution": {"minutes": 527041}}}})",
       "targets.high.resolution.minutes"},
      {R"({"targets": {"high": {"resolution": {"minutes": 5, "hours": "office"}}}})",
       "targets.high.resolution.hours"},
      {R"({"tag_rules": {}})", "tag_rules"},
      {R"({"tag_rules": [{"targets": {}}]})", "tag_rules[0].tag"},
      {R"({"tag_rules": [{"tag": "vip", "targets": {"low": {"next_response": {"minutes": "5"}}}}]})",
       "tag_rules[0].targets.low.next_response.minutes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    testing::ExpectInvalidField(Parse(c.json), c.field);
  }
}

constexpr std::string_view kPolicy = R"({
  "warning_minutes": 15,
  "pause_on_hold": true,
  "targets": {
    "normal": {"first_response": {"minutes": 480}, "resolution": {"minutes": 2400}},
    "urgent": {"first_response": {"minutes": 30, "hours": "calendar"}}
  },
  "tag_rules": [
    {"tag": "vip", "targets": {"normal": {"first_response": {"minutes": 60}}}},
    {"tag": "partner", "targets": {"normal": {"first_response": {"minutes": 120},
                                              "next_response": {"minutes": 240}}}}
  ]
})";

TEST(SlaPolicyTest, ParsesAndRoundTrips) {
  auto policy = Parse(kPolicy);
  ASSERT_TRUE(policy.ok()) << policy.error().message;
  EXPECT_EQ(policy->warning_lead, minutes(15));
  EXPECT_TRUE(policy->pause_on_hold);
  const auto& urgent = *policy->targets[static_cast<size_t>(Priority::kUrgent)];
  EXPECT_EQ(urgent[0]->hours, HoursKind::kCalendar);
  auto again = PolicyFromJson(PolicyToJson(*policy));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *policy);
}

TEST(SlaPolicyTest, DefaultsWhenLeftOut) {
  auto policy = Parse("{}");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(policy->warning_lead, kDefaultWarningLead);
  EXPECT_FALSE(policy->pause_on_hold);
  for (Priority p : {Priority::kLow, Priority::kNormal, Priority::kHigh, Priority::kUrgent}) {
    for (const auto& target : TargetsFor(*policy, p, {})) EXPECT_FALSE(target.has_value());
  }
}

TEST(SlaPolicyTest, TagRulesOverrideTargetByTargetFirstMatchFirst) {
  auto policy = Parse(kPolicy);
  ASSERT_TRUE(policy.ok());
  auto minutes_of = [](const TargetSet& set, TargetKind kind) {
    const auto& target = set[static_cast<size_t>(kind)];
    return target ? target->duration.count() : -1;
  };
  const std::vector<std::string> none;
  const std::vector<std::string> both = {"partner", "vip"};
  const std::vector<std::string> partner = {"partner"};
  const TargetSet plain = TargetsFor(*policy, Priority::kNormal, none);
  EXPECT_EQ(minutes_of(plain, TargetKind::kFirstResponse), 480);
  EXPECT_EQ(minutes_of(plain, TargetKind::kNextResponse), -1);
  const TargetSet vip = TargetsFor(*policy, Priority::kNormal, both);
  EXPECT_EQ(minutes_of(vip, TargetKind::kFirstResponse), 60);  // vip comes first
  EXPECT_EQ(minutes_of(vip, TargetKind::kNextResponse), 240);  // only partner sets it
  EXPECT_EQ(minutes_of(vip, TargetKind::kResolution), 2400);   // the default
  EXPECT_EQ(minutes_of(TargetsFor(*policy, Priority::kNormal, partner), TargetKind::kFirstResponse),
            120);
  // A rule for another priority leaves this one alone.
  EXPECT_EQ(minutes_of(TargetsFor(*policy, Priority::kUrgent, both), TargetKind::kFirstResponse),
            30);
  EXPECT_EQ(ParsePriority("urgent"), Priority::kUrgent);
  EXPECT_EQ(ParsePriority("URGENT"), std::nullopt);
}

}  // namespace
}  // namespace rapport::support::sla
