#include "support/ticket_sla.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/time.hpp"
#include "storage/outbox.hpp"
#include "support/sla/calendar_json.hpp"
#include "support/sla/ticket_clock.hpp"
#include "support/sla_policy_choice.hpp"
#include "support/ticket_changes.hpp"
#include "support/ticket_store.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kQueueRules =
    "SELECT sla_policy_id, calendar_id FROM queues WHERE id = ?";
constexpr std::string_view kPolicyById = "SELECT id, spec FROM sla_policies WHERE id = ?";
constexpr std::string_view kDefaultPolicy =
    "SELECT id, spec FROM sla_policies WHERE is_default = 1";
constexpr std::string_view kCalendarById = "SELECT spec FROM business_calendars WHERE id = ?";
constexpr std::string_view kCustomerTags = "SELECT tags FROM customers WHERE id = ?";
constexpr std::string_view kStatusHistory =
    "SELECT status, at FROM ticket_status_changes WHERE ticket_id = ? ORDER BY at, seq";
constexpr std::string_view kPublicMessages =
    "SELECT author_type, created_at FROM ticket_messages WHERE ticket_id = ? AND kind = 'reply' "
    "ORDER BY created_at, seq";
constexpr std::string_view kInsertStatus =
    "INSERT INTO ticket_status_changes (ticket_id, customer_id, status, at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kStoreClock =
    "UPDATE tickets SET sla_policy_id = ?, sla = ?, sla_due_at = ?, sla_breached = ? "
    "WHERE id = ?";
constexpr std::string_view kInsertNotice =
    "INSERT INTO ticket_sla_notices (ticket_id, customer_id, target, cycle, notice, due_at, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

struct Rules {
  std::string policy_id;
  sla::SlaPolicy policy;
  sla::BusinessCalendar calendar;
};

sla::TicketStatus StatusOf(std::string_view name) {
  if (name == "open") return sla::TicketStatus::kOpen;
  if (name == "pending") return sla::TicketStatus::kPending;
  if (name == "on_hold") return sla::TicketStatus::kOnHold;
  if (name == "solved") return sla::TicketStatus::kSolved;
  if (name == "closed") return sla::TicketStatus::kClosed;
  return sla::TicketStatus::kNew;
}

// The ticket's policy (sla_policy_choice.hpp: the first conditional one its customer meets,
// else its queue's, else the default) and calendar (its queue's, else always open in UTC);
// nullopt when no policy applies.
Result<std::optional<Rules>> LoadRules(Tx& tx, const Ticket& ticket) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> policy_id,
                           ChooseCustomerPolicy(tx, ticket.customer_id));
  std::optional<std::string> calendar_id;
  if (ticket.queue_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows queue, tx.Query(kQueueRules, {*ticket.queue_id}));
    if (!queue.empty()) {
      if (!policy_id) policy_id = queue.front().OptText(0);
      calendar_id = queue.front().OptText(1);
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(
      Rows policy, policy_id ? tx.Query(kPolicyById, {*policy_id}) : tx.Query(kDefaultPolicy));
  if (policy.empty()) return std::optional<Rules>();
  RAPPORT_ASSIGN_OR_RETURN(json::value spec, ParseJson(policy.front().Text(1)));
  RAPPORT_ASSIGN_OR_RETURN(sla::SlaPolicy parsed, DeskPolicyFromJson(spec));
  std::optional<sla::BusinessCalendar> calendar;
  if (calendar_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCalendarById, {*calendar_id}));
    if (!rows.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(calendar, sla::CalendarFromJsonText(rows.front().Text(0)));
    }
  }
  if (!calendar) {
    RAPPORT_ASSIGN_OR_RETURN(calendar, sla::BusinessCalendar::AlwaysOpen("UTC"));
  }
  return std::optional<Rules>(
      Rules{policy.front().Text(0), std::move(parsed), std::move(*calendar)});
}

