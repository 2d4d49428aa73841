#include "cli/task_mail.hpp"

#include "common/html_escape.hpp"
#include "common/ids.hpp"
#include "support/mail_outbox.hpp"
#include "tasks/task_outcome_mail.hpp"
#include "tasks/task_store.hpp"

namespace rapport::cli {
namespace {

constexpr std::string_view kMailKind = "task_reminder";
constexpr std::string_view kKeyPrefix = "task:";
constexpr size_t kMessageIdRandomBytes = 16;
constexpr std::string_view kOutcomeKind = "task_outcome";
// Where the customer is told: their primary address, else the first.
constexpr std::string_view kCustomerEmail =
    "SELECT address FROM customer_emails WHERE customer_id = ? "
    "ORDER BY is_primary DESC, position LIMIT 1";
constexpr std::string_view kAssigneeEmail =
    "SELECT email FROM users WHERE id = ? AND status = 'active'";

// "task:<id>:<reason>:<time>" -> id and reason.
std::pair<std::string, std::string> FromKey(const std::string& key) {
  const size_t id_end = key.find(':', kKeyPrefix.size());
  if (key.rfind(kKeyPrefix, 0) != 0 || id_end == std::string::npos) return {};
  const size_t reason_end = key.find(':', id_end + 1);
  return {key.substr(kKeyPrefix.size(), id_end - kKeyPrefix.size()),
          key.substr(id_end + 1, reason_end == std::string::npos ? std::string::npos
                                                                 : reason_end - id_end - 1)};
}

Result<support::MailContent> Compose(storage::Tx& tx, const support::OutboxMail& mail,
                                     const std::string& public_base) {
  const auto [task_id, reason] = FromKey(mail.dedupe_key);
  RAPPORT_ASSIGN_OR_RETURN(std::optional<tasks::Task> task, tasks::store::LoadTask(tx, task_id));
  if (!task || task->status != "open") return Error::NotFound("The task is done or gone.");
  support::MailContent content;
  content.subject = std::string(reason == "overdue" ? "Overdue: " : "Reminder: ") + task->title;
  content.text = task->title + "\n\nDue: " + task->due_at.substr(0, 16) + " UTC\n";
  if (task->notes) content.text += "\n" + *task->notes + "\n";
  content.text += "\nYour tasks: " + public_base + "/tasks\n";
  if (task->customer_id) {
    content.text += "The customer: " + public_base + "/customers/" + *task->customer_id + "\n";
  }
  content.html = TextToHtmlParagraphs(content.text);
  return content;
}

}  // namespace

tasks::TaskMailer TaskReminderMailer(MailOutRuntime& mail_out, std::string public_base) {
  mail_out.AddComposer(std::string(kMailKind),
                       [public_base](storage::Tx& tx, const support::OutboxMail& mail) {
                         return Compose(tx, mail, public_base);
                       });
  return [&mail_out](storage::Tx& tx, const tasks::Task& task, std::string_view reason) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows address, tx.Query(kAssigneeEmail, {task.assignee_id}));
    if (address.empty()) return OkStatus();  // a disabled or unknown assignee gets no mail
    const std::string at = reason == "overdue" ? task.due_at : task.remind_at.value_or("");
    support::OutboxMail mail{
        .kind = std::string(kMailKind),
        .dedupe_key = std::string(kKeyPrefix) + task.id + ":" + std::string(reason) + ":" + at,
        .customer_id = task.customer_id.value_or(""),
        .to = {address.front().Text(0)},
        .mail_message_id = RandomToken(kMessageIdRandomBytes) + "@" + mail_out.message_id_domain()};
    RAPPORT_ASSIGN_OR_RETURN(bool queued, support::outbox::Queue(tx, mail));
    (void)queued;  // false: this reminder was mailed already (the job ran again)
    return OkStatus();
  };
}

tasks::CustomerNotifier TaskOutcomeMailer(MailOutRuntime& mail_out) {
  mail_out.AddComposer(
      std::string(kOutcomeKind),
      [](storage::Tx& tx, const support::OutboxMail& mail) -> Result<support::MailContent> {
        RAPPORT_ASSIGN_OR_RETURN(
            tasks::OutcomeMailText text,
            tasks::ComposeOutcomeMail(tx, tasks::TaskOfOutcomeMailKey(mail.dedupe_key)));
        return support::MailContent{.subject = std::move(text.subject),
                                    .text = std::move(text.text),
                                    .html = std::move(text.html)};
      });
  return [&mail_out](storage::Tx& tx, const tasks::Task& task) -> Status {
    const std::string customer_id = task.customer_id.value_or("");
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows address, tx.Query(kCustomerEmail, {customer_id}));
    if (address.empty()) {
      return Error::Invalid("notify_customer", "the customer has no e-mail address");
    }
    support::OutboxMail mail{
        .kind = std::string(kOutcomeKind),
        .dedupe_key = tasks::OutcomeMailKey(task.id, task.version),
        .customer_id = customer_id,
        .to = {address.front().Text(0)},
        .mail_message_id = RandomToken(kMessageIdRandomBytes) + "@" + mail_out.message_id_domain()};
    RAPPORT_ASSIGN_OR_RETURN(bool queued, support::outbox::Queue(tx, mail));
    (void)queued;  // false: this close was mailed already
    return OkStatus();
  };
}

}  // namespace rapport::cli
