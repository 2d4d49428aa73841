#include "support/report_sections.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

// The report's tickets; the scope's condition and parameters follow each statement's own.
constexpr std::string_view kScopeFrom =
    " FROM tickets t JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN queues q ON q.id = t.queue_id WHERE ";

// Tickets opened in the range with a policy, and which of them have a breach at all.
constexpr std::string_view kSlaTickets =
    "SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM ticket_sla_notices n "
    "WHERE n.ticket_id = t.id AND n.notice = 'breached')), 0)";
constexpr std::string_view kSlaTicketsWhere =
    " AND t.sla IS NOT NULL AND t.created_at >= ? AND t.created_at < ?";
// Breaches recorded in the range, per target.
constexpr std::string_view kSlaBreaches =
    "SELECT n.target, COUNT(*) FROM ticket_sla_notices n JOIN tickets t ON t.id = n.ticket_id "
    "JOIN customers c ON c.id = t.customer_id LEFT JOIN queues q ON q.id = t.queue_id "
    "WHERE n.notice = 'breached' AND n.at >= ? AND n.at < ? AND ";
constexpr std::string_view kSlaBreachesGroup = " GROUP BY n.target";

constexpr std::string_view kRatings =
    "SELECT COUNT(*), COALESCE(SUM(r.score = 'good'), 0), "
    "COALESCE(SUM(r.comment IS NOT NULL AND r.comment <> ''), 0) FROM ticket_ratings r "
    "JOIN tickets t ON t.id = r.ticket_id JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN queues q ON q.id = t.queue_id "
    "WHERE r.created_at >= ? AND r.created_at < ? AND ";
// Requests sent or on their way, and those the contact budget held back (state throttled): a
// held-back request was never asked, so it is no part of the response rate's denominator.
constexpr std::string_view kRatingRequests =
    "SELECT COALESCE(SUM(m.state <> 'throttled'), 0), COALESCE(SUM(m.state = 'throttled'), 0) "
    "FROM mail_outbox m JOIN tickets t ON t.id = m.ticket_id "
    "JOIN customers c ON c.id = t.customer_id LEFT JOIN queues q ON q.id = t.queue_id "
    "WHERE m.kind = 'rating_request' AND m.created_at >= ? AND m.created_at < ? AND ";

// Chat ratings given in the range, and conversations ended in it (each is asked for a rating
// when it ends, as a solved ticket's customer is mailed).
constexpr std::string_view kChatFrom =
    " FROM chat_conversations ch LEFT JOIN customers c ON c.id = ch.customer_id "
    "LEFT JOIN queues q ON q.id = ch.queue_id ";
constexpr std::string_view kChatRatings =
    "SELECT COUNT(*), COALESCE(SUM(ch.rating = 'good'), 0), "
    "COALESCE(SUM(ch.rating_comment IS NOT NULL), 0)";
constexpr std::string_view kChatRatingsWhere = "WHERE ch.rated_at >= ? AND ch.rated_at < ? AND ";
constexpr std::string_view kChatEnded = "SELECT COUNT(*)";
constexpr std::string_view kChatEndedWhere = "WHERE ch.ended_at >= ? AND ch.ended_at < ? AND ";

// The range's instants, then the scope's own parameters.
std::vector<storage::Value> RangeThenScope(const ReportScope& scope) {
  std::vector<storage::Value> params{scope.start, scope.end};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  return params;
}

json::value Share(int64_t part, int64_t whole) {
  return whole == 0 ? json::value(nullptr)
                    : json::value(static_cast<double>(part) / static_cast<double>(whole));
}

