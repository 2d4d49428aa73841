// EventDispatcher: delivers outbox events to in-process subscribers, in order, at least once.
//
// Each subscriber has a saved position (event_consumers). A delivery round reads the events after
// that position and applies them inside one write transaction that also advances the position, so
// a subscriber's own effects and its position commit together: after a crash it resumes exactly
// where its last committed round ended. A failing Apply rolls the round back and is retried with
// backoff; it delays only that subscriber. Subscribe before Start. Thread-safe after Start.
//
// A subscriber names the event types it acts on (Wants). Events of other types are neither parsed
// nor applied for it, and a stretch of them costs no write round at all: the dispatcher remembers
// in memory how far it has looked, and saves that position beside another round's commit, every
// kSavePassedEvery events, or once the delivery thread has caught up, so an unwanted event costs
// each subscriber one indexed read of (seq, type), not a commit (docs/design/events.md § Delivery).
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
  // Whether Apply does anything with events of `type`: for the others Apply is not called. Must
  // not change while the dispatcher runs. The default takes every event.
  virtual bool Wants(std::string_view /*type*/) const { return true; }
};

class EventDispatcher {
 public:
  explicit EventDispatcher(Database& database) : database_(database) {}
  ~EventDispatcher() { Stop(); }
  EventDispatcher(const EventDispatcher&) = delete;
  EventDispatcher& operator=(const EventDispatcher&) = delete;

  // REQUIRES: not started. The subscriber must outlive the dispatcher.
  void Subscribe(EventSubscriber& subscriber) {
    subscribers_.push_back(&subscriber);
    passed_.emplace_back();
  }
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
  // Unwanted events passed over in memory before the position is saved on its own: bounds the
  // lag the metrics show and the history retention must keep for a subscriber that wants little.
  static constexpr int64_t kSavePassedEvery = 1000;

 private:
  // How far a subscriber is known to have nothing to do: no wanted event in (base, seq]. Valid
  // only while the saved position is at least `base` (a position reset to replay ignores it).
  // `saved` says whether the position table already holds `seq`.
  struct Passed {
    int64_t base = 0;
    int64_t seq = 0;
    bool saved = true;
  };

  // A read-only look, in one read transaction for all of `indexes`: is there an event each
  // subscriber wants after where it stands? Notes the events each passes over in passed_.
  Result<std::vector<bool>> LookAhead(const std::vector<size_t>& indexes);
  Result<bool> HasWanted(size_t index);
  // One look for everyone, then each subscriber's rounds until one comes back short. Returns the
  // events the rounds went through; stops at the first failing round.
  Result<int64_t> DeliverPass(int64_t round_size);
  // One round for subscriber `index`, given what the look found (`wanted`); returns how many
  // events it went through (wanted or not). Commits only when there was something to apply, or
  // a passed-over stretch to save.
  Result<int64_t> DeliverRound(size_t index, int64_t round_size, bool wanted);
  // Where subscriber `index` stands, given its saved position: past what it is known to skip.
  int64_t StartAfter(size_t index, int64_t saved_position) const;
  // Writes subscriber `index`'s passed stretch as its position, unless the position moved below
  // the stretch's base (a reset) meanwhile. Inside a write.
  Status SaveStretch(Tx& tx, size_t index, const std::string& now) const;
  // The subscribers other than `except` whose passed stretch is not saved yet.
  std::vector<size_t> UnsavedStretches(size_t except) const;
  // Saves every unsaved stretch in one commit (the delivery thread, once caught up).
  Status SavePassed();
  void Loop();

  Database& database_;
  std::vector<EventSubscriber*> subscribers_;
  // One per subscriber, same order; used only by the thread that delivers (Loop or DrainAll).
  std::vector<Passed> passed_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool pending_ = true;    // GUARDED_BY(mutex_)
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace rapport::storage
