// ReviewRequests: asking a customer for a review (after an order is fulfilled, or any time) and
// the customer writing it on the public page (docs/design/reviews.md § Collecting).
//
// The same machinery as survey invitations (survey_invitations.hpp): one review_requests row per
// ask, always — `sent` with a short link /r/<22 characters> of which only the SHA-256 is kept
// (HashLinkToken), or, without one, `throttled` when the customer's one contact budget
// (contact_budget.hpp, kind review_request) is used up, `no_consent` (by e-mail without granted
// email/marketing consent: a request for a review is advertising) or `no_email` (no address):
// recorded, never silently dropped. By e-mail, the link is derived from the request's id with
// the server's key (InvitationMailer::token_for) and the mail "review:<id>" queued in the same
// transaction through the composition root's InvitationMailer; the words are review_mail.hpp's. A
// link expires (default 30 days) and takes one review: Submit writes it (source `invited`, pending
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
#include "feedback/survey_invitations.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

// What the public page shows for a request.
// One request, as staff or the automatic request after fulfilment make it.
struct ReviewRequestOptions {
  std::string customer_id;
  std::optional<std::string> order_id;    // REQUIRES: the customer's (callers check)
  std::optional<std::string> product_id;  // REQUIRES: on the order, when both are given
  std::optional<std::string> language;    // en | de; default: the customer's
  std::string delivery = "link";          // link | email
  int64_t days = kDefaultLinkDays;
  std::optional<std::string> made_by;  // "order_fulfilled": the automatic request; null: staff
};

// The mail queue's dedupe key of a mailed request: "review:<id>".
inline std::string ReviewRequestMailKey(const std::string& request_id) {
  return "review:" + request_id;
}

struct ReviewRequestPage {
  std::string language;  // en | de
  std::string about;     // the product's name, or "" for the business
  bool completed = false;
};

class ReviewRequests {
 public:
  // Without `mailer` only link delivery is possible.
  ReviewRequests(storage::Database& database, std::string public_base,
                 ContactBudgetPolicy budget = {}, InvitationMailer mailer = {})
      : database_(database),
        public_base_(std::move(public_base)),
        budget_(std::move(budget)),
        mailer_(std::move(mailer)) {}

  // {customer_id, order_id?, product_id?, language?, delivery?: link|email, expires_in_days?}:
  // the request {id, customer_id, order_id, product_id, language, delivery, status, made_by,
  // expires_at, created_at, link (link delivery only, when sent; shown once)}. Needs reviews
  // create and the customer readable; the order must be the customer's, the product on it when
  // both are given.
  Result<json::object> Send(const access::Access& access, const storage::WriteContext& context,
                            const json::object& input);
  // One request in the caller's transaction, always recorded (sent | no_consent | no_email |
  // throttled), with `review.requested`. REQUIRES: the options were checked (Send does; the
  // automatic request reads them from the order). kInvalidArgument (delivery) for e-mail
  // without a mailer.
  Result<json::object> RequestInTx(storage::Tx& tx, const storage::WriteContext& context,
                                   const ReviewRequestOptions& options, int64_t now_millis);

  // kNotFound for a token naming no sent request; kConflict for an expired one.
  Result<ReviewRequestPage> Current(const std::string& token);
  // Writes the request's review; kConflict once it has one; nothing written on any error.
  Result<ReviewRequestPage> Submit(const storage::WriteContext& context, const std::string& token,
                                   const ReviewWords& words);

 private:
  storage::Database& database_;
  const std::string public_base_;
  const ContactBudgetPolicy budget_;
  const InvitationMailer mailer_;
};

}  // namespace rapport::feedback
