// The ticket clock against its rules (ticket_clock.hpp), table-driven: where other helpdesks go
// wrong — next response after a solve, update targets after the agent replied, pause/resume,
// solve/reopen, 24/7 at midnight — each has a row.
#include "support/sla/ticket_clock.hpp"

#include <gtest/gtest.h>

#include "support/sla/business_time.hpp"
#include "support/sla/test_calendars.hpp"

namespace rapport::support::sla {
namespace {

using std::chrono::minutes;
using testing::At;
using testing::Calendar;
using Kind = TicketEventKind;
using State = TargetState;
using Status = TicketStatus;

constexpr auto kFirst = TargetKind::kFirstResponse;
constexpr auto kNext = TargetKind::kNextResponse;
constexpr auto kResolution = TargetKind::kResolution;
constexpr int kAny = -1;  // a duration the row does not check

struct Event {
  const char* at;
  Kind kind;
  Status status = Status::kOpen;
};

struct Expect {
  TargetKind kind;
  int cycle;
  State state;
  const char* due = "";  // "" when there is none
  int paused_minutes = kAny;
  int elapsed_minutes = kAny;
};

struct ClockCase {
  const char* name;
  const char* policy;    // "business" or "calendar" (the test policy below) or JSON
  const char* calendar;  // a name from test_calendars.hpp
  const char* created;
  std::vector<Event> events;
  const char* now;
  std::vector<Expect> expect;
  Priority priority = Priority::kNormal;
  std::vector<std::string> tags = {};
};

// Normal priority: first response 2 h, next response 4 h, resolution 8 h; warnings 30 min
// before. Urgent: first response 30 min around the clock. Customers tagged vip: 1 h.
std::string TestPolicy(std::string_view hours, bool pause_on_hold = false) {
  const std::string h = "\"hours\":\"" + std::string(hours) + "\"";
  return "{\"warning_minutes\":30,\"pause_on_hold\":" +
         std::string(pause_on_hold ? "true" : "false") +
         ",\"targets\":{\"normal\":{\"first_response\":{\"minutes\":120," + h +
         "},\"next_response\":{\"minutes\":240," + h + "},\"resolution\":{\"minutes\":480," + h +
         "}},\"urgent\":{\"first_response\":{\"minutes\":30,\"hours\":\"calendar\"}}},"
         "\"tag_rules\":[{\"tag\":\"vip\",\"targets\":{\"normal\":{\"first_response\":"
         "{\"minutes\":60," +
         h + "}}}}]}";
}

SlaPolicy Policy(std::string_view name) {
  std::string text(name);
  if (name == "business" || name == "calendar") text = TestPolicy(name);
  if (name == "business_hold") text = TestPolicy("business", true);
  auto value = ParseJson(text);
  EXPECT_TRUE(value.ok());
  auto policy = PolicyFromJson(*value);
  EXPECT_TRUE(policy.ok()) << (policy.ok() ? "" : policy.error().message);
  return std::move(policy).value();
}

// Monday 7 December 2026 in Berlin (+01:00); the office calendar is open 09-17 on weekdays.
const ClockCase kCases[] = {
    {"first response met",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T10:30:00+01:00", Kind::kAgentReplied}},
     "2026-12-07T12:00:00+01:00",
     {{kFirst, 0, State::kMet, "2026-12-07T11:00:00+01:00", 0, 90},
      {kNext, 0, State::kNotApplicable},
      {kResolution, 0, State::kRunning, "2026-12-07T17:00:00+01:00", 0, 180}}},
    {"first response breached while still counting",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {},
     "2026-12-07T11:30:00+01:00",
     {{kFirst, 0, State::kBreached, "2026-12-07T11:00:00+01:00"}}},
    {"a reply at exactly the due instant meets the target",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T11:00:00+01:00", Kind::kAgentReplied}},
     "2026-12-07T12:00:00+01:00",
     {{kFirst, 0, State::kMet, "2026-12-07T11:00:00+01:00"}}},
    {"first response runs over the night in business hours",
     "business",
     "office",
     "2026-12-07T16:00:00+01:00",
     {},
     "2026-12-08T09:30:00+01:00",
     {{kFirst, 0, State::kRunning, "2026-12-08T10:00:00+01:00", 0, 90},
      {kResolution, 0, State::kRunning, "2026-12-08T16:00:00+01:00"}}},
    {"an internal note is no response",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentNoted}},
     "2026-12-07T11:30:00+01:00",
     {{kFirst, 0, State::kBreached, "2026-12-07T11:00:00+01:00"}}},
    {"pending pauses; resuming moves the due time by the paused business time",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T09:30:00+01:00", Kind::kStatusChanged, Status::kPending},
      {"2026-12-08T10:00:00+01:00", Kind::kCustomerReplied},
      {"2026-12-08T10:00:00+01:00", Kind::kStatusChanged, Status::kOpen}},
     "2026-12-08T11:00:00+01:00",
     {{kFirst, 0, State::kMet, "2026-12-07T11:00:00+01:00", 0, 30},
      {kResolution, 0, State::kRunning, "2026-12-09T09:30:00+01:00", 510, 90},
      {kNext, 0, State::kRunning, "2026-12-08T14:00:00+01:00", 0, 60}}},
    {"while pending there is no due time",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T09:30:00+01:00", Kind::kStatusChanged, Status::kPending}},
     "2026-12-08T11:00:00+01:00",
     {{kResolution, 0, State::kPaused, "", 570, 30}}},
    {"next response does not run after the ticket is solved",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kCustomerReplied},
      {"2026-12-07T10:30:00+01:00", Kind::kStatusChanged, Status::kSolved}},
     "2026-12-09T12:00:00+01:00",
     {{kNext, 0, State::kNotApplicable, "", 0, 30}, {kResolution, 0, State::kMet, "", kAny, 90}}},
    {"a next response breached before the solve stays breached",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kCustomerReplied},
      {"2026-12-08T12:00:00+01:00", Kind::kStatusChanged, Status::kSolved}},
     "2026-12-09T12:00:00+01:00",
     {{kNext, 0, State::kBreached, "2026-12-07T14:00:00+01:00"}}},
    {"the agent's reply ends the next-response target",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kCustomerReplied},
      {"2026-12-07T11:00:00+01:00", Kind::kAgentReplied}},
     "2026-12-08T12:00:00+01:00",
     {{kNext, 0, State::kMet, "2026-12-07T14:00:00+01:00", 0, 60}}},
    {"more customer messages do not restart an open cycle",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kCustomerReplied},
      {"2026-12-07T12:00:00+01:00", Kind::kCustomerReplied}},
     "2026-12-07T13:00:00+01:00",
     {{kNext, 0, State::kRunning, "2026-12-07T14:00:00+01:00"}}},
    {"every customer turn is a new cycle",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kCustomerReplied},
      {"2026-12-07T10:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T11:00:00+01:00", Kind::kCustomerReplied}},
     "2026-12-07T12:00:00+01:00",
     {{kNext, 0, State::kMet, "2026-12-07T14:00:00+01:00"},
      {kNext, 1, State::kRunning, "2026-12-07T15:00:00+01:00"}}},
    {"solve then reopen resumes the resolution time",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T10:00:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T11:00:00+01:00", Kind::kStatusChanged, Status::kSolved},
      {"2026-12-08T09:00:00+01:00", Kind::kCustomerReplied},
      {"2026-12-08T09:00:00+01:00", Kind::kStatusChanged, Status::kOpen}},
     "2026-12-08T10:00:00+01:00",
     {{kResolution, 0, State::kRunning, "2026-12-08T15:00:00+01:00", 360, 180},
      {kNext, 0, State::kRunning, "2026-12-08T13:00:00+01:00"}}},
    {"solved without a reply: resolution met, first response not applicable",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T10:00:00+01:00", Kind::kStatusChanged, Status::kSolved}},
     "2026-12-08T10:00:00+01:00",
     {{kFirst, 0, State::kNotApplicable}, {kResolution, 0, State::kMet, "", kAny, 60}}},
    {"a customer reply to a closed ticket starts no cycle",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kStatusChanged, Status::kClosed},
      {"2026-12-07T11:00:00+01:00", Kind::kCustomerReplied}},
     "2026-12-08T10:00:00+01:00",
     {{kNext, 0, State::kNotApplicable}, {kResolution, 0, State::kMet}}},
    {"on_hold keeps counting by default",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kStatusChanged, Status::kOnHold}},
     "2026-12-07T12:00:00+01:00",
     {{kResolution, 0, State::kRunning, "2026-12-07T17:00:00+01:00", 0, 180}}},
    {"on_hold pauses when the policy says so",
     "business_hold",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T09:30:00+01:00", Kind::kAgentReplied},
      {"2026-12-07T10:00:00+01:00", Kind::kStatusChanged, Status::kOnHold}},
     "2026-12-07T12:00:00+01:00",
     {{kResolution, 0, State::kPaused, "", 120, 60}}},
    {"24/7 never closes at midnight",
     "business",
     "always",
     "2026-12-07T23:00:00+01:00",
     {},
     "2026-12-08T00:30:00+01:00",
     {{kFirst, 0, State::kRunning, "2026-12-08T01:00:00+01:00", 0, 90},
      {kResolution, 0, State::kRunning, "2026-12-08T07:00:00+01:00"}}},
    {"calendar hours ignore the office",
     "calendar",
     "office",
     "2026-12-11T16:00:00+01:00",
     {{"2026-12-11T16:30:00+01:00", Kind::kStatusChanged, Status::kPending},
      {"2026-12-11T17:30:00+01:00", Kind::kStatusChanged, Status::kOpen}},
     "2026-12-11T17:45:00+01:00",
     {{kFirst, 0, State::kRunning, "2026-12-11T19:00:00+01:00", 60, 45}}},
    {"events after now are not seen yet",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {{"2026-12-07T10:30:00+01:00", Kind::kAgentReplied}},
     "2026-12-07T10:00:00+01:00",
     {{kFirst, 0, State::kRunning, "2026-12-07T11:00:00+01:00"}}},
    {"urgent tickets take the urgent targets",
     "business",
     "office",
     "2026-12-12T09:00:00+01:00",
     {},
     "2026-12-12T09:10:00+01:00",
     {{kFirst, 0, State::kRunning, "2026-12-12T09:30:00+01:00"}},
     Priority::kUrgent},
    {"a vip customer's tag rule",
     "business",
     "office",
     "2026-12-07T09:00:00+01:00",
     {},
     "2026-12-07T09:10:00+01:00",
     {{kFirst, 0, State::kRunning, "2026-12-07T10:00:00+01:00"},
      {kResolution, 0, State::kRunning, "2026-12-07T17:00:00+01:00"}},
     Priority::kNormal,
     {"newsletter", "vip"}},
};

