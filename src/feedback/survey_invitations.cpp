#include "feedback/survey_invitations.hpp"

#include <sodium.h>

#include <algorithm>

#include "common/ids.hpp"
#include "common/sentiment.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "feedback/feedback_themes.hpp"
#include "feedback/invitation_rows.hpp"
#include "feedback/survey_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/outbox.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kSelectByHash =
    "SELECT " RAPPORT_INVITATION_COLUMNS " FROM survey_invitations WHERE token_hash = ?";
constexpr std::string_view kSelectBySurvey =
    "SELECT " RAPPORT_INVITATION_COLUMNS
    " FROM survey_invitations WHERE survey_id = ? ORDER BY created_at DESC, seq DESC LIMIT 500";
// The mail queue's row of a mailed invitation (support's mail_outbox, read only).
constexpr std::string_view kMailState =
    "SELECT state, last_error FROM mail_outbox WHERE dedupe_key = ?";
constexpr std::string_view kSelectAnswer =
    "SELECT id, answers FROM survey_answers WHERE invitation_id = ?";
constexpr std::string_view kInsertAnswer =
    "INSERT INTO survey_answers (id, invitation_id, survey_id, survey_version, customer_id, "
    "answers, status, started_at) VALUES (?, ?, ?, ?, ?, ?, 'partial', ?)";
constexpr std::string_view kSaveAnswer = "UPDATE survey_answers SET answers = ? WHERE id = ?";
constexpr std::string_view kCompleteAnswer =
    "UPDATE survey_answers SET answers = ?, score = ?, comment = ?, sentiment = ?, "
    "status = 'completed', answered_at = ? WHERE id = ?";
constexpr std::string_view kInvitationStatus =
    "UPDATE survey_invitations SET status = ?, completed_at = ? WHERE id = ?";

Error NoLink() {
  return Error::NotFound("This survey link is not valid. Please use the link from your e-mail.");
}

// The invitation a token names, refused when forged or expired.
Result<Invitation> LoadByToken(Tx& tx, const std::string& token) {
  if (!IsTokenShape(token)) return NoLink();
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectByHash, {HashLinkToken(token)}));
  if (rows.empty()) return NoLink();
  Invitation invitation = InvitationFromRow(rows.front());
  if (invitation.status == "completed") return invitation;
  if (invitation.status != "sent" && invitation.status != "answering") return NoLink();
  if (invitation.expires_at && *invitation.expires_at <= NowInstant()) {
    return Error::Conflict("This survey link has expired.");
  }
  return invitation;
}

Result<AnswerStep> StepFor(Tx& tx, const Invitation& invitation, const json::object& answers) {
  RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey,
                           LoadSurveyVersion(tx, invitation.survey_id, invitation.survey_version));
  AnswerStep step{.survey_name = survey.name,
                  .language = invitation.language,
                  .completed = invitation.status == "completed",
                  .answered = answers.size()};
  if (!step.completed) {
    auto next = NextQuestion(survey.definition, answers);
    if (next) step.question = survey.definition.questions[*next];
  }
  return step;
}

Result<json::object> LoadAnswers(Tx& tx, const std::string& invitation_id,
                                 std::optional<std::string>& answer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectAnswer, {invitation_id}));
  if (rows.empty()) return json::object();
  answer_id = rows.front().Text(0);
  return ParseJsonObject(rows.front().Text(1));
}

// The complete answer: its row, the invitation, the event and the timeline entry.
Status Complete(Tx& tx, const storage::WriteContext& context, const Invitation& invitation,
                const SurveyVersion& survey, const std::string& answer_id,
                const json::object& answers) {
  const std::string now = NowInstant();
  json::value score = nullptr;
  if (auto main = MainQuestion(survey.definition)) {
    const json::value* given = answers.if_contains(survey.definition.questions[*main].id);
    if (given != nullptr && given->is_int64()) score = *given;
  }
  json::value comment = nullptr;
  json::value sentiment = nullptr;
  if (auto text = CommentQuestion(survey.definition)) {
    const json::value* given = answers.if_contains(survey.definition.questions[*text].id);
    if (given != nullptr && given->is_string()) {
      comment = *given;
      sentiment = ScoreSentiment(given->as_string()).score;
    }
  }
  auto value_of = [](const json::value& v) -> storage::Value {
    if (v.is_int64()) return v.as_int64();
    if (v.is_double()) return v.as_double();
    if (v.is_string()) return std::string(v.as_string());
    return storage::Null();
  };
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kCompleteAnswer, {ToJsonString(answers), value_of(score), value_of(comment),
                                value_of(sentiment), now, answer_id}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInvitationStatus, {"completed", now, invitation.id}));
  if (comment.is_string()) {  // "you said": the themes whose keywords the comment holds
    RAPPORT_RETURN_IF_ERROR(
        TagAnswerInTx(tx, answer_id, invitation.customer_id, comment.as_string(), now));
  }
  if (!invitation.customer_id) return OkStatus();
  const json::object data{{"survey_id", invitation.survey_id},
                          {"survey_version", invitation.survey_version},
                          {"kind", survey.definition.kind},
                          {"score", score},
                          {"comment", comment},
                          {"sentiment", sentiment},
                          {"invitation_id", invitation.id},
                          {"answered_at", now},
                          {"about", AboutJson(invitation)}};
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "survey.answered", "customer",
                                               *invitation.customer_id, data));
  std::string subject = "Answered the survey " + survey.name;
  if (score.is_int64()) subject += ": " + std::to_string(score.as_int64());
  json::object entry{{"channel", "web"},
                     {"direction", "inbound"},
                     {"kind", "survey_answer"},
                     {"subject", subject},
                     // Health acts on the answer's own score and comment (survey.answered); a
                     // label here would count the same words a second time.
                     {"sentiment", "unknown"},
                     {"metadata", json::object{{"survey_id", invitation.survey_id},
                                               {"invitation_id", invitation.id},
                                               {"answer_id", answer_id}}}};
  if (comment.is_string()) entry["body"] = comment;
  // The invitation authorised this answer; the entry is part of the same change.
  auto logged = interactions::LogInTx(tx, access::Access::Unrestricted(), context,
                                      *invitation.customer_id, entry);
  if (!logged.ok()) return logged.error();
  return OkStatus();
}

}  // namespace

