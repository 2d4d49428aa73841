#include "support/chat/chat_rules.hpp"

#include <algorithm>
#include <cctype>

#include "common/unicode_text.hpp"

namespace rapport::support::chat {

Status CheckTransition(std::string_view from, std::string_view to) {
  const bool allowed = (from == "bot" && (to == "waiting" || to == "active" || to == "ended")) ||
                       (from == "waiting" && (to == "active" || to == "ended")) ||
                       (from == "active" && (to == "active" || to == "waiting" || to == "ended"));
  if (allowed) return OkStatus();
  if (from == "ended") return Error::Conflict("The conversation has ended.", "state");
  return Error::Conflict(
      "A conversation that is " + std::string(from) + " cannot become " + std::string(to) + ".",
      "state");
}

bool IsBotMode(std::string_view mode) {
  return std::find(kBotModes.begin(), kBotModes.end(), mode) != kBotModes.end();
}

Result<std::string> CleanMessageText(std::string_view text, std::string_view field) {
  CleanedText cleaned = CleanText(text, kMaxMessageCharacters, TextKind::kMultiLine);
  if (cleaned.problem.empty() && cleaned.text.empty()) cleaned.problem = "must not be empty";
  if (!cleaned.problem.empty()) return Error::Invalid(std::string(field), cleaned.problem);
  return std::move(cleaned.text);
}

Status CheckClientId(std::string_view client_id, std::string_view field) {
  bool good = !client_id.empty() && client_id.size() <= kMaxClientIdLength;
  for (char c : client_id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) good = false;
  }
  if (good) return OkStatus();
  return Error::Invalid(std::string(field), "must be 1 to 64 of A-Z, a-z, 0-9, _ and -");
}

}  // namespace rapport::support::chat
