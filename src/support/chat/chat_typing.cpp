#include "support/chat/chat_typing.hpp"

#include "common/json.hpp"

namespace rapport::support::chat {

bool TypingThrottle::Allow(const std::string& conversation_id, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto found = last_.find(conversation_id);
  if (found != last_.end()) {
    if (now - found->second < kTypingInterval) return false;
    found->second = now;
    return true;
  }
  if (last_.size() >= kMaxTypingConversations) {
    std::erase_if(last_,
                  [now](const auto& entry) { return now - entry.second >= kTypingInterval; });
    if (last_.size() >= kMaxTypingConversations) return false;
  }
  last_.emplace(conversation_id, now);
  return true;
}

size_t TypingThrottle::size() const {
  std::lock_guard lock(mutex_);
  return last_.size();
}

std::string VisitorTypingFrame(const std::string& conversation_id) {
  return ToJsonString(json::object{{"type", "chat_typing"},
                                   {"chat", conversation_id},
                                   {"author_kind", "visitor"},
                                   {"expires_in", kTypingShownSeconds}});
}

}  // namespace rapport::support::chat
