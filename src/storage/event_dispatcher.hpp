// EventDispatcher: delivers outbox events to in-process subscribers, in order, at least once.
//
// Each subscriber has a saved position (event_consumers). A delivery round reads the events after
// that position and applies them inside one write transaction that also advances the position, so
// a subscriber's own effects and its position commit together: after a crash it resumes exactly
// where its last committed round ended. A failing Apply rolls the round back and is retried with
// backoff; it delays only that subscriber. Subscribe before Start. Thread-safe after Start.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/outbox.hpp"

namespace rapport::storage {

class EventSubscriber {
 public:
  virtual ~EventSubscriber() = default;
  // Stable name: the key of the saved position. Renaming a subscriber replays the retained history
  // (events past the feed's window that every subscriber passed are pruned: event_retention.hpp).
  virtual std::string_view name() const = 0;
  // Runs inside the round's write transaction. Must be idempotent per event id.
  virtual Status Apply(Tx& tx, const Event& event) = 0;
};

class EventDispatcher {
 public:
  explicit EventDispatcher(Database& database) : database_(database) {}
  ~EventDispatcher() { Stop(); }
  EventDispatcher(const EventDispatcher&) = delete;
  EventDispatcher& operator=(const EventDispatcher&) = delete;

  // REQUIRES: not started. The subscriber must outlive the dispatcher.
  void Subscribe(EventSubscriber& subscriber) { subscribers_.push_back(&subscriber); }
  // The subscribers' names: the positions the outbox's retention waits for (PruneEvents).
  std::vector<std::string> SubscriberNames() const;

  void Start();
  void Stop();
  // Wakes the delivery thread; cheap, safe from any thread (the writer calls it after commits).
  void Notify();
  // Delivers everything committed so far, on the calling thread, `round_size` events per
  // transaction (bulk commands that leave a million events behind pass more than the server's
  // 500). For offline CLI commands and tests; do not call while the thread runs.
  // REQUIRES: round_size > 0.
  Status DrainAll(int64_t round_size = kRoundSize);

  // Events per round of the delivery thread: large enough to amortise the commit, small enough
  // that a round holds the single writer only briefly.
  static constexpr int64_t kRoundSize = 500;

 private:
  // A read-only look: are there events after the subscriber's saved position?
  Result<bool> HasUndelivered(EventSubscriber& subscriber);
  // One round for one subscriber; returns how many events it applied. Commits only when there
  // was something to apply.
  Result<int64_t> DeliverRound(EventSubscriber& subscriber, int64_t round_size);
  void Loop();

  Database& database_;
  std::vector<EventSubscriber*> subscribers_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool pending_ = true;    // GUARDED_BY(mutex_)
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace rapport::storage
