// The waiting time a visitor is shown beside their position (docs/design/chat.md § Routing):
// from how long the queue's recently accepted chats waited, not a promise. Pure estimate plus the
// query of the recent waits; stateless, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace rapport::support::chat {

// Recent: the last kWaitSample conversations of the queue accepted within kWaitWindowDays.
inline constexpr int64_t kWaitSample = 50;
inline constexpr int64_t kWaitWindowDays = 7;

// Seconds from start to accept of the queue's recent accepted conversations (any order).
Result<std::vector<int64_t>> RecentWaits(storage::Tx& tx,
                                         const std::optional<std::string>& queue_id,
                                         int64_t now_millis);

// The median recent wait for each "round" of agents ahead of the visitor: position p with a
// agents who have room waits about median × ⌈p / a⌉ (at least one round). Null without history
// (fewer than 3 recent waits: a single slow chat says nothing), rounded up to a whole minute.
std::optional<int64_t> EstimateWaitSeconds(std::vector<int64_t> waits, int64_t position,
                                           int64_t agents_with_room);

}  // namespace rapport::support::chat
