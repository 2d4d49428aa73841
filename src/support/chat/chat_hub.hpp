// ChatHub: which open visitor connections follow which conversation, so that a change made
// elsewhere (an agent's reply through the REST API, an accept, a transfer, the end) reaches the
// visitor at once. The hub carries no message text: Poke tells a connection "something changed",
// and the connection reads what it has not yet sent from storage (by seq), so delivery is
// durable, ordered and identical to catch-up after a reconnect. Ephemeral notices (an agent is
// typing, read receipts) go through Tell as ready frames. Thread-safe (one mutex; sinks are
// called with it released).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::support::chat {

// One visitor connection, implemented by the WebSocket session. Both calls must not block.
class VisitorSink {
 public:
  virtual ~VisitorSink() = default;
  // Queues a frame; false when the connection is closing (or too slow and now closing).
  virtual bool Send(std::string frame) = 0;
  // Stored state changed: read and send what is new.
  virtual void Poke() = 0;
  // Closes the connection (going away), e.g. when the server stops.
  virtual void Close(std::string_view reason) = 0;
};

class ChatHub {
 public:
  // Bound on joined connections, so a flood of sockets cannot grow the map without end.
  static constexpr size_t kMaxConnections = 20000;

  // `key` identifies the connection (unique per process); a connection follows one conversation
  // ("" before it has one: it is still known, to be closed on shutdown). False when full.
  bool Follow(uint64_t key, const std::string& conversation_id,
              const std::shared_ptr<VisitorSink>& sink);
  void Leave(uint64_t key);
  void Poke(const std::string& conversation_id);
  void Tell(const std::string& conversation_id, const std::string& frame);
  size_t followers(const std::string& conversation_id) const;
  // Closes every connection (the server is stopping).
  void CloseAll(std::string_view reason);

 private:
  std::vector<std::shared_ptr<VisitorSink>> SinksOf(const std::string& conversation_id) const;

  mutable std::mutex mutex_;
  std::map<uint64_t, std::pair<std::string, std::weak_ptr<VisitorSink>>> by_key_;  // GUARDED_BY
  std::multimap<std::string, uint64_t> by_conversation_;                           // GUARDED_BY
};

}  // namespace rapport::support::chat
