// Commerce records (orders, refunds, payments, payment methods) belong to their customer, so
// they take its record access: this is that one rule for the commerce area. Stateless;
// REQUIRES: called inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "storage/database.hpp"

namespace rapport::commerce {

// The customer's owner when `access` may read the customer (kNotFound otherwise, as for a
// missing one). With `edit`, also kPermissionDenied unless the caller's customers edit level
// reaches that owner; `what` names the records in the message ("orders", "payments").
Result<std::optional<std::string>> AuthoriseForCustomer(storage::Tx& tx,
                                                        const access::Access& access,
                                                        const std::string& customer_id, bool edit,
                                                        std::string_view what);

}  // namespace rapport::commerce
