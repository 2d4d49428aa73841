// Storage of chat conversations and messages (migration 0025): the rows as structs, their JSON
// for staff and for the visitor, and the few statements the service composes inside its
// transactions. Stateless functions over a Tx; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::support::chat {

struct Conversation {
  std::string id;
  std::string visitor_id;
  std::optional<std::string> customer_id;
  std::optional<std::string> queue_id;
  std::string state;
  std::optional<std::string> assignee_id;
  std::optional<std::string> claimed_name;
  std::optional<std::string> claimed_email;
  std::optional<std::string> page_url;
  std::optional<std::string> origin;
  std::optional<std::string> rating;
  std::optional<std::string> rating_comment;
  std::optional<std::string> ticket_id;
  int64_t last_seq = 0;
  int64_t visitor_read_seq = 0;
  int64_t agent_read_seq = 0;
  std::string started_at;
  std::optional<std::string> accepted_at;
  std::optional<std::string> ended_at;
  std::string updated_at;
  int64_t version = 1;
  std::string bot_state = "{}";               // the bot's memory (opaque here; chatbot.md)
  std::optional<std::string> handoff_reason;  // why the bot handed over, if it did
  std::optional<std::string> queue_team_id;   // read with it: where it sits, for access
  std::optional<std::string> customer_owner;  // the customer's owner, for access
};

struct Message {
  int64_t seq = 0;
  std::string author_kind;
  std::optional<std::string> author_id;
  std::optional<std::string> author_name;  // the agent's name
  std::string text;                        // may be empty when the message sends files
  json::array attachment_ids;              // its files: [{id, name, type, size}] (chat_files.hpp)
  std::optional<std::string> client_id;
  std::string created_at;
  json::object extra;  // a bot message's {link?, buttons?}; empty otherwise
};

struct ChatSettings {
  json::array allowed_origins;
  std::optional<std::string> queue_id;
  int64_t max_concurrent = 3;
  std::string identity_secret;
  std::optional<std::string> previous_identity_secret;
  std::string bot_mode = "off";  // off | always | offline (migration 0028)
  std::string updated_at;
  int64_t version = 1;
};

// The outcome of a call whose value is not needed (an Exec's row count).
template <class T>
Status StatusOf(const Result<T>& result) {
  if (!result.ok()) return result.error();
  return OkStatus();
}

Result<std::optional<Conversation>> LoadConversation(storage::Tx& tx, const std::string& id);
// The visitor's conversation that has not ended, if any.
Result<std::optional<Conversation>> LoadOpenConversation(storage::Tx& tx,
                                                         const std::string& visitor_id);
Status InsertConversation(storage::Tx& tx, const Conversation& conversation);
// Writes every changeable column and bumps the version.
Status SaveConversation(storage::Tx& tx, const Conversation& conversation);

// Messages with seq > after, oldest first, at most `limit`.
Result<std::vector<Message>> LoadMessages(storage::Tx& tx, const std::string& conversation_id,
                                          int64_t after, int64_t limit);
Result<std::optional<Message>> LoadMessageByClientId(storage::Tx& tx,
                                                     const std::string& conversation_id,
                                                     const std::string& client_id);
// Appends with the next seq (conversation.last_seq + 1) and advances last_seq in `conversation`
// (the caller saves it).
Result<Message> AppendMessage(storage::Tx& tx, Conversation& conversation, Message message);

Result<ChatSettings> LoadSettings(storage::Tx& tx);
Status SaveSettings(storage::Tx& tx, const ChatSettings& settings);

json::object ConversationJson(const Conversation& conversation);
// What the visitor is told about their conversation: no agent ids, no internal fields.
json::object VisitorConversationJson(const Conversation& conversation);
json::object MessageJson(const Message& message);
// For the visitor: the agent's name, never their id.
json::object VisitorMessageJson(const Message& message);

}  // namespace rapport::support::chat
