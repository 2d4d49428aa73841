#include "cli/transfer_adapters.hpp"

#include <stdexcept>

#include "analytics/customer_metrics.hpp"
#include "analytics/health_tracker.hpp"
#include "commerce/commerce_transfer.hpp"
#include "commerce/customer_value.hpp"
#include "customers/customer_transfer.hpp"
#include "feedback/answer_transfer.hpp"
#include "feedback/review_transfer.hpp"
#include "interactions/interaction_transfer.hpp"
#include "loyalty/loyalty_traits.hpp"
#include "loyalty/loyalty_transfer.hpp"
#include "support/customer_tickets.hpp"
#include "support/ticket_transfer.hpp"

namespace rapport::cli {

const customers::CustomerTraits& CustomerTraitsOfAllAreas() {
  static const customers::CustomerTraits kTraits = [] {
    customers::CustomerTraits traits;
    for (Status status :
         {commerce::RegisterCustomerTraits(traits), analytics::RegisterCustomerTraits(traits),
          analytics::RegisterHealthTraits(traits), support::RegisterCustomerTraits(traits),
          loyalty::RegisterCustomerTraits(traits)}) {
      if (!status.ok()) throw std::logic_error("customer traits: " + status.error().message);
    }
    return traits;
  }();
  return kTraits;
}

transfer::AdapterRegistry MakeTransferAdapters() {
  transfer::AdapterRegistry adapters;
  // The order is the order object names are listed in messages.
  adapters.Register(customers::MakeCustomerTransferAdapter(CustomerTraitsOfAllAreas()));
  adapters.Register(customers::MakeCompanyTransferAdapter());
  adapters.Register(commerce::MakeProductTransferAdapter());
  adapters.Register(commerce::MakeOrderTransferAdapter());
  adapters.Register(interactions::MakeInteractionTransferAdapter());
  adapters.Register(support::MakeTicketTransferAdapter());
  adapters.Register(feedback::MakeSurveyAnswerTransferAdapter());  // export only
  adapters.Register(feedback::MakeReviewTransferAdapter());        // import only
  // Loyalty: opening balances and vouchers from another tool (import only).
  adapters.Register(loyalty::MakeLoyaltyBalanceTransferAdapter());
  adapters.Register(loyalty::MakeLoyaltyVoucherTransferAdapter());
  return adapters;
}

}  // namespace rapport::cli
