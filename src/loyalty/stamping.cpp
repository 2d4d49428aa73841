#include "loyalty/stamping.hpp"

#include "commerce/past_orders.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "loyalty/stamp_store.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kInsertStamps =
    "INSERT INTO loyalty_stamps (card_id, order_id, customer_id, stamps, total_cents, "
    "stamped_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kOrderStamps =
    "SELECT card_id, customer_id, stamps, removed, total_cents, refunded_cents, cancelled "
    "FROM loyalty_stamps WHERE order_id = ?";
constexpr std::string_view kRecordRefund =
    "INSERT INTO loyalty_stamp_refunds (card_id, refund_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kUpdateStamps =
    "UPDATE loyalty_stamps SET removed = ?, refunded_cents = ?, cancelled = ? "
    "WHERE card_id = ? AND order_id = ?";

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object* ObjectAt(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

// The order's lines as cards see them; categories (order.placed leaves them out) read from the
// order's own lines, the product's category when it was placed, only when some card asks.
Result<std::vector<StampLine>> LinesOf(Tx& tx, const json::object& order, bool need_categories) {
  std::vector<StampLine> out;
  const json::value* lines = order.if_contains("lines");
  if (lines == nullptr || !lines->is_array()) return out;
  for (const json::value& value : lines->as_array()) {
    StampLine stamp_line;
    if (value.is_object()) {
      const json::object& line = value.as_object();
      if (std::string id = TextAt(line, "product_id"); !id.empty()) stamp_line.product_id = id;
      if (const json::value* q = line.if_contains("quantity"); q && q->is_int64()) {
        stamp_line.quantity = q->as_int64();
      }
      if (const json::value* total = line.if_contains("line_total")) {
        stamp_line.total_cents = CentsFromJson(*total, true).value_or(0);
      }
    }
    out.push_back(std::move(stamp_line));  // kept in place, so the categories below line up
  }
  if (need_categories) {
    RAPPORT_ASSIGN_OR_RETURN(auto categories,
                             commerce::OrderLineCategories(tx, TextAt(order, "id")));
    // A count that differs matches no category rather than the wrong lines.
    if (categories.size() == out.size()) {
      for (size_t i = 0; i < out.size(); ++i) out[i].category = categories[i];
    }
  }
  return out;
}

// The change's timeline entry, event and audit entry, then the card settled.
Status Record(Tx& tx, const storage::WriteContext& context, const StampCard& card,
              const std::string& customer_id, const std::string& order_id, int64_t change,
              std::string_view why, int64_t now_millis) {
  const std::string now = FormatInstant(now_millis);
  RAPPORT_ASSIGN_OR_RETURN(StampStanding before, ReadStanding(tx, card.id, customer_id));
  RAPPORT_RETURN_IF_ERROR(Settle(tx, context, card, customer_id, now_millis));
  RAPPORT_ASSIGN_OR_RETURN(StampStanding after, ReadStanding(tx, card.id, customer_id));
  const CardState state = StateOf(card, after.held, after.filled);
  json::object record{{"card_id", card.id},      {"card_name", card.name},
                      {"order_id", order_id},    {"change", change},
                      {"stamps", state.on_card}, {"required", card.stamps_required},
                      {"filled", after.filled},  {"cards_filled", after.filled - before.filled}};
  const std::string count = std::to_string(change > 0 ? change : -change);
  std::string subject =
      "Stamp card " + card.name + ": " + (change > 0 ? "+" : "−") + count +
      (change == 1 || change == -1 ? " stamp" : " stamps") + " (" + std::string(why) + "); " +
      (state.on_card < 0
           ? "owes " + std::to_string(-state.on_card)
           : std::to_string(state.on_card) + " of " + std::to_string(card.stamps_required));
  if (after.filled > before.filled) subject += "; card full, voucher issued";
  json::object entry{{"channel", "other"},
                     {"direction", "internal"},
                     {"kind", "loyalty"},
                     {"subject", subject},
                     {"occurred_at", now},
                     {"metadata", json::object{{"order_id", order_id}, {"card_id", card.id}}}};
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, customer_id, entry);
  if (!logged.ok()) return std::move(logged).error();
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "loyalty.stamps_changed", "customer",
                                               customer_id, json::object{{"stamps", record}}));
  return storage::AppendAudit(tx, context, change > 0 ? "create" : "update", "loyalty_stamps",
                              card.id + ":" + order_id, {}, record);
}

