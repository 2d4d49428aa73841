// TypingThrottle: the visitor's "typing" frames reach the agents as an ephemeral notice over the
// staff stream (docs/design/chat.md § The visitor's typing), never stored. A widget repeats
// `typing` while its visitor types, possibly from several tabs, so the server bounds it: at most
// one notice per conversation per kTypingInterval, over at most kMaxTypingConversations
// conversations remembered at once (entries older than the interval are dropped when full; while
// still full, notices are skipped: they are a courtesy, never owed). Also the frame the agents
// get. Thread-safe: one mutex.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace rapport::support::chat {

inline constexpr std::chrono::seconds kTypingInterval{2};
inline constexpr size_t kMaxTypingConversations = 20000;
// How long the inbox shows "visitor is typing…" after a notice, unless another one comes.
inline constexpr int kTypingShownSeconds = 5;

class TypingThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  // True when a notice for `conversation_id` may go now (and records it).
  bool Allow(const std::string& conversation_id, Clock::time_point now = Clock::now());
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Clock::time_point> last_;  // GUARDED_BY(mutex_)
};

// {"type":"chat_typing","chat":ID,"author_kind":"visitor","expires_in":kTypingShownSeconds}
std::string VisitorTypingFrame(const std::string& conversation_id);

}  // namespace rapport::support::chat
