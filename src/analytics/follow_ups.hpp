// Follow-ups (docs/design/health.md § Follow-ups): a bad experience whose cause calls for it (a
// detractor, a low CSAT, a negative review, by the settings) opens a task for the customer's owner
// with a due time and the context it was about (the ticket, the order), through the tasks area's
// CreateTaskInTx, in the same transaction; completing that task closes the loop — the experience
// becomes recovered with the task's outcome. A detractor never goes without a follow-up unless
// the customer has no owner and no fallback assignee is configured. Stateless; thread-safe.
#pragma once

#include <string>

#include "analytics/bad_experiences.hpp"
#include "analytics/health_settings.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::analytics {

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
