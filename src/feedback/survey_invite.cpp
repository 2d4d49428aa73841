// SurveyInvitations::Invite and InviteInTx: asking one customer (survey_invitations.hpp). Split
// from answering so each file reads in one sitting.
#include <sodium.h>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "feedback/ask_recipient.hpp"
#include "feedback/invitation_rows.hpp"
#include "feedback/survey_invitations.hpp"
#include "storage/outbox.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;
constexpr size_t kMaxRecordId = 64;

constexpr std::string_view kTicketCustomer = "SELECT customer_id FROM tickets WHERE id = ?";
constexpr std::string_view kOrderCustomer = "SELECT customer_id FROM orders WHERE id = ?";
constexpr std::string_view kInsertInvitation =
    "INSERT INTO survey_invitations (id, survey_id, survey_version, customer_id, token_hash, "
    "language, about_ticket_id, about_order_id, status, expires_at, created_at, delivery, "
    "send_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// `about.ticket_id` / `about.order_id`: must be the customer's own.
Status ReadAbout(Tx& tx, const json::value* about, const std::string& customer_id,
                 InviteOptions& options) {
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
    (ticket ? options.about_ticket_id : options.about_order_id) = id;
  }
  return OkStatus();
}

}  // namespace

Result<json::object> SurveyInvitations::Invite(const access::Access& access,
                                               const storage::WriteContext& context,
                                               const std::string& survey_id,
                                               const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kCreate));
  for (const auto& [key, unused] : input) {
    if (key != "customer_id" && key != "language" && key != "about" && key != "expires_in_days" &&
        key != "delivery") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  const json::value* customer = input.if_contains("customer_id");
  if (customer == nullptr || !customer->is_string() || customer->as_string().empty() ||
      customer->as_string().size() > kMaxRecordId) {
    return Error::Invalid("customer_id", "is required");
  }
  InviteOptions options;
  RAPPORT_RETURN_IF_ERROR(ReadInviteOptions(input, options));
  const std::string customer_id(customer->as_string());
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
    if (survey.status != "active") {
      return Error::Conflict("This survey is archived; make it active to send it.", "status");
    }
    RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, customer_id));
    RAPPORT_RETURN_IF_ERROR(ReadAbout(tx, input.if_contains("about"), customer_id, options));
    RAPPORT_ASSIGN_OR_RETURN(served,
                             InviteInTx(tx, context, survey, customer_id, options, NowMillis()));
    return context.Written(tx, served);
  }));
  return served;
}

Status SurveyInvitations::ReadInviteOptions(const json::object& input,
                                            InviteOptions& options) const {
  if (const json::value* given = input.if_contains("delivery"); given != nullptr) {
    if (!given->is_string() || (given->as_string() != "link" && given->as_string() != "email")) {
      return Error::Invalid("delivery", "must be link or email");
    }
    options.delivery = std::string(given->as_string());
    if (options.delivery == "email" && (!mailer_.queue || !mailer_.token_for)) {
      return Error::Invalid("delivery", "sending by e-mail is not set up on this server");
    }
  }
  if (const json::value* given = input.if_contains("language");
      given != nullptr && !given->is_null()) {
    if (!given->is_string() || !IsSupportedLanguage(given->as_string())) {
      return Error::Invalid("language", "must be en or de");
    }
    options.language = std::string(given->as_string());
  }
  if (const json::value* given = input.if_contains("expires_in_days"); given != nullptr) {
    if (!given->is_int64() || given->as_int64() < 1 || given->as_int64() > kMaxLinkDays) {
      return Error::Invalid("expires_in_days", "must be a whole number from 1 to 365");
    }
    options.days = given->as_int64();
  }
  return OkStatus();
}

Result<json::object> SurveyInvitations::InviteInTx(Tx& tx, const storage::WriteContext& context,
                                                   const SurveyVersion& survey,
                                                   const std::string& customer_id,
                                                   const InviteOptions& options,
                                                   int64_t now_millis) {
  Invitation invitation{.id = NewId("inv"),
                        .survey_id = survey.survey_id,
                        .survey_version = survey.version,
                        .customer_id = customer_id,
                        .about_ticket_id = options.about_ticket_id,
                        .about_order_id = options.about_order_id,
                        .delivery = options.delivery,
                        .send_id = options.send_id};
  invitation.language = options.language.value_or(AskLanguageFor(tx, customer_id));
  invitation.created_at = FormatInstant(now_millis);
  invitation.status = "sent";
  if (survey.purpose == "marketing") {
    RAPPORT_ASSIGN_OR_RETURN(bool consented, HasMarketingEmailConsent(tx, customer_id));
    if (!consented) invitation.status = "no_consent";
  }
  std::optional<std::string> address;
  if (invitation.status == "sent" && options.delivery == "email") {
    RAPPORT_ASSIGN_OR_RETURN(address, MailAddressOf(tx, customer_id));
    if (!address) invitation.status = "no_email";
  }
  // The budget is spent only on an ask that can reach the customer.
  if (invitation.status == "sent") {
    RAPPORT_ASSIGN_OR_RETURN(AskOutcome asked,
                             TryAsk(tx, customer_id, kAskSurvey, budget_, now_millis));
    if (asked == AskOutcome::kThrottled) invitation.status = "throttled";
  }
  std::optional<std::string> token;
  if (invitation.status == "sent") {
    token = address ? mailer_.token_for(invitation.id) : RandomToken(16);
    invitation.expires_at = FormatInstant(now_millis + options.days * kMillisPerDay);
  }
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertInvitation,
              {invitation.id, invitation.survey_id, invitation.survey_version, customer_id,
               token ? storage::Value(HashLinkToken(*token)) : storage::Null(), invitation.language,
               storage::OptionalText(invitation.about_ticket_id),
               storage::OptionalText(invitation.about_order_id), invitation.status,
               storage::OptionalText(invitation.expires_at), invitation.created_at,
               invitation.delivery, storage::OptionalText(invitation.send_id)}));
  if (address && invitation.status == "sent") {
    RAPPORT_RETURN_IF_ERROR(mailer_.queue(tx, invitation.id, customer_id, *address));
  }
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "survey.invited", "customer",
                                               customer_id,
                                               {{"survey_id", invitation.survey_id},
                                                {"invitation_id", invitation.id},
                                                {"status", invitation.status},
                                                {"delivery", invitation.delivery}}));
  json::object served = InvitationJson(invitation);
  // A mailed link is never shown: it is for the customer's inbox only.
  served["link"] =
      token && !address ? json::value(public_base_ + "/s/" + *token) : json::value(nullptr);
  return served;
}

}  // namespace rapport::feedback
