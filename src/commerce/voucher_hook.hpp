// The seam between placing an order and the vouchers that discount it (docs/design/loyalty.md
// § Redemption in the order). Commerce owns the order; the loyalty area owns vouchers and plugs a
// VoucherRedeemer in at start-up, so commerce never links loyalty (ARCHITECTURE.md § Dependency
// direction). PlaceInTx hands the redeemer the order as drafted from its lines and the codes the
// caller gave; the redeemer checks them, counts one use of each in the order's transaction and
// returns the discount lines to add. Any error rolls the whole order back: nothing is written.
//
// The registration is process-wide: set once before requests are served (or in a test's set-up),
// read afterwards from any thread. Without a redeemer, `voucher_codes` is refused.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::commerce {

// One line of the order being placed, as priced from its input.
struct DraftOrderLine {
  std::optional<std::string> product_id;
  std::optional<std::string> category;
  int64_t quantity = 1;
  int64_t unit_price_cents = 0;
  int64_t line_total_cents = 0;  // after the line's own discount
};

struct DraftOrder {
  std::string id;  // the id the order will have (no row exists yet)
  std::string customer_id;
  std::string currency;
  std::string placed_at;
  std::vector<DraftOrderLine> lines;
  int64_t total_cents = 0;  // the lines' totals, before any voucher
};

// A discount line the order gains: quantity 1, no price, `discount_cents` off (0 for free
// shipping, which orders do not price).
struct VoucherDiscount {
  std::string description;
  int64_t discount_cents = 0;
};

class VoucherRedeemer {
 public:
  virtual ~VoucherRedeemer() = default;
  // `codes` as the caller sent them (already checked to be 1..kMaxVoucherCodes strings). Errors
  // name `voucher_codes[i]`. REQUIRES: inside Database::Write, before the order is inserted.
  virtual Result<std::vector<VoucherDiscount>> Redeem(storage::Tx& tx,
                                                      const storage::WriteContext& context,
                                                      const DraftOrder& order,
                                                      const std::vector<std::string>& codes) = 0;
};

inline constexpr size_t kMaxVoucherCodes = 5;

// nullptr unregisters. Not synchronised with concurrent Place calls: register before serving.
void SetVoucherRedeemer(VoucherRedeemer* redeemer);
VoucherRedeemer* CurrentVoucherRedeemer();

}  // namespace rapport::commerce
