#include "support/chat/chat_events.hpp"

#include "common/unicode_text.hpp"
#include "interactions/interaction_sentiment.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/outbox.hpp"
#include "support/chat/chat_service.hpp"

namespace rapport::support::chat {

namespace {
constexpr int64_t kMaxTranscriptMessages = 2000;

// The sentiment of what the visitor wrote, one line per message up to the scored bound: the
// transcript also holds the agent's and the bot's words, which are not the customer's mood.
std::string_view VisitorSentiment(const std::vector<Message>& messages) {
  std::string words;
  for (const auto& m : messages) {
    if (m.author_kind != "visitor" || m.text.empty()) continue;
    if (words.size() >= interactions::kMaxScoredTextBytes) break;
    words += Utf8Prefix(m.text, interactions::kMaxScoredTextBytes - words.size());
    words += '\n';
  }
  return interactions::SentimentLabel(words);
}
}  // namespace

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

// An ended conversation with a known customer is one entry on their timeline (channel chat)
// with the transcript, written with the end so it is never missing or doubled.
Status LogOnTimeline(storage::Tx& tx, const storage::WriteContext& context, const Conversation& c) {
  if (!c.customer_id) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(auto messages, LoadMessages(tx, c.id, 0, kMaxTranscriptMessages));
  json::object input{{"channel", "chat"},
                     {"direction", "inbound"},
                     {"kind", "conversation"},
                     {"subject", "Chat conversation"},
                     {"body", Transcript(messages)},
                     {"sentiment", VisitorSentiment(messages)},
                     {"occurred_at", c.started_at},
                     {"metadata", json::object{{"chat_id", c.id},
                                               {"rating", c.rating ? json::value(*c.rating)
                                                                   : json::value(nullptr)}}}};
  if (c.assignee_id) input["staff_id"] = *c.assignee_id;
  return StatusOf(
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, *c.customer_id, input));
}

}  // namespace rapport::support::chat
