#include "tasks/task_outcome_mail.hpp"

#include "common/html_escape.hpp"
#include "tasks/task_store.hpp"

namespace rapport::tasks {
namespace {

constexpr std::string_view kKeyPrefix = "outcome:";
constexpr std::string_view kCustomer = "SELECT first_name, language FROM customers WHERE id = ?";

struct Words {
  std::string_view subject;
  std::string_view greeting;  // followed by " <first name>," or ","
  std::string_view lead;      // before the outcome
  std::string_view close;
};

constexpr Words kEnglish{.subject = "About your feedback",
                         .greeting = "Hello",
                         .lead = "thank you for telling us how we did. This is what we have done:",
                         .close = "If anything is still not right, simply reply to this e-mail."};
constexpr Words kGerman{
    .subject = "Zu Ihrer R\u00fcckmeldung",
    .greeting = "Hallo",
    .lead = "vielen Dank, dass Sie uns Bescheid gegeben haben. Das haben wir unternommen:",
    .close = "Wenn noch etwas nicht stimmt, antworten Sie einfach auf diese E-Mail."};

}  // namespace

std::string OutcomeMailKey(const std::string& task_id, int64_t version) {
  return std::string(kKeyPrefix) + task_id + ":" + std::to_string(version);
}

std::string TaskOfOutcomeMailKey(const std::string& key) {
  if (key.rfind(kKeyPrefix, 0) != 0) return "";
  const size_t end = key.find(':', kKeyPrefix.size());
  return end == std::string::npos ? "" : key.substr(kKeyPrefix.size(), end - kKeyPrefix.size());
}

Result<OutcomeMailText> ComposeOutcomeMail(storage::Tx& tx, const std::string& task_id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Task> task, store::LoadTask(tx, task_id));
  if (!task || task->status != "done" || !task->customer_id || !task->outcome ||
      task->outcome->empty()) {
    return Error::NotFound("The task of this mail is open again or gone.");
  }
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kCustomer, {*task->customer_id}));
  if (rows.empty()) return Error::NotFound("The customer of this mail is gone.");
  const std::string name = rows.front().IsNull(0) ? "" : rows.front().Text(0);
  const std::string language = rows.front().IsNull(1) ? "" : rows.front().Text(1);
  const Words& words = language.rfind("de", 0) == 0 ? kGerman : kEnglish;
  const std::string greeting =
      std::string(words.greeting) + (name.empty() ? "," : " " + name + ",");
  OutcomeMailText out;
  out.subject = std::string(words.subject);
  out.text = greeting + "\n\n" + std::string(words.lead) + "\n\n" + *task->outcome + "\n\n" +
             std::string(words.close) + "\n";
  out.html = TextToHtmlParagraphs(out.text);
  return out;
}

}  // namespace rapport::tasks
