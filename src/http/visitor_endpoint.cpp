#include "http/visitor_endpoint.hpp"

#include <chrono>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "support/chat/allowed_sites.hpp"
#include "support/chat/chat_files.hpp"
#include "support/chat/chat_identity.hpp"
#include "support/chat/chat_rules.hpp"

namespace rapport::http {
namespace {

namespace chat = support::chat;

constexpr std::string_view kPurpose = "chat_visitor";

int64_t NowUnix() { return NowMillis() / 1000; }

std::string Frame(json::object frame) { return ToJsonString(frame); }

std::string ErrorFrame(std::string_view code, std::string_view detail,
                       std::string_view field = {}) {
  json::object frame{{"type", "error"}, {"code", code}, {"detail", detail}};
  if (!field.empty()) frame["field"] = field;
  return Frame(std::move(frame));
}

std::string ErrorFrame(const Error& error) {
  const std::string field = error.field_errors.empty() ? "" : error.field_errors.front().field;
  const std::string detail =
      error.field_errors.empty() ? error.message : field + " " + error.field_errors.front().message;
  std::string_view code = "invalid";
  switch (error.code) {
    case ErrorCode::kNotFound:
      code = "not_found";
      break;
    case ErrorCode::kConflict:
      code = "conflict";
      break;
    case ErrorCode::kPermissionDenied:
      code = "forbidden";
      break;
    case ErrorCode::kInvalidArgument:
      code = "invalid";
      break;
    default:
      code = "unavailable";
      break;
  }
  return ErrorFrame(code, detail, field);
}

std::optional<std::string> OptionalString(const json::object& frame, std::string_view key,
                                          size_t max) {
  const json::value* value = frame.if_contains(key);
  if (value == nullptr || !value->is_string() || value->as_string().empty() ||
      value->as_string().size() > max) {
    return std::nullopt;
  }
  return std::string(value->as_string());
}

}  // namespace

Result<VisitorAdmission> VisitorEndpoint::Admit(const Request& head, bool is_upgrade) {
  const auto origin = head.Header("origin");
  if (!origin) return Error::PermissionDenied("The chat is open only to the allowed websites.");
  RAPPORT_ASSIGN_OR_RETURN(chat::ChatSettings settings, chat_.Settings());
  if (!chat::OriginAllowed(settings, *origin)) {
    return Error::PermissionDenied("The chat is open only to the allowed websites.");
  }
  if (!is_upgrade) {
    return Error::Malformed(
        "GET /widget/ws is a WebSocket: send Connection: Upgrade and Upgrade: websocket.");
  }
  std::lock_guard lock(mutex_);
  size_t& mine = per_address_[head.remote_address];
  if (mine >= kMaxConnectionsPerAddress || total_ >= kMaxConnections) {
    if (mine == 0) per_address_.erase(head.remote_address);
    return Error::RateLimited("Too many chat connections from this address.",
                              std::chrono::seconds(30));
  }
  ++mine;
  ++total_;
  return VisitorAdmission{.origin = *origin, .address = head.remote_address};
}

void VisitorEndpoint::Release(const VisitorAdmission& admission) {
  std::lock_guard lock(mutex_);
  auto it = per_address_.find(admission.address);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
  --total_;
}

storage::WriteContext VisitorEndpoint::Context(const VisitorState& state) const {
  return storage::WriteContext{.actor = "visitor:" + state.visitor_id, .via = "public"};
}

std::vector<std::string> VisitorEndpoint::Hello(VisitorState& state, const json::object& frame) {
  std::vector<std::string> out;
  if (state.hello) {
    out.push_back(ErrorFrame("invalid", "hello was already sent on this connection"));
    return out;
  }
  std::optional<std::string> token = OptionalString(frame, "visitor_token", 300);
  std::string issued;
  if (token) {
    auto verified = tokens_.Verify(kPurpose, *token, NowUnix());
    if (verified.ok()) {
      state.visitor_id = *verified;
      issued = *token;
    } else {
      // A forged or expired id starts over as a new visitor: it never opens anyone's chat.
      out.push_back(ErrorFrame("visitor_token",
                               "The visitor token is not valid; a new one was "
                               "issued."));
    }
  }
  if (state.visitor_id.empty()) {
    state.visitor_id = NewId("vis");
    issued = tokens_.Sign(kPurpose, state.visitor_id, NowUnix() + kVisitorTokenSeconds);
  }
  state.hello = true;
  state.queue_id = OptionalString(frame, "queue_id", 100);
  state.page_url = OptionalString(frame, "page_url", chat::kMaxPageUrlLength);
  if (const json::value* identity = frame.if_contains("identity");
      identity != nullptr && !identity->is_null()) {
    auto settings = chat_.Settings();
    const std::vector<std::string> secrets =
        settings.ok() ? chat::IdentitySecrets(*settings) : std::vector<std::string>();
    auto customer = identity->is_object()
                        ? chat::VerifyIdentity(identity->as_object(), secrets, NowUnix())
                        : Result<std::string>(Error::PermissionDenied("bad identity"));
    if (customer.ok()) {
      state.customer_id = *customer;
    } else {
      out.push_back(ErrorFrame("identity",
                               "The identity could not be verified; the chat "
                               "continues as an anonymous visitor."));
    }
  }
  std::optional<std::string> asked = OptionalString(frame, "conversation_id", 100);
  auto conversation = chat_.VisitorConversation(state.visitor_id, asked);
  if (!conversation.ok()) {
    out.push_back(ErrorFrame(conversation.error()));
    conversation = chat_.VisitorConversation(state.visitor_id, std::nullopt);
  }
  std::optional<chat::Conversation> found = conversation.ok() ? *conversation : std::nullopt;
  if (found && state.customer_id && found->customer_id != state.customer_id) {
    auto identified = chat_.Identify(Context(state), state.visitor_id, *state.customer_id);
    if (identified.ok()) found = *identified;
    if (!identified.ok()) out.push_back(ErrorFrame(identified.error()));
  }
  json::object welcome{{"type", "welcome"},
                       {"visitor_token", issued},
                       {"identified", state.customer_id.has_value()}};
  welcome["conversation"] =
      found ? json::value(chat::VisitorConversationJson(*found)) : json::value(nullptr);
  // Whether the bot answers this visitor (their conversation is the bot's, or a new one would
  // be): the widget greets them as the bot and offers "Talk to a person".
  auto bot = found ? Result<bool>(found->state == "bot") : chat_.BotWouldAnswer(state.queue_id);
  welcome["bot"] = bot.ok() && *bot;
  if (found) {
    state.conversation_id = found->id;
    int64_t after = 0;
    if (const json::value* seq = frame.if_contains("after_seq"); seq && seq->is_int64()) {
      after = std::clamp<int64_t>(seq->as_int64(), 0, found->last_seq);
    }
    state.sent_seq = after;
    state.sent_state = found->state;
    state.sent_assignee = found->assignee_id;
  }
  out.insert(out.begin(), Frame(std::move(welcome)));
  AppendChanges(state, out);
  return out;
}

void VisitorEndpoint::AppendChanges(VisitorState& state, std::vector<std::string>& out) {
  if (!state.conversation_id) return;
  auto conversation = chat_.VisitorConversation(state.visitor_id, state.conversation_id);
  if (!conversation.ok() || !*conversation) return;
  const chat::Conversation& c = **conversation;
  while (state.sent_seq < c.last_seq) {
    auto messages = chat_.VisitorMessages(state.visitor_id, c.id, state.sent_seq, kCatchUpLimit);
    if (!messages.ok() || messages->empty()) break;
    for (const auto& message : *messages) {
      out.push_back(Frame({{"type", "message"}, {"message", chat::VisitorMessageJson(message)}}));
      state.sent_seq = message.seq;
    }
  }
  if (c.state != state.sent_state || c.assignee_id != state.sent_assignee) {
    const bool joined = c.state == "active" && c.assignee_id != state.sent_assignee;
    const bool left = state.sent_state == "active" && c.state != "active";
    if (joined) out.push_back(Frame({{"type", "agent_joined"}}));
    if (left && c.state != "ended") out.push_back(Frame({{"type", "agent_left"}}));
    out.push_back(Frame({{"type", "state"}, {"conversation", chat::VisitorConversationJson(c)}}));
    state.sent_state = c.state;
    state.sent_assignee = c.assignee_id;
  }
  if (c.agent_read_seq > state.sent_agent_read) {
    state.sent_agent_read = c.agent_read_seq;
    out.push_back(Frame({{"type", "read"}, {"seq", c.agent_read_seq}}));
  }
  if (c.state == "waiting") {
    auto waiting = chat_.WaitingStatus(c.id);
    if (waiting.ok()) {
      json::object frame = *waiting;
      frame["type"] = waiting->at("online").as_bool() ? "waiting" : "offline";
      if (!waiting->at("online").as_bool()) {
        frame["detail"] = waiting->at("within_hours").as_bool()
                              ? "Nobody is available right now. Leave your email and we will "
                                "answer by email."
                              : "We are outside our opening hours. Leave your email and we will "
                                "answer by email.";
      }
      out.push_back(Frame(std::move(frame)));
    }
  }
}

void VisitorEndpoint::TicketWhileOffline(const VisitorState& state,
                                         const chat::Conversation& conversation,
                                         std::vector<std::string>& out) {
  // Nobody to answer and an email to answer to: the conversation becomes a ticket.
  if (!conversation.claimed_email || conversation.state != "waiting" || conversation.ticket_id ||
      conversation.last_seq == 0) {
    return;
  }
  auto waiting = chat_.WaitingStatus(conversation.id);
  if (!waiting.ok() || waiting->at("online").as_bool()) return;
  auto converted =
      chat_.ConvertToTicket(access::Access::Unrestricted(), Context(state), conversation.id, {});
  if (converted.ok()) {
    out.push_back(
        Frame({{"type", "ticket_created"}, {"detail", "Thank you: we will answer by email."}}));
  }
}

std::vector<std::string> VisitorEndpoint::Refresh(VisitorState& state) {
  std::vector<std::string> out;
  AppendChanges(state, out);
  return out;
}

// A message that sends the visitor's uploads (POST /widget/files): {client_id, text?,
// attachment_ids}. Answered like any message: ack after the commit, then what changed.
void VisitorEndpoint::VisitorFileMessage(VisitorState& state, const chat::VisitorStart& start,
                                         const json::object& frame, std::vector<std::string>& out) {
  const json::value* client_id = frame.if_contains("client_id");
  const json::value* text = frame.if_contains("text");
  if (client_id == nullptr || !client_id->is_string()) {
    out.push_back(ErrorFrame("invalid", "client_id is required", "client_id"));
    return;
  }
  if (text != nullptr && !text->is_string()) {
    out.push_back(ErrorFrame("invalid", "text must be a string", "text"));
    return;
  }
  auto ids = chat::ParseFileIds(frame.at("attachment_ids"));
  if (!ids.ok()) {
    out.push_back(ErrorFrame(ids.error()));
    return;
  }
  auto posted = chat_.PostVisitorMessage(
      Context(state), start, std::string(client_id->as_string()),
      text != nullptr ? std::string_view(text->as_string()) : std::string_view(), *ids);
  if (!posted.ok()) {
    out.push_back(ErrorFrame(posted.error()));
    return;
  }
  out.push_back(Frame({{"type", "ack"},
                       {"client_id", client_id->as_string()},
                       {"seq", posted->message.seq},
                       {"conversation_id", posted->conversation.id}}));
  if (state.conversation_id != posted->conversation.id) {  // uploaded from another tab
    state.conversation_id = posted->conversation.id;
    state.sent_state = posted->conversation.state;
    state.sent_assignee.reset();
  }
  AppendChanges(state, out);
}

// Bounded before any storage read: the throttle first, then one read of the conversation (the
// agents' reach depends on its queue, assignee and customer). Nothing is answered to the visitor.
void VisitorEndpoint::VisitorTyping(const VisitorState& state) {
  if (!notify_typing_ || !state.conversation_id) return;
  if (!typing_.Allow(*state.conversation_id)) return;
  auto conversation = chat_.VisitorConversation(state.visitor_id, state.conversation_id);
  if (!conversation.ok() || !*conversation || (*conversation)->state == "ended") return;
  notify_typing_(**conversation);
}

std::vector<std::string> VisitorEndpoint::HandleFrame(VisitorState& state, std::string_view text) {
  std::vector<std::string> out;
  auto parsed = ParseJsonObject(text);
  const json::value* type = parsed.ok() ? parsed->if_contains("type") : nullptr;
  if (type == nullptr || !type->is_string()) {
    out.push_back(ErrorFrame("invalid", "Frames are JSON objects with a type."));
    return out;
  }
  const std::string kind(type->as_string());
  const json::object& frame = *parsed;
  if (kind == "ping") {
    out.push_back(R"({"type":"pong"})");
    return out;
  }
  if (kind == "hello") return Hello(state, frame);
  if (!state.hello) {
    out.push_back(ErrorFrame("invalid", "Send hello first."));
    return out;
  }
  const chat::VisitorStart start{.visitor_id = state.visitor_id,
                                 .queue_id = state.queue_id,
                                 .page_url = state.page_url,
                                 .origin = state.origin,
                                 .customer_id = state.customer_id};
  if (kind == "message" && frame.contains("attachment_ids")) {
    VisitorFileMessage(state, start, frame, out);
  } else if (kind == "message") {
    const json::value* client_id = frame.if_contains("client_id");
    const json::value* body = frame.if_contains("text");
    if (client_id == nullptr || !client_id->is_string()) {
      out.push_back(ErrorFrame("invalid", "client_id is required", "client_id"));
      return out;
    }
    if (body == nullptr || !body->is_string()) {
      out.push_back(ErrorFrame("invalid", "text must be a string", "text"));
      return out;
    }
    // A bot button pressed: its label is the message, its value tells the bot which one.
    std::optional<std::string> choice;
    if (const json::value* pressed = frame.if_contains("choice"); pressed && !pressed->is_null()) {
      if (!pressed->is_string()) {
        out.push_back(ErrorFrame("invalid", "choice must be a string", "choice"));
        return out;
      }
      choice = std::string(pressed->as_string());
    }
    auto posted =
        chat_.PostVisitorMessage(Context(state), start, std::string(client_id->as_string()),
                                 body->as_string(), {}, std::move(choice));
    if (!posted.ok()) {
      out.push_back(ErrorFrame(posted.error()));
      return out;
    }
    // Only now, after the commit: the client may forget its copy.
    out.push_back(Frame({{"type", "ack"},
                         {"client_id", client_id->as_string()},
                         {"seq", posted->message.seq},
                         {"conversation_id", posted->conversation.id}}));
    if (!state.conversation_id || *state.conversation_id != posted->conversation.id) {
      state.conversation_id = posted->conversation.id;
      state.sent_state = posted->conversation.state;
      state.sent_assignee.reset();
      out.push_back(Frame({{"type", "state"},
                           {"conversation", chat::VisitorConversationJson(posted->conversation)}}));
    }
    // The bot handed over while nobody can take the chat: with an email already given, it
    // becomes a ticket now; otherwise the `offline` frame asks for one. Only a bot's turn can
    // have changed the state since the message: other messages need no second read.
    if (posted->conversation.state == "bot" && posted->conversation.claimed_email) {
      if (auto now = chat_.VisitorConversation(state.visitor_id, posted->conversation.id);
          now.ok() && *now) {
        TicketWhileOffline(state, **now, out);
      }
    }
    AppendChanges(state, out);
  } else if (kind == "prechat") {
    auto claimed = chat_.SetClaims(Context(state), start, frame);
    if (!claimed.ok()) {
      out.push_back(ErrorFrame(claimed.error()));
      return out;
    }
    state.conversation_id = claimed->id;
    out.push_back(Frame({{"type", "prechat_saved"}}));
    TicketWhileOffline(state, *claimed, out);
    AppendChanges(state, out);
  } else if (kind == "typing") {
    VisitorTyping(state);
  } else if (kind == "read") {
    const json::value* seq = frame.if_contains("seq");
    if (seq == nullptr || !seq->is_int64() || seq->as_int64() < 0) {
      out.push_back(ErrorFrame("invalid", "seq must be an integer >= 0", "seq"));
    } else if (state.conversation_id) {
      (void)chat_.VisitorRead(state.visitor_id, seq->as_int64());
    }
  } else if (kind == "end") {
    auto ended = chat_.VisitorEnd(Context(state), state.visitor_id);
    if (!ended.ok()) out.push_back(ErrorFrame(ended.error()));
    if (ended.ok()) hub_.Poke(ended->id);  // the agent side learns through the stream's event
    AppendChanges(state, out);
  } else if (kind == "rate") {
    if (!state.conversation_id) {
      out.push_back(ErrorFrame("not_found", "There is no conversation to rate."));
      return out;
    }
    auto rated = chat_.Rate(Context(state), state.visitor_id, *state.conversation_id, frame);
    out.push_back(rated.ok() ? Frame({{"type", "rated"}}) : ErrorFrame(rated.error()));
  } else {
    out.push_back(ErrorFrame("invalid", "Unknown frame type " + kind.substr(0, 40) + "."));
  }
  return out;
}

}  // namespace rapport::http
