#include "feedback/ask_recipient.hpp"

#include "common/text.hpp"
#include "feedback/survey_definition.hpp"

namespace rapport::feedback {
namespace {

constexpr std::string_view kCustomerLanguage = "SELECT language FROM customers WHERE id = ?";
// The current consent of the one channel asks by mail use.
constexpr std::string_view kMarketingEmailConsent =
    "SELECT status FROM consent_records WHERE customer_id = ? AND channel = 'email' AND "
    "purpose = 'marketing' ORDER BY recorded_at DESC, seq DESC LIMIT 1";
constexpr std::string_view kCustomerEmail =
    "SELECT address FROM customer_emails WHERE customer_id = ? "
    "ORDER BY is_primary DESC, position LIMIT 1";

}  // namespace

Result<bool> HasMarketingEmailConsent(storage::Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows consent, tx.Query(kMarketingEmailConsent, {customer_id}));
  return !consent.empty() && consent.front().Text(0) == "granted";
}

Result<std::optional<std::string>> MailAddressOf(storage::Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows emails, tx.Query(kCustomerEmail, {customer_id}));
  if (emails.empty()) return std::optional<std::string>();
  return std::optional<std::string>(emails.front().Text(0));
}

std::string AskLanguageFor(storage::Tx& tx, const std::string& customer_id) {
  auto rows = tx.Query(kCustomerLanguage, {customer_id});
  if (rows.ok() && !rows->empty() && !rows->front().IsNull(0)) {
    const std::string language = ToLowerAscii(rows->front().Text(0)).substr(0, 2);
    if (IsSupportedLanguage(language)) return language;
  }
  return "en";
}

}  // namespace rapport::feedback