Result<json::value> SlaAttainment(Tx& tx, const ReportScope& scope) {
  std::vector<storage::Value> params = scope.params;
  params.emplace_back(scope.start);
  params.emplace_back(scope.end);
  RAPPORT_ASSIGN_OR_RETURN(
      Rows tickets, tx.Query(std::string(kSlaTickets) + std::string(kScopeFrom) + scope.condition +
                                 std::string(kSlaTicketsWhere),
                             params));
  const int64_t total = tickets.at(0).Int(0);
  const int64_t breached = tickets.at(0).Int(1);
  json::object per_target{{"first_response", 0}, {"next_response", 0}, {"resolution", 0}};
  RAPPORT_ASSIGN_OR_RETURN(Rows breaches, tx.Query(std::string(kSlaBreaches) + scope.condition +
                                                       std::string(kSlaBreachesGroup),
                                                   RangeThenScope(scope)));
  for (const auto& row : breaches) per_target[row.Text(0)] = row.Int(1);
  return json::value(json::object{{"tickets", total},
                                  {"breached", breached},
                                  {"attainment", Share(total - breached, total)},
                                  {"breaches", std::move(per_target)}});
}

std::vector<storage::Value> RangeThenChatScope(const ReportScope& scope) {
  std::vector<storage::Value> params{scope.start, scope.end};
  params.insert(params.end(), scope.chat_params.begin(), scope.chat_params.end());
  return params;
}

// One channel's (or both channels') figures.
struct Ratings {
  int64_t ratings = 0;
  int64_t good = 0;
  int64_t comments = 0;
  int64_t requests = 0;

  json::object ToJson() const {
    return json::object{{"ratings", ratings},
                        {"good", good},
                        {"bad", ratings - good},
                        {"score", Share(good, ratings)},
                        {"comments", comments},
                        {"requests", requests},
                        {"response_rate", Share(ratings, requests)}};
  }
};

Result<json::value> Satisfaction(Tx& tx, const ReportScope& scope) {
  RAPPORT_ASSIGN_OR_RETURN(
      Rows ratings, tx.Query(std::string(kRatings) + scope.condition, RangeThenScope(scope)));
  RAPPORT_ASSIGN_OR_RETURN(Rows requests, tx.Query(std::string(kRatingRequests) + scope.condition,
                                                   RangeThenScope(scope)));
  const Ratings tickets{.ratings = ratings.at(0).Int(0),
                        .good = ratings.at(0).Int(1),
                        .comments = ratings.at(0).Int(2),
                        .requests = requests.at(0).Int(0)};
  Ratings chats;
  if (!scope.chat_condition.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rated,
                             tx.Query(std::string(kChatRatings) + std::string(kChatFrom) +
                                          std::string(kChatRatingsWhere) + scope.chat_condition,
                                      RangeThenChatScope(scope)));
    RAPPORT_ASSIGN_OR_RETURN(Rows ended,
                             tx.Query(std::string(kChatEnded) + std::string(kChatFrom) +
                                          std::string(kChatEndedWhere) + scope.chat_condition,
                                      RangeThenChatScope(scope)));
    chats = Ratings{.ratings = rated.at(0).Int(0),
                    .good = rated.at(0).Int(1),
                    .comments = rated.at(0).Int(2),
                    .requests = ended.at(0).Int(0)};
  }
  const Ratings both{.ratings = tickets.ratings + chats.ratings,
                     .good = tickets.good + chats.good,
                     .comments = tickets.comments + chats.comments,
                     .requests = tickets.requests + chats.requests};
  json::object out = both.ToJson();
  json::object ticket_entry = tickets.ToJson();
  ticket_entry["channel"] = "ticket";
  ticket_entry["held_back"] = requests.at(0).Int(1);
  json::object chat_entry = chats.ToJson();
  chat_entry["channel"] = "chat";
  out["by_channel"] = json::array{std::move(ticket_entry), std::move(chat_entry)};
  return json::value(std::move(out));
}

}  // namespace

ReportSection SlaAttainmentSection() { return {.name = "sla", .compute = SlaAttainment}; }

ReportSection SatisfactionSection() { return {.name = "satisfaction", .compute = Satisfaction}; }

}  // namespace rapport::support
