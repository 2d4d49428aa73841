// The outbox: domain events appended in the same transaction as the change they describe.
//
// Semantics (docs/design/events.md): an event exists iff its change committed; `seq` orders all
// events in commit order; consumers see each event at least once, in order. Call AppendEvent only
// from inside Database::Write. Events every subscriber has passed are deleted once they are older
// than the feed's window (PruneEvents, run by the maintenance thread); the feed then refuses an
// `after` before the pruned range (ReadFeed) rather than skip events silently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

// Events with seq > after, oldest first, at most `limit`.
Result<std::vector<Event>> ReadEvents(Tx& tx, int64_t after, int64_t limit);

// The event feed's read: ReadEvents, except that an `after` below the highest pruned seq is
// kInvalidArgument on `after` (its reader would miss the pruned events), naming that seq.
Result<std::vector<Event>> ReadFeed(Tx& tx, int64_t after, int64_t limit);

// The highest seq pruned so far; 0 when nothing has been.
Result<int64_t> PrunedThrough(Tx& tx);

// Events per write transaction of PruneEvents: a round holds the single writer for milliseconds,
// so requests interleave with a sweep that removes a million events.
inline constexpr int64_t kPruneBatchSize = 1000;

// Deletes, oldest first, the events that every one of `subscribers` has passed (a subscriber
// without a saved position has passed nothing, so a new projection keeps the whole history until
// it has caught up) and that occurred before `cutoff_millis`, in rounds of `batch_size`; records
// the highest seq deleted for ReadFeed. Returns how many events went.
// REQUIRES: batch_size > 0; not inside Database::Write.
Result<int64_t> PruneEvents(Database& database, const std::vector<std::string>& subscribers,
                            int64_t cutoff_millis, int64_t batch_size = kPruneBatchSize);

}  // namespace rapport::storage
