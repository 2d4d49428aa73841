#include "tasks/task.hpp"

namespace rapport::tasks {
namespace {

json::value OrNull(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

}  // namespace

json::object TaskToJson(const Task& task) {
  return json::object{{"id", task.id},
                      {"title", task.title},
                      {"notes", OrNull(task.notes)},
                      {"due_at", task.due_at},
                      {"assignee_id", task.assignee_id},
                      {"creator_id", OrNull(task.creator_id)},
                      {"customer_id", OrNull(task.customer_id)},
                      {"company_id", OrNull(task.company_id)},
                      {"ticket_id", OrNull(task.ticket_id)},
                      {"priority", task.priority},
                      {"status", task.status},
                      {"outcome", OrNull(task.outcome)},
                      {"remind_at", OrNull(task.remind_at)},
                      {"remind_by_email", task.remind_by_email},
                      {"completed_at", OrNull(task.completed_at)},
                      {"created_at", task.created_at},
                      {"updated_at", task.updated_at},
                      {"version", task.version}};
}

json::object TaskRef(const Task& task) {
  return json::object{{"id", task.id},
                      {"title", task.title},
                      {"status", task.status},
                      {"priority", task.priority},
                      {"due_at", task.due_at},
                      {"assignee_id", task.assignee_id},
                      {"customer_id", OrNull(task.customer_id)},
                      {"company_id", OrNull(task.company_id)},
                      {"ticket_id", OrNull(task.ticket_id)},
                      {"version", task.version}};
}

}  // namespace rapport::tasks
