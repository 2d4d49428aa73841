// The agent half of ChatService (chat_service.hpp) and the chat's settings.
#include "support/chat/chat_service.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "support/chat/chat_events.hpp"
#include "support/chat/chat_files.hpp"
#include "support/chat/chat_routing.hpp"
#include "support/chat/chat_rules.hpp"
#include "support/ticket_service.hpp"

namespace rapport::support::chat {
namespace {

using access::Action;
using storage::Rows;
using storage::Tx;

constexpr int64_t kMaxList = 100;
constexpr int64_t kListScan = 1000;  // rows read to fill one filtered page
constexpr int64_t kMaxTranscriptMessages = 2000;
constexpr size_t kMaxOrigins = 50;
constexpr size_t kMaxOriginLength = 200;
constexpr int64_t kMaxConcurrentLimit = 50;

constexpr std::string_view kListWaiting =
    "SELECT id FROM chat_conversations WHERE state IN ('bot', 'waiting') "
    "ORDER BY started_at, seq LIMIT ?";
constexpr std::string_view kListMine =
    "SELECT id FROM chat_conversations WHERE assignee_id = ? AND state = 'active' "
    "ORDER BY started_at DESC, seq DESC LIMIT ?";
constexpr std::string_view kListAll =
    "SELECT id FROM chat_conversations ORDER BY started_at DESC, seq DESC LIMIT ?";
constexpr std::string_view kUserActive = "SELECT 1 FROM users WHERE id = ? AND status = 'active'";
constexpr std::string_view kQueueExists = "SELECT 1 FROM queues WHERE id = ?";

Error NotFound(const std::string& id) {
  return Error::NotFound("No conversation has the id " + id + ".");
}

json::object Served(const Conversation& c) { return ConversationJson(c); }

}  // namespace

std::string Transcript(const std::vector<Message>& messages) {
  std::string out;
  for (const auto& m : messages) {
    std::string who = m.author_kind == "visitor" ? "Visitor"
                      : m.author_kind == "agent"
                          ? "Agent" + (m.author_name ? " " + *m.author_name : std::string())
                      : m.author_kind == "bot" ? "Bot"
                                               : "System";
    std::string files;  // a file's name in the transcript; its bytes stay with the chat
    for (const auto& file : m.attachment_ids) {
      if (const json::value* name =
              file.is_object() ? file.as_object().if_contains("name") : nullptr;
          name != nullptr && name->is_string()) {
        files += " [file: " + std::string(name->as_string()) + "]";
      }
    }
    out += "[" + m.created_at + "] " + who + ": " + m.text + files + "\n";
  }
  return out;
}

Result<Conversation> ChatService::LoadReadable(const Access& access, const std::string& id,
                                               bool work) {
  std::optional<Conversation> c;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(c, LoadConversation(tx, id));
    return OkStatus();
  }));
  if (!c || !Reaches(access, *c, Action::kRead)) return NotFound(id);
  if (work && !Reaches(access, *c, Action::kEdit)) {
    return access::NotPermitted(access::Object::kTickets, Action::kEdit);
  }
  return std::move(*c);
}

Result<Conversation> ChatService::Workable(const Access& access, const std::string& id) {
  return LoadReadable(access, id, true);
}

Result<json::array> ChatService::List(const Access& access, std::string_view view, int64_t limit) {
  if (view != "waiting" && view != "mine" && view != "all") {
    return Error::Invalid("view", "must be one of waiting, mine, all");
  }
  if (limit < 1 || limit > kMaxList) return Error::Invalid("limit", "must be 1 to 100");
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    Rows ids;
    if (view == "waiting") {
      RAPPORT_ASSIGN_OR_RETURN(ids, tx.Query(kListWaiting, {kListScan}));
    } else if (view == "mine") {
      RAPPORT_ASSIGN_OR_RETURN(ids, tx.Query(kListMine, {access.user_id(), kListScan}));
    } else {
      RAPPORT_ASSIGN_OR_RETURN(ids, tx.Query(kListAll, {kListScan}));
    }
    for (const auto& row : ids) {
      if (static_cast<int64_t>(out.size()) >= limit) break;
      RAPPORT_ASSIGN_OR_RETURN(auto c, LoadConversation(tx, row.Text(0)));
      if (c && Reaches(access, *c, Action::kRead)) out.push_back(Served(*c));
    }
    return OkStatus();
  }));
  return out;
}

