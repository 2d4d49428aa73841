// Live chat, the agent side (docs/design/chat.md § Agent API): the inbox views, one conversation
// with its messages, accept / reply / typing / read / transfer / end / convert-to-ticket, and the
// chat settings for administrators. Thin handlers over support::chat::ChatService; every change
// also pokes the ChatHub so the visitor's widget hears of it at once. Also the schemas.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "support/chat/chat_hub.hpp"
#include "support/chat/chat_service.hpp"

namespace rapport::http {
namespace {

constexpr int64_t kDefaultMessages = 200;

Result<int64_t> IntQuery(const Request& request, const std::string& name, int64_t fallback) {
  const auto text = request.Query(name);
  if (!text) return fallback;
  try {
    size_t used = 0;
    const int64_t value = std::stoll(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  return Error::Invalid(name, "must be an integer");
}

// A change to conversation `id` through the API: run it, then tell the visitor's connection.
template <class Change>
Response Changed(ApiServices& s, const Request& request, const std::string& id, Change change) {
  Result<json::object> result = change();
  if (result.ok() && s.chat_hub != nullptr) s.chat_hub->Poke(id);
  return RecordResponse(request, std::move(result));
}

void AddConversationAction(Router& router, ApiServices& s, std::string action, std::string summary,
                           std::string request_schema) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/chats/{id}/" + action,
              .summary = std::move(summary),
              .tag = "chat",
              .request_schema = std::move(request_schema),
              .response_schema = "ChatConversation",
              .handler = [&s, action](const Request& request, const PathParams& params,
                                      const Caller& caller) {
                const std::string& id = params.at("id");
                json::object body;
                if (!request.body.empty()) {
                  auto parsed = ParseBody(request);
                  if (!parsed.ok()) return ErrorResponse(request, parsed.error());
                  body = std::move(*parsed);
                }
                return Changed(s, request, id, [&]() -> Result<json::object> {
                  auto& chat = *s.chat;
                  if (action == "accept") return chat.Accept(caller.Access(), caller.Context(), id);
                  if (action == "transfer") {
                    return chat.Transfer(caller.Access(), caller.Context(), id, body);
                  }
                  if (action == "end") return chat.End(caller.Access(), caller.Context(), id);
                  return chat.ConvertToTicket(caller.Access(), caller.Context(), id, body);
                });
              }});
}

}  // namespace

void AddChatRoutes(Router& router, ApiServices& s) {
  if (s.chat == nullptr) return;
  router.Add({.method = "GET",
              .pattern = "/api/v1/chats",
              .summary = "Chat conversations: view=waiting (oldest first), mine (active, assigned "
                         "to the caller) or all (newest first)",
              .tag = "chat",
              .response_schema = "ChatConversationList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto limit = IntQuery(request, "limit", 50);
                if (!limit.ok()) return ErrorResponse(request, limit.error());
                auto list = s.chat->List(caller.Access(), request.Query("view").value_or("waiting"),
                                         *limit);
                if (!list.ok()) return ErrorResponse(request, list.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*list)}, {"next_cursor", nullptr}});
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/chats/{id}",
       .summary = "One conversation with its messages after ?after= (a seq; paged by seq)",
       .tag = "chat",
       .response_schema = "ChatConversationWithMessages",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto after = IntQuery(request, "after", 0);
         if (!after.ok()) return ErrorResponse(request, after.error());
         auto limit = IntQuery(request, "limit", kDefaultMessages);
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         return RecordResponse(request,
                               s.chat->Get(caller.Access(), params.at("id"), *after, *limit));
       }});
  AddConversationAction(router, s, "accept",
                        "Take a waiting chat (up to the per-agent limit of active chats)", "");
  AddConversationAction(router, s, "transfer",
                        "Hand the chat to another agent ({assignee_id}) or queue ({queue_id})",
                        "ChatTransfer");
  AddConversationAction(router, s, "end", "End the chat", "");
  AddConversationAction(router, s, "convert-to-ticket",
                        "Make the chat a ticket with its transcript, or attach the transcript to "
                        "{ticket_id} as a note",
                        "ChatConvert");
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/chats/{id}/messages",
       .summary = "The agent's reply ({text, client_id?, attachment_ids?}; a repeated client_id "
                  "stores nothing)",
       .tag = "chat",
       .success_status = 201,
       .request_schema = "ChatReply",
       .response_schema = "ChatReplyResult",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto result = s.chat->Reply(caller.Access(), caller.Context(), params.at("id"), *body);
         if (!result.ok()) return ErrorResponse(request, result.error());
         if (s.chat_hub != nullptr) s.chat_hub->Poke(params.at("id"));
         return Response::Json(201, std::move(*result));
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/chats/{id}/typing",
       .summary = "Tell the visitor the agent is typing (nothing is stored)",
       .tag = "chat",
       .success_status = 204,
       .read_only = true,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto c = s.chat->Workable(caller.Access(), params.at("id"));
         if (!c.ok()) return ErrorResponse(request, c.error());
         if (s.chat_hub != nullptr) {
           s.chat_hub->Tell(params.at("id"), R"({"type":"typing","author_kind":"agent"})");
         }
         return Response::NoContent();
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/chats/{id}/read",
       .summary = "The agent has read the messages up to {seq} (the visitor sees a receipt)",
       .tag = "chat",
       .success_status = 204,
       .request_schema = "ChatRead",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         const json::value* seq = body->if_contains("seq");
         if (seq == nullptr || !seq->is_int64() || seq->as_int64() < 0) {
           return ErrorResponse(request, Error::Invalid("seq", "must be an integer >= 0"));
         }
         auto read = s.chat->AgentRead(caller.Access(), params.at("id"), seq->as_int64());
         if (!read.ok()) return ErrorResponse(request, read.error());
         if (s.chat_hub != nullptr) s.chat_hub->Poke(params.at("id"));
         return Response::NoContent();
       }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/chat/settings",
              .summary = "The chat's settings, with the identity-verification secret "
                         "(administrators only)",
              .tag = "chat",
              .response_schema = "ChatSettings",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                return RecordResponse(request, s.chat->SettingsJson(caller.Access()));
              }});
  router.Add({.method = "PATCH",
              .pattern = "/api/v1/chat/settings",
              .summary = "Change the allowed origins, default queue, per-agent limit, or rotate "
                         "the identity secret (administrators only)",
              .tag = "chat",
              .request_schema = "ChatSettingsInput",
              .response_schema = "ChatSettings",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return RecordResponse(
                    request, s.chat->UpdateSettings(caller.Access(), caller.Context(), *body));
              }});
  if (s.chat_bot == nullptr) return;
  router.Add({.method = "GET",
              .pattern = "/api/v1/chat/bot",
              .summary = "The chatbot's guided flows and human-only topics (administrators only)",
              .tag = "chat",
              .response_schema = "ChatBotSettings",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                return RecordResponse(request, s.chat_bot->Get(caller.Access()));
              }});
  router.Add({.method = "PUT",
              .pattern = "/api/v1/chat/bot",
              .summary = "Replace the chatbot's guided flows and/or human-only topics "
                         "(administrators only)",
              .tag = "chat",
              .request_schema = "ChatBotSettingsInput",
              .response_schema = "ChatBotSettings",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return RecordResponse(request,
                                      s.chat_bot->Put(caller.Access(), caller.Context(), *body));
              }});
}

