// PaymentService: payments recorded against a customer (and optionally an order), and the
// customer's saved payment methods — processor tokens with display details (brand, last four
// digits, expiry), a billing address and one default. Card numbers and security codes never get
// here (the card guard refuses them at the edge, and a method holds only a processor's token).
//
// Record access: both follow the customer (readable, else "not found"; changes need the
// customers edit level to reach the owner). Saved payment methods are also the sensitive field
// `payment_methods`: a role that hides it gets 403 on them, one that makes it read-only cannot
// change them. Every change is audited and on the timeline. Thread-safe; calls block.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::commerce {

class PaymentService {
 public:
  explicit PaymentService(storage::Database& database) : database_(database) {}
  using Access = access::Access;

  // {amount, currency, method, status, processor_reference?, occurred_at?, order_id?}. A captured
  // payment of a placed order marks the order paid.
  Result<json::object> Record(const Access& access, const storage::WriteContext& context,
                              const std::string& customer_id, const json::object& input);
  Result<json::array> Payments(const Access& access, const std::string& customer_id);

  Result<json::array> Methods(const Access& access, const std::string& customer_id);
  // {type, processor_token, brand?, last4?, exp_month?, exp_year?, billing_address?, is_default?}
  Result<json::object> AddMethod(const Access& access, const storage::WriteContext& context,
                                 const std::string& customer_id, const json::object& input);
  // Replace details when life changes: a new token, expiry, billing address, or the default.
  Result<json::object> UpdateMethod(const Access& access, const storage::WriteContext& context,
                                    const std::string& customer_id, const std::string& id,
                                    const json::object& patch, std::optional<int64_t> if_version);
  Status RemoveMethod(const Access& access, const storage::WriteContext& context,
                      const std::string& customer_id, const std::string& id);

 private:
  storage::Database& database_;
};

}  // namespace rapport::commerce
