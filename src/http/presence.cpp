#include "http/presence.hpp"

#include <algorithm>

#include "common/json.hpp"

namespace rapport::http {
namespace {

constexpr size_t kMaxTicketId = 64;

bool IsTicketId(std::string_view id) {
  return id.size() > 4 && id.size() <= kMaxTicketId && id.starts_with("tkt_") &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_';
         });
}

}  // namespace

Result<PresenceMessage> ParsePresence(const json::object& message) {
  const json::value* ticket = message.if_contains("ticket");
  const json::value* state = message.if_contains("state");
  if (ticket == nullptr || !ticket->is_string() || !IsTicketId(ticket->as_string())) {
    return Error::Invalid("ticket", "must be a ticket id");
  }
  if (state == nullptr || !state->is_string() ||
      (state->as_string() != "viewing" && state->as_string() != "typing" &&
       state->as_string() != "left")) {
    return Error::Invalid("state", "must be viewing, typing or left");
  }
  return PresenceMessage{.ticket = std::string(ticket->as_string()),
                         .state = std::string(state->as_string())};
}

std::string PresenceFrame(const std::string& ticket, const std::string& user_id,
                          std::string_view state) {
  json::object frame{
      {"type", "presence"}, {"ticket", ticket}, {"user_id", user_id}, {"state", state}};
  if (state != "left") frame["expires_in"] = kPresenceLifetime.count();
  return ToJsonString(frame);
}

Status PresenceBoard::Update(uint64_t connection, const std::shared_ptr<StreamClient>& client,
                             const std::string& user_id, const PresenceMessage& message,
                             Clock::time_point now) {
  std::lock_guard lock(mutex_);
  PruneLocked(message.ticket, now);
  if (message.state == "left") {
    RemoveLocked(message.ticket, connection);
    return OkStatus();
  }
  Entries& entries = tickets_[message.ticket];
  auto own = entries.find(connection);
  if (own == entries.end()) {
    std::set<std::string>& on = connections_[connection];
    if (on.size() >= kMaxTicketsPerConnection || entries_ >= kMaxPresenceEntries) {
      if (entries.empty()) tickets_.erase(message.ticket);
      if (on.empty()) connections_.erase(connection);
      return Error::RateLimited("Presence is kept on at most 8 tickets per connection.",
                                kPresenceLifetime);
    }
    on.insert(message.ticket);
    ++entries_;
    // The newcomer learns who is already here.
    for (const auto& [other, entry] : entries) {
      client->Send(PresenceFrame(message.ticket, entry.user_id, entry.state));
    }
    own = entries.emplace(connection, Entry{.client = client, .user_id = user_id}).first;
  }
  own->second.state = message.state;
  own->second.expires = now + kPresenceLifetime;
  const std::string frame = PresenceFrame(message.ticket, user_id, message.state);
  for (const auto& [other, entry] : entries) {
    if (other != connection) entry.client->Send(frame);
  }
  return OkStatus();
}

void PresenceBoard::Leave(uint64_t connection) {
  std::lock_guard lock(mutex_);
  auto on = connections_.find(connection);
  if (on == connections_.end()) return;
  const std::set<std::string> tickets = on->second;
  for (const auto& ticket : tickets) RemoveLocked(ticket, connection);
}

size_t PresenceBoard::entry_count() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

void PresenceBoard::RemoveLocked(const std::string& ticket, uint64_t connection) {
  auto entries = tickets_.find(ticket);
  if (entries == tickets_.end()) return;
  auto own = entries->second.find(connection);
  if (own == entries->second.end()) return;
  const std::string frame = PresenceFrame(ticket, own->second.user_id, "left");
  entries->second.erase(own);
  --entries_;
  for (const auto& [other, entry] : entries->second) entry.client->Send(frame);
  if (entries->second.empty()) tickets_.erase(entries);
  auto on = connections_.find(connection);
  if (on != connections_.end()) {
    on->second.erase(ticket);
    if (on->second.empty()) connections_.erase(on);
  }
}

void PresenceBoard::PruneLocked(const std::string& ticket, Clock::time_point now) {
  auto entries = tickets_.find(ticket);
  if (entries == tickets_.end()) return;
  std::vector<uint64_t> stale;
  for (const auto& [connection, entry] : entries->second) {
    if (entry.expires <= now) stale.push_back(connection);
  }
  for (uint64_t connection : stale) RemoveLocked(ticket, connection);
}

}  // namespace rapport::http