// Public messages first, then status moves: at equal instants the reply comes before the status
// it caused (a customer reply that reopens, a staff reply that opens).
Result<sla::TicketHistory> LoadHistory(Tx& tx, const Ticket& ticket) {
  sla::TicketHistory history{
      .created_at = ParseInstant(ticket.created_at).value_or(0),
      .initial_status = sla::TicketStatus::kNew,
      .priority = sla::ParsePriority(ticket.priority).value_or(sla::Priority::kNormal)};
  RAPPORT_ASSIGN_OR_RETURN(Rows tags, tx.Query(kCustomerTags, {ticket.customer_id}));
  if (!tags.empty()) {
    auto parsed = ParseJson(tags.front().Text(0));
    if (parsed.ok() && parsed->is_array()) {
      for (const auto& tag : parsed->as_array()) {
        if (tag.is_string()) history.tags.emplace_back(tag.as_string());
      }
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows messages, tx.Query(kPublicMessages, {ticket.id}));
  for (const auto& row : messages) {
    const std::string author = row.Text(0);
    if (author == "system") continue;
    history.events.push_back({.at = ParseInstant(row.Text(1)).value_or(0),
                              .kind = author == "staff" ? sla::TicketEventKind::kAgentReplied
                                                        : sla::TicketEventKind::kCustomerReplied});
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows statuses, tx.Query(kStatusHistory, {ticket.id}));
  for (const auto& row : statuses) {
    history.events.push_back({.at = ParseInstant(row.Text(1)).value_or(0),
                              .kind = sla::TicketEventKind::kStatusChanged,
                              .status = StatusOf(row.Text(0))});
  }
  std::stable_sort(
      history.events.begin(), history.events.end(),
      [](const sla::TicketEvent& a, const sla::TicketEvent& b) { return a.at < b.at; });
  return history;
}

json::value OptInstant(const std::optional<int64_t>& millis) {
  return millis ? json::value(FormatInstant(*millis)) : json::value(nullptr);
}

// A target still owed: its due time is what the "breaching soon" view sorts on.
bool Owed(const sla::TargetClock& clock) {
  return clock.due_at && (clock.state == sla::TargetState::kRunning ||
                          (clock.state == sla::TargetState::kBreached && !clock.stopped_at));
}

json::object TargetToJson(const sla::TargetClock& clock) {
  json::object out{
      {"state", sla::TargetStateName(clock.state)},
      {"cycle", clock.cycle},
      {"minutes", clock.target.duration.count()},
      {"hours", clock.target.hours == sla::HoursKind::kBusiness ? "business" : "calendar"},
      {"started_at", OptInstant(clock.started_at)},
      {"stopped_at", OptInstant(clock.stopped_at)},
      {"due_at", OptInstant(clock.due_at)},
      {"warning_at", OptInstant(clock.warning_at)}};
  if (clock.state == sla::TargetState::kPaused) {
    const auto left =
        std::chrono::duration_cast<std::chrono::seconds>(clock.target.duration - clock.elapsed);
    out["remaining_seconds"] = std::max<int64_t>(0, left.count());
  }
  return out;
}

// Announces `notice` (warning | breached) of `clock` unless it was announced before.
Status Notify(Tx& tx, const storage::WriteContext& context, const Ticket& ticket,
              const sla::TargetClock& clock, std::string_view notice, int64_t now) {
  const std::string_view target = sla::kTargetKindNames[static_cast<size_t>(clock.kind)];
  const json::value due = OptInstant(clock.due_at);
  RAPPORT_ASSIGN_OR_RETURN(
      int64_t inserted,
      tx.Exec(kInsertNotice,
              {ticket.id, ticket.customer_id, std::string(target), int64_t{clock.cycle},
               std::string(notice),
               clock.due_at ? storage::Value(FormatInstant(*clock.due_at)) : storage::Null(),
               FormatInstant(now)}));
  if (inserted == 0) return OkStatus();
  const bool breached = notice == "breached";
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
      tx, context, breached ? "ticket.sla_breached" : "ticket.sla_warning", "ticket", ticket.id,
      json::object{{"ticket", TicketRef(ticket)},
                   {"target", target},
                   {"cycle", clock.cycle},
                   {"due_at", due}}));
  std::string words(target);
  std::replace(words.begin(), words.end(), '_', ' ');
  return OnTimeline(tx, context, ticket, breached ? "ticket_sla_breached" : "ticket_sla_warning",
                    "internal", (breached ? "missed its " : "nears its ") + words + " target");
}

