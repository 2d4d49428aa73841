// The outbox's retention (docs/design/events.md § Retention): events every subscriber has passed
// are deleted once they are older than the event feed's window (PruneEvents, run by the
// maintenance thread), and the feed then refuses an `after` before the pruned range (ReadFeed)
// rather than skip events silently. The highest pruned seq is kept in `events_pruned`.
// Stateless functions; thread-safety is the Database's / Tx's.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace rapport::storage {

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
