#include "support/ticket_ratings.hpp"

#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"
#include "support/ticket_changes.hpp"

namespace rapport::support {
namespace {

using storage::Tx;

constexpr std::string_view kScore = "SELECT score FROM ticket_ratings WHERE ticket_id = ?";
constexpr std::string_view kRating =
    "SELECT score, comment, created_at FROM ticket_ratings WHERE ticket_id = ?";
constexpr std::string_view kInsert =
    "INSERT INTO ticket_ratings (ticket_id, customer_id, score, comment, created_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING";

Result<std::optional<std::string>> StoredScore(Tx& tx, const std::string& ticket_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kScore, {ticket_id}));
  if (rows.empty()) return std::optional<std::string>();
  return rows.front().OptText(0);
}

Error NoTicket() { return Error::NotFound("This ticket no longer exists."); }

}  // namespace

Result<json::value> RatingOf(Tx& tx, const std::string& ticket_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kRating, {ticket_id}));
  if (rows.empty()) return json::value(nullptr);
  const std::optional<std::string> comment = rows.front().OptText(1);
  return json::value(
      json::object{{"score", rows.front().Text(0)},
                   {"comment", comment ? json::value(*comment) : json::value(nullptr)},
                   {"rated_at", rows.front().Text(2)}});
}

Result<RatingPage> TicketRatings::Page(const std::string& ticket_id) {
  RatingPage page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, ticket_id));
    if (!ticket) return NoTicket();
    page.number = ticket->number;
    page.subject = ticket->subject;
    RAPPORT_ASSIGN_OR_RETURN(page.score, StoredScore(tx, ticket_id));
    return OkStatus();
  }));
  return page;
}

Status TicketRatings::Rate(const storage::WriteContext& context, const std::string& ticket_id,
                           const std::string& score, const std::optional<std::string>& comment) {
  if (score != "good" && score != "bad") return Error::Invalid("score", "must be good or bad");
  std::optional<std::string> cleaned_comment;
  if (comment) {
    CleanedText cleaned = CleanText(*comment, kMaxRatingCommentLength, TextKind::kMultiLine);
    if (!cleaned.problem.empty()) return Error::Invalid("comment", cleaned.problem);
    if (!cleaned.text.empty()) cleaned_comment = std::move(cleaned.text);
  }
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, ticket_id));
    if (!ticket) return NoTicket();
    const std::string now = NowInstant();
    RAPPORT_ASSIGN_OR_RETURN(int64_t inserted,
                             tx.Exec(kInsert, {ticket->id, ticket->customer_id, score,
                                               storage::OptionalText(cleaned_comment), now}));
    if (inserted == 0) {
      return Error::Conflict("This ticket has already been rated; the first answer counts.",
                             "score");
    }
    const json::object rating{{"score", score}, {"has_comment", cleaned_comment.has_value()}};
    RAPPORT_RETURN_IF_ERROR(
        Announce(tx, context, "ticket.rated", *ticket, json::object{{"rating", rating}}));
    RAPPORT_RETURN_IF_ERROR(
        OnTimeline(tx, context, *ticket, "ticket_rated", "inbound", "rated " + score));
    json::object audited{{"ticket_id", ticket->id}, {"score", score}, {"created_at", now}};
    if (cleaned_comment) audited["comment"] = *cleaned_comment;
    return storage::AppendAudit(tx, context, "create", "ticket_rating", ticket->id, {}, audited);
  });
}

}  // namespace rapport::support
