#include "cli/review_runtime.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "feedback/review_mail.hpp"
#include "support/mail_outbox.hpp"

namespace rapport::cli {
namespace {

constexpr std::string_view kMailKind = "review_request";
// The purpose inside a mailed request's derived token (PublicTokens::Derive): a token made for
// anything else (a survey invitation's) never opens a review page.
constexpr std::string_view kLinkPurpose = "review-link";
// As the service desk's Message-IDs: 128 random bits, unique across every system that sees one.
constexpr size_t kMessageIdRandomBytes = 16;

feedback::InvitationMailer Mailer(const identity::PublicTokens& tokens, MailOutRuntime& mail_out) {
  return feedback::InvitationMailer{
      .token_for =
          [&tokens](const std::string& request_id) {
            return tokens.Derive(kLinkPurpose, request_id);
          },
      .queue = [&mail_out](storage::Tx& tx, const std::string& request_id,
                           const std::string& customer_id, const std::string& address) -> Status {
        support::OutboxMail mail{.kind = std::string(kMailKind),
                                 .dedupe_key = feedback::ReviewRequestMailKey(request_id),
                                 .customer_id = customer_id,
                                 .to = {address},
                                 .mail_message_id = RandomToken(kMessageIdRandomBytes) + "@" +
                                                    mail_out.message_id_domain()};
        RAPPORT_ASSIGN_OR_RETURN(bool queued, support::outbox::Queue(tx, mail));
        (void)queued;  // false: this request's mail is queued already (a replay)
        return OkStatus();
      }};
}

}  // namespace

ReviewRuntime::ReviewRuntime(storage::Database& database, const std::string& public_base,
                             const identity::PublicTokens& tokens,
                             feedback::ContactBudgetPolicy budget, MailOutRuntime& mail_out)
    : reviews_(database),
      requests_(database, public_base, std::move(budget), Mailer(tokens, mail_out)),
      settings_(database),
      auto_requests_(NowMillis),
      api_{
          .database = database, .reviews = reviews_, .requests = requests_, .settings = settings_} {
  const std::string prefix = feedback::ReviewRequestMailKey("");
  mail_out.AddComposer(
      std::string(kMailKind),
      [&tokens, public_base, prefix](
          storage::Tx& tx, const support::OutboxMail& mail) -> Result<support::MailContent> {
        if (mail.dedupe_key.rfind(prefix, 0) != 0) {
          return Error::NotFound("This mail names no review request.");
        }
        const std::string request_id = mail.dedupe_key.substr(prefix.size());
        const std::string link = public_base + "/r/" + tokens.Derive(kLinkPurpose, request_id);
        RAPPORT_ASSIGN_OR_RETURN(feedback::InvitationMailText text,
                                 feedback::ComposeReviewRequestMail(tx, request_id, link));
        return support::MailContent{.subject = std::move(text.subject),
                                    .text = std::move(text.text),
                                    .html = std::move(text.html)};
      });
}

void ReviewRuntime::Wire(storage::EventDispatcher& dispatcher, storage::Scheduler& scheduler) {
  dispatcher.Subscribe(auto_requests_);
  scheduler.Register(std::string(feedback::kAutoRequestJobKind),
                     feedback::AutoRequestJobHandler(requests_, NowMillis));
}

void ReviewRuntime::AddRoutes(http::Router& router) {
  http::AddReviewRoutes(router, api_);
  http::AddReviewPublicRoutes(router, api_);
}

}  // namespace rapport::cli
