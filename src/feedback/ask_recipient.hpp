// What every ask that goes to a customer by e-mail reads about them first — a survey invitation
// (survey_invite.cpp), a review request (review_requests.cpp): their granted marketing consent
// for e-mail, the address a mail goes to, and the language of the page and the mail. One place,
// so the two kinds of ask can never disagree on who may be mailed. Free functions over the
// caller's transaction; thread-safe as it is.
#pragma once

#include <optional>
#include <string>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::feedback {

// Whether the customer's current consent for channel email, purpose marketing, is granted.
Result<bool> HasMarketingEmailConsent(storage::Tx& tx, const std::string& customer_id);
// Where a mail to the customer goes: the primary address, else the first; nullopt: none.
Result<std::optional<std::string>> MailAddressOf(storage::Tx& tx, const std::string& customer_id);
// The language of a customer's pages and mail: theirs when supported ("de", "de-AT"), else "en".
std::string AskLanguageFor(storage::Tx& tx, const std::string& customer_id);

}  // namespace rapport::feedback
