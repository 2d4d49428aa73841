// VisitorEndpoint: the widget's WebSocket, GET /widget/ws (docs/design/chat.md § Frames), apart
// from the socket itself (websocket_session.cpp does the I/O). A public surface (DESIGN §6):
// no login; a visitor is who their signed visitor id says (PublicTokens, purpose "chat_visitor"),
// and a customer only once the website's server vouched for them (chat_identity.hpp).
//
// Admission, before the upgrade: the Origin must be one of the chat settings' allowed origins
// (403 otherwise: other websites may not embed this desk's chat), the request must be an upgrade
// (400), and one address holds at most kMaxConnectionsPerAddress sockets (429). Then each client
// frame is handled by HandleFrame and each poke from the ChatHub by Refresh, both on a worker
// pool (they block on storage); they return the frames to send, in order.
//
// Thread-safe: the connection counts are under a mutex; a VisitorState belongs to its connection
// (touched by one call at a time).
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "http/message.hpp"
#include "identity/public_token.hpp"
#include "support/chat/chat_hub.hpp"
#include "support/chat/chat_service.hpp"
#include "support/chat/chat_typing.hpp"

namespace rapport::http {

inline constexpr std::string_view kVisitorSocketPath = "/widget/ws";

struct VisitorAdmission {
  std::string origin;
  std::string address;
};

// What a visitor connection knows between frames.
struct VisitorState {
  std::string origin;
  std::string address;
  bool hello = false;  // nothing but hello (and ping) before it
  std::string visitor_id;
  std::optional<std::string> customer_id;  // verified
  std::optional<std::string> queue_id;
  std::optional<std::string> page_url;
  std::optional<std::string> conversation_id;
  int64_t sent_seq = 0;  // the highest message seq sent to this connection
  std::string sent_state;
  std::optional<std::string> sent_assignee;
  int64_t sent_agent_read = 0;
};

class VisitorEndpoint {
 public:
  static constexpr size_t kMaxConnectionsPerAddress = 20;
  static constexpr size_t kMaxConnections = 10000;
  static constexpr int64_t kVisitorTokenSeconds = int64_t{365} * 24 * 3600;
  static constexpr int64_t kCatchUpLimit = 500;  // messages per catch-up frame batch

  VisitorEndpoint(support::chat::ChatService& chat, support::chat::ChatHub& hub,
                  const identity::PublicTokens& tokens)
      : chat_(chat), hub_(hub), tokens_(tokens) {}

  support::chat::ChatHub& hub() { return hub_; }

  // The visitor's typing, for the agents (chat_typing.hpp): called with the conversation at most
  // once per conversation per kTypingInterval, on a worker pool; it must not block. Set once
  // before serving; without it typing frames are only accepted.
  using TypingNotice = std::function<void(const support::chat::Conversation&)>;
  void EnableTypingNotices(TypingNotice notify) { notify_typing_ = std::move(notify); }

  // Blocks on storage (the allowed origins). On success the address holds one more connection:
  // call Release(admission) when it closes.
  Result<VisitorAdmission> Admit(const Request& head, bool is_upgrade);
  void Release(const VisitorAdmission& admission);

  // One client frame (JSON text). Never fails: problems become error frames.
  std::vector<std::string> HandleFrame(VisitorState& state, std::string_view text);
  // What changed in storage since the connection last sent: new messages, state, read receipts.
  std::vector<std::string> Refresh(VisitorState& state);

 private:
  std::vector<std::string> Hello(VisitorState& state, const json::object& frame);
  void AppendChanges(VisitorState& state, std::vector<std::string>& out);
  void TicketWhileOffline(const VisitorState& state,
                          const support::chat::Conversation& conversation,
                          std::vector<std::string>& out);
  void VisitorTyping(const VisitorState& state);
  void VisitorFileMessage(VisitorState& state, const support::chat::VisitorStart& start,
                          const json::object& frame, std::vector<std::string>& out);
  storage::WriteContext Context(const VisitorState& state) const;

  support::chat::ChatService& chat_;
  support::chat::ChatHub& hub_;
  const identity::PublicTokens& tokens_;
  TypingNotice notify_typing_;
  support::chat::TypingThrottle typing_;
  std::mutex mutex_;
  std::map<std::string, size_t> per_address_;  // GUARDED_BY(mutex_)
  size_t total_ = 0;                           // GUARDED_BY(mutex_)
};

}  // namespace rapport::http
