#include "analytics/follow_ups.hpp"

#include <algorithm>
#include <atomic>

#include "common/time.hpp"
#include "tasks/task_service.hpp"
#include "tasks/task_store.hpp"

namespace rapport::analytics {
namespace {

constexpr std::string_view kOwner = "SELECT owner_id FROM customers WHERE id = ?";
constexpr std::string_view kActiveUser = "SELECT 1 FROM users WHERE id = ? AND status = 'active'";
// The last resort of the assignee chain: the longest-serving active administrator, the same
// choice identity makes for the first admin (a stable answer, not a rotation, so the person who
// set the account up sees every unowned follow-up until they name a follow_up_assignee).
constexpr std::string_view kFirstActiveAdmin =
    "SELECT id FROM users WHERE status = 'active' AND EXISTS "
    "(SELECT 1 FROM json_each(users.roles) WHERE value = 'admin') ORDER BY seq LIMIT 1";

// Set once by the composition root before serving; atomic so tests that set it race-free.
std::atomic<FollowUpTickets*> g_tickets{nullptr};

std::string Titled(std::string_view summary) {
  std::string title = "Follow up: " + std::string(summary);
  if (title.size() > 180) title = title.substr(0, 177) + "...";
  return title;
}

}  // namespace

void UseFollowUpTickets(FollowUpTickets* tickets) { g_tickets.store(tickets); }

Status CheckFollowUpQueue(storage::Tx& tx, const std::string& queue_id) {
  FollowUpTickets* tickets = g_tickets.load();
  bool exists = false;
  if (tickets != nullptr) {
    RAPPORT_ASSIGN_OR_RETURN(exists, tickets->QueueExists(tx, queue_id));
  }
  if (!exists) return Error::Invalid("follow_up_queue_id", "no queue has this id");
  return OkStatus();
}

namespace {

// Who takes a follow-up task, and why them (for the task's notes): the customer's owner, else
// the settings' follow_up_assignee, else the first active administrator — each only while
// active, so a departed owner or assignee passes the task on instead of dropping it. A
// detractor never goes without a follow-up while anyone can sign in as an administrator.
struct Assignee {
  std::string user_id;
  std::string why;
};

Result<bool> IsActive(storage::Tx& tx, const std::optional<std::string>& user_id) {
  if (!user_id) return false;
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows active, tx.Query(kActiveUser, {*user_id}));
  return !active.empty();
}

Result<std::optional<Assignee>> ChooseAssignee(storage::Tx& tx, const HealthSettings& settings,
                                               const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows owner, tx.Query(kOwner, {customer_id}));
  std::optional<std::string> owner_id;
  if (!owner.empty() && !owner.front().IsNull(0)) owner_id = owner.front().Text(0);
  RAPPORT_ASSIGN_OR_RETURN(bool owner_active, IsActive(tx, owner_id));
  if (owner_active) return std::optional<Assignee>(Assignee{*owner_id, ""});
  const std::string missing =
      owner_id ? "the customer's owner is no longer active" : "the customer has no owner";
  RAPPORT_ASSIGN_OR_RETURN(bool fallback_active, IsActive(tx, settings.follow_up_assignee));
  if (fallback_active) {
    return std::optional<Assignee>(
        Assignee{*settings.follow_up_assignee,
                 " Assigned to you as the follow-up assignee: " + missing + "."});
  }
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows admin, tx.Query(kFirstActiveAdmin, {}));
  if (admin.empty()) return std::optional<Assignee>{};
  return std::optional<Assignee>(
      Assignee{admin.front().Text(0), " Assigned to you as the first administrator: " + missing +
                                          " and no follow-up assignee is set (Health settings)."});
}

