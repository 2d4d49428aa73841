// Task reminders by e-mail (docs/design/tasks.md § Reminders): the composition root's joint of
// the tasks area and the service desk's mail queue, which do not link each other. The mailer
// queues one mail_outbox row per reminder (kind task_reminder, dedupe key
// "task:<id>:<reason>:<time>", so a retried job never mails twice) to the assignee's address;
// the composer writes it when it is sent, from the task as it stands then (a task done or deleted
// meanwhile is not mailed). The same joint tells a customer how their follow-up ended (§ Closing
// the loop): kind task_outcome, dedupe key "outcome:<id>:<version>", to the customer's primary
// address, words from tasks/task_outcome_mail.hpp. Stateless apart from the references it holds;
// thread-safe.
#pragma once

#include <string>

#include "cli/mail_out_runtime.hpp"
#include "tasks/task_reminders.hpp"
#include "tasks/task_service.hpp"

namespace rapport::cli {

// REQUIRES: `mail_out` outlives the mailer; call before mail_out.Start().
tasks::TaskMailer TaskReminderMailer(MailOutRuntime& mail_out, std::string public_base);
// REQUIRES: as above. Transactional mail: it needs no marketing consent and spends no budget.
tasks::CustomerNotifier TaskOutcomeMailer(MailOutRuntime& mail_out);

}  // namespace rapport::cli
