// StampCardService: stamp cards through the API (docs/design/loyalty.md § Stamp cards) — the card
// definitions (settings: listed with `loyalty` read so support sees them, created or replaced
// with `loyalty_programmes` create/edit, audited as `loyalty_stamp_card`, If-Match honoured) and a
// customer's cards (`loyalty` read with the customer readable, else "not found"). Stamps
// themselves come only from orders (stamping.hpp). Thread-safe; calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

class StampCardService {
 public:
  // `clock`: Unix milliseconds.
  StampCardService(storage::Database& database, std::function<int64_t()> clock)
      : database_(database), clock_(std::move(clock)) {}
  using Access = access::Access;

  // Every card definition, by name.
  Result<json::array> List(const Access& access);
  // Creates (created = true) or replaces the card `id`; settings as stamp_card.hpp reads them.
  Result<json::object> Put(const Access& access, const storage::WriteContext& context,
                           const std::string& id, const json::object& input,
                           std::optional<int64_t> if_version, bool& created);
  // The customer's standing on every card that is active or that they hold stamps or cards on.
  Result<json::array> ForCustomer(const Access& access, const std::string& customer_id);

 private:
  storage::Database& database_;
  std::function<int64_t()> clock_;
};

}  // namespace rapport::loyalty