TEST(TicketClockTest, Table) {
  for (const ClockCase& c : kCases) {
    SCOPED_TRACE(c.name);
    TicketHistory history;
    history.created_at = At(c.created);
    history.priority = c.priority;
    history.tags = c.tags;
    for (const Event& e : c.events) history.events.push_back({At(e.at), e.kind, e.status});
    const BusinessCalendar calendar = Calendar(c.calendar);
    auto clock = EvaluateSla(Policy(c.policy), &calendar, history, At(c.now));
    ASSERT_TRUE(clock.ok()) << clock.error().message;
    for (const Expect& expect : c.expect) {
      SCOPED_TRACE(std::string(kTargetKindNames[static_cast<size_t>(expect.kind)]) + " #" +
                   std::to_string(expect.cycle));
      const TargetClock* found = nullptr;
      for (const TargetClock& target : clock->targets) {
        if (target.kind == expect.kind && target.cycle == expect.cycle) found = &target;
      }
      ASSERT_NE(found, nullptr);
      EXPECT_STREQ(TargetStateName(found->state), TargetStateName(expect.state));
      EXPECT_EQ(found->due_at ? FormatInstant(*found->due_at) : "",
                *expect.due ? FormatInstant(At(expect.due)) : "");
      if (expect.paused_minutes != kAny) {
        EXPECT_EQ(found->paused, minutes(expect.paused_minutes));
      }
      if (expect.elapsed_minutes != kAny) {
        EXPECT_EQ(found->elapsed, minutes(expect.elapsed_minutes));
      }
    }
  }
}