json::object ChatSchemas() {
  return json::parse(R"json({
  "ChatConversation": {"type": "object", "required": ["id", "visitor_id", "customer_id", "queue_id", "state", "assignee_id",
    "claimed_name", "claimed_email", "page_url", "origin", "rating", "rating_comment", "ticket_id", "last_seq",
    "visitor_read_seq", "agent_read_seq", "started_at", "accepted_at", "ended_at", "updated_at", "version"],
    "properties": {"id": {"type": "string"}, "visitor_id": {"type": "string"},
    "customer_id": {"type": ["string", "null"], "description": "set only once the website verified the visitor"},
    "queue_id": {"type": ["string", "null"]}, "state": {"enum": ["bot", "waiting", "active", "ended"]},
    "assignee_id": {"type": ["string", "null"]},
    "claimed_name": {"type": ["string", "null"]}, "claimed_email": {"type": ["string", "null"], "description": "typed by the visitor: a claim, never used to join a customer"},
    "page_url": {"type": ["string", "null"]}, "origin": {"type": ["string", "null"]},
    "rating": {"enum": ["good", "bad", null]}, "rating_comment": {"type": ["string", "null"]},
    "ticket_id": {"type": ["string", "null"]}, "last_seq": {"type": "integer"},
    "visitor_read_seq": {"type": "integer"}, "agent_read_seq": {"type": "integer"},
    "started_at": {"type": "string"}, "accepted_at": {"type": ["string", "null"]},
    "ended_at": {"type": ["string", "null"]}, "updated_at": {"type": "string"}, "version": {"type": "integer"},
    "handoff_reason": {"enum": ["asked", "unhelpful", "negative", "human_only", null], "description": "why the bot handed the chat to a person"}}},
  "ChatConversationList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/ChatConversation"}}, "next_cursor": {"type": "null"}}},
  "ChatFile": {"type": "object", "required": ["id", "name", "type", "size"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string", "description": "made safe: never a path"},
    "type": {"type": "string", "description": "sniffed from the bytes"}, "size": {"type": "integer"}}},
  "ChatMessage": {"type": "object", "required": ["seq", "author_kind", "author_id", "author_name", "text", "attachment_ids", "attachments", "client_id", "created_at"], "properties": {
    "seq": {"type": "integer"}, "author_kind": {"enum": ["visitor", "agent", "bot", "system"]},
    "author_id": {"type": ["string", "null"]}, "author_name": {"type": ["string", "null"]},
    "text": {"type": "string", "description": "plain text: show it as text, never as HTML; may be empty when the message sends files"},
    "attachment_ids": {"type": "array", "items": {"type": "string"}},
    "attachments": {"type": "array", "items": {"$ref": "#/components/schemas/ChatFile"}, "description": "download: GET /api/v1/chat-files/{id}"},
    "client_id": {"type": ["string", "null"]}, "created_at": {"type": "string"},
    "link": {"type": "object", "description": "a bot answer's help-center article", "properties": {"title": {"type": "string"}, "url": {"type": "string"}}},
    "buttons": {"type": "array", "description": "what the bot offered the visitor to press", "items": {"type": "object", "properties": {"label": {"type": "string"}, "value": {"type": "string"}}}}}},
  "ChatConversationWithMessages": {"type": "object", "required": ["conversation", "messages", "next_after"], "properties": {
    "conversation": {"$ref": "#/components/schemas/ChatConversation"},
    "messages": {"type": "array", "items": {"$ref": "#/components/schemas/ChatMessage"}},
    "next_after": {"type": ["integer", "null"], "description": "pass as ?after= for the next page; null at the end"}}},
  "ChatReply": {"type": "object", "description": "text, or attachment_ids, or both", "properties": {
    "text": {"type": "string", "maxLength": 4000}, "client_id": {"type": "string", "maxLength": 64},
    "attachment_ids": {"type": "array", "minItems": 1, "maxItems": 5, "items": {"type": "string"}, "description": "the caller's uploads to this chat (POST /chats/{id}/files) not yet sent"}}},
  "ChatReplyResult": {"type": "object", "required": ["conversation", "message"], "properties": {
    "conversation": {"$ref": "#/components/schemas/ChatConversation"}, "message": {"$ref": "#/components/schemas/ChatMessage"}}},
  "ChatTransfer": {"type": "object", "properties": {"assignee_id": {"type": "string"}, "queue_id": {"type": "string"}}},
  "ChatConvert": {"type": "object", "properties": {"ticket_id": {"type": "string"}}},
  "ChatRead": {"type": "object", "required": ["seq"], "properties": {"seq": {"type": "integer", "minimum": 0}}},
  "ChatSettingsInput": {"type": "object", "properties": {
    "allowed_origins": {"type": "array", "maxItems": 50, "items": {"type": "string", "description": "scheme://host[:port]"}},
    "queue_id": {"type": ["string", "null"]}, "max_concurrent": {"type": "integer", "minimum": 1, "maximum": 50},
    "rotate_identity_secret": {"type": "boolean"},
    "bot_mode": {"enum": ["off", "always", "offline"], "description": "when conversations start with the chatbot: never, always, or only when no person can take them"}}},
  "ChatSettings": {"type": "object", "required": ["allowed_origins", "queue_id", "max_concurrent", "identity_secret", "updated_at", "version"], "properties": {
    "allowed_origins": {"type": "array", "items": {"type": "string"}}, "queue_id": {"type": ["string", "null"]},
    "max_concurrent": {"type": "integer"}, "identity_secret": {"type": "string"},
    "bot_mode": {"enum": ["off", "always", "offline"]},
    "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "ChatBotFlowButton": {"type": "object", "required": ["label"], "properties": {
    "label": {"type": "string", "maxLength": 60}, "next": {"type": "string", "description": "a step of the same flow"},
    "action": {"enum": ["human", "orders", "article"]}, "article": {"type": "string", "description": "the article's slug, for action article"}}},
  "ChatBotFlow": {"type": "object", "required": ["id", "label", "steps"], "properties": {
    "id": {"type": "string"}, "label": {"type": "string", "maxLength": 60},
    "steps": {"type": "array", "minItems": 1, "maxItems": 30, "items": {"type": "object", "required": ["id", "text"], "properties": {
      "id": {"type": "string"}, "text": {"type": "string", "maxLength": 1000},
      "buttons": {"type": "array", "maxItems": 6, "items": {"$ref": "#/components/schemas/ChatBotFlowButton"}}}}}}},
  "ChatBotSettingsInput": {"type": "object", "properties": {
    "human_only_topics": {"type": "array", "maxItems": 100, "items": {"type": "string"}},
    "flows": {"type": "array", "maxItems": 20, "items": {"$ref": "#/components/schemas/ChatBotFlow"}}}},
  "ChatBotSettings": {"type": "object", "required": ["human_only_topics", "flows", "updated_at", "version"], "properties": {
    "human_only_topics": {"type": "array", "items": {"type": "string"}},
    "flows": {"type": "array", "items": {"$ref": "#/components/schemas/ChatBotFlow"}},
    "updated_at": {"type": "string"}, "version": {"type": "integer"}}}
})json")
      .as_object();
}

}  // namespace rapport::http
