#include "support/customer_tickets.hpp"

namespace rapport::support {
namespace {

constexpr std::string_view kOpenTickets =
    "(SELECT COUNT(*) FROM tickets ot WHERE ot.customer_id = c.id "
    "AND ot.status IN ('new', 'open', 'pending', 'on_hold'))";
// Response targets missed in the last 30 days (ticket_sla.hpp): the customer's "bad experience"
// record, through the breach index (customer_id, at).
constexpr std::string_view kBreaches30d =
    "(SELECT COUNT(*) FROM ticket_sla_notices bn WHERE bn.customer_id = c.id "
    "AND bn.notice = 'breached' AND bn.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days'))";
constexpr std::string_view kLastTicketAt =
    "(SELECT MAX(lt.created_at) FROM tickets lt WHERE lt.customer_id = c.id)";
// The newest answer to "How did we do?" (ticket_ratings_customer index: one entry read).
constexpr std::string_view kLastRating =
    "(SELECT lr.score FROM ticket_ratings lr WHERE lr.customer_id = c.id "
    "ORDER BY lr.created_at DESC LIMIT 1)";

// A trait about tickets must not tell a caller more than the tickets it could list would: only
// a caller who reads every ticket of the customers it reads sees them.
bool SeesEveryTicket(const access::Access& access) {
  return access.LevelFor(access::Object::kTickets, access::Action::kRead) == access::Level::kAll;
}

}  // namespace

Status RegisterCustomerTraits(customers::CustomerTraits& traits) {
  using customers::TraitType;
  const std::string open(kOpenTickets);
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "open_tickets",
                                           .type = TraitType::kNumber,
                                           .expression = open,
                                           .sort_key = "printf('%010d', " + open + ")",
                                           .visible = SeesEveryTicket}));
  const std::string breaches(kBreaches30d);
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "breaches_30d",
                                           .type = TraitType::kNumber,
                                           .expression = breaches,
                                           .sort_key = "printf('%010d', " + breaches + ")",
                                           .visible = SeesEveryTicket}));
  const std::string last(kLastTicketAt);
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "last_ticket_at",
                                           .type = TraitType::kTime,
                                           .expression = last,
                                           .sort_key = "COALESCE(" + last + ", '')",
                                           .visible = SeesEveryTicket}));
  const std::string rating(kLastRating);
  return traits.Register({.name = "last_rating",
                          .type = TraitType::kText,
                          .expression = rating,
                          .sort_key = "COALESCE(" + rating + ", '')",
                          .visible = SeesEveryTicket});
}

}  // namespace rapport::support