// The follow-up task. Skipped only when nobody active can take it (no administrator left): the
// experience then stays visible on the at-risk list and the customer page.
Status OpenTask(storage::Tx& tx, const storage::WriteContext& context,
                const HealthSettings& settings, const std::string& experience_id,
                const BadExperienceFact& fact, const std::string& due_at) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Assignee> assignee,
                           ChooseAssignee(tx, settings, fact.customer_id));
  if (!assignee) return OkStatus();
  std::string notes = "Opened by the feedback rules for a bad experience: " + fact.summary + ".";
  if (fact.order_id) notes += " About order " + *fact.order_id + ".";
  notes += assignee->why;
  tasks::TaskInput input{.title = Titled(fact.summary),
                         .notes = std::move(notes),
                         .due_at = due_at,
                         .assignee_id = assignee->user_id,
                         .customer_id = fact.customer_id,
                         .ticket_id = fact.ticket_id,
                         .priority = "high"};
  RAPPORT_ASSIGN_OR_RETURN(
      json::object task, tasks::CreateTaskInTx(tx, access::Access::Unrestricted(), context, input));
  return SetFollowUpTaskInTx(tx, experience_id, std::string(task.at("id").as_string()));
}

// The ticket in the chosen queue; skipped when no desk is registered or the queue is gone (the
// experience stays visible, as for a task without an assignee).
Status OpenTicket(storage::Tx& tx, const storage::WriteContext& context,
                  const HealthSettings& settings, const std::string& experience_id,
                  const BadExperienceFact& fact, const std::string& due_at) {
  FollowUpTickets* tickets = g_tickets.load();
  if (tickets == nullptr || !settings.follow_up_queue_id) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(bool exists, tickets->QueueExists(tx, *settings.follow_up_queue_id));
  if (!exists) return OkStatus();
  std::string note = "Opened by the feedback rules for a bad experience (" + fact.cause +
                     "): " + fact.summary + ".";
  if (fact.ticket_id) note += "\nAbout ticket: /tickets/" + *fact.ticket_id;
  if (fact.order_id) note += "\nAbout order: /orders/" + *fact.order_id;
  if (!fact.source.empty()) note += "\nSource: " + fact.source;
  note += "\nCustomer: /customers/" + fact.customer_id;
  note += "\nBad experience: " + experience_id;
  note += "\nDue: " + due_at;
  RAPPORT_ASSIGN_OR_RETURN(std::string ticket_id,
                           tickets->OpenInTx(tx, context,
                                             {.customer_id = fact.customer_id,
                                              .queue_id = *settings.follow_up_queue_id,
                                              .subject = Titled(fact.summary),
                                              .note = std::move(note),
                                              .due_at = due_at,
                                              .about_ticket_id = fact.ticket_id}));
  return SetFollowUpTicketInTx(tx, experience_id, ticket_id);
}

}  // namespace

Status OpenFollowUpInTx(storage::Tx& tx, const storage::WriteContext& context,
                        const HealthSettings& settings, const std::string& experience_id,
                        const BadExperienceFact& fact, int64_t now_millis) {
  const auto& causes = settings.follow_up_causes;
  if (std::find(causes.begin(), causes.end(), fact.cause) == causes.end()) return OkStatus();
  const std::string due_at = FormatInstant(now_millis + settings.follow_up_hours * 3'600'000);
  const std::string_view as = settings.FollowUpAs(fact.cause);
  if (as == "task" || as == "both") {
    RAPPORT_RETURN_IF_ERROR(OpenTask(tx, context, settings, experience_id, fact, due_at));
  }
  if (as == "ticket" || as == "both") {
    RAPPORT_RETURN_IF_ERROR(OpenTicket(tx, context, settings, experience_id, fact, due_at));
  }
  return OkStatus();
}

Result<bool> CloseFollowUpInTx(storage::Tx& tx, const storage::WriteContext& context,
                               const std::string& task_id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<tasks::Task> task, tasks::store::LoadTask(tx, task_id));
  if (!task || task->status != "done") return false;
  return RecoverByFollowUpInTx(tx, context, task_id, task->outcome, task->assignee_id);
}

}  // namespace rapport::analytics