Result<json::object> ChatService::Get(const Access& access, const std::string& id, int64_t after,
                                      int64_t limit) {
  if (after < 0) return Error::Invalid("after", "must be a seq (an integer >= 0)");
  if (limit < 1 || limit > 500) return Error::Invalid("limit", "must be 1 to 500");
  RAPPORT_ASSIGN_OR_RETURN(Conversation c, LoadReadable(access, id, false));
  json::array messages;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto loaded, LoadMessages(tx, id, after, limit));
    for (const auto& m : loaded) messages.push_back(MessageJson(m));
    return OkStatus();
  }));
  const int64_t last = messages.empty() ? after : messages.back().at("seq").as_int64();
  return json::object{{"conversation", Served(c)},
                      {"messages", std::move(messages)},
                      {"next_after", last < c.last_seq ? json::value(last) : nullptr}};
}

Result<json::object> ChatService::ChangeState(
    const Access& access, const storage::WriteContext& context, const std::string& id,
    const std::function<Status(Tx&, Conversation&)>& change, std::string_view event,
    std::string_view audit_action) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto c, LoadConversation(tx, id));
    if (!c || !Reaches(access, *c, Action::kRead)) return NotFound(id);
    if (!Reaches(access, *c, Action::kEdit)) {
      return access::NotPermitted(access::Object::kTickets, Action::kEdit);
    }
    const json::object before = Served(*c);
    RAPPORT_RETURN_IF_ERROR(change(tx, *c));
    RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, *c));
    RAPPORT_ASSIGN_OR_RETURN(auto saved, LoadConversation(tx, id));
    served = Served(*saved);
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, event, *saved));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, audit_action, "chat_conversation", id, before, served));
    if (saved->state == "ended") RAPPORT_RETURN_IF_ERROR(LogOnTimeline(tx, context, *saved));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ChatService::Accept(const Access& access, const storage::WriteContext& context,
                                         const std::string& id) {
  return ChangeState(
      access, context, id,
      [&](Tx& tx, Conversation& c) -> Status {
        if (c.state == "active") return Error::Conflict("Another agent has this chat.", "state");
        RAPPORT_RETURN_IF_ERROR(CheckTransition(c.state, "active"));
        if (access.user_id().empty()) {
          return Error::PermissionDenied("Only a signed-in user's credential may accept a chat.");
        }
        // Counted under the writer: two accepts at once cannot both pass the limit.
        RAPPORT_ASSIGN_OR_RETURN(ChatSettings settings, LoadSettings(tx));
        RAPPORT_ASSIGN_OR_RETURN(int64_t active, ActiveChats(tx, access.user_id()));
        if (active >= settings.max_concurrent) {
          return Error::Conflict("You already have " + std::to_string(active) +
                                     " chats, the most one agent may hold at once.",
                                 "max_concurrent");
        }
        if (c.state == "bot") RAPPORT_RETURN_IF_ERROR(NotePersonJoined(tx, context, c));
        c.state = "active";
        c.assignee_id = access.user_id();
        c.accepted_at = NowInstant();
        return OkStatus();
      },
      "chat.accepted", "accept");
}

