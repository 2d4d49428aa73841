#include "analytics/customer_metrics.hpp"

#include <optional>
#include <string>

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

// A deleted entry: the counts step down (the entry was counted by its `interaction.logged`,
// which came first), and the latest contact is read again from the entries left — a MAX over
// this one customer's entries (interactions_timeline leads with the customer). Why not
// recount everything: the table may already hold entries whose `interaction.logged` this
// subscriber has not applied yet, and counting them now would count them twice. The latest time
// has no such problem, since applying it again changes nothing. COALESCE keeps the old time when
// nothing is left to read while the count is not yet zero (a replay from an older position).
// Bad experiences (health's entries) are facts, not contacts: never counted, never the latest.
constexpr std::string_view kStepDownChannel =
    "UPDATE customer_channel_stats SET interaction_count = interaction_count - 1, "
    "last_at = COALESCE((SELECT MAX(occurred_at) FROM interactions "
    "WHERE customer_id = ?1 AND channel = ?2 AND kind <> 'bad_experience'), last_at) "
    "WHERE customer_id = ?1 AND channel = ?2";
constexpr std::string_view kDropEmptyChannel =
    "DELETE FROM customer_channel_stats WHERE customer_id = ? AND channel = ? "
    "AND interaction_count <= 0";
constexpr std::string_view kStepDownTotals =
    "UPDATE customer_metrics SET interaction_count = MAX(interaction_count - 1, 0), "
    "last_contact_at = CASE WHEN interaction_count <= 1 THEN NULL ELSE "
    "COALESCE((SELECT MAX(occurred_at) FROM interactions WHERE customer_id = ?1 "
    "AND kind <> 'bad_experience'), "
    "last_contact_at) END WHERE customer_id = ?1";

// A customer_metrics column for the customer row `c`, as a trait expression.
std::string MetricsColumn(std::string_view column) {
  return "(SELECT m." + std::string(column) +
         " FROM customer_metrics m WHERE m.customer_id = c.id)";
}

bool SeesEveryTimeline(const access::Access& access) {
  return access.LevelFor(access::Object::kInteractions, access::Action::kRead) >=
         access.LevelFor(access::Object::kCustomers, access::Action::kRead);
}

// The entry's channel and time from an interaction.* payload; nullopt when they are missing.
struct Entry {
  std::string channel;
  std::string occurred_at;
};

std::optional<Entry> EntryOf(const storage::Event& event) {
  const json::value* interaction = event.payload.if_contains("interaction");
  if (interaction == nullptr || !interaction->is_object()) return std::nullopt;
  const json::object& entry = interaction->as_object();
  const json::value* channel = entry.if_contains("channel");
  const json::value* occurred_at = entry.if_contains("occurred_at");
  if (channel == nullptr || !channel->is_string() || occurred_at == nullptr ||
      !occurred_at->is_string()) {
    return std::nullopt;
  }
  return Entry{std::string(channel->as_string()), std::string(occurred_at->as_string())};
}

}  // namespace

bool CustomerMetrics::Wants(std::string_view type) const {
  return type == "interaction.logged" || type == "interaction.deleted";
}

Status CustomerMetrics::Apply(storage::Tx& tx, const storage::Event& event) {
  const bool logged = event.type == "interaction.logged";
  if (!Wants(event.type)) return OkStatus();
  std::optional<Entry> entry = EntryOf(event);
  if (!entry) return OkStatus();  // not ours to repair; skipping keeps the stream moving
  // A bad experience's entry (health's) records a fact about the customer, not a contact with
  // them: it is on the timeline but never counted, logged or deleted alike.
  if (const json::value* kind = event.payload.at("interaction").as_object().if_contains("kind");
      kind != nullptr && kind->is_string() && kind->as_string() == "bad_experience") {
    return OkStatus();
  }
  const std::string& customer_id = event.aggregate_id;
  if (logged) {
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kUpsertChannel, {customer_id, entry->channel, entry->occurred_at}));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpsertTotals, {customer_id, entry->occurred_at}));
    return OkStatus();
  }
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kStepDownChannel, {customer_id, entry->channel}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDropEmptyChannel, {customer_id, entry->channel}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kStepDownTotals, {customer_id}));
  return OkStatus();
}

Status RegisterCustomerTraits(customers::CustomerTraits& traits) {
  using customers::TraitType;
  const std::string count = "COALESCE(" + MetricsColumn("interaction_count") + ", 0)";
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "interaction_count",
                                           .type = TraitType::kNumber,
                                           .expression = count,
                                           .sort_key = "printf('%010d', " + count + ")",
                                           .visible = SeesEveryTimeline}));
  return traits.Register({.name = "last_contact_at",
                          .type = TraitType::kTime,
                          .expression = MetricsColumn("last_contact_at"),
                          .sort_key = "COALESCE(" + MetricsColumn("last_contact_at") + ", '')",
                          .visible = SeesEveryTimeline});
}

}  // namespace rapport::analytics
