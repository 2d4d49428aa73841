// The outbox: domain events appended in the same transaction as the change they describe.
//
// Semantics (docs/design/events.md): an event exists iff its change committed; `seq` orders all
// events in commit order; consumers see each event at least once, in order. Call AppendEvent only
// from inside Database::Write.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::storage {

struct Event {
  int64_t seq = 0;
  std::string id;
  std::string type;  // "customer.created"
  std::string aggregate_type;
  std::string aggregate_id;
  std::string occurred_at;
  std::string actor;
  std::string request_id;
  json::object payload;
};

Status AppendEvent(Tx& tx, const WriteContext& context, std::string_view type,
                   std::string_view aggregate_type, std::string_view aggregate_id,
                   const json::object& payload);

// The event as the feed and the live stream serve it: {seq, id, type, aggregate_type,
// aggregate_id, occurred_at, actor, request_id, payload}.
json::object EventToJson(Event event);

// Events with seq > after, oldest first, at most `limit`.
Result<std::vector<Event>> ReadEvents(Tx& tx, int64_t after, int64_t limit);
// The same, with only the payloads of the events `parse(type)` asks for parsed (the others come
// with an empty payload): a subscriber that ignores most types does not pay for their JSON.
Result<std::vector<Event>> ReadEvents(Tx& tx, int64_t after, int64_t limit,
                                      const std::function<bool(std::string_view)>& parse);

}  // namespace rapport::storage