Result<json::object> ChatService::Reply(const Access& access, const storage::WriteContext& context,
                                        const std::string& id, const json::object& input) {
  std::optional<std::string> client_id;
  std::string text;
  std::vector<std::string> file_ids;
  for (const auto& [key, value] : input) {
    if (key == "text") {
      if (!value.is_string()) return Error::Invalid("text", "must be a string");
      const bool blank =
          std::string_view(value.as_string()).find_first_not_of(" \t\r\n") == std::string::npos;
      if (!blank || !input.contains("attachment_ids")) {
        RAPPORT_ASSIGN_OR_RETURN(text, CleanMessageText(value.as_string()));
      }
    } else if (key == "client_id") {
      if (!value.is_string()) return Error::Invalid("client_id", "must be a string");
      RAPPORT_RETURN_IF_ERROR(CheckClientId(value.as_string()));
      client_id = std::string(value.as_string());
    } else if (key == "attachment_ids") {
      RAPPORT_ASSIGN_OR_RETURN(file_ids, ParseFileIds(value));
    } else {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  if (text.empty() && file_ids.empty()) return Error::Invalid("text", "is required");
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto c, LoadConversation(tx, id));
    if (!c || !Reaches(access, *c, Action::kRead)) return NotFound(id);
    if (!Reaches(access, *c, Action::kEdit)) {
      return access::NotPermitted(access::Object::kTickets, Action::kEdit);
    }
    if (client_id) {
      RAPPORT_ASSIGN_OR_RETURN(auto earlier, LoadMessageByClientId(tx, id, *client_id));
      if (earlier) {
        served = json::object{{"conversation", Served(*c)}, {"message", MessageJson(*earlier)}};
        return OkStatus();
      }
    }
    if (c->state == "ended") return Error::Conflict("The conversation has ended.", "state");
    // Replying to a waiting chat accepts it; to another agent's chat joins it (the assignee
    // stays): supervisors step in without taking it over.
    if (c->state != "active") {
      RAPPORT_RETURN_IF_ERROR(CheckTransition(c->state, "active"));
      if (c->state == "bot") RAPPORT_RETURN_IF_ERROR(NotePersonJoined(tx, context, *c));
      c->state = "active";
      c->assignee_id =
          access.user_id().empty() ? std::nullopt : std::optional<std::string>(access.user_id());
      c->accepted_at = NowInstant();
      RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "chat.accepted", *c));
    }
    json::array files;
    if (!file_ids.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(files, BindFiles(tx, id, c->last_seq + 1, file_ids, "agent"));
    }
    Message message{.author_kind = "agent",
                    .author_id = access.user_id().empty()
                                     ? std::nullopt
                                     : std::optional<std::string>(access.user_id()),
                    .text = text,
                    .attachment_ids = std::move(files),
                    .client_id = client_id};
    RAPPORT_ASSIGN_OR_RETURN(Message stored, AppendMessage(tx, *c, std::move(message)));
    c->agent_read_seq = stored.seq;
    RAPPORT_RETURN_IF_ERROR(SaveConversation(tx, *c));
    RAPPORT_ASSIGN_OR_RETURN(auto saved, LoadConversation(tx, id));
    RAPPORT_ASSIGN_OR_RETURN(auto with_name, LoadMessages(tx, id, stored.seq - 1, 1));
    served = json::object{{"conversation", Served(*saved)},
                          {"message", MessageJson(with_name.empty() ? stored : with_name[0])}};
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "chat.message", *saved,
                                     {{"seq", stored.seq}, {"author_kind", "agent"}}));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ChatService::Transfer(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& id, const json::object& input) {
  std::optional<std::string> assignee;
  std::optional<std::string> queue;
  for (const auto& [key, value] : input) {
    if (key != "assignee_id" && key != "queue_id") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
    if (!value.is_string() || value.as_string().empty()) {
      return Error::Invalid(std::string(key), "must be an id");
    }
    (key == "assignee_id" ? assignee : queue) = std::string(value.as_string());
  }
  if (assignee.has_value() == queue.has_value()) {
    return Error::Invalid("assignee_id", "give either assignee_id or queue_id");
  }
  return ChangeState(
      access, context, id,
      [&](Tx& tx, Conversation& c) -> Status {
        if (assignee) {
          RAPPORT_RETURN_IF_ERROR(CheckTransition(c.state, "active"));
          RAPPORT_ASSIGN_OR_RETURN(Rows user, tx.Query(kUserActive, {*assignee}));
          if (user.empty()) return Error::Invalid("assignee_id", "is not an active user");
          RAPPORT_ASSIGN_OR_RETURN(ChatSettings settings, LoadSettings(tx));
          RAPPORT_ASSIGN_OR_RETURN(int64_t active, ActiveChats(tx, *assignee));
          if (active >= settings.max_concurrent && c.assignee_id != assignee) {
            return Error::Conflict("That agent already has the most chats one may hold.",
                                   "assignee_id");
          }
          c.state = "active";
          c.assignee_id = assignee;
          if (!c.accepted_at) c.accepted_at = NowInstant();
          return OkStatus();
        }
        RAPPORT_RETURN_IF_ERROR(CheckTransition(c.state, "waiting"));
        RAPPORT_ASSIGN_OR_RETURN(Rows found, tx.Query(kQueueExists, {*queue}));
        if (found.empty()) return Error::Invalid("queue_id", "is not a queue");
        c.state = "waiting";
        c.queue_id = queue;
        c.assignee_id.reset();
        return OkStatus();
      },
      "chat.transferred", "transfer");
}

