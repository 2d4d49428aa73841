#include "storage/event_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>

#include "common/time.hpp"

namespace rapport::storage {
namespace {

// Safety net only: every commit of this process notifies, and no other process may write beside
// a running server, so this poll finds work only if a notification was somehow missed. Long,
// because an idle server should cost (almost) nothing: one read every 30 s is noise.
constexpr auto kPollInterval = std::chrono::seconds(30);
constexpr auto kMaxBackoff = std::chrono::seconds(30);

constexpr std::string_view kSelectPosition = "SELECT position FROM event_consumers WHERE name = ?";
// A row per subscriber that ever saved (and per retired name): a handful.
constexpr std::string_view kSelectPositions = "SELECT name, position FROM event_consumers";
// Only what deciding needs: the (seq) primary key gives the order, no payload is read.
constexpr std::string_view kSelectTypesAfter =
    "SELECT seq, type FROM events WHERE seq > ? ORDER BY seq LIMIT ?";
constexpr int64_t kTypeScanSize = 2000;
constexpr std::string_view kSavePosition =
    "INSERT INTO event_consumers (name, position, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = "
    "excluded.updated_at";
// For a passed-over stretch saved beside another subscriber's round: only from a position the
// stretch was measured from (base..seq), so it never moves back nor skips a reset position.
constexpr std::string_view kAdvancePosition =
    "UPDATE event_consumers SET position = ?, updated_at = ? "
    "WHERE name = ? AND position BETWEEN ? AND ?";
constexpr std::string_view kFirstPosition =
    "INSERT OR IGNORE INTO event_consumers (name, position, updated_at) VALUES (?, ?, ?)";

}  // namespace

std::vector<std::string> EventDispatcher::SubscriberNames() const {
  std::vector<std::string> names;
  names.reserve(subscribers_.size());
  for (const EventSubscriber* subscriber : subscribers_) names.emplace_back(subscriber->name());
  return names;
}

Status EventDispatcher::SaveStretch(Tx& tx, size_t index, const std::string& now) const {
  const Passed& stretch = passed_[index];
  const std::string name(subscribers_[index]->name());
  if (stretch.base == 0) RAPPORT_RETURN_IF_ERROR(tx.Exec(kFirstPosition, {name, stretch.seq, now}));
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kAdvancePosition, {stretch.seq, now, name, stretch.base, stretch.seq}));
  return OkStatus();
}

int64_t EventDispatcher::StartAfter(size_t index, int64_t saved_position) const {
  const Passed& passed = passed_[index];
  return saved_position >= passed.base ? std::max(saved_position, passed.seq) : saved_position;
}

Result<bool> EventDispatcher::HasWanted(size_t index) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<bool> wanted, LookAhead({index}));
  return static_cast<bool>(wanted.front());
}

Result<std::vector<bool>> EventDispatcher::LookAhead(const std::vector<size_t>& indexes) {
  const size_t count = indexes.size();
  std::vector<bool> wanted(count, false);
  std::vector<int64_t> base(count, 0);
  std::vector<int64_t> seen(count, 0);
  Status status = database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows positions, tx.Query(kSelectPositions));
    int64_t from = std::numeric_limits<int64_t>::max();
    for (size_t i = 0; i < count; ++i) {
      const std::string_view name = subscribers_[indexes[i]]->name();
      const auto saved =
          std::ranges::find_if(positions, [&](const Row& row) { return row.View(0) == name; });
      base[i] = saved == positions.end() ? 0 : saved->Int(1);
      seen[i] = StartAfter(indexes[i], base[i]);
      from = std::min(from, seen[i]);
    }
    // One scan from the subscriber furthest behind; each counts only the events past where it
    // stands, and stops at its first wanted one. The scan ends when every subscriber has one.
    size_t undecided = count;
    while (undecided > 0) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectTypesAfter, {from, kTypeScanSize}));
      for (const Row& row : rows) {
        const int64_t seq = row.Int(0);
        for (size_t i = 0; i < count; ++i) {
          if (wanted[i] || seq <= seen[i]) continue;
          if (subscribers_[indexes[i]]->Wants(row.View(1))) {
            wanted[i] = true;
            --undecided;
          } else {
            seen[i] = seq;
          }
        }
      }
      if (static_cast<int64_t>(rows.size()) < kTypeScanSize) break;
      from = rows.back().Int(0);
    }
    return OkStatus();
  });
  if (!status.ok()) return std::move(status).error();
  for (size_t i = 0; i < count; ++i) {
    Passed& passed = passed_[indexes[i]];
    if (seen[i] > StartAfter(indexes[i], base[i])) {
      passed = {.base = base[i], .seq = seen[i], .saved = false};
    }
  }
  return wanted;
}

