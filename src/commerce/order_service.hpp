// OrderService: a customer's orders — placed with their lines, totals computed here from the
// lines (never taken from the client), moved through paid/fulfilled, cancelled, and refunded in
// full or in part (refunds are their own records). Every change updates the customer's value and
// puts an entry on their timeline in the same transaction, with its event and audit entry.
//
// Record access: an order belongs to its customer. Reading needs the customer to be readable
// (else "not found"); placing, changing and refunding need the caller's customers edit level to
// reach the customer's owner. Thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::commerce {

class OrderService {
 public:
  explicit OrderService(storage::Database& database) : database_(database) {}
  using Access = access::Access;

  // {external_id?, placed_at?, status?, currency, channel, notes?, lines: [...]}; each line gives
  // product_id or sku (or a description), quantity, and unit_price or line_total, plus discount.
  Result<json::object> Place(const Access& access, const storage::WriteContext& context,
                             const std::string& customer_id, const json::object& input);
  Result<json::object> Get(const Access& access, const std::string& id);
  // Newest first.
  Result<Page> ListForCustomer(const Access& access, const std::string& customer_id, int limit,
                               const std::optional<std::string>& cursor);
  // {status: paid | fulfilled | cancelled, notes?}; If-Match via `if_version`.
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  // Removes the order as DeleteOrderInTx does, for correcting mistakes (a duplicate, a test
  // order); cancelling is the normal way to void one. Needs the customers delete level on the
  // customer's owner; If-Match via `if_version`.
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);
  // {amount, reason?}: at most what is left to refund.
  Result<json::object> Refund(const Access& access, const storage::WriteContext& context,
                              const std::string& order_id, const json::object& input);

 private:
  storage::Database& database_;
};

// The same placement inside an open transaction, for bulk paths (import). REQUIRES: inside
// Database::Write.
Result<json::object> PlaceInTx(storage::Tx& tx, const access::Access& access,
                               const storage::WriteContext& context, const std::string& customer_id,
                               const json::object& input);

// Removes an order as if it had never been placed — its lines, refunds and timeline entries
// (through the interactions area, each with its `interaction.deleted`), and its share of the
// customer's value — then appends `order.deleted` and the audit entry. For reverting an import.
// No record-access check: the caller decided the order may go. REQUIRES: inside Database::Write.
Status DeleteOrderInTx(storage::Tx& tx, const storage::WriteContext& context,
                       const std::string& id);

}  // namespace rapport::commerce
