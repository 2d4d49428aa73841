// SurveyInvitations: asking one customer to answer a survey, and the customer answering it on
// the public page (docs/design/surveys.md § Invitations and links, § Sending, § Answering).
//
// Invite writes one survey_invitations row per ask, always: `sent` with a link, or `throttled`
// (the contact budget is used up, contact_budget.hpp) or `no_consent` (a marketing survey and no
// granted email/marketing consent) without one — never silently dropped. The link is
// /s/<22 characters>: 128 random bits, of which only the SHA-256 is stored, so it is single-
// purpose (one invitation), unguessable and short; it expires (default 30 days) and, once the
// answer is complete, is used up. A mailed invitation's 128 bits are an HMAC of its id under the
// server's key instead (InvitationMailer::token_for), so the mail can be rebuilt at each retry
// while the database still holds only the hash.
//
// Answering goes question by question (one page each, so a phone without JavaScript saves every
// step): Submit checks the answer against the invitation's own survey version (an edit made
// meanwhile makes a new version and does not touch this one) and saves it as a partial answer;
// after the last question that applies, the answer is complete and `survey.answered` is appended
// (aggregate the customer; data {survey_id, survey_version, kind, score, comment, sentiment,
// invitation_id, answered_at, about: {ticket_id?, order_id?}}) with a timeline entry, in the same
// transaction. Holds a reference to the Database; thread-safe; calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "feedback/contact_budget.hpp"
#include "feedback/survey_definition.hpp"
#include "feedback/survey_service.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

inline constexpr int64_t kDefaultLinkDays = 30;
inline constexpr int64_t kMaxLinkDays = 365;
inline constexpr size_t kLinkTokenLength = 22;  // 16 random bytes, base64url

// What the public page shows for an invitation.
struct AnswerStep {
  std::string survey_name;
  std::string language;  // en | de
  bool completed = false;
  std::optional<Question> question;  // the question to answer now, unless completed
  size_t answered = 0;               // questions answered so far
};

// How invitations by e-mail reach the outgoing mail queue. The composition root supplies it
// (the service desk's mail_outbox and sender), so this area links no mail code.
struct InvitationMailer {
  // The link token of a mailed invitation, derived from its id with the server's key (22
  // characters): the sender rebuilds the link at each attempt, so no working link is stored.
  std::function<std::string(const std::string& invitation_id)> token_for;
  // Queues the mail of `invitation_id` to `address` in the caller's transaction.
  std::function<Status(storage::Tx& tx, const std::string& invitation_id,
                       const std::string& customer_id, const std::string& address)>
      queue;
};

// How one invitation is made (Invite's input, a send's or a trigger's settings).
struct InviteOptions {
  std::string delivery = "link";        // link: the link is answered once | email: it is mailed
  std::optional<std::string> language;  // en | de; default: the customer's
  int64_t days = kDefaultLinkDays;
  std::optional<std::string> about_ticket_id;  // REQUIRES: the customer's own (checked by Invite)
  std::optional<std::string> about_order_id;
  std::optional<std::string> send_id;  // the send or trigger that made it
};

class SurveyInvitations {
 public:
  // `public_base` ("https://crm.example.com", may be empty) prefixes the links Invite returns.
  // Without `mailer` only link delivery is possible.
  SurveyInvitations(storage::Database& database, std::string public_base,
                    ContactBudgetPolicy budget = {}, InvitationMailer mailer = {})
      : database_(database),
        public_base_(std::move(public_base)),
        budget_(std::move(budget)),
        mailer_(std::move(mailer)) {}

  // {customer_id, delivery?: link|email, language?, about?: {ticket_id?, order_id?},
  // expires_in_days?}: the invitation {id, survey_id, survey_version, customer_id, language,
  // status, delivery, about, expires_at, created_at, link (link delivery only, when sent; shown
  // once: only its hash is kept)}. Needs surveys create and the customer readable.
  Result<json::object> Invite(const access::Access& access, const storage::WriteContext& context,
                              const std::string& survey_id, const json::object& input);
  // One invitation of `survey` for `customer_id` in the caller's transaction, always recorded:
  // `sent` (with its link, or its mail queued), `no_consent` (a marketing survey without granted
  // email marketing consent), `no_email` (mail delivery and no address) or `throttled` (the
  // contact budget), with `survey.invited`. REQUIRES: `access` may read the customer (callers
  // check); the survey is active. Returns the served invitation, with "link" for link delivery.
  Result<json::object> InviteInTx(storage::Tx& tx, const storage::WriteContext& context,
                                  const SurveyVersion& survey, const std::string& customer_id,
                                  const InviteOptions& options, int64_t now_millis);
  // Reads {delivery?, language?, expires_in_days?} of an invite or a send into `options`.
  Status ReadInviteOptions(const json::object& input, InviteOptions& options) const;
  const std::string& public_base() const { return public_base_; }
  const InvitationMailer& mailer() const { return mailer_; }
  // The survey's invitations, newest first (at most 500): status, customer, times.
  Result<json::array> List(const access::Access& access, const std::string& survey_id);

  // kNotFound for a token that names no invitation (forged, malformed, never sent);
  // kConflict for an expired one. A completed one answers completed.
  Result<AnswerStep> Current(const std::string& token);
  // Answers `question_id` (the question Current shows) with `value` (CheckAnswer's forms) and
  // moves on. kInvalidArgument naming `answer` or `question`; kConflict once completed or
  // expired; nothing is written on any error.
  Result<AnswerStep> Submit(const storage::WriteContext& context, const std::string& token,
                            const std::string& question_id, const json::value& value);

 private:
  storage::Database& database_;
  const std::string public_base_;
  const ContactBudgetPolicy budget_;
  const InvitationMailer mailer_;
};

// Whether `token` has the shape of a link token (22 base64url characters): anything else is
// refused before a lookup. Shared with review requests (review_requests.hpp).
bool IsTokenShape(std::string_view token);
// The SHA-256 (hex) a link token is stored as.
std::string HashLinkToken(std::string_view token);

}  // namespace rapport::feedback
