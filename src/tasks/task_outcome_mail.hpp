// The e-mail that closes the loop (docs/design/tasks.md § Closing the loop): a task's outcome as
// its customer reads it, in their language (English or German), written when the mail queue
// sends it from the task as it stands then — a task reopened meanwhile is not mailed. Pure
// function over the caller's read transaction; thread-safe.
#pragma once

#include <string>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::tasks {

struct OutcomeMailText {
  std::string subject;
  std::string text;
  std::string html;
};

// The mail queue's dedupe key of the outcome mail of `task_id` at `version`: a task reopened
// and closed again may tell its customer again; a retried close never mails twice.
std::string OutcomeMailKey(const std::string& task_id, int64_t version);
// The task id in such a key; "" when it is not one.
std::string TaskOfOutcomeMailKey(const std::string& key);

// kNotFound when the task is gone, open again, or has no customer or outcome.
Result<OutcomeMailText> ComposeOutcomeMail(storage::Tx& tx, const std::string& task_id);

}  // namespace rapport::tasks
