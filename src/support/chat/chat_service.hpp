// ChatService: live chat conversations between website visitors and agents
// (docs/design/chat.md). The visitor side is called by the widget's WebSocket (no Access: a
// visitor is known only by their signed visitor id, checked by the caller), the agent side by
// the REST API with the caller's Access.
//
// Access (like tickets, access.md § The service desk): a conversation joined to a customer is read
// by whoever may read that customer and whose tickets level reaches the conversation's place
// (its queue's team, its assignee); a conversation with no verified customer needs the tickets
// level only. Working on it (accept, reply, transfer, end, convert) takes the tickets edit level
// at the same place. One not readable is "not found".
//
// Every change is one transaction with its `chat.*` event (never the message text) and, for the
// agent's decisions, an audit entry. Messages get the next per-conversation seq; a message whose
// client id was already stored is returned as it was stored (idempotent resend), so a client that
// lost an ack resends safely. Holds references only; thread-safe; calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "support/chat/chat_bot_hook.hpp"
#include "support/chat/chat_store.hpp"

namespace rapport::support {
class TicketService;
}

namespace rapport::support::chat {

// What a visitor's connection knows when it starts a conversation.
struct VisitorStart {
  std::string visitor_id;
  std::optional<std::string> queue_id;  // the widget's chosen queue; else the settings' one
  std::optional<std::string> page_url;
  std::optional<std::string> origin;
  std::optional<std::string> customer_id;  // verified by the caller (chat_identity.hpp)
};

struct Posted {
  Conversation conversation;
  Message message;
  bool duplicate = false;  // the client id was already stored: nothing was written
  bool started = false;    // this message started the conversation
};

class ChatService {
 public:
  explicit ChatService(storage::Database& database, TicketService* tickets = nullptr)
      : database_(database), tickets_(tickets) {}

  using Access = access::Access;

  // Set once before serving; without it (or with the settings' bot_mode off) conversations
  // start in `waiting`.
  void SetBot(BotHook bot) { bot_ = std::move(bot); }
  bool has_bot() const { return static_cast<bool>(bot_); }

  Result<ChatSettings> Settings();
  // Admins only: {allowed_origins?: [origin], queue_id?: id|null, max_concurrent?: 1..50,
  // rotate_identity_secret?: true}.
  Result<json::object> UpdateSettings(const Access& access, const storage::WriteContext& context,
                                      const json::object& input);
  Result<json::object> SettingsJson(const Access& access);

  // ---- The visitor side -------------------------------------------------------------------
  // The visitor's open conversation; with `conversation_id`, that one, which must be theirs
  // (kNotFound otherwise: someone else's conversation is not confirmed to exist).
  Result<std::optional<Conversation>> VisitorConversation(
      const std::string& visitor_id, const std::optional<std::string>& conversation_id);
  // Whether a conversation started now in that queue (else the default one) would start with
  // the bot: the widget then shows the bot's welcome.
  Result<bool> BotWouldAnswer(const std::optional<std::string>& queue_id);
  // The open conversation, started (state waiting, or bot with a bot) when there is none.
  Result<Conversation> StartOrGet(const storage::WriteContext& context, const VisitorStart& start);
  // `attachment_ids`: the visitor's uploads this message sends (chat_files.hpp); with files the
  // text may be empty. `choice`: the value of a bot button the visitor pressed (the text is its
  // label).
  Result<Posted> PostVisitorMessage(const storage::WriteContext& context, const VisitorStart& start,
                                    const std::string& client_id, std::string_view text,
                                    const std::vector<std::string>& attachment_ids = {},
                                    std::optional<std::string> choice = std::nullopt);
  // Messages after `after` (at most `limit`) of the visitor's own conversation.
  Result<std::vector<Message>> VisitorMessages(const std::string& visitor_id,
                                               const std::string& conversation_id, int64_t after,
                                               int64_t limit);
  // The pre-chat form: {name?, email?}, kept as claims on the open conversation.
  Result<Conversation> SetClaims(const storage::WriteContext& context, const VisitorStart& start,
                                 const json::object& form);
  // Joins the open conversation to a verified customer (who must exist).
  Result<Conversation> Identify(const storage::WriteContext& context, const std::string& visitor_id,
                                const std::string& customer_id);
  Status VisitorRead(const std::string& visitor_id, int64_t seq);
  // Ends the visitor's open conversation; rates it when {rating, comment?} is given.
  Result<Conversation> VisitorEnd(const storage::WriteContext& context,
                                  const std::string& visitor_id);
  Result<Conversation> Rate(const storage::WriteContext& context, const std::string& visitor_id,
                            const std::string& conversation_id, const json::object& input);
  // {position, estimated_wait_seconds (or null: chat_wait.hpp), online, within_hours} for a
  // waiting conversation.
  Result<json::object> WaitingStatus(const std::string& conversation_id);

  // ---- The agent side ---------------------------------------------------------------------
  // view: waiting | mine | all; newest first, at most `limit` (1..100).
  Result<json::array> List(const Access& access, std::string_view view, int64_t limit);
  // {conversation, messages (after `after`, at most `limit`), next_after}.
  Result<json::object> Get(const Access& access, const std::string& id, int64_t after,
                           int64_t limit);
  Result<json::object> Accept(const Access& access, const storage::WriteContext& context,
                              const std::string& id);
  // {text, client_id?, attachment_ids?}: the agent's reply ({conversation, message}); with
  // attachment_ids (the agent's uploads, chat_files.hpp) the text may be empty.
  Result<json::object> Reply(const Access& access, const storage::WriteContext& context,
                             const std::string& id, const json::object& input);
  // {assignee_id} or {queue_id}.
  Result<json::object> Transfer(const Access& access, const storage::WriteContext& context,
                                const std::string& id, const json::object& input);
  Result<json::object> End(const Access& access, const storage::WriteContext& context,
                           const std::string& id);
  // {ticket_id?}: attach the transcript to that ticket, else create one for it.
  Result<json::object> ConvertToTicket(const Access& access, const storage::WriteContext& context,
                                       const std::string& id, const json::object& input);
  Status AgentRead(const Access& access, const std::string& id, int64_t seq);
  // The conversation when `access` may work on it (for typing notices); kNotFound otherwise.
  Result<Conversation> Workable(const Access& access, const std::string& id);

 private:
  Result<Conversation> LoadReadable(const Access& access, const std::string& id, bool work);
  Result<json::object> ChangeState(const Access& access, const storage::WriteContext& context,
                                   const std::string& id,
                                   const std::function<Status(storage::Tx&, Conversation&)>& change,
                                   std::string_view event, std::string_view audit_action);
  // The bot's turn after a visitor message (chat_bot_turn.cpp).
  Status RunBot(const storage::WriteContext& context, const Posted& posted,
                const std::optional<std::string>& choice);

  storage::Database& database_;
  TicketService* tickets_;
  BotHook bot_;
};

// The transcript as plain text ("Visitor: …\nAgent Sue: …"), for tickets and the timeline.
std::string Transcript(const std::vector<Message>& messages);

}  // namespace rapport::support::chat
