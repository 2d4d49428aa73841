#include "analytics/follow_ups.hpp"

#include <algorithm>

#include "common/time.hpp"
#include "tasks/task_service.hpp"
#include "tasks/task_store.hpp"

namespace rapport::analytics {
namespace {

constexpr std::string_view kOwner = "SELECT owner_id FROM customers WHERE id = ?";
constexpr std::string_view kActiveUser = "SELECT 1 FROM users WHERE id = ? AND status = 'active'";

std::string Titled(std::string_view summary) {
  std::string title = "Follow up: " + std::string(summary);
  if (title.size() > 180) title = title.substr(0, 177) + "...";
  return title;
}

}  // namespace

Status OpenFollowUpInTx(storage::Tx& tx, const storage::WriteContext& context,
                        const HealthSettings& settings, const std::string& experience_id,
                        const BadExperienceFact& fact, int64_t now_millis) {
  const auto& causes = settings.follow_up_causes;
  if (std::find(causes.begin(), causes.end(), fact.cause) == causes.end()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows owner, tx.Query(kOwner, {fact.customer_id}));
  std::optional<std::string> assignee;
  if (!owner.empty() && !owner.front().IsNull(0)) assignee = owner.front().Text(0);
  if (!assignee) assignee = settings.follow_up_assignee;
  if (!assignee) return OkStatus();  // nobody to give it to: the experience stays visible
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows active, tx.Query(kActiveUser, {*assignee}));
  if (active.empty()) return OkStatus();  // a departed owner: the same
  std::string notes = "Opened by the feedback rules for a bad experience: " + fact.summary + ".";
  if (fact.order_id) notes += " About order " + *fact.order_id + ".";
  tasks::TaskInput input{.title = Titled(fact.summary),
                         .notes = std::move(notes),
                         .due_at = FormatInstant(now_millis + settings.follow_up_hours * 3'600'000),
                         .assignee_id = assignee,
                         .customer_id = fact.customer_id,
                         .ticket_id = fact.ticket_id,
                         .priority = "high"};
  RAPPORT_ASSIGN_OR_RETURN(
      json::object task, tasks::CreateTaskInTx(tx, access::Access::Unrestricted(), context, input));
  return SetFollowUpTaskInTx(tx, experience_id, std::string(task.at("id").as_string()));
}

Result<bool> CloseFollowUpInTx(storage::Tx& tx, const storage::WriteContext& context,
                               const std::string& task_id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<tasks::Task> task, tasks::store::LoadTask(tx, task_id));
  if (!task || task->status != "done") return false;
  return RecoverByFollowUpInTx(tx, context, task_id, task->outcome, task->assignee_id);
}

}  // namespace rapport::analytics
