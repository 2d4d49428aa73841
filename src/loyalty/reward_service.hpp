// RewardService: the rewards catalogue (docs/design/loyalty.md § Rewards) — rewards bought with a
// programme's points (amount off, percent off, a free product, free shipping), with stock and a
// per-customer limit. Redeeming one, in one write transaction: the stock taken (`stock > 0` checked
// in the same UPDATE, so concurrent redemptions never oversell), the points spent on the ledger
// through the existing redeem path (oldest expiry first, Move: timeline, event, audit), and a
// single-use voucher issued to the customer (IssueVoucherInTx). Any failure rolls all three back.
//
// Access: the catalogue is read with `loyalty` read (support shows it on the customer page) and
// changed with `loyalty_programmes` create/edit; a redemption is `loyalty` create with the
// customer readable. Thread-safe; calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

class RewardService {
 public:
  // `clock`: Unix milliseconds.
  RewardService(storage::Database& database, std::function<int64_t()> clock)
      : database_(database), clock_(std::move(clock)) {}
  using Access = access::Access;

  // Every reward, by programme and name. With `customer_id` (readable, else "not found"), each
  // also says whether that customer may buy it now: `available` and `unavailable_reason` (not on
  // offer, out of stock, below its `min_tier`).
  Result<json::array> List(const Access& access,
                           const std::optional<std::string>& customer_id = std::nullopt);
  // {programme, name, points, stock?, per_customer_limit?, valid_days?, active?, min_tier?, value,
  // currency?, min_order?, scope?, combinable?}: the voucher's rules as voucher_rules.hpp reads
  // them; min_tier one of the programme's tiers.
  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  // {name?, points?, stock? (null: unlimited), active?, min_tier? (null: everyone)}; If-Match.
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  // {reward_id}: {reward, voucher, transaction, balance}. Problems at reward_id: not on offer,
  // out of stock, below its min_tier, the customer's limit reached, not enough available points.
  Result<json::object> Redeem(const Access& access, const storage::WriteContext& context,
                              const std::string& customer_id, const json::object& input);

 private:
  storage::Database& database_;
  std::function<int64_t()> clock_;
};

}  // namespace rapport::loyalty