bool IsTokenShape(std::string_view token) {
  return token.size() == kLinkTokenLength && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::string HashLinkToken(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Result<json::array> SurveyInvitations::List(const access::Access& access,
                                            const std::string& survey_id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(LoadSurveyVersion(tx, survey_id));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectBySurvey, {survey_id}));
    for (const auto& row : rows) {
      Invitation invitation = InvitationFromRow(row);
      // Invitations name customers: only those the caller may read.
      if (invitation.customer_id &&
          !customers::ReadableCustomerOwner(tx, access, *invitation.customer_id).ok()) {
        continue;
      }
      json::object served = InvitationJson(invitation);
      if (invitation.delivery == "email" && invitation.status != "no_email") {
        // How far the mail got (the mail queue's row): queued, sending, sent or failed.
        RAPPORT_ASSIGN_OR_RETURN(Rows mail,
                                 tx.Query(kMailState, {InvitationMailKey(invitation.id)}));
        if (!mail.empty()) {
          served["mail"] =
              json::object{{"state", mail.front().Text(0)},
                           {"error", mail.front().IsNull(1) ? json::value(nullptr)
                                                            : json::value(mail.front().Text(1))}};
        }
      }
      out.push_back(std::move(served));
    }
    return OkStatus();
  }));
  return out;
}

Result<AnswerStep> SurveyInvitations::Current(const std::string& token) {
  AnswerStep step;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Invitation invitation, LoadByToken(tx, token));
    std::optional<std::string> answer_id;
    RAPPORT_ASSIGN_OR_RETURN(json::object answers, LoadAnswers(tx, invitation.id, answer_id));
    RAPPORT_ASSIGN_OR_RETURN(step, StepFor(tx, invitation, answers));
    return OkStatus();
  }));
  return step;
}

Result<AnswerStep> SurveyInvitations::Submit(const storage::WriteContext& context,
                                             const std::string& token,
                                             const std::string& question_id,
                                             const json::value& value) {
  AnswerStep step;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Invitation invitation, LoadByToken(tx, token));
    if (invitation.status == "completed") {
      return Error::Conflict("This survey was answered already; the first answer counts.");
    }
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, invitation.survey_id,
                                                                     invitation.survey_version));
    std::optional<std::string> answer_id;
    RAPPORT_ASSIGN_OR_RETURN(json::object answers, LoadAnswers(tx, invitation.id, answer_id));
    const auto& questions = survey.definition.questions;
    auto at = std::find_if(questions.begin(), questions.end(),
                           [&](const Question& q) { return q.id == question_id; });
    if (at == questions.end()) {
      return Error::Invalid("question", "is not a question of this survey");
    }
    if (answers.contains(question_id)) {  // a page sent twice (back button): keep the first
      RAPPORT_ASSIGN_OR_RETURN(step, StepFor(tx, invitation, answers));
      return OkStatus();
    }
    auto expected = NextQuestion(survey.definition, answers);
    if (!expected || questions[*expected].id != question_id) {
      return Error::Invalid("question", "is not the question to answer now");
    }
    RAPPORT_ASSIGN_OR_RETURN(json::value checked, CheckAnswer(*at, value, "answer"));
    answers[question_id] = std::move(checked);
    if (!answer_id) {
      answer_id = NewId("ans");
      RAPPORT_RETURN_IF_ERROR(tx.Exec(
          kInsertAnswer,
          {*answer_id, invitation.id, invitation.survey_id, invitation.survey_version,
           storage::OptionalText(invitation.customer_id), ToJsonString(answers), NowInstant()}));
      RAPPORT_RETURN_IF_ERROR(
          tx.Exec(kInvitationStatus, {"answering", storage::Null(), invitation.id}));
      invitation.status = "answering";
    } else {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kSaveAnswer, {ToJsonString(answers), *answer_id}));
    }
    if (!NextQuestion(survey.definition, answers)) {
      RAPPORT_RETURN_IF_ERROR(Complete(tx, context, invitation, survey, *answer_id, answers));
      invitation.status = "completed";
    }
    RAPPORT_ASSIGN_OR_RETURN(step, StepFor(tx, invitation, answers));
    return OkStatus();
  }));
  return step;
}

}  // namespace rapport::feedback
