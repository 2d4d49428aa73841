#include "commerce/customer_scope.hpp"

#include "customers/customer_service.hpp"

namespace rapport::commerce {

Result<std::optional<std::string>> AuthoriseForCustomer(storage::Tx& tx,
                                                        const access::Access& access,
                                                        const std::string& customer_id, bool edit,
                                                        std::string_view what) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> owner,
                           customers::ReadableCustomerOwner(tx, access, customer_id));
  if (edit && !access.Allows(access::Object::kCustomers, access::Action::kEdit, owner)) {
    return Error::PermissionDenied("Your role does not allow you to change this customer's " +
                                   std::string(what) + ".");
  }
  return owner;
}

}  // namespace rapport::commerce
