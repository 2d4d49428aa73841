// Follow-ups (docs/design/health.md § Follow-ups): a bad experience whose cause calls for it (a
// detractor, a low CSAT, a negative review, by the settings) opens a task for the customer's owner
// with a due time and the context it was about (the ticket, the order), through the tasks area's
// CreateTaskInTx, in the same transaction; completing that task closes the loop — the experience
// becomes recovered with the task's outcome. A detractor never goes without a follow-up: the task
// goes to the owner, else the settings' follow_up_assignee, else the first active administrator.
//
// A cause may instead (or also) open a ticket in a chosen queue (HealthSettings::follow_up_as):
// analytics does not link the service desk, so it asks a FollowUpTickets the composition root
// registers (serve: src/cli/follow_up_tickets.cpp, over support's CreateTicketInTx). The ticket is
// opened in the same transaction that records the experience, and the experience is recorded once
// per source, so a replayed event never opens a second one. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "analytics/bad_experiences.hpp"
#include "analytics/health_settings.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::analytics {

// What a ticket follow-up carries: the customer, the queue, a subject, a note with the context
// (what the experience was about, a link to it, the due time) and the rule's due time.
struct FollowUpTicketRequest {
  std::string customer_id;
  std::string queue_id;
  std::string subject;
  std::string note;
  std::string due_at;  // RFC 3339
  std::optional<std::string> about_ticket_id;
};

// The seam to the service desk. Implementations must be thread-safe.
class FollowUpTickets {
 public:
  virtual ~FollowUpTickets() = default;
  // Opens the ticket inside `tx`; its id.
  virtual Result<std::string> OpenInTx(storage::Tx& tx, const storage::WriteContext& context,
                                       const FollowUpTicketRequest& request) = 0;
  virtual Result<bool> QueueExists(storage::Tx& tx, const std::string& queue_id) = 0;
};

// Process-wide, set once before serving (or in a test's set-up); nullptr unregisters. Without
// one, ticket follow-ups are not opened (the experience stays visible) and a queue cannot be set.
void UseFollowUpTickets(FollowUpTickets* tickets);

// kInvalidArgument naming follow_up_queue_id when no registered desk knows the queue.
Status CheckFollowUpQueue(storage::Tx& tx, const std::string& queue_id);

// Opens the follow-up of the new experience `experience_id` (recorded from `fact`) if its cause
// calls for one. `now_millis` sets the due time.
Status OpenFollowUpInTx(storage::Tx& tx, const storage::WriteContext& context,
                        const HealthSettings& settings, const std::string& experience_id,
                        const BadExperienceFact& fact, int64_t now_millis);

// On task.completed: a completed ("done") follow-up recovers its experience with the task's
// outcome; a cancelled one leaves it open. true when an experience changed.
Result<bool> CloseFollowUpInTx(storage::Tx& tx, const storage::WriteContext& context,
                               const std::string& task_id);

}  // namespace rapport::analytics
