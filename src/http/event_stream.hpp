// EventStream: the server side of the one push channel for signed-in staff (GET /api/v1/stream,
// DESIGN §6, docs/design/stream.md). It tails the outbox after every commit and hands each
// connected client the events its caller may see, redacted by the caller's field rules
// (access/event_redaction.hpp), each with its outbox seq. A client that reconnects names the
// last seq it saw and first gets what it missed (at most `max_catch_up` events; more, or a seq
// older than the outbox's retention, gets a "reset" frame: reload, then follow from the seq it
// names).
//
// One thread (Start..Stop) reads the outbox and sends every event frame, so a client's frames
// are in seq order and its catch-up always precedes its live events. Clients never block it:
// StreamClient::Send only queues. The thread sleeps until Notify (the writer's commit listener):
// an idle server does no work here. Thread-safe after Start; Attach/UpdateAccess/Detach may be
// called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "access/access.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::http {

// One connected client, implemented by the WebSocket session.
class StreamClient {
 public:
  virtual ~StreamClient() = default;
  // Queues one text frame and returns at once. False when the client is closing or its queue is
  // full; a full client closes itself, and its reconnect catches up from its last seq.
  virtual bool Send(std::string frame) = 0;
  // Asks the client to close (the server is stopping).
  virtual void Close(std::string_view reason) = 0;
};

struct EventStreamOptions {
  // Events a reconnecting client may be given to catch up; beyond that it is told to reload.
  int64_t max_catch_up = 1000;
  // Connections in all, and per principal (a token, or one signed-in user's tabs).
  size_t max_clients = 1000;
  size_t max_clients_per_principal = 16;
  // Events read from the outbox per round.
  int64_t batch_size = 500;
};

class EventStream {
 public:
  explicit EventStream(storage::Database& database, EventStreamOptions options = {});
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Reads the outbox's head (the seq live delivery starts after) and starts the thread.
  Status Start();
  // Closes every client and stops the thread. Idempotent.
  void Stop();
  // Wakes the thread; cheap, from any thread (the writer calls it after commits).
  void Notify();

  // Registers a client for `principal` with the caller's access. `after`: the last seq it has
  // seen, to catch up from; nullopt: from now. Its first frame is {"type":"ready","seq":N}
  // (after any catch-up); then {"type":"event","event":{…}} frames. kResourceExhausted (as
  // kRateLimited) when the limits are reached.
  Result<uint64_t> Attach(std::shared_ptr<StreamClient> client, std::string principal,
                          std::shared_ptr<const access::Access> access,
                          std::optional<int64_t> after);
  // The caller's access changed (its credential was checked again): later events use it.
  void UpdateAccess(uint64_t id, std::shared_ptr<const access::Access> access);
  void Detach(uint64_t id);
  size_t client_count() const;
  // An ephemeral frame (no seq, nothing stored: "a visitor is typing") to every client that has
  // joined (got its "ready") and whose caller `may_see` admits. Only queues; from any thread;
  // `may_see` must not block. Returns the number of clients it went to.
  size_t Broadcast(const std::string& frame,
                   const std::function<bool(const access::Access&)>& may_see);

 private:
  struct Subscriber {
    std::shared_ptr<StreamClient> client;
    std::string principal;
    std::shared_ptr<const access::Access> access;
    std::optional<int64_t> catch_up_after;  // set until the thread has caught it up
    bool joined = false;                    // its "ready" frame has been sent
  };

  void Loop();
  // One round: new clients' catch-up, then the events committed since the last round.
  Status DeliverRound();
  // Sets head_ to the outbox's last seq (at start, and for a round with no client).
  Status ReadHead();

  storage::Database& database_;
  const EventStreamOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::map<uint64_t, Subscriber> subscribers_;  // GUARDED_BY(mutex_)
  uint64_t next_id_ = 1;                        // GUARDED_BY(mutex_)
  bool pending_ = false;                        // GUARDED_BY(mutex_)
  bool stopping_ = false;                       // GUARDED_BY(mutex_)
  int64_t head_ = 0;                            // the thread's only, after Start
  std::thread thread_;
};

}  // namespace rapport::http
