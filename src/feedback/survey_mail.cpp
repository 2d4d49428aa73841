#include "feedback/survey_mail.hpp"

#include "common/html_escape.hpp"
#include "common/time.hpp"
#include "feedback/invitation_rows.hpp"
#include "feedback/survey_service.hpp"

namespace rapport::feedback {
namespace {

constexpr std::string_view kFirstName = "SELECT first_name FROM customers WHERE id = ?";

struct Words {
  std::string_view subject;
  std::string_view greeting;  // followed by ", <first name>," or ","
  std::string_view ask;
  std::string_view validity;  // followed by the date
  std::string_view button;
};

constexpr Words kEnglish{
    .subject = "A minute for us? ",
    .greeting = "Hello",
    .ask = "we would like to know how we are doing. Answering takes about a minute:",
    .validity = "The link is for you alone and works until",
    .button = "Answer now"};
constexpr Words kGerman{
    .subject = "Eine Minute f\u00fcr uns? ",
    .greeting = "Hallo",
    .ask =
        "wir m\u00f6chten gern wissen, wie zufrieden Sie mit uns sind. Die Antwort dauert "
        "etwa eine Minute:",
    .validity = "Der Link gilt nur f\u00fcr Sie und bis zum",
    .button = "Jetzt antworten"};

}  // namespace

Result<InvitationMailText> ComposeInvitationMail(storage::Tx& tx, const std::string& invitation_id,
                                                 const std::string& link) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Invitation> invitation, LoadInvitation(tx, invitation_id));
  if (!invitation || (invitation->status != "sent" && invitation->status != "answering") ||
      (invitation->expires_at && *invitation->expires_at <= NowInstant())) {
    return Error::NotFound("The invitation of this mail is no longer open.");
  }
  RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, invitation->survey_id,
                                                                   invitation->survey_version));
  std::string name;
  if (invitation->customer_id) {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kFirstName, {*invitation->customer_id}));
    if (!rows.empty() && !rows.front().IsNull(0)) name = rows.front().Text(0);
  }
  const Words& words = invitation->language == "de" ? kGerman : kEnglish;
  const std::string until = invitation->expires_at ? invitation->expires_at->substr(0, 10) : "";
  const std::string greeting =
      std::string(words.greeting) + (name.empty() ? "," : " " + name + ",");
  InvitationMailText out;
  out.subject = std::string(words.subject) + survey.name;
  out.text = greeting + "\n\n" + std::string(words.ask) + "\n\n" + link + "\n\n" +
             std::string(words.validity) + " " + until + ".\n";
  const std::string safe_link = EscapeHtml(link);
  out.html = "<p>" + EscapeHtml(greeting) + "</p>\n<p>" + EscapeHtml(words.ask) +
             "</p>\n<p><a href=\"" + safe_link + "\">" + EscapeHtml(words.button) +
             "</a></p>\n<p>" + EscapeHtml(words.validity) + " " + EscapeHtml(until) + ".</p>";
  return out;
}

}  // namespace rapport::feedback