Status ClearClock(Tx& tx, const std::string& ticket_id) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kStoreClock, {storage::Null(), storage::Null(), storage::Null(), int64_t{0}, ticket_id}));
  return storage::CancelJob(tx, kSlaJobKind, ticket_id);
}

}  // namespace

Status RecordTicketStatus(Tx& tx, const std::string& ticket_id, const std::string& customer_id,
                          std::string_view status, const std::string& at) {
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertStatus, {ticket_id, customer_id, std::string(status), at}));
  return OkStatus();
}

Status RefreshTicketSla(Tx& tx, const storage::WriteContext& context, const std::string& ticket_id,
                        int64_t now) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, ticket_id));
  if (!ticket) return storage::CancelJob(tx, kSlaJobKind, ticket_id);
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Rules> rules, LoadRules(tx, *ticket));
  // No policy: nothing to store unless a clock was stored before (then it and its job go).
  if (!rules) return ticket->sla.is_null() ? OkStatus() : ClearClock(tx, ticket_id);
  RAPPORT_ASSIGN_OR_RETURN(sla::TicketHistory history, LoadHistory(tx, *ticket));
  auto clock = sla::EvaluateSla(rules->policy, &rules->calendar, history, now);
  if (!clock.ok()) {
    // Arithmetic past the calculator's horizon must not block the ticket's own change.
    spdlog::warn("SLA of ticket {}: {}", ticket_id, clock.error().message);
    return ClearClock(tx, ticket_id);
  }
  json::object served{{"policy_id", rules->policy_id}};
  std::optional<int64_t> due;   // the earliest owed due time
  std::optional<int64_t> next;  // when to look again
  bool breached = false;
  for (const sla::TargetClock& target : clock->targets) {
    breached |= target.state == sla::TargetState::kBreached;
    if (target.state == sla::TargetState::kBreached) {
      RAPPORT_RETURN_IF_ERROR(Notify(tx, context, *ticket, target, "breached", now));
    } else if (target.state == sla::TargetState::kRunning && target.warning_at &&
               *target.warning_at <= now) {
      RAPPORT_RETURN_IF_ERROR(Notify(tx, context, *ticket, target, "warning", now));
    }
    if (Owed(target)) due = std::min(due.value_or(*target.due_at), *target.due_at);
    if (!target.counting || target.state != sla::TargetState::kRunning) continue;
    for (std::optional<int64_t> at : {target.warning_at, target.due_at}) {
      // A breach is the first instant after the due one: a reply at the due instant meets it.
      if (at && at == target.due_at) *at += 1;
      if (at && *at > now) next = std::min(next.value_or(*at), *at);
    }
  }
  for (size_t kind = 0; kind < sla::kTargetKindNames.size(); ++kind) {
    const sla::TargetClock* latest = clock->Latest(static_cast<sla::TargetKind>(kind));
    served[sla::kTargetKindNames[kind]] = latest ? json::value(TargetToJson(*latest)) : nullptr;
  }
  served["due_at"] = OptInstant(due);
  served["breached"] = breached;
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kStoreClock, {rules->policy_id, ToJsonString(served),
                            due ? storage::Value(FormatInstant(*due)) : storage::Null(),
                            int64_t{breached ? 1 : 0}, ticket_id}));
  if (!next) return storage::CancelJob(tx, kSlaJobKind, ticket_id);
  return storage::ScheduleJob(tx, kSlaJobKind, ticket_id, *next);
}

storage::Scheduler::Handler SlaJobHandler(storage::Scheduler::Clock clock) {
  return [clock = std::move(clock)](Tx& tx, const storage::ScheduledJob& job) -> Status {
    const storage::WriteContext context{.actor = "system:scheduler", .via = "system"};
    return RefreshTicketSla(tx, context, job.key, clock());
  };
}

}  // namespace rapport::support
