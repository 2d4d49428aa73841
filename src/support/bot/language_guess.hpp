// Which of the help center's languages a visitor writes in, from function words and letters
// (docs/design/chatbot.md § Languages): "en", "de", or "" when the text gives no sign (a word or
// two, an order number). Cheap enough for every message; pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace rapport::bot {

// "en", "de" or "". Only the first 1,000 bytes are read.
std::string GuessLanguage(std::string_view text);

}  // namespace rapport::bot
