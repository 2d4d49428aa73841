#include "support/chat/chat_events.hpp"

#include "storage/outbox.hpp"

namespace rapport::support::chat {

Status Announce(storage::Tx& tx, const storage::WriteContext& context, std::string_view type,
                const Conversation& c, json::object extra) {
  auto opt = [](const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
  };
  extra["conversation"] = json::object{{"id", c.id},
                                       {"state", c.state},
                                       {"queue_id", opt(c.queue_id)},
                                       {"assignee_id", opt(c.assignee_id)},
                                       {"customer_id", opt(c.customer_id)},
                                       {"last_seq", c.last_seq}};
  return storage::AppendEvent(tx, context, type, "chat", c.id, extra);
}

bool Reaches(const access::Access& access, const Conversation& c, access::Action action) {
  const access::TicketPlace place{.team_id = c.queue_team_id, .assignee_id = c.assignee_id};
  if (!access.AllowsTicket(action, place)) return false;
  // A verified customer's conversation is part of their record: their readers only.
  return !c.customer_id ||
         access.Allows(access::Object::kCustomers, access::Action::kRead, c.customer_owner);
}

}  // namespace rapport::support::chat
