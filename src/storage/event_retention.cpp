#include "storage/event_retention.hpp"

#include <algorithm>

#include "common/time.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kSelectPosition = "SELECT position FROM event_consumers WHERE name = ?";

// The oldest `batch` events a subscriber-passed bound allows, of which those older than the
// cutoff go. Ranging over the primary key keeps a round's cost to its batch however long the
// table is; events are appended in time order, so the first round that deletes none ends a sweep.
constexpr std::string_view kPruneRound =
    "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE seq <= ?1 ORDER BY seq "
    "LIMIT ?3) AND occurred_at < ?2 RETURNING seq";

constexpr std::string_view kSelectPrunedThrough =
    "SELECT through_seq FROM events_pruned WHERE id = 1";
constexpr std::string_view kSavePrunedThrough =
    "INSERT INTO events_pruned (id, through_seq) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET "
    "through_seq = max(through_seq, excluded.through_seq)";

// The seq every subscriber has passed: the lowest saved position (0 for one without any).
Result<int64_t> PassedByAll(Tx& tx, const std::vector<std::string>& subscribers) {
  int64_t passed = INT64_MAX;
  for (const std::string& name : subscribers) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectPosition, {name}));
    passed = std::min(passed, rows.empty() ? int64_t{0} : rows.front().Int(0));
  }
  return subscribers.empty() ? int64_t{0} : passed;
}

}  // namespace

Result<int64_t> PrunedThrough(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectPrunedThrough));
  return rows.empty() ? int64_t{0} : rows.front().Int(0);
}

Result<std::vector<Event>> ReadFeed(Tx& tx, int64_t after, int64_t limit) {
  RAPPORT_ASSIGN_OR_RETURN(int64_t pruned, PrunedThrough(tx));
  if (after < pruned) {
    // A bad cursor like any other (422 naming `after`), with the position to resume from.
    return Error::Invalid("after", "is before the event feed's window: events up to seq " +
                                       std::to_string(pruned) +
                                       " were removed; read the records themselves, then "
                                       "follow the feed from after=" +
                                       std::to_string(pruned));
  }
  return ReadEvents(tx, after, limit);
}

Result<int64_t> PruneEvents(Database& database, const std::vector<std::string>& subscribers,
                            int64_t cutoff_millis, int64_t batch_size) {
  const std::string cutoff = FormatInstant(cutoff_millis);
  int64_t removed = 0;
  while (true) {
    int64_t round = 0;
    RAPPORT_RETURN_IF_ERROR(database.Write([&](Tx& tx) -> Status {
      round = 0;
      RAPPORT_ASSIGN_OR_RETURN(int64_t passed, PassedByAll(tx, subscribers));
      if (passed == 0) return OkStatus();
      RAPPORT_ASSIGN_OR_RETURN(Rows deleted, tx.Query(kPruneRound, {passed, cutoff, batch_size}));
      if (deleted.empty()) return OkStatus();
      int64_t highest = 0;
      for (const Row& row : deleted) highest = std::max(highest, row.Int(0));
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kSavePrunedThrough, {highest}));
      round = static_cast<int64_t>(deleted.size());
      return OkStatus();
    }));
    removed += round;
    if (round == 0) return removed;
  }
}

}  // namespace rapport::storage
