#include "storage/event_dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
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
constexpr std::string_view kLastSeq = "SELECT coalesce(max(seq), 0) FROM events";
constexpr std::string_view kSavePosition =
    "INSERT INTO event_consumers (name, position, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = "
    "excluded.updated_at";

}  // namespace

std::vector<std::string> EventDispatcher::SubscriberNames() const {
  std::vector<std::string> names;
  names.reserve(subscribers_.size());
  for (const EventSubscriber* subscriber : subscribers_) names.emplace_back(subscriber->name());
  return names;
}

Result<bool> EventDispatcher::HasUndelivered(EventSubscriber& subscriber) {
  bool undelivered = true;
  Status status = database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows position,
                             tx.Query(kSelectPosition, {std::string(subscriber.name())}));
    RAPPORT_ASSIGN_OR_RETURN(Rows last, tx.Query(kLastSeq));
    undelivered = last.front().Int(0) > (position.empty() ? 0 : position.front().Int(0));
    return OkStatus();
  });
  if (!status.ok()) return std::move(status).error();
  return undelivered;
}

Result<int64_t> EventDispatcher::DeliverRound(EventSubscriber& subscriber, int64_t round_size) {
  // Look before taking the writer: a round with nothing to deliver must not commit, because every
  // commit notifies this dispatcher again — an empty round that committed would wake it forever
  // (an idle server burning a core).
  RAPPORT_ASSIGN_OR_RETURN(bool undelivered, HasUndelivered(subscriber));
  if (!undelivered) return int64_t{0};
  int64_t applied = 0;
  Status status = database_.Write([&](Tx& tx) -> Status {
    applied = 0;
    const std::string name(subscriber.name());
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectPosition, {name}));
    const int64_t position = rows.empty() ? 0 : rows.front().Int(0);
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Event> events, ReadEvents(tx, position, round_size));
    if (events.empty()) return OkStatus();
    for (const Event& event : events) {
      Status applied_status = subscriber.Apply(tx, event);
      if (!applied_status.ok()) {
        spdlog::warn("subscriber {} failed on event {} ({}): {}", name, event.seq, event.type,
                     applied_status.error().message);
        return applied_status;
      }
    }
    applied = static_cast<int64_t>(events.size());
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kSavePosition, {name, events.back().seq, NowInstant()}));
    return OkStatus();
  });
  if (!status.ok()) return std::move(status).error();
  return applied;
}

Status EventDispatcher::DrainAll(int64_t round_size) {
  for (EventSubscriber* subscriber : subscribers_) {
    while (true) {
      RAPPORT_ASSIGN_OR_RETURN(int64_t applied, DeliverRound(*subscriber, round_size));
      if (applied < round_size) break;
    }
  }
  return OkStatus();
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
    bool failed = false;
    for (EventSubscriber* subscriber : subscribers_) {
      while (true) {
        auto applied = DeliverRound(*subscriber, kRoundSize);
        if (!applied.ok()) {
          failed = true;
          break;
        }
        if (*applied < kRoundSize) break;
      }
    }
    backoff = failed ? std::min<std::chrono::milliseconds>(
                           kMaxBackoff, std::max(backoff * 2, std::chrono::milliseconds(100)))
                     : std::chrono::milliseconds(0);
  }
}

}  // namespace rapport::storage
