#include "feedback/review_auto_requests.hpp"

#include "common/time.hpp"
#include "feedback/review_settings.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;
// An event this old has passed its moment (an import or a replay of history): no ask follows.
constexpr int64_t kStaleMillis = kMillisPerDay;

constexpr std::string_view kOrderState = "SELECT status, customer_id FROM orders WHERE id = ?";
constexpr std::string_view kOrderAsked = "SELECT 1 FROM review_requests WHERE order_id = ? LIMIT 1";
// The order's first product line the customer has not reviewed (in any status: a rejected
// review was still their say).
constexpr std::string_view kFirstUnreviewed =
    "SELECT l.product_id FROM order_lines l WHERE l.order_id = ? AND l.product_id IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.customer_id = ? AND "
    "r.product_id = l.product_id) ORDER BY l.position LIMIT 1";

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

}  // namespace

bool ReviewAutoRequests::Wants(std::string_view type) const {
  return type == "order.updated" || type == "order.placed";
}

Status ReviewAutoRequests::Apply(Tx& tx, const storage::Event& event) {
  if (!Wants(event.type)) return OkStatus();
  const json::value* order = event.payload.if_contains("order");
  if (order == nullptr || !order->is_object()) return OkStatus();
  // order.updated carries the fields that changed: a status there is a move to it.
  if (TextAt(order->as_object(), "status") != "fulfilled") return OkStatus();
  const std::string order_id = TextAt(order->as_object(), "id");
  if (order_id.empty() || event.aggregate_id.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(ReviewSettings settings, LoadReviewSettings(tx));
  if (!settings.auto_request_days) return OkStatus();
  const int64_t due =
      ParseInstant(event.occurred_at).value_or(0) + *settings.auto_request_days * kMillisPerDay;
  if (due < clock_() - kStaleMillis) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(auto pending, storage::FindJob(tx, kAutoRequestJobKind, order_id));
  if (pending) return OkStatus();  // fulfilled again (a replay): the first moment stands
  RAPPORT_ASSIGN_OR_RETURN(Rows asked, tx.Query(kOrderAsked, {order_id}));
  if (!asked.empty()) return OkStatus();
  return storage::ScheduleJob(
      tx, kAutoRequestJobKind, order_id, due,
      json::object{{"order_id", order_id}, {"customer_id", event.aggregate_id}});
}

storage::Scheduler::Handler AutoRequestJobHandler(ReviewRequests& requests,
                                                  std::function<int64_t()> clock) {
  return [&requests, clock = std::move(clock)](Tx& tx, const storage::ScheduledJob& job) -> Status {
    const std::string order_id = TextAt(job.payload, "order_id");
    const std::string customer_id = TextAt(job.payload, "customer_id");
    // Staff may have turned the setting off since.
    RAPPORT_ASSIGN_OR_RETURN(ReviewSettings settings, LoadReviewSettings(tx));
    if (!settings.auto_request_days) return OkStatus();
    RAPPORT_ASSIGN_OR_RETURN(Rows order, tx.Query(kOrderState, {order_id}));
    if (order.empty() || order.front().Text(0) != "fulfilled" ||
        order.front().Text(1) != customer_id) {
      return OkStatus();  // cancelled, refunded in full, deleted or moved since
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows asked, tx.Query(kOrderAsked, {order_id}));
    if (!asked.empty()) return OkStatus();  // staff asked about it meanwhile
    RAPPORT_ASSIGN_OR_RETURN(Rows product, tx.Query(kFirstUnreviewed, {order_id, customer_id}));
    if (product.empty()) return OkStatus();  // everything on it reviewed already
    ReviewRequestOptions options{.customer_id = customer_id,
                                 .order_id = order_id,
                                 .product_id = product.front().Text(0),
                                 .delivery = "email",
                                 .days = settings.expires_in_days,
                                 .made_by = "order_fulfilled"};
    const storage::WriteContext context{.actor = "system:review.request", .via = "system"};
    auto made = requests.RequestInTx(tx, context, options, clock());
    if (!made.ok()) return made.error();
    return OkStatus();
  };
}

}  // namespace rapport::feedback
