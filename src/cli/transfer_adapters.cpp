#include "cli/transfer_adapters.hpp"

#include "commerce/commerce_transfer.hpp"
#include "commerce/customer_value.hpp"
#include "customers/customer_transfer.hpp"
#include "interactions/interaction_transfer.hpp"

namespace rapport::cli {

transfer::AdapterRegistry MakeTransferAdapters() {
  transfer::AdapterRegistry adapters;
  // The order is the order object names are listed in messages.
  // A customer export's last columns: what commerce keeps about each customer.
  adapters.Register(customers::MakeCustomerTransferAdapter(
      {.keys = {"order_count", "total_spent", "last_purchase_at"},
       .load = commerce::LoadCustomerValue}));
  adapters.Register(customers::MakeCompanyTransferAdapter());
  adapters.Register(commerce::MakeProductTransferAdapter());
  adapters.Register(commerce::MakeOrderTransferAdapter());
  adapters.Register(interactions::MakeInteractionTransferAdapter());
  return adapters;
}

}  // namespace rapport::cli
