#include "tasks/task_store.hpp"

namespace rapport::tasks::store {
namespace {

using storage::OptionalText;
using storage::Row;
using storage::Tx;
using storage::Value;

#define RAPPORT_TASK_COLUMNS                                                                  \
  "t.id, t.title, t.notes, t.due_at, t.assignee_id, t.creator_id, t.customer_id, "            \
  "t.company_id, t.ticket_id, t.priority, t.status, t.outcome, t.remind_at, t.completed_at, " \
  "t.created_at, t.updated_at, t.version, t.remind_by_email"

constexpr std::string_view kLoadTask =
    "SELECT " RAPPORT_TASK_COLUMNS " FROM tasks t WHERE t.id = ?";
constexpr std::string_view kInsertTask =
    "INSERT INTO tasks (id, title, notes, due_at, assignee_id, creator_id, customer_id, "
    "company_id, ticket_id, priority, status, outcome, remind_at, completed_at, created_at, "
    "updated_at, version, remind_by_email) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSaveTask =
    "UPDATE tasks SET title = ?, notes = ?, due_at = ?, assignee_id = ?, customer_id = ?, "
    "company_id = ?, ticket_id = ?, priority = ?, status = ?, outcome = ?, remind_at = ?, "
    "completed_at = ?, updated_at = ?, version = ?, remind_by_email = ? WHERE id = ?";
constexpr std::string_view kDeleteTask = "DELETE FROM tasks WHERE id = ?";
constexpr std::string_view kSelectPrefix = "SELECT " RAPPORT_TASK_COLUMNS " FROM tasks t ";

Task FromRow(const Row& row) {
  return Task{.id = row.Text(0),
              .title = row.Text(1),
              .notes = row.OptText(2),
              .due_at = row.Text(3),
              .assignee_id = row.Text(4),
              .creator_id = row.OptText(5),
              .customer_id = row.OptText(6),
              .company_id = row.OptText(7),
              .ticket_id = row.OptText(8),
              .priority = row.Text(9),
              .status = row.Text(10),
              .outcome = row.OptText(11),
              .remind_at = row.OptText(12),
              .remind_by_email = row.Int(17) != 0,
              .completed_at = row.OptText(13),
              .created_at = row.Text(14),
              .updated_at = row.Text(15),
              .version = row.Int(16)};
}

}  // namespace

Result<std::optional<Task>> LoadTask(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kLoadTask, {id}));
  if (rows.empty()) return std::optional<Task>();
  return std::optional<Task>(FromRow(rows[0]));
}

Status InsertTask(Tx& tx, const Task& task) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kInsertTask,
      {task.id, task.title, OptionalText(task.notes), task.due_at, task.assignee_id,
       OptionalText(task.creator_id), OptionalText(task.customer_id), OptionalText(task.company_id),
       OptionalText(task.ticket_id), task.priority, task.status, OptionalText(task.outcome),
       OptionalText(task.remind_at), OptionalText(task.completed_at), task.created_at,
       task.updated_at, task.version, int64_t{task.remind_by_email}}));
  return OkStatus();
}

Status SaveTask(Tx& tx, const Task& task) {
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kSaveTask,
              {task.title, OptionalText(task.notes), task.due_at, task.assignee_id,
               OptionalText(task.customer_id), OptionalText(task.company_id),
               OptionalText(task.ticket_id), task.priority, task.status, OptionalText(task.outcome),
               OptionalText(task.remind_at), OptionalText(task.completed_at), task.updated_at,
               task.version, int64_t{task.remind_by_email}, task.id}));
  return OkStatus();
}

Status DeleteTask(Tx& tx, const std::string& id) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteTask, {id}));
  return OkStatus();
}

Result<std::vector<Task>> SelectTasks(Tx& tx, const std::string& joins, const std::string& where,
                                      const std::vector<Value>& params, int64_t limit) {
  std::string sql =
      std::string(kSelectPrefix) + joins + " WHERE " + where + " ORDER BY t.due_at, t.id LIMIT ?";
  std::vector<Value> bound = params;
  bound.emplace_back(limit);
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, bound));
  std::vector<Task> tasks;
  tasks.reserve(rows.size());
  for (const auto& row : rows) tasks.push_back(FromRow(row));
  return tasks;
}

}  // namespace rapport::tasks::store
