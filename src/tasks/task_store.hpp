// The tasks table (migration 0029), private to src/tasks/: load, insert, save, delete one task
// and read a keyset page under a condition the service builds. No rules here. Stateless;
// REQUIRES: inside Database::Read or Write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "tasks/task.hpp"

namespace rapport::tasks::store {

Result<std::optional<Task>> LoadTask(storage::Tx& tx, const std::string& id);
Status InsertTask(storage::Tx& tx, const Task& task);
// Writes every changeable column and the version of `task` (the caller bumped it).
Status SaveTask(storage::Tx& tx, const Task& task);
Status DeleteTask(storage::Tx& tx, const std::string& id);

// Tasks matching `where` (SQL over alias t, with its parameters, joined as the service's list
// query joins), ordered by (due_at, id), at most `limit`.
Result<std::vector<Task>> SelectTasks(storage::Tx& tx, const std::string& joins,
                                      const std::string& where,
                                      const std::vector<storage::Value>& params, int64_t limit);

}  // namespace rapport::tasks::store