Result<json::object> ChatService::End(const Access& access, const storage::WriteContext& context,
                                      const std::string& id) {
  return ChangeState(
      access, context, id,
      [&](Tx&, Conversation& c) -> Status {
        RAPPORT_RETURN_IF_ERROR(CheckTransition(c.state, "ended"));
        c.state = "ended";
        c.ended_at = NowInstant();
        return OkStatus();
      },
      "chat.ended", "end");
}

Result<json::object> ChatService::ConvertToTicket(const Access& access,
                                                  const storage::WriteContext& context,
                                                  const std::string& id,
                                                  const json::object& input) {
  if (tickets_ == nullptr) return Error::Unavailable("Tickets are not available here.");
  std::optional<std::string> existing;
  for (const auto& [key, value] : input) {
    if (key != "ticket_id") return Error::Invalid(std::string(key), "is not a known field");
    if (!value.is_string()) return Error::Invalid("ticket_id", "must be a ticket id");
    existing = std::string(value.as_string());
  }
  RAPPORT_ASSIGN_OR_RETURN(Conversation c, LoadReadable(access, id, true));
  if (c.ticket_id) return Error::Conflict("The conversation is already a ticket.", "ticket_id");
  std::vector<Message> messages;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(messages, LoadMessages(tx, id, 0, kMaxTranscriptMessages));
    return OkStatus();
  }));
  const std::string transcript =
      messages.empty() ? std::string("(no messages)") : Transcript(messages);
  std::string ticket_id;
  if (existing) {
    // Attaching: the transcript becomes an internal note on that ticket.
    RAPPORT_ASSIGN_OR_RETURN(
        json::object noted,
        tickets_->AddMessage(access, context, *existing,
                             json::object{{"kind", "note"}, {"body_text", transcript}},
                             std::nullopt));
    (void)noted;
    ticket_id = *existing;
  } else {
    json::object ticket{{"subject", "Chat " + c.started_at.substr(0, 16)},
                        {"channel", "chat"},
                        {"message", json::object{{"body_text", transcript}}}};
    if (c.queue_id) ticket["queue_id"] = *c.queue_id;
    if (c.customer_id) {
      ticket["customer_id"] = *c.customer_id;
    } else if (c.claimed_email) {
      json::object requester{{"email", *c.claimed_email}};
      if (c.claimed_name) requester["name"] = *c.claimed_name;
      ticket["requester"] = std::move(requester);
    } else {
      return Error::Invalid("ticket_id",
                            "the visitor is not identified and gave no email: attach the chat "
                            "to an existing ticket instead");
    }
    RAPPORT_ASSIGN_OR_RETURN(json::object created, tickets_->Create(access, context, ticket));
    ticket_id = std::string(created.at("id").as_string());
  }
  return ChangeState(
      access, context, id,
      [&](Tx&, Conversation& current) -> Status {
        current.ticket_id = ticket_id;
        return OkStatus();
      },
      "chat.converted", "convert");
}

Status ChatService::AgentRead(const Access& access, const std::string& id, int64_t seq) {
  RAPPORT_ASSIGN_OR_RETURN(Conversation c, LoadReadable(access, id, true));
  (void)c;
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto current, LoadConversation(tx, id));
    if (!current || seq <= current->agent_read_seq) return OkStatus();
    current->agent_read_seq = std::min(seq, current->last_seq);
    return SaveConversation(tx, *current);
  });
}

