#include "feedback/survey_invitations.hpp"

#include <sodium.h>

#include <algorithm>

#include "common/ids.hpp"
#include "common/sentiment.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "feedback/survey_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/outbox.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;
constexpr size_t kMaxRecordId = 64;

constexpr std::string_view kCustomerLanguage = "SELECT language FROM customers WHERE id = ?";
// The current consent of the one channel survey mail uses.
constexpr std::string_view kMarketingEmailConsent =
    "SELECT status FROM consent_records WHERE customer_id = ? AND channel = 'email' AND "
    "purpose = 'marketing' ORDER BY recorded_at DESC, seq DESC LIMIT 1";
constexpr std::string_view kTicketCustomer = "SELECT customer_id FROM tickets WHERE id = ?";
constexpr std::string_view kOrderCustomer = "SELECT customer_id FROM orders WHERE id = ?";
constexpr std::string_view kInsertInvitation =
    "INSERT INTO survey_invitations (id, survey_id, survey_version, customer_id, token_hash, "
    "language, about_ticket_id, about_order_id, status, expires_at, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
#define RAPPORT_INVITATION_COLUMNS                                                          \
  "id, survey_id, survey_version, customer_id, language, about_ticket_id, about_order_id, " \
  "status, expires_at, created_at, completed_at"
constexpr std::string_view kSelectByHash =
    "SELECT " RAPPORT_INVITATION_COLUMNS " FROM survey_invitations WHERE token_hash = ?";
constexpr std::string_view kSelectBySurvey =
    "SELECT " RAPPORT_INVITATION_COLUMNS
    " FROM survey_invitations WHERE survey_id = ? ORDER BY created_at DESC, seq DESC LIMIT 500";
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

struct Invitation {
  std::string id;
  std::string survey_id;
  int64_t survey_version = 0;
  std::optional<std::string> customer_id;
  std::string language;
  std::optional<std::string> about_ticket_id;
  std::optional<std::string> about_order_id;
  std::string status;
  std::optional<std::string> expires_at;
  std::string created_at;
  std::optional<std::string> completed_at;
};

Invitation FromRow(const storage::Row& row) {
  return Invitation{.id = row.Text(0),
                    .survey_id = row.Text(1),
                    .survey_version = row.Int(2),
                    .customer_id = row.OptText(3),
                    .language = row.Text(4),
                    .about_ticket_id = row.OptText(5),
                    .about_order_id = row.OptText(6),
                    .status = row.Text(7),
                    .expires_at = row.OptText(8),
                    .created_at = row.Text(9),
                    .completed_at = row.OptText(10)};
}

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object About(const Invitation& invitation) {
  json::object about;
  if (invitation.about_ticket_id) about["ticket_id"] = *invitation.about_ticket_id;
  if (invitation.about_order_id) about["order_id"] = *invitation.about_order_id;
  return about;
}

json::object ToJson(const Invitation& invitation) {
  return json::object{{"id", invitation.id},
                      {"survey_id", invitation.survey_id},
                      {"survey_version", invitation.survey_version},
                      {"customer_id", Opt(invitation.customer_id)},
                      {"language", invitation.language},
                      {"status", invitation.status},
                      {"about", About(invitation)},
                      {"expires_at", Opt(invitation.expires_at)},
                      {"created_at", invitation.created_at},
                      {"completed_at", Opt(invitation.completed_at)}};
}

Error NoLink() {
  return Error::NotFound("This survey link is not valid. Please use the link from your e-mail.");
}

// The invitation a token names, refused when forged or expired.
Result<Invitation> LoadByToken(Tx& tx, const std::string& token) {
  if (!IsTokenShape(token)) return NoLink();
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectByHash, {HashLinkToken(token)}));
  if (rows.empty()) return NoLink();
  Invitation invitation = FromRow(rows.front());
  if (invitation.status == "completed") return invitation;
  if (invitation.status != "sent" && invitation.status != "answering") return NoLink();
  if (invitation.expires_at && *invitation.expires_at <= NowInstant()) {
    return Error::Conflict("This survey link has expired.");
  }
  return invitation;
}

// The language of a customer's pages: theirs when we have it ("de", "de-AT"), else English.
std::string LanguageFor(Tx& tx, const std::string& customer_id) {
  auto rows = tx.Query(kCustomerLanguage, {customer_id});
  if (rows.ok() && !rows->empty()) {
    const std::string language = ToLowerAscii(rows->front().Text(0)).substr(0, 2);
    if (IsSupportedLanguage(language)) return language;
  }
  return "en";
}

