#include "commerce/customer_value.hpp"

#include "common/money.hpp"
#include "common/time.hpp"

namespace rapport::commerce {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kLoad =
    "SELECT order_count, total_spent_cents, first_purchase_at, last_purchase_at, "
    "favourite_category, category_spend FROM customer_value WHERE customer_id = ?";
constexpr std::string_view kUpsert =
    "INSERT INTO customer_value (customer_id, order_count, total_spent_cents, first_purchase_at, "
    "last_purchase_at, favourite_category, category_spend) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (customer_id) DO UPDATE SET order_count = excluded.order_count, "
    "total_spent_cents = excluded.total_spent_cents, first_purchase_at = "
    "excluded.first_purchase_at, last_purchase_at = excluded.last_purchase_at, "
    "favourite_category = excluded.favourite_category, category_spend = excluded.category_spend";
// The currency the value's amounts are in: the customer's orders' one, when they share one.
constexpr std::string_view kCurrencies =
    "SELECT MIN(currency), MAX(currency) FROM orders WHERE customer_id = ? AND status != "
    "'cancelled'";
// After a cancellation the first and last purchase come from the remaining orders: an indexed
// range over this one customer's orders, at write time.
constexpr std::string_view kPurchaseSpan =
    "SELECT MIN(placed_at), MAX(placed_at) FROM orders WHERE customer_id = ? AND status != "
    "'cancelled'";

// A customer_value column for the customer row `c`, as a trait expression.
std::string ValueColumn(std::string_view column) {
  return "(SELECT v." + std::string(column) + " FROM customer_value v WHERE v.customer_id = c.id)";
}

// Keyset cursors carry text, so counts and amounts sort as zero-padded text (never negative:
// refunds stop at the total).
std::string PaddedSortKey(std::string_view width, const std::string& expression) {
  return "printf('%0" + std::string(width) + "d', " + expression + ")";
}

struct Value {
  int64_t order_count = 0;
  int64_t total_spent_cents = 0;
  std::optional<std::string> first_purchase_at;
  std::optional<std::string> last_purchase_at;
  std::map<std::string, int64_t> category_spend;
};

Result<Value> Load(Tx& tx, const std::string& customer_id) {
  Value value;
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLoad, {customer_id}));
  if (rows.empty()) return value;
  value.order_count = rows[0].Int(0);
  value.total_spent_cents = rows[0].Int(1);
  value.first_purchase_at = rows[0].OptText(2);
  value.last_purchase_at = rows[0].OptText(3);
  auto spend = ParseJson(rows[0].Text(5));
  if (spend.ok() && spend->is_object()) {
    for (const auto& [category, cents] : spend->as_object()) {
      if (cents.is_int64()) value.category_spend[std::string(category)] = cents.as_int64();
    }
  }
  return value;
}

Status Store(Tx& tx, const std::string& customer_id, const Value& value) {
  json::object spend;
  std::optional<std::string> favourite;
  int64_t best = 0;
  for (const auto& [category, cents] : value.category_spend) {
    if (cents == 0) continue;
    spend[category] = cents;
    // Ties go to the alphabetically first category, so the answer is stable.
    if (!category.empty() && cents > best) {
      best = cents;
      favourite = category;
    }
  }
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kUpsert, {customer_id, value.order_count, value.total_spent_cents,
                        storage::OptionalText(value.first_purchase_at),
                        storage::OptionalText(value.last_purchase_at),
                        storage::OptionalText(favourite), ToJsonString(spend)}));
  return OkStatus();
}

}  // namespace

Status AddOrder(Tx& tx, const std::string& customer_id, const OrderContribution& order) {
  RAPPORT_ASSIGN_OR_RETURN(Value value, Load(tx, customer_id));
  value.order_count += 1;
  value.total_spent_cents += order.total_cents;
  if (!value.first_purchase_at || order.placed_at < *value.first_purchase_at) {
    value.first_purchase_at = order.placed_at;
  }
  if (!value.last_purchase_at || order.placed_at > *value.last_purchase_at) {
    value.last_purchase_at = order.placed_at;
  }
  for (const auto& [category, cents] : order.category_cents)
    value.category_spend[category] += cents;
  return Store(tx, customer_id, value);
}