Result<json::object> ChatService::SettingsJson(const Access& access) {
  if (!access.is_admin()) return Error::PermissionDenied("Only administrators see chat settings.");
  RAPPORT_ASSIGN_OR_RETURN(ChatSettings s, Settings());
  return json::object{{"allowed_origins", s.allowed_origins},
                      {"queue_id", s.queue_id ? json::value(*s.queue_id) : nullptr},
                      {"max_concurrent", s.max_concurrent},
                      {"identity_secret", s.identity_secret},
                      {"bot_mode", s.bot_mode},
                      {"updated_at", s.updated_at},
                      {"version", s.version}};
}

Result<json::object> ChatService::UpdateSettings(const Access& access,
                                                 const storage::WriteContext& context,
                                                 const json::object& input) {
  if (!access.is_admin())
    return Error::PermissionDenied("Only administrators change chat settings.");
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(ChatSettings s, LoadSettings(tx));
    const json::object before{{"allowed_origins", s.allowed_origins},
                              {"queue_id", s.queue_id ? json::value(*s.queue_id) : nullptr},
                              {"max_concurrent", s.max_concurrent},
                              {"bot_mode", s.bot_mode}};
    for (const auto& [key, value] : input) {
      if (key == "allowed_origins") {
        if (!value.is_array() || value.as_array().size() > kMaxOrigins) {
          return Error::Invalid("allowed_origins", "must be a list of at most 50 origins");
        }
        json::array origins;
        for (const auto& origin : value.as_array()) {
          const bool good = origin.is_string() && origin.as_string().size() <= kMaxOriginLength &&
                            (origin.as_string().starts_with("https://") ||
                             origin.as_string().starts_with("http://")) &&
                            !origin.as_string().ends_with("/") &&
                            origin.as_string().find_first_of(" \t\r\n") == json::string::npos;
          if (!good) {
            return Error::Invalid("allowed_origins",
                                  "each must be an origin such as https://shop.example (scheme "
                                  "and host, no path)");
          }
          origins.push_back(origin);
        }
        s.allowed_origins = std::move(origins);
      } else if (key == "queue_id") {
        if (value.is_null()) {
          s.queue_id.reset();
          continue;
        }
        if (!value.is_string()) return Error::Invalid("queue_id", "must be a queue id or null");
        RAPPORT_ASSIGN_OR_RETURN(Rows found,
                                 tx.Query(kQueueExists, {std::string(value.as_string())}));
        if (found.empty()) return Error::Invalid("queue_id", "is not a queue");
        s.queue_id = std::string(value.as_string());
      } else if (key == "max_concurrent") {
        if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > kMaxConcurrentLimit) {
          return Error::Invalid("max_concurrent", "must be 1 to 50");
        }
        s.max_concurrent = value.as_int64();
      } else if (key == "bot_mode") {
        if (!value.is_string() || !IsBotMode(value.as_string())) {
          return Error::Invalid("bot_mode", "must be off, always or offline");
        }
        s.bot_mode = std::string(value.as_string());
      } else if (key == "rotate_identity_secret") {
        if (!value.is_bool()) return Error::Invalid(std::string(key), "must be true or false");
        if (value.as_bool()) {
          s.previous_identity_secret = s.identity_secret;
          s.identity_secret = RandomToken(32);
        }
      } else {
        return Error::Invalid(std::string(key), "is not a known field");
      }
    }
    RAPPORT_RETURN_IF_ERROR(SaveSettings(tx, s));
    const json::object after{{"allowed_origins", s.allowed_origins},
                             {"queue_id", s.queue_id ? json::value(*s.queue_id) : nullptr},
                             {"max_concurrent", s.max_concurrent},
                             {"bot_mode", s.bot_mode}};
    // The secret itself stays out of the audit trail; only that it was rotated shows.
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "chat_settings", "chat", before, after));
    return context.Written(tx, after);
  }));
  return SettingsJson(access);
}

}  // namespace rapport::support::chat
