// The contact budget: one limit per customer on how often the business asks them for anything —
// a survey, a ticket rating, a review request, later loyalty and campaign mail — instead of one
// limit per survey (docs/design/surveys.md § Contact budget). Every area that asks calls TryAsk
// inside the transaction that records its ask, so two asks committed together cannot both slip
// under the limit (the single writer serialises them).
//
// Exempt kinds (by default the transactional ticket rating) are recorded but neither counted nor
// refused. The policy is a plain value the composition root configures. Free functions over the
// caller's transaction; thread-safe as the transaction is.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::feedback {

// The kinds of ask other areas pass; a free lower-case word is accepted for later ones.
inline constexpr std::string_view kAskSurvey = "survey";
inline constexpr std::string_view kAskTicketRating = "ticket_rating";
inline constexpr std::string_view kAskReviewRequest = "review_request";

struct ContactBudgetPolicy {
  int64_t max_asks = 1;   // at most this many counted asks …
  int64_t per_days = 14;  // … in any window of this many days
  std::set<std::string, std::less<>> exempt{std::string(kAskTicketRating)};
};

enum class AskOutcome { kAllowed, kThrottled };

// Records an ask of `kind` of `customer_id` at `now_millis` and answers kAllowed, or answers
// kThrottled and records nothing when the customer's counted asks in the window are used up.
// kInvalidArgument (field kind) for a kind that is not a lower-case word.
Result<AskOutcome> TryAsk(storage::Tx& tx, const std::string& customer_id, std::string_view kind,
                          const ContactBudgetPolicy& policy, int64_t now_millis);
// The same with the default policy, now.
Result<AskOutcome> TryAsk(storage::Tx& tx, const std::string& customer_id, std::string_view kind);

// When the customer may next be asked (RFC 3339), or "" when now.
Result<std::string> NextAskAllowedAt(storage::Tx& tx, const std::string& customer_id,
                                     const ContactBudgetPolicy& policy, int64_t now_millis);

}  // namespace rapport::feedback
