// The chatbot in the chat (docs/design/chatbot.md § In the chat): turns a visitor message (or a
// pressed button) into the bot's messages, its memory for the next turn and, when it is time, a
// hand-off with its reason. Decisions are DecideTurn's (bot_turn.hpp); this class reads what
// they need — the help center's search, the bot's settings (flows, human-only topics), an
// identified customer's orders — and words the answer in the conversation's language.
// Plugged into ChatService::SetBot by the composition root. Holds a Database reference;
// thread-safe (every call reads storage afresh).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "storage/database.hpp"
#include "support/bot/bot_settings.hpp"
#include "support/bot/bot_turn.hpp"
#include "support/chat/chat_bot_hook.hpp"

namespace rapport::bot {

class ChatBot {
 public:
  // `public_base`: where the help center's pages are served ("https://help.shop.example"), for
  // the article links the bot sends to a widget on another site.
  ChatBot(storage::Database& db, std::string public_base)
      : db_(db), public_base_(std::move(public_base)) {}

  support::chat::BotReply Respond(const support::chat::BotTurn& turn);

  support::chat::BotHook Hook() {
    return [this](const support::chat::BotTurn& turn) { return Respond(turn); };
  }

 private:
  // The article a flow's button points at, as an answer; nullopt when it is gone.
  std::optional<support::chat::BotReply> ArticleReply(const std::string& slug, BotState state);
  // Everything else: DecideTurn's decision, carried out in the conversation's language.
  support::chat::BotReply DecidedReply(const support::chat::BotTurn& turn, const BotState& state,
                                       const BotSettings& settings,
                                       const std::set<std::string>& languages);

  storage::Database& db_;
  std::string public_base_;
};

}  // namespace rapport::bot