// `about.ticket_id` / `about.order_id`: must be the customer's own.
Status ReadAbout(Tx& tx, const json::value* about, const std::string& customer_id,
                 Invitation& invitation) {
  if (about == nullptr || about->is_null()) return OkStatus();
  if (!about->is_object())
    return Error::Invalid("about", "must be an object {ticket_id, order_id}");
  for (const auto& [key, value] : about->as_object()) {
    const std::string field = "about." + std::string(key);
    const bool ticket = key == "ticket_id";
    if (!ticket && key != "order_id") return Error::Invalid(field, "is not a known field");
    if (!value.is_string() || value.as_string().empty() ||
        value.as_string().size() > kMaxRecordId) {
      return Error::Invalid(field, "must be an id");
    }
    const std::string id(value.as_string());
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(ticket ? kTicketCustomer : kOrderCustomer, {id}));
    if (rows.empty() || rows.front().Text(0) != customer_id) {
      return Error::Invalid(field, ticket ? "must be a ticket of this customer"
                                          : "must be an order of this customer");
    }
    (ticket ? invitation.about_ticket_id : invitation.about_order_id) = id;
  }
  return OkStatus();
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
  if (!invitation.customer_id) return OkStatus();
  const json::object data{{"survey_id", invitation.survey_id},
                          {"survey_version", invitation.survey_version},
                          {"kind", survey.definition.kind},
                          {"score", score},
                          {"comment", comment},
                          {"sentiment", sentiment},
                          {"invitation_id", invitation.id},
                          {"answered_at", now},
                          {"about", About(invitation)}};
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "survey.answered", "customer",
                                               *invitation.customer_id, data));
  std::string subject = "Answered the survey " + survey.name;
  if (score.is_int64()) subject += ": " + std::to_string(score.as_int64());
  json::object entry{{"channel", "web"},
                     {"direction", "inbound"},
                     {"kind", "survey_answer"},
                     {"subject", subject},
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

Result<json::object> SurveyInvitations::Invite(const access::Access& access,
                                               const storage::WriteContext& context,
                                               const std::string& survey_id,
                                               const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kCreate));
  for (const auto& [key, unused] : input) {
    if (key != "customer_id" && key != "language" && key != "about" && key != "expires_in_days") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  const json::value* customer = input.if_contains("customer_id");
  if (customer == nullptr || !customer->is_string() || customer->as_string().empty() ||
      customer->as_string().size() > kMaxRecordId) {
    return Error::Invalid("customer_id", "is required");
  }
  std::optional<std::string> language;
  if (const json::value* given = input.if_contains("language"); given != nullptr) {
    if (!given->is_string() || !IsSupportedLanguage(given->as_string())) {
      return Error::Invalid("language", "must be en or de");
    }
    language = std::string(given->as_string());
  }
  int64_t days = kDefaultLinkDays;
  if (const json::value* given = input.if_contains("expires_in_days"); given != nullptr) {
    if (!given->is_int64() || given->as_int64() < 1 || given->as_int64() > kMaxLinkDays) {
      return Error::Invalid("expires_in_days", "must be a whole number from 1 to 365");
    }
    days = given->as_int64();
  }
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
    if (survey.status != "active") {
      return Error::Conflict("This survey is archived; make it active to send it.", "status");
    }
    Invitation invitation{.id = NewId("inv"),
                          .survey_id = survey.survey_id,
                          .survey_version = survey.version,
                          .customer_id = std::string(customer->as_string())};
    RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, *invitation.customer_id));
    RAPPORT_RETURN_IF_ERROR(
        ReadAbout(tx, input.if_contains("about"), *invitation.customer_id, invitation));
    invitation.language = language.value_or(LanguageFor(tx, *invitation.customer_id));
    const int64_t now = NowMillis();
    invitation.created_at = FormatInstant(now);
    invitation.status = "sent";
    if (survey.purpose == "marketing") {
      RAPPORT_ASSIGN_OR_RETURN(Rows consent,
                               tx.Query(kMarketingEmailConsent, {*invitation.customer_id}));
      if (consent.empty() || consent.front().Text(0) != "granted") invitation.status = "no_consent";
    }
    if (invitation.status == "sent") {
      RAPPORT_ASSIGN_OR_RETURN(AskOutcome asked,
                               TryAsk(tx, *invitation.customer_id, kAskSurvey, budget_, now));
      if (asked == AskOutcome::kThrottled) invitation.status = "throttled";
    }
    std::optional<std::string> token;
    if (invitation.status == "sent") {
      token = RandomToken(16);
      invitation.expires_at = FormatInstant(now + days * kMillisPerDay);
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertInvitation,
        {invitation.id, invitation.survey_id, invitation.survey_version, *invitation.customer_id,
         token ? storage::Value(HashLinkToken(*token)) : storage::Null(), invitation.language,
         storage::OptionalText(invitation.about_ticket_id),
         storage::OptionalText(invitation.about_order_id), invitation.status,
         storage::OptionalText(invitation.expires_at), invitation.created_at}));
    served = ToJson(invitation);
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "survey.invited", "customer",
                                                 *invitation.customer_id,
                                                 {{"survey_id", invitation.survey_id},
                                                  {"invitation_id", invitation.id},
                                                  {"status", invitation.status}}));
    json::object response = served;
    response["link"] = token ? json::value(public_base_ + "/s/" + *token) : json::value(nullptr);
    RAPPORT_RETURN_IF_ERROR(context.Written(tx, response));
    served = std::move(response);
    return OkStatus();
  }));
  return served;
}

Result<json::array> SurveyInvitations::List(const access::Access& access,
                                            const std::string& survey_id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(LoadSurveyVersion(tx, survey_id));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectBySurvey, {survey_id}));
    for (const auto& row : rows) {
      Invitation invitation = FromRow(row);
      // Invitations name customers: only those the caller may read.
      if (invitation.customer_id &&
          !customers::ReadableCustomerOwner(tx, access, *invitation.customer_id).ok()) {
        continue;
      }
      out.push_back(ToJson(invitation));
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