Status StampOrder(Tx& tx, const storage::WriteContext& context,
                  const std::vector<StoredStampCard>& cards, const storage::Event& event,
                  int64_t now_millis) {
  const json::object* order = ObjectAt(event.payload, "order");
  if (order == nullptr) return OkStatus();
  const std::string order_id = TextAt(*order, "id");
  const std::string& customer_id = event.aggregate_id;
  if (order_id.empty() || customer_id.empty()) return OkStatus();
  // Erased before delivery: there is no one to stamp, and a failing round would retry forever.
  auto owner = customers::ReadableCustomerOwner(tx, access::Access::Unrestricted(), customer_id);
  if (!owner.ok()) {
    return owner.error().code == ErrorCode::kNotFound ? OkStatus()
                                                      : Status(std::move(owner).error());
  }
  const bool need_categories = std::any_of(
      cards.begin(), cards.end(), [](const auto& s) { return !s.card.categories.empty(); });
  RAPPORT_ASSIGN_OR_RETURN(std::vector<StampLine> lines, LinesOf(tx, *order, need_categories));
  const json::value* total = order->if_contains("total");
  const int64_t total_cents = total != nullptr ? CentsFromJson(*total).value_or(0) : 0;
  for (const StoredStampCard& stored : cards) {
    const StampCard& card = stored.card;
    if (!card.active) continue;
    const int64_t stamps = StampsFor(card, lines);
    if (stamps <= 0) continue;
    RAPPORT_ASSIGN_OR_RETURN(int64_t inserted,
                             tx.Exec(kInsertStamps, {card.id, order_id, customer_id, stamps,
                                                     total_cents, FormatInstant(now_millis)}));
    if (inserted == 0) continue;  // a replayed event: this order stamped this card already
    RAPPORT_RETURN_IF_ERROR(
        Record(tx, context, card, customer_id, order_id, stamps, "order", now_millis));
  }
  return OkStatus();
}

// Takes back the stamps the order no longer keeps: pro rata to a refund, or all when cancelled.
Status Unstamp(Tx& tx, const storage::WriteContext& context,
               const std::vector<StoredStampCard>& cards, const std::string& order_id,
               const std::optional<std::pair<std::string, int64_t>>& refund, int64_t now_millis) {
  if (order_id.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kOrderStamps, {order_id}));
  for (const auto& row : rows) {
    const std::string card_id = row.Text(0);
    auto found = std::find_if(cards.begin(), cards.end(),
                              [&](const auto& s) { return s.card.id == card_id; });
    if (found == cards.end() || row.Int(6) != 0) continue;  // gone, or cancelled already
    const std::string customer_id = row.Text(1);
    const int64_t stamps = row.Int(2);
    const int64_t removed = row.Int(3);
    int64_t refunded = row.Int(5);
    int64_t keep = 0;
    if (refund) {
      RAPPORT_ASSIGN_OR_RETURN(int64_t fresh, tx.Exec(kRecordRefund, {card_id, refund->first}));
      if (fresh == 0) continue;  // this refund was applied already
      refunded = std::min(row.Int(4), refunded + refund->second);
      keep = StampsKept(stamps, row.Int(4), refunded);
    }
    const int64_t take = std::max<int64_t>(stamps - keep - removed, 0);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kUpdateStamps, {removed + take, refunded, int64_t{refund ? 0 : 1}, card_id, order_id}));
    if (take == 0) continue;
    RAPPORT_RETURN_IF_ERROR(Record(tx, context, found->card, customer_id, order_id, -take,
                                   refund ? "refund" : "order cancelled", now_millis));
  }
  return OkStatus();
}

}  // namespace

Status ApplyStampEvent(Tx& tx, const storage::WriteContext& context, const storage::Event& event,
                       int64_t now_millis) {
  if (event.type != "order.placed" && event.type != "order.refunded" &&
      event.type != "order.updated" && event.type != "order.deleted") {
    return OkStatus();
  }
  RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredStampCard> cards, LoadStampCards(tx));
  if (cards.empty()) return OkStatus();
  if (event.type == "order.placed") return StampOrder(tx, context, cards, event, now_millis);
  if (event.type == "order.refunded") {
    const json::object* refund = ObjectAt(event.payload, "refund");
    if (refund == nullptr) return OkStatus();
    const json::value* amount = refund->if_contains("amount");
    auto cents = amount != nullptr ? CentsFromJson(*amount) : std::nullopt;
    if (!cents) return OkStatus();
    return Unstamp(tx, context, cards, TextAt(*refund, "order_id"),
                   std::pair(TextAt(*refund, "id"), *cents), now_millis);
  }
  if (event.type == "order.updated") {
    const json::object* order = ObjectAt(event.payload, "order");
    if (order == nullptr || TextAt(*order, "status") != "cancelled") return OkStatus();
    return Unstamp(tx, context, cards, TextAt(*order, "id"), std::nullopt, now_millis);
  }
  return Unstamp(tx, context, cards, TextAt(event.payload, "order_id"), std::nullopt, now_millis);
}

}  // namespace rapport::loyalty
