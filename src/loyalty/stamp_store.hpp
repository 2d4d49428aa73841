// Stamp cards as stored (migration 0036, docs/design/loyalty.md § Stamp cards): card definitions,
// the stamps each order gave a customer, and the cards filled. Settle is the one place a member's
// cards move: it fills cards (a voucher issued in the same transaction) while the stamps allow,
// and withdraws unused vouchers of cards a refund emptied. Stateless functions; REQUIRES: inside
// the caller's transaction (Settle and the writers: a write transaction).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "loyalty/stamp_card.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

struct StoredStampCard {
  StampCard card;
  int64_t version = 0;
  std::string created_at;
  std::string updated_at;
};

Result<std::optional<StoredStampCard>> LoadStampCard(storage::Tx& tx, const std::string& id);
// By name.
Result<std::vector<StoredStampCard>> LoadStampCards(storage::Tx& tx);
Result<StoredStampCard> SaveStampCard(storage::Tx& tx, const StampCard& card,
                                      const std::optional<StoredStampCard>& before,
                                      const std::string& now);
json::object StoredStampCardToJson(const StoredStampCard& stored);

// A customer's standing on one card: stamps held (given less taken back), the cards filled whose
// vouchers stand, and every fill (newest first) with its voucher's state.
struct StampFill {
  int64_t fill = 0;
  std::string voucher_id;
  std::string code_hint;
  std::string filled_at;
  std::optional<std::string> revoked_at;
  bool voucher_used = false;
};
struct StampStanding {
  int64_t held = 0;
  int64_t filled = 0;  // fills not revoked
  int64_t orders = 0;  // orders that gave stamps still held
  std::vector<StampFill> fills;
};
Result<StampStanding> ReadStanding(storage::Tx& tx, const std::string& card_id,
                                   const std::string& customer_id);
// The card as the customer page shows it: {card, stamps (on the open card; < 0: debt), required,
// debt, filled, orders, fills: [{fill, voucher_id, code, filled_at, revoked_at, used}]}.
json::object StandingToJson(const StampCard& card, const StampStanding& standing);

// Fills what the stamps allow and withdraws what they no longer cover (unused vouchers, newest
// first; used ones leave stamp debt). `now_millis`: for the voucher's expiry.
Status Settle(storage::Tx& tx, const storage::WriteContext& context, const StampCard& card,
              const std::string& customer_id, int64_t now_millis);

}  // namespace rapport::loyalty
