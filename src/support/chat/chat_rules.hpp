// The rules of a chat conversation (docs/design/chat.md § States), without storage:
//
//   bot ──hand-off──▶ waiting ──accept──▶ active ──end──▶ ended
//    │  └───────────── an agent steps in ──▶ │  ▲
//    └──────end─────────┼──┴────end──────── │  └─ transfer to an agent (stays active)
//                       └── transfer to a queue (back to waiting)
//
// `bot`: the chatbot answers (docs/design/chatbot.md § In the chat); a conversation starts there
// when a bot is plugged in (ChatService::SetBot) and the settings' bot_mode says so. Nothing
// leads back to `bot`: once a person is involved the bot never speaks again. `ended` is final:
// nothing reopens it, a returning visitor starts a new conversation. Also the bounds of what a
// visitor or agent may send. Pure; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::support::chat {

inline constexpr std::array<std::string_view, 4> kStates = {"bot", "waiting", "active", "ended"};
inline constexpr std::array<std::string_view, 4> kAuthorKinds = {"visitor", "agent", "bot",
                                                                 "system"};
inline constexpr size_t kMaxMessageCharacters = 4000;
inline constexpr size_t kMaxClientIdLength = 64;
inline constexpr size_t kMaxNameCharacters = 100;
inline constexpr size_t kMaxCommentCharacters = 1000;
inline constexpr size_t kMaxPageUrlLength = 2000;
inline constexpr size_t kMaxAttachments = 5;

inline constexpr std::array<std::string_view, 3> kBotModes = {"off", "always", "offline"};
bool IsBotMode(std::string_view mode);

// OK when a conversation in state `from` may move to `to`; else a 409 saying why.
Status CheckTransition(std::string_view from, std::string_view to);

// The message text as stored: NFC, trimmed, 1..kMaxMessageCharacters characters, valid UTF-8, no
// control characters other than line breaks and tabs. Errors name `field`.
Result<std::string> CleanMessageText(std::string_view text, std::string_view field = "text");

// A client message id: [A-Za-z0-9_-], 1..kMaxClientIdLength.
Status CheckClientId(std::string_view client_id, std::string_view field = "client_id");

}  // namespace rapport::support::chat
