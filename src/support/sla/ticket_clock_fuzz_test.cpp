// Bounded generative test of the ticket clock (docs/testing.md says how to run it longer):
// random histories of status changes, replies and notes under business- and calendar-hours
// policies, checked against the rules of ticket_clock.hpp that do not depend on the history's
// shape: no response clock lives on a solved or closed ticket, running means counting towards a
// future due time, breached means the due time passed first, a met or running target never used
// more than its time, and a running clock with no further events breaches exactly after its due
// instant.
#include <gtest/gtest.h>

#include <string>

#include "support/sla/test_calendars.hpp"
#include "support/sla/ticket_clock.hpp"
#include "testing/fuzz.hpp"

namespace rapport::support::sla {
namespace {

using rapport::testing::FuzzRun;

constexpr const char* kCalendars[] = {"office",    "split",  "holidays",
                                      "overnight", "always", "new_york"};
constexpr TicketStatus kStatuses[] = {TicketStatus::kNew,     TicketStatus::kOpen,
                                      TicketStatus::kPending, TicketStatus::kOnHold,
                                      TicketStatus::kSolved,  TicketStatus::kClosed};
constexpr TicketEventKind kKinds[] = {TicketEventKind::kStatusChanged,
                                      TicketEventKind::kStatusChanged,
                                      TicketEventKind::kAgentReplied, TicketEventKind::kAgentNoted,
                                      TicketEventKind::kCustomerReplied};
constexpr int64_t kMinute = 60'000;
constexpr int64_t kMaxGap = int64_t{3} * 24 * 60 * kMinute;  // up to three days between events

SlaPolicy RandomPolicy(FuzzRun& run) {
  SlaPolicy policy;
  TargetSet set;
  for (auto& target : set) {
    target = Target{std::chrono::minutes(run.Between(1, 3000)),
                    run.Chance(0.5) ? HoursKind::kBusiness : HoursKind::kCalendar};
  }
  policy.targets[static_cast<size_t>(Priority::kNormal)] = set;
  policy.warning_lead = std::chrono::minutes(run.Between(0, 600));
  policy.pause_on_hold = run.Chance(0.5);
  return policy;
}

bool IsDoneStatus(TicketStatus status) {
  return status == TicketStatus::kSolved || status == TicketStatus::kClosed;
}

TEST(TicketClockFuzzTest, RulesHoldForRandomHistories) {
  std::vector<BusinessCalendar> calendars;
  for (const char* name : kCalendars) calendars.push_back(testing::Calendar(name));
  FuzzRun run(/*iterations=*/300, /*seconds=*/3.0);
  while (run.Next()) {
    const BusinessCalendar& calendar = calendars[run.Below(calendars.size())];
    const SlaPolicy policy = RandomPolicy(run);
    TicketHistory history;
    history.created_at = testing::At("2026-01-01T00:00:00Z") + run.Between(0, 700) * 1440 * kMinute;
    std::string input = "created=" + std::to_string(history.created_at);
    int64_t at = history.created_at;
    TicketStatus status = TicketStatus::kNew;
    const auto count = run.Below(14);
    for (size_t i = 0; i < count; ++i) {
      at += run.Chance(0.2) ? 0 : run.Between(1, kMaxGap / kMinute) * kMinute;
      const TicketEvent event{at, run.Pick(kKinds), run.Pick(kStatuses)};
      if (event.kind == TicketEventKind::kStatusChanged) status = event.status;
      history.events.push_back(event);
      input += " " + std::to_string(static_cast<int>(event.kind)) + "@" + std::to_string(at) + ":" +
               std::to_string(static_cast<int>(event.status));
    }
    const int64_t now = at + run.Between(0, kMaxGap);
    input += " now=" + std::to_string(now);
    auto clock = EvaluateSla(policy, &calendar, history, now);
    ASSERT_TRUE(clock.ok()) << run.Reproduce(input);
    for (const TargetClock& target : clock->targets) {
      const int64_t duration = std::chrono::milliseconds(target.target.duration).count();
      const std::string where = input + " kind=" + std::to_string(static_cast<int>(target.kind)) +
                                " cycle=" + std::to_string(target.cycle);
      ASSERT_GE(target.elapsed.count(), 0) << run.Reproduce(where);
      ASSERT_GE(target.paused.count(), 0) << run.Reproduce(where);
      if (target.kind != TargetKind::kResolution && IsDoneStatus(status)) {
        ASSERT_NE(target.state, TargetState::kRunning) << run.Reproduce(where);
        ASSERT_NE(target.state, TargetState::kPaused) << run.Reproduce(where);
      }
      if (target.counting) {
        ASSERT_FALSE(IsDoneStatus(status) || status == TicketStatus::kPending)
            << run.Reproduce(where);
      }
      if (target.state != TargetState::kBreached) {
        ASSERT_LE(target.elapsed.count(), duration) << run.Reproduce(where);
      } else {
        ASSERT_TRUE(target.due_at.has_value()) << run.Reproduce(where);
        ASSERT_LT(*target.due_at, target.stopped_at.value_or(now)) << run.Reproduce(where);
      }
      if (target.state != TargetState::kRunning) continue;
      // Running: counting towards a due time not yet passed, which it breaches right after.
      ASSERT_TRUE(target.counting && target.due_at && *target.due_at >= now)
          << run.Reproduce(where);
      for (const auto& [when, expected] : {std::pair{*target.due_at, TargetState::kRunning},
                                           std::pair{*target.due_at + 1, TargetState::kBreached}}) {
        auto later = EvaluateSla(policy, &calendar, history, when);
        ASSERT_TRUE(later.ok());
        bool seen = false;
        for (const TargetClock& again : later->targets) {
          if (again.kind != target.kind || again.cycle != target.cycle) continue;
          seen = true;
          ASSERT_EQ(again.state, expected) << run.Reproduce(where) << " at " << when;
          ASSERT_EQ(again.due_at, target.due_at) << run.Reproduce(where);
        }
        ASSERT_TRUE(seen) << run.Reproduce(where);
      }
    }
  }
}

}  // namespace
}  // namespace rapport::support::sla
