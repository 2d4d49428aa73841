// The visitor half of ChatService (chat_service.hpp): what the widget's WebSocket calls.
#include <spdlog/spdlog.h>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "support/chat/chat_events.hpp"
#include "support/chat/chat_files.hpp"
#include "support/chat/chat_routing.hpp"
#include "support/chat/chat_rules.hpp"
#include "support/chat/chat_service.hpp"
#include "support/chat/chat_wait.hpp"

namespace rapport::support::chat {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kCustomerExists = "SELECT 1 FROM customers WHERE id = ?";
constexpr std::string_view kQueueExists = "SELECT 1 FROM queues WHERE id = ?";
// When the rating was given: the desk's satisfaction report counts ratings by it.
constexpr std::string_view kSetRatedAt = "UPDATE chat_conversations SET rated_at = ? WHERE id = ?";
constexpr size_t kMaxEmail = 254;

Error NoConversation() { return Error::NotFound("No conversation of this visitor has that id."); }

// Whether a conversation started now in `queue` starts with the bot.
Result<bool> BotTakesNew(Tx& tx, const ChatSettings& settings,
                         const std::optional<std::string>& queue, bool has_bot) {
  if (!has_bot || settings.bot_mode == "off") return false;
  if (settings.bot_mode == "always") return true;
  RAPPORT_ASSIGN_OR_RETURN(QueueStatus status,
                           ReadQueueStatus(tx, queue, settings.max_concurrent, NowMillis()));
  return !status.online();
}

// The open conversation of the visitor, started when there is none (inside Write): with the bot
// when one is plugged in and the settings' bot_mode says so for the queue's state now.
Result<std::pair<Conversation, bool>> OpenOrStart(Tx& tx, const storage::WriteContext& context,
                                                  const VisitorStart& start, bool has_bot) {
  RAPPORT_ASSIGN_OR_RETURN(auto open, LoadOpenConversation(tx, start.visitor_id));
  if (open) return std::pair{std::move(*open), false};
  RAPPORT_ASSIGN_OR_RETURN(ChatSettings settings, LoadSettings(tx));
  std::optional<std::string> queue = settings.queue_id;
  if (start.queue_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kQueueExists, {*start.queue_id}));
    if (!rows.empty()) queue = start.queue_id;  // an unknown queue falls back to the default
  }
  RAPPORT_ASSIGN_OR_RETURN(bool with_bot, BotTakesNew(tx, settings, queue, has_bot));
  const std::string now = NowInstant();
  Conversation c{.id = NewId("cht"),
                 .visitor_id = start.visitor_id,
                 .customer_id = start.customer_id,
                 .queue_id = queue,
                 .state = with_bot ? "bot" : "waiting",
                 .page_url = start.page_url,
                 .origin = start.origin,
                 .started_at = now,
                 .updated_at = now};
  RAPPORT_RETURN_IF_ERROR(InsertConversation(tx, c));
  RAPPORT_ASSIGN_OR_RETURN(auto loaded, LoadConversation(tx, c.id));
  RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "chat.started", *loaded));
  return std::pair{std::move(*loaded), true};
}

}  // namespace

Result<bool> ChatService::BotWouldAnswer(const std::optional<std::string>& queue_id) {
  bool out = false;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(ChatSettings settings, LoadSettings(tx));
    std::optional<std::string> queue = settings.queue_id;
    if (queue_id) {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kQueueExists, {*queue_id}));
      if (!rows.empty()) queue = queue_id;
    }
    RAPPORT_ASSIGN_OR_RETURN(out, BotTakesNew(tx, settings, queue, has_bot()));
    return OkStatus();
  }));
  return out;
}

Result<ChatSettings> ChatService::Settings() {
  ChatSettings settings;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(settings, LoadSettings(tx));
    return OkStatus();
  }));
  return settings;
}

Result<std::optional<Conversation>> ChatService::VisitorConversation(
    const std::string& visitor_id, const std::optional<std::string>& conversation_id) {
  std::optional<Conversation> out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    if (!conversation_id) {
      RAPPORT_ASSIGN_OR_RETURN(out, LoadOpenConversation(tx, visitor_id));
      return OkStatus();
    }
    RAPPORT_ASSIGN_OR_RETURN(out, LoadConversation(tx, *conversation_id));
    if (!out || out->visitor_id != visitor_id) return NoConversation();
    return OkStatus();
  }));
  return out;
}

