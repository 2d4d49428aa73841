// TierService: a programme's tier settings through the API (docs/design/loyalty.md § Tiers) —
// read with `loyalty` read, replaced whole with `loyalty_programmes` edit (audited as
// `loyalty_tiers`). Members' tiers move through tiers.hpp; the customer card reads them with the
// member (LoyaltyService::GetMember). Thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

class TierService {
 public:
  explicit TierService(storage::Database& database) : database_(database) {}
  using Access = access::Access;

  // The settings, or {basis: points_earned, window: rolling 12, grace_days: 30, tiers: []}.
  Result<json::object> Get(const Access& access, const std::string& programme_id);
  Result<json::object> Put(const Access& access, const storage::WriteContext& context,
                           const std::string& programme_id, const json::object& input);

 private:
  storage::Database& database_;
};

}  // namespace rapport::loyalty