TEST(TicketClockTest, WarningFallsTheLeadBeforeTheDueTimeInBusinessHours) {
  TicketHistory history;
  history.created_at = At("2026-12-07T16:00:00+01:00");
  const BusinessCalendar office = Calendar("office");
  auto clock = EvaluateSla(Policy("business"), &office, history, At("2026-12-07T16:10:00+01:00"));
  ASSERT_TRUE(clock.ok());
  const TargetClock* first = clock->Latest(kFirst);
  ASSERT_NE(first, nullptr);
  // Due Tuesday 10:00; thirty business minutes before is 09:30, not Monday night.
  EXPECT_EQ(FormatInstant(*first->warning_at), FormatInstant(At("2026-12-08T09:30:00+01:00")));
}

TEST(TicketClockTest, PausingMovesTheDueTimeByExactlyThePausedBusinessTime) {
  const BusinessCalendar office = Calendar("office");
  TicketHistory history;
  history.created_at = At("2026-12-07T09:00:00+01:00");
  auto before = EvaluateSla(Policy("business"), &office, history, history.created_at);
  ASSERT_TRUE(before.ok());
  history.events = {{At("2026-12-07T15:00:00+01:00"), Kind::kStatusChanged, Status::kPending},
                    {At("2026-12-09T11:00:00+01:00"), Kind::kStatusChanged, Status::kOpen}};
  auto after = EvaluateSla(Policy("business"), &office, history, At("2026-12-09T12:00:00+01:00"));
  ASSERT_TRUE(after.ok());
  const TargetClock* was = before->Latest(kResolution);
  const TargetClock* now = after->Latest(kResolution);
  auto moved = BusinessTimeBetween(office, *was->due_at, *now->due_at);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(*moved, now->paused);
  EXPECT_EQ(now->paused, minutes(2 * 60 + 8 * 60 + 2 * 60));
}

TEST(TicketClockTest, BusinessTargetsNeedACalendar) {
  TicketHistory history;
  history.created_at = At("2026-12-07T09:00:00+01:00");
  auto clock = EvaluateSla(Policy("business"), nullptr, history, history.created_at);
  ASSERT_FALSE(clock.ok());
  EXPECT_EQ(clock.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(EvaluateSla(Policy("calendar"), nullptr, history, history.created_at).ok());
}

TEST(TicketClockTest, TargetsThePolicyDoesNotSetAreLeftOut) {
  TicketHistory history;
  history.created_at = At("2026-12-07T09:00:00+01:00");
  history.priority = Priority::kLow;
  auto clock = EvaluateSla(Policy("business"), nullptr, history, history.created_at);
  ASSERT_TRUE(clock.ok());
  EXPECT_TRUE(clock->targets.empty());
  EXPECT_EQ(clock->Latest(kFirst), nullptr);
}

}  // namespace
}  // namespace rapport::support::sla
