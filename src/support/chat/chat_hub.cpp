#include "support/chat/chat_hub.hpp"

namespace rapport::support::chat {

bool ChatHub::Follow(uint64_t key, const std::string& conversation_id,
                     const std::shared_ptr<VisitorSink>& sink) {
  std::lock_guard lock(mutex_);
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    if (it->second.first == conversation_id) return true;
    auto [from, to] = by_conversation_.equal_range(it->second.first);
    for (auto at = from; at != to; ++at) {
      if (at->second == key) {
        by_conversation_.erase(at);
        break;
      }
    }
    by_key_.erase(it);
  }
  if (by_key_.size() >= kMaxConnections) return false;
  by_key_[key] = {conversation_id, sink};
  by_conversation_.emplace(conversation_id, key);
  return true;
}

void ChatHub::Leave(uint64_t key) {
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return;
  auto [from, to] = by_conversation_.equal_range(it->second.first);
  for (auto at = from; at != to; ++at) {
    if (at->second == key) {
      by_conversation_.erase(at);
      break;
    }
  }
  by_key_.erase(it);
}

std::vector<std::shared_ptr<VisitorSink>> ChatHub::SinksOf(
    const std::string& conversation_id) const {
  std::vector<std::shared_ptr<VisitorSink>> out;
  std::lock_guard lock(mutex_);
  auto [from, to] = by_conversation_.equal_range(conversation_id);
  for (auto at = from; at != to; ++at) {
    if (auto sink = by_key_.at(at->second).second.lock()) out.push_back(std::move(sink));
  }
  return out;
}

void ChatHub::Poke(const std::string& conversation_id) {
  for (const auto& sink : SinksOf(conversation_id)) sink->Poke();
}

void ChatHub::Tell(const std::string& conversation_id, const std::string& frame) {
  for (const auto& sink : SinksOf(conversation_id)) sink->Send(frame);
}

size_t ChatHub::followers(const std::string& conversation_id) const {
  std::lock_guard lock(mutex_);
  return by_conversation_.count(conversation_id);
}

}  // namespace rapport::support::chat

namespace rapport::support::chat {

void ChatHub::CloseAll(std::string_view reason) {
  std::vector<std::shared_ptr<VisitorSink>> sinks;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, entry] : by_key_) {
      if (auto sink = entry.second.lock()) sinks.push_back(std::move(sink));
    }
  }
  for (const auto& sink : sinks) sink->Close(reason);
}

}  // namespace rapport::support::chat
