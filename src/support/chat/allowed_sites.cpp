#include "support/chat/allowed_sites.hpp"

namespace rapport::support::chat {

bool OriginAllowed(const ChatSettings& settings, std::string_view origin) {
  for (const auto& entry : settings.allowed_origins) {
    if (entry.is_string() && entry.as_string() == origin) return true;
  }
  return false;
}

std::vector<std::string> IdentitySecrets(const ChatSettings& settings) {
  std::vector<std::string> secrets{settings.identity_secret};
  if (settings.previous_identity_secret) secrets.push_back(*settings.previous_identity_secret);
  return secrets;
}

}  // namespace rapport::support::chat