Status RemoveOrder(Tx& tx, const std::string& customer_id, const OrderContribution& order,
                   int64_t already_refunded_cents) {
  RAPPORT_ASSIGN_OR_RETURN(Value value, Load(tx, customer_id));
  value.order_count -= 1;
  value.total_spent_cents -= order.total_cents - already_refunded_cents;
  for (const auto& [category, cents] : order.category_cents)
    value.category_spend[category] -= cents;
  RAPPORT_ASSIGN_OR_RETURN(Rows span, tx.Query(kPurchaseSpan, {customer_id}));
  value.first_purchase_at = span.empty() ? std::nullopt : span[0].OptText(0);
  value.last_purchase_at = span.empty() ? std::nullopt : span[0].OptText(1);
  return Store(tx, customer_id, value);
}

Status AddRefund(Tx& tx, const std::string& customer_id, int64_t amount_cents) {
  RAPPORT_ASSIGN_OR_RETURN(Value value, Load(tx, customer_id));
  value.total_spent_cents -= amount_cents;
  return Store(tx, customer_id, value);
}

Result<json::object> LoadCustomerValue(Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLoad, {customer_id}));
  const int64_t count = rows.empty() ? 0 : rows[0].Int(0);
  const int64_t spent = rows.empty() ? 0 : rows[0].Int(1);
  json::value days = nullptr;
  json::value last = nullptr;
  if (!rows.empty() && !rows[0].IsNull(3)) {
    last = rows[0].Text(3);
    if (auto millis = ParseInstant(rows[0].Text(3))) {
      days = std::max<int64_t>(0, (NowMillis() - *millis) / (int64_t{24} * 3600 * 1000));
    }
  }
  // Amounts are summed in minor units whatever the currency (docs/design/commerce.md): a
  // customer who bought in two currencies has no one currency to show them in.
  RAPPORT_ASSIGN_OR_RETURN(Rows currencies, tx.Query(kCurrencies, {customer_id}));
  json::value currency = nullptr;
  if (!currencies.empty() && !currencies[0].IsNull(0) &&
      currencies[0].Text(0) == currencies[0].Text(1)) {
    currency = currencies[0].Text(0);
  }
  return json::object{
      {"order_count", count},
      {"currency", std::move(currency)},
      {"total_spent", FormatCents(spent)},
      {"average_order_value", FormatCents(count > 0 ? spent / count : 0)},
      {"first_purchase_at",
       rows.empty() || rows[0].IsNull(2) ? json::value(nullptr) : json::value(rows[0].Text(2))},
      {"last_purchase_at", last},
      {"days_since_last_purchase", days},
      {"favourite_category",
       rows.empty() || rows[0].IsNull(4) ? json::value(nullptr) : json::value(rows[0].Text(4))},
      {"lifetime_value", FormatCents(spent)}};
}

Status RegisterCustomerTraits(customers::CustomerTraits& traits) {
  using customers::TraitType;
  const std::string order_count = "COALESCE(" + ValueColumn("order_count") + ", 0)";
  const std::string total_spent = "COALESCE(" + ValueColumn("total_spent_cents") + ", 0)";
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "order_count",
                                           .type = TraitType::kNumber,
                                           .expression = order_count,
                                           .sort_key = PaddedSortKey("10", order_count)}));
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "total_spent",
                                           .type = TraitType::kMoney,
                                           .expression = total_spent,
                                           .sort_key = PaddedSortKey("20", total_spent)}));
  for (const char* time : {"first_purchase_at", "last_purchase_at"}) {
    RAPPORT_RETURN_IF_ERROR(
        traits.Register({.name = time,
                         .type = TraitType::kTime,
                         .expression = ValueColumn(time),
                         .sort_key = "COALESCE(" + ValueColumn(time) + ", '')"}));
  }
  return traits.Register({.name = "favourite_category",
                          .type = TraitType::kText,
                          .expression = ValueColumn("favourite_category")});
}

}  // namespace rapport::commerce
