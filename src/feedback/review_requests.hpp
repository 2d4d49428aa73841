// ReviewRequests: asking a customer for a review (after an order is fulfilled, or any time) and
// the customer writing it on the public page (docs/design/reviews.md § Collecting).
//
// The same machinery as survey invitations (survey_invitations.hpp): one review_requests row per
// ask, always — `sent` with a short link /r/<22 characters> of which only the SHA-256 is kept
// (HashLinkToken), or `throttled` without one when the customer's one contact budget
// (contact_budget.hpp, kind review_request) is used up: recorded, never silently dropped. A link
// expires (default 30 days) and takes one review: Submit writes it (source `invited`, pending
// until staff publish it) through CreateReviewInTx and marks the request completed in the same
// transaction; a forged, expired or used link changes nothing. Appends `review.requested`
// (aggregate the customer). Holds a reference to the Database; thread-safe; calls block.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "feedback/contact_budget.hpp"
#include "feedback/review.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

// What the public page shows for a request.
struct ReviewRequestPage {
  std::string language;  // en | de
  std::string about;     // the product's name, or "" for the business
  bool completed = false;
};

class ReviewRequests {
 public:
  ReviewRequests(storage::Database& database, std::string public_base,
                 ContactBudgetPolicy budget = {})
      : database_(database), public_base_(std::move(public_base)), budget_(std::move(budget)) {}

  // {customer_id, order_id?, product_id?, language?, expires_in_days?}: the request {id,
  // customer_id, order_id, product_id, language, status, expires_at, created_at, link (only when
  // sent; shown once)}. Needs reviews create and the customer readable; the order must be the
  // customer's, the product on it when both are given.
  Result<json::object> Send(const access::Access& access, const storage::WriteContext& context,
                            const json::object& input);

  // kNotFound for a token naming no sent request; kConflict for an expired one.
  Result<ReviewRequestPage> Current(const std::string& token);
  // Writes the request's review; kConflict once it has one; nothing written on any error.
  Result<ReviewRequestPage> Submit(const storage::WriteContext& context, const std::string& token,
                                   const ReviewWords& words);

 private:
  storage::Database& database_;
  const std::string public_base_;
  const ContactBudgetPolicy budget_;
};

}  // namespace rapport::feedback
