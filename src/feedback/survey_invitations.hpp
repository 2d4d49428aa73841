// SurveyInvitations: asking one customer to answer a survey, and the customer answering it on
// the public page (docs/design/surveys.md § Invitations and links, § Answering).
//
// Invite writes one survey_invitations row per ask, always: `sent` with a link, or `throttled`
// (the contact budget is used up, contact_budget.hpp) or `no_consent` (a marketing survey and no
// granted email/marketing consent) without one — never silently dropped. The link is
// /s/<22 characters>: 128 random bits, of which only the SHA-256 is stored, so it is single-
// purpose (one invitation), unguessable and short; it expires (default 30 days) and, once the
// answer is complete, is used up.
//
// Answering goes question by question (one page each, so a phone without JavaScript saves every
// step): Submit checks the answer against the invitation's own survey version (an edit made
// meanwhile makes a new version and does not touch this one) and saves it as a partial answer;
// after the last question that applies, the answer is complete and `survey.answered` is appended
// (aggregate the customer; data {survey_id, survey_version, kind, score, comment, sentiment,
// invitation_id, answered_at, about: {ticket_id?, order_id?}}) with a timeline entry, in the same
// transaction. Holds a reference to the Database; thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "feedback/contact_budget.hpp"
#include "feedback/survey_definition.hpp"
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

class SurveyInvitations {
 public:
  // `public_base` ("https://crm.example.com", may be empty) prefixes the links Invite returns.
  SurveyInvitations(storage::Database& database, std::string public_base,
                    ContactBudgetPolicy budget = {})
      : database_(database), public_base_(std::move(public_base)), budget_(std::move(budget)) {}

  // {customer_id, language?, about?: {ticket_id?, order_id?}, expires_in_days?}: the invitation
  // {id, survey_id, survey_version, customer_id, language, status, about, expires_at,
  // created_at, link (only when sent; shown once: only its hash is kept)}. Needs surveys create
  // and the customer readable.
  Result<json::object> Invite(const access::Access& access, const storage::WriteContext& context,
                              const std::string& survey_id, const json::object& input);
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
};

// Whether `token` has the shape of a link token (22 base64url characters): anything else is
// refused before a lookup. Shared with review requests (review_requests.hpp).
bool IsTokenShape(std::string_view token);
// The SHA-256 (hex) a link token is stored as.
std::string HashLinkToken(std::string_view token);

}  // namespace rapport::feedback