Result<int64_t> EventDispatcher::DeliverPass(int64_t round_size) {
  std::vector<size_t> everyone(subscribers_.size());
  for (size_t index = 0; index < everyone.size(); ++index) everyone[index] = index;
  // One look decides for every subscriber: a read per subscriber after every commit was most of
  // what a durable create cost this thread (bench/RESULTS.md, 7 December). Events the rounds
  // below append (a health change, a survey sent) commit, which notifies the next pass.
  RAPPORT_ASSIGN_OR_RETURN(std::vector<bool> wanted, LookAhead(everyone));
  int64_t applied = 0;
  std::optional<Error> first_failure;
  for (size_t index = 0; index < subscribers_.size(); ++index) {
    // A failing subscriber stops its own rounds only: the others still get theirs.
    Result<int64_t> round = DeliverRound(index, round_size, wanted[index]);
    while (round.ok()) {
      applied += *round;
      if (*round < round_size) break;
      Result<bool> more = HasWanted(index);  // a full round: there may be more
      if (!more.ok()) {
        round = std::move(more).error();
        break;
      }
      round = DeliverRound(index, round_size, *more);
    }
    if (!round.ok() && !first_failure) first_failure = std::move(round).error();
  }
  if (first_failure) return *std::move(first_failure);
  return applied;
}

Result<int64_t> EventDispatcher::DeliverRound(size_t index, int64_t round_size, bool wanted) {
  EventSubscriber& subscriber = *subscribers_[index];
  // The caller looked before taking the writer: a round with nothing to deliver must not commit,
  // because every commit notifies this dispatcher again — an empty round that committed would
  // wake it forever (an idle server burning a core).
  Passed& passed = passed_[index];
  const bool save_passed = !passed.saved && passed.seq - passed.base >= kSavePassedEvery;
  if (!wanted && !save_passed) return int64_t{0};
  int64_t applied = 0;
  // Passed-over stretches of the other subscribers, saved in this commit since it happens anyway.
  const std::vector<size_t> riders = UnsavedStretches(index);
  Status status = database_.Write([&](Tx& tx) -> Status {
    applied = 0;
    const std::string name(subscriber.name());
    const std::string now = NowInstant();
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectPosition, {name}));
    const int64_t position = rows.empty() ? 0 : rows.front().Int(0);
    const int64_t after = StartAfter(index, position);
    std::vector<Event> events;
    if (wanted) {
      RAPPORT_ASSIGN_OR_RETURN(
          events, ReadEvents(tx, after, round_size,
                             [&](std::string_view type) { return subscriber.Wants(type); }));
    }
    for (const Event& event : events) {
      if (!subscriber.Wants(event.type)) continue;
      Status applied_status = subscriber.Apply(tx, event);
      if (!applied_status.ok()) {
        spdlog::warn("subscriber {} failed on event {} ({}): {}", name, event.seq, event.type,
                     applied_status.error().message);
        return applied_status;
      }
    }
    applied = static_cast<int64_t>(events.size());
    const int64_t reached = events.empty() ? after : events.back().seq;
    if (reached > position) RAPPORT_RETURN_IF_ERROR(tx.Exec(kSavePosition, {name, reached, now}));
    for (size_t other : riders) RAPPORT_RETURN_IF_ERROR(SaveStretch(tx, other, now));
    return OkStatus();
  });
  if (!status.ok()) return std::move(status).error();
  passed.saved = true;
  for (size_t other : riders) passed_[other].saved = true;
  return applied;
}

Status EventDispatcher::DrainAll(int64_t round_size) {
  // Passes until one finds nothing: events the subscribers append while draining are delivered
  // too, to the subscribers before them as well.
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(int64_t applied, DeliverPass(round_size));
    if (applied == 0) return OkStatus();
  }
}

void EventDispatcher::Start() {
  if (subscribers_.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void EventDispatcher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void EventDispatcher::Notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  cv_.notify_one();
}

std::vector<size_t> EventDispatcher::UnsavedStretches(size_t except) const {
  std::vector<size_t> unsaved;
  for (size_t index = 0; index < subscribers_.size(); ++index) {
    if (index != except && !passed_[index].saved) unsaved.push_back(index);
  }
  return unsaved;
}

Status EventDispatcher::SavePassed() {
  const std::vector<size_t> saving = UnsavedStretches(subscribers_.size());
  if (saving.empty()) return OkStatus();
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    const std::string now = NowInstant();
    for (size_t index : saving) {
      RAPPORT_RETURN_IF_ERROR(SaveStretch(tx, index, now));
    }
    return OkStatus();
  }));
  for (size_t index : saving) passed_[index].saved = true;
  return OkStatus();
}

void EventDispatcher::Loop() {
  auto backoff = std::chrono::milliseconds(0);
  while (true) {
    {
      std::unique_lock lock(mutex_);
      const auto wait = backoff.count() > 0 ? backoff : kPollInterval;
      cv_.wait_for(lock, wait, [this] { return stopping_ || pending_; });
      if (stopping_) return;
      pending_ = false;
    }
    const Result<int64_t> applied = DeliverPass(kRoundSize);
    bool failed = !applied.ok();
    const bool delivered = applied.ok() && *applied > 0;
    // Caught up: the stretches passed since the last round are saved now, so positions (and the
    // lag /metrics shows) are exact whenever the server is idle. Its commit wakes this loop once
    // more, which then finds nothing to save: no idle loop.
    if (!failed && !delivered && !SavePassed().ok()) failed = true;
    backoff = failed ? std::min<std::chrono::milliseconds>(
                           kMaxBackoff, std::max(backoff * 2, std::chrono::milliseconds(100)))
                     : std::chrono::milliseconds(0);
  }
}

}  // namespace rapport::storage
