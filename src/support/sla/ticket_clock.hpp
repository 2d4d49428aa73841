// The ticket clock: where a ticket stands against its SLA targets, computed afresh from its
// history (no stored timers to drift). TICKETS calls EvaluateSla after each change and from its
// sweep, records a `ticket.sla_warning` once `now` passes the warning_at of a kRunning target and a
// `ticket.sla_breached` once a target turns kBreached (one per kind and cycle).
//
// The rules (docs/design/sla.md § Clock rules):
//   - Time counts while the ticket is new or open, and on_hold unless the policy pauses it
//     (the customer is still waiting on us while a third party answers). It stands still while
//     pending (waiting on the customer) and while solved or closed. Pausing moves a due time by
//     exactly the paused time, in the target's hours.
//   - First response runs from creation to the first public agent reply. Internal notes never
//     count. Solving without a reply makes it not applicable (unless already breached); a
//     reopen resumes it with the time already used.
//   - Next response starts at the first customer reply after an agent has replied and no cycle
//     is open, and is met by the next public agent reply; further customer replies do not
//     restart it. Solving or closing the ticket ends an open cycle (not applicable unless
//     already breached): it never runs, warns or breaches after a solve, nor after the agent
//     replied. A customer reply that reopens a solved ticket starts a new cycle; one on a closed
//     ticket starts none (it opens a new ticket).
//   - Resolution runs from creation; solving stops it (met, unless already breached); a reopen
//     resumes it where it stood, so the time spent solved is not counted.
//   - A target is breached when its due instant passes before it is met: a reply at exactly the
//     due instant meets it. Warnings fall `warning_lead` before the due instant in the target's
//     own hours (or at the start when the lead is longer than the target).
//   - The ticket's current priority and the customer's tags choose the targets (sla_policy.hpp),
//     measured from their original start: a priority change re-targets, it does not restart.
//
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "support/sla/business_calendar.hpp"
#include "support/sla/sla_policy.hpp"

namespace rapport::support::sla {

enum class TicketStatus { kNew, kOpen, kPending, kOnHold, kSolved, kClosed };

enum class TicketEventKind {
  kStatusChanged,    // to `status`
  kAgentReplied,     // a public reply by staff
  kAgentNoted,       // an internal note: never affects a clock
  kCustomerReplied,  // a message from the requester or a participant
};

struct TicketEvent {
  int64_t at = 0;  // Unix milliseconds
  TicketEventKind kind = TicketEventKind::kStatusChanged;
  TicketStatus status = TicketStatus::kOpen;  // kStatusChanged only
};

struct TicketHistory {
  int64_t created_at = 0;
  TicketStatus initial_status = TicketStatus::kNew;
  Priority priority = Priority::kNormal;
  std::vector<std::string> tags;    // the customer's tags, for tag rules
  std::vector<TicketEvent> events;  // any order; equal instants keep their order
};

enum class TargetState { kRunning, kPaused, kMet, kBreached, kNotApplicable };

struct TargetClock {
  TargetKind kind = TargetKind::kFirstResponse;
  int cycle = 0;  // next response: 0, 1, ... per customer turn; always 0 for the others
  Target target;
  TargetState state = TargetState::kNotApplicable;
  bool counting = false;                 // the clock runs at `now`
  std::optional<int64_t> started_at;     // empty when no cycle ever started
  std::optional<int64_t> stopped_at;     // the reply, solve or cancellation that ended it
  std::optional<int64_t> due_at;         // empty while paused short of the target
  std::optional<int64_t> warning_at;     // likewise
  std::chrono::milliseconds elapsed{0};  // counted time, in the target's hours
  std::chrono::milliseconds paused{0};   // time the clock stood still, in the target's hours
};

struct SlaClock {
  // One entry per cycle of every target the policy sets for the ticket, in kind order; a target
  // whose cycle never started (next response before any customer turn) has one kNotApplicable
  // entry.
  std::vector<TargetClock> targets;
  // The latest cycle of `kind`, or nullptr when the policy sets no such target.
  const TargetClock* Latest(TargetKind kind) const;
};

// Evaluates `history` as of `now` (events after `now` are ignored). `calendar` may be null when
// no target the ticket gets is in business hours; otherwise kInvalidArgument. Errors from the
// calculator's horizon pass through.
Result<SlaClock> EvaluateSla(const SlaPolicy& policy, const BusinessCalendar* calendar,
                             const TicketHistory& history, int64_t now);

const char* TargetStateName(TargetState state);

}  // namespace rapport::support::sla
