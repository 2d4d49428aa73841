// PresenceBoard: who is viewing or typing on which ticket, for the service desk's collision
// warnings over the live stream (docs/design/stream.md § Presence). A connection says
// {"type":"presence","ticket":ID,"state":"viewing"|"typing"|"left"}; the board keeps one entry
// per (ticket, connection) and tells the other connections present on that ticket. Only
// connections that declared themselves on a ticket hear about it, and a connection is admitted
// to a ticket only after the caller was found to read it (StreamEndpoint::MayReadTicket), so
// presence never reaches a caller who may not read the ticket.
//
// Bounded: a connection is on at most kMaxTicketsPerConnection tickets, the board holds at most
// kMaxEntries entries. Entries expire kEntryLifetime after their last message (clients repeat
// "viewing" while the page is open); expired ones are pruned whenever their ticket is touched,
// and a closed connection leaves every ticket at once. Thread-safe: one mutex; Send only queues.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "http/event_stream.hpp"

namespace rapport::http {

inline constexpr size_t kMaxTicketsPerConnection = 8;
inline constexpr size_t kMaxPresenceEntries = 20000;
inline constexpr std::chrono::seconds kPresenceLifetime{60};

// A client's presence message, checked: ticket id and state.
struct PresenceMessage {
  std::string ticket;
  std::string state;  // viewing | typing | left
};

// Reads {"type":"presence",…}; kInvalid naming `ticket` or `state` when malformed.
Result<PresenceMessage> ParsePresence(const json::object& message);

class PresenceBoard {
 public:
  using Clock = std::chrono::steady_clock;

  // Records `connection`'s state on the ticket and tells the others there; a newcomer is first
  // told who is already present. "left" removes the entry. kRateLimited past the bounds.
  Status Update(uint64_t connection, const std::shared_ptr<StreamClient>& client,
                const std::string& user_id, const PresenceMessage& message,
                Clock::time_point now = Clock::now());
  // The connection closed: it leaves every ticket (the others are told).
  void Leave(uint64_t connection);
  size_t entry_count() const;

 private:
  struct Entry {
    std::shared_ptr<StreamClient> client;
    std::string user_id;
    std::string state;
    Clock::time_point expires;
  };
  using Entries = std::map<uint64_t, Entry>;

  // Removes `connection` from `ticket` and tells the others. Holds mutex_.
  void RemoveLocked(const std::string& ticket, uint64_t connection);
  void PruneLocked(const std::string& ticket, Clock::time_point now);

  mutable std::mutex mutex_;
  std::map<std::string, Entries> tickets_;                 // GUARDED_BY(mutex_)
  std::map<uint64_t, std::set<std::string>> connections_;  // GUARDED_BY(mutex_)
  size_t entries_ = 0;                                     // GUARDED_BY(mutex_)
};

// The frame other connections get: {"type":"presence","ticket","user_id","state","expires_in"}.
std::string PresenceFrame(const std::string& ticket, const std::string& user_id,
                          std::string_view state);

}  // namespace rapport::http
