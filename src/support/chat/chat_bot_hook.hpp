// The seam between the chat and a chatbot (docs/design/chatbot.md § In the chat): what the chat
// tells the bot about one visitor message, and what the bot answers. The chat owns storage and
// states; the bot owns its decisions and its memory, which the chat stores for it as opaque text
// (`Conversation::bot_state`) and hands back on the next turn. Plain data; thread-compatible.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "support/chat/chat_store.hpp"

namespace rapport::support::chat {

// One visitor message for the bot.
struct BotTurn {
  const Conversation& conversation;   // as stored after the visitor's message (bot_state inside)
  std::string_view text;              // the message as stored
  std::optional<std::string> choice;  // the value of the button the visitor pressed, if any
  bool online = false;                // a person could take the chat now
};

// A bot message: its text, and optionally {"link": {title, url}, "buttons": [{label, value}]}.
struct BotMessage {
  std::string text;
  json::object extra;
};

struct BotReply {
  std::vector<BotMessage> messages;     // said in this order
  std::string state = "{}";             // what the bot remembers for the next turn
  std::optional<std::string> hand_off;  // the reason, when the chat goes to a person now
};

// Called outside any transaction, only while the conversation is `bot`.
using BotHook = std::function<BotReply(const BotTurn&)>;

// The bounds of a button a visitor may press (its value comes back as `choice`).
inline constexpr size_t kMaxChoiceLength = 120;

}  // namespace rapport::support::chat