Result<Conversation> ChatService::StartOrGet(const storage::WriteContext& context,
                                             const VisitorStart& start) {
  Conversation out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto opened, OpenOrStart(tx, context, start, has_bot()));
    out = std::move(opened.first);
    return OkStatus();
  }));
  return out;
}

Result<Posted> ChatService::PostVisitorMessage(const storage::WriteContext& context,
                                               const VisitorStart& start,
                                               const std::string& client_id, std::string_view text,
                                               const std::vector<std::string>& attachment_ids,
                                               std::optional<std::string> choice) {
  RAPPORT_RETURN_IF_ERROR(CheckClientId(client_id));
  if (choice && (choice->empty() || choice->size() > kMaxChoiceLength)) {
    return Error::Invalid("choice", "must be 1 to 120 characters");
  }
  RAPPORT_ASSIGN_OR_RETURN(std::string cleaned, CleanFileMessageText(text, attachment_ids));
  Posted posted;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto opened, OpenOrStart(tx, context, start, has_bot()));
    posted.conversation = std::move(opened.first);
    posted.started = opened.second;
    RAPPORT_ASSIGN_OR_RETURN(auto earlier,
                             LoadMessageByClientId(tx, posted.conversation.id, client_id));
    if (earlier) {
      posted.message = std::move(*earlier);
      posted.duplicate = true;
      return OkStatus();
    }
    json::array files;
    if (!attachment_ids.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(
          files, BindFiles(tx, posted.conversation.id, posted.conversation.last_seq + 1,
                           attachment_ids, "visitor"));
    }
    RAPPORT_ASSIGN_OR_RETURN(posted.message,
                             AppendMessage(tx, posted.conversation,
                                           Message{.author_kind = "visitor",
                                                   .text = cleaned,
                                                   .attachment_ids = std::move(files),
                                                   .client_id = client_id}));
    RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, posted.conversation));
    return Announce(tx, context, "chat.message", posted.conversation,
                    {{"seq", posted.message.seq}, {"author_kind", "visitor"}});
  }));
  if (posted.duplicate || posted.conversation.state != "bot" || !bot_) return posted;
  // The visitor's message is stored and will be acknowledged whatever the bot does: a bot that
  // fails is logged and the visitor can still ask for a person.
  if (Status bot = RunBot(context, posted, choice); !bot.ok()) {
    spdlog::warn("chat {}: the bot could not answer: {}", posted.conversation.id,
                 bot.error().message);
  }
  return posted;
}

Result<std::vector<Message>> ChatService::VisitorMessages(const std::string& visitor_id,
                                                          const std::string& conversation_id,
                                                          int64_t after, int64_t limit) {
  std::vector<Message> out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto c, LoadConversation(tx, conversation_id));
    if (!c || c->visitor_id != visitor_id) return NoConversation();
    RAPPORT_ASSIGN_OR_RETURN(out, LoadMessages(tx, conversation_id, after, limit));
    return OkStatus();
  }));
  return out;
}

Result<Conversation> ChatService::SetClaims(const storage::WriteContext& context,
                                            const VisitorStart& start, const json::object& form) {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : form) {
    if (key == "type") continue;
    if (key != "name" && key != "email") {
      errors.push_back({std::string(key), "is not a known field"});
      continue;
    }
    const size_t limit = key == "name" ? kMaxNameCharacters : kMaxEmail;
    CleanedText text = value.is_string()
                           ? CleanText(value.as_string(), limit, TextKind::kSingleLine)
                           : CleanedText{.problem = "must be a string"};
    if (text.problem.empty() && key == "email" && !text.text.empty() &&
        (text.text.find('@') == std::string::npos || text.text.find(' ') != std::string::npos)) {
      text.problem = "must be an email address";
    }
    if (!text.problem.empty()) errors.push_back({std::string(key), text.problem});
    if (!text.text.empty()) (key == "name" ? name : email) = text.text;
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  Conversation out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto opened, OpenOrStart(tx, context, start, has_bot()));
    out = std::move(opened.first);
    // A claim only: the email is never used to find or join a customer (an agent may confirm).
    if (name) out.claimed_name = name;
    if (email) out.claimed_email = email;
    RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, out));
    return Announce(tx, context, "chat.claimed", out);
  }));
  return out;
}

