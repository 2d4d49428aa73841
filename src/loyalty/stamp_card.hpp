// A stamp card's settings and its stamping rule (docs/design/loyalty.md § Stamp cards), pure:
// "buy N, get one free". Which lines qualify (products by id, categories; neither: every paid
// line), one stamp per order or one per qualifying unit, N stamps fill a card, and the free
// product its voucher gives. Parsed from the API's JSON with a field for every error; written back
// as served. Plain value types; thread-compatible.
//
// A card's state is arithmetic over what is stored (stamp_store.hpp): the member holds
// `stamps` (what orders gave, less what refunds took) and has filled `filled` cards whose vouchers
// stand, so the open card shows stamps − filled × N; below zero that is stamp debt — a refund
// took a stamp of a card whose voucher was already used — settled by the next stamps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::loyalty {

enum class StampPer { kOrder, kItem };

struct StampCard {
  std::string id;  // a slug, like a programme's
  std::string name;
  int64_t stamps_required = 10;  // N: 2..100
  StampPer per = StampPer::kOrder;
  std::vector<std::string> products;    // qualifying product ids (≤ 200)
  std::vector<std::string> categories;  // qualifying product categories (≤ 200)
  std::string reward_product_id;        // the free product of a full card's voucher
  std::optional<int64_t> valid_days;    // the voucher's life; none: it never expires
  bool active = true;                   // inactive: no new stamps; refunds still take them
};

// {name, stamps_required, per: order|item, products?, categories?, reward_product_id,
// valid_days?, active?}; `id` from the path. Errors name the field.
Result<StampCard> ParseStampCard(const std::string& id, const json::object& input);
json::object StampCardToJson(const StampCard& card);

// One line of an order as the card sees it; `category` looked up by the caller from the product.
struct StampLine {
  std::optional<std::string> product_id;
  std::optional<std::string> category;
  int64_t quantity = 0;
  int64_t total_cents = 0;
};

bool Qualifies(const StampCard& card, const StampLine& line);
// The stamps an order gives: 1 when any line qualifies (per order), else the qualifying units
// (per item), at most kMaxStampsPerOrder.
int64_t StampsFor(const StampCard& card, const std::vector<StampLine>& lines);
inline constexpr int64_t kMaxStampsPerOrder = 1000;

// The stamps an order keeps after refunds, pro rata like its points: floor(stamps × unrefunded
// / total), so a whole refund takes all of them.
int64_t StampsKept(int64_t stamps, int64_t total_cents, int64_t refunded_cents);

// The open card of a member holding `stamps` with `filled` standing cards: stamps on it
// (negative: debt) and how many cards the stamps would fill now.
struct CardState {
  int64_t on_card = 0;
  int64_t to_fill = 0;
};
CardState StateOf(const StampCard& card, int64_t stamps, int64_t filled);

}  // namespace rapport::loyalty
