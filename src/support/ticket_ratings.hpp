// TicketRatings: the customer's answer to "How did we do?" after a ticket was solved
// (docs/api.md § Ratings, table ticket_ratings of migration 0020).
//
// One question, two answers: `good` or `bad`, with an optional comment of up to 2,000
// characters. Two buttons are what a customer answers on a phone in one tap (Zendesk's
// satisfaction survey asks the same), and they read unambiguously in reports; a 1–5 scale would
// make the public page a form and its middle value means nothing. Works once per ticket: a
// second answer is kConflict and the first is kept.
//
// The caller is the public rating page, authorised by a signed token (identity/public_token.hpp)
// naming the ticket, not by an Access. Rate writes the rating, event `ticket.rated` ({ticket,
// rating: {score, has_comment}}; the comment, the customer's words, stays off the outbox like
// message bodies), a timeline entry ("Ticket #1042 rated good: …", inbound) and an audit entry,
// in one transaction. Holds only the Database; thread-safe; blocks on storage. RatingOf reads a
// ticket's rating for staff (on the ticket itself, docs/api.md § Tickets).
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

inline constexpr size_t kMaxRatingCommentLength = 2000;

// What the public page shows: only what the customer already knows (number, subject) and
// whether (and how) they answered already.
struct RatingPage {
  int64_t number = 0;
  std::string subject;
  std::optional<std::string> score;  // set when already rated
};

class TicketRatings {
 public:
  explicit TicketRatings(storage::Database& database) : database_(database) {}

  // kNotFound when the ticket is gone.
  Result<RatingPage> Page(const std::string& ticket_id);
  // kInvalidArgument naming `score` (not good or bad) or `comment` (too long, control
  // characters); kConflict (field score) when the ticket was rated already; kNotFound when the
  // ticket is gone. Nothing is written on any error.
  Status Rate(const storage::WriteContext& context, const std::string& ticket_id,
              const std::string& score, const std::optional<std::string>& comment);

 private:
  storage::Database& database_;
};

// The ticket's rating as staff see it on the ticket, {score, comment (or null), rated_at}, or
// null while it is not rated. Runs in the caller's transaction.
Result<json::value> RatingOf(storage::Tx& tx, const std::string& ticket_id);

}  // namespace rapport::support
