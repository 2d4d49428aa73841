// The chatbot's turn in ChatService (chat_service.hpp, chat_bot_hook.hpp; docs/design/chatbot.md
// § In the chat): after a visitor's message in a `bot` conversation, the bot is asked outside any
// transaction (it searches the help center, reads orders), and its answer is stored only if the
// conversation is still the bot's, so a person who stepped in meanwhile never gets a bot beside
// them.
#include <spdlog/spdlog.h>

#include "common/time.hpp"
#include "support/chat/chat_events.hpp"
#include "support/chat/chat_routing.hpp"
#include "support/chat/chat_rules.hpp"
#include "support/chat/chat_service.hpp"

namespace rapport::support::chat {
namespace {

using storage::Tx;

// What the bot may keep between turns: enough for its counters and a flow position, never a
// transcript.
constexpr size_t kMaxBotState = 4096;
constexpr size_t kMaxBotMessagesPerTurn = 4;

Status AppendBotMessage(Tx& tx, const storage::WriteContext& context, Conversation& c,
                        const BotMessage& said) {
  auto text = CleanMessageText(said.text);
  if (!text.ok()) return OkStatus();  // a bot's empty or oversized line is dropped, not stored
  RAPPORT_ASSIGN_OR_RETURN(
      Message stored,
      AppendMessage(tx, c, Message{.author_kind = "bot", .text = *text, .extra = said.extra}));
  return Announce(tx, context, "chat.message", c, {{"seq", stored.seq}, {"author_kind", "bot"}});
}

}  // namespace

Status NotePersonJoined(Tx& tx, const storage::WriteContext& context, Conversation& c) {
  RAPPORT_ASSIGN_OR_RETURN(
      Message stored,
      AppendMessage(tx, c,
                    Message{.author_kind = "system",
                            .text = "A person has joined the conversation; the assistant has "
                                    "stopped."}));
  return Announce(tx, context, "chat.message", c, {{"seq", stored.seq}, {"author_kind", "system"}});
}

Status ChatService::RunBot(const storage::WriteContext& context, const Posted& posted,
                           const std::optional<std::string>& choice) {
  bool online = false;
  Status read = database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(ChatSettings settings, LoadSettings(tx));
    RAPPORT_ASSIGN_OR_RETURN(
        QueueStatus queue,
        ReadQueueStatus(tx, posted.conversation.queue_id, settings.max_concurrent, NowMillis()));
    online = queue.online();
    return OkStatus();
  });
  if (!read.ok()) return read;
  const BotReply reply = bot_(BotTurn{.conversation = posted.conversation,
                                      .text = posted.message.text,
                                      .choice = choice,
                                      .online = online});
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto current, LoadConversation(tx, posted.conversation.id));
    if (!current || current->state != "bot") return OkStatus();  // a person took over meanwhile
    size_t said = 0;
    for (const BotMessage& message : reply.messages) {
      if (++said > kMaxBotMessagesPerTurn) break;
      RAPPORT_RETURN_IF_ERROR(AppendBotMessage(tx, context, *current, message));
    }
    if (reply.state.size() <= kMaxBotState) current->bot_state = reply.state;
    if (reply.hand_off) {
      current->state = "waiting";
      current->handoff_reason = *reply.hand_off;
      RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, *current));
      return Announce(tx, context, "chat.handed_off", *current, {{"reason", *reply.hand_off}});
    }
    return SaveConversation(tx, *current);
  });
}

}  // namespace rapport::support::chat
