// What the chat settings admit from outside (docs/design/chat.md § Widget, § Identity): the
// websites whose pages may call the public chat surfaces (and the shop's loyalty card), and the
// identity secrets a shop's signature may be made with. Shared by the widget's socket, its file
// uploads and the loyalty card, so the three cannot drift apart. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "support/chat/chat_store.hpp"

namespace rapport::support::chat {

// Whether `origin` (a request's Origin header) is one of the allowed websites, compared exactly:
// scheme, host and port.
bool OriginAllowed(const ChatSettings& settings, std::string_view origin);

// The secrets an identity may be signed with: the current one and, until the next rotation, the
// previous one.
std::vector<std::string> IdentitySecrets(const ChatSettings& settings);

}  // namespace rapport::support::chat
