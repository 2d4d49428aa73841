#include "support/customer_tickets.hpp"

namespace rapport::support {
namespace {

constexpr std::string_view kOpenTickets =
    "(SELECT COUNT(*) FROM tickets ot WHERE ot.customer_id = c.id "
    "AND ot.status IN ('new', 'open', 'pending', 'on_hold'))";
constexpr std::string_view kLastTicketAt =
    "(SELECT MAX(lt.created_at) FROM tickets lt WHERE lt.customer_id = c.id)";
// The newest answer to "How did we do?" (ticket_ratings_customer index: one entry read).
constexpr std::string_view kLastRating =
    "(SELECT lr.score FROM ticket_ratings lr WHERE lr.customer_id = c.id "
    "ORDER BY lr.created_at DESC LIMIT 1)";

// A trait about tickets must not tell a caller more than the tickets it could list would.
bool SeesEveryTimeline(const access::Access& access) {
  return access.LevelFor(access::Object::kInteractions, access::Action::kRead) >=
         access.LevelFor(access::Object::kCustomers, access::Action::kRead);
}

}  // namespace

Status RegisterCustomerTraits(customers::CustomerTraits& traits) {
  using customers::TraitType;
  const std::string open(kOpenTickets);
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "open_tickets",
                                           .type = TraitType::kNumber,
                                           .expression = open,
                                           .sort_key = "printf('%010d', " + open + ")",
                                           .visible = SeesEveryTimeline}));
  const std::string last(kLastTicketAt);
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "last_ticket_at",
                                           .type = TraitType::kTime,
                                           .expression = last,
                                           .sort_key = "COALESCE(" + last + ", '')",
                                           .visible = SeesEveryTimeline}));
  const std::string rating(kLastRating);
  return traits.Register({.name = "last_rating",
                          .type = TraitType::kText,
                          .expression = rating,
                          .sort_key = "COALESCE(" + rating + ", '')",
                          .visible = SeesEveryTimeline});
}

}  // namespace rapport::support
