#include "analytics/customer_metrics.hpp"

namespace rapport::analytics {
namespace {

// The EXISTS guard skips customers deleted after the event: their metrics went with them, and a
// foreign-key failure here would stall the subscriber forever.
constexpr std::string_view kUpsertChannel =
    "INSERT INTO customer_channel_stats (customer_id, channel, interaction_count, last_at) "
    "SELECT ?1, ?2, 1, ?3 WHERE EXISTS (SELECT 1 FROM customers WHERE id = ?1) "
    "ON CONFLICT (customer_id, channel) DO UPDATE SET "
    "interaction_count = interaction_count + 1, last_at = max(last_at, excluded.last_at)";
constexpr std::string_view kUpsertTotals =
    "INSERT INTO customer_metrics (customer_id, interaction_count, last_contact_at) "
    "SELECT ?1, 1, ?2 WHERE EXISTS (SELECT 1 FROM customers WHERE id = ?1) "
    "ON CONFLICT (customer_id) DO UPDATE SET interaction_count = interaction_count + 1, "
    "last_contact_at = max(COALESCE(last_contact_at, ''), excluded.last_contact_at)";

}  // namespace

Status CustomerMetrics::Apply(storage::Tx& tx, const storage::Event& event) {
  if (event.type != "interaction.logged") return OkStatus();
  const json::value* interaction = event.payload.if_contains("interaction");
  if (interaction == nullptr || !interaction->is_object()) return OkStatus();
  const json::object& entry = interaction->as_object();
  const json::value* channel = entry.if_contains("channel");
  const json::value* occurred_at = entry.if_contains("occurred_at");
  if (channel == nullptr || !channel->is_string() || occurred_at == nullptr ||
      !occurred_at->is_string()) {
    return OkStatus();  // not ours to repair; skipping keeps the stream moving
  }
  const std::string at(occurred_at->as_string());
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kUpsertChannel, {event.aggregate_id, std::string(channel->as_string()), at}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpsertTotals, {event.aggregate_id, at}));
  return OkStatus();
}

}  // namespace rapport::analytics
