#include "cli/survey_runtime.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "feedback/invitation_rows.hpp"
#include "feedback/survey_mail.hpp"
#include "support/mail_outbox.hpp"

namespace rapport::cli {
namespace {

constexpr std::string_view kMailKind = "survey_invitation";
// The purpose inside a mailed invitation's derived token (PublicTokens::Derive): a token made
// for anything else never opens a survey.
constexpr std::string_view kLinkPurpose = "survey-link";
// The purpose of an open link's start tickets (OpenLinks): a MAC made for nothing else.
constexpr std::string_view kStartPurpose = "survey-open-start";
// As the service desk's Message-IDs: 128 random bits, unique across every system that sees one.
constexpr size_t kMessageIdRandomBytes = 16;

feedback::InvitationMailer Mailer(const identity::PublicTokens& tokens, MailOutRuntime& mail_out) {
  return feedback::InvitationMailer{
      .token_for =
          [&tokens](const std::string& invitation_id) {
            return tokens.Derive(kLinkPurpose, invitation_id);
          },
      .queue = [&mail_out](storage::Tx& tx, const std::string& invitation_id,
                           const std::string& customer_id, const std::string& address) -> Status {
        support::OutboxMail mail{.kind = std::string(kMailKind),
                                 .dedupe_key = feedback::InvitationMailKey(invitation_id),
                                 .customer_id = customer_id,
                                 .to = {address},
                                 .mail_message_id = RandomToken(kMessageIdRandomBytes) + "@" +
                                                    mail_out.message_id_domain()};
        RAPPORT_ASSIGN_OR_RETURN(bool queued, support::outbox::Queue(tx, mail));
        (void)queued;  // false: this invitation's mail is queued already (a replay)
        return OkStatus();
      }};
}

}  // namespace

SurveyRuntime::SurveyRuntime(storage::Database& database, const std::string& public_base,
                             const identity::PublicTokens& tokens,
                             feedback::ContactBudgetPolicy budget,
                             access::AccessDirectory& directory,
                             const customers::CustomerTraits& traits, MailOutRuntime& mail_out)
    : surveys_(database),
      invitations_(database, public_base, std::move(budget), Mailer(tokens, mail_out)),
      results_(database, traits),
      sends_(database, invitations_, traits, directory),
      themes_(database),
      open_links_(database, public_base,
                  [&tokens](std::string_view text) { return tokens.Derive(kStartPurpose, text); }),
      api_{.database = database,
           .surveys = surveys_,
           .invitations = invitations_,
           .results = results_,
           .sends = sends_,
           .themes = themes_,
           .open_links = open_links_} {
  const std::string prefix = feedback::InvitationMailKey("");
  mail_out.AddComposer(
      std::string(kMailKind),
      [&tokens, public_base, prefix](
          storage::Tx& tx, const support::OutboxMail& mail) -> Result<support::MailContent> {
        if (mail.dedupe_key.rfind(prefix, 0) != 0) {
          return Error::NotFound("This mail names no survey invitation.");
        }
        const std::string invitation_id = mail.dedupe_key.substr(prefix.size());
        const std::string link = public_base + "/s/" + tokens.Derive(kLinkPurpose, invitation_id);
        RAPPORT_ASSIGN_OR_RETURN(feedback::InvitationMailText text,
                                 feedback::ComposeInvitationMail(tx, invitation_id, link));
        return support::MailContent{.subject = std::move(text.subject),
                                    .text = std::move(text.text),
                                    .html = std::move(text.html)};
      });
}

void SurveyRuntime::Wire(storage::EventDispatcher& dispatcher, storage::Scheduler& scheduler) {
  dispatcher.Subscribe(triggers_);
  scheduler.Register(std::string(feedback::kSendJobKind), sends_.JobHandler());
  scheduler.Register(std::string(feedback::kTriggerJobKind),
                     feedback::TriggerJobHandler(invitations_, NowMillis));
}

void SurveyRuntime::AddRoutes(http::Router& router) {
  http::AddSurveyRoutes(router, api_);
  http::AddSurveyPageRoutes(router, api_);
  http::AddFeedbackThemeRoutes(router, api_);
}

}  // namespace rapport::cli