Result<Conversation> ChatService::Identify(const storage::WriteContext& context,
                                           const std::string& visitor_id,
                                           const std::string& customer_id) {
  Conversation out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows exists, tx.Query(kCustomerExists, {customer_id}));
    if (exists.empty()) return Error::PermissionDenied("The identity could not be verified.");
    RAPPORT_ASSIGN_OR_RETURN(auto open, LoadOpenConversation(tx, visitor_id));
    if (!open) return Error::NotFound("This visitor has no open conversation.");
    out = std::move(*open);
    if (out.customer_id == customer_id) return OkStatus();
    if (out.customer_id) {
      return Error::Conflict("The conversation already belongs to another customer.", "identity");
    }
    out.customer_id = customer_id;
    RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, out));
    return Announce(tx, context, "chat.identified", out);
  }));
  return out;
}

Status ChatService::VisitorRead(const std::string& visitor_id, int64_t seq) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto open, LoadOpenConversation(tx, visitor_id));
    if (!open) return NoConversation();
    if (seq <= open->visitor_read_seq) return OkStatus();
    open->visitor_read_seq = std::min(seq, open->last_seq);
    return SaveConversation(tx, *open);
  });
}

Result<Conversation> ChatService::VisitorEnd(const storage::WriteContext& context,
                                             const std::string& visitor_id) {
  Conversation out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto open, LoadOpenConversation(tx, visitor_id));
    if (!open) return NoConversation();
    out = std::move(*open);
    RAPPORT_RETURN_IF_ERROR(CheckTransition(out.state, "ended"));
    out.state = "ended";
    out.ended_at = NowInstant();
    RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, out));
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "chat.ended", out, {{"by", "visitor"}}));
    return LogOnTimeline(tx, context, out);
  }));
  return out;
}

Result<Conversation> ChatService::Rate(const storage::WriteContext& context,
                                       const std::string& visitor_id,
                                       const std::string& conversation_id,
                                       const json::object& input) {
  const json::value* rating = input.if_contains("rating");
  if (rating == nullptr || !rating->is_string() ||
      (rating->as_string() != "good" && rating->as_string() != "bad")) {
    return Error::Invalid("rating", "must be good or bad");
  }
  std::optional<std::string> comment;
  if (const json::value* given = input.if_contains("comment"); given && !given->is_null()) {
    CleanedText text = given->is_string() ? CleanText(given->as_string(), kMaxCommentCharacters,
                                                      TextKind::kMultiLine)
                                          : CleanedText{.problem = "must be a string"};
    if (!text.problem.empty()) return Error::Invalid("comment", text.problem);
    if (!text.text.empty()) comment = text.text;
  }
  Conversation out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto c, LoadConversation(tx, conversation_id));
    if (!c || c->visitor_id != visitor_id) return NoConversation();
    out = std::move(*c);
    if (out.rating) return Error::Conflict("This conversation has been rated.", "rating");
    out.rating = std::string(rating->as_string());
    out.rating_comment = comment;
    RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, out));
    RAPPORT_RETURN_IF_ERROR(StatusOf(tx.Exec(kSetRatedAt, {NowInstant(), out.id})));
    return Announce(tx, context, "chat.rated", out, {{"rating", *out.rating}});
  }));
  return out;
}

Result<json::object> ChatService::WaitingStatus(const std::string& conversation_id) {
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto c, LoadConversation(tx, conversation_id));
    if (!c) return NoConversation();
    RAPPORT_ASSIGN_OR_RETURN(ChatSettings settings, LoadSettings(tx));
    RAPPORT_ASSIGN_OR_RETURN(
        QueueStatus queue, ReadQueueStatus(tx, c->queue_id, settings.max_concurrent, NowMillis()));
    RAPPORT_ASSIGN_OR_RETURN(int64_t position, WaitingPosition(tx, c->id));
    RAPPORT_ASSIGN_OR_RETURN(std::vector<int64_t> waits, RecentWaits(tx, c->queue_id, NowMillis()));
    const auto estimate = EstimateWaitSeconds(std::move(waits), position,
                                              static_cast<int64_t>(queue.agents_with_room.size()));
    const bool waiting = c->state == "waiting";
    out = json::object{{"position", waiting ? json::value(position) : nullptr},
                       {"estimated_wait_seconds",
                        waiting && estimate ? json::value(*estimate) : json::value(nullptr)},
                       {"online", queue.online()},
                       {"within_hours", queue.within_hours}};
    return OkStatus();
  }));
  return out;
}

}  // namespace rapport::support::chat
