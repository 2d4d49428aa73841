#include "support/chat/chat_routing.hpp"

#include "support/sla/business_calendar.hpp"
#include "support/sla/calendar_json.hpp"

namespace rapport::support::chat {
namespace {

using storage::Rows;

constexpr std::string_view kQueue =
    "SELECT q.team_id, c.spec FROM queues q LEFT JOIN business_calendars c ON c.id = q.calendar_id "
    "WHERE q.id = ?";
// Available active agents with their active chats; `?` is the team (NULL: any team).
constexpr std::string_view kAgents =
    "SELECT u.id, (SELECT COUNT(*) FROM chat_conversations c WHERE c.assignee_id = u.id "
    "AND c.state = 'active') FROM users u "
    "JOIN agent_availability a ON a.user_id = u.id AND a.available = 1 "
    "WHERE u.status = 'active' AND (?1 IS NULL OR EXISTS "
    "(SELECT 1 FROM json_each(u.teams) m WHERE m.value = ?1)) ORDER BY u.id";
constexpr std::string_view kActiveChats =
    "SELECT COUNT(*) FROM chat_conversations WHERE assignee_id = ? AND state = 'active'";
constexpr std::string_view kPosition =
    "SELECT COUNT(*) FROM chat_conversations w, chat_conversations c WHERE c.id = ? "
    "AND w.state = 'waiting' AND w.queue_id IS c.queue_id AND w.seq <= c.seq";

bool OpenAt(const sla::BusinessCalendar& calendar, int64_t now) {
  const int64_t day = calendar.LocalDay(now);
  for (const auto& interval : calendar.OpenIntervals(day)) {
    if (interval.from <= now && now < interval.to) return true;
  }
  return false;
}

}  // namespace

Result<QueueStatus> ReadQueueStatus(storage::Tx& tx, const std::optional<std::string>& queue_id,
                                    int64_t max_concurrent, int64_t now_millis) {
  QueueStatus status;
  storage::Value team = storage::Null();
  if (queue_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows queue, tx.Query(kQueue, {*queue_id}));
    if (!queue.empty()) {
      team = storage::OptionalText(queue.front().OptText(0));
      if (auto spec = queue.front().OptText(1)) {
        auto calendar = sla::CalendarFromJsonText(*spec);
        // A calendar that no longer parses is treated as always open: better a chat than none.
        if (calendar.ok()) status.within_hours = OpenAt(*calendar, now_millis);
      }
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows agents, tx.Query(kAgents, {team}));
  for (const auto& row : agents) {
    if (row.Int(1) < max_concurrent) status.agents_with_room.push_back(row.Text(0));
  }
  return status;
}

Result<int64_t> ActiveChats(storage::Tx& tx, const std::string& user_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kActiveChats, {user_id}));
  return rows.front().Int(0);
}

Result<int64_t> WaitingPosition(storage::Tx& tx, const std::string& conversation_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kPosition, {conversation_id}));
  return rows.front().Int(0);
}

}  // namespace rapport::support::chat
