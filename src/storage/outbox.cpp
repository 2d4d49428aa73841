#include "storage/outbox.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "storage/packed_json.hpp"

namespace rapport::storage {
namespace {

// The payload is stored packed (migration 0046); `payload` keeps the text of events written
// before, so a reader takes whichever of the two is set.
constexpr std::string_view kInsertEvent =
    "INSERT INTO events (id, type, aggregate_type, aggregate_id, occurred_at, actor, request_id, "
    "payload, payload_z) VALUES (?, ?, ?, ?, ?, ?, ?, '', event_pack(?))";

constexpr std::string_view kSelectEventsAfter =
    "SELECT seq, id, type, aggregate_type, aggregate_id, occurred_at, actor, request_id, payload, "
    "payload_z FROM events WHERE seq > ? ORDER BY seq LIMIT ?";

// The payload's JSON text: unpacked, or as written before packing. An empty object for a value
// that does not unpack or parse, as for any damaged payload: one bad row must not stop every
// subscriber behind it (`rapport check` reports it).
json::object PayloadOf(const Row& row) {
  const bool packed = !row.IsNull(9);
  std::string unpacked;
  if (packed) {
    Result<std::string> text = UnpackJson(row.View(9));
    if (!text.ok()) return {};
    unpacked = std::move(text).value();
  }
  auto payload = ParseJson(packed ? std::string_view(unpacked) : row.View(8));
  return payload.ok() && payload->is_object() ? std::move(payload->as_object()) : json::object();
}

}  // namespace

Status AppendEvent(Tx& tx, const WriteContext& context, std::string_view type,
                   std::string_view aggregate_type, std::string_view aggregate_id,
                   const json::object& payload) {
  return tx.Exec(kInsertEvent, {NewId("evt"), std::string(type), std::string(aggregate_type),
                                std::string(aggregate_id), NowInstant(), context.actor,
                                context.request_id, ToJsonString(payload)})
                 .ok()
             ? OkStatus()
             : Status(Error::Internal("could not append event"));
}

Result<std::vector<Event>> ReadEvents(Tx& tx, int64_t after, int64_t limit) {
  return ReadEvents(tx, after, limit, [](std::string_view) { return true; });
}

Result<std::vector<Event>> ReadEvents(Tx& tx, int64_t after, int64_t limit,
                                      const std::function<bool(std::string_view)>& parse) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectEventsAfter, {after, limit}));
  std::vector<Event> events;
  events.reserve(rows.size());
  for (Row& row : rows) {
    Event event{row.Int(0),      row.TakeText(1), row.TakeText(2),
                row.TakeText(3), row.TakeText(4), row.TakeText(5),
                row.TakeText(6), row.TakeText(7), {}};
    if (parse(event.type)) event.payload = PayloadOf(row);
    events.push_back(std::move(event));
  }
  return events;
}

json::object EventToJson(Event event) {
  return json::object{{"seq", event.seq},
                      {"id", std::move(event.id)},
                      {"type", std::move(event.type)},
                      {"aggregate_type", std::move(event.aggregate_type)},
                      {"aggregate_id", std::move(event.aggregate_id)},
                      {"occurred_at", std::move(event.occurred_at)},
                      {"actor", std::move(event.actor)},
                      {"request_id", std::move(event.request_id)},
                      {"payload", std::move(event.payload)}};
}

}  // namespace rapport::storage
