// Routing of chats (docs/design/chat.md § Routing): a conversation waits in its queue until an
// agent accepts it. The agents it is offered to are the queue team's active members who said they
// are available (agent_availability, shared with the desk's round robin) and hold fewer active
// chats than the per-agent limit (chat settings `max_concurrent`); a queue without a team offers
// to every available agent. The queue is "online" while its business calendar (if it names one)
// is open and at least one such agent has room; otherwise the visitor is told so and asked for an
// email (the conversation then becomes a ticket). Stateless functions over a Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace rapport::support::chat {

struct QueueStatus {
  bool within_hours = true;
  std::vector<std::string> agents_with_room;  // available, under the limit, by id
  bool online() const { return within_hours && !agents_with_room.empty(); }
};

Result<QueueStatus> ReadQueueStatus(storage::Tx& tx, const std::optional<std::string>& queue_id,
                                    int64_t max_concurrent, int64_t now_millis);

// Active chats assigned to `user_id`.
Result<int64_t> ActiveChats(storage::Tx& tx, const std::string& user_id);

// 1 for the first waiting conversation of its queue (by start), 2 for the next, …
Result<int64_t> WaitingPosition(storage::Tx& tx, const std::string& conversation_id);

}  // namespace rapport::support::chat
