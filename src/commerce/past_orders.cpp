#include "commerce/past_orders.hpp"

#include <map>

namespace rapport::commerce {
namespace {

constexpr std::string_view kPage =
    "SELECT seq, id, customer_id, placed_at, status, currency, total_cents, refunded_cents "
    "FROM orders WHERE seq > ? AND placed_at >= ? ORDER BY seq LIMIT ?";
constexpr std::string_view kLines =
    "SELECT l.order_id, l.product_id, l.sku, l.line_total_cents, l.category FROM orders o "
    "JOIN order_lines l ON l.order_id = o.id "
    "WHERE o.seq BETWEEN ? AND ? AND o.placed_at >= ? ORDER BY l.order_id, l.position";
constexpr std::string_view kRefunds =
    "SELECT r.order_id, r.id, r.amount_cents FROM orders o JOIN refunds r ON r.order_id = o.id "
    "WHERE o.seq BETWEEN ? AND ? AND o.placed_at >= ? AND o.refunded_cents > 0 ORDER BY r.seq";
constexpr std::string_view kLineCategories =
    "SELECT category FROM order_lines WHERE order_id = ? ORDER BY position";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM orders WHERE placed_at >= ?";

}  // namespace

Result<std::vector<PastOrder>> PastOrdersPage(storage::Tx& tx, int64_t after_seq,
                                              const std::optional<std::string>& since, int limit) {
  const std::string from = since.value_or("");
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kPage, {after_seq, from, int64_t{limit}}));
  std::vector<PastOrder> orders;
  std::map<std::string, size_t> index;
  bool refunded = false;
  for (const auto& row : rows) {
    index[row.Text(1)] = orders.size();
    refunded = refunded || row.Int(7) > 0;
    orders.push_back(PastOrder{.seq = row.Int(0),
                               .id = row.Text(1),
                               .customer_id = row.Text(2),
                               .placed_at = row.Text(3),
                               .status = row.Text(4),
                               .currency = row.Text(5),
                               .total_cents = row.Int(6),
                               .refunded_cents = row.Int(7)});
  }
  if (orders.empty()) return orders;
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows lines,
                           tx.Query(kLines, {orders.front().seq, orders.back().seq, from}));
  for (const auto& row : lines) {
    auto it = index.find(row.Text(0));
    if (it == index.end()) continue;
    orders[it->second].lines.push_back(PastOrderLine{.product_id = row.OptText(1),
                                                     .sku = row.OptText(2),
                                                     .category = row.OptText(4),
                                                     .total_cents = row.Int(3)});
  }
  if (!refunded) return orders;
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows refunds,
                           tx.Query(kRefunds, {orders.front().seq, orders.back().seq, from}));
  for (const auto& row : refunds) {
    auto it = index.find(row.Text(0));
    if (it == index.end()) continue;
    orders[it->second].refunds.push_back(PastRefund{.id = row.Text(1), .cents = row.Int(2)});
  }
  return orders;
}

Result<std::vector<std::optional<std::string>>> OrderLineCategories(storage::Tx& tx,
                                                                    const std::string& order_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kLineCategories, {order_id}));
  std::vector<std::optional<std::string>> categories;
  categories.reserve(rows.size());
  for (const auto& row : rows) categories.push_back(row.OptText(0));
  return categories;
}

Result<int64_t> CountPastOrders(storage::Tx& tx, const std::optional<std::string>& since) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kCount, {since.value_or("")}));
  return rows[0].Int(0);
}

Result<int64_t> SpentBetween(storage::Tx& tx, const std::string& customer_id,
                             const std::string& currency, const std::string& from,
                             const std::string& to) {
  static constexpr std::string_view kSpent =
      "SELECT COALESCE(SUM(total_cents - refunded_cents), 0) FROM orders WHERE customer_id = ? "
      "AND currency = ? AND status <> 'cancelled' AND placed_at >= ? AND placed_at < ?";
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kSpent, {customer_id, currency, from, to}));
  return rows[0].Int(0);
}

}  // namespace rapport::commerce
